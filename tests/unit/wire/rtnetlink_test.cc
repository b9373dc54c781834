#include "wire/rtnetlink.h"

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <cstring>

using namespace netfix::wire;

namespace {

// Builds netlink messages in host byte order, as the kernel sends them.
class NlBuilder {
 public:
  void Begin(std::uint16_t type, std::uint32_t seq) {
    start_ = out_.size();
    Put32(0);  // length, patched in End
    Put16(type);
    Put16(NLM_F_MULTI);
    Put32(seq);
    Put32(0);
  }
  template <typename T>
  void Body(const T& body) {
    PutRaw(&body, sizeof body);
  }
  void Attr(std::uint16_t type, const void* data, std::size_t n) {
    Put16(static_cast<std::uint16_t>(4 + n));
    Put16(type);
    PutRaw(data, n);
    Align();
  }
  void Attr(std::uint16_t type, const std::string& text) {
    Attr(type, text.c_str(), text.size() + 1);
  }
  void Attr32(std::uint16_t type, std::uint32_t value) { Attr(type, &value, 4); }
  void End() {
    auto length = static_cast<std::uint32_t>(out_.size() - start_);
    std::memcpy(&out_[start_], &length, 4);
    Align();
  }
  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  void Put16(std::uint16_t v) { PutRaw(&v, 2); }
  void Put32(std::uint32_t v) { PutRaw(&v, 4); }
  void PutRaw(const void* data, std::size_t n) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    out_.insert(out_.end(), p, p + n);
  }
  void Align() { out_.resize(NetlinkAlign(out_.size())); }
  std::vector<std::uint8_t> out_;
  std::size_t start_ = 0;
};

void AddLink(NlBuilder& b, std::uint32_t seq, int index, const std::string& name, unsigned flags,
             const std::vector<std::uint8_t>& mac, const std::string& kind = "") {
  b.Begin(RTM_NEWLINK, seq);
  ifinfomsg info{};
  info.ifi_family = AF_UNSPEC;
  info.ifi_type = index == 1 ? ARPHRD_LOOPBACK : ARPHRD_ETHER;
  info.ifi_index = index;
  info.ifi_flags = flags;
  b.Body(info);
  b.Attr(IFLA_IFNAME, name);
  b.Attr32(IFLA_MTU, 1500);
  b.Attr(IFLA_ADDRESS, mac.data(), mac.size());
  if (!kind.empty()) {
    NlBuilder nested;  // IFLA_LINKINFO { IFLA_INFO_KIND }
    nested.Attr(IFLA_INFO_KIND, kind);
    b.Attr(IFLA_LINKINFO, nested.bytes().data(), nested.bytes().size());
  }
  b.End();
}

}  // namespace

TEST_CASE("rtnetlink: links with names, MACs, flags and kinds", "[wire][rtnetlink]") {
  NlBuilder b;
  AddLink(b, 7, 1, "lo", IFF_UP | IFF_LOOPBACK | IFF_RUNNING, {0, 0, 0, 0, 0, 0});
  AddLink(b, 7, 2, "lan0", IFF_UP | IFF_RUNNING | IFF_BROADCAST,
          {0xf0, 0xd5, 0xbf, 0x4e, 0x46, 0x58}, "veth");
  b.Begin(NLMSG_DONE, 7);
  b.Body(std::int32_t{0});
  b.End();
  auto batch = ParseNetlinkMessages(b.bytes(), 7);
  CHECK(batch.done);
  CHECK(batch.error == 0);
  CHECK(batch.skipped == 0);
  REQUIRE(batch.links.size() == 2);
  CHECK(batch.links[0].name == "lo");
  CHECK(batch.links[0].hardware_type == ARPHRD_LOOPBACK);
  CHECK(batch.links[1].name == "lan0");
  CHECK(batch.links[1].index == 2);
  CHECK(batch.links[1].mtu == 1500);
  CHECK(batch.links[1].kind == "veth");
  REQUIRE(batch.links[1].mac);
  CHECK(FormatMac(*batch.links[1].mac) == "f0:d5:bf:4e:46:58");
}

TEST_CASE("rtnetlink: addresses prefer IFA_LOCAL; IPv6 uses IFA_ADDRESS", "[wire][rtnetlink]") {
  NlBuilder b;
  b.Begin(RTM_NEWADDR, 1);
  ifaddrmsg a{};
  a.ifa_family = AF_INET;
  a.ifa_prefixlen = 24;
  a.ifa_scope = RT_SCOPE_UNIVERSE;
  a.ifa_index = 2;
  b.Body(a);
  std::uint8_t peer[4] = {192, 168, 178, 255}, local[4] = {192, 168, 178, 20};
  b.Attr(IFA_ADDRESS, peer, 4);
  b.Attr(IFA_LOCAL, local, 4);
  b.End();
  b.Begin(RTM_NEWADDR, 1);
  a.ifa_family = AF_INET6;
  a.ifa_prefixlen = 64;
  a.ifa_scope = RT_SCOPE_LINK;
  b.Body(a);
  std::uint8_t v6[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                         0xf2, 0xd5, 0xbf, 0xff, 0xfe, 0x4e, 0x46, 0x58};
  b.Attr(IFA_ADDRESS, v6, 16);
  b.End();
  auto batch = ParseNetlinkMessages(b.bytes(), 1);
  REQUIRE(batch.addresses.size() == 2);
  CHECK(batch.addresses[0].address == "192.168.178.20");
  CHECK(batch.addresses[0].prefix_len == 24);
  CHECK(batch.addresses[1].address == "fe80::f2d5:bfff:fe4e:4658");
  CHECK(batch.addresses[1].scope == RT_SCOPE_LINK);
  CHECK_FALSE(batch.done);
}

