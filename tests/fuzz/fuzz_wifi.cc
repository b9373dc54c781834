// libFuzzer entry point; see fuzz_bodies.h.
#include "fuzz/fuzz_bodies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netfix::fuzz::FuzzWifi(data, size);
  return 0;
}
