#include "wire/dhcp.h"

#include <algorithm>

#include "wire/ethernet.h"
#include "wire/ipv4.h"

namespace netfix::wire {

namespace {

constexpr std::uint32_t kMagicCookie = 0x63825363;
constexpr std::size_t kSnameSize = 64;
constexpr std::size_t kFileSize = 128;
constexpr std::size_t kMinBootp = 300;

std::string UpToNul(Bytes bytes) {
  auto end = std::find(bytes.begin(), bytes.end(), std::uint8_t{0});
  return std::string(bytes.begin(), end);
}

// Reads options from `area` into `packet`; false when they ran past the end
// or had no END. Parts of the same option are joined (RFC 3396).
bool ReadOptions(Bytes area, DhcpPacket& packet) {
  ByteReader in(area);
  // Bounded: every step consumes at least one byte.
  while (in.remaining() > 0) {
    std::uint8_t code = in.ReadU8();
    if (code == kDhcpOptPad) continue;
    if (code == kDhcpOptEnd) return true;
    std::uint8_t length = in.ReadU8();
    Bytes data = in.ReadBytes(length);
    if (!in.ok()) return false;
    auto it = std::find_if(packet.options.begin(), packet.options.end(),
                           [&](const DhcpOption& o) { return o.code == code; });
    if (it == packet.options.end()) it = packet.options.insert(packet.options.end(), {code, {}});
    it->data.insert(it->data.end(), data.begin(), data.end());
  }
  return false;
}

}  // namespace

std::string DhcpMessageTypeName(int type) {
  static const char* const kNames[] = {"",
                                       "DISCOVER",
                                       "OFFER",
                                       "REQUEST",
                                       "DECLINE",
                                       "ACK",
                                       "NAK",
                                       "RELEASE",
                                       "INFORM",
                                       "FORCERENEW",
                                       "LEASEQUERY",
                                       "LEASEUNASSIGNED",
                                       "LEASEUNKNOWN",
                                       "LEASEACTIVE"};
  if (type >= 1 && type < static_cast<int>(std::size(kNames))) return kNames[type];
  return "TYPE-" + std::to_string(type);
}

const DhcpOption* DhcpPacket::Find(std::uint8_t code) const {
  for (const auto& o : options)
    if (o.code == code) return &o;
  return nullptr;
}

std::optional<int> DhcpPacket::message_type() const {
  const DhcpOption* o = Find(kDhcpOptMessageType);
  if (o == nullptr || o->data.size() != 1) return std::nullopt;
  return o->data[0];
}

std::optional<MacAddress> DhcpPacket::client_mac() const {
  if (htype != 1 || hlen != 6) return std::nullopt;
  MacAddress mac;
  std::copy_n(chaddr.begin(), 6, mac.begin());
  return mac;
}

std::optional<Ipv4> DhcpPacket::Ipv4Option(std::uint8_t code) const {
  const DhcpOption* o = Find(code);
  if (o == nullptr || o->data.size() != 4) return std::nullopt;
  return Ipv4FromBytes({o->data[0], o->data[1], o->data[2], o->data[3]});
}

std::vector<Ipv4> DhcpPacket::Ipv4ListOption(std::uint8_t code) const {
  std::vector<Ipv4> out;
  const DhcpOption* o = Find(code);
  if (o == nullptr) return out;
  for (std::size_t i = 0; i + 4 <= o->data.size(); i += 4)
    out.push_back(Ipv4FromBytes({o->data[i], o->data[i + 1], o->data[i + 2], o->data[i + 3]}));
  return out;
}

std::optional<std::uint32_t> DhcpPacket::U32Option(std::uint8_t code) const {
  const DhcpOption* o = Find(code);
  if (o == nullptr || o->data.size() != 4) return std::nullopt;
  ByteReader in(o->data);
  return in.ReadBe32();
}

std::string DhcpPacket::TextOption(std::uint8_t code) const {
  const DhcpOption* o = Find(code);
  return o == nullptr ? "" : UpToNul(o->data);
}

std::optional<DhcpPacket> ParseDhcp(Bytes payload) {
  ByteReader in(payload);
  DhcpPacket p;
  p.op = in.ReadU8();
  p.htype = in.ReadU8();
  p.hlen = in.ReadU8();
  p.hops = in.ReadU8();
  p.xid = in.ReadBe32();
  p.secs = in.ReadBe16();
  p.flags = in.ReadBe16();
  p.ciaddr = Ipv4FromBytes(in.ReadArray<4>());
  p.yiaddr = Ipv4FromBytes(in.ReadArray<4>());
  p.siaddr = Ipv4FromBytes(in.ReadArray<4>());
  p.giaddr = Ipv4FromBytes(in.ReadArray<4>());
  p.chaddr = in.ReadArray<16>();
  Bytes sname = in.ReadBytes(kSnameSize);
  Bytes file = in.ReadBytes(kFileSize);
  if (!in.ok()) return std::nullopt;

  std::uint32_t cookie = in.ReadBe32();
  if (!in.ok() || cookie != kMagicCookie) {
    p.has_cookie = false;  // BOOTP (or not DHCP at all): the header is all there is
    p.sname = UpToNul(sname);
    p.file = UpToNul(file);
    return p;
  }
  bool complete = ReadOptions(in.ReadBytes(in.remaining()), p);
  int overload = 0;
  if (const DhcpOption* o = p.Find(kDhcpOptOverload); o != nullptr && o->data.size() == 1)
    overload = o->data[0];
  // RFC 2131 §4.1: options, then `file`, then `sname`.
  if ((overload & 1) != 0)
    complete = ReadOptions(file, p) && complete;
  else
    p.file = UpToNul(file);
  if ((overload & 2) != 0)
    complete = ReadOptions(sname, p) && complete;
  else
    p.sname = UpToNul(sname);
  p.options_broken = !complete;
  return p;
}

std::optional<DhcpFrame> ParseDhcpFrame(Bytes frame) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet || ethernet->ether_type != kEtherTypeIpv4) return std::nullopt;
  auto ip = ParseIpv4(ethernet->payload);
  if (!ip || ip->protocol != kIpProtoUdp || ip->fragment) return std::nullopt;
  auto udp = ParseUdp(ip->payload);
  if (!udp) return std::nullopt;
  auto is_dhcp_port = [](std::uint16_t port) {
    return port == kDhcpServerPort || port == kDhcpClientPort;
  };
  if (!is_dhcp_port(udp->source_port) && !is_dhcp_port(udp->destination_port)) return std::nullopt;
  auto dhcp = ParseDhcp(udp->payload);
  if (!dhcp) return std::nullopt;
  return DhcpFrame{ethernet->source, ethernet->destination, ip->source,      ip->destination,
                   udp->source_port, udp->destination_port, std::move(*dhcp)};
}

