#include "wire/dns.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"
#include "wire/ethernet.h"
#include "wire/ipv4.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadPcap;

namespace {

std::vector<std::uint8_t> Header(std::uint16_t id, std::uint16_t flags, std::uint16_t qd,
                                 std::uint16_t an) {
  ByteWriter out;
  out.PutBe16(id);
  out.PutBe16(flags);
  out.PutBe16(qd);
  out.PutBe16(an);
  out.PutBe16(0);
  out.PutBe16(0);
  return out.Take();
}

void Append(std::vector<std::uint8_t>& to, std::initializer_list<int> bytes) {
  for (int b : bytes) to.push_back(static_cast<std::uint8_t>(b));
}

// A response for example.com with a CNAME to www.example.com (compressed
// against the question) and an A record for it.
std::vector<std::uint8_t> CnameResponse() {
  auto m = Header(0x1234, 0x8180, 1, 2);
  Append(m, {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1});
  // CNAME: name -> offset 12; rdata "www" + pointer to offset 12 (6 bytes)
  Append(m, {0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3, 'w', 'w', 'w', 0xc0, 12});
  // A: name -> the CNAME target at offset 41
  Append(m, {0xc0, 41, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 93, 184, 216, 34});
  return m;
}

std::optional<DnsMessage> DnsFromFrame(const std::vector<std::uint8_t>& frame) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet) return std::nullopt;
  auto ip = ParseIpv4(ethernet->payload);
  if (!ip || ip->protocol != kIpProtoUdp) return std::nullopt;
  auto udp = ParseUdp(ip->payload);
  if (!udp) return std::nullopt;
  return ParseDnsMessage(udp->payload);
}

}  // namespace

TEST_CASE("DNS: a query is built byte for byte", "[wire][dns]") {
  auto query = BuildDnsQuery(0xbeef, "example.com", kDnsTypeA);
  REQUIRE(query);
  std::vector<std::uint8_t> expected = {0xbe, 0xef, 0x01, 0x00, 0,   1,   0,   0,   0,   0,
                                        0,    0,    7,    'e',  'x', 'a', 'm', 'p', 'l', 'e',
                                        3,    'c',  'o',  'm',  0,   0,   1,   0,   1};
  CHECK(*query == expected);
  CHECK(BuildDnsQuery(0xbeef, "example.com.", kDnsTypeA) == query);  // trailing dot
  auto parsed = ParseDnsMessage(*query);
  REQUIRE(parsed);
  CHECK_FALSE(parsed->is_response);
  CHECK(parsed->recursion_desired);
  REQUIRE(parsed->questions.size() == 1);
  CHECK(parsed->questions[0].name == "example.com");
}

TEST_CASE("DNS: names that cannot be encoded are refused", "[wire][dns]") {
  CHECK_FALSE(BuildDnsQuery(1, "", kDnsTypeA));
  CHECK_FALSE(BuildDnsQuery(1, ".", kDnsTypeA));
  CHECK_FALSE(BuildDnsQuery(1, "a..b", kDnsTypeA));
  CHECK_FALSE(BuildDnsQuery(1, ".example.com", kDnsTypeA));
  CHECK_FALSE(BuildDnsQuery(1, std::string(64, 'a') + ".com", kDnsTypeA));
  CHECK(BuildDnsQuery(1, std::string(63, 'a') + ".com", kDnsTypeA));
  std::string long_name;
  for (int i = 0; i < 64; ++i) long_name += "abc.";
  long_name += "com";  // 259 characters
  CHECK_FALSE(BuildDnsQuery(1, long_name, kDnsTypeA));
}

TEST_CASE("DNS: compressed names and a CNAME chain are followed", "[wire][dns]") {
  auto m = ParseDnsMessage(CnameResponse());
  REQUIRE(m);
  CHECK(m->complete);
  CHECK(m->id == 0x1234);
  CHECK(m->is_response);
  CHECK(m->recursion_available);
  CHECK(m->rcode == kRcodeNoError);
  REQUIRE(m->answers.size() == 2);
  CHECK(m->answers[0].type == kDnsTypeCname);
  CHECK(m->answers[0].data == "www.example.com");
  CHECK(m->answers[1].name == "www.example.com");
  CHECK(m->answers[1].data == "93.184.216.34");
  CHECK(m->answers[1].ttl == 60);
}

TEST_CASE("DNS: every truncation is safe and marked incomplete", "[wire][dns]") {
  auto full = CnameResponse();
  for (std::size_t n = 0; n < full.size(); ++n) {
    INFO("length " << n);
    auto m = ParseDnsMessage(Bytes(full.data(), n));
    if (n < 12) {
      CHECK_FALSE(m);
    } else {
      REQUIRE(m);
      CHECK_FALSE(m->complete);
      CHECK(m->answers.size() < 2);
    }
  }
}

