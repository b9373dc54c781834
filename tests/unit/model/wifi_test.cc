#include "model/wifi.h"

#include <catch2/catch.hpp>

#include "model/snapshot.h"
#include "model/snapshot_json.h"
#include "model/wifi_json.h"

using namespace netfix::model;

TEST_CASE("Wi-Fi frequencies map to bands and channels and back") {
  CHECK(BandOf(2412) == "2.4");
  CHECK(ChannelOf(2412) == 1);
  CHECK(ChannelOf(2472) == 13);
  CHECK(ChannelOf(2484) == 14);
  CHECK(BandOf(5180) == "5");
  CHECK(ChannelOf(5180) == 36);
  CHECK(ChannelOf(5500) == 100);
  CHECK(BandOf(5975) == "6");
  CHECK(ChannelOf(5975) == 5);
  CHECK(ChannelOf(6775) == 165);
  CHECK(BandOf(60480) == "60");
  CHECK(ChannelOf(60480) == 2);
  CHECK(BandOf(900) == "");
  CHECK(FrequencyOf(6, "2.4") == 2437);
  CHECK(FrequencyOf(14, "") == 2484);
  CHECK(FrequencyOf(100, "5") == 5500);
  CHECK(FrequencyOf(100, "") == 5500);
  CHECK(FrequencyOf(5, "6") == 5975);
  CHECK(FrequencyOf(0, "5") == 0);
}

TEST_CASE("SSIDs are bytes: invalid UTF-8 survives a JSON round trip") {
  CHECK(IsValidUtf8("FRITZ!Box 7590 Küche"));
  CHECK_FALSE(IsValidUtf8("\xc6TME"));
  CHECK_FALSE(IsValidUtf8("ab\xe4"));        // cut short
  CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  CHECK(DisplaySsid({"\xc6TME Enterprise"}) == "\\xc6TME Enterprise");

  Snapshot s;
  WifiScan scan;
  scan.source = "pcap";
  WifiBss bss;
  bss.bssid = "00:11:22:33:44:55";
  bss.ssid.bytes = std::string("\xc6TME\0x", 6);
  bss.signal_dbm = -61;
  bss.wps = false;
  scan.networks.push_back(bss);
  s.measurements.wifi = scan;
  Survey survey;
  survey.rooms.push_back({"Küche", "repeater", {scan}});
  s.survey = survey;

  std::string text = DumpJson(SnapshotToJson(s));
  CHECK(text.find("\"hex\": \"c6544d450078\"") != std::string::npos);
  Snapshot back;
  std::string error;
  REQUIRE(ParseSnapshot(text, &back, &error));
  REQUIRE(back.measurements.wifi);
  const auto& b = back.measurements.wifi->networks.at(0);
  CHECK(b.ssid.bytes == bss.ssid.bytes);
  CHECK(b.signal_dbm == -61);
  CHECK(b.wps == false);
  CHECK_FALSE(b.rrm.has_value());
  REQUIRE(back.survey);
  CHECK(back.survey->rooms.at(0).name == "Küche");
  CHECK(back.survey->rooms.at(0).samples.at(0).networks.at(0).ssid == bss.ssid);
}

TEST_CASE("survey files: wrong schema and broken hex are errors with a place") {
  Survey survey;
  std::string error;
  CHECK_FALSE(ParseSurvey(R"({"schema": "netfix.survey/9"})", &survey, &error));
  CHECK(error.find("/schema") != std::string::npos);
  CHECK_FALSE(ParseSurvey(
      R"({"schema": "netfix.survey/1", "rooms": [{"name": "A", "samples": [{"networks": [{"ssid": {"hex": "zz"}}]}]}]})",
      &survey, &error));
  CHECK(error.find("/rooms/0/samples/0/networks/0/ssid") != std::string::npos);
  CHECK(ParseSurvey(R"({"schema": "netfix.survey/1", "rooms": [{"name": "Flur"}]})", &survey,
                    &error));
  CHECK(survey.rooms.at(0).name == "Flur");
}
