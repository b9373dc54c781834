// ARP for IPv4 over Ethernet (RFC 826): parsing any frame, building the
// requests and replies netfix sends (and its test fakes answer with).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint16_t kArpRequest = 1;
inline constexpr std::uint16_t kArpReply = 2;

struct ArpPacket {
  std::uint16_t operation = 0;  ///< kArpRequest, kArpReply or anything else seen
  MacAddress sender_mac{};
  Ipv4 sender_ip = 0;
  MacAddress target_mac{};
  Ipv4 target_ip = 0;
};

/// The ARP payload of an Ethernet frame. Only Ethernet/IPv4 ARP (hardware type
/// 1, protocol 0x0800, lengths 6 and 4) is accepted; trailing padding is fine.
std::optional<ArpPacket> ParseArp(Bytes payload);
/// A whole Ethernet frame carrying ARP (VLAN tags allowed).
std::optional<ArpPacket> ParseArpFrame(Bytes frame);

/// An Ethernet frame carrying `packet`, padded to the 60-byte minimum.
std::vector<std::uint8_t> BuildArpFrame(const MacAddress& eth_destination,
                                        const MacAddress& eth_source, const ArpPacket& packet);
/// A broadcast "who-has target_ip tell sender_ip". A sender_ip of 0 makes it
/// an ARP probe (RFC 5227), which asks about an address without claiming it.
std::vector<std::uint8_t> BuildArpRequest(const MacAddress& sender_mac, Ipv4 sender_ip,
                                          Ipv4 target_ip);

}  // namespace netfix::wire
