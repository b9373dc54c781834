// IPv4 and UDP headers: enough to read what a raw ICMP socket returns and the
// DNS packets in captured test fixtures.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint8_t kIpProtoIcmp = 1;
inline constexpr std::uint8_t kIpProtoUdp = 17;

struct Ipv4Packet {
  std::uint8_t ttl = 0;
  std::uint8_t protocol = 0;
  Ipv4 source = 0;
  Ipv4 destination = 0;
  bool fragment = false;  ///< MF set or a non-zero offset: the payload is partial
  Bytes payload;          ///< up to the total length the header claims
};

/// nullopt for anything but a well-formed version-4 header whose lengths fit.
std::optional<Ipv4Packet> ParseIpv4(Bytes packet);

struct UdpDatagram {
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;
  Bytes payload;
};

std::optional<UdpDatagram> ParseUdp(Bytes datagram);

/// An Ethernet frame carrying IPv4 and UDP, both checksums filled in, padded
/// to the 60-byte minimum.
std::vector<std::uint8_t> BuildUdpFrame(const MacAddress& eth_destination,
                                        const MacAddress& eth_source, Ipv4 source, Ipv4 destination,
                                        std::uint16_t source_port, std::uint16_t destination_port,
                                        Bytes payload, std::uint8_t ttl = 64);

}  // namespace netfix::wire
