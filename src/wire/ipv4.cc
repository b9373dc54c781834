#include "wire/ipv4.h"

#include "wire/ethernet.h"
#include "wire/icmp.h"

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

std::vector<std::uint8_t> BuildUdpFrame(const MacAddress& eth_destination,
                                        const MacAddress& eth_source, Ipv4 source, Ipv4 destination,
                                        std::uint16_t source_port, std::uint16_t destination_port,
                                        Bytes payload, std::uint8_t ttl) {
  const std::size_t udp_length = 8 + payload.size();
  ByteWriter out;
  out.PutBytes(eth_destination);
  out.PutBytes(eth_source);
  out.PutBe16(kEtherTypeIpv4);
  const std::size_t ip = out.size();
  out.PutU8(0x45);  // version 4, 20-byte header
  out.PutU8(0);
  out.PutBe16(static_cast<std::uint16_t>(20 + udp_length));
  out.PutBe16(0);  // identification
  out.PutBe16(0);  // no fragmentation flags
  out.PutU8(ttl);
  out.PutU8(kIpProtoUdp);
  out.PutBe16(0);  // header checksum, below
  out.PutBytes(Ipv4ToBytes(source));
  out.PutBytes(Ipv4ToBytes(destination));
  out.SetBe16(ip + 10, InternetChecksum(Bytes(out.bytes()).subspan(ip, 20)));
  const std::size_t udp = out.size();
  out.PutBe16(source_port);
  out.PutBe16(destination_port);
  out.PutBe16(static_cast<std::uint16_t>(udp_length));
  out.PutBe16(0);  // checksum, below
  out.PutBytes(payload);
  // The UDP checksum covers a pseudo-header: addresses, protocol, length.
  ByteWriter pseudo;
  pseudo.PutBytes(Ipv4ToBytes(source));
  pseudo.PutBytes(Ipv4ToBytes(destination));
  pseudo.PutU8(0);
  pseudo.PutU8(kIpProtoUdp);
  pseudo.PutBe16(static_cast<std::uint16_t>(udp_length));
  pseudo.PutBytes(Bytes(out.bytes()).subspan(udp));
  std::uint16_t checksum = InternetChecksum(pseudo.bytes());
  out.SetBe16(udp + 6, checksum == 0 ? 0xffff : checksum);  // 0 would mean "none"
  if (out.size() < kEthernetMinFrame) out.PutZeros(kEthernetMinFrame - out.size());
  return out.Take();
}

}  // namespace netfix::wire
