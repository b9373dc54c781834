// Replays every input kept under tests/fuzz/regressions/<target>/ (past
// crashers and interesting cases) through the fuzz bodies, in every normal
// test run, so that a fixed crash stays fixed.
#include <catch2/catch.hpp>
#include <filesystem>

#include "fuzz/fuzz_bodies.h"
#include "support/files.h"

namespace fs = std::filesystem;

TEST_CASE("fuzz regression inputs parse without crashing") {
  struct Target {
    const char* dir;
    void (*body)(const std::uint8_t*, std::size_t);
  };
  const Target targets[] = {{"wire", netfix::fuzz::FuzzWire},
                            {"discovery", netfix::fuzz::FuzzDiscovery},
                            {"wifi", netfix::fuzz::FuzzWifi},
                            {"snapshot", netfix::fuzz::FuzzSnapshot},
                            {"check_doc", netfix::fuzz::FuzzCheckDoc}};
  int replayed = 0;
  for (const auto& target : targets) {
    fs::path dir = netfix::testing::SourceDir() / "tests" / "fuzz" / "regressions" / target.dir;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string bytes = netfix::testing::ReadFile(entry.path());
      INFO(entry.path().string());
      target.body(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  CHECK(replayed > 0);
}
