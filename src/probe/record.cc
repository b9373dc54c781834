#include "probe/record.h"

#include "util/strings.h"

namespace netfix::probe {

std::string FormatDuration(double ms) {
  if (ms < 1000) return util::FormatFixed(ms, ms < 10 ? 1 : 0) + " ms";
  return util::FormatFixed(ms / 1000, 1) + " s";
}

}  // namespace netfix::probe
