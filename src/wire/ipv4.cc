#include "wire/ipv4.h"

namespace netfix::wire {

std::optional<Ipv4Packet> ParseIpv4(Bytes packet) {
  ByteReader in(packet);
  std::uint8_t version_ihl = in.ReadU8();
  in.Skip(1);  // DSCP/ECN
  std::uint16_t total_length = in.ReadBe16();
  in.Skip(2);  // identification
  std::uint16_t fragment = in.ReadBe16();
  Ipv4Packet out;
  out.ttl = in.ReadU8();
  out.protocol = in.ReadU8();
  in.Skip(2);  // header checksum
  out.source = Ipv4FromBytes(in.ReadArray<4>());
  out.destination = Ipv4FromBytes(in.ReadArray<4>());
  if (!in.ok() || (version_ihl >> 4) != 4) return std::nullopt;
  std::size_t header_length = std::size_t{version_ihl & 0x0fu} * 4;
  if (header_length < 20 || total_length < header_length || total_length > packet.size())
    return std::nullopt;
  in.Seek(header_length);
  out.payload = in.ReadBytes(total_length - header_length);
  if (!in.ok()) return std::nullopt;
  out.fragment = (fragment & 0x3fff) != 0;
  return out;
}

std::optional<UdpDatagram> ParseUdp(Bytes datagram) {
  ByteReader in(datagram);
  UdpDatagram out;
  out.source_port = in.ReadBe16();
  out.destination_port = in.ReadBe16();
  std::uint16_t length = in.ReadBe16();
  in.Skip(2);  // checksum
  if (!in.ok() || length < 8 || length > datagram.size()) return std::nullopt;
  out.payload = in.ReadBytes(length - 8u);
  if (!in.ok()) return std::nullopt;
  return out;
}

}  // namespace netfix::wire
