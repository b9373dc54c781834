// LLDP (IEEE 802.1AB): what a switch, access point or router says about
// itself on the port we are plugged into: chassis and port id, names,
// capabilities, management address, TTL.
//
// Tolerant: TLVs after a broken one (running past the end) are dropped and
// `broken` says so; an LLDPDU without its mandatory TLVs still parses (the
// fields stay empty). Organisationally specific TLVs are skipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

/// 01:80:c2:00:00:0e, where LLDP frames go.
inline constexpr MacAddress kLldpMulticast = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e};

struct LldpPacket {
  MacAddress eth_source{};
  /// MAC subtypes as aa:bb:cc:dd:ee:ff, network addresses as text, the
  /// rest (interface names, locally assigned) as the bytes they are.
  std::string chassis_id;
  std::string port_id;
  std::optional<int> ttl_s;
  std::string port_description;
  std::string system_name;
  std::string system_description;
  std::uint16_t capabilities = 0;                 ///< system capabilities (bits)
  std::uint16_t enabled_capabilities = 0;         ///< of those, enabled
  std::vector<std::string> management_addresses;  ///< IPv4/IPv6 as text, 802 as MAC
  bool broken = false;
};

/// "other", "repeater", "bridge", "wlan-ap", "router", "telephone", "docsis",
/// "station", "c-vlan", "s-vlan", "tpmr" for the bits set in `bits`.
std::vector<std::string> LldpCapabilityNames(std::uint16_t bits);

/// The LLDPDU (the Ethernet payload).
std::optional<LldpPacket> ParseLldp(Bytes payload);
/// An Ethernet frame with ether type 0x88cc.
std::optional<LldpPacket> ParseLldpFrame(Bytes frame);

/// An LLDPDU frame for tests: chassis (MAC), port (interface name), TTL,
/// names, capabilities, an IPv4 management address.
std::vector<std::uint8_t> BuildLldpFrame(const MacAddress& source, const std::string& port,
                                         int ttl_s, const std::string& system_name,
                                         const std::string& system_description,
                                         std::uint16_t capabilities, std::uint16_t enabled,
                                         std::optional<Ipv4> management);

}  // namespace netfix::wire
