// The terminal: color decided once, and the progress line on stderr.
#pragma once

#include <string>

#include "app/options.h"
#include "model/lang.h"
#include "probe/scan.h"

namespace netfix::app {

/// Color on stdout: --color always/never win; auto means stdout is a
/// terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
bool UseColor(ColorMode mode);

/// One self-overwriting status line on stderr while scanning. Silent when
/// stderr is not a terminal or with -q.
class ProgressLine {
 public:
  ProgressLine(bool enabled, model::Lang lang);
  ~ProgressLine();
  void Update(const probe::Progress& progress);
  void Clear();

 private:
  bool enabled_;
  model::Lang lang_;
  bool shown_ = false;
};

}  // namespace netfix::app
