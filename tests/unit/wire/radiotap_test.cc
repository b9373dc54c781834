#include "wire/radiotap.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "support/pcap_file.h"
#include "unit/wire/wifi_test_frames.h"
#include "wire/pcap_file.h"
#include "wire/prism.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::Frame;
using netfix::testing::PutLe16;
using netfix::testing::PutLe32;

TEST_CASE("radiotap: channel, signal, flags at their alignments", "[wire][radiotap]") {
  Frame frame = netfix::testing::Radiotap(2437, -47, 0x10);
  frame.insert(frame.end(), {0xd4, 0, 0, 0, 1, 2, 3, 4, 5, 6, 0xa, 0xb, 0xc, 0xd});
  auto radiotap = ParseRadiotap(frame);
  REQUIRE(radiotap);
  CHECK(radiotap->length == 16);
  CHECK(radiotap->frequency_mhz == 2437);
  CHECK(radiotap->channel_flags == 0x00a0);
  CHECK(radiotap->signal_dbm == -47);
  CHECK(radiotap->fcs_at_end);
  CHECK_FALSE(radiotap->bad_fcs);
  CHECK(RadiotapPayload(frame, *radiotap).size() == 10);  // without the FCS
}

TEST_CASE("radiotap: TSFT is 8-aligned, rate in 500 kbit/s", "[wire][radiotap]") {
  Frame frame = {0, 0, 0, 0};
  PutLe32(frame, 1u << 0 | 1u << 2 | 1u << 6);          // TSFT, rate, noise
  frame.insert(frame.end(), {1, 0, 0, 0, 0, 0, 0, 0});  // TSFT at 8
  frame.push_back(12);                                  // rate: 6 Mbit/s
  frame.push_back(static_cast<std::uint8_t>(-95));      // noise
  frame[2] = static_cast<std::uint8_t>(frame.size());
  auto radiotap = ParseRadiotap(frame);
  REQUIRE(radiotap);
  CHECK(radiotap->tsft_us == 1);
  CHECK(radiotap->rate_mbps == Approx(6.0));
  CHECK(radiotap->noise_dbm == -95);
  CHECK(radiotap->frequency_mhz == 0);
  CHECK_FALSE(radiotap->signal_dbm);
}

TEST_CASE("radiotap: extended bitmaps and namespaces", "[wire][radiotap]") {
  SECTION("per-antenna signals after the combined one") {
    Frame frame = {0, 0, 0, 0};
    PutLe32(frame, 1u << 5 | 1u << 29 | 1u << 31);  // signal, then another radiotap namespace
    PutLe32(frame, 1u << 5 | 1u << 11);             // antenna signal, antenna
    frame.insert(frame.end(), {static_cast<std::uint8_t>(-50), static_cast<std::uint8_t>(-70), 1});
    frame[2] = static_cast<std::uint8_t>(frame.size());
    auto radiotap = ParseRadiotap(frame);
    REQUIRE(radiotap);
    CHECK(radiotap->signal_dbm == -50);
  }
  SECTION("vendor namespace data is skipped by its length") {
    Frame frame = {0, 0, 0, 0};
    PutLe32(frame, 1u << 1 | 1u << 30 | 1u << 31);     // flags, vendor namespace next
    PutLe32(frame, 1u << 0 | 1u << 29 | 1u << 31);     // vendor field 0, back to radiotap
    PutLe32(frame, 1u << 5);                           // signal
    frame.push_back(0x00);                             // flags at 16
    frame.push_back(0);                                // pad to 2
    frame.insert(frame.end(), {0x00, 0x11, 0x22, 0});  // vendor OUI, sub-namespace
    PutLe16(frame, 3);                                 // 3 bytes of vendor data
    frame.insert(frame.end(), {0xee, 0xee, 0xee});
    frame.push_back(static_cast<std::uint8_t>(-61));
    frame[2] = static_cast<std::uint8_t>(frame.size());
    auto radiotap = ParseRadiotap(frame);
    REQUIRE(radiotap);
    CHECK(radiotap->signal_dbm == -61);
  }
  SECTION("a field of unknown size stops reading quietly") {
    Frame frame = {0, 0, 0, 0};
    PutLe32(frame, 1u << 5 | 1u << 28);  // signal, TLVs
    frame.insert(frame.end(), {static_cast<std::uint8_t>(-40), 9, 9, 9});
    frame[2] = static_cast<std::uint8_t>(frame.size());
    auto radiotap = ParseRadiotap(frame);
    REQUIRE(radiotap);
    CHECK(radiotap->signal_dbm == -40);
  }
}

