#include "wire/addr.h"

#include <catch2/catch.hpp>

using namespace netfix::wire;

TEST_CASE("IPv4 addresses parse strictly", "[wire][addr]") {
  CHECK(ParseIpv4("192.168.178.1") == 0xc0a8b201u);
  CHECK(ParseIpv4("0.0.0.0") == 0u);
  CHECK(ParseIpv4("255.255.255.255") == 0xffffffffu);
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "1..2.3",
                          "1.2.3.4/24", "0001.2.3.4", "a.b.c.d", "1.2.3.-4", "1.2.3."})
    CHECK_FALSE(ParseIpv4(bad));
  CHECK(FormatIpv4(0xc0a8b201u) == "192.168.178.1");
}

TEST_CASE("MAC addresses format lower case and parse either separator", "[wire][addr]") {
  MacAddress mac = {0x3c, 0xa6, 0x2f, 0x10, 0x00, 0x01};
  CHECK(FormatMac(mac) == "3c:a6:2f:10:00:01");
  CHECK(ParseMac("3C-A6-2F-10-00-01") == mac);
  CHECK(ParseMac("3c:a6:2f:10:00:01") == mac);
  CHECK_FALSE(ParseMac("3c:a6:2f:10:00"));
  CHECK_FALSE(ParseMac("3c:a6:2f:10:00:0g"));
  CHECK_FALSE(ParseMac("3c.a6.2f.10.00.01"));
  CHECK(OuiPrefix(mac) == 0x3ca62fu);
  CHECK_FALSE(IsLocallyAdministered(mac));
  CHECK(IsLocallyAdministered(*ParseMac("da:a1:19:00:00:01")));  // randomised Wi-Fi MAC
  CHECK(IsMulticastMac(kBroadcastMac));
}

TEST_CASE("IPv6 text, with and without a scope", "[wire][addr]") {
  CHECK(IsIpv6Text("2001:558:feed::1"));
  CHECK(IsIpv6Text("fe80::1%eth0"));
  CHECK(IsIpv6Text("::1"));
  CHECK_FALSE(IsIpv6Text("fe80::1%"));
  CHECK_FALSE(IsIpv6Text("192.168.1.1"));
  CHECK_FALSE(IsIpv6Text("2001:::1"));
  std::array<std::uint8_t, 16> bytes{};
  bytes[0] = 0x20;
  bytes[1] = 0x01;
  bytes[15] = 0x01;
  CHECK(FormatIpv6(bytes) == "2001::1");
}

TEST_CASE("IPv4 subnets: hosts exclude network and broadcast except /31 and /32", "[wire][addr]") {
  auto s24 = Ipv4Subnet::Of(*ParseIpv4("192.168.178.57"), 24);
  CHECK(s24.ToString() == "192.168.178.0/24");
  CHECK(FormatIpv4(s24.first_host()) == "192.168.178.1");
  CHECK(FormatIpv4(s24.last_host()) == "192.168.178.254");
  CHECK(s24.size() == 256);
  CHECK(s24.Contains(*ParseIpv4("192.168.178.255")));
  CHECK_FALSE(s24.Contains(*ParseIpv4("192.168.179.1")));

  auto s31 = Ipv4Subnet::Of(*ParseIpv4("10.0.0.1"), 31);
  CHECK(FormatIpv4(s31.first_host()) == "10.0.0.0");
  CHECK(FormatIpv4(s31.last_host()) == "10.0.0.1");

  auto s32 = Ipv4Subnet::Of(*ParseIpv4("10.0.0.7"), 32);
  CHECK(s32.first_host() == s32.last_host());

  auto s0 = Ipv4Subnet::Of(*ParseIpv4("10.0.0.7"), 0);
  CHECK(s0.network == 0);
  CHECK(s0.size() == (std::uint64_t{1} << 32));
  CHECK(Ipv4Subnet::Of(1, 99).prefix_len == 32);
  CHECK(Ipv4Subnet::Of(1, -1).prefix_len == 0);
}
