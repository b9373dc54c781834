// Little-endian reads on top of ByteReader. 802.11 frames, radiotap headers
// and most capture files are little-endian, unlike the network-order
// protocols ByteReader was written for.
#pragma once

#include <cstdint>

#include "wire/byte_reader.h"

namespace netfix::wire {

inline std::uint16_t ReadLe16(ByteReader& in) {
  auto b = in.ReadArray<2>();
  return static_cast<std::uint16_t>(b[0] | b[1] << 8);
}

inline std::uint32_t ReadLe32(ByteReader& in) {
  auto b = in.ReadArray<4>();
  return std::uint32_t{b[0]} | std::uint32_t{b[1]} << 8 | std::uint32_t{b[2]} << 16 |
         std::uint32_t{b[3]} << 24;
}

inline std::uint64_t ReadLe64(ByteReader& in) {
  std::uint64_t low = ReadLe32(in);
  return low | std::uint64_t{ReadLe32(in)} << 32;
}

/// A value in the byte order a file declared.
inline std::uint16_t Read16(ByteReader& in, bool little_endian) {
  return little_endian ? ReadLe16(in) : in.ReadBe16();
}
inline std::uint32_t Read32(ByteReader& in, bool little_endian) {
  return little_endian ? ReadLe32(in) : in.ReadBe32();
}
inline std::uint64_t Read64(ByteReader& in, bool little_endian) {
  if (little_endian) return ReadLe64(in);
  std::uint64_t high = in.ReadBe32();
  return high << 32 | in.ReadBe32();
}

}  // namespace netfix::wire
