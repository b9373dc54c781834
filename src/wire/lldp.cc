#include "wire/lldp.h"

#include "wire/ethernet.h"

namespace netfix::wire {

namespace {

enum : std::uint8_t {
  kTlvEnd = 0,
  kTlvChassisId = 1,
  kTlvPortId = 2,
  kTlvTtl = 3,
  kTlvPortDescription = 4,
  kTlvSystemName = 5,
  kTlvSystemDescription = 6,
  kTlvCapabilities = 7,
  kTlvManagementAddress = 8,
};

// IANA address family numbers in network-address subtypes.
std::string AddressText(Bytes address) {
  if (address.empty()) return "";
  std::uint8_t family = address[0];
  Bytes rest = address.subspan(1);
  if (family == 1 && rest.size() == 4)
    return FormatIpv4(Ipv4FromBytes({rest[0], rest[1], rest[2], rest[3]}));
  if (family == 2 && rest.size() == 16) {
    Ipv6 a;
    std::copy(rest.begin(), rest.end(), a.begin());
    return FormatIpv6(a);
  }
  if (family == 6 && rest.size() == 6)
    return FormatMac({rest[0], rest[1], rest[2], rest[3], rest[4], rest[5]});
  return "";
}

// Chassis id subtype 4 and port id subtype 3 are MAC addresses; 5 / 4 are
// network addresses; anything else is text.
std::string IdText(Bytes value, std::uint8_t mac_subtype, std::uint8_t address_subtype) {
  if (value.empty()) return "";
  std::uint8_t subtype = value[0];
  Bytes id = value.subspan(1);
  if (subtype == mac_subtype && id.size() == 6)
    return FormatMac({id[0], id[1], id[2], id[3], id[4], id[5]});
  if (subtype == address_subtype) {
    std::string text = AddressText(id);
    if (!text.empty()) return text;
  }
  return std::string(id.begin(), id.end());
}

}  // namespace

std::vector<std::string> LldpCapabilityNames(std::uint16_t bits) {
  static const char* const kNames[] = {"other",  "repeater",  "bridge", "wlan-ap",
                                       "router", "telephone", "docsis", "station",
                                       "c-vlan", "s-vlan",    "tpmr"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < std::size(kNames); ++i)
    if ((bits >> i) & 1) out.push_back(kNames[i]);
  return out;
}

std::optional<LldpPacket> ParseLldp(Bytes payload) {
  if (payload.size() < 2) return std::nullopt;
  ByteReader in(payload);
  LldpPacket out;
  bool ended = false;
  // Bounded: every TLV is at least 2 bytes.
  while (in.remaining() >= 2) {
    std::uint16_t header = in.ReadBe16();
    std::uint8_t type = static_cast<std::uint8_t>(header >> 9);
    std::size_t length = header & 0x1ff;
    if (type == kTlvEnd) {
      ended = true;
      break;
    }
    Bytes value = in.ReadBytes(length);
    if (!in.ok()) {
      out.broken = true;
      break;
    }
    ByteReader v(value);
    switch (type) {
      case kTlvChassisId: out.chassis_id = IdText(value, 4, 5); break;
      case kTlvPortId: out.port_id = IdText(value, 3, 4); break;
      case kTlvTtl:
        if (!out.ttl_s && value.size() >= 2) out.ttl_s = v.ReadBe16();
        break;
      case kTlvPortDescription: out.port_description.assign(value.begin(), value.end()); break;
      case kTlvSystemName: out.system_name.assign(value.begin(), value.end()); break;
      case kTlvSystemDescription: out.system_description.assign(value.begin(), value.end()); break;
      case kTlvCapabilities:
        out.capabilities = v.ReadBe16();
        out.enabled_capabilities = v.ReadBe16();
        if (!v.ok()) out.broken = true;
        break;
      case kTlvManagementAddress: {
        std::uint8_t address_length = v.ReadU8();  // family byte + address
        Bytes address = v.ReadBytes(address_length);
        std::string text = v.ok() ? AddressText(address) : "";
        if (!text.empty()) out.management_addresses.push_back(text);
        break;
      }
      default: break;  // organisationally specific and others
    }
  }
  if (!ended && !out.broken && in.remaining() > 0) out.broken = true;
  return out;
}

std::optional<LldpPacket> ParseLldpFrame(Bytes frame) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet || ethernet->ether_type != kEtherTypeLldp) return std::nullopt;
  auto lldp = ParseLldp(ethernet->payload);
  if (lldp) lldp->eth_source = ethernet->source;
  return lldp;
}

std::vector<std::uint8_t> BuildLldpFrame(const MacAddress& source, const std::string& port,
                                         int ttl_s, const std::string& system_name,
                                         const std::string& system_description,
                                         std::uint16_t capabilities, std::uint16_t enabled,
                                         std::optional<Ipv4> management) {
  ByteWriter out;
  out.PutBytes(kLldpMulticast);
  out.PutBytes(source);
  out.PutBe16(kEtherTypeLldp);
  auto tlv = [&](std::uint8_t type, Bytes value) {
    out.PutBe16(static_cast<std::uint16_t>(type << 9 | value.size()));
    out.PutBytes(value);
  };
  auto text = [](const std::string& s) {
    return Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  };
  std::vector<std::uint8_t> chassis{4};
  chassis.insert(chassis.end(), source.begin(), source.end());
  tlv(kTlvChassisId, chassis);
  std::vector<std::uint8_t> port_id{5};
  port_id.insert(port_id.end(), port.begin(), port.end());
  tlv(kTlvPortId, port_id);
  std::vector<std::uint8_t> ttl{static_cast<std::uint8_t>(ttl_s >> 8),
                                static_cast<std::uint8_t>(ttl_s)};
  tlv(kTlvTtl, ttl);
  tlv(kTlvSystemName, text(system_name));
  tlv(kTlvSystemDescription, text(system_description));
  std::vector<std::uint8_t> caps{
      static_cast<std::uint8_t>(capabilities >> 8), static_cast<std::uint8_t>(capabilities),
      static_cast<std::uint8_t>(enabled >> 8), static_cast<std::uint8_t>(enabled)};
  tlv(kTlvCapabilities, caps);
  if (management) {
    auto b = Ipv4ToBytes(*management);
    std::vector<std::uint8_t> m{5, 1, b[0], b[1], b[2], b[3], 2, 0, 0, 0, 1, 0};
    tlv(kTlvManagementAddress, m);
  }
  out.PutBe16(0);  // End
  if (out.size() < kEthernetMinFrame) out.PutZeros(kEthernetMinFrame - out.size());
  return out.Take();
}

}  // namespace netfix::wire
