// The check catalog as compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <span>
#include <string_view>

namespace netfix::check {

struct EmbeddedFile {
  std::string_view path;  ///< relative to the source tree, e.g. "checks/dns-slow/check.md"
  std::string_view contents;
};

std::span<const EmbeddedFile> EmbeddedCheckDocs();

}  // namespace netfix::check
