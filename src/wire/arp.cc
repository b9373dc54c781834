#include "wire/arp.h"

#include "wire/ethernet.h"

namespace netfix::wire {

std::optional<ArpPacket> ParseArp(Bytes payload) {
  ByteReader in(payload);
  std::uint16_t hardware_type = in.ReadBe16();
  std::uint16_t protocol_type = in.ReadBe16();
  std::uint8_t hardware_len = in.ReadU8();
  std::uint8_t protocol_len = in.ReadU8();
  if (!in.ok() || hardware_type != 1 || protocol_type != kEtherTypeIpv4 || hardware_len != 6 ||
      protocol_len != 4)
    return std::nullopt;
  ArpPacket out;
  out.operation = in.ReadBe16();
  out.sender_mac = in.ReadArray<6>();
  out.sender_ip = Ipv4FromBytes(in.ReadArray<4>());
  out.target_mac = in.ReadArray<6>();
  out.target_ip = Ipv4FromBytes(in.ReadArray<4>());
  if (!in.ok()) return std::nullopt;
  return out;
}

std::optional<ArpPacket> ParseArpFrame(Bytes frame) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet || ethernet->ether_type != kEtherTypeArp) return std::nullopt;
  return ParseArp(ethernet->payload);
}

std::vector<std::uint8_t> BuildArpFrame(const MacAddress& eth_destination,
                                        const MacAddress& eth_source, const ArpPacket& packet) {
  ByteWriter out;
  out.PutBytes(eth_destination);
  out.PutBytes(eth_source);
  out.PutBe16(kEtherTypeArp);
  out.PutBe16(1);  // Ethernet
  out.PutBe16(kEtherTypeIpv4);
  out.PutU8(6);
  out.PutU8(4);
  out.PutBe16(packet.operation);
  out.PutBytes(packet.sender_mac);
  out.PutBytes(Ipv4ToBytes(packet.sender_ip));
  out.PutBytes(packet.target_mac);
  out.PutBytes(Ipv4ToBytes(packet.target_ip));
  if (out.size() < kEthernetMinFrame) out.PutZeros(kEthernetMinFrame - out.size());
  return out.Take();
}

std::vector<std::uint8_t> BuildArpRequest(const MacAddress& sender_mac, Ipv4 sender_ip,
                                          Ipv4 target_ip) {
  ArpPacket request;
  request.operation = kArpRequest;
  request.sender_mac = sender_mac;
  request.sender_ip = sender_ip;
  request.target_mac = kZeroMac;
  request.target_ip = target_ip;
  return BuildArpFrame(kBroadcastMac, sender_mac, request);
}

}  // namespace netfix::wire
