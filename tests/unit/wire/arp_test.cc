#include "wire/arp.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"
#include "wire/ethernet.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadPcap;

namespace {

// The reply in zeek's arp-who-has.pcap, byte for byte (tcpdump: "Reply
// 10.0.0.1 is-at f8:ed:a5:c0:a4:f1", 60 bytes with padding).
const std::vector<std::uint8_t> kReplyFrame = {
    0x78, 0x31, 0xc1, 0xc6, 0x3f, 0xc2, 0xf8, 0xed, 0xa5, 0xc0, 0xa4, 0xf1, 0x08, 0x06, 0x00,
    0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02, 0xf8, 0xed, 0xa5, 0xc0, 0xa4, 0xf1, 0x0a, 0x00,
    0x00, 0x01, 0x78, 0x31, 0xc1, 0xc6, 0x3f, 0xc2, 0x0a, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

}  // namespace

TEST_CASE("ARP: a captured reply parses", "[wire][arp]") {
  auto arp = ParseArpFrame(kReplyFrame);
  REQUIRE(arp);
  CHECK(arp->operation == kArpReply);
  CHECK(FormatMac(arp->sender_mac) == "f8:ed:a5:c0:a4:f1");
  CHECK(FormatIpv4(arp->sender_ip) == "10.0.0.1");
  CHECK(FormatMac(arp->target_mac) == "78:31:c1:c6:3f:c2");
  CHECK(FormatIpv4(arp->target_ip) == "10.0.0.2");
}

TEST_CASE("ARP: building a reply reproduces the captured bytes", "[wire][arp]") {
  ArpPacket reply{kArpReply, *ParseMac("f8:ed:a5:c0:a4:f1"), *ParseIpv4("10.0.0.1"),
                  *ParseMac("78:31:c1:c6:3f:c2"), *ParseIpv4("10.0.0.2")};
  CHECK(BuildArpFrame(reply.target_mac, reply.sender_mac, reply) == kReplyFrame);
}

TEST_CASE("ARP: a request is broadcast, padded, and an ARP probe has sender 0.0.0.0",
          "[wire][arp]") {
  auto mac = *ParseMac("f0:d5:bf:4e:46:58");
  auto frame = BuildArpRequest(mac, *ParseIpv4("192.168.178.20"), *ParseIpv4("192.168.178.1"));
  CHECK(frame.size() == kEthernetMinFrame);
  auto ethernet = ParseEthernet(frame);
  REQUIRE(ethernet);
  CHECK(ethernet->destination == kBroadcastMac);
  CHECK(ethernet->source == mac);
  auto arp = ParseArpFrame(frame);
  REQUIRE(arp);
  CHECK(arp->operation == kArpRequest);
  CHECK(arp->target_mac == kZeroMac);
  CHECK(FormatIpv4(arp->target_ip) == "192.168.178.1");

  auto probe = ParseArpFrame(BuildArpRequest(mac, 0, *ParseIpv4("192.168.178.20")));
  REQUIRE(probe);
  CHECK(probe->sender_ip == 0);
}

TEST_CASE("ARP: every truncation of a frame is rejected, none crashes", "[wire][arp]") {
  // 42 bytes are the whole Ethernet + ARP; anything shorter must fail.
  for (std::size_t n = 0; n < 42; ++n) {
    INFO("length " << n);
    CHECK_FALSE(ParseArpFrame(Bytes(kReplyFrame.data(), n)));
  }
  CHECK(ParseArpFrame(Bytes(kReplyFrame.data(), 42)));
}

TEST_CASE("ARP: other hardware or protocol types and lengths are rejected", "[wire][arp]") {
  for (std::size_t offset : {14u, 15u, 16u, 17u, 18u, 19u}) {  // htype, ptype, hlen, plen
    auto frame = kReplyFrame;
    frame[offset] ^= 0x40;
    INFO("byte " << offset);
    CHECK_FALSE(ParseArpFrame(frame));
  }
  auto not_arp = kReplyFrame;
  not_arp[13] = 0x00;  // ethertype 0x0800
  CHECK_FALSE(ParseArpFrame(not_arp));
  auto length_field = kReplyFrame;
  length_field[12] = 0x00;  // 802.3 length framing
  length_field[13] = 0x2e;
  CHECK_FALSE(ParseEthernet(length_field));
}

TEST_CASE("ARP: VLAN-tagged frames parse, three tags do not", "[wire][arp]") {
  std::vector<std::uint8_t> tagged(kReplyFrame.begin(), kReplyFrame.begin() + 12);
  for (std::uint8_t b : {0x81, 0x00, 0x00, 0x0a}) tagged.push_back(b);  // 802.1Q, VLAN 10
  tagged.insert(tagged.end(), kReplyFrame.begin() + 12, kReplyFrame.end());
  auto arp = ParseArpFrame(tagged);
  REQUIRE(arp);
  CHECK(FormatIpv4(arp->sender_ip) == "10.0.0.1");
  CHECK(ParseEthernet(tagged)->vlan_tags == 1);

  std::vector<std::uint8_t> triple(kReplyFrame.begin(), kReplyFrame.begin() + 12);
  for (int i = 0; i < 3; ++i)
    for (std::uint8_t b : {0x81, 0x00, 0x00, 0x0a}) triple.push_back(b);
  triple.insert(triple.end(), kReplyFrame.begin() + 12, kReplyFrame.end());
  CHECK_FALSE(ParseArpFrame(triple));
}

TEST_CASE("ARP corpus: real captures (skips without ../shared/corpus)", "[wire][arp][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  SECTION("zeek arp-who-has: request and reply, as tcpdump decodes them") {
    auto file = ReadPcap(dir / "zeek_arp-who-has.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 2);
    auto request = ParseArpFrame(file->frames[0]);
    REQUIRE(request);
    CHECK(request->operation == kArpRequest);
    CHECK(FormatIpv4(request->target_ip) == "10.0.0.1");
    CHECK(FormatIpv4(request->sender_ip) == "10.0.0.2");
    // The capture's padding differs from ours (trailing bytes); the ARP part is equal.
    REQUIRE(file->frames[1].size() == 60);
    CHECK(std::equal(kReplyFrame.begin(), kReplyFrame.begin() + 42, file->frames[1].begin()));
    CHECK(ParseArpFrame(file->frames[1])->sender_ip == ParseArpFrame(kReplyFrame)->sender_ip);
  }
  SECTION("zeek arp-leak: 255-byte address lengths are refused") {
    auto file = ReadPcap(dir / "zeek_arp-leak.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 6);
    for (const auto& frame : file->frames) CHECK_FALSE(ParseArpFrame(frame));
  }
  SECTION("tcpdump arp-too-long-tha: QinQ-tagged, unknown hardware, a 14-byte address") {
    auto file = ReadPcap(dir / "arp-too-long-tha.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 1);
    auto ethernet = ParseEthernet(file->frames[0]);
    REQUIRE(ethernet);
    CHECK(ethernet->vlan_tags == 1);
    CHECK(ethernet->ether_type == kEtherTypeArp);
    CHECK_FALSE(ParseArpFrame(file->frames[0]));
  }
  SECTION("tcpdump dhcp-rfc4388: the 12 ARP frames among DHCP") {
    auto file = ReadPcap(dir / "dhcp-rfc4388.pcap");
    REQUIRE(file);
    int requests = 0, replies = 0;
    for (const auto& frame : file->frames) {
      auto arp = ParseArpFrame(frame);
      if (!arp) continue;
      CHECK(FormatIpv4(arp->operation == kArpRequest ? arp->target_ip : arp->sender_ip) ==
            "10.40.1.1");
      (arp->operation == kArpRequest ? requests : replies)++;
    }
    CHECK(requests == 6);
    CHECK(replies == 6);
  }
}
