#include "wire/icmpv6.h"

#include <catch2/catch.hpp>
#include <map>

#include "support/pcap_file.h"
#include "wire/ethernet.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadCapture;

namespace {

const MacAddress kRouterMac = *ParseMac("3c:a6:2f:10:00:01");
const Ipv6 kRouterLl = *ParseIpv6("fe80::3ea6:2fff:fe10:1");
const MacAddress kOurMac = *ParseMac("f0:d5:bf:4e:46:58");
const Ipv6 kOurLl = *ParseIpv6("fe80::f2d5:bfff:fe4e:4658");

Icmpv6Message Ra() {
  Icmpv6Message ra;
  ra.cur_hop_limit = 64;
  ra.other = true;
  ra.router_lifetime_s = 1800;
  ra.router_preference = 1;
  ra.options.source_link_layer = kRouterMac;
  ra.options.mtu = 1492;
  ra.options.prefixes.push_back({*ParseIpv6("2001:db8:1::"), 64, true, true, 7200, 3600});
  ra.options.rdnss = {*ParseIpv6("2001:db8:1::1"), *ParseIpv6("fd00::1")};
  ra.options.dnssl = {"fritz.box", "home.arpa"};
  return ra;
}

}  // namespace

TEST_CASE("ICMPv6: a built router advertisement parses back", "[wire][icmpv6]") {
  auto frame = BuildRouterAdvertisementFrame(kRouterMac, kRouterLl, MulticastMac(kAllNodes),
                                             kAllNodes, Ra());
  auto f = ParseIcmpv6Frame(frame);
  REQUIRE(f);
  CHECK(f->eth_source == kRouterMac);
  CHECK(FormatMac(f->eth_destination) == "33:33:00:00:00:01");
  CHECK(f->ip.source == kRouterLl);
  CHECK(f->ip.hop_limit == 255);
  const auto& ra = f->icmp;
  CHECK(ra.type == kIcmpv6RouterAdvertisement);
  CHECK(ra.checksum_ok);
  CHECK(ra.cur_hop_limit == 64);
  CHECK_FALSE(ra.managed);
  CHECK(ra.other);
  CHECK(ra.router_preference == 1);
  CHECK(ra.router_lifetime_s == 1800);
  CHECK(ra.options.source_link_layer == kRouterMac);
  CHECK(ra.options.mtu == 1492u);
  REQUIRE(ra.options.prefixes.size() == 1);
  CHECK(FormatIpv6(ra.options.prefixes[0].prefix) == "2001:db8:1::");
  CHECK(ra.options.prefixes[0].length == 64);
  CHECK(ra.options.prefixes[0].on_link);
  CHECK(ra.options.prefixes[0].autonomous);
  CHECK(ra.options.prefixes[0].valid_s == 7200);
  CHECK(ra.options.prefixes[0].preferred_s == 3600);
  REQUIRE(ra.options.rdnss.size() == 2);
  CHECK(FormatIpv6(ra.options.rdnss[1]) == "fd00::1");
  CHECK(ra.options.dnssl == std::vector<std::string>{"fritz.box", "home.arpa"});
  CHECK_FALSE(ra.options.broken);

  // A flipped bit breaks the checksum, which is reported, not fatal.
  auto bad = frame;
  bad.back() ^= 1;
  auto parsed = ParseIcmpv6Frame(bad);
  REQUIRE(parsed);
  CHECK_FALSE(parsed->icmp.checksum_ok);
}