std::vector<std::uint8_t> BuildDhcp(const DhcpPacket& p) {
  ByteWriter out;
  out.PutU8(p.op);
  out.PutU8(p.htype);
  out.PutU8(p.hlen);
  out.PutU8(p.hops);
  out.PutBe32(p.xid);
  out.PutBe16(p.secs);
  out.PutBe16(p.flags);
  for (Ipv4 a : {p.ciaddr, p.yiaddr, p.siaddr, p.giaddr}) out.PutBytes(Ipv4ToBytes(a));
  out.PutBytes(p.chaddr);
  auto put_text = [&](const std::string& text, std::size_t size) {
    std::size_t n = std::min(text.size(), size - 1);  // keep a NUL
    out.PutBytes(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), n));
    out.PutZeros(size - n);
  };
  put_text(p.sname, kSnameSize);
  put_text(p.file, kFileSize);
  out.PutBe32(kMagicCookie);
  for (const auto& o : p.options) {
    std::size_t at = 0;
    do {  // an empty option is written once, with length 0
      std::size_t n = std::min<std::size_t>(255, o.data.size() - at);
      out.PutU8(o.code);
      out.PutU8(static_cast<std::uint8_t>(n));
      out.PutBytes(Bytes(o.data).subspan(at, n));
      at += n;
    } while (at < o.data.size());
  }
  out.PutU8(kDhcpOptEnd);
  if (out.size() < kMinBootp) out.PutZeros(kMinBootp - out.size());
  return out.Take();
}

}  // namespace netfix::wire