TEST_CASE("rtnetlink: routes, default and ECMP; neighbours", "[wire][rtnetlink]") {
  NlBuilder b;
  b.Begin(RTM_NEWROUTE, 3);
  rtmsg r{};
  r.rtm_family = AF_INET;
  r.rtm_dst_len = 0;
  r.rtm_table = RT_TABLE_MAIN;
  r.rtm_type = RTN_UNICAST;
  b.Body(r);
  std::uint8_t gw[4] = {192, 168, 178, 1};
  b.Attr(RTA_GATEWAY, gw, 4);
  b.Attr32(RTA_OIF, 2);
  b.Attr32(RTA_PRIORITY, 100);
  b.Attr32(RTA_TABLE, RT_TABLE_MAIN);
  b.End();

  b.Begin(RTM_NEWROUTE, 3);  // multipath: first hop counts
  b.Body(r);
  NlBuilder hops;
  rtnexthop hop{};
  hop.rtnh_len = sizeof(rtnexthop) + 8;
  hop.rtnh_ifindex = 3;
  std::vector<std::uint8_t> nh(sizeof hop);
  std::memcpy(nh.data(), &hop, sizeof hop);
  std::uint8_t gw2[4] = {10, 0, 0, 1};
  hops.Attr(RTA_GATEWAY, gw2, 4);
  nh.insert(nh.end(), hops.bytes().begin(), hops.bytes().end());
  b.Attr(RTA_MULTIPATH, nh.data(), nh.size());
  b.End();

  b.Begin(RTM_NEWNEIGH, 3);
  ndmsg n{};
  n.ndm_family = AF_INET;
  n.ndm_ifindex = 2;
  n.ndm_state = NUD_REACHABLE;
  b.Body(n);
  b.Attr(NDA_DST, gw, 4);
  std::uint8_t mac[6] = {0x3c, 0xa6, 0x2f, 0x10, 0x00, 0x01};
  b.Attr(NDA_LLADDR, mac, 6);
  b.End();

  auto batch = ParseNetlinkMessages(b.bytes(), 3);
  REQUIRE(batch.routes.size() == 2);
  CHECK(batch.routes[0].dst_len == 0);
  CHECK(batch.routes[0].gateway == "192.168.178.1");
  CHECK(batch.routes[0].oif == 2);
  CHECK(batch.routes[0].priority == 100);
  CHECK(batch.routes[1].gateway == "10.0.0.1");
  CHECK(batch.routes[1].oif == 3);
  REQUIRE(batch.neighbours.size() == 1);
  CHECK(batch.neighbours[0].ip == "192.168.178.1");
  CHECK(FormatMac(*batch.neighbours[0].mac) == "3c:a6:2f:10:00:01");
}

TEST_CASE("rtnetlink: errors, foreign sequence numbers and damage", "[wire][rtnetlink]") {
  SECTION("NLMSG_ERROR carries a negative errno") {
    NlBuilder b;
    b.Begin(NLMSG_ERROR, 5);
    b.Body(std::int32_t{-EPERM});
    b.End();
    CHECK(ParseNetlinkMessages(b.bytes(), 5).error == EPERM);
  }
  SECTION("messages of another request are ignored") {
    NlBuilder b;
    AddLink(b, 4, 2, "old", IFF_UP, {1, 2, 3, 4, 5, 6});
    CHECK(ParseNetlinkMessages(b.bytes(), 5).links.empty());
  }
  SECTION("an attribute longer than its message is skipped, not read") {
    NlBuilder b;
    AddLink(b, 1, 2, "lan0", IFF_UP, {1, 2, 3, 4, 5, 6});
    auto bytes = b.bytes();
    // The first attribute (IFLA_IFNAME) claims 200 bytes.
    bytes[16 + sizeof(ifinfomsg)] = 200;
    auto batch = ParseNetlinkMessages(bytes, 1);
    CHECK(batch.links.empty());
    CHECK(batch.skipped == 1);
  }
  SECTION("every truncation is safe") {
    NlBuilder b;
    AddLink(b, 1, 2, "lan0", IFF_UP, {1, 2, 3, 4, 5, 6}, "veth");
    auto bytes = b.bytes();
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      INFO("length " << n);
      auto batch = ParseNetlinkMessages(Bytes(bytes.data(), n), 1);
      CHECK(batch.links.empty());
      if (n > 0) CHECK(batch.truncated);
    }
  }
  SECTION("a message length below the header size stops parsing") {
    NlBuilder b;
    AddLink(b, 1, 2, "lan0", IFF_UP, {1, 2, 3, 4, 5, 6});
    auto bytes = b.bytes();
    std::uint32_t bad = 8;
    std::memcpy(bytes.data(), &bad, 4);
    auto batch = ParseNetlinkMessages(bytes, 1);
    CHECK(batch.truncated);
    CHECK(batch.links.empty());
  }
}
