#include "wire/mdns.h"

#include <catch2/catch.hpp>

#include "support/mdns_message.h"
#include "support/pcap_file.h"
#include "wire/dns.h"
#include "wire/ethernet.h"
#include "wire/ipv4.h"
#include "wire/mdns_browse.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadPcap;

namespace {

using Response = netfix::testing::MdnsBuilder;

constexpr int kAn = 0, kAr = 2;

// The UDP payload of an mDNS frame over IPv4 or IPv6 (no extension headers).
std::optional<std::vector<std::uint8_t>> MdnsPayload(const std::vector<std::uint8_t>& frame,
                                                     std::string* from) {
  auto ethernet = ParseEthernet(frame);
  if (!ethernet) return std::nullopt;
  Bytes udp_bytes;
  if (ethernet->ether_type == 0x0800) {
    auto ip = ParseIpv4(ethernet->payload);
    if (!ip || ip->protocol != kIpProtoUdp) return std::nullopt;
    *from = FormatIpv4(ip->source);
    udp_bytes = ip->payload;
  } else if (ethernet->ether_type == 0x86dd && ethernet->payload.size() > 40 &&
             ethernet->payload[6] == kIpProtoUdp) {
    ByteReader r(ethernet->payload.subspan(8, 16));
    *from = FormatIpv6(r.ReadArray<16>());
    udp_bytes = ethernet->payload.subspan(40);
  } else {
    return std::nullopt;
  }
  auto udp = ParseUdp(udp_bytes);
  if (!udp || (udp->source_port != kMdnsPort && udp->destination_port != kMdnsPort))
    return std::nullopt;
  return std::vector<std::uint8_t>(udp->payload.begin(), udp->payload.end());
}

}  // namespace

TEST_CASE("mDNS: names with spaces, dots and UTF-8", "[wire][mdns]") {
  auto labels = SplitDnsName("Living Room TV._googlecast._tcp.local");
  REQUIRE(labels);
  CHECK(labels->size() == 4);
  CHECK((*labels)[0] == "Living Room TV");
  CHECK(JoinDnsLabels({"a.b", "c\\d", "local"}) == "a\\.b.c\\\\d.local");
  auto back = SplitDnsName("a\\.b.c\\\\d.local");
  REQUIRE(back);
  CHECK((*back)[0] == "a.b");
  CHECK((*back)[1] == "c\\d");
  CHECK_FALSE(SplitDnsName(""));
  CHECK_FALSE(SplitDnsName("a..b"));
  CHECK_FALSE(SplitDnsName(std::string(64, 'x') + ".local"));
  CHECK_FALSE(SplitDnsName("trailing\\"));
  CHECK(SplitDnsName("local.")->size() == 1);
}

TEST_CASE("mDNS: queries netfix sends", "[wire][mdns]") {
  auto q = BuildMdnsQuery(0x4242, {{kDnsSdServices, kDnsTypePtr, false},
                                   {"Küche._airplay._tcp.local", kDnsTypeSrv, true}});
  REQUIRE(q);
  auto m = ParseMdnsMessage(*q);
  REQUIRE(m);
  CHECK(m->id == 0x4242);
  CHECK_FALSE(m->is_response);
  REQUIRE(m->questions.size() == 2);
  CHECK(m->questions[0].name == "_services._dns-sd._udp.local");
  CHECK(m->questions[0].type == kDnsTypePtr);
  CHECK_FALSE(m->questions[0].unicast_response);
  CHECK(m->questions[1].name == "Küche._airplay._tcp.local");
  CHECK(m->questions[1].unicast_response);
  CHECK((*q)[2] == 0);  // no RD bit
  CHECK_FALSE(BuildMdnsQuery(1, {}));
  CHECK_FALSE(BuildMdnsQuery(1, {{"a..b", kDnsTypePtr, false}}));
  std::vector<MdnsQuestion> many(60, {std::string(60, 'x') + ".local", kDnsTypePtr, false});
  CHECK_FALSE(BuildMdnsQuery(1, many));  // over 1400 bytes
}

