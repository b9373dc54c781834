#include "wire/igmp.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadCapture;

namespace {

std::vector<std::uint8_t> Message(std::initializer_list<std::uint8_t> bytes) {
  return bytes;
}

}  // namespace

TEST_CASE("IGMP: versions of queries, reports and leaves", "[wire][igmp]") {
  auto v1_query = ParseIgmp(Message({0x11, 0, 0, 0, 0, 0, 0, 0}));
  REQUIRE(v1_query);
  CHECK(v1_query->version == 1);
  CHECK(v1_query->group == 0);
  auto v2_query = ParseIgmp(Message({0x11, 100, 0, 0, 225, 1, 1, 3}));
  REQUIRE(v2_query);
  CHECK(v2_query->version == 2);
  CHECK(v2_query->max_response_s == Approx(10));
  CHECK(FormatIpv4(v2_query->group) == "225.1.1.3");
  auto v3_query = ParseIgmp(Message({0x11, 0xfe, 0, 0, 0, 0, 0, 0, 2, 125, 0, 0}));
  REQUIRE(v3_query);
  CHECK(v3_query->version == 3);
  CHECK(v3_query->max_response_s == Approx(3072));  // 51m12s, as tcpdump says
  CHECK_FALSE(v3_query->truncated);
  auto leave = ParseIgmp(Message({0x17, 0, 0, 0, 225, 1, 1, 3}));
  REQUIRE(leave);
  CHECK(leave->version == 2);
  CHECK(leave->type == kIgmpV2Leave);
  auto report = ParseIgmp(Message({0x22, 0, 0, 0, 0,   0,   0,   2,    //
                                   4,    0, 0, 0, 239, 255, 255, 250,  //
                                   3,    0, 0, 1, 224, 0,   0,   251, 10, 0, 0, 1}));
  REQUIRE(report);
  CHECK(report->version == 3);
  REQUIRE(report->records.size() == 2);
  CHECK(report->records[0].type == kIgmpChangeToExclude);
  CHECK(FormatIpv4(report->records[0].group) == "239.255.255.250");
  CHECK(report->records[1].sources == 1);
  CHECK_FALSE(report->truncated);
  auto odd = ParseIgmp(Message({0x42, 0, 0, 0, 0, 0, 0, 0}));
  REQUIRE(odd);
  CHECK(odd->version == 0);
}

TEST_CASE("IGMP: truncated v3 messages keep what was read", "[wire][igmp]") {
  auto full = Message({0x22, 0, 0, 0, 0,   0, 0, 3,  //
                       4,    0, 0, 0, 239, 1, 1, 1,  //
                       4,    0, 0, 2, 239, 2, 2, 2, 1, 1, 1, 1});
  auto cut = ParseIgmp(full);
  REQUIRE(cut);
  CHECK(cut->truncated);
  REQUIRE(cut->records.size() == 1);
  CHECK(FormatIpv4(cut->records[0].group) == "239.1.1.1");
  for (std::size_t n = 0; n < 8; ++n) CHECK_FALSE(ParseIgmp(Bytes(full.data(), n)));
  for (std::size_t n = 8; n < full.size(); ++n) CHECK(ParseIgmp(Bytes(full.data(), n)));
}

TEST_CASE("IGMP corpus: real captures (skips without ../shared/corpus)", "[wire][igmp][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto all = [&](const char* name) {
    auto file = ReadCapture(dir / name);
    REQUIRE(file);
    std::vector<IgmpFrame> out;
    for (const auto& frame : file->frames)
      if (auto f = ParseIgmpFrame(frame)) out.push_back(*f);
    return out;
  };
  SECTION("IGMP_V1: a v1 query and v1 reports") {
    auto frames = all("IGMP_V1.pcap");
    REQUIRE(frames.size() == 27);
    CHECK(frames[0].igmp.type == kIgmpQuery);
    CHECK(frames[0].igmp.version == 1);
    CHECK(FormatIpv4(frames[0].ip_source) == "10.0.200.151");
    CHECK(frames[1].igmp.type == kIgmpV1Report);
    CHECK(FormatIpv4(frames[1].igmp.group) == "224.0.0.252");
  }
  SECTION("IGMP_V2: query, reports, a leave and a group-specific query") {
    auto frames = all("IGMP_V2.pcap");
    REQUIRE(frames.size() == 18);
    CHECK(frames[0].igmp.version == 2);
    CHECK(frames[4].igmp.type == kIgmpV2Leave);
    CHECK(FormatIpv4(frames[4].igmp.group) == "225.1.1.3");
    CHECK(frames[5].igmp.type == kIgmpQuery);
    // Code 10 (tcpdump prints the raw code) is in tenths of a second.
    CHECK(frames[5].igmp.max_response_s == Approx(1.0));
    CHECK(FormatIpv4(frames[5].igmp.group) == "225.1.1.3");
  }
  SECTION("igmpv3-queries: max response codes, linear and exponential") {
    auto frames = all("igmpv3-queries.pcap");
    REQUIRE(frames.size() == 6);
    for (const auto& f : frames) CHECK(f.igmp.version == 3);
    CHECK(frames[1].igmp.max_response_s == Approx(3072));
    CHECK(frames[3].igmp.max_response_s == Approx(1.0));
  }
  SECTION("arkime igmp: v3 reports with three records, group-specific v3 queries") {
    auto frames = all("arkime_igmp.pcap");
    REQUIRE(frames.size() >= 6);
    REQUIRE(frames[0].igmp.records.size() == 3);
    CHECK(frames[0].igmp.records[0].type == kIgmpChangeToExclude);
    CHECK(frames[2].igmp.records[0].type == kIgmpChangeToInclude);
    CHECK(frames[3].igmp.type == kIgmpQuery);
    CHECK(frames[3].igmp.version == 3);
    CHECK(FormatIpv4(frames[3].igmp.group) == "239.1.1.1");
  }
  SECTION("zeek home-multicast-short: odd lengths tolerated") {
    auto frames = all("zeek_igmp_home-multicast-short.pcap");
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].igmp.type == kIgmpQuery);
    CHECK(frames[0].igmp.version == 3);
    REQUIRE(frames[2].igmp.records.size() == 2);
    CHECK(FormatIpv4(frames[2].igmp.records[1].group) == "224.0.0.251");
  }
  SECTION("zeek many-groups and query_and_report: every frame parses") {
    CHECK(all("zeek_igmp-many-groups.pcap").size() == 450);
    auto frames = all("zeek_igmp_query_and_report.pcap");
    CHECK(frames.size() == 16);
    CHECK(frames[0].igmp.version == 1);
  }
}