TEST_CASE("radiotap: broken headers are rejected with a reason", "[wire][radiotap]") {
  std::string why;
  CHECK_FALSE(ParseRadiotap(Frame{0, 0, 8}, &why));
  CHECK(why == "frame too short for a radiotap header");
  CHECK_FALSE(ParseRadiotap(Frame{1, 0, 8, 0, 0, 0, 0, 0}, &why));
  CHECK(why == "unsupported radiotap version 1");
  CHECK_FALSE(ParseRadiotap(Frame{0, 0, 64, 0, 0, 0, 0, 0}, &why));
  CHECK(why == "radiotap length 64 does not fit the frame (8 bytes)");
  CHECK_FALSE(ParseRadiotap(Frame{0, 0, 8, 0, 0, 0, 0, 0x80, 0, 0}, &why));
  CHECK(why == "radiotap present bitmaps run past the header");
  Frame past = {0, 0, 10, 0};
  PutLe32(past, 1u << 0);  // TSFT: 8 bytes at offset 8, but the header ends at 10
  past.insert(past.end(), {1, 2, 3, 4, 5, 6, 7, 8});
  CHECK_FALSE(ParseRadiotap(past, &why));
  CHECK(why == "radiotap field 0 runs past the header");
  Frame vendor = {0, 0, 0, 0};
  PutLe32(vendor, 1u << 30);
  vendor.insert(vendor.end(), {0, 0x11, 0x22, 0, 200, 0});
  vendor[2] = static_cast<std::uint8_t>(vendor.size());
  CHECK_FALSE(ParseRadiotap(vendor, &why));
  CHECK(why == "vendor namespace data runs past the radiotap header");
  // Every prefix of a good header, and every single-byte change, stays in bounds.
  Frame good = netfix::testing::Radiotap(5180, -60, 0x10);
  for (std::size_t n = 0; n <= good.size(); ++n) ParseRadiotap(Bytes(good.data(), n));
  for (std::size_t i = 0; i < good.size(); ++i)
    for (int v : {0x00, 0x80, 0xff}) {
      Frame changed = good;
      changed[i] = static_cast<std::uint8_t>(v);
      ParseRadiotap(changed);
    }
}

TEST_CASE("PRISM and AVS headers", "[wire][radiotap][prism]") {
  Frame prism;
  PutLe32(prism, 0x44);
  PutLe32(prism, 144);
  prism.resize(24, 0);  // device name
  for (std::uint32_t item = 0; item < 10; ++item) {
    PutLe32(prism, (item + 1) << 8 | 0x44);
    PutLe16(prism, 0);  // supplied
    PutLe16(prism, 4);
    std::uint32_t value = item == 2   ? 11
                          : item == 3 ? static_cast<std::uint32_t>(-71)
                          : item == 5 ? 40
                                      : 0;
    PutLe32(prism, value);
  }
  auto header = ParsePrism(prism);
  REQUIRE(header);
  CHECK(header->length == 144);
  CHECK(header->channel == 11);
  CHECK(header->signal_dbm == -71);  // the "signal" item (40) is no dBm value
  std::string why;
  CHECK_FALSE(ParsePrism(Bytes(prism.data(), 100), &why));
  CHECK(why == "not a PRISM header, or one that does not fit the frame");

  Frame avs = {0x80, 0x21, 0x10, 0x01, 0, 0, 0, 64};
  avs.resize(28, 0);
  avs.insert(avs.end(), {0, 0, 0, 6});  // channel 6
  avs.resize(44, 0);
  avs.insert(avs.end(), {0, 0, 0, 2});              // signal type: dBm
  avs.insert(avs.end(), {0xff, 0xff, 0xff, 0xc4});  // -60
  avs.resize(64, 0);
  auto avs_header = ParsePrism(avs);
  REQUIRE(avs_header);
  CHECK(avs_header->length == 64);
  CHECK(avs_header->channel == 6);
  CHECK(avs_header->signal_dbm == -60);
}

TEST_CASE(
    "radiotap corpus: frequency and signal as tcpdump decodes them (skips without "
    "../shared/corpus)",
    "[wire][radiotap][corpus]") {
  auto dir = CorpusDir() / "pcap" / "wifi";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  // Every line of a tcpdump .out file: the frame's frequency and first signal.
  for (const char* name : {"ieee802.11_exthdr", "ieee802.11_meshid", "ieee802.11_rx-stbc"}) {
    INFO(name);
    auto file = netfix::testing::ReadCapture(dir / (std::string(name) + ".pcap"));
    REQUIRE(file);
    std::ifstream out(dir / (std::string(name) + ".out"));
    std::string line;
    std::size_t index = 0;
    const std::regex mhz(R"( (\d+) MHz )"), dbm(R"( (-?\d+)dBm signal)");
    while (std::getline(out, line)) {
      REQUIRE(index < file->frames.size());
      INFO(line);
      auto radiotap = ParseRadiotap(file->frames[index++]);
      REQUIRE(radiotap);
      std::smatch m;
      if (std::regex_search(line, m, mhz))
        CHECK(radiotap->frequency_mhz == std::stoi(m[1]));
      else
        CHECK(radiotap->frequency_mhz == 0);
      if (std::regex_search(line, m, dbm))
        CHECK(radiotap->signal_dbm == std::stoi(m[1]));
      else
        CHECK_FALSE(radiotap->signal_dbm);
    }
    CHECK(index == file->frames.size());
  }
  SECTION("a malformed header is rejected cleanly") {
    auto file = netfix::testing::ReadCapture(dir / "radiotap-heapoverflow.pcap");
    REQUIRE(file);
    REQUIRE(file->frames.size() == 1);
    std::string why;
    CHECK_FALSE(ParseRadiotap(file->frames[0], &why));
    CHECK(why == "unsupported radiotap version 48");
  }
  SECTION("three antennas: the combined signal comes first") {
    auto file = netfix::testing::ReadCapture(dir / "scapy_bad_rsn_parsing_overrides_ssid.pcap");
    REQUIRE(file);
    auto radiotap = ParseRadiotap(file->frames.at(0));
    REQUIRE(radiotap);
    CHECK(radiotap->signal_dbm == -50);
    CHECK(radiotap->frequency_mhz == 2412);
  }
}
