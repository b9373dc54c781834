// Reads the frames of a libpcap capture file (classic or pcapng), for tests
// that feed real captured packets from the shared corpus to the parsers.
// Untrusted bytes: read with the same bounds-checked reader as the parsers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/files.h"
#include "wire/byte_reader.h"

namespace netfix::testing {

struct PcapFile {
  std::uint32_t link_type = 0;
  std::vector<std::vector<std::uint8_t>> frames;
  bool truncated = false;  ///< the last record claims more bytes than the file has
};

inline std::optional<PcapFile> ReadPcap(const std::filesystem::path& path) {
  std::string bytes = ReadFile(path);
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  wire::ByteReader in(data);
  std::uint32_t magic = in.ReadBe32();
  bool swapped;  // file written little-endian
  if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
    swapped = false;
  else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
    swapped = true;
  else
    return std::nullopt;
  auto u32 = [&] {
    std::uint32_t v = in.ReadBe32();
    return swapped ? __builtin_bswap32(v) : v;
  };
  in.Skip(4 + 4 + 4 + 4);  // versions, thiszone, sigfigs, snaplen
  PcapFile file;
  file.link_type = u32();
  // Bounded by the file size: every record consumes at least 16 bytes.
  while (in.ok() && in.remaining() >= 16) {
    in.Skip(8);  // timestamp
    std::uint32_t captured = u32();
    in.Skip(4);  // original length
    if (!in.ok()) break;
    if (captured > in.remaining()) {  // the file was cut short: keep what is there
      captured = static_cast<std::uint32_t>(in.remaining());
      file.truncated = true;
    }
    auto frame = in.ReadBytes(captured);
    file.frames.emplace_back(frame.begin(), frame.end());
  }
  return file;
}

/// A pcapng file (section header, interface description, enhanced and
/// simple packet blocks; everything else skipped). link_type is the first
/// interface's.
inline std::optional<PcapFile> ReadPcapng(const std::filesystem::path& path) {
  std::string bytes = ReadFile(path);
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  wire::ByteReader in(data);
  if (in.ReadBe32() != 0x0a0d0d0a) return std::nullopt;
  in.Skip(4);
  std::uint32_t order = in.ReadBe32();
  bool swapped;  // file written little-endian
  if (order == 0x1a2b3c4d)
    swapped = false;
  else if (order == 0x4d3c2b1a)
    swapped = true;
  else
    return std::nullopt;
  auto fix = [&](std::uint32_t v) { return swapped ? __builtin_bswap32(v) : v; };
  PcapFile file;
  bool have_link = false;
  std::uint32_t snap_length = 0;
  std::size_t block = 0;
  // Bounded by the file size: every block is at least 12 bytes long.
  while (block + 12 <= data.size()) {
    in.Seek(block);
    std::uint32_t type = fix(in.ReadBe32());
    std::uint32_t length = fix(in.ReadBe32());
    if (!in.ok() || length < 12 || length % 4 != 0 || length > data.size() - block) {
      file.truncated = true;
      break;
    }
    wire::Bytes body = wire::Bytes(data).subspan(block + 8, length - 12);
    wire::ByteReader b(body);
    if (type == 1 && !have_link) {  // interface description
      std::uint32_t first = fix(b.ReadBe32());
      file.link_type = swapped ? (first & 0xffff) : (first >> 16);
      snap_length = fix(b.ReadBe32());
      have_link = b.ok();
    } else if (type == 6) {  // enhanced packet
      b.Skip(12);            // interface, timestamp
      std::uint32_t captured = fix(b.ReadBe32());
      b.Skip(4);
      if (captured > b.remaining()) {
        captured = static_cast<std::uint32_t>(b.remaining());
        file.truncated = true;
      }
      auto frame = b.ReadBytes(captured);
      if (b.ok()) file.frames.emplace_back(frame.begin(), frame.end());
    } else if (type == 3) {  // simple packet
      std::uint32_t original = fix(b.ReadBe32());
      std::uint32_t captured = snap_length != 0 ? std::min(original, snap_length) : original;
      captured = std::min<std::uint32_t>(captured, static_cast<std::uint32_t>(b.remaining()));
      auto frame = b.ReadBytes(captured);
      if (b.ok()) file.frames.emplace_back(frame.begin(), frame.end());
    }
    block += length;
  }
  return file;
}

/// A classic pcap or a pcapng file, whichever it is.
inline std::optional<PcapFile> ReadCapture(const std::filesystem::path& path) {
  if (auto file = ReadPcap(path)) return file;
  return ReadPcapng(path);
}

}  // namespace netfix::testing
