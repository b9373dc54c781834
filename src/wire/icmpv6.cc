#include "wire/icmpv6.h"

#include "wire/ethernet.h"
#include "wire/icmp.h"

namespace netfix::wire {

namespace {

constexpr std::uint8_t kOptSourceLinkLayer = 1;
constexpr std::uint8_t kOptTargetLinkLayer = 2;
constexpr std::uint8_t kOptPrefixInfo = 3;
constexpr std::uint8_t kOptMtu = 5;
constexpr std::uint8_t kOptRdnss = 25;
constexpr std::uint8_t kOptDnssl = 31;

constexpr std::uint8_t kHopByHop = 0;
constexpr std::uint8_t kRouting = 43;
constexpr std::uint8_t kDestinationOptions = 60;

std::uint16_t Checksum(const Ipv6& source, const Ipv6& destination, Bytes message) {
  ByteWriter pseudo;
  pseudo.PutBytes(source);
  pseudo.PutBytes(destination);
  pseudo.PutBe32(static_cast<std::uint32_t>(message.size()));
  pseudo.PutZeros(3);
  pseudo.PutU8(kIpProtoIcmpv6);
  pseudo.PutBytes(message);
  return InternetChecksum(pseudo.bytes());
}

// DNS names in uncompressed wire form, padded with zeros (RFC 8106 §5.2).
// false at the first label that does not fit or uses compression.
bool ReadDomains(Bytes data, std::vector<std::string>& out) {
  ByteReader in(data);
  std::string name;
  while (in.remaining() > 0) {
    std::uint8_t length = in.ReadU8();
    if (length == 0) {
      if (!name.empty()) out.push_back(std::move(name));
      name.clear();
      continue;  // end of a name, or padding
    }
    if (length > 63) return false;
    Bytes label = in.ReadBytes(length);
    if (!in.ok()) return false;
    if (!name.empty()) name += '.';
    name.append(label.begin(), label.end());
    if (name.size() > 253) return false;
  }
  return name.empty();  // a name without its terminating zero is cut
}

NdpOptions ReadOptions(ByteReader& in) {
  NdpOptions out;
  // Bounded: every option is at least 8 bytes.
  while (in.remaining() > 0) {
    std::uint8_t type = in.ReadU8();
    std::size_t length = std::size_t{in.ReadU8()} * 8;
    if (!in.ok() || length == 0 || length - 2 > in.remaining()) {
      out.broken = true;
      break;
    }
    ByteReader o(in.ReadBytes(length - 2));
    switch (type) {
      case kOptSourceLinkLayer:
      case kOptTargetLinkLayer: {
        MacAddress mac = o.ReadArray<6>();
        if (o.ok())
          (type == kOptSourceLinkLayer ? out.source_link_layer : out.target_link_layer) = mac;
        break;
      }
      case kOptMtu:
        o.Skip(2);
        out.mtu = o.ReadBe32();
        break;
      case kOptPrefixInfo: {
        NdpPrefix p;
        p.length = o.ReadU8();
        std::uint8_t flags = o.ReadU8();
        p.on_link = (flags & 0x80) != 0;
        p.autonomous = (flags & 0x40) != 0;
        p.valid_s = o.ReadBe32();
        p.preferred_s = o.ReadBe32();
        o.Skip(4);
        p.prefix = o.ReadArray<16>();
        if (o.ok() && p.length <= 128)
          out.prefixes.push_back(p);
        else
          out.broken = true;
        break;
      }
      case kOptRdnss: {
        o.Skip(2 + 4);  // reserved, lifetime
        while (o.ok() && o.remaining() >= 16) out.rdnss.push_back(o.ReadArray<16>());
        break;
      }
      case kOptDnssl: {
        o.Skip(2 + 4);
        if (!o.ok() || !ReadDomains(o.ReadBytes(o.remaining()), out.dnssl)) out.broken = true;
        break;
      }
      default: break;  // route information, PREF64, ...: not needed
    }
  }
  return out;
}

std::vector<std::uint8_t> Ipv6Frame(const MacAddress& eth_destination, const MacAddress& eth_source,
                                    const Ipv6& source, const Ipv6& destination,
                                    std::uint8_t hop_limit, std::vector<std::uint8_t> icmp) {
  icmp[2] = icmp[3] = 0;
  std::uint16_t checksum = Checksum(source, destination, icmp);
  icmp[2] = static_cast<std::uint8_t>(checksum >> 8);
  icmp[3] = static_cast<std::uint8_t>(checksum);
  ByteWriter out;
  out.PutBytes(eth_destination);
  out.PutBytes(eth_source);
  out.PutBe16(kEtherTypeIpv6);
  out.PutBe32(0x60000000);  // version 6, no traffic class or flow label
  out.PutBe16(static_cast<std::uint16_t>(icmp.size()));
  out.PutU8(kIpProtoIcmpv6);
  out.PutU8(hop_limit);
  out.PutBytes(source);
  out.PutBytes(destination);
  out.PutBytes(icmp);
  return out.Take();
}

std::vector<std::uint8_t> Echo(std::uint8_t type, std::uint16_t id, std::uint16_t sequence,
                               Bytes payload) {
  ByteWriter icmp;
  icmp.PutU8(type);
  icmp.PutU8(0);
  icmp.PutBe16(0);
  icmp.PutBe16(id);
  icmp.PutBe16(sequence);
  icmp.PutBytes(payload);
  return icmp.Take();
}

}  // namespace

std::optional<Ipv6Packet> ParseIpv6(Bytes packet) {
  ByteReader in(packet);
  std::uint32_t first = in.ReadBe32();
  std::uint16_t payload_length = in.ReadBe16();
  Ipv6Packet out;
  out.next_header = in.ReadU8();
  out.hop_limit = in.ReadU8();
  out.source = in.ReadArray<16>();
  out.destination = in.ReadArray<16>();
  if (!in.ok() || (first >> 28) != 6 || payload_length > in.remaining()) return std::nullopt;
  ByteReader body(in.ReadBytes(payload_length));
  // At most a few extension headers; each is at least 8 bytes.
  for (int i = 0; i < 8; ++i) {
    if (out.next_header != kHopByHop && out.next_header != kRouting &&
        out.next_header != kDestinationOptions)
      break;
    std::uint8_t next = body.ReadU8();
    std::size_t length = (std::size_t{body.ReadU8()} + 1) * 8;
    body.Skip(length - 2);
    if (!body.ok()) return std::nullopt;
    out.next_header = next;
  }
  out.payload = body.ReadBytes(body.remaining());
  return out;
}

std::optional<Icmpv6Message> ParseIcmpv6(Bytes message, const Ipv6& source,
                                         const Ipv6& destination) {
  ByteReader in(message);
  Icmpv6Message out;
  out.type = in.ReadU8();
  out.code = in.ReadU8();
  in.Skip(2);
  if (!in.ok()) return std::nullopt;
  out.checksum_ok = Checksum(source, destination, message) == 0;
  bool ndp = out.type >= kIcmpv6RouterSolicitation && out.type <= kIcmpv6NeighbourAdvertisement;
  if (ndp && out.code != 0) return std::nullopt;
  switch (out.type) {
    case kIcmpv6EchoRequest:
    case kIcmpv6EchoReply:
      out.id = in.ReadBe16();
      out.sequence = in.ReadBe16();
      break;
    case kIcmpv6RouterSolicitation:
      in.Skip(4);
      if (in.ok()) out.options = ReadOptions(in);
      break;
    case kIcmpv6RouterAdvertisement: {
      out.cur_hop_limit = in.ReadU8();
      std::uint8_t flags = in.ReadU8();
      out.managed = (flags & 0x80) != 0;
      out.other = (flags & 0x40) != 0;
      int preference = (flags >> 3) & 0x3;  // 01 high, 00 medium, 11 low, 10 reserved
      out.router_preference = preference == 1 ? 1 : preference == 3 ? -1 : 0;
      out.router_lifetime_s = in.ReadBe16();
      out.reachable_ms = in.ReadBe32();
      out.retrans_ms = in.ReadBe32();
      if (in.ok()) out.options = ReadOptions(in);
      break;
    }
    case kIcmpv6NeighbourSolicitation:
    case kIcmpv6NeighbourAdvertisement: {
      std::uint8_t flags = in.ReadU8();
      in.Skip(3);
      out.target = in.ReadArray<16>();
      if (out.type == kIcmpv6NeighbourAdvertisement) {
        out.router_flag = (flags & 0x80) != 0;
        out.solicited = (flags & 0x40) != 0;
        out.override_flag = (flags & 0x20) != 0;
      }
      if (in.ok()) out.options = ReadOptions(in);
      break;
    }
    default: break;
  }
  if (!in.ok()) return std::nullopt;
  return out;
}

std::optional<Icmpv6Frame> ParseIcmpv6Frame(Bytes frame) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet || ethernet->ether_type != kEtherTypeIpv6) return std::nullopt;
  auto ip = ParseIpv6(ethernet->payload);
  if (!ip || ip->next_header != kIpProtoIcmpv6) return std::nullopt;
  auto icmp = ParseIcmpv6(ip->payload, ip->source, ip->destination);
  if (!icmp) return std::nullopt;
  return Icmpv6Frame{ethernet->source, ethernet->destination, *ip, std::move(*icmp)};
}

