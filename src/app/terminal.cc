#include "app/terminal.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

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

namespace {
bool g_verbose = false;
}  // namespace

void SetVerbose(bool verbose) {
  g_verbose = verbose;
}

bool Verbose() {
  return g_verbose;
}

void PrintVerbose(const std::string& message) {
  if (g_verbose) std::fprintf(stderr, "netfix: %s\n", message.c_str());
}

void PrintScanLog(const model::Snapshot& snapshot) {
  if (!g_verbose) return;
  if (snapshot.scan_interface.empty()) {
    PrintVerbose("no interface to scan on");
  } else {
    std::string addresses;
    if (const auto* i = snapshot.FindInterface(snapshot.scan_interface))
      for (const auto& a : i->addresses)
        if (a.scope == "global") addresses += " " + a.address + "/" + std::to_string(a.prefix_len);
    PrintVerbose(
        "interface " + snapshot.scan_interface + addresses +
        (snapshot.default_gateway.empty() ? "" : ", default gateway " + snapshot.default_gateway));
  }
  for (const auto& p : snapshot.probes) {
    std::string line = "probe " + p.id + " " + model::ToString(p.status) + " in " +
                       util::FormatFixed(p.duration_ms / 1000.0, 1) + " s";
    if (!p.reason.empty()) line += ": " + p.reason;
    PrintVerbose(line);
  }
  PrintVerbose("scan took " + util::FormatFixed(snapshot.host.duration_ms / 1000.0, 1) + " s, " +
               std::to_string(snapshot.devices.size()) + " devices");
}

void PrintDiagnosisLog(const check::Diagnosis& diagnosis) {
  if (!g_verbose) return;
  std::map<model::CheckOutcome, int> counts;
  for (const auto& run : diagnosis.runs) {
    ++counts[run.outcome];
    if (run.outcome == model::CheckOutcome::kPassed) continue;
    std::string line = "check " + run.check + " " + model::ToString(run.outcome);
    if (run.outcome == model::CheckOutcome::kFired)
      line += ": " + std::to_string(run.findings) + (run.findings == 1 ? " finding" : " findings");
    else if (!run.reason.empty())
      line += ": " + run.reason;
    PrintVerbose(line);
  }
  PrintVerbose(std::to_string(diagnosis.runs.size()) +
               " checks: " + std::to_string(counts[model::CheckOutcome::kFired]) + " fired, " +
               std::to_string(counts[model::CheckOutcome::kPassed]) + " passed, " +
               std::to_string(counts[model::CheckOutcome::kSkipped]) + " skipped, " +
               std::to_string(counts[model::CheckOutcome::kSuppressed]) + " suppressed");
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
