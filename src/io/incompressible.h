// A 64 KiB block of xorshift bytes that load tests send over and over (the
// client's uploads, netfix serve's downloads), so that nothing on the path
// can compress it.
#pragma once

#include <cstdint>
#include <vector>

namespace netfix::io {

inline const std::vector<char>& IncompressibleBlock() {
  static const std::vector<char> block = [] {
    std::vector<char> bytes(64 * 1024);
    std::uint32_t x = 2463534242u;
    for (char& c : bytes) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      c = static_cast<char>(x & 0xff);
    }
    return bytes;
  }();
  return block;
}

}  // namespace netfix::io
