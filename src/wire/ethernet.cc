#include "wire/ethernet.h"

namespace netfix::wire {

namespace {

bool IsVlanTag(std::uint16_t type) {
  return type == 0x8100 || type == 0x88a8 || type == 0x9100;
}

}  // namespace

std::optional<EthernetFrame> ParseEthernet(Bytes frame) {
  ByteReader in(frame);
  EthernetFrame out;
  out.destination = in.ReadArray<6>();
  out.source = in.ReadArray<6>();
  out.ether_type = in.ReadBe16();
  while (in.ok() && IsVlanTag(out.ether_type) && out.vlan_tags < 2) {
    in.Skip(2);  // priority, DEI, VLAN id
    out.ether_type = in.ReadBe16();
    ++out.vlan_tags;
  }
  if (!in.ok() || out.ether_type < 0x0600 || IsVlanTag(out.ether_type)) return std::nullopt;
  out.payload = in.ReadBytes(in.remaining());
  return out;
}

}  // namespace netfix::wire
