#include <catch2/catch.hpp>

#include "inventory/facts.h"
#include "inventory/inventory.h"

using netfix::inventory::Merge;
using netfix::model::Snapshot;
namespace facts = netfix::inventory::facts;

namespace {

Snapshot Home() {
  Snapshot s;
  s.default_gateway = "192.168.178.1";
  s.devices.push_back({.mac = "3c:a6:2f:10:00:01",
                       .ipv4 = {"192.168.178.1"},
                       .vendor = "AVM GmbH",
                       .seen_by = {"arp-reply"},
                       .is_gateway = true});
  s.devices.push_back({.mac = "f0:d5:bf:4e:46:58",
                       .ipv4 = {"192.168.178.42"},
                       .seen_by = {"self"},
                       .is_self = true});
  s.devices.push_back({.mac = "14:c9:13:00:00:30",
                       .ipv4 = {"192.168.178.30"},
                       .vendor = "LG Electronics",
                       .seen_by = {"arp-reply"}});

  netfix::model::DhcpResult dhcp{.client_mac = "f2:d5:bf:4e:46:58"};
  dhcp.messages.push_back({.how = "inform-ack",
                           .message_type = "ACK",
                           .server_id = "192.168.178.1",
                           .server_ip = "192.168.178.1",
                           .server_mac = "3c:a6:2f:10:00:01",
                           .subnet_mask = "255.255.255.0",
                           .routers = {"192.168.178.1"}});
  dhcp.messages.push_back({.how = "offer",
                           .message_type = "OFFER",
                           .server_id = "192.168.0.1",
                           .server_ip = "192.168.0.1",
                           .server_mac = "50:c7:bf:12:34:56",
                           .offered_ip = "192.168.0.142",
                           .subnet_mask = "255.255.255.0"});
  dhcp.messages.push_back({.how = "passive",
                           .message_type = "REQUEST",
                           .client_mac = "24:fc:e5:11:02:02",
                           .hostname = "Galaxy-S21",
                           .vendor_class = "android-dhcp-13"});
  s.measurements.dhcp = dhcp;

  netfix::model::SsdpResult ssdp;
  ssdp.messages.push_back({.how = "response",
                           .from_ip = "192.168.178.30",
                           .target = "urn:dial-multiscreen-org:service:dial:1",
                           .server = "Linux/4.4 UPnP/1.0 LGE"});
  netfix::model::UpnpDescription description{.location = "http://192.168.178.30:8200/rootDesc.xml",
                                             .from_ip = "192.168.178.30",
                                             .status = "ok"};
  description.devices.push_back({.udn = "uuid:4d69",
                                 .device_type = "urn:schemas-upnp-org:device:MediaServer:1",
                                 .friendly_name = "LG OLED55C1 Media Server",
                                 .manufacturer = "Justin Maggard",
                                 .model_name = "Windows Media Player Sharing"});
  ssdp.descriptions.push_back(description);
  ssdp.gateways.push_back({.from_ip = "192.168.178.1", .external_ip = "62.1.0.2"});
  ssdp.messages.push_back(
      {.how = "notify", .from_ip = "192.168.178.77", .target = "upnp:rootdevice"});
  s.measurements.ssdp = ssdp;

  netfix::model::MdnsResult mdns;
  mdns.services.push_back({.instance = "Living Room TV._googlecast._tcp.local",
                           .type = "_googlecast._tcp",
                           .host = "LG-OLED55C1.local.",
                           .port = 8009,
                           .addresses = {"192.168.178.30", "fe80::16c9:13ff:fe00:30"},
                           .txt = {{"md", "LG OLED55C1"}, {"FN", "Living Room TV"}},
                           .from_ip = "192.168.178.30"});
  s.measurements.mdns = mdns;

  netfix::model::Ipv6Result ipv6;
  ipv6.router_advertisements.push_back(
      {.from_ip = "fe80::3ea6:2fff:fe10:1", .from_mac = "3c:a6:2f:10:00:01"});
  s.measurements.ipv6 = ipv6;
  return s;
}

}  // namespace

