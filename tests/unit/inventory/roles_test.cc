// Roles: a profile's role with high confidence, else the heuristics; the
// evidence as "key = value"; the network position refining a router profile.
#include "inventory/roles.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "profile/profile.h"
#include "unit/profile/profile_support.h"

using netfix::inventory::Device;
using netfix::inventory::GuessRole;
using netfix::inventory::Identify;
using netfix::inventory::Inventory;
using netfix::inventory::Role;
using netfix::testing::DeviceWith;
using netfix::testing::SourceProfiles;

namespace {

bool HasEvidence(const Device& d, const std::string& line) {
  const auto& e = d.role.evidence;
  return std::find(e.begin(), e.end(), line) != e.end();
}

const Device& ByKey(const Inventory& inventory, const std::string& key) {
  const Device* d = inventory.FindByKey(key);
  REQUIRE(d != nullptr);
  return *d;
}

// The lab's healthy home (tests/lab/lab.sh), as Merge would record it.
Inventory LabHome() {
  Inventory inv;
  inv.devices = {
      DeviceWith({{"mac", "3c:a6:2f:10:00:01"},
                  {"mac.vendor", "AVM Audiovisuelles Marketing und Computersysteme GmbH"},
                  {"ipv4", "192.168.178.1"},
                  {"gateway", "yes"},
                  {"dhcp.server", "yes"},
                  {"ssdp.server", "Debian/12 UPnP/1.1 MiniUPnPd/2.3.1"},
                  {"upnp.device_type", "urn:schemas-upnp-org:device:InternetGatewayDevice:2"},
                  {"upnp.manufacturer", "AVM Berlin"},
                  {"upnp.model_name", "FRITZ!Box 7590"}}),
      DeviceWith({{"mac", "2c:3a:fd:20:00:01"},
                  {"mac.vendor", "AVM Audiovisuelles Marketing und Computersysteme GmbH"},
                  {"ipv4", "192.168.178.2"},
                  {"upnp.device_type", "urn:schemas-wifialliance-org:device:WFADevice:1"},
                  {"upnp.manufacturer", "AVM"},
                  {"upnp.model_name", "FRITZ!Repeater 1200 AX"}}),
      DeviceWith({{"mac", "14:c9:13:10:00:30"},
                  {"mac.vendor", "LG Electronics"},
                  {"ipv4", "192.168.178.30"},
                  {"ssdp.target", "urn:lge-com:service:webos-second-screen:1"},
                  {"ssdp.target", "urn:dial-multiscreen-org:service:dial:1"},
                  {"mdns.service", "_googlecast._tcp"},
                  {"mdns.txt.md", "LG OLED55C1"}}),
      DeviceWith({{"mac", "f0:d5:bf:4e:46:58"},
                  {"mac.vendor", "Intel Corporate"},
                  {"ipv4", "192.168.178.50"},
                  {"self", "yes"}}),
      DeviceWith({{"mac", "f0:18:98:11:01:01"},
                  {"mac.vendor", "Apple, Inc."},
                  {"hostname", "iPhone-Anna"}}),
      DeviceWith({{"mac", "3c:2a:f4:11:03:03"},
                  {"mac.vendor", "Brother Industries, LTD."},
                  {"hostname", "BRW3C2AF4110303"},
                  {"mdns.service", "_ipp._tcp"},
                  {"mdns.service", "_printer._tcp"}}),
      DeviceWith({{"mac", "f4:f5:d8:11:07:07"},
                  {"mac.vendor", "Google, Inc."},
                  {"hostname", "Chromecast"}}),
      DeviceWith({{"mac", "fc:a1:83:11:08:08"},
                  {"mac.vendor", "Amazon Technologies Inc."},
                  {"hostname", "echo-dot"}}),
      DeviceWith({{"mac", "00:11:32:11:13:13"},
                  {"mac.vendor", "Synology Incorporated"},
                  {"hostname", "DiskStation"},
                  {"mdns.service", "_smb._tcp"}}),
      DeviceWith({{"mac", "48:a6:b8:11:14:14"},
                  {"mac.vendor", "Sonos, Inc."},
                  {"upnp.device_type", "urn:schemas-upnp-org:device:ZonePlayer:1"},
                  {"upnp.manufacturer", "Sonos, Inc."},
                  {"upnp.model_name", "Sonos One"}}),
      DeviceWith({{"mac", "e4:e7:49:11:19:19"},
                  {"mac.vendor", "Hewlett Packard"},
                  {"hostname", "HP-OfficeJet"}}),
  };
  return inv;
}

}  // namespace

