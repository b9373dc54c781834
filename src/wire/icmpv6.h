// IPv6 and ICMPv6 on Ethernet: router advertisements with their options
// (RFC 4861 prefix information, MTU and link-layer addresses; RFC 8106
// RDNSS and DNSSL), neighbour solicitations and advertisements, echo; and
// the router solicitation and echo request netfix sends.
//
// Tolerant: options after a broken one (zero length, running past the end)
// are dropped and `options_broken` says so; what came before is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint8_t kIpProtoIcmpv6 = 58;

enum Icmpv6Type : std::uint8_t {
  kIcmpv6EchoRequest = 128,
  kIcmpv6EchoReply = 129,
  kIcmpv6RouterSolicitation = 133,
  kIcmpv6RouterAdvertisement = 134,
  kIcmpv6NeighbourSolicitation = 135,
  kIcmpv6NeighbourAdvertisement = 136,
};

/// ff02::1 (all nodes) and ff02::2 (all routers).
inline constexpr Ipv6 kAllNodes = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
inline constexpr Ipv6 kAllRouters = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

struct Ipv6Packet {
  Ipv6 source{};
  Ipv6 destination{};
  std::uint8_t hop_limit = 0;
  /// The upper-layer protocol after hop-by-hop, routing and destination
  /// options headers; 44 (fragment) is left as it is.
  std::uint8_t next_header = 0;
  Bytes payload;  ///< after the extension headers, up to the payload length
};

/// nullopt unless a version-6 header whose lengths fit.
std::optional<Ipv6Packet> ParseIpv6(Bytes packet);

struct NdpPrefix {
  Ipv6 prefix{};
  int length = 0;
  bool on_link = false;
  bool autonomous = false;
  std::uint32_t valid_s = 0;
  std::uint32_t preferred_s = 0;
};

struct NdpOptions {
  std::optional<MacAddress> source_link_layer;
  std::optional<MacAddress> target_link_layer;
  std::optional<std::uint32_t> mtu;
  std::vector<NdpPrefix> prefixes;
  std::vector<Ipv6> rdnss;
  std::vector<std::string> dnssl;  ///< without the trailing dot
  bool broken = false;
};

struct Icmpv6Message {
  std::uint8_t type = 0;
  std::uint8_t code = 0;
  bool checksum_ok = false;  ///< verified over the pseudo-header
  // Echo.
  std::uint16_t id = 0;
  std::uint16_t sequence = 0;
  // Router advertisement.
  std::uint8_t cur_hop_limit = 0;
  bool managed = false;       ///< M: addresses by DHCPv6
  bool other = false;         ///< O: other settings by DHCPv6
  int router_preference = 0;  ///< -1 low, 0 medium, 1 high
  std::uint16_t router_lifetime_s = 0;
  std::uint32_t reachable_ms = 0;
  std::uint32_t retrans_ms = 0;
  // Neighbour solicitation / advertisement.
  Ipv6 target{};
  bool router_flag = false;
  bool solicited = false;
  bool override_flag = false;
  NdpOptions options;  ///< RS, RA, NS, NA
};

/// An ICMPv6 message carried from `source` to `destination`; nullopt when
/// shorter than its fixed part. An RA, NS or NA whose code is not 0 is refused
/// (RFC 4861 §6.1.2).
std::optional<Icmpv6Message> ParseIcmpv6(Bytes message, const Ipv6& source,
                                         const Ipv6& destination);

struct Icmpv6Frame {
  MacAddress eth_source{};
  MacAddress eth_destination{};
  Ipv6Packet ip;
  Icmpv6Message icmp;
};

/// An Ethernet frame carrying IPv6 and ICMPv6.
std::optional<Icmpv6Frame> ParseIcmpv6Frame(Bytes frame);

/// A router solicitation to ff02::2 from `source` (:: allowed; then without
/// the source link-layer option, RFC 4861 §4.1), hop limit 255.
std::vector<std::uint8_t> BuildRouterSolicitationFrame(const MacAddress& eth_source,
                                                       const Ipv6& source);
/// An echo request from `source` to `destination` (multicast: its 33:33 MAC).
std::vector<std::uint8_t> BuildEcho6RequestFrame(const MacAddress& eth_source, const Ipv6& source,
                                                 const Ipv6& destination,
                                                 const MacAddress& eth_destination,
                                                 std::uint16_t id, std::uint16_t sequence,
                                                 Bytes payload, std::uint8_t hop_limit = 1);
/// A router advertisement (tests and fakes): source link-layer, MTU, the
/// prefixes, RDNSS and DNSSL as given in `ra`.
std::vector<std::uint8_t> BuildRouterAdvertisementFrame(const MacAddress& eth_source,
                                                        const Ipv6& source,
                                                        const MacAddress& eth_destination,
                                                        const Ipv6& destination,
                                                        const Icmpv6Message& ra);
/// An echo reply (tests and fakes).
std::vector<std::uint8_t> BuildEcho6ReplyFrame(const MacAddress& eth_source, const Ipv6& source,
                                               const MacAddress& eth_destination,
                                               const Ipv6& destination, std::uint16_t id,
                                               std::uint16_t sequence, Bytes payload);

}  // namespace netfix::wire