TEST_CASE("merge: one device per MAC, with every fact and its source") {
  auto inventory = Merge(Home());
  const auto* router = inventory.FindByMac("3c:a6:2f:10:00:01");
  REQUIRE(router != nullptr);
  CHECK(router->is_gateway);
  CHECK(router->Value(facts::kDhcpServer) == "yes");
  CHECK(router->Value(facts::kUpnpExternalIp) == "62.1.0.2");
  CHECK(router->Value(facts::kIpv6Router) == "yes");
  CHECK(router->ipv6 == std::vector<std::string>{"fe80::3ea6:2fff:fe10:1"});
  CHECK(router->Values(facts::kDhcpSubnet) == std::vector<std::string>{"192.168.178.0/24"});
  for (const auto& f : router->facts) {
    INFO(f.key << " = " << f.value);
    CHECK(!f.source.empty());
    CHECK(facts::IsKnown(f.key));
  }
}

TEST_CASE("merge: address-only sources join the device that has the address") {
  auto inventory = Merge(Home());
  const auto* tv = inventory.FindByIp("192.168.178.30");
  REQUIRE(tv != nullptr);
  CHECK(tv->mac == "14:c9:13:00:00:30");
  CHECK(tv->Value(facts::kUpnpDeviceType) == "urn:schemas-upnp-org:device:MediaServer:1");
  CHECK(tv->Value(facts::kSsdpTarget) == "urn:dial-multiscreen-org:service:dial:1");
  CHECK(tv->Value(facts::kMdnsService) == "_googlecast._tcp");
  CHECK(tv->Value(facts::kMdnsInstance) == "Living Room TV");
  CHECK(tv->Value("mdns.txt.md") == "LG OLED55C1");
  CHECK(tv->Value("mdns.txt.fn") == "Living Room TV");  // TXT keys are case-insensitive
  CHECK(tv->hostnames == std::vector<std::string>{"LG-OLED55C1"});
  CHECK(tv->ipv6 == std::vector<std::string>{"fe80::16c9:13ff:fe00:30"});
  CHECK(tv->DisplayName() == "LG OLED55C1 Media Server");
}

TEST_CASE("merge: devices known only by address or only by DHCP still appear") {
  auto inventory = Merge(Home());
  const auto* stranger = inventory.FindByKey("ip:192.168.178.77");
  REQUIRE(stranger != nullptr);
  CHECK(stranger->mac.empty());
  CHECK(stranger->Value(facts::kSsdpTarget) == "upnp:rootdevice");
  CHECK(stranger->facts[0].source == "passive");

  const auto* rogue = inventory.FindByMac("50:c7:bf:12:34:56");
  REQUIRE(rogue != nullptr);
  CHECK(rogue->Value(facts::kDhcpServer) == "yes");
  CHECK(rogue->Value(facts::kDhcpSubnet) == "192.168.0.0/24");

  const auto* phone = inventory.FindByMac("24:fc:e5:11:02:02");
  REQUIRE(phone != nullptr);
  CHECK(phone->hostnames == std::vector<std::string>{"Galaxy-S21"});
  CHECK(phone->Value(facts::kDhcpVendorClass) == "android-dhcp-13");
}

TEST_CASE("merge: devices are ordered by IPv4 address, the ones without last") {
  auto inventory = Merge(Home());
  std::vector<std::string> order;
  for (const auto& d : inventory.devices) order.push_back(d.ipv4.empty() ? d.key : d.ipv4.front());
  CHECK(order == std::vector<std::string>{"192.168.0.1", "192.168.178.1", "192.168.178.30",
                                          "192.168.178.42", "192.168.178.77", "24:fc:e5:11:02:02"});
}

TEST_CASE("fact vocabulary") {
  CHECK(facts::IsKnown("upnp.model_name"));
  CHECK(facts::IsKnown("mdns.txt.md"));
  CHECK_FALSE(facts::IsKnown("mdns.txt."));
  CHECK_FALSE(facts::IsKnown("upnp.colour"));
}
