// ICMP echo (RFC 792), for the gateway ping. A raw socket hands over the
// whole IPv4 packet; an unprivileged datagram ("ping") socket only the ICMP
// message, with the identifier chosen by the kernel.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint8_t kIcmpEchoReply = 0;
inline constexpr std::uint8_t kIcmpDestinationUnreachable = 3;
inline constexpr std::uint8_t kIcmpEchoRequest = 8;
inline constexpr std::uint8_t kIcmpTimeExceeded = 11;

/// The Internet checksum (RFC 1071) over `data`.
std::uint16_t InternetChecksum(Bytes data);

/// An echo request with a valid checksum.
std::vector<std::uint8_t> BuildEchoRequest(std::uint16_t id, std::uint16_t sequence, Bytes payload);

struct IcmpMessage {
  std::uint8_t type = 0;
  std::uint8_t code = 0;
  std::uint16_t id = 0;        ///< echo messages only
  std::uint16_t sequence = 0;  ///< echo messages only
  Bytes payload;
};

/// An ICMP message as a datagram socket delivers it. nullopt when shorter
/// than 8 bytes or the checksum is wrong.
std::optional<IcmpMessage> ParseIcmp(Bytes message);

struct RawIcmp {
  Ipv4 source = 0;
  std::uint8_t ttl = 0;
  IcmpMessage icmp;
};

/// An IPv4 packet carrying ICMP, as a raw socket delivers it.
std::optional<RawIcmp> ParseRawIcmp(Bytes ipv4_packet);

}  // namespace netfix::wire
