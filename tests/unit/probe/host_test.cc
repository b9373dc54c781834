#include <catch2/catch.hpp>

#include "probe/devices.h"
#include "probe/host_config.h"
#include "probe/interface_choice.h"
#include "support/fake_system.h"

using namespace netfix;
using model::ProbeStatus;

namespace {

model::Interface Iface(const std::string& name, const std::string& mac,
                       std::vector<model::InterfaceAddress> addresses, bool up = true,
                       bool loopback = false) {
  model::Interface i;
  i.name = name;
  i.mac = mac;
  i.up = up;
  i.running = up;
  i.loopback = loopback;
  i.addresses = std::move(addresses);
  return i;
}

}  // namespace

TEST_CASE("host-config: interfaces, routes, the default route with the lowest metric",
          "[probe][host_config]") {
  testing::FakeSystem system;
  system.network.interfaces = {
      Iface("lo", "", {{"ipv4", "127.0.0.1", 8, "host"}}, true, true),
      Iface("eth0", "f0:d5:bf:4e:46:58", {{"ipv4", "192.168.178.20", 24, "global"}}),
      Iface("wlan0", "da:a1:19:00:00:01", {{"ipv4", "192.168.178.21", 24, "global"}})};
  system.network.routes = {{"ipv4", "default", "192.168.178.1", "wlan0", 600},
                           {"ipv4", "default", "192.168.178.1", "eth0", 100},
                           {"ipv6", "default", "fe80::1", "eth0", 1},
                           {"ipv4", "192.168.178.0/24", "", "eth0", 100}};
  system.network.neighbours = {{"eth0", "192.168.178.1", "3c:a6:2f:10:00:01"}};
  system.network.notes = {"routes read from /proc/net/route"};
  model::Snapshot s;
  auto out = probe::ProbeHostConfig(system, s);
  CHECK(out.record.status == ProbeStatus::kOk);
  CHECK(out.record.reason == "3 interfaces, 4 routes, default via 192.168.178.1 on eth0");
  CHECK(s.default_gateway == "192.168.178.1");
  CHECK(s.default_interface == "eth0");
  CHECK(s.host.hostname == "testhost");
  CHECK(s.host.os == "Linux 6.1.0-test");
  CHECK(s.host.privileged);
  CHECK(s.notes == std::vector<std::string>{"routes read from /proc/net/route"});
  REQUIRE(out.neighbours.size() == 1);
}

TEST_CASE("host-config: no default route, and a failure to read", "[probe][host_config]") {
  testing::FakeSystem system;
  system.network.interfaces = {Iface("eth0", "f0:d5:bf:4e:46:58", {})};
  model::Snapshot s;
  auto out = probe::ProbeHostConfig(system, s);
  CHECK(out.record.reason == "1 interfaces, 0 routes, no IPv4 default route");
  CHECK(s.default_gateway.empty());

  system.network_error =
      io::Error{io::ErrorKind::kOther, "interfaces: netlink dump did not finish in time"};
  model::Snapshot failed;
  auto bad = probe::ProbeHostConfig(system, failed);
  CHECK(bad.record.status == ProbeStatus::kFailed);
  CHECK(bad.record.reason == "interfaces: netlink dump did not finish in time");
  CHECK(failed.host.hostname == "testhost");  // still recorded
}

