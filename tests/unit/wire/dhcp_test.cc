#include "wire/dhcp.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/ipv4.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadCapture;

namespace {

DhcpPacket Offer() {
  DhcpPacket p;
  p.op = kBootReply;
  p.xid = 0x12345678;
  p.flags = kDhcpBroadcastFlag;
  p.yiaddr = *ParseIpv4("192.168.178.77");
  auto mac = *ParseMac("02:6e:66:78:00:01");
  std::copy(mac.begin(), mac.end(), p.chaddr.begin());
  auto ip = [](const char* text) {
    auto b = Ipv4ToBytes(*ParseIpv4(text));
    return std::vector<std::uint8_t>(b.begin(), b.end());
  };
  p.options = {{kDhcpOptMessageType, {kDhcpOffer}},
               {kDhcpOptServerId, ip("192.168.178.1")},
               {kDhcpOptLeaseTime, {0, 0, 0xa8, 0xc0}},  // 43200 s
               {kDhcpOptSubnetMask, ip("255.255.255.0")},
               {kDhcpOptRouter, ip("192.168.178.1")},
               {kDhcpOptDnsServer, {192, 168, 178, 1, 8, 8, 8, 8}},
               {kDhcpOptDomainName, {'f', 'r', 'i', 't', 'z', '.', 'b', 'o', 'x'}}};
  return p;
}

}  // namespace

TEST_CASE("DHCP: a built offer parses back to the same fields", "[wire][dhcp]") {
  auto bytes = BuildDhcp(Offer());
  CHECK(bytes.size() >= 300);
  auto p = ParseDhcp(bytes);
  REQUIRE(p);
  CHECK(p->op == kBootReply);
  CHECK(p->xid == 0x12345678);
  CHECK(p->flags == kDhcpBroadcastFlag);
  CHECK(FormatIpv4(p->yiaddr) == "192.168.178.77");
  CHECK(FormatMac(*p->client_mac()) == "02:6e:66:78:00:01");
  CHECK(p->has_cookie);
  CHECK_FALSE(p->options_broken);
  CHECK(p->message_type() == kDhcpOffer);
  CHECK(DhcpMessageTypeName(*p->message_type()) == "OFFER");
  CHECK(FormatIpv4(*p->Ipv4Option(kDhcpOptServerId)) == "192.168.178.1");
  CHECK(p->U32Option(kDhcpOptLeaseTime) == 43200u);
  auto dns = p->Ipv4ListOption(kDhcpOptDnsServer);
  REQUIRE(dns.size() == 2);
  CHECK(FormatIpv4(dns[1]) == "8.8.8.8");
  CHECK(p->TextOption(kDhcpOptDomainName) == "fritz.box");
  CHECK(p->Find(kDhcpOptVendorClass) == nullptr);
  CHECK_FALSE(p->Ipv4Option(kDhcpOptDnsServer));  // 8 bytes are not one address
}

TEST_CASE("DHCP: a frame carries valid IPv4 and UDP checksums", "[wire][dhcp]") {
  auto payload = BuildDhcp(Offer());
  auto frame =
      BuildUdpFrame(kBroadcastMac, *ParseMac("3c:a6:2f:10:00:01"), *ParseIpv4("192.168.178.1"),
                    *ParseIpv4("255.255.255.255"), kDhcpServerPort, kDhcpClientPort, payload);
  auto ethernet = ParseEthernet(frame);
  REQUIRE(ethernet);
  CHECK(InternetChecksum(ethernet->payload.subspan(0, 20)) == 0);
  auto ip = ParseIpv4(ethernet->payload);
  REQUIRE(ip);
  // Pseudo-header + UDP datagram sums to zero when the checksum is right.
  ByteWriter pseudo;
  pseudo.PutBytes(Ipv4ToBytes(ip->source));
  pseudo.PutBytes(Ipv4ToBytes(ip->destination));
  pseudo.PutU8(0);
  pseudo.PutU8(kIpProtoUdp);
  pseudo.PutBe16(static_cast<std::uint16_t>(ip->payload.size()));
  pseudo.PutBytes(ip->payload);
  CHECK(InternetChecksum(pseudo.bytes()) == 0);

  auto parsed = ParseDhcpFrame(frame);
  REQUIRE(parsed);
  CHECK(FormatMac(parsed->eth_source) == "3c:a6:2f:10:00:01");
  CHECK(FormatIpv4(parsed->ip_source) == "192.168.178.1");
  CHECK(parsed->source_port == kDhcpServerPort);
  CHECK(parsed->destination_port == kDhcpClientPort);
  CHECK(parsed->dhcp.message_type() == kDhcpOffer);

  auto other_port = BuildUdpFrame(kBroadcastMac, parsed->eth_source, ip->source, ip->destination,
                                  1900, 1900, payload);
  CHECK_FALSE(ParseDhcpFrame(other_port));
}

