// Reads the frames of a classic libpcap capture file (not pcapng), for tests
// that feed real captured packets from the shared corpus to the parsers.
// Untrusted bytes: read with the same bounds-checked reader as the parsers.
#pragma once

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

}  // namespace netfix::testing
