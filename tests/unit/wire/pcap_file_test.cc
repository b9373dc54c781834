#include "wire/pcap_file.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"
#include "unit/wire/wifi_test_frames.h"

using namespace netfix::wire;
using netfix::testing::ClassicPcap;
using netfix::testing::CorpusDir;
using netfix::testing::Frame;
using netfix::testing::PutLe16;
using netfix::testing::PutLe32;

namespace {

void PutBe32(Frame& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A pcapng block in the given byte order, padded to 4.
Frame Block(std::uint32_t type, Frame body, bool little = true) {
  body.resize((body.size() + 3) / 4 * 4, 0);
  auto u32 = [&](Frame& out, std::uint32_t v) { little ? PutLe32(out, v) : PutBe32(out, v); };
  Frame out;
  u32(out, type);
  u32(out, static_cast<std::uint32_t>(body.size() + 12));
  out.insert(out.end(), body.begin(), body.end());
  u32(out, static_cast<std::uint32_t>(body.size() + 12));
  return out;
}

Frame SectionHeader(bool little = true) {
  Frame body;
  little ? PutLe32(body, 0x1a2b3c4d) : PutBe32(body, 0x1a2b3c4d);
  body.insert(body.end(), {0, 1, 0, 0});  // version 1.0 (byte order does not matter here)
  body.insert(body.end(), 8, 0xff);       // section length: unknown
  return Block(0x0a0d0d0a, body, little);
}

// Little-endian interface description with if_tsresol = 9 (nanoseconds).
Frame Interface(std::uint16_t link_type) {
  Frame body;
  PutLe16(body, link_type);
  PutLe16(body, 0);
  PutLe32(body, 65535);
  body.insert(body.end(), {9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0});  // if_tsresol, end of options
  return Block(1, body);
}

Frame EnhancedPacket(std::uint32_t interface, std::uint64_t ticks, const Frame& data) {
  Frame body;
  PutLe32(body, interface);
  PutLe32(body, static_cast<std::uint32_t>(ticks >> 32));
  PutLe32(body, static_cast<std::uint32_t>(ticks));
  PutLe32(body, static_cast<std::uint32_t>(data.size()));
  PutLe32(body, static_cast<std::uint32_t>(data.size()));
  body.insert(body.end(), data.begin(), data.end());
  return Block(6, body);
}

Frame Join(std::initializer_list<Frame> parts) {
  return netfix::testing::Concat(parts);
}

}  // namespace

TEST_CASE("pcap: classic files in both byte orders, micro- and nanoseconds", "[wire][pcap]") {
  Frame little = ClassicPcap(127, {{1, 2, 3}, {4, 5}});
  auto file = ReadCaptureFile(little);
  CHECK(file.error.empty());
  CHECK(file.format == "pcap");
  CHECK(file.link_type == 127);
  REQUIRE(file.frames.size() == 2);
  CHECK(file.frames[0].data.size() == 3);
  CHECK(file.frames[1].data[1] == 5);
  CHECK(file.frames[0].time_ns == 1700000000'250000000);
  CHECK(file.frames[0].link_type == 127);
  CHECK_FALSE(file.truncated);

  Frame big;
  PutBe32(big, 0xa1b23c4d);  // big-endian, nanoseconds
  big.insert(big.end(), {0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff});
  PutBe32(big, 105 | 0x10000000);  // FCS bits above the link type
  PutBe32(big, 10);
  PutBe32(big, 7);
  PutBe32(big, 2);
  PutBe32(big, 2);
  big.insert(big.end(), {0xaa, 0xbb});
  auto nano = ReadCaptureFile(big);
  CHECK(nano.link_type == 105);
  REQUIRE(nano.frames.size() == 1);
  CHECK(nano.frames[0].time_ns == 10'000000007);
}

TEST_CASE("pcap: files cut short keep what is there", "[wire][pcap]") {
  Frame full = ClassicPcap(105, {{1, 2, 3, 4}, {5, 6, 7, 8}});
  auto cut = ReadCaptureFile(Bytes(full.data(), full.size() - 2));
  CHECK(cut.truncated);
  REQUIRE(cut.frames.size() == 2);
  CHECK(cut.frames[1].data.size() == 2);
  CHECK(cut.notes ==
        std::vector<std::string>{"the last frame is cut short by the end of the file"});
  auto stray = full;
  stray.push_back(0);
  auto trailing = ReadCaptureFile(stray);
  CHECK(trailing.frames.size() == 2);
  CHECK(trailing.notes == std::vector<std::string>{"the file ends inside a record header"});
  for (std::size_t n = 0; n <= full.size(); ++n) ReadCaptureFile(Bytes(full.data(), n));
  CHECK(ReadCaptureFile(Bytes(full.data(), 20)).error == "the pcap file header is cut short");
}

TEST_CASE("pcap: not a capture file", "[wire][pcap]") {
  std::string text = "hello, this is text";
  auto file =
      ReadCaptureFile(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  CHECK(file.error == "not a pcap or pcapng file");
  CHECK(ReadCaptureFile(Frame{0xd4, 0xc3}).error == "too short for a capture file (2 bytes)");
}

TEST_CASE("pcap: the frame limit bounds the work", "[wire][pcap]") {
  Frame data = ClassicPcap(105, {{1}, {2}, {3}});
  auto file = ReadCaptureFile(data, 2);
  CHECK(file.frames.size() == 2);
  CHECK(file.notes == std::vector<std::string>{"stopped after 2 frames"});
}

TEST_CASE("pcapng: interfaces, enhanced and simple packets", "[wire][pcap][pcapng]") {
  Frame simple_body;
  PutLe32(simple_body, 3);
  simple_body.insert(simple_body.end(), {7, 8, 9});
  Frame data = Join({SectionHeader(), Interface(127), Interface(1),
                     EnhancedPacket(0, 1'500'000'000'123'456'789, {1, 2, 3, 4, 5}),
                     EnhancedPacket(1, 0, {6}), Block(3, simple_body), Block(5, {0, 0, 0, 0}),
                     EnhancedPacket(7, 0, {6})});
  auto file = ReadCaptureFile(data);
  CHECK(file.error.empty());
  CHECK(file.format == "pcapng");
  CHECK(file.link_type == 127);
  REQUIRE(file.frames.size() == 3);
  CHECK(file.frames[0].link_type == 127);
  CHECK(file.frames[0].time_ns == 1'500'000'000'123'456'789);
  CHECK(file.frames[0].data.size() == 5);
  CHECK(file.frames[1].link_type == 1);
  CHECK(file.frames[2].data.size() == 3);
  CHECK_FALSE(file.frames[2].time_ns);
  CHECK(file.notes == std::vector<std::string>{"a packet names undeclared interface 7"});
  for (std::size_t n = 0; n <= data.size(); ++n) ReadCaptureFile(Bytes(data.data(), n));
}

TEST_CASE("pcapng: a big-endian section and a bad block length", "[wire][pcap][pcapng]") {
  Frame idb;
  idb.insert(idb.end(), {0, 105, 0, 0, 0, 0, 0xff, 0xff});
  Frame epb;
  epb.insert(epb.end(),
             {0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0f, 0x42, 0x40, 0, 0, 0, 2, 0, 0, 0, 2, 0xab, 0xcd});
  Frame data = Join({SectionHeader(false), Block(1, idb, false), Block(6, epb, false)});
  auto file = ReadCaptureFile(data);
  CHECK(file.link_type == 105);
  REQUIRE(file.frames.size() == 1);
  CHECK(file.frames[0].data[0] == 0xab);
  CHECK(file.frames[0].time_ns == 1'000'000'000);  // 10^6 microseconds
  Frame bad = data;
  bad[data.size() - Block(6, epb, false).size() + 7] = 0xff;  // the packet block's length
  auto broken = ReadCaptureFile(bad);
  CHECK(broken.truncated);
  CHECK(broken.frames.empty());
}

TEST_CASE("pcap corpus: classic and pcapng captures (skips without ../shared/corpus)",
          "[wire][pcap][corpus]") {
  auto dir = CorpusDir() / "pcap" / "wifi";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto read = [&](const char* name) {
    std::string bytes = netfix::testing::ReadFile(dir / name);
    return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
  };
  auto pcapng = read("wlanpi_profiler_clients/0xc6_beacon_nonutf8_ssid.pcapng");
  auto file = ReadCaptureFile(pcapng);
  CHECK(file.format == "pcapng");
  CHECK(file.link_type == kLinkTypeRadiotap);
  CHECK(file.frames.size() == 1);
  auto big = read("pmkid-not-recognized.cap");
  auto large = ReadCaptureFile(big);
  CHECK(large.frames.size() == 20057);
  CHECK(large.truncated);  // tcpdump: "truncated dump file"
  auto prism = ReadCaptureFile(read("pypacker_prism_8bss.pcap"));
  CHECK(prism.link_type == kLinkTypePrism);
  CHECK(prism.frames.size() == 80);
  // The test helper that other tests use reads through the same reader.
  auto helper = netfix::testing::ReadCapture(dir / "wpa.cap");
  REQUIRE(helper);
  CHECK(helper->frames.size() == 13);
  CHECK_FALSE(netfix::testing::ReadPcapng(dir / "wpa.cap"));
}
