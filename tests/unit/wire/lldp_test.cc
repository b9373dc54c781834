#include "wire/lldp.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadCapture;

TEST_CASE("LLDP: a built frame parses back", "[wire][lldp]") {
  auto frame =
      BuildLldpFrame(*ParseMac("3c:a6:2f:10:00:01"), "lan1", 120, "fritz.box",
                     "FRITZ!Box 7590 154.07.57", 0x0014, 0x0010, *ParseIpv4("192.168.178.1"));
  auto l = ParseLldpFrame(frame);
  REQUIRE(l);
  CHECK(FormatMac(l->eth_source) == "3c:a6:2f:10:00:01");
  CHECK(l->chassis_id == "3c:a6:2f:10:00:01");
  CHECK(l->port_id == "lan1");
  CHECK(l->ttl_s == 120);
  CHECK(l->system_name == "fritz.box");
  CHECK(l->system_description == "FRITZ!Box 7590 154.07.57");
  CHECK(LldpCapabilityNames(l->capabilities) == std::vector<std::string>{"bridge", "router"});
  CHECK(LldpCapabilityNames(l->enabled_capabilities) == std::vector<std::string>{"router"});
  CHECK(l->management_addresses == std::vector<std::string>{"192.168.178.1"});
  CHECK_FALSE(l->broken);
}

TEST_CASE("LLDP: truncations keep the TLVs before the cut", "[wire][lldp]") {
  auto frame =
      BuildLldpFrame(*ParseMac("3c:a6:2f:10:00:01"), "lan1", 120, "sw", "d", 4, 4, std::nullopt);
  for (std::size_t n = 0; n < 16; ++n) CHECK_FALSE(ParseLldpFrame(Bytes(frame.data(), n)));
  for (std::size_t n = 16; n < frame.size(); ++n) {
    auto l = ParseLldpFrame(Bytes(frame.data(), n));
    REQUIRE(l);
  }
  auto cut = ParseLldpFrame(Bytes(frame.data(), 14 + 9 + 3));  // inside the port id TLV
  REQUIRE(cut);
  CHECK(cut->broken);
  CHECK(cut->chassis_id == "3c:a6:2f:10:00:01");
  CHECK(cut->port_id.empty());
  CHECK(LldpCapabilityNames(0xffff).size() == 11);
}

TEST_CASE("LLDP corpus: real captures (skips without ../shared/corpus)", "[wire][lldp][corpus]") {
  auto dir = CorpusDir() / "pcap" / "lan";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto all = [&](const char* name) {
    auto file = ReadCapture(dir / name);
    REQUIRE(file);
    std::vector<LldpPacket> out;
    for (const auto& frame : file->frames)
      if (auto l = ParseLldpFrame(frame)) out.push_back(*l);
    return out;
  };
  SECTION("zeek lldp: a managed switch with its management address") {
    auto l = all("zeek_lldp.pcap");
    REQUIRE(l.size() == 1);
    CHECK(l[0].chassis_id == "00:22:2d:81:db:10");
    CHECK(l[0].port_id == "1");
    CHECK(l[0].port_description == "Port #1");
    CHECK(l[0].system_name == "SMCGS8P-Smart");
    CHECK(l[0].system_description == "SMCGS8P-Smart - SMCGS8P-Smart v3.20");
    CHECK(LldpCapabilityNames(l[0].enabled_capabilities) == std::vector<std::string>{"bridge"});
    CHECK(l[0].management_addresses == std::vector<std::string>{"192.168.2.10"});
    CHECK(l[0].ttl_s == 120);
    CHECK_FALSE(l[0].broken);
  }
  SECTION("LLDP_and_CDP: the LLDP frames among CDP (802.3 framing is not LLDP)") {
    auto l = all("LLDP_and_CDP.pcap");
    REQUIRE(l.size() == 8);
    CHECK(l[0].chassis_id == "00:19:2f:a7:b2:8d");
    CHECK(l[0].port_id == "Uplink to S1");
    CHECK(l[0].system_name == "S2.cisco.com");
    CHECK(l[0].port_description == "GigabitEthernet0/13");
    CHECK(l[0].system_description.rfind("Cisco IOS Software, C3560", 0) == 0);
  }
  SECTION("pypacker and arkime: an 802 management address, repeated TTL TLVs") {
    auto p = all("pypacker_lldp.pcap");
    REQUIRE(p.size() == 1);
    CHECK(p[0].port_id == "1/1");
    CHECK(p[0].management_addresses == std::vector<std::string>{"00:01:30:f9:ad:a0"});
    auto a = all("arkime_wireshark-lldp.pcap");
    REQUIRE(a.size() == 3);
    CHECK(a[0].ttl_s == 120);  // the first TTL counts
  }
  SECTION("mudurl: IPv4 and IPv6 management addresses, a MAC port id") {
    auto l = all("lldp_mudurl.pcap");
    REQUIRE(l.size() == 2);
    CHECK(l[0].port_id == "00:23:54:c2:57:02");
    CHECK(l[0].management_addresses ==
          std::vector<std::string>{"62.12.173.114", "2001:8a8:1006:4:223:54ff:fec2:5702"});
  }
  SECTION("linkagg: an LLDPDU without its mandatory TLVs still parses, empty") {
    auto l = all("lldp_8021_linkagg.pcap");
    REQUIRE(l.size() == 2);
    CHECK(l[0].chassis_id.empty());
    CHECK_FALSE(l[0].ttl_s);
  }
  SECTION("app-priority: interface-name port ids") {
    auto l = all("lldp-app-priority.pcap");
    REQUIRE(l.size() == 1);
    CHECK(l[0].port_id == "leaf0b-eth10");
    CHECK(l[0].system_name == "leaf0b");
  }
}