TEST_CASE("Identify names the lab's devices and gives each a role") {
  Inventory inv = LabHome();
  Identify(&inv, SourceProfiles());
  struct Expect {
    const char* key;
    const char* profile;
    const char* product;
    Role role;
  };
  const Expect expected[] = {
      {"3c:a6:2f:10:00:01", "avm-fritzbox", "AVM FRITZ!Box 7590", Role::kRouter},
      {"2c:3a:fd:20:00:01", "avm-fritzrepeater", "AVM FRITZ!Repeater 1200 AX", Role::kRepeater},
      {"14:c9:13:10:00:30", "lg-tv", "LG OLED55C1", Role::kReceiver},
      {"f0:d5:bf:4e:46:58", "", "", Role::kComputer},
      {"f0:18:98:11:01:01", "", "", Role::kComputer},
      {"3c:2a:f4:11:03:03", "", "", Role::kPrinter},
      {"f4:f5:d8:11:07:07", "google-chromecast", "Google Chromecast", Role::kReceiver},
      {"fc:a1:83:11:08:08", "", "", Role::kUnknown},
      {"00:11:32:11:13:13", "", "", Role::kMediaServer},
      {"48:a6:b8:11:14:14", "sonos", "Sonos One", Role::kReceiver},
      {"e4:e7:49:11:19:19", "", "", Role::kPrinter},
  };
  for (const auto& e : expected) {
    const Device& d = ByKey(inv, e.key);
    INFO(e.key << " -> " << d.profile_id << " / " << d.product << " / "
               << netfix::inventory::ToString(d.role.role));
    CHECK(d.profile_id == e.profile);
    CHECK(d.product == e.product);
    CHECK(d.role.role == e.role);
    if (e.role == Role::kUnknown) {
      CHECK(d.role.confidence == 0);
      CHECK(d.role.evidence.empty());
    } else {
      CHECK(d.role.confidence > 0);
      CHECK(d.role.confidence <= 1);
      CHECK_FALSE(d.role.evidence.empty());
    }
  }
}

TEST_CASE("a profile gives 0.9, and 0.95 with its evidence merged when the facts agree") {
  Inventory inv = LabHome();
  Identify(&inv, SourceProfiles());
  const Device& router = ByKey(inv, "3c:a6:2f:10:00:01");
  CHECK(router.role.confidence == Approx(0.95));
  CHECK(HasEvidence(router, "upnp.manufacturer = AVM Berlin"));
  CHECK(HasEvidence(router, "upnp.model_name = FRITZ!Box 7590"));
  CHECK(HasEvidence(router, "gateway = yes"));  // from the heuristics

  // Seen only by its SSDP SERVER header: the profile alone, 0.9.
  Inventory bare;
  bare.devices = {DeviceWith({{"ssdp.server",
                               "FRITZ!Repeater 600 UPnP/1.0 AVM FRITZ!Repeater 600 "
                               "163.07.57"}})};
  Identify(&bare, SourceProfiles());
  CHECK(bare.devices[0].profile_id == "avm-fritzrepeater");
  CHECK(bare.devices[0].role.role == Role::kRepeater);
  CHECK(bare.devices[0].role.confidence == Approx(0.9));
  CHECK(bare.devices[0].product == "AVM FRITZ!Repeater");
}