TEST_CASE("interface choice: requested, default route, first usable", "[probe][interface]") {
  model::Snapshot s;
  s.interfaces = {
      Iface("lo", "", {{"ipv4", "127.0.0.1", 8, "host"}}, true, true),
      Iface("docker0", "02:42:00:00:00:01", {{"ipv4", "172.17.0.1", 16, "global"}}, false),
      Iface("eth0", "f0:d5:bf:4e:46:58",
            {{"ipv6", "fe80::1", 64, "link"},
             {"ipv4", "169.254.3.4", 16, "global"},
             {"ipv4", "192.168.178.20", 24, "global"}}),
      Iface("wlan0", "da:a1:19:00:00:01", {{"ipv4", "10.0.0.5", 24, "global"}}),
      Iface("tun0", "", {{"ipv4", "10.8.0.2", 24, "global"}})};
  s.default_interface = "wlan0";
  auto by_route = probe::ChooseInterface(s, "");
  CHECK(by_route.name == "wlan0");
  REQUIRE(by_route.lan);
  CHECK(wire::FormatIpv4(by_route.lan->address) == "10.0.0.5");

  auto requested = probe::ChooseInterface(s, "eth0");
  REQUIRE(requested.lan);
  CHECK(wire::FormatIpv4(requested.lan->address) == "192.168.178.20");  // not the 169.254 one
  CHECK(requested.lan->prefix_len == 24);

  auto tun = probe::ChooseInterface(s, "tun0");
  REQUIRE(tun.lan);
  CHECK_FALSE(tun.lan->mac);

  auto missing = probe::ChooseInterface(s, "eth9");
  CHECK_FALSE(missing.lan);
  CHECK(missing.reason == "interface 'eth9' not found");

  s.default_interface.clear();
  CHECK(probe::ChooseInterface(s, "").name == "eth0");  // docker0 is down

  model::Snapshot bare;
  bare.interfaces = {Iface("lo", "", {{"ipv4", "127.0.0.1", 8, "host"}}, true, true),
                     Iface("eth0", "f0:d5:bf:4e:46:58", {{"ipv6", "fe80::1", 64, "link"}})};
  auto none = probe::ChooseInterface(bare, "");
  CHECK_FALSE(none.lan);
  CHECK(none.reason == "no IPv4 address on any interface");
  bare.default_interface = "eth0";
  CHECK(probe::ChooseInterface(bare, "eth0").reason == "no IPv4 address on 'eth0'");
}

TEST_CASE("devices: merged by MAC, with vendor, U/L bit and roles", "[probe][devices]") {
  probe::DeviceTable table;
  table.Add("F0:D5:BF:4E:46:58", "192.168.178.20", "");
  table.MarkSelf("f0:d5:bf:4e:46:58");
  table.Add("3c:a6:2f:10:00:01", "192.168.178.1", "neighbour-table");
  table.Add("3c:a6:2f:10:00:01", "192.168.178.1", "arp-reply");
  table.Add("3c:a6:2f:10:00:01", "192.168.178.1", "arp-reply");
  table.Add("da:a1:19:00:00:01", "192.168.178.9", "arp-unsolicited");
  table.Add("da:a1:19:00:00:01", "192.168.178.10", "arp-reply");
  table.Add("not-a-mac", "192.168.178.77", "arp-reply");
  table.MarkGateway("192.168.178.1");
  auto oui =
      wire::OuiTable::ParseCsv("MA-L,3CA62F,AVM GmbH,Berlin\nMA-L,F0D5BF,Intel Corporate,x\n");
  auto devices = table.Finish(&oui);
  REQUIRE(devices.size() == 3);
  CHECK(devices[0].mac == "3c:a6:2f:10:00:01");  // sorted by address
  CHECK(devices[0].vendor == "AVM GmbH");
  CHECK(devices[0].is_gateway);
  CHECK(devices[0].seen_by == std::vector<std::string>{"neighbour-table", "arp-reply"});
  CHECK(devices[1].mac == "da:a1:19:00:00:01");
  CHECK(devices[1].ipv4 == std::vector<std::string>{"192.168.178.9", "192.168.178.10"});
  CHECK(devices[1].locally_administered);
  CHECK(devices[1].vendor.empty());
  CHECK(devices[2].is_self);
  CHECK(devices[2].seen_by == std::vector<std::string>{"self"});
  CHECK(devices[2].vendor == "Intel Corporate");
  CHECK(table.Finish(nullptr)[0].vendor.empty());
}