std::vector<std::uint8_t> BuildRouterSolicitationFrame(const MacAddress& eth_source,
                                                       const Ipv6& source) {
  ByteWriter icmp;
  icmp.PutU8(kIcmpv6RouterSolicitation);
  icmp.PutU8(0);
  icmp.PutBe16(0);
  icmp.PutBe32(0);  // reserved
  if (source != Ipv6{}) {
    icmp.PutU8(kOptSourceLinkLayer);
    icmp.PutU8(1);
    icmp.PutBytes(eth_source);
  }
  return Ipv6Frame(MulticastMac(kAllRouters), eth_source, source, kAllRouters, 255, icmp.Take());
}

std::vector<std::uint8_t> BuildEcho6RequestFrame(const MacAddress& eth_source, const Ipv6& source,
                                                 const Ipv6& destination,
                                                 const MacAddress& eth_destination,
                                                 std::uint16_t id, std::uint16_t sequence,
                                                 Bytes payload, std::uint8_t hop_limit) {
  return Ipv6Frame(eth_destination, eth_source, source, destination, hop_limit,
                   Echo(kIcmpv6EchoRequest, id, sequence, payload));
}

std::vector<std::uint8_t> BuildEcho6ReplyFrame(const MacAddress& eth_source, const Ipv6& source,
                                               const MacAddress& eth_destination,
                                               const Ipv6& destination, std::uint16_t id,
                                               std::uint16_t sequence, Bytes payload) {
  return Ipv6Frame(eth_destination, eth_source, source, destination, 64,
                   Echo(kIcmpv6EchoReply, id, sequence, payload));
}

