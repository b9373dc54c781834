#include <catch2/catch.hpp>

#include "inventory/build.h"
#include "wifi/analysis.h"

using namespace netfix;
using model::WifiBss;
using model::WifiScan;

namespace {

WifiBss Bss(const std::string& bssid, const std::string& ssid, int mhz, double dbm) {
  WifiBss b;
  b.bssid = bssid;
  b.ssid.bytes = ssid;
  b.frequency_mhz = mhz;
  b.channel = model::ChannelOf(mhz);
  b.band = model::BandOf(mhz);
  b.signal_dbm = dbm;
  b.source = "iw";
  return b;
}

WifiScan Scan(std::vector<WifiBss> networks) {
  WifiScan s;
  s.source = "iw";
  s.networks = std::move(networks);
  return s;
}

model::SurveyRoom Room(const std::string& name, std::vector<WifiScan> samples,
                       const std::string& near = "") {
  return {name, near, std::move(samples)};
}

model::Snapshot WithRooms(std::vector<model::SurveyRoom> rooms) {
  model::Snapshot s;
  model::Survey survey;
  survey.rooms = std::move(rooms);
  s.survey = survey;
  return s;
}

const std::string kHome = "FRITZ!Box 7590 XY";

}  // namespace

TEST_CASE("Wi-Fi analysis: rooms take the median of their samples, best own signal per band") {
  auto s = WithRooms({Room("Küche", {Scan({Bss("3c:a6:2f:10:00:03", kHome, 2412, -60),
                                           Bss("3c:a6:2f:10:00:04", kHome, 5180, -75),
                                           Bss("00:1a:2b:3c:4d:5e", "WLAN-771698", 2437, -55)}),
                                     Scan({Bss("3c:a6:2f:10:00:03", kHome, 2412, -64),
                                           Bss("3c:a6:2f:10:00:04", kHome, 5180, -71)}),
                                     Scan({Bss("3c:a6:2f:10:00:03", kHome, 2412, -70)})})});
  // Connected to the home network in the first sample: that names it.
  s.survey->rooms[0].samples[0].networks[0].associated = true;
  inventory::Inventory none;
  wifi::Analysis a = wifi::Analyse(s, none);
  REQUIRE(a.rooms.size() == 1);
  CHECK(a.own_how == "connected");
  REQUIRE(a.own_ssids.size() == 1);
  CHECK(a.own_ssids[0].bytes == kHome);
  const auto& room = a.rooms[0];
  CHECK(room.samples == 3);
  REQUIRE(room.BestOwn("2.4") != nullptr);
  CHECK(room.BestOwn("2.4")->bss.signal_dbm == -64);  // median of -60, -64, -70
  CHECK(room.BestOwn("2.4")->samples_seen == 3);
  CHECK(room.BestOwn("5")->bss.signal_dbm == -73);  // median of two
  CHECK(room.BestOwnDbm() == -64);
  // The neighbour is stronger but not ours.
  CHECK(room.seen.front().bss.ssid.bytes == "WLAN-771698");
  // Both radios of the box are one access point, the only one: the router.
  REQUIRE(a.access_points.size() == 1);
  CHECK(a.access_points[0].bssids.size() == 2);
  CHECK(a.access_points[0].role == wifi::ApRole::kRouter);
}

TEST_CASE("Wi-Fi analysis: without any clue the strongest network is assumed to be ours") {
  auto s = WithRooms({Room("Flur", {Scan({Bss("00:1a:2b:3c:4d:5e", "WLAN-771698", 2437, -80),
                                          Bss("3c:a6:2f:10:00:03", kHome, 2412, -50)})})});
  inventory::Inventory none;
  auto a = wifi::Analyse(s, none);
  CHECK(a.own_how == "strongest");
  CHECK(a.own_ssids.at(0).bytes == kHome);
  s.survey->own_ssids.push_back({"WLAN-771698"});
  a = wifi::Analyse(s, none);
  CHECK(a.own_how == "named");
  CHECK(a.IsOwn(s.survey->rooms[0].samples[0].networks[0]));
  CHECK_FALSE(a.IsOwn(s.survey->rooms[0].samples[0].networks[1]));
}

