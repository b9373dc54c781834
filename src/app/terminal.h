// The terminal: color decided once, and the progress line on stderr.
#pragma once

#include <string>

#include "app/options.h"
#include "check/runner.h"
#include "model/lang.h"
#include "probe/scan.h"

namespace netfix::app {

/// Color on stdout: --color always/never win; auto means stdout is a
/// terminal, TERM is not "dumb" and NO_COLOR is unset or empty.
bool UseColor(ColorMode mode);

/// -v: whether diagnostics go to stderr. Set once, from the command line,
/// before the command runs (like color, a property of the whole run).
void SetVerbose(bool verbose);
bool Verbose();

/// With -v, prints "netfix: MESSAGE" to stderr; without it, nothing.
void PrintVerbose(const std::string& message);

/// With -v, after a scan: the interface it used and one line per probe
/// ("netfix: probe arp-sweep ok in 1.0 s: 23 hosts").
void PrintScanLog(const model::Snapshot& snapshot);

/// With -v, after the checks ran: one line per check that did not simply
/// pass, then a count per outcome.
void PrintDiagnosisLog(const check::Diagnosis& diagnosis);

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