TEST_CASE("DNS: compression loops and wild pointers end in incomplete, not a hang", "[wire][dns]") {
  SECTION("a pointer to itself") {
    auto m = Header(1, 0x8180, 1, 0);
    Append(m, {0xc0, 12, 0, 1, 0, 1});
    auto parsed = ParseDnsMessage(m);
    REQUIRE(parsed);
    CHECK_FALSE(parsed->complete);
  }
  SECTION("two pointers to each other") {
    auto m = Header(1, 0x8180, 1, 0);
    Append(m, {1, 'a', 0xc0, 16, 0xc0, 12, 0, 1, 0, 1});
    auto parsed = ParseDnsMessage(m);
    REQUIRE(parsed);
    CHECK_FALSE(parsed->complete);
  }
  SECTION("a pointer past the end") {
    auto m = Header(1, 0x8180, 1, 0);
    Append(m, {0xc0, 200, 0, 1, 0, 1});
    auto parsed = ParseDnsMessage(m);
    REQUIRE(parsed);
    CHECK_FALSE(parsed->complete);
  }
  SECTION("a forward pointer to a valid name is fine") {
    auto m = Header(1, 0x8180, 1, 0);
    Append(m, {0xc0, 18, 0, 1, 0, 1, 1, 'x', 0});
    auto parsed = ParseDnsMessage(m);
    REQUIRE(parsed);
    CHECK(parsed->complete);
    CHECK(parsed->questions[0].name == "x");
  }
  SECTION("an extended label type") {
    auto m = Header(1, 0x8180, 1, 0);
    Append(m, {0x41, 'a', 0, 0, 1, 0, 1});
    CHECK_FALSE(ParseDnsMessage(m)->complete);
  }
  SECTION("an answer count larger than the answers") {
    auto m = Header(1, 0x8180, 0, 60000);
    auto parsed = ParseDnsMessage(m);
    REQUIRE(parsed);
    CHECK_FALSE(parsed->complete);
    CHECK(parsed->answer_count == 60000);
  }
  SECTION("an A record with 5 bytes of data") {
    auto m = Header(1, 0x8180, 0, 1);
    Append(m, {0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 5, 1, 2, 3, 4, 5});
    CHECK_FALSE(ParseDnsMessage(m)->complete);
  }
  SECTION("a name longer than 255 bytes") {
    auto m = Header(1, 0x8180, 1, 0);
    for (int i = 0; i < 5; ++i) {
      m.push_back(63);
      m.insert(m.end(), 63, 'a');
    }
    Append(m, {0, 0, 1, 0, 1});
    CHECK_FALSE(ParseDnsMessage(m)->complete);
  }
}

TEST_CASE("DNS: label bytes that are not plain text are escaped", "[wire][dns]") {
  auto m = Header(1, 0x8180, 1, 0);
  Append(m, {4, 'a', '.', 0x1b, ' ', 0, 0, 1, 0, 1});
  auto parsed = ParseDnsMessage(m);
  REQUIRE(parsed);
  CHECK(parsed->questions[0].name == "a\\.\\027\\032");
}

TEST_CASE("DNS: rcode names and name comparison", "[wire][dns]") {
  CHECK(DnsRcodeName(0) == "NOERROR");
  CHECK(DnsRcodeName(2) == "SERVFAIL");
  CHECK(DnsRcodeName(3) == "NXDOMAIN");
  CHECK(DnsRcodeName(5) == "REFUSED");
  CHECK(DnsRcodeName(15) == "RCODE15");
  CHECK(DnsNamesEqual("Example.COM.", "example.com"));
  CHECK_FALSE(DnsNamesEqual("example.co", "example.com"));
}

TEST_CASE("DNS corpus: real responses (skips without ../shared/corpus)", "[wire][dns][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  SECTION("tcpdump dns_udp: www.tcpdump.org, 2 A records, authoritative") {
    auto file = ReadPcap(dir / "dns_udp.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 2);
    auto query = DnsFromFrame(file->frames[0]);
    REQUIRE(query);
    CHECK(query->id == 22836);
    CHECK_FALSE(query->is_response);
    auto m = DnsFromFrame(file->frames[1]);
    REQUIRE(m);
    CHECK(m->complete);
    CHECK(m->id == 22836);
    CHECK(m->authoritative);
    CHECK(m->rcode == kRcodeNoError);
    REQUIRE(m->answers.size() == 2);
    CHECK(m->answers[0].name == "www.tcpdump.org");
    CHECK(m->answers[0].data == "192.139.46.66");
    CHECK(m->answers[1].data == "198.199.88.104");

    // The same response cut at every length: the answers end at byte 65.
    auto ethernet = ParseEthernet(file->frames[1]);
    auto udp = ParseUdp(ParseIpv4(ethernet->payload)->payload);
    Bytes payload = udp->payload;
    REQUIRE(payload.size() == 224);
    for (std::size_t n = 12; n <= payload.size(); ++n) {
      auto cut = ParseDnsMessage(payload.first(n));
      REQUIRE(cut);
      INFO("length " << n);
      CHECK(cut->complete == (n >= 65));
    }
  }
  SECTION("tcpdump dnssec: SSHFP/RRSIG answers carry no address; the A query has one") {
    auto file = ReadPcap(dir / "dnssec.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 6);
    auto sshfp = DnsFromFrame(file->frames[1]);
    REQUIRE(sshfp);
    CHECK(sshfp->id == 20972);
    CHECK(sshfp->complete);
    REQUIRE(sshfp->answers.size() == 3);
    for (const auto& a : sshfp->answers) CHECK(a.data.empty());
    auto a = DnsFromFrame(file->frames[3]);
    REQUIRE(a);
    CHECK(a->id == 48576);
    REQUIRE(a->answers.size() == 1);
    CHECK(a->answers[0].data == "125.100.126.202");
  }
}
