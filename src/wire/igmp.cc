#include "wire/igmp.h"

#include "wire/ethernet.h"
#include "wire/ipv4.h"

namespace netfix::wire {

namespace {

// RFC 3376 §4.1.1: codes from 128 on are a floating-point number.
double V3MaxResponse(std::uint8_t code) {
  if (code < 128) return code / 10.0;
  unsigned mantissa = code & 0x0f;
  unsigned exponent = (code >> 4) & 0x07;
  return static_cast<double>((mantissa | 0x10) << (exponent + 3)) / 10.0;
}

}  // namespace

std::optional<IgmpPacket> ParseIgmp(Bytes message) {
  ByteReader in(message);
  IgmpPacket out;
  out.type = in.ReadU8();
  std::uint8_t max_response = in.ReadU8();
  in.Skip(2);  // checksum
  if (!in.ok() || message.size() < 8) return std::nullopt;
  switch (out.type) {
    case kIgmpQuery:
      out.group = Ipv4FromBytes(in.ReadArray<4>());
      if (message.size() == 8) {
        out.version = max_response == 0 ? 1 : 2;
        out.max_response_s = out.version == 1 ? 10 : max_response / 10.0;
      } else {
        out.version = 3;
        out.max_response_s = V3MaxResponse(max_response);
        in.Skip(2);  // flags, QRV, QQIC
        std::uint16_t sources = in.ReadBe16();
        in.Skip(std::size_t{sources} * 4);
        out.truncated = !in.ok();
      }
      break;
    case kIgmpV1Report:
    case kIgmpV2Report:
    case kIgmpV2Leave:
      out.version = out.type == kIgmpV1Report ? 1 : 2;
      out.group = Ipv4FromBytes(in.ReadArray<4>());
      break;
    case kIgmpV3Report: {
      out.version = 3;
      in.Skip(2);  // reserved
      std::uint16_t count = in.ReadBe16();
      // Bounded by the message: every record is at least 8 bytes.
      for (std::uint16_t i = 0; i < count && in.ok(); ++i) {
        IgmpGroupRecord record;
        record.type = in.ReadU8();
        std::uint8_t aux_words = in.ReadU8();
        record.sources = in.ReadBe16();
        record.group = Ipv4FromBytes(in.ReadArray<4>());
        in.Skip(std::size_t{record.sources} * 4 + std::size_t{aux_words} * 4);
        if (!in.ok()) break;
        out.records.push_back(record);
      }
      out.truncated = !in.ok();
      break;
    }
    default: break;
  }
  return out;
}

std::optional<IgmpFrame> ParseIgmpFrame(Bytes frame) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet || ethernet->ether_type != kEtherTypeIpv4) return std::nullopt;
  auto ip = ParseIpv4(ethernet->payload);
  if (!ip || ip->protocol != kIpProtoIgmp || ip->fragment) return std::nullopt;
  auto igmp = ParseIgmp(ip->payload);
  if (!igmp) return std::nullopt;
  return IgmpFrame{ethernet->source, ip->source, ip->destination, std::move(*igmp)};
}

}  // namespace netfix::wire
