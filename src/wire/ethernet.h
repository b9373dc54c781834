// Ethernet II frames, with up to two VLAN tags (802.1Q, 802.1ad QinQ).
#pragma once

#include <cstdint>
#include <optional>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr std::uint16_t kEtherTypeArp = 0x0806;
inline constexpr std::uint16_t kEtherTypeIpv6 = 0x86dd;
inline constexpr std::uint16_t kEtherTypeLldp = 0x88cc;
inline constexpr std::size_t kEthernetHeaderSize = 14;
/// Shortest frame on the wire without the FCS; shorter frames are padded.
inline constexpr std::size_t kEthernetMinFrame = 60;

struct EthernetFrame {
  MacAddress destination{};
  MacAddress source{};
  std::uint16_t ether_type = 0;  ///< after any VLAN tags
  int vlan_tags = 0;
  Bytes payload;  ///< a view into the parsed buffer (may include padding)
};

/// nullopt when the frame is shorter than its headers or uses 802.3 length
/// framing (ether_type < 0x0600).
std::optional<EthernetFrame> ParseEthernet(Bytes frame);

}  // namespace netfix::wire