TEST_CASE("DHCP: long options are split and joined again (RFC 3396)", "[wire][dhcp]") {
  DhcpPacket p = Offer();
  std::vector<std::uint8_t> routes(300);
  for (std::size_t i = 0; i < routes.size(); ++i) routes[i] = static_cast<std::uint8_t>(i);
  p.options.push_back({121, routes});
  auto parsed = ParseDhcp(BuildDhcp(p));
  REQUIRE(parsed);
  REQUIRE(parsed->Find(121));
  CHECK(parsed->Find(121)->data == routes);
}

TEST_CASE("DHCP: options overloaded into file and sname are read", "[wire][dhcp]") {
  DhcpPacket p = Offer();
  p.options = {{kDhcpOptMessageType, {kDhcpAck}}, {kDhcpOptOverload, {3}}};
  auto bytes = BuildDhcp(p);
  // file (offset 108): a router option then END; sname (offset 44): a domain.
  const std::uint8_t file[] = {kDhcpOptRouter, 4, 10, 0, 0, 1, kDhcpOptEnd};
  const std::uint8_t sname[] = {kDhcpOptDomainName, 3, 'l', 'a', 'n', kDhcpOptEnd};
  std::copy(std::begin(file), std::end(file), bytes.begin() + 108);
  std::copy(std::begin(sname), std::end(sname), bytes.begin() + 44);
  auto parsed = ParseDhcp(bytes);
  REQUIRE(parsed);
  CHECK_FALSE(parsed->options_broken);
  CHECK(FormatIpv4(*parsed->Ipv4Option(kDhcpOptRouter)) == "10.0.0.1");
  CHECK(parsed->TextOption(kDhcpOptDomainName) == "lan");
  CHECK(parsed->file.empty());
  CHECK(parsed->sname.empty());
}

TEST_CASE("DHCP: broken packets keep what was readable, short ones are refused", "[wire][dhcp]") {
  auto bytes = BuildDhcp(Offer());
  for (std::size_t n = 0; n < 236; ++n) {
    INFO("length " << n);
    CHECK_FALSE(ParseDhcp(Bytes(bytes.data(), n)));
  }
  auto bootp = ParseDhcp(Bytes(bytes.data(), 236));  // no cookie: BOOTP
  REQUIRE(bootp);
  CHECK_FALSE(bootp->has_cookie);
  CHECK(bootp->options.empty());

  // Cut in the middle of the options: the complete ones are kept.
  auto cut = ParseDhcp(Bytes(bytes.data(), 240 + 3 + 6 + 2));
  REQUIRE(cut);
  CHECK(cut->options_broken);
  CHECK(cut->message_type() == kDhcpOffer);
  CHECK(FormatIpv4(*cut->Ipv4Option(kDhcpOptServerId)) == "192.168.178.1");
  CHECK(cut->Find(kDhcpOptLeaseTime) == nullptr);

  // An option claiming more bytes than there are.
  auto liar = bytes;
  liar[240 + 3 + 1] = 250;
  auto parsed = ParseDhcp(liar);
  REQUIRE(parsed);
  CHECK(parsed->options_broken);
  CHECK(parsed->message_type() == kDhcpOffer);

  // A wrong-sized message type is no message type.
  DhcpPacket odd = Offer();
  odd.options[0].data = {2, 2};
  CHECK_FALSE(ParseDhcp(BuildDhcp(odd))->message_type());

  // Non-Ethernet hardware: no MAC.
  DhcpPacket token = Offer();
  token.htype = 6;
  CHECK_FALSE(ParseDhcp(BuildDhcp(token))->client_mac());
  CHECK(DhcpMessageTypeName(99) == "TYPE-99");
  CHECK(DhcpMessageTypeName(0) == "TYPE-0");
}