TEST_CASE("a router profile away from the gateway is a mesh repeater or a second router") {
  auto second_fritzbox = [](bool dhcp) {
    Inventory inv;
    inv.devices = {
        DeviceWith({{"mac", "aa:00:00:00:00:01"},
                    {"ipv4", "192.168.178.1"},
                    {"gateway", "yes"},
                    {"dhcp.server", "yes"}}),
        DeviceWith({{"mac", "3c:a6:2f:00:00:02"},
                    {"ipv4", "192.168.178.3"},
                    {"upnp.manufacturer", "AVM"},
                    {"upnp.model_name", "FRITZ!Box 7530 AX"}}),
    };
    if (dhcp) inv.devices[1].facts.push_back({"dhcp.server", "yes", "dhcp"});
    Identify(&inv, SourceProfiles());
    return inv.devices[1];
  };
  Device mesh = second_fritzbox(false);
  CHECK(mesh.profile_id == "avm-fritzbox");
  CHECK(mesh.role.role == Role::kRepeater);
  CHECK(mesh.role.confidence == Approx(0.7));
  CHECK(HasEvidence(mesh, "gateway = no (the default gateway is 192.168.178.1)"));
  CHECK(HasEvidence(mesh, "dhcp.server = no (another device answers DHCP)"));

  Device cascade = second_fritzbox(true);
  CHECK(cascade.role.role == Role::kRouter);
  CHECK(cascade.role.confidence == Approx(0.8));
  CHECK(HasEvidence(cascade, "dhcp.server = yes"));

  // Without a known gateway nothing is refined.
  Inventory alone;
  alone.devices = {
      DeviceWith({{"upnp.manufacturer", "AVM"}, {"upnp.model_name", "FRITZ!Box 7590"}})};
  Identify(&alone, SourceProfiles());
  CHECK(alone.devices[0].role.role == Role::kRouter);
  CHECK(alone.devices[0].role.confidence == Approx(0.9));
}

TEST_CASE("heuristics: the gateway, IGDs and router advertisements make a router") {
  auto g = GuessRole(DeviceWith({{"gateway", "yes"}}));
  CHECK(g.role == Role::kRouter);
  CHECK(g.confidence == Approx(0.8));
  CHECK(g.evidence == std::vector<std::string>{"gateway = yes"});
  g = GuessRole(
      DeviceWith({{"gateway", "yes"},
                  {"ipv6.router", "yes"},
                  {"upnp.device_type", "urn:schemas-upnp-org:device:InternetGatewayDevice:1"}}));
  CHECK(g.role == Role::kRouter);
  CHECK(g.confidence == Approx(0.85));  // 0.8 + 2 * 0.05, capped at 0.85
  CHECK(g.evidence.size() == 3);
  CHECK(GuessRole(DeviceWith({{"ipv6.router", "yes"}})).role == Role::kRouter);
}

TEST_CASE("heuristics: a DHCP server that is not the gateway") {
  auto rogue = GuessRole(
      DeviceWith({{"mac.vendor", "TP-LINK TECHNOLOGIES CO.,LTD."}, {"dhcp.server", "yes"}}));
  CHECK(rogue.role == Role::kRouter);
  CHECK(rogue.confidence == Approx(0.6));
  auto repeater =
      GuessRole(DeviceWith({{"upnp.model_name", "WLAN Repeater 300"}, {"dhcp.server", "yes"}}));
  CHECK(repeater.role == Role::kRepeater);
  CHECK(repeater.confidence == Approx(0.8));  // 0.75 + 0.05
  CHECK(std::find(repeater.evidence.begin(), repeater.evidence.end(), "dhcp.server = yes") !=
        repeater.evidence.end());
  // The gateway's own DHCP server is no hint of a second router.
  auto gateway = GuessRole(DeviceWith({{"gateway", "yes"}, {"dhcp.server", "yes"}}));
  CHECK(gateway.role == Role::kRouter);
  CHECK(gateway.evidence == std::vector<std::string>{"gateway = yes"});
}

