// What the user asked for, as plain data. The command line (cli/) fills it;
// nothing of CLI11 leaks past this struct.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/lang.h"
#include "probe/scan.h"
#include "report/report.h"

namespace netfix::app {

enum class Command {
  kCheck,
  kScan,
  kReport,
  kDiff,
  kDevices,
  kSurvey,
  kRedact,
  kSend,
  kChecks,
  kExplain,
  kServe,
};
enum class ColorMode { kAuto, kAlways, kNever };

struct Options {
  Command command = Command::kCheck;
  std::optional<model::Lang> lang;  ///< nullopt: from the locale
  ColorMode color = ColorMode::kAuto;
  bool quiet = false;
  probe::ScanOptions scan;
  double timeout_s = 30;
  report::Format format = report::Format::kText;
  std::vector<std::string> outputs;  ///< -o FILE...: extra copies, format from the extension
  std::string snapshot_out;          ///< check: also save the snapshot here
  std::string input;     ///< report, devices: the snapshot (or report) to read; "-" = stdin
  bool facts = false;    ///< devices: list every fact with its source
  std::string check_id;  ///< explain
  model::Severity fail_on = model::Severity::kWarning;
  /// survey: the survey file written; check, report: the survey read (--survey).
  std::string survey_file;
  std::string room;                    ///< survey: the room the sample is for
  std::string near;                    ///< survey: "router" | "repeater" | ""
  std::string import_file;             ///< survey: a scan file instead of a live scan
  std::string import_format = "auto";  ///< survey: its format
  std::vector<std::string> own_ssids;  ///< survey: the home's own SSIDs (--ssid)
  bool replace_room = false;           ///< survey: drop the room's earlier samples
  // diff
  std::string diff_before;  ///< diff: the earlier snapshot or report
  std::string diff_after;   ///< diff: the later one
  // --redact, redact
  bool redact = false;        ///< check, scan, report, devices, diff, send: pseudonyms
  std::string redact_output;  ///< redact: where the redacted file goes ("" or "-": stdout)
  // send
  std::string send_to;  ///< send: the https:// URL of the support server (--to)
  std::string ca_file;  ///< send: a PEM bundle to trust instead of the system's CAs
  // serve
  int serve_port = 8086;               ///< serve: TCP and UDP port (io::kPeerServerPort)
  std::string serve_bind = "0.0.0.0";  ///< serve: the address to listen on
  double serve_timeout_s = 0;          ///< serve: stop after this long; 0: until Ctrl-C
  // -v
  bool verbose = false;      ///< -v: diagnostics on stderr (probes, interface, files)
  bool catalog_man = false;  ///< checks --format man: the catalog as a man page (netfix-checks(7))
};

}  // namespace netfix::app