TEST_CASE("ICMPv6: the solicitation and echo netfix sends", "[wire][icmpv6]") {
  auto rs = ParseIcmpv6Frame(BuildRouterSolicitationFrame(kOurMac, kOurLl));
  REQUIRE(rs);
  CHECK(FormatMac(rs->eth_destination) == "33:33:00:00:00:02");
  CHECK(rs->ip.destination == kAllRouters);
  CHECK(rs->ip.hop_limit == 255);
  CHECK(rs->icmp.type == kIcmpv6RouterSolicitation);
  CHECK(rs->icmp.checksum_ok);
  CHECK(rs->icmp.options.source_link_layer == kOurMac);
  // From the unspecified address there must be no link-layer option.
  auto anonymous = ParseIcmpv6Frame(BuildRouterSolicitationFrame(kOurMac, Ipv6{}));
  REQUIRE(anonymous);
  CHECK_FALSE(anonymous->icmp.options.source_link_layer);

  const std::uint8_t payload[] = {'n', 'f', 'x'};
  auto echo = ParseIcmpv6Frame(BuildEcho6RequestFrame(kOurMac, kOurLl, kAllNodes,
                                                      MulticastMac(kAllNodes), 0x4e46, 1, payload));
  REQUIRE(echo);
  CHECK(echo->icmp.type == kIcmpv6EchoRequest);
  CHECK(echo->icmp.id == 0x4e46);
  CHECK(echo->icmp.sequence == 1);
  CHECK(echo->ip.hop_limit == 1);
  CHECK(echo->icmp.checksum_ok);
  auto reply = ParseIcmpv6Frame(
      BuildEcho6ReplyFrame(kRouterMac, kRouterLl, kOurMac, kOurLl, 0x4e46, 1, payload));
  REQUIRE(reply);
  CHECK(reply->icmp.type == kIcmpv6EchoReply);
  CHECK(reply->icmp.checksum_ok);
}

TEST_CASE("ICMPv6: truncations and broken options never crash", "[wire][icmpv6]") {
  auto frame = BuildRouterAdvertisementFrame(kRouterMac, kRouterLl, MulticastMac(kAllNodes),
                                             kAllNodes, Ra());
  for (std::size_t n = 0; n < frame.size(); ++n) {
    INFO("length " << n);
    auto f = ParseIcmpv6Frame(Bytes(frame.data(), n));
    // The IPv6 payload length no longer fits: refused as a whole.
    CHECK_FALSE(f);
  }
  // An option with length 0 ends the options (RFC 4861 says drop; we keep what came before).
  auto zero = frame;
  const std::size_t options = 14 + 40 + 16;
  zero[options + 8 + 1] = 0;  // the MTU option (after the 8-byte link-layer option)
  auto f = ParseIcmpv6Frame(zero);
  REQUIRE(f);
  CHECK(f->icmp.options.broken);
  CHECK(f->icmp.options.source_link_layer == kRouterMac);
  CHECK_FALSE(f->icmp.options.mtu);
  CHECK(f->icmp.options.prefixes.empty());
  // An RA with a non-zero code is invalid.
  auto coded = frame;
  coded[14 + 40 + 1] = 1;
  CHECK_FALSE(ParseIcmpv6Frame(coded));
  // Not IPv6, or IPv6 without ICMPv6.
  auto other = frame;
  other[12] = 0x08;
  other[13] = 0x00;
  CHECK_FALSE(ParseIcmpv6Frame(other));
  auto udp = frame;
  udp[14 + 6] = 17;
  CHECK_FALSE(ParseIcmpv6Frame(udp));
}

