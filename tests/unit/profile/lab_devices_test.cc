// The lab's own devices (tests/lab/lab.sh), with the facts Merge records from
// their daemons: each must get its own profile, not a generic or a
// neighbouring one. These are the precedence cases that matter in practice.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "unit/profile/profile_support.h"

using netfix::testing::DeviceWith;
using netfix::testing::MatchedId;
using netfix::testing::SourceProfiles;

namespace {

// nfx-router: miniupnpd 2.3.1 configured as a FRITZ!Box 7590, AVM MAC, the gateway.
netfix::inventory::Device LabRouter() {
  return DeviceWith({
      {"mac", "3c:a6:2f:10:00:01"},
      {"mac.vendor", "AVM Audiovisuelles Marketing und Computersysteme GmbH"},
      {"ipv4", "192.168.178.1"},
      {"gateway", "yes"},
      {"dhcp.server", "yes"},
      {"ssdp.server", "Debian/12 UPnP/1.1 MiniUPnPd/2.3.1"},
      {"ssdp.target", "urn:schemas-upnp-org:device:InternetGatewayDevice:2"},
      {"upnp.device_type", "urn:schemas-upnp-org:device:InternetGatewayDevice:2"},
      {"upnp.friendly_name", "FRITZ!Box 7590"},
      {"upnp.manufacturer", "AVM Berlin"},
      {"upnp.model_name", "FRITZ!Box 7590"},
      {"upnp.model_number", "7590"},
      {"upnp.device_type", "urn:schemas-upnp-org:device:WANDevice:2"},
      {"upnp.model_name", "FRITZ!Box 7590"},
      {"mdns.service", "_http._tcp"},
  });
}

// nfx-repeater: the SSDP responder's WFADevice ("FRITZ!Repeater 1200 AX"), AVM MAC.
netfix::inventory::Device LabRepeater() {
  return DeviceWith({
      {"mac", "2c:3a:fd:20:00:01"},
      {"mac.vendor", "AVM Audiovisuelles Marketing und Computersysteme GmbH"},
      {"ipv4", "192.168.178.2"},
      {"hostname", "FRITZ-Repeater-1200AX"},
      {"ssdp.server", "FRITZ!Repeater 1200 AX UPnP/1.0 AVM FRITZ!Repeater 1200 AX 225.07.57"},
      {"ssdp.target", "urn:schemas-wifialliance-org:device:WFADevice:1"},
      {"upnp.device_type", "urn:schemas-wifialliance-org:device:WFADevice:1"},
      {"upnp.friendly_name", "FRITZ!Repeater 1200 AX"},
      {"upnp.manufacturer", "AVM"},
      {"upnp.model_name", "FRITZ!Repeater 1200 AX"},
      {"upnp.model_description", "FRITZ!Repeater"},
      {"mdns.service", "_http._tcp"},
  });
}

// nfx-tv: LG MAC; minidlna 1.3.0, gmediarender, the SSDP responder's DIAL +
// webOS second screen, avahi's _googlecast (md=LG OLED55C1) and _airplay.
netfix::inventory::Device LabTv() {
  return DeviceWith({
      {"mac", "14:c9:13:10:00:30"},
      {"mac.vendor", "LG Electronics"},
      {"ipv4", "192.168.178.30"},
      {"hostname", "LGwebOSTV"},
      {"ssdp.server", "Linux/6.1.0 DLNADOC/1.50 UPnP/1.0 MiniDLNA/1.3.0"},
      {"ssdp.target", "urn:schemas-upnp-org:device:MediaServer:1"},
      {"ssdp.server", "Linux/6.1.0, UPnP/1.0, Portable SDK for UPnP devices/1.14.13"},
      {"ssdp.target", "urn:schemas-upnp-org:device:MediaRenderer:1"},
      {"ssdp.server", "WebOS/6.0 UPnP/1.0 webOSTV/1.0"},
      {"ssdp.target", "urn:dial-multiscreen-org:service:dial:1"},
      {"ssdp.target", "urn:lge-com:service:webos-second-screen:1"},
      {"upnp.device_type", "urn:schemas-upnp-org:device:MediaServer:1"},
      {"upnp.friendly_name", "LG OLED55C1 Media Server"},
      {"upnp.manufacturer", "Justin Maggard"},
      {"upnp.model_name", "Windows Media Connect compatible (MiniDLNA)"},
      {"upnp.model_number", "OLED55C1"},
      {"upnp.udn", "uuid:4d696e69-444c-164e-9d41-14c913100030"},
      {"upnp.device_type", "urn:schemas-upnp-org:device:MediaRenderer:1"},
      {"upnp.friendly_name", "Living Room TV"},
      {"upnp.manufacturer", "Ivo Clarysse, Henner Zeller"},
      {"upnp.model_name", "gmediarender"},
      {"upnp.udn", "uuid:0ab5e1f2-14c9-1310-0030-14c913100030"},
      {"upnp.device_type", "urn:dial-multiscreen-org:device:dial:1"},
      {"upnp.manufacturer", "LG Electronics"},
      {"upnp.model_name", "OLED55C1"},
      {"upnp.model_description", "LG webOS TV"},
      {"upnp.service_type", "urn:lge-com:service:webos-second-screen:1"},
      {"mdns.service", "_googlecast._tcp"},
      {"mdns.instance", "LG-OLED55C1-4a6b8e1214c91310"},
      {"mdns.txt.md", "LG OLED55C1"},
      {"mdns.txt.fn", "Living Room TV"},
      {"mdns.service", "_airplay._tcp"},
      {"mdns.txt.model", "OLED55C1PUB"},
      {"mdns.txt.manufacturer", "LG Electronics"},
  });
}

}  // namespace