TEST_CASE("DHCP corpus: real captures (skips without ../shared/corpus)", "[wire][dhcp][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  SECTION("pypacker DORA: discover, offer, request, ack") {
    auto file = ReadCapture(dir / "pypacker_dhcp_dora.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 4);
    std::vector<std::string> types;
    for (const auto& frame : file->frames) {
      auto f = ParseDhcpFrame(frame);
      REQUIRE(f);
      types.push_back(DhcpMessageTypeName(f->dhcp.message_type().value_or(0)));
    }
    CHECK(types == std::vector<std::string>{"DISCOVER", "OFFER", "REQUEST", "ACK"});
    auto offer = ParseDhcpFrame(file->frames[1]);
    CHECK(offer->dhcp.xid == 0x3d1d);
    CHECK(FormatIpv4(offer->dhcp.yiaddr) == "192.168.0.10");
    CHECK(FormatIpv4(*offer->dhcp.Ipv4Option(kDhcpOptServerId)) == "192.168.0.1");
    CHECK(FormatIpv4(*offer->dhcp.Ipv4Option(kDhcpOptSubnetMask)) == "255.255.255.0");
    CHECK(offer->dhcp.U32Option(kDhcpOptLeaseTime) == 3600u);
    CHECK(FormatMac(offer->eth_source) == "00:08:74:ad:f1:9b");
    CHECK(FormatMac(*offer->dhcp.client_mac()) == "00:0b:82:01:fc:42");
  }
  SECTION("zeek time_and_nameserver: an ACK with router, DNS and domain") {
    auto file = ReadCapture(dir / "zeek_dhcp_time_and_nameserver.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 2);
    auto ack = ParseDhcpFrame(file->frames[1]);
    REQUIRE(ack);
    CHECK(ack->dhcp.message_type() == kDhcpAck);
    CHECK(FormatIpv4(ack->dhcp.Ipv4ListOption(kDhcpOptRouter).at(0)) == "192.168.15.101");
    CHECK(FormatIpv4(ack->dhcp.Ipv4ListOption(kDhcpOptDnsServer).at(0)) == "192.168.15.101");
    CHECK(ack->dhcp.TextOption(kDhcpOptDomainName) == "powerpuff");
    CHECK(ack->dhcp.U32Option(kDhcpOptLeaseTime) == 86093u);
    CHECK(ack->dhcp.file == "pxelinux.0");
  }
  SECTION("zeek all_msg_types: nine message types in order") {
    auto file = ReadCapture(dir / "zeek_dhcp_all_msg_types.pcap");
    REQUIRE(file);
    std::vector<std::string> types;
    for (const auto& frame : file->frames)
      if (auto f = ParseDhcpFrame(frame))
        types.push_back(DhcpMessageTypeName(f->dhcp.message_type().value_or(0)));
    CHECK(types == std::vector<std::string>{"DISCOVER", "OFFER", "REQUEST", "NAK", "REQUEST", "ACK",
                                            "DECLINE", "RELEASE", "INFORM"});
  }
  SECTION("zeek inform: INFORM and the ACK without a lease") {
    auto file = ReadCapture(dir / "zeek_dhcp_inform.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 2);
    auto inform = ParseDhcpFrame(file->frames[0]);
    auto ack = ParseDhcpFrame(file->frames[1]);
    REQUIRE(inform);
    REQUIRE(ack);
    CHECK(inform->dhcp.message_type() == kDhcpInform);
    CHECK(FormatIpv4(inform->dhcp.ciaddr) == "128.2.6.122");
    CHECK(ack->dhcp.xid == inform->dhcp.xid);
    CHECK(ack->dhcp.message_type() == kDhcpAck);
    CHECK(ack->dhcp.yiaddr == 0);
    CHECK_FALSE(ack->dhcp.U32Option(kDhcpOptLeaseTime));
    CHECK(FormatIpv4(*ack->dhcp.Ipv4Option(kDhcpOptServerId)) == "128.2.6.152");
  }
  SECTION("zeek bad_cookie: packets without the cookie are BOOTP, the rest DHCP") {
    auto file = ReadCapture(dir / "zeek_dhcp_bad_cookie.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 5);
    std::vector<bool> cookies;
    for (const auto& frame : file->frames) {
      auto f = ParseDhcpFrame(frame);
      REQUIRE(f);
      cookies.push_back(f->dhcp.has_cookie);
    }
    CHECK(cookies == std::vector<bool>{true, false, false, false, true});
  }
  SECTION("zeek hw-type0 and the Cisco client id: parsed, text kept") {
    auto file = ReadCapture(dir / "zeek_dhcp_hw-type0.pcap");
    REQUIRE(file);
    auto f = ParseDhcpFrame(file->frames.at(0));
    REQUIRE(f);
    CHECK(f->dhcp.message_type() == kDhcpRequest);
    const DhcpOption* id = f->dhcp.Find(kDhcpOptClientId);
    REQUIRE(id);
    CHECK(id->data.size() == 27);
    CHECK(id->data[0] == 0);  // type 0: a text, not a hardware address
    CHECK(std::string(id->data.begin() + 1, id->data.end()) == "cisco-cc00.0ac4.0000-Fa0/0");
    CHECK(f->dhcp.TextOption(kDhcpOptClientId).empty());  // stops at the type byte
    CHECK(f->dhcp.TextOption(kDhcpOptHostName) == "R0");
  }
  SECTION("dhcp-option-108 (pcapng): a relayed offer with two DNS servers") {
    auto file = ReadCapture(dir / "dhcp-option-108.pcapng");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 2);
    auto offer = ParseDhcpFrame(file->frames[1]);
    REQUIRE(offer);
    CHECK(offer->dhcp.message_type() == kDhcpOffer);
    CHECK(FormatIpv4(offer->dhcp.giaddr) == "10.56.0.2");
    auto dns = offer->dhcp.Ipv4ListOption(kDhcpOptDnsServer);
    REQUIRE(dns.size() == 2);
    CHECK(FormatIpv4(dns[1]) == "31.130.229.7");
    CHECK(offer->dhcp.TextOption(kDhcpOptDomainName) == "meeting.ietf.org");
  }
  SECTION("ndpi dhcp-fuzz (pcapng): a cut vendor class, the rest kept") {
    auto file = ReadCapture(dir / "ndpi_dhcp-fuzz.pcapng");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 1);
    auto f = ParseDhcpFrame(file->frames[0]);
    REQUIRE(f);
    CHECK(f->dhcp.options_broken);
    CHECK(f->dhcp.message_type() == 106);
    CHECK(f->dhcp.TextOption(kDhcpOptHostName) == "MK03862");
  }
  SECTION("bootp asan-2: a fuzzed giant claims more than there is, refused") {
    auto file = ReadCapture(dir / "bootp_asan-2.pcap");
    REQUIRE(file);
    for (const auto& frame : file->frames) CHECK_FALSE(ParseDhcpFrame(frame));
  }
  SECTION("every DHCP capture parses without crashing, truncations too") {
    int parsed = 0;
    for (const char* name :
         {"dhcp-mud.pcap", "dhcp-option-33.pcap", "dhcp-rfc3004.pcap", "dhcp-rfc4388.pcap",
          "dhcp-rfc5859.pcap", "dhcpv4v6-rfc5970-rfc8572.pcap",
          "zeek_dhcp_discover_param_req_client_id.pcap", "dhcp-option-108.pcapng",
          "ndpi_dhcp-fuzz.pcapng", "ndpi_android_join.pcap", "ndpi_iphone_join.pcap"}) {
      auto file = ReadCapture(dir / name);
      INFO(name);
      REQUIRE(file);
      for (const auto& frame : file->frames) {
        if (ParseDhcpFrame(frame)) ++parsed;
        for (std::size_t n = 0; n < frame.size(); n += 7)
          (void)ParseDhcpFrame(Bytes(frame.data(), n));
      }
    }
    CHECK(parsed > 20);
  }
}