TEST_CASE("mDNS: a DNS-SD answer with additional records", "[wire][mdns]") {
  Response r(7);
  r.Ptr(kAn, "_googlecast._tcp.local", "Living Room TV._googlecast._tcp.local");
  r.Srv(kAr, "Living Room TV._googlecast._tcp.local", "LG-OLED55C1.local", 8009);
  r.Txt(kAr, "Living Room TV._googlecast._tcp.local",
        {"id=abc", "md=LG OLED55C1", "fn=Wohnzimmer \xff\xfe", "bs", ""});
  r.A(kAr, "LG-OLED55C1.local", "192.168.178.30");
  auto bytes = r.Take();
  auto m = ParseMdnsMessage(bytes);
  REQUIRE(m);
  CHECK(m->complete);
  CHECK(m->id == 7);
  CHECK(m->is_response);
  REQUIRE(m->records.size() == 4);
  CHECK(m->records[0].section == MdnsSection::kAnswer);
  CHECK(m->records[0].target == "Living Room TV._googlecast._tcp.local");
  CHECK_FALSE(m->records[0].cache_flush);
  CHECK(m->records[1].section == MdnsSection::kAdditional);
  CHECK(m->records[1].cache_flush);
  CHECK(m->records[1].klass == kDnsClassIn);
  CHECK(m->records[1].port == 8009);
  CHECK(m->records[1].target == "LG-OLED55C1.local");
  CHECK(m->records[2].txt.size() == 5);
  CHECK(m->records[3].address == "192.168.178.30");

  auto txt = ParseTxtStrings(m->records[2].txt);
  REQUIRE(txt.size() == 4);
  CHECK(txt[2].second == "Wohnzimmer \xff\xfe");  // bytes, kept as they came
  CHECK(txt[3] == std::make_pair(std::string("bs"), std::string()));

  // Cut at every length: never a crash; what is complete is kept.
  std::size_t previous = 0;
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    auto cut = ParseMdnsMessage(Bytes(bytes).first(n));
    if (n < 12) {
      CHECK_FALSE(cut);
      continue;
    }
    REQUIRE(cut);
    CHECK(cut->records.size() >= previous);
    previous = cut->records.size();
    CHECK(cut->complete == (n == bytes.size()));
  }
}

TEST_CASE("mDNS: damage is contained", "[wire][mdns]") {
  SECTION("a record with broken data is skipped; the records after it are kept") {
    Response r;
    r.Name("bad._http._tcp.local");
    auto at = r.Begin(kAn, kDnsTypeSrv);
    r.raw().PutBe16(0);  // 2 bytes: too short for an SRV
    r.End(at);
    r.A(kAn, "host.local", "10.0.0.9");
    auto m = ParseMdnsMessage(r.Take());
    REQUIRE(m);
    CHECK_FALSE(m->complete);
    CHECK(m->skipped_records == 1);
    REQUIRE(m->records.size() == 1);
    CHECK(m->records[0].address == "10.0.0.9");
  }
  SECTION("an A record of the wrong size, a TXT string longer than its record") {
    Response r;
    r.Name("h.local");
    auto at = r.Begin(kAn, kDnsTypeA);
    r.raw().PutBe16(1);
    r.End(at);
    r.Name("t._ipp._tcp.local");
    auto t = r.Begin(kAn, kDnsTypeTxt);
    r.raw().PutU8(3);
    r.raw().PutBytes(std::vector<std::uint8_t>{'a', '=', '1'});
    r.raw().PutU8(200);  // claims 200 bytes, 1 follows
    r.raw().PutU8('x');
    r.End(t);
    auto m = ParseMdnsMessage(r.Take());
    REQUIRE(m);
    CHECK(m->skipped_records == 1);
    REQUIRE(m->records.size() == 1);
    CHECK(m->records[0].txt == std::vector<std::string>{"a=1"});
  }
  SECTION("a compression loop ends the message, what came before is kept") {
    Response r;
    r.A(kAn, "ok.local", "10.0.0.1");
    std::size_t self = r.raw().size();
    r.Pointer(self);  // points at itself
    r.Begin(kAn, kDnsTypeA);
    auto m = ParseMdnsMessage(r.Take());
    REQUIRE(m);
    CHECK_FALSE(m->complete);
    REQUIRE(m->records.size() == 1);
    CHECK(m->records[0].name == "ok.local");
  }
  SECTION("a PTR target that points past the end is skipped") {
    Response r;
    r.Name("_http._tcp.local");
    auto at = r.Begin(kAn, kDnsTypePtr, false);
    r.Pointer(0x3fff);
    r.End(at);
    auto m = ParseMdnsMessage(r.Take());
    REQUIRE(m);
    CHECK(m->records.empty());
    CHECK(m->skipped_records == 1);
  }
}

