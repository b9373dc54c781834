#include "wire/icmp.h"

#include <catch2/catch.hpp>

#include "wire/ipv4.h"

using namespace netfix::wire;

namespace {

// An IPv4 header (20 bytes, no options) around `payload`.
std::vector<std::uint8_t> WrapInIpv4(const std::vector<std::uint8_t>& payload, Ipv4 source,
                                     std::uint8_t protocol = kIpProtoIcmp) {
  ByteWriter out;
  out.PutU8(0x45);
  out.PutU8(0);
  out.PutBe16(static_cast<std::uint16_t>(20 + payload.size()));
  out.PutBe16(0);
  out.PutBe16(0x4000);  // DF
  out.PutU8(64);
  out.PutU8(protocol);
  out.PutBe16(0);
  out.PutBe32(source);
  out.PutBe32(*ParseIpv4("192.168.1.20"));
  out.SetBe16(10, InternetChecksum(out.bytes()));
  out.PutBytes(payload);
  return out.Take();
}

std::vector<std::uint8_t> EchoReply(std::uint16_t id, std::uint16_t seq) {
  auto message = BuildEchoRequest(id, seq, {});
  message[0] = kIcmpEchoReply;
  message[2] = message[3] = 0;
  std::uint16_t sum = InternetChecksum(message);
  message[2] = static_cast<std::uint8_t>(sum >> 8);
  message[3] = static_cast<std::uint8_t>(sum);
  return message;
}

}  // namespace

TEST_CASE("ICMP: the Internet checksum (RFC 1071 example and odd lengths)", "[wire][icmp]") {
  const std::uint8_t rfc1071[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  CHECK(InternetChecksum(rfc1071) == static_cast<std::uint16_t>(~0xddf2));
  const std::uint8_t odd[] = {0x01};
  CHECK(InternetChecksum(odd) == static_cast<std::uint16_t>(~0x0100));
}

TEST_CASE("ICMP: an echo request checksums to zero and round-trips", "[wire][icmp]") {
  const std::uint8_t payload[] = {'n', 'e', 't', 'f', 'i', 'x', 0};
  auto request = BuildEchoRequest(0x1234, 7, payload);
  REQUIRE(request.size() == 15);
  CHECK(request[0] == kIcmpEchoRequest);
  CHECK(InternetChecksum(request) == 0);
  auto parsed = ParseIcmp(request);
  REQUIRE(parsed);
  CHECK(parsed->id == 0x1234);
  CHECK(parsed->sequence == 7);
  CHECK(parsed->payload.size() == 7);
}

TEST_CASE("ICMP: a raw socket's packet yields source, id and sequence", "[wire][icmp]") {
  auto packet = WrapInIpv4(EchoReply(0xabcd, 3), *ParseIpv4("192.168.1.1"));
  auto raw = ParseRawIcmp(packet);
  REQUIRE(raw);
  CHECK(FormatIpv4(raw->source) == "192.168.1.1");
  CHECK(raw->ttl == 64);
  CHECK(raw->icmp.type == kIcmpEchoReply);
  CHECK(raw->icmp.id == 0xabcd);
  CHECK(raw->icmp.sequence == 3);
}

TEST_CASE("ICMP: damaged messages are refused", "[wire][icmp]") {
  auto reply = EchoReply(1, 1);
  auto corrupt = reply;
  corrupt[7] ^= 0x01;
  CHECK_FALSE(ParseIcmp(corrupt));  // checksum
  for (std::size_t n = 0; n < 8; ++n) CHECK_FALSE(ParseIcmp(Bytes(reply.data(), n)));

  auto packet = WrapInIpv4(reply, 1);
  for (std::size_t n = 0; n < packet.size(); ++n) {
    INFO("length " << n);
    CHECK_FALSE(ParseRawIcmp(Bytes(packet.data(), n)));
  }
  auto udp = WrapInIpv4(reply, 1, kIpProtoUdp);
  CHECK_FALSE(ParseRawIcmp(udp));
  auto bad_ihl = packet;
  bad_ihl[0] = 0x4f;  // 60-byte header claimed, 28 bytes total
  CHECK_FALSE(ParseRawIcmp(bad_ihl));
  auto ipv6 = packet;
  ipv6[0] = 0x65;
  CHECK_FALSE(ParseRawIcmp(ipv6));
  auto fragment = packet;
  fragment[6] = 0x20;  // more fragments
  CHECK_FALSE(ParseRawIcmp(fragment));
}

TEST_CASE("ICMP: error messages parse without echo fields", "[wire][icmp]") {
  ByteWriter out;
  out.PutU8(kIcmpDestinationUnreachable);
  out.PutU8(1);  // host unreachable
  out.PutBe16(0);
  out.PutBe32(0x12345678);  // unused, must not be read as id/sequence
  out.SetBe16(2, InternetChecksum(out.bytes()));
  auto parsed = ParseIcmp(out.bytes());
  REQUIRE(parsed);
  CHECK(parsed->type == kIcmpDestinationUnreachable);
  CHECK(parsed->id == 0);
  CHECK(parsed->sequence == 0);
}
