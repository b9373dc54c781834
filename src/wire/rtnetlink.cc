#include "wire/rtnetlink.h"

#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <functional>

namespace netfix::wire {

namespace {

constexpr std::size_t kHeaderSize = 16;  // struct nlmsghdr

std::string AddressText(int family, Bytes payload) {
  ByteReader in(payload);
  if (family == AF_INET && payload.size() == 4) return FormatIpv4(Ipv4FromBytes(in.ReadArray<4>()));
  if (family == AF_INET6 && payload.size() == 16) return FormatIpv6(in.ReadArray<16>());
  return "";
}

std::optional<MacAddress> Mac(Bytes payload) {
  if (payload.size() != 6) return std::nullopt;
  ByteReader in(payload);
  return in.ReadArray<6>();
}

bool ParseLink(Bytes body, NlLink& link) {
  ByteReader in(body);
  in.Skip(2);  // family, pad
  link.hardware_type = in.ReadHost16();
  link.index = static_cast<int>(in.ReadHost32());
  link.flags = in.ReadHost32();
  in.Skip(4);  // change mask
  if (!in.ok()) return false;
  return ForEachNetlinkAttribute(in.ReadBytes(in.remaining()), [&](std::uint16_t type, Bytes p) {
    ByteReader value(p);
    switch (type) {
      case IFLA_IFNAME: link.name = NetlinkString(p); break;
      case IFLA_MTU: link.mtu = static_cast<int>(value.ReadHost32()); break;
      case IFLA_ADDRESS: link.mac = Mac(p); break;
      case IFLA_LINKINFO:
        ForEachNetlinkAttribute(p, [&](std::uint16_t info_type, Bytes info) {
          if (info_type == IFLA_INFO_KIND) link.kind = NetlinkString(info);
        });
        break;
    }
  });
}

bool ParseAddress(Bytes body, NlAddress& address) {
  ByteReader in(body);
  address.family = in.ReadU8();
  address.prefix_len = in.ReadU8();
  in.Skip(1);  // flags
  address.scope = in.ReadU8();
  address.index = static_cast<int>(in.ReadHost32());
  if (!in.ok()) return false;
  std::string local, peer;
  bool ok = ForEachNetlinkAttribute(in.ReadBytes(in.remaining()), [&](std::uint16_t type, Bytes p) {
    if (type == IFA_LOCAL) local = AddressText(address.family, p);
    if (type == IFA_ADDRESS) peer = AddressText(address.family, p);
  });
  // IFA_LOCAL is our address; IFA_ADDRESS is the peer on point-to-point links
  // and the only one given for IPv6.
  address.address = !local.empty() ? local : peer;
  return ok && !address.address.empty();
}

bool ParseRoute(Bytes body, NlRoute& route) {
  ByteReader in(body);
  route.family = in.ReadU8();
  route.dst_len = in.ReadU8();
  in.Skip(2);  // src_len, tos
  route.table = in.ReadU8();
  in.Skip(2);  // protocol, scope
  route.type = in.ReadU8();
  in.Skip(4);  // flags
  if (!in.ok()) return false;
  return ForEachNetlinkAttribute(in.ReadBytes(in.remaining()), [&](std::uint16_t type, Bytes p) {
    ByteReader value(p);
    switch (type) {
      case RTA_DST: route.destination = AddressText(route.family, p); break;
      case RTA_GATEWAY: route.gateway = AddressText(route.family, p); break;
      case RTA_OIF: route.oif = static_cast<int>(value.ReadHost32()); break;
      case RTA_PRIORITY: route.priority = static_cast<int>(value.ReadHost32()); break;
      case RTA_TABLE: route.table = static_cast<int>(value.ReadHost32()); break;
      case RTA_VIA: {  // an IPv4 route via an IPv6 next hop (RFC 5549)
        std::uint16_t family = value.ReadHost16();
        route.gateway = AddressText(family, value.ReadBytes(value.remaining()));
        break;
      }
      case RTA_MULTIPATH: {  // ECMP: report the first next hop
        if (route.oif != 0) break;
        value.Skip(2);  // rtnh_len
        value.Skip(2);  // rtnh_flags, rtnh_hops
        route.oif = static_cast<int>(value.ReadHost32());
        if (!value.ok()) break;
        ForEachNetlinkAttribute(value.ReadBytes(value.remaining()), [&](std::uint16_t t, Bytes nh) {
          if (t == RTA_GATEWAY && route.gateway.empty())
            route.gateway = AddressText(route.family, nh);
        });
        break;
      }
    }
  });
}

bool ParseNeighbour(Bytes body, NlNeighbour& neighbour) {
  ByteReader in(body);
  neighbour.family = in.ReadU8();
  in.Skip(3);  // padding
  neighbour.index = static_cast<int>(in.ReadHost32());
  neighbour.state = in.ReadHost16();
  in.Skip(2);  // flags, type
  if (!in.ok()) return false;
  bool ok = ForEachNetlinkAttribute(in.ReadBytes(in.remaining()), [&](std::uint16_t type, Bytes p) {
    if (type == NDA_DST) neighbour.ip = AddressText(neighbour.family, p);
    if (type == NDA_LLADDR) neighbour.mac = Mac(p);
  });
  return ok && !neighbour.ip.empty();
}

}  // namespace

bool ForEachNetlinkAttribute(Bytes attributes,
                             const std::function<void(std::uint16_t, Bytes)>& on_attribute) {
  constexpr std::size_t kAttrHeaderSize = 4;  // struct nlattr / rtattr
  ByteReader in(attributes);
  while (in.remaining() >= kAttrHeaderSize) {
    std::size_t start = in.position();
    std::uint16_t length = in.ReadHost16();
    std::uint16_t type = in.ReadHost16();
    if (length < kAttrHeaderSize) return false;
    Bytes payload = in.ReadBytes(length - kAttrHeaderSize);
    if (!in.ok()) return false;
    on_attribute(static_cast<std::uint16_t>(type & NLA_TYPE_MASK), payload);
    std::size_t next = start + NetlinkAlign(length);
    if (next >= attributes.size()) break;
    in.Seek(next);
  }
  return in.ok();
}

std::string NetlinkString(Bytes payload) {
  std::string out;
  for (std::uint8_t c : payload) {
    if (c == 0) break;
    out += static_cast<char>(c);
  }
  return out;
}

NlBatch ParseNetlinkMessages(Bytes buffer, std::uint32_t sequence) {
  NlBatch batch;
  ByteReader in(buffer);
  while (in.remaining() > 0) {
    std::size_t start = in.position();
    std::uint32_t length = in.ReadHost32();
    std::uint16_t type = in.ReadHost16();
    in.Skip(2);  // flags
    std::uint32_t seq = in.ReadHost32();
    in.Skip(4);  // port id
    if (!in.ok() || length < kHeaderSize || length > buffer.size() - start) {
      batch.truncated = true;
      break;
    }
    Bytes body = in.ReadBytes(length - kHeaderSize);
    if (seq == sequence) {
      bool parsed = true;
      switch (type) {
        case NLMSG_DONE: batch.done = true; break;
        case NLMSG_ERROR: {
          ByteReader error(body);
          auto code = static_cast<std::int32_t>(error.ReadHost32());
          if (error.ok() && code != 0) batch.error = -code;
          break;
        }
        case RTM_NEWLINK: parsed = ParseLink(body, batch.links.emplace_back()); break;
        case RTM_NEWADDR: parsed = ParseAddress(body, batch.addresses.emplace_back()); break;
        case RTM_NEWROUTE: parsed = ParseRoute(body, batch.routes.emplace_back()); break;
        case RTM_NEWNEIGH: parsed = ParseNeighbour(body, batch.neighbours.emplace_back()); break;
        case NLMSG_NOOP: break;
        default: parsed = false;
      }
      if (!parsed) {
        ++batch.skipped;
        if (type == RTM_NEWLINK) batch.links.pop_back();
        if (type == RTM_NEWADDR) batch.addresses.pop_back();
        if (type == RTM_NEWROUTE) batch.routes.pop_back();
        if (type == RTM_NEWNEIGH) batch.neighbours.pop_back();
      }
    }
    std::size_t next = start + NetlinkAlign(length);
    if (next >= buffer.size()) break;
    in.Seek(next);
  }
  return batch;
}

}  // namespace netfix::wire
