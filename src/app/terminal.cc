#include "app/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/strings.h"

namespace netfix::app {

bool UseColor(ColorMode mode) {
  if (mode == ColorMode::kAlways) return true;
  if (mode == ColorMode::kNever) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

ProgressLine::ProgressLine(bool enabled, model::Lang lang)
    : enabled_(enabled && ::isatty(STDERR_FILENO) == 1), lang_(lang) {}

ProgressLine::~ProgressLine() {
  Clear();
}

void ProgressLine::Update(const probe::Progress& p) {
  if (!enabled_) return;
  bool de = lang_ == model::Lang::kDe;
  std::string line = std::string(de ? "netfix: Prüfe das Netzwerk: " : "netfix: scanning: ") +
                     (p.phase.empty() ? std::string(de ? "Start" : "starting") : p.phase) + "  " +
                     util::FormatFixed(p.elapsed_s, 1) + " s  " + std::to_string(p.devices_found) +
                     (de ? " Geräte" : " devices");
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::Clear() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace netfix::app