TEST_CASE("mDNS: browsing state across answers", "[wire][mdns]") {
  MdnsBrowse browse;
  browse.MarkAsked({{"_googlecast._tcp.local", kDnsTypePtr, false}});
  Response meta;
  meta.Ptr(kAn, kDnsSdServices, "_googlecast._tcp.local");
  meta.Ptr(kAn, kDnsSdServices, "_hue._tcp.local");
  meta.Ptr(kAn, kDnsSdServices, "not-a-type.local");
  browse.Add(*ParseMdnsMessage(meta.Take()), "192.168.178.30");

  auto first = browse.FollowUps();  // only the type not asked yet
  REQUIRE(first.size() == 1);
  CHECK(first[0].name == "_hue._tcp.local");
  CHECK(first[0].type == kDnsTypePtr);
  CHECK(browse.FollowUps().empty());  // each question once

  Response ptr;
  ptr.Ptr(kAn, "_hue._tcp.local", "Hue Bridge - 1A2B3C._hue._tcp.local");
  ptr.Ptr(kAn, "_printer._sub._http._tcp.local", "Brother._http._tcp.local");
  ptr.Ptr(kAn, "_hue._tcp.local", "_hue._tcp.local");  // nonsense: ignored
  browse.Add(*ParseMdnsMessage(ptr.Take()), "192.168.178.109");
  auto second = browse.FollowUps();
  REQUIRE(second.size() == 4);  // SRV + TXT for both instances
  CHECK(second[0].type == kDnsTypeSrv);
  CHECK(second[1].type == kDnsTypeTxt);

  Response srv;
  srv.Srv(kAn, "Hue Bridge - 1A2B3C._hue._tcp.local", "ecb5fa1a2b3c.local", 443);
  srv.Txt(kAn, "Hue Bridge - 1A2B3C._hue._tcp.local", {"bridgeid=ecb5fa", "modelid=BSB002"});
  browse.Add(*ParseMdnsMessage(srv.Take()), "192.168.178.109");
  auto third = browse.FollowUps();
  REQUIRE(third.size() == 2);
  CHECK(third[0].name == "ecb5fa1a2b3c.local");
  CHECK(third[0].type == kDnsTypeA);
  CHECK(third[1].type == kDnsTypeAaaa);

  Response a;
  a.A(kAn, "ECB5FA1A2B3C.local", "192.168.178.109");  // names are case-insensitive
  browse.Add(*ParseMdnsMessage(a.Take()), "192.168.178.109");
  Response query;  // a query (not a response) is ignored
  browse.Add(*ParseMdnsMessage(*BuildMdnsQuery(1, {{"x.local", kDnsTypeA, false}})), "10.9.9.9");

  auto result = browse.Result();
  CHECK(result.responders == 2);
  CHECK(result.service_types == std::vector<std::string>{"_googlecast._tcp", "_hue._tcp"});
  REQUIRE(result.services.size() == 2);
  CHECK(result.services[0].type == "_http._tcp");
  CHECK(result.services[0].instance == "Brother._http._tcp.local");
  CHECK(result.services[0].host.empty());
  const auto& hue = result.services[1];
  CHECK(hue.instance == "Hue Bridge - 1A2B3C._hue._tcp.local");
  CHECK(hue.host == "ecb5fa1a2b3c.local");
  CHECK(hue.port == 443);
  CHECK(hue.addresses == std::vector<std::string>{"192.168.178.109"});
  CHECK(hue.txt.size() == 2);
  CHECK(hue.from_ip == "192.168.178.109");
  CHECK(DnsSdServiceType("x._ipp._tcp.local") == "_ipp._tcp");
  CHECK(DnsSdServiceType("x.ipp._tcp.local").empty());
  CHECK(DnsSdServiceType("_ipp._tcp.example.com").empty());
}