TEST_CASE("Wi-Fi analysis: the inventory names router and repeater by their neighbouring MACs") {
  model::Snapshot s = WithRooms({Room(
      "Wohnzimmer",
      {Scan({Bss("3c:a6:2f:10:00:03", kHome, 2412, -45), Bss("2c:3a:fd:20:00:04", kHome, 5500, -70),
             Bss("3e:a6:2f:10:00:05", "FRITZ!Box Gastzugang", 2412, -46)})})});
  model::Device router;
  router.mac = "3c:a6:2f:10:00:01";
  router.ipv4 = {"192.168.178.1"};
  router.is_gateway = true;
  s.devices.push_back(router);
  s.default_gateway = "192.168.178.1";
  inventory::Inventory inv = inventory::Build(s);
  auto a = wifi::Analyse(s, inv);
  CHECK(a.own_how == "device");
  // The guest network comes from the router too (a virtual BSSID).
  CHECK(a.own_ssids.size() == 2);
  const wifi::AccessPoint* box = a.AccessPointOf("3c:a6:2f:10:00:03");
  REQUIRE(box != nullptr);
  CHECK(box->role == wifi::ApRole::kRouter);
  CHECK(box == a.AccessPointOf("3e:a6:2f:10:00:05"));
  // The repeater's radio carries the home SSID but is an access point of its own.
  const wifi::AccessPoint* other = a.AccessPointOf("2c:3a:fd:20:00:04");
  REQUIRE(other != nullptr);
  CHECK(other != box);
  CHECK(other->role == wifi::ApRole::kUnknown);
}

TEST_CASE("Wi-Fi analysis: a room surveyed next to a repeater names it") {
  auto s = WithRooms({Room("Flur", {Scan({Bss("3c:a6:2f:10:00:03", kHome, 2412, -50)})}, "router"),
                      Room("Büro",
                           {Scan({Bss("2c:3a:fd:20:00:03", kHome, 2412, -38),
                                  Bss("3c:a6:2f:10:00:03", kHome, 2412, -72)})},
                           "repeater")});
  inventory::Inventory none;
  auto a = wifi::Analyse(s, none);
  REQUIRE(a.access_points.size() == 2);
  CHECK(a.AccessPointOf("3c:a6:2f:10:00:03")->role == wifi::ApRole::kRouter);
  CHECK(a.AccessPointOf("2c:3a:fd:20:00:03")->role == wifi::ApRole::kRepeater);
  CHECK(a.rooms[1].BestOwn("2.4")->bss.bssid == "2c:3a:fd:20:00:03");
}

TEST_CASE("Wi-Fi analysis: this computer's own scan is a room when there is no survey") {
  model::Snapshot s;
  s.measurements.wifi = Scan({Bss("3c:a6:2f:10:00:04", kHome, 5180, -58)});
  s.measurements.wifi->link = model::WifiLink{"wlan0", "3c:a6:2f:10:00:04", {kHome}, 5180, -58};
  inventory::Inventory none;
  auto a = wifi::Analyse(s, none);
  REQUIRE(a.rooms.size() == 1);
  CHECK(a.rooms[0].name.empty());
  CHECK_FALSE(a.from_survey);
  CHECK(a.own_how == "connected");
  CHECK(a.rooms[0].BestOwnDbm() == -58);
  model::Snapshot empty;
  CHECK_FALSE(wifi::Analyse(empty, none).has_data());
}

TEST_CASE("MAC neighbours, DFS channels and 2.4 GHz overlap") {
  CHECK(wifi::NeighbouringMacs("3c:a6:2f:10:00:01", "3c:a6:2f:10:00:04"));
  CHECK(wifi::NeighbouringMacs("3c:a6:2f:10:00:01", "3e:a6:2f:10:00:05"));  // virtual BSSID
  CHECK_FALSE(wifi::NeighbouringMacs("3c:a6:2f:10:00:01", "3c:a6:2f:10:00:40"));
  CHECK_FALSE(wifi::NeighbouringMacs("3c:a6:2f:10:00:01", "3d:a6:2f:10:00:01"));
  CHECK_FALSE(wifi::NeighbouringMacs("3c:a6:2f:10:00:01", "garbage"));
  CHECK(wifi::IsDfsChannel(52));
  CHECK(wifi::IsDfsChannel(144));
  CHECK_FALSE(wifi::IsDfsChannel(48));
  CHECK_FALSE(wifi::IsDfsChannel(149));
  CHECK(wifi::Overlapping24(1, 3));
  CHECK(wifi::Overlapping24(6, 9));
  CHECK_FALSE(wifi::Overlapping24(1, 5));  // 1/5/9/13 is a European plan
  CHECK_FALSE(wifi::Overlapping24(6, 6));  // co-channel, not overlap
}