std::vector<std::uint8_t> BuildRouterAdvertisementFrame(const MacAddress& eth_source,
                                                        const Ipv6& source,
                                                        const MacAddress& eth_destination,
                                                        const Ipv6& destination,
                                                        const Icmpv6Message& ra) {
  ByteWriter icmp;
  icmp.PutU8(kIcmpv6RouterAdvertisement);
  icmp.PutU8(0);
  icmp.PutBe16(0);
  icmp.PutU8(ra.cur_hop_limit);
  std::uint8_t preference = ra.router_preference > 0 ? 1 : ra.router_preference < 0 ? 3 : 0;
  icmp.PutU8(
      static_cast<std::uint8_t>((ra.managed ? 0x80 : 0) | (ra.other ? 0x40 : 0) | preference << 3));
  icmp.PutBe16(ra.router_lifetime_s);
  icmp.PutBe32(ra.reachable_ms);
  icmp.PutBe32(ra.retrans_ms);
  const NdpOptions& o = ra.options;
  if (o.source_link_layer) {
    icmp.PutU8(kOptSourceLinkLayer);
    icmp.PutU8(1);
    icmp.PutBytes(*o.source_link_layer);
  }
  if (o.mtu) {
    icmp.PutU8(kOptMtu);
    icmp.PutU8(1);
    icmp.PutBe16(0);
    icmp.PutBe32(*o.mtu);
  }
  for (const auto& p : o.prefixes) {
    icmp.PutU8(kOptPrefixInfo);
    icmp.PutU8(4);
    icmp.PutU8(static_cast<std::uint8_t>(p.length));
    icmp.PutU8(static_cast<std::uint8_t>((p.on_link ? 0x80 : 0) | (p.autonomous ? 0x40 : 0)));
    icmp.PutBe32(p.valid_s);
    icmp.PutBe32(p.preferred_s);
    icmp.PutBe32(0);
    icmp.PutBytes(p.prefix);
  }
  if (!o.rdnss.empty()) {
    icmp.PutU8(kOptRdnss);
    icmp.PutU8(static_cast<std::uint8_t>(1 + 2 * o.rdnss.size()));
    icmp.PutBe16(0);
    icmp.PutBe32(1800);
    for (const auto& a : o.rdnss) icmp.PutBytes(a);
  }
  if (!o.dnssl.empty()) {
    ByteWriter names;
    for (const auto& name : o.dnssl) {
      std::size_t start = 0;
      while (start <= name.size()) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string::npos) dot = name.size();
        names.PutU8(static_cast<std::uint8_t>(dot - start));
        names.PutBytes(
            Bytes(reinterpret_cast<const std::uint8_t*>(name.data()) + start, dot - start));
        start = dot + 1;
      }
      names.PutU8(0);
    }
    std::size_t length = 8 + names.size();
    std::size_t padded = (length + 7) / 8 * 8;
    icmp.PutU8(kOptDnssl);
    icmp.PutU8(static_cast<std::uint8_t>(padded / 8));
    icmp.PutBe16(0);
    icmp.PutBe32(1800);
    icmp.PutBytes(names.bytes());
    icmp.PutZeros(padded - length);
  }
  return Ipv6Frame(eth_destination, eth_source, source, destination, 255, icmp.Take());
}

}  // namespace netfix::wire
