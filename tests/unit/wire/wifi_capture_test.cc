#include "wire/wifi_capture.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <sstream>

#include "support/files.h"
#include "unit/wire/wifi_test_frames.h"
#include "wire/pcap_file.h"

namespace fs = std::filesystem;
using namespace netfix::wire;
using netfix::model::DisplaySsid;
using netfix::model::WifiBss;
using netfix::testing::Beacon;
using netfix::testing::ClassicPcap;
using netfix::testing::Concat;
using netfix::testing::CorpusDir;
using netfix::testing::Element;
using netfix::testing::Frame;
using netfix::testing::ReadFile;
using netfix::testing::RsnElement;
using netfix::testing::SsidElement;

namespace {

WifiCapture ParseFile(const fs::path& path) {
  std::string bytes = ReadFile(path);
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  return ParseWifiCapture(data);
}

std::string SsidText(const WifiBss& bss) {
  return bss.hidden ? "<hidden>" : DisplaySsid(bss.ssid);
}

std::string Row(const std::string& name, const WifiCapture& capture) {
  std::ostringstream row;
  row << "| " << name << " | " << (capture.link_type.empty() ? "-" : capture.link_type) << " | "
      << capture.counts.frames << " | " << capture.scan.networks.size();
  std::string sep = " (";
  for (const auto& bss : capture.scan.networks) {
    row << sep << SsidText(bss);
    sep = ", ";
  }
  row << (capture.scan.networks.empty() ? "" : ")") << " | ";
  if (!capture.error.empty()) {
    row << "rejected: " << capture.error;
  } else {
    sep = "";
    for (std::size_t i = 1; i < capture.scan.notes.size(); ++i) {  // [0] repeats the counts
      row << sep << capture.scan.notes[i];
      sep = "; ";
    }
  }
  row << " |";
  return row.str();
}

Frame RadiotapBeacon(std::uint16_t mhz, std::int8_t signal, const Frame& ies,
                     std::uint8_t subtype = 8) {
  return Concat({netfix::testing::Radiotap(mhz, signal), Beacon(ies, 0x0011, subtype)});
}

bool HasNote(const WifiCapture& capture, const std::string& text) {
  const auto& notes = capture.scan.notes;
  return std::any_of(notes.begin(), notes.end(),
                     [&](const auto& note) { return note.find(text) != std::string::npos; });
}

// What each corpus file must give: the SSIDs of its networks (sorted;
// "<hidden>" for a hidden one), and a text that must appear in a note, or in
// the error when the file is rejected.
struct Expected {
  std::vector<std::string> ssids;
  std::string note;
};

const std::map<std::string, Expected>& CorpusExpectations() {
  const std::string none = "no beacons or probe responses";
  const std::string radiotap48 = "unsupported radiotap version 48";
  static const std::map<std::string, Expected> expected = {
      {"80211ad_beacon.pcap", {{}, none}},  // a 60 GHz DMG beacon (extension frame)
      {"Chinese-SSID-Name.pcap", {{"\\xb2\\xe2\\xca\\xd4"}, "1 beacon"}},
      {"MOM1.cap", {{"MOM1"}, "9 frames: 1 beacon, 0 probe responses, 8 other"}},
      {"arkime_80211http.pcap", {{}, none}},
      {"capture_wds-01.cap", {{"test1"}, "139 frames"}},
      {"floatingpoint_exception.pcap", {{}, none}},
      {"ieee802.11_exthdr.pcap", {{"omus"}, "6 probe responses"}},
      {"ieee802.11_htc.pcap", {{}, none}},
      {"ieee802.11_meshid.pcap", {{"<hidden>"}, "1 beacon, 1 probe response"}},
      {"ieee802.11_rates_oobr.pcap", {{}, radiotap48}},
      {"ieee802.11_rx-stbc.pcap", {{}, none}},
      {"ieee802.11_tim_ie_oobr.pcap", {{}, none}},
      {"libwifi_synthetic_beacons_with_221.pcap",
       {{"libwifi-beacon"}, "says channel 11, which cannot be: keeping 5180 MHz (50 frames)"}},
      {"n-02.cap", {{"Neheb"}, "9 probe responses"}},
      {"pmkid-not-recognized.cap", {{"WML"}, "877 probe responses"}},
      {"pypacker_prism_8bss.pcap",
       {{"De-Mail", "Lovepoint", "Pegasus", "Pegasus", "Pegasus", "SMART Showroom", "SPP-AP",
         "ZEMS"},
        "30 beacons, 22 probe responses"}},
      {"pypacker_rtap_sel.pcap", {{"system1"}, "1 beacon"}},
      {"pypacker_rtap_sel2.pcap", {{}, none}},
      {"pyrit_wpa2psk-Red_Apple.pcap", {{}, none}},
      {"pyrit_wpapsk-virgin_broadband.pcap",
       {{"virgin broadband"}, "cut short before its SSID (188 frames)"}},
      {"radiotap-heapoverflow.pcap", {{}, radiotap48}},
      {"reason_code-3.pcap", {{}, none}},
      {"scapy_bad_rsn_parsing_overrides_ssid.pcap", {{"ROUTE-821E295"}, "1 beacon"}},
      {"status_code-0.pcap", {{}, none}},
      {"test-pmkid.pcap", {{"WLAN-771698"}, "1 beacon"}},
      {"test1.pcap",
       {{"Intertelecom_FREE", "Lekonora", "Smile)", "Vodafone", "ogogo", "tmpAP", "veles3"},
        "adjacent-channel reception"}},
      {"test23.pcap", {{"WLAN-2"}, "1 beacon"}},
      {"testm1m2m3.pcap", {{"WLAN-2"}, "1 beacon"}},
      {"wep.open.system.authentication.cap", {{"teddy"}, "1 beacon"}},
      {"wep.shared.key.authentication.cap", {{"teddy"}, "1 beacon"}},
      {"wifite2_handshake_exists.cap", {{"Test Router Please Ignore"}, "11 probe responses"}},
      {"wifite2_handshake_has_1234.cap", {{"YZWifi"}, "cut short"}},
      {"wlanpi_profiler_clients/0xc6_beacon_nonutf8_ssid.pcapng",
       {{"\\xc6TME Enterprise"}, "1 beacon"}},
      {"wpa-psk-linksys.cap", {{"linksys"}, "98 beacons, 3 probe responses"}},
      {"wpa.cap", {{"test"}, "1 beacon"}},
      {"wpa2-psk-linksys.cap", {{"linksys"}, "85 beacons, 6 probe responses"}},
      {"wpa3-psk.pcap", {{"WPA3-Network"}, "1 beacon, 1 probe response"}},
      {"wpaclean_crash.pcap", {{}, "not a PRISM header"}},
      {"wps2.0.pcap", {{"WLAN_666"}, "1 beacon"}},
      {"zeek_arp-who-has-radiotap.pcap", {{}, none}},
      {"zeek_radiotap.pcap", {{}, none}},
      {"zeek_wlanmon.pcap", {{}, none}},
      {"zn2i.pcap", {{"dlink"}, "1 beacon"}},
  };
  return expected;
}

// Client captures of the WLAN Pi profiler: association requests only.
bool IsClientCapture(const std::string& name) {
  return name.rfind("wlanpi_profiler_clients/", 0) == 0 && name.find("0xc6") == std::string::npos;
}

}  // namespace

