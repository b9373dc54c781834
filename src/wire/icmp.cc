#include "wire/icmp.h"

#include "wire/ipv4.h"

namespace netfix::wire {

std::uint16_t InternetChecksum(Bytes data) {
  std::uint32_t sum = 0;
  std::size_t i = 0;
  for (; i + 1 < data.size(); i += 2) sum += std::uint32_t{data[i]} << 8 | data[i + 1];
  if (i < data.size()) sum += std::uint32_t{data[i]} << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

std::vector<std::uint8_t> BuildEchoRequest(std::uint16_t id, std::uint16_t sequence,
                                           Bytes payload) {
  ByteWriter out;
  out.PutU8(kIcmpEchoRequest);
  out.PutU8(0);
  out.PutBe16(0);  // checksum, filled in below
  out.PutBe16(id);
  out.PutBe16(sequence);
  out.PutBytes(payload);
  out.SetBe16(2, InternetChecksum(out.bytes()));
  return out.Take();
}

std::optional<IcmpMessage> ParseIcmp(Bytes message) {
  ByteReader in(message);
  IcmpMessage out;
  out.type = in.ReadU8();
  out.code = in.ReadU8();
  in.Skip(2);
  out.id = in.ReadBe16();
  out.sequence = in.ReadBe16();
  if (!in.ok() || InternetChecksum(message) != 0) return std::nullopt;
  out.payload = in.ReadBytes(in.remaining());
  if (out.type != kIcmpEchoReply && out.type != kIcmpEchoRequest) out.id = out.sequence = 0;
  return out;
}

std::optional<RawIcmp> ParseRawIcmp(Bytes ipv4_packet) {
  auto ip = ParseIpv4(ipv4_packet);
  if (!ip || ip->protocol != kIpProtoIcmp || ip->fragment) return std::nullopt;
  auto icmp = ParseIcmp(ip->payload);
  if (!icmp) return std::nullopt;
  return RawIcmp{ip->source, ip->ttl, *icmp};
}

}  // namespace netfix::wire
