// MAC and IP addresses: parsing, formatting and IPv4 subnet arithmetic.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netfix::wire {

using MacAddress = std::array<std::uint8_t, 6>;

inline constexpr MacAddress kBroadcastMac = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
inline constexpr MacAddress kZeroMac = {0, 0, 0, 0, 0, 0};

/// "aa:bb:cc:dd:ee:ff", lower case.
std::string FormatMac(const MacAddress& mac);
/// Accepts ':' or '-' separated hex pairs, any case.
std::optional<MacAddress> ParseMac(std::string_view text);
/// The U/L bit: set on randomised ("private") and other locally assigned MACs.
inline bool IsLocallyAdministered(const MacAddress& mac) {
  return (mac[0] & 0x02) != 0;
}
inline bool IsMulticastMac(const MacAddress& mac) {
  return (mac[0] & 0x01) != 0;
}
/// The 24-bit OUI prefix.
inline std::uint32_t OuiPrefix(const MacAddress& mac) {
  return std::uint32_t{mac[0]} << 16 | std::uint32_t{mac[1]} << 8 | mac[2];
}

/// IPv4 addresses as host-order integers (192.168.1.2 == 0xC0A80102).
using Ipv4 = std::uint32_t;

/// Strict dotted quad: four decimal octets, no leading '+', no trailing text.
std::optional<Ipv4> ParseIpv4(std::string_view text);
std::string FormatIpv4(Ipv4 address);
/// Network byte order bytes <-> Ipv4.
inline Ipv4 Ipv4FromBytes(const std::array<std::uint8_t, 4>& b) {
  return Ipv4{b[0]} << 24 | Ipv4{b[1]} << 16 | Ipv4{b[2]} << 8 | b[3];
}
inline std::array<std::uint8_t, 4> Ipv4ToBytes(Ipv4 a) {
  return {static_cast<std::uint8_t>(a >> 24), static_cast<std::uint8_t>(a >> 16),
          static_cast<std::uint8_t>(a >> 8), static_cast<std::uint8_t>(a)};
}

/// Whether `text` is a numeric IPv6 address, optionally with a "%scope" suffix.
bool IsIpv6Text(std::string_view text);
/// 16 bytes -> RFC 5952 text (compressed, lower case).
std::string FormatIpv6(const std::array<std::uint8_t, 16>& bytes);

/// IPv6 addresses as their 16 bytes in network order.
using Ipv6 = std::array<std::uint8_t, 16>;
/// Numeric IPv6 text (no "%scope") -> bytes.
std::optional<Ipv6> ParseIpv6(std::string_view text);
inline bool IsLinkLocal(const Ipv6& a) {
  return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}
inline bool IsMulticast(const Ipv6& a) {
  return a[0] == 0xff;
}
/// The Ethernet address a multicast IPv6 address maps to (33:33 + last 32 bits).
inline MacAddress MulticastMac(const Ipv6& a) {
  return {0x33, 0x33, a[12], a[13], a[14], a[15]};
}

struct Ipv4Subnet {
  Ipv4 network = 0;
  int prefix_len = 32;

  /// The subnet `address` belongs to; prefix_len is clamped to 0..32.
  static Ipv4Subnet Of(Ipv4 address, int prefix_len);

  Ipv4 mask() const { return prefix_len == 0 ? 0 : ~Ipv4{0} << (32 - prefix_len); }
  Ipv4 broadcast() const { return network | ~mask(); }
  /// Number of addresses, network and broadcast included (2^(32-prefix)).
  std::uint64_t size() const { return std::uint64_t{1} << (32 - prefix_len); }
  bool Contains(Ipv4 address) const { return (address & mask()) == network; }
  /// First and last address a host may have: all of a /31 or /32 (RFC 3021),
  /// otherwise without the network and broadcast addresses.
  Ipv4 first_host() const { return prefix_len >= 31 ? network : network + 1; }
  Ipv4 last_host() const { return prefix_len >= 31 ? broadcast() : broadcast() - 1; }
  std::string ToString() const;  ///< "192.168.1.0/24"
};

}  // namespace netfix::wire
