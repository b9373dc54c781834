// Test helpers for reading files from the source tree.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace netfix::testing {

inline std::filesystem::path SourceDir() {
  return NETFIX_SOURCE_DIR;
}

/// ../shared/corpus beside the repository; may be absent (tests then skip,
/// printing "SKIPPED:", which ctest reports as skipped). NETFIX_CORPUS_DIR
/// overrides the place, e.g. to check that skipping works.
inline std::filesystem::path CorpusDir() {
  if (const char* dir = std::getenv("NETFIX_CORPUS_DIR"); dir != nullptr && *dir != '\0')
    return dir;
  return SourceDir().parent_path() / "shared" / "corpus";
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace netfix::testing
