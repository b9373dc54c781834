// Fake DHCP servers on a FakeSegment: they answer netfix's DISCOVER with an
// OFFER and its INFORM with an ACK, each after its own delay (or never), the
// way dnsmasq and home routers do.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/fake_segment.h"
#include "wire/dhcp.h"
#include "wire/ipv4.h"

namespace netfix::testing {

struct FakeDhcpServer {
  std::string mac = "3c:a6:2f:10:00:01";
  std::string ip = "192.168.1.1";
  std::string offer_ip = "192.168.1.77";
  std::string mask = "255.255.255.0";
  std::vector<std::string> routers{"192.168.1.1"};
  std::vector<std::string> dns{"192.168.1.1"};
  std::string domain = "fritz.box";
  std::uint32_t lease_s = 43200;
  /// nullopt: never answers that kind of request (a ping-checking server
  /// that is slower than the window, or one that ignores INFORM).
  std::optional<io::Duration> offer_delay = std::chrono::milliseconds(1);
  std::optional<io::Duration> inform_delay = std::chrono::milliseconds(1);
  /// Like dnsmasq: one request at a time, so whatever arrives after a
  /// DISCOVER waits until its OFFER is out (the ping check blocks it).
  bool one_at_a_time = false;
};

inline std::vector<std::uint8_t> Ipv4Bytes(const std::string& text) {
  auto b = wire::Ipv4ToBytes(*wire::ParseIpv4(text));
  return {b.begin(), b.end()};
}

/// The reply `server` sends to `request` (its type, xid and chaddr).
inline io::Frame DhcpReply(const FakeDhcpServer& server, const wire::DhcpFrame& request,
                           std::uint8_t type) {
  const wire::DhcpPacket& q = request.dhcp;
  wire::DhcpPacket p;
  p.op = wire::kBootReply;
  p.xid = q.xid;
  p.flags = q.flags;
  p.chaddr = q.chaddr;
  p.ciaddr = q.ciaddr;
  if (type == wire::kDhcpOffer) p.yiaddr = *wire::ParseIpv4(server.offer_ip);
  std::vector<std::uint8_t> routers, dns;
  for (const auto& r : server.routers)
    for (auto b : Ipv4Bytes(r)) routers.push_back(b);
  for (const auto& d : server.dns)
    for (auto b : Ipv4Bytes(d)) dns.push_back(b);
  p.options = {{wire::kDhcpOptMessageType, {type}},
               {wire::kDhcpOptServerId, Ipv4Bytes(server.ip)},
               {wire::kDhcpOptSubnetMask, Ipv4Bytes(server.mask)},
               {wire::kDhcpOptRouter, routers},
               {wire::kDhcpOptDnsServer, dns},
               {wire::kDhcpOptDomainName,
                std::vector<std::uint8_t>(server.domain.begin(), server.domain.end())}};
  if (type == wire::kDhcpOffer)
    p.options.push_back({wire::kDhcpOptLeaseTime,
                         {static_cast<std::uint8_t>(server.lease_s >> 24),
                          static_cast<std::uint8_t>(server.lease_s >> 16),
                          static_cast<std::uint8_t>(server.lease_s >> 8),
                          static_cast<std::uint8_t>(server.lease_s)}});
  bool broadcast = q.ciaddr == 0 || (q.flags & wire::kDhcpBroadcastFlag) != 0;
  auto mac = *wire::ParseMac(server.mac);
  return wire::BuildUdpFrame(broadcast ? wire::kBroadcastMac : request.eth_source, mac,
                             *wire::ParseIpv4(server.ip), broadcast ? 0xffffffff : q.ciaddr,
                             wire::kDhcpServerPort, wire::kDhcpClientPort, wire::BuildDhcp(p));
}

inline FakeSegment::Responder DhcpResponder(FakeDhcpServer server) {
  // Requests come back to back in the tests, so "busy" is simply "a DISCOVER
  // came before": later requests wait for its OFFER.
  auto busy = std::make_shared<bool>(false);
  return [server, busy](const io::Frame& sent) {
    std::vector<FakeReply> replies;
    auto request = wire::ParseDhcpFrame(sent);
    if (!request || request->dhcp.op != wire::kBootRequest) return replies;
    auto type = request->dhcp.message_type();
    io::Duration wait{};
    if (server.one_at_a_time && *busy && server.offer_delay) wait = *server.offer_delay;
    if (type == wire::kDhcpDiscover && server.offer_delay) {
      replies.push_back({*server.offer_delay, DhcpReply(server, *request, wire::kDhcpOffer)});
      *busy = true;
    }
    if (type == wire::kDhcpInform && server.inform_delay)
      replies.push_back(
          {std::max(wait, *server.inform_delay), DhcpReply(server, *request, wire::kDhcpAck)});
    return replies;
  };
}

}  // namespace netfix::testing