TEST_CASE("Wi-Fi capture: one network per BSSID and SSID, median signal", "[wire][wifi]") {
  Frame ies = Concat({SsidElement("Home"), Element(3, {1}), RsnElement({2})});
  Frame other_ies = Concat({SsidElement("Guest"), Element(3, {1})});
  Frame ack =
      Concat({netfix::testing::Radiotap(2412, -30), Frame{0xd4, 0, 0, 0, 1, 2, 3, 4, 5, 6}});
  Frame data = ClassicPcap(127, {RadiotapBeacon(2412, -40, ies), RadiotapBeacon(2412, -70, ies),
                                 RadiotapBeacon(2412, -50, ies, 5),
                                 RadiotapBeacon(2412, -60, other_ies), ack, Frame{1, 2}});
  auto capture = ParseWifiCapture(data);
  CHECK(capture.error.empty());
  CHECK(capture.link_type == "802.11+radiotap");
  CHECK(capture.scan.source == "pcap");
  CHECK(capture.scan.format == "pcap");
  CHECK(capture.scan.method == "import");
  CHECK(capture.scan.taken_at == "2023-11-14T22:13:25Z");
  REQUIRE(capture.scan.networks.size() == 2);
  const auto& home = capture.scan.networks[0];
  CHECK(home.ssid.bytes == "Home");
  CHECK(home.bssid == "02:11:22:33:44:55");
  CHECK(home.signal_dbm == Approx(-50));  // median of -40, -70, -50
  CHECK(home.security == "wpa2");
  CHECK(home.frequency_mhz == 2412);
  CHECK(home.source == "pcap");
  CHECK(home.seen_at == "2023-11-14T22:13:22Z");  // the third frame
  CHECK(capture.scan.networks[1].ssid.bytes == "Guest");
  CHECK(capture.counts.frames == 6);
  CHECK(capture.counts.beacons == 3);
  CHECK(capture.counts.probe_responses == 1);
  CHECK(capture.counts.other == 1);
  CHECK(capture.counts.unreadable == 1);
  CHECK(capture.scan.notes.at(0) ==
        "6 frames: 3 beacons, 1 probe response, 1 other 802.11 frame, 1 unreadable");
  CHECK(HasNote(capture, "frame too short for a radiotap header"));
}

