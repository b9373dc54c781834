// Fake IPv6 nodes on a FakeSegment: a router that answers a solicitation
// with an advertisement, and neighbours that answer an echo to ff02::1 (after
// resolving the sender with a neighbour solicitation, as real hosts do).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "support/fake_segment.h"
#include "wire/icmp.h"
#include "wire/icmpv6.h"

namespace netfix::testing {

struct FakeIpv6Router {
  std::string mac = "3c:a6:2f:10:00:01";
  std::string link_local = "fe80::3ea6:2fff:fe10:1";
  wire::Icmpv6Message ra;  ///< what it advertises (source link-layer filled in)
  /// nullopt: ignores solicitations (only periodic RAs, scheduled by the test).
  std::optional<io::Duration> delay = std::chrono::milliseconds(5);
};

struct FakeIpv6Host {
  std::string mac;
  std::string ip;  ///< link-local or global
  io::Duration delay = std::chrono::milliseconds(2);
  bool silent = false;  ///< ignores echo to ff02::1 (echo_ignore_multicast)
};

/// An RA with one /64 prefix, RDNSS and lifetime 1800 s.
inline wire::Icmpv6Message TypicalRa(const std::string& prefix = "2001:db8:1::") {
  wire::Icmpv6Message ra;
  ra.cur_hop_limit = 64;
  ra.router_lifetime_s = 1800;
  ra.options.mtu = 1500;
  ra.options.prefixes.push_back({*wire::ParseIpv6(prefix), 64, true, true, 7200, 3600});
  ra.options.rdnss = {*wire::ParseIpv6("fd00::1")};
  ra.options.dnssl = {"fritz.box"};
  return ra;
}

inline io::Frame RaFrame(const FakeIpv6Router& router, const std::string& destination = "ff02::1") {
  auto mac = *wire::ParseMac(router.mac);
  wire::Icmpv6Message ra = router.ra;
  ra.options.source_link_layer = mac;
  auto dst = *wire::ParseIpv6(destination);
  return wire::BuildRouterAdvertisementFrame(mac, *wire::ParseIpv6(router.link_local),
                                             wire::MulticastMac(dst), dst, ra);
}

inline FakeSegment::Responder Ipv6RouterResponder(FakeIpv6Router router) {
  return [router](const io::Frame& sent) {
    std::vector<FakeReply> replies;
    auto f = wire::ParseIcmpv6Frame(sent);
    if (f && f->icmp.type == wire::kIcmpv6RouterSolicitation && router.delay)
      replies.push_back({*router.delay, RaFrame(router)});
    return replies;
  };
}

/// A neighbour solicitation for `target` from `host` (with its link-layer address).
inline io::Frame NeighbourSolicitation(const FakeIpv6Host& host, const wire::Ipv6& target) {
  // Built as an RS-like message by hand: type 135, target, SLLA option.
  auto mac = *wire::ParseMac(host.mac);
  wire::ByteWriter icmp;
  icmp.PutU8(wire::kIcmpv6NeighbourSolicitation);
  icmp.PutU8(0);
  icmp.PutBe16(0);
  icmp.PutBe32(0);
  icmp.PutBytes(target);
  icmp.PutU8(1);
  icmp.PutU8(1);
  icmp.PutBytes(mac);
  wire::Ipv6 solicited = {0xff, 0x02, 0, 0, 0,    0,          0,          0,
                          0,    0,    0, 1, 0xff, target[13], target[14], target[15]};
  auto source = *wire::ParseIpv6(host.ip);
  // Checksum over the pseudo-header, as wire/icmpv6.cc does.
  wire::ByteWriter pseudo;
  pseudo.PutBytes(source);
  pseudo.PutBytes(solicited);
  pseudo.PutBe32(static_cast<std::uint32_t>(icmp.size()));
  pseudo.PutZeros(3);
  pseudo.PutU8(wire::kIpProtoIcmpv6);
  pseudo.PutBytes(icmp.bytes());
  std::vector<std::uint8_t> message = icmp.Take();
  std::uint16_t sum = wire::InternetChecksum(pseudo.bytes());
  message[2] = static_cast<std::uint8_t>(sum >> 8);
  message[3] = static_cast<std::uint8_t>(sum);
  wire::ByteWriter out;
  out.PutBytes(wire::MulticastMac(solicited));
  out.PutBytes(mac);
  out.PutBe16(0x86dd);
  out.PutBe32(0x60000000);
  out.PutBe16(static_cast<std::uint16_t>(message.size()));
  out.PutU8(wire::kIpProtoIcmpv6);
  out.PutU8(255);
  out.PutBytes(source);
  out.PutBytes(solicited);
  out.PutBytes(message);
  return out.Take();
}

inline FakeSegment::Responder Ipv6HostResponder(FakeIpv6Host host) {
  return [host](const io::Frame& sent) {
    std::vector<FakeReply> replies;
    auto f = wire::ParseIcmpv6Frame(sent);
    if (!f || host.silent || f->icmp.type != wire::kIcmpv6EchoRequest) return replies;
    auto mac = *wire::ParseMac(host.mac);
    auto ip = *wire::ParseIpv6(host.ip);
    replies.push_back({host.delay, NeighbourSolicitation(host, f->ip.source)});
    const std::uint8_t payload[] = {'n', 'e', 't', 'f', 'i', 'x'};
    replies.push_back({host.delay + std::chrono::milliseconds(1),
                       wire::BuildEcho6ReplyFrame(mac, ip, f->eth_source, f->ip.source, f->icmp.id,
                                                  f->icmp.sequence, payload)});
    return replies;
  };
}

}  // namespace netfix::testing