TEST_CASE("heuristics: receivers, media servers, printers, computers") {
  CHECK(GuessRole(DeviceWith({{"ssdp.target", "urn:dial-multiscreen-org:service:dial:1"}})).role ==
        Role::kReceiver);
  CHECK(GuessRole(DeviceWith({{"upnp.device_type", "urn:ses-com:device:SatIPServer:1"}})).role ==
        Role::kReceiver);
  CHECK(GuessRole(DeviceWith({{"mdns.service", "_raop._tcp"}})).role == Role::kReceiver);
  // A TV with a DLNA server inside is still a receiver.
  CHECK(GuessRole(DeviceWith({{"upnp.device_type", "urn:schemas-upnp-org:device:MediaServer:1"},
                              {"upnp.device_type", "urn:schemas-upnp-org:device:MediaRenderer:1"}}))
            .role == Role::kReceiver);
  CHECK(GuessRole(DeviceWith({{"mdns.service", "_afpovertcp._tcp"}})).role == Role::kMediaServer);
  CHECK(GuessRole(DeviceWith({{"mac.vendor", "QNAP Systems, Inc."}})).role == Role::kMediaServer);
  CHECK(GuessRole(DeviceWith({{"mdns.service", "_pdl-datastream._tcp"}})).role == Role::kPrinter);
  CHECK(GuessRole(DeviceWith({{"hostname", "EPSON1A2B3C"}})).role == Role::kPrinter);
  CHECK(GuessRole(DeviceWith({{"hostname", "DESKTOP-4F2K9QX"}})).role == Role::kComputer);
  CHECK(GuessRole(DeviceWith({{"hostname", "Annas-iPhone"}})).role == Role::kComputer);
  CHECK(GuessRole(DeviceWith({{"dhcp.vendor_class", "MSFT 5.0"}})).role == Role::kComputer);
  CHECK(GuessRole(DeviceWith({{"mac.random", "yes"}})).role == Role::kComputer);
  auto self = GuessRole(DeviceWith({{"self", "yes"}}));
  CHECK(self.role == Role::kComputer);
  CHECK(self.evidence == std::vector<std::string>{"self = yes"});
}

TEST_CASE("heuristics: a TV known only by its MAC is a receiver, an LG phone is not") {
  // The lab's isolated-receiver scenario: the TV answers ARP, nothing else.
  auto tv = GuessRole(DeviceWith({{"mac", "14:c9:13:10:00:30"}, {"mac.vendor", "LG Electronics"}}));
  CHECK(tv.role == Role::kReceiver);
  CHECK(tv.confidence >= 0.4);  // receiver-not-discoverable's min-confidence
  CHECK(tv.confidence < 0.6);
  auto phone = GuessRole(DeviceWith({{"mac.vendor", "LG Electronics (Mobile Communications)"}}));
  CHECK(phone.role != Role::kReceiver);
  CHECK(GuessRole(DeviceWith({{"mac.vendor", "TP Vision Belgium NV"}})).role == Role::kReceiver);
}

TEST_CASE("heuristics: a Mac with an AirPlay receiver is a computer, not a receiver") {
  auto mac = GuessRole(DeviceWith({{"mac.vendor", "Apple, Inc."},
                                   {"mdns.service", "_airplay._tcp"},
                                   {"mdns.txt.model", "MacBookPro18,1"},
                                   {"hostname", "MacBook-Pro-von-Anna"}}));
  CHECK(mac.role == Role::kComputer);
  auto apple_tv = GuessRole(DeviceWith({{"mac.vendor", "Apple, Inc."},
                                        {"mdns.service", "_airplay._tcp"},
                                        {"mdns.service", "_raop._tcp"}}));
  CHECK(apple_tv.role == Role::kReceiver);
}

TEST_CASE("heuristics: nothing telling leaves the device unknown") {
  auto g = GuessRole(DeviceWith({{"mac", "fc:a1:83:11:08:08"}, {"ipv4", "192.168.178.108"}}));
  CHECK(g.role == Role::kUnknown);
  CHECK(g.confidence == 0);
  CHECK(g.evidence.empty());
  auto empty = GuessRole(Device{});
  CHECK(empty.role == Role::kUnknown);
}

TEST_CASE("Identify replaces what an earlier run set") {
  Inventory inv;
  inv.devices = {DeviceWith({{"hostname", "DESKTOP-1"}})};
  inv.devices[0].profile_id = "stale";
  inv.devices[0].role.role = Role::kRouter;
  Identify(&inv, SourceProfiles());
  CHECK(inv.devices[0].profile_id.empty());
  CHECK(inv.devices[0].role.role == Role::kComputer);
}