TEST_CASE("ICMPv6 corpus: real captures (skips without ../shared/corpus)",
          "[wire][icmpv6][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  SECTION("icmpv6: an RA with prefix, RDNSS, DNSSL, MTU; MLD behind hop-by-hop headers") {
    auto file = ReadCapture(dir / "icmpv6.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 5);
    auto f = ParseIcmpv6Frame(file->frames[0]);
    REQUIRE(f);
    const auto& ra = f->icmp;
    CHECK(ra.type == kIcmpv6RouterAdvertisement);
    CHECK(ra.checksum_ok);
    CHECK(ra.router_lifetime_s == 15);
    CHECK(FormatIpv6(f->ip.source) == "fe80::b299:28ff:fec8:d66c");
    REQUIRE(ra.options.prefixes.size() == 1);
    CHECK(FormatIpv6(ra.options.prefixes[0].prefix) == "2222:3333:4444:5555:6600::");
    CHECK(ra.options.prefixes[0].length == 72);
    CHECK(ra.options.prefixes[0].valid_s == 2592000);
    CHECK(ra.options.prefixes[0].preferred_s == 604800);
    REQUIRE(ra.options.rdnss.size() == 2);
    CHECK(FormatIpv6(ra.options.rdnss[0]) == "abcd::efef");
    CHECK(FormatIpv6(ra.options.rdnss[1]) == "1234:5678::1");
    CHECK(ra.options.dnssl ==
          std::vector<std::string>{"example.com", "example.org", "dom1.dom2.tld"});
    CHECK(ra.options.mtu == 100u);
    CHECK(FormatMac(*ra.options.source_link_layer) == "b0:99:28:c8:d6:6c");
    CHECK_FALSE(ra.options.broken);
    for (std::size_t i = 1; i < file->frames.size(); ++i) {
      auto mld = ParseIcmpv6Frame(file->frames[i]);
      REQUIRE(mld);
      CHECK((mld->icmp.type == 143 || mld->icmp.type == 130));  // MLDv2 report, query
      CHECK(mld->icmp.checksum_ok);
    }
  }
  SECTION("icmpv6-ra-pref64: O flag, an on-link-only prefix, an unknown option skipped") {
    auto file = ReadCapture(dir / "icmpv6-ra-pref64.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 4);
    auto f = ParseIcmpv6Frame(file->frames[0]);
    REQUIRE(f);
    CHECK(f->icmp.other);
    CHECK_FALSE(f->icmp.managed);
    CHECK(f->icmp.router_lifetime_s == 500);
    CHECK(f->icmp.cur_hop_limit == 80);
    REQUIRE(f->icmp.options.prefixes.size() == 1);
    CHECK(FormatIpv6(f->icmp.options.prefixes[0].prefix) == "2001:db8:cc:dd::");
    CHECK(f->icmp.options.prefixes[0].on_link);
    CHECK_FALSE(f->icmp.options.prefixes[0].autonomous);
    CHECK_FALSE(f->icmp.options.broken);
  }
  SECTION("zeek icmp6-nd-options: NS from ::, NA with target link-layer, RS, RAs") {
    auto file = ReadCapture(dir / "zeek_icmp6-nd-options.pcap");
    REQUIRE(file);
    std::map<int, int> types;
    for (const auto& frame : file->frames) {
      auto f = ParseIcmpv6Frame(frame);
      REQUIRE(f);
      CHECK(f->icmp.checksum_ok);
      ++types[f->icmp.type];
    }
    CHECK(types[kIcmpv6RouterAdvertisement] == 4);
    CHECK(types[kIcmpv6RouterSolicitation] == 1);
    auto na = ParseIcmpv6Frame(file->frames[1]);
    CHECK(na->icmp.type == kIcmpv6NeighbourAdvertisement);
    CHECK(FormatIpv6(na->icmp.target) == "fe80::c000:54ff:fef5:0");
    CHECK(na->icmp.router_flag);
    CHECK(na->icmp.override_flag);
    CHECK_FALSE(na->icmp.solicited);
    CHECK(FormatMac(*na->icmp.options.target_link_layer) == "c2:00:54:f5:00:00");
    auto ns = ParseIcmpv6Frame(file->frames[0]);
    CHECK(ns->icmp.type == kIcmpv6NeighbourSolicitation);
    CHECK(ns->ip.source == Ipv6{});
    auto ra = ParseIcmpv6Frame(file->frames[2]);
    CHECK(ra->icmp.router_lifetime_s == 1800);
    CHECK(ra->icmp.options.mtu == 1500u);
    CHECK(ra->icmp.options.prefixes.at(0).autonomous);
  }
  SECTION("zeek icmp_nd_dnssl: DNSSL with compression pointers is broken, the RA kept") {
    auto file = ReadCapture(dir / "zeek_icmp_nd_dnssl.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 2);
    for (const auto& frame : file->frames) {
      auto f = ParseIcmpv6Frame(frame);
      REQUIRE(f);
      CHECK(f->icmp.type == kIcmpv6RouterAdvertisement);
      CHECK(f->icmp.router_preference == 1);
      CHECK(f->icmp.router_lifetime_s == 1800);
      CHECK(f->icmp.options.broken);
    }
  }
}
