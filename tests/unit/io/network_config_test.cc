#include "io/network_config.h"

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>

using namespace netfix;

namespace {

io::NetlinkDump Home() {
  io::NetlinkDump dump;
  dump.links.push_back(
      {1, "lo", ARPHRD_LOOPBACK, IFF_UP | IFF_LOOPBACK | IFF_RUNNING, 65536, wire::kZeroMac, ""});
  dump.links.push_back({2, "eth0", ARPHRD_ETHER, IFF_UP | IFF_LOWER_UP, 1500,
                        wire::ParseMac("f0:d5:bf:4e:46:58"), ""});
  dump.links.push_back(
      {3, "wlan0", ARPHRD_ETHER, 0, 1500, wire::ParseMac("da:a1:19:00:00:01"), ""});
  dump.links.push_back({4, "wg0", 65534, IFF_UP, 1420, std::nullopt, "wireguard"});
  dump.addresses.push_back({AF_INET, 1, 8, RT_SCOPE_HOST, "127.0.0.1"});
  dump.addresses.push_back({AF_INET, 2, 24, RT_SCOPE_UNIVERSE, "192.168.178.20"});
  dump.addresses.push_back({AF_INET6, 2, 64, RT_SCOPE_LINK, "fe80::1"});
  dump.addresses.push_back({AF_INET, 99, 24, RT_SCOPE_UNIVERSE, "10.9.9.9"});  // no such link
  dump.routes.push_back({AF_INET, RT_TABLE_MAIN, RTN_UNICAST, 0, "", "192.168.178.1", 2, 100});
  dump.routes.push_back({AF_INET, RT_TABLE_MAIN, RTN_UNICAST, 24, "192.168.178.0", "", 2, 100});
  dump.routes.push_back({AF_INET, RT_TABLE_LOCAL, RTN_LOCAL, 32, "192.168.178.20", "", 2, 0});
  dump.routes.push_back({AF_INET6, RT_TABLE_MAIN, RTN_UNICAST, 64, "fe80::", "", 2, 256});
  dump.routes.push_back({AF_INET, RT_TABLE_MAIN, RTN_BLACKHOLE, 8, "10.0.0.0", "", 0, 0});
  dump.neighbours.push_back(
      {AF_INET, 2, NUD_REACHABLE, "192.168.178.1", wire::ParseMac("3c:a6:2f:10:00:01")});
  dump.neighbours.push_back(
      {AF_INET, 2, NUD_STALE, "192.168.178.30", wire::ParseMac("dc:a6:32:11:06:06")});
  dump.neighbours.push_back(
      {AF_INET, 2, NUD_FAILED, "192.168.178.40", wire::ParseMac("00:00:00:00:00:00")});
  dump.neighbours.push_back({AF_INET, 2, NUD_INCOMPLETE, "192.168.178.41", std::nullopt});
  dump.neighbours.push_back(
      {AF_INET6, 2, NUD_REACHABLE, "fe80::2", wire::ParseMac("3c:a6:2f:10:00:01")});
  return dump;
}

}  // namespace

TEST_CASE("network config: interfaces with kind, state and addresses", "[io][network_config]") {
  auto config =
      io::BuildNetworkConfig(Home(), [](const std::string& name) { return name == "wlan0"; });
  REQUIRE(config.interfaces.size() == 4);
  const auto& lo = config.interfaces[0];
  CHECK(lo.kind == "loopback");
  CHECK(lo.loopback);
  CHECK(lo.mac.empty());  // all-zero MAC is no MAC
  const auto& eth = config.interfaces[1];
  CHECK(eth.kind == "ethernet");
  CHECK(eth.up);
  CHECK(eth.running);  // IFF_LOWER_UP counts as carrier
  CHECK(eth.mac == "f0:d5:bf:4e:46:58");
  REQUIRE(eth.addresses.size() == 2);
  CHECK(eth.addresses[0].family == "ipv4");
  CHECK(eth.addresses[0].address == "192.168.178.20");
  CHECK(eth.addresses[0].prefix_len == 24);
  CHECK(eth.addresses[0].scope == "global");
  CHECK(eth.addresses[1].scope == "link");
  const auto& wlan = config.interfaces[2];
  CHECK(wlan.kind == "wifi");
  CHECK_FALSE(wlan.up);
  CHECK(config.interfaces[3].kind == "other");
  CHECK(config.interfaces[3].mac.empty());
}

TEST_CASE("network config: main-table unicast routes only", "[io][network_config]") {
  auto config = io::BuildNetworkConfig(Home(), nullptr);
  REQUIRE(config.routes.size() == 3);
  CHECK(config.routes[0].destination == "default");
  CHECK(config.routes[0].gateway == "192.168.178.1");
  CHECK(config.routes[0].interface == "eth0");
  CHECK(config.routes[0].metric == 100);
  CHECK(config.routes[1].destination == "192.168.178.0/24");
  CHECK(config.routes[1].gateway.empty());
  CHECK(config.routes[2].family == "ipv6");
  CHECK(config.routes[2].destination == "fe80::/64");
}

TEST_CASE("network config: usable IPv4 neighbours only", "[io][network_config]") {
  auto config = io::BuildNetworkConfig(Home(), nullptr);
  REQUIRE(config.neighbours.size() == 2);
  CHECK(config.neighbours[0].interface == "eth0");
  CHECK(config.neighbours[0].ip == "192.168.178.1");
  CHECK(config.neighbours[0].mac == "3c:a6:2f:10:00:01");
  CHECK(config.neighbours[1].ip == "192.168.178.30");
}

TEST_CASE("network config: IPv6 neighbours go to their own list", "[io][network_config]") {
  auto dump = Home();
  dump.neighbours.push_back(
      {AF_INET6, 2, NUD_FAILED, "fe80::3", wire::ParseMac("00:11:22:33:44:55")});
  dump.neighbours.push_back(
      {AF_INET6, 2, NUD_STALE, "ff02::1", wire::ParseMac("33:33:00:00:00:01")});
  auto config = io::BuildNetworkConfig(dump, nullptr);
  REQUIRE(config.neighbours6.size() == 1);
  CHECK(config.neighbours6[0].interface == "eth0");
  CHECK(config.neighbours6[0].ip == "fe80::2");
  CHECK(config.neighbours6[0].mac == "3c:a6:2f:10:00:01");
  for (const auto& n : config.neighbours) CHECK(n.ip.find(':') == std::string::npos);
}