TEST_CASE("lab router: a miniupnpd that says FRITZ!Box 7590 is a FRITZ!Box, not generic") {
  const auto& db = SourceProfiles();
  auto m = db.Match(LabRouter());
  REQUIRE(m);
  CHECK(m->profile->id == "avm-fritzbox");
  CHECK(m->product == "AVM FRITZ!Box 7590");
  auto all = db.MatchAll(LabRouter());
  bool generic_matched = false;
  for (const auto& other : all) generic_matched |= other.profile->id == "generic-miniupnpd";
  CHECK(generic_matched);  // it matches too, and loses: vendor before generic
}

TEST_CASE("lab repeater: AVM WFADevice 'FRITZ!Repeater 1200 AX' is a FRITZ!Repeater") {
  auto m = SourceProfiles().Match(LabRepeater());
  REQUIRE(m);
  CHECK(m->profile->id == "avm-fritzrepeater");
  CHECK(m->product == "AVM FRITZ!Repeater 1200 AX");
  CHECK(m->profile->role == netfix::inventory::Role::kRepeater);
}

TEST_CASE("lab repeater in router mode (double-nat) is still the FRITZ!Repeater") {
  auto repeater = LabRepeater();
  repeater.facts.push_back({"ssdp.server", "Debian/12 UPnP/1.1 MiniUPnPd/2.3.1", "ssdp"});
  repeater.facts.push_back({"upnp.manufacturer", "AVM Berlin", "ssdp"});
  repeater.facts.push_back(
      {"upnp.device_type", "urn:schemas-upnp-org:device:InternetGatewayDevice:2", "ssdp"});
  repeater.facts.push_back({"dhcp.server", "yes", "dhcp"});
  repeater.facts.push_back({"gateway", "yes", "host-config"});
  CHECK(MatchedId(SourceProfiles(), repeater) == "avm-fritzrepeater");
}

TEST_CASE("lab TV: LG, not Chromecast, not MiniDLNA, not gmediarender, not Apple TV") {
  const auto& db = SourceProfiles();
  auto m = db.Match(LabTv());
  REQUIRE(m);
  CHECK(m->profile->id == "lg-tv");
  CHECK(m->product == "LG OLED55C1");
  CHECK(m->profile->receiver_kind == "tv");
  std::set<std::string> matched;
  for (const auto& other : db.MatchAll(LabTv())) matched.insert(other.profile->id);
  CHECK(matched.count("generic-minidlna") == 1);
  CHECK(matched.count("generic-gmediarender") == 1);
  CHECK(matched.count("google-chromecast") == 0);  // md says LG, the MAC says LG
  CHECK(matched.count("apple-tv") == 0);           // AirPlay with model OLED55C1PUB
}

TEST_CASE("the TV's services on their own fall back to the generic profiles") {
  const auto& db = SourceProfiles();
  // minidlna alone (say, on a Raspberry Pi).
  auto minidlna = DeviceWith({{"mac.vendor", "Raspberry Pi Trading Ltd"},
                              {"ssdp.server", "Linux/6.1.0 DLNADOC/1.50 UPnP/1.0 MiniDLNA/1.3.0"},
                              {"upnp.manufacturer", "Justin Maggard"},
                              {"upnp.model_name", "Windows Media Connect compatible (MiniDLNA)"}});
  CHECK(MatchedId(db, minidlna) == "generic-minidlna");
  auto renderer = DeviceWith({{"upnp.manufacturer", "Ivo Clarysse, Henner Zeller"},
                              {"upnp.model_name", "gmediarender"},
                              {"upnp.udn", "uuid:GMediaRender-1_0-000-000-002"}});
  CHECK(MatchedId(db, renderer) == "generic-gmediarender");
  // Chromecast built into a TV of a brand without a profile: no vendor match.
  auto sony = DeviceWith({{"mac.vendor", "Sony Corporation"},
                          {"mdns.service", "_googlecast._tcp"},
                          {"mdns.txt.md", "BRAVIA 4K VH2"}});
  CHECK(MatchedId(db, sony).empty());
  auto chromecast = DeviceWith({{"mac.vendor", "Google, Inc."},
                                {"mdns.service", "_googlecast._tcp"},
                                {"mdns.txt.md", "Chromecast"},
                                {"mdns.txt.fn", "Wohnzimmer"}});
  auto m = db.Match(chromecast);
  REQUIRE(m);
  CHECK(m->profile->id == "google-chromecast");
  CHECK(m->product == "Google Chromecast");
}