TEST_CASE("mDNS corpus: captured home LANs (skips without ../shared/corpus)",
          "[wire][mdns][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  struct Seen {
    int messages = 0, responses = 0, incomplete = 0;
  };
  auto replay = [&](const char* file, MdnsBrowse& browse) {
    Seen seen;
    auto pcap = ReadPcap(dir / file);
    REQUIRE(pcap);
    for (const auto& frame : pcap->frames) {
      std::string from;
      auto payload = MdnsPayload(frame, &from);
      if (!payload) continue;
      auto m = ParseMdnsMessage(*payload);
      REQUIRE(m);
      ++seen.messages;
      if (m->is_response) ++seen.responses;
      if (!m->complete) ++seen.incomplete;
      browse.Add(*m, from);
      for (std::size_t n = 12; n < payload->size(); n += 7)  // cut short: no crash
        (void)ParseMdnsMessage(Bytes(*payload).first(n));
    }
    return seen;
  };

  SECTION("nDPI telegram capture: a Sonos, an iMac and an iPad") {
    MdnsBrowse browse;
    auto seen = replay("ndpi_telegram_home_lan_mdns.pcap", browse);
    CHECK(seen.messages == 282);
    CHECK(seen.responses == 135);  // as tcpdump counts them (76 over IPv4, 59 over IPv6)
    CHECK(seen.incomplete == 0);
    auto result = browse.Result();
    CHECK(result.responders == 4);  // the iPad answers over IPv4 and IPv6
    const netfix::model::MdnsService* sonos = nullptr;
    const netfix::model::MdnsService* imac = nullptr;
    for (const auto& s : result.services) {
      if (s.instance == "sonos7828CA05FACC._spotify-connect._tcp.local") sonos = &s;
      if (s.type == "_companion-link._tcp") imac = &s;
    }
    REQUIRE(sonos);
    CHECK(sonos->type == "_spotify-connect._tcp");
    CHECK(sonos->host == "sonos7828CA05FACC.local");
    CHECK(sonos->port == 1400);
    CHECK(sonos->addresses == std::vector<std::string>{"192.168.1.69"});
    CHECK(sonos->from_ip == "192.168.1.69");
    CHECK(sonos->txt == std::vector<std::pair<std::string, std::string>>{{"VERSION", "1.0"},
                                                                         {"CPath", "/spotifyzc"}});
    REQUIRE(imac);
    CHECK(imac->instance == "Luca\xe2\x80\x99s iMac._companion-link._tcp.local");  // U+2019
    CHECK(imac->host == "Lucas-iMac.local");
    CHECK(imac->port == 49157);
    CHECK(imac->addresses == std::vector<std::string>{"192.168.1.77"});
  }
  SECTION("the other captures parse in full") {
    for (const char* file : {"ndpi_wechat_googlecast_mdns.pcap", "zeek_mdns.pcap",
                             "zeek_mdns-no-assoc.pcap", "pypacker_mdns.pcap"}) {
      INFO(file);
      MdnsBrowse browse;
      auto seen = replay(file, browse);
      CHECK(seen.messages > 0);
      CHECK(seen.incomplete == 0);
    }
  }
}