TEST_CASE("Wi-Fi capture: raw 802.11 with an FCS, no signal", "[wire][wifi]") {
  Frame beacon = Beacon(Concat({SsidElement("Raw"), Element(3, {11})}), 0x0001);
  auto capture = ParseWifiCapture(ClassicPcap(105, {beacon}));
  REQUIRE(capture.scan.networks.size() == 1);
  const auto& bss = capture.scan.networks[0];
  CHECK(bss.channel == 11);
  CHECK(bss.frequency_mhz == 2462);
  CHECK_FALSE(bss.signal_dbm);
  CHECK(bss.security == "open");
}

TEST_CASE("Wi-Fi capture: rejected files", "[wire][wifi]") {
  CHECK(ParseWifiCapture(Frame{'h', 'e', 'l', 'l', 'o'}).error == "not a pcap or pcapng file");
  auto ethernet = ParseWifiCapture(ClassicPcap(1, {Frame(60, 0)}));
  CHECK(ethernet.error.rfind("Ethernet capture: no 802.11 frames", 0) == 0);
  auto empty = ParseWifiCapture(ClassicPcap(127, {}));
  CHECK(empty.error.empty());
  CHECK(HasNote(empty, "no beacons or probe responses"));
}

TEST_CASE("Wi-Fi capture: hostile frames stay in bounds", "[wire][wifi]") {
  Frame beacon = RadiotapBeacon(5180, -55, Concat({SsidElement("x"), RsnElement({8})}));
  for (std::size_t n = 0; n <= beacon.size(); ++n)
    ParseWifiCapture(ClassicPcap(127, {Frame(beacon.begin(), beacon.begin() + n)}));
  for (std::size_t i = 0; i < beacon.size(); ++i) {
    Frame changed = beacon;
    changed[i] ^= 0xff;
    ParseWifiCapture(ClassicPcap(127, {changed}));
  }
}

