// Before and after (`netfix diff`): two diagnosed snapshots compared. Which
// problems were fixed, which are new and which are still there (matched by
// check id and subject), and which measurements moved by more than their
// noise: the best own Wi-Fi signal per room and band and what the room is good
// for, the router's round trip and loss, each DNS server's answer time,
// devices that appeared or disappeared, and probes that changed status.
//
// Pure, like the report: BuildDiff reads two snapshots with their inventory
// and diagnosis, and the renderers read only the DiffView it returns, with
// the language already applied. Strings from the snapshots are stored raw;
// each renderer escapes them for its format.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/inventory.h"
#include "model/finding.h"
#include "model/lang.h"
#include "model/snapshot.h"
#include "report/report.h"

namespace netfix::report {

inline constexpr const char* kDiffSchema = "netfix.diff/1";

/// How far a measurement must move before it counts as changed: single
/// scans swing by a few dB and round trips by a few milliseconds, and a
/// before/after comparison must not cry wolf over that.
struct DiffThresholds {
  double signal_db = 3;      ///< Wi-Fi signal
  double time_ms = 5;        ///< round trip and DNS answer time: at least this much ...
  double time_percent = 20;  ///< ... and at least this share of the larger value
  double loss_points = 10;   ///< packet loss, in percentage points
};

/// One diagnosed snapshot.
struct DiffSide {
  const model::Snapshot& snapshot;
  const inventory::Inventory& inventory;
  const check::Diagnosis& diagnosis;
};

struct DiffInput {
  DiffSide before;
  DiffSide after;
  const check::Catalog& catalog;
  model::Lang lang = model::Lang::kEn;
  /// New problems at or above this severity make the comparison "worse".
  model::Severity fail_on = model::Severity::kWarning;
  DiffThresholds thresholds;
};

struct DiffFinding {
  std::string check;
  model::Severity severity = model::Severity::kWarning;
  std::string area;
  std::string subject;  ///< raw
  std::string title;    ///< in the diff's language
};

enum class Direction { kBetter, kWorse, kChanged };
const char* ToString(Direction direction);  ///< "better" | "worse" | "changed"

/// A measured value on one side: a number (with its unit), a word (a level
/// or a status id), or nothing (not measured, no answer).
struct DiffValue {
  std::optional<double> number;
  std::string id;    ///< for words: "video", "ok", ...; "" for numbers
  std::string text;  ///< for the reader, in the diff's language ("−61 dBm", "nicht gemessen")
};

struct DiffChange {
  /// "wifi-signal", "wifi-level", "gateway-rtt", "gateway-loss", "dns-time",
  /// "device-appeared", "device-disappeared", "device-count", "probe-status".
  std::string kind;
  std::string subject;  ///< stable: room name, resolver or router address, MAC, probe id
  std::string band;     ///< wifi-signal: "2.4" | "5" | "6"
  std::string what;     ///< for the reader: "Küche 5 GHz: Wi-Fi signal"
  std::string unit;     ///< "dBm" | "ms" | "%" | "" (words, counts)
  DiffValue before;
  DiffValue after;
  Direction direction = Direction::kChanged;
};

/// One side's header line: host, time and its verdict counts.
struct DiffSideView {
  std::string label;  ///< "Before" / "Vorher"
  std::vector<std::string> meta;
  int errors = 0;
  int warnings = 0;
  int infos = 0;
};

struct DiffView {
  model::Lang lang = model::Lang::kEn;
  std::string netfix_version;
  std::string title;  ///< "Before and after"
  DiffSideView before;
  DiffSideView after;
  /// "worse" (exit status 1), "better" or "unchanged".
  std::string status;
  std::string headline;  ///< one line in the diff's language
  model::Severity fail_on = model::Severity::kWarning;
  std::vector<DiffFinding> resolved;   ///< worst first
  std::vector<DiffFinding> added;      ///< new, worst first
  std::vector<DiffFinding> remaining;  ///< worst first
  /// Findings of AFTER whose check could not run on BEFORE (for example no
  /// Wi-Fi survey then): newly seen, not newly caused, so never "worse".
  std::vector<DiffFinding> first_checked;
  /// Findings of BEFORE whose check could not run on AFTER: not known to be fixed.
  std::vector<DiffFinding> not_rechecked;
  std::vector<DiffChange> changes;  ///< Wi-Fi, router, DNS, devices, probes
  DiffThresholds thresholds;
  std::string thresholds_text;  ///< the noise thresholds in words

  bool worse() const { return status == "worse"; }
};

DiffView BuildDiff(const DiffInput& input);

std::string RenderDiffText(const DiffView& view, const TextOptions& options);
std::string RenderDiffMarkdown(const DiffView& view);
std::string RenderDiffHtml(const DiffView& view);
std::string RenderDiffJson(const DiffView& view);
/// Dispatches on `format` (color only applies to text).
std::string RenderDiff(const DiffView& view, Format format, const TextOptions& options);

}  // namespace netfix::report