TEST_CASE("Wi-Fi capture corpus: what each file holds (skips without ../shared/corpus)",
          "[wire][wifi][corpus]") {
  auto dir = CorpusDir() / "pcap" / "wifi";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto parse = [&](const char* name) { return ParseFile(dir / name); };
  SECTION("the RSN element does not override the SSID") {
    auto capture = parse("scapy_bad_rsn_parsing_overrides_ssid.pcap");
    REQUIRE(capture.scan.networks.size() == 1);
    const auto& bss = capture.scan.networks[0];
    CHECK(bss.ssid.bytes == "ROUTE-821E295");
    CHECK(bss.bssid == "ec:17:2f:82:1e:29");
    CHECK(bss.signal_dbm == Approx(-50));
    CHECK(bss.frequency_mhz == 2412);
  }
  SECTION("radiotap and DS parameter disagree across bands: the radio wins") {
    auto capture = parse("libwifi_synthetic_beacons_with_221.pcap");
    REQUIRE(capture.scan.networks.size() == 1);
    CHECK(capture.scan.networks[0].frequency_mhz == 5180);
    CHECK(capture.scan.networks[0].band == "5");
    CHECK(capture.scan.networks[0].signal_dbm == Approx(-20));
    CHECK(capture.counts.beacons == 50);
  }
  SECTION("signals as tcpdump decodes them; adjacent-channel reception") {
    auto capture = parse("test1.pcap");
    std::map<std::string, const WifiBss*> by_ssid;
    for (const auto& bss : capture.scan.networks) by_ssid[bss.ssid.bytes] = &bss;
    REQUIRE(by_ssid.size() == 7);
    CHECK(by_ssid["ogogo"]->signal_dbm == Approx(-76));
    CHECK(by_ssid["Smile)"]->signal_dbm == Approx(-86));
    CHECK(by_ssid["Lekonora"]->signal_dbm == Approx(-83));
    CHECK(by_ssid["Lekonora"]->channel == 7);   // heard on channel 6
    CHECK_FALSE(by_ssid["tmpAP"]->signal_dbm);  // sent by the capturing host: no signal
    CHECK(by_ssid["ogogo"]->seen_at == "2018-09-22T13:02:46Z");
  }
  SECTION("PRISM: 8 networks, channel from the DS parameter, signal from the rssi item") {
    auto capture = parse("pypacker_prism_8bss.pcap");
    REQUIRE(capture.scan.networks.size() == 8);
    for (const auto& bss : capture.scan.networks) {
      INFO(bss.ssid.bytes);
      CHECK(bss.frequency_mhz != 0);
      CHECK(bss.signal_dbm);
      CHECK(bss.security != "unknown");
    }
  }
  SECTION("every byte of real captures changed, and every cut, stays in bounds") {
    for (const char* name :
         {"scapy_bad_rsn_parsing_overrides_ssid.pcap", "test23.pcap",
          "wlanpi_profiler_clients/0xc6_beacon_nonutf8_ssid.pcapng", "pypacker_prism_8bss.pcap"}) {
      std::string bytes = ReadFile(dir / name);
      std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
      std::size_t step = data.size() / 400 + 1;
      for (std::size_t i = 0; i < data.size(); i += step) {
        ParseWifiCapture(Bytes(data.data(), i));
        std::vector<std::uint8_t> changed = data;
        changed[i] ^= 0xa5;
        ParseWifiCapture(changed);
      }
    }
  }
  SECTION("a large capture is fast") {
    auto start = std::chrono::steady_clock::now();
    auto capture = parse("pmkid-not-recognized.cap");
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(took < std::chrono::seconds(2));  // about 20 ms in a debug build
    CHECK(capture.counts.frames == 20057);
    CHECK(capture.counts.probe_responses == 877);
    REQUIRE(capture.scan.networks.size() == 1);
    CHECK(capture.scan.networks[0].security == "wpa2-wpa3");
  }
}

TEST_CASE("Wi-Fi capture corpus: every file (skips without ../shared/corpus)",
          "[wire][wifi][corpus]") {
  auto dir = CorpusDir() / "pcap" / "wifi";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() != ".out")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::cout << "| file | link type | frames | networks (SSIDs) | notes/outcome "
               "|\n|---|---|---|---|---|\n";
  for (const auto& path : files) {
    std::string name = fs::relative(path, dir).string();
    auto capture = ParseFile(path);
    std::cout << Row(name, capture) << "\n";
    INFO(name);
    std::vector<std::string> ssids;
    for (const auto& bss : capture.scan.networks) ssids.push_back(SsidText(bss));
    std::sort(ssids.begin(), ssids.end());
    if (IsClientCapture(name)) {
      CHECK(ssids.empty());
      CHECK(HasNote(capture, "no beacons or probe responses"));
      continue;
    }
    auto it = CorpusExpectations().find(name);
    if (it == CorpusExpectations().end()) {
      FAIL_CHECK("no expectation for this corpus file yet");
      continue;
    }
    CHECK(capture.error.empty());
    CHECK(ssids == it->second.ssids);
    CHECK(HasNote(capture, it->second.note));
  }
}
