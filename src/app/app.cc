#include "app/app.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/diff.h"
#include "app/files.h"
#include "app/redact.h"
#include "app/send.h"
#include "app/serve.h"
#include "app/survey.h"
#include "app/terminal.h"
#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/snapshot_json.h"
#include "profile/profile.h"
#include "report/catalog_text.h"
#include "report/devices.h"
#include "report/report.h"
#include "util/strings.h"

namespace netfix::app {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnInterrupt(int) {
  g_stop.store(true);
}

// The first Ctrl-C asks the scan to stop and still write what it has; the
// handler is reset, so a second Ctrl-C ends netfix at once.
void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void PrintHint(const std::string& hint) {
  std::fprintf(stderr, "netfix: hint: %s\n", hint.c_str());
}

void PrintNote(const std::string& note) {
  std::fprintf(stderr, "netfix: note: %s\n", note.c_str());
}

// probes -> snapshot: the only step that touches the network.
model::Snapshot Scan(const Options& o, model::Lang lang) {
  InstallInterruptHandler();
  ProgressLine progress(!o.quiet, lang);
  model::Snapshot snapshot =
      probe::RunScan(o.scan, g_stop, [&](const probe::Progress& p) { progress.Update(p); });
  progress.Clear();
  PrintScanLog(snapshot);
  return snapshot;
}

// Tells the user, once, about probes that could not run for lack of privilege.
void ReportSkippedProbes(const model::Snapshot& snapshot) {
  std::vector<std::string> skipped;
  std::string hint;
  for (const auto& p : snapshot.probes) {
    if (p.status != model::ProbeStatus::kSkipped || p.hint.empty()) continue;
    skipped.push_back(p.id);
    if (hint.empty()) hint = p.hint;
  }
  if (skipped.empty()) return;
  PrintNote("skipped " + util::Join(skipped, ", ") + " (see the probe log in the report)");
  PrintHint(hint);
}

bool WriteSnapshot(const model::Snapshot& snapshot, const std::string& path) {
  std::string error;
  if (!WriteFileAtomically(path, model::DumpJson(model::SnapshotToJson(snapshot)), &error)) {
    PrintError(error);
    return false;
  }
  return true;
}

ExitCode ExitFor(const check::Diagnosis& diagnosis, const model::Snapshot& snapshot,
                 const Options& o) {
  if (snapshot.host.interrupted && g_stop.load()) return kExitInterrupted;
  for (const auto& f : diagnosis.findings)
    if (f.severity >= o.fail_on) return kExitProblems;
  return kExitClean;
}

// checks -> findings -> report: pure from here on.
ExitCode DiagnoseAndReport(const model::Snapshot& snapshot, const Options& o, model::Lang lang) {
  const check::Catalog& catalog = check::Catalog::Builtin();
  inventory::Inventory devices = inventory::Build(snapshot);
  check::Diagnosis diagnosis = check::Diagnose(snapshot, devices, catalog);
  PrintDiagnosisLog(diagnosis);
  report::Report report{snapshot, devices, diagnosis,
                        catalog,  lang,    &profile::ProfileDb::Builtin()};

  if (!o.quiet) {
    report::TextOptions text{.color = o.format == report::Format::kText && UseColor(o.color)};
    std::cout << report::Render(report, o.format, text) << std::flush;
  }
  bool written = true;
  for (const auto& path : o.outputs) {
    auto format = report::FormatFromPath(path);
    std::string error;
    if (!WriteFileAtomically(
            path, report::Render(report, format.value_or(report::Format::kText), {}), &error)) {
      PrintError(error);
      written = false;
    }
  }
  if (!written) return kExitCannotRun;
  return ExitFor(diagnosis, snapshot, o);
}

// --survey FILE: the rooms go into the snapshot, so that the checks (and
// anyone reading the saved snapshot later) see them.
bool AttachSurvey(const Options& o, model::Snapshot* snapshot) {
  if (o.survey_file.empty()) return true;
  model::Survey survey;
  if (!LoadSurvey(o.survey_file, &survey)) return false;
  snapshot->survey = std::move(survey);
  return true;
}

ExitCode RunCheck(const Options& o) {
  model::Lang lang = ChooseLang(o);
  model::Survey survey;
  if (!o.survey_file.empty() && !LoadSurvey(o.survey_file, &survey)) return kExitCannotRun;
  model::Snapshot snapshot = Scan(o, lang);
  if (!o.survey_file.empty()) snapshot.survey = std::move(survey);
  RedactIfAsked(o, &snapshot);
  if (!o.snapshot_out.empty() && !WriteSnapshot(snapshot, o.snapshot_out)) return kExitCannotRun;
  ReportSkippedProbes(snapshot);
  ExitCode code = DiagnoseAndReport(snapshot, o, lang);
  if (snapshot.host.interrupted)
    PrintNote(snapshot.host.interrupt_reason + "; the report is incomplete");
  return code;
}

ExitCode RunScan(const Options& o) {
  model::Snapshot snapshot = Scan(o, ChooseLang(o));
  RedactIfAsked(o, &snapshot);
  if (o.snapshot_out.empty() || o.snapshot_out == "-") {
    std::cout << model::DumpJson(model::SnapshotToJson(snapshot)) << std::flush;
  } else if (!WriteSnapshot(snapshot, o.snapshot_out)) {
    return kExitCannotRun;
  }
  ReportSkippedProbes(snapshot);
  if (snapshot.host.interrupted) {
    PrintNote(snapshot.host.interrupt_reason + "; the snapshot is incomplete");
    if (g_stop.load()) return kExitInterrupted;
  }
  return kExitClean;
}

}  // namespace

bool LoadSnapshot(const std::string& path, model::Snapshot* snapshot) {
  std::string text, error;
  if (!ReadWholeFile(path, &text, &error)) {
    PrintError(error);
    return false;
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_discarded() && json.is_object() &&
      json.value("schema", "") == report::kReportSchema && json.contains("snapshot")) {
    json = json["snapshot"];
    if (!model::SnapshotFromJson(json, snapshot, &error)) {
      PrintError("'" + path + "' is not a valid netfix report: snapshot" + error);
      return false;
    }
    return true;
  }
  if (!model::ParseSnapshot(text, snapshot, &error)) {
    PrintError("'" + path + "' is not a valid netfix snapshot: " + error,
               "netfix reads the JSON written by 'netfix scan -o FILE' or 'netfix check -o "
               "FILE.json'");
    return false;
  }
  return true;
}

namespace {

ExitCode RunReport(const Options& o) {
  model::Snapshot snapshot;
  if (!LoadSnapshot(o.input, &snapshot) || !AttachSurvey(o, &snapshot)) return kExitCannotRun;
  // --contract: the checks judge the measured speed against it.
  if (o.scan.contract) snapshot.contract = o.scan.contract;
  RedactIfAsked(o, &snapshot);
  return DiagnoseAndReport(snapshot, o, ChooseLang(o));
}

ExitCode RunDevices(const Options& o) {
  model::Lang lang = ChooseLang(o);
  model::Snapshot snapshot;
  if (!o.input.empty()) {
    if (!LoadSnapshot(o.input, &snapshot)) return kExitCannotRun;
  } else {
    // The device list needs no round trips: a second saved per scan.
    Options inventory_only = o;
    inventory_only.scan.latency = false;
    snapshot = Scan(inventory_only, lang);
    ReportSkippedProbes(snapshot);
  }
  RedactIfAsked(o, &snapshot);
  inventory::Inventory devices = inventory::Build(snapshot);
  if (o.format == report::Format::kJson)
    std::cout << report::RenderDevicesJson(devices);
  else
    std::cout << report::RenderDevicesText(devices, lang, {.color = UseColor(o.color)}, o.facts);
  if (snapshot.host.interrupted && g_stop.load()) return kExitInterrupted;
  return kExitClean;
}

ExitCode RunChecks(const Options& o) {
  const check::Catalog& catalog = check::Catalog::Builtin();
  model::Lang lang = ChooseLang(o);
  if (o.catalog_man)
    std::cout << report::CatalogMan(catalog, lang);
  else if (o.format == report::Format::kJson)
    std::cout << report::CatalogJson(catalog, lang);
  else
    std::cout << report::CatalogText(catalog, lang, {.color = UseColor(o.color)});
  return kExitClean;
}

ExitCode RunExplain(const Options& o) {
  const check::Catalog& catalog = check::Catalog::Builtin();
  const check::CheckInfo* info = catalog.Find(o.check_id);
  if (info == nullptr) {
    std::vector<std::string> ids;
    for (const auto& c : catalog.checks()) ids.push_back(c.id);
    std::string suggestion = util::ClosestMatch(o.check_id, ids);
    PrintError("unknown check '" + o.check_id + "'" +
                   (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"),
               "'netfix checks' lists them all");
    return kExitCannotRun;
  }
  std::cout << report::ExplainText(*info, ChooseLang(o), {.color = UseColor(o.color)});
  return kExitClean;
}

}  // namespace

model::Lang ChooseLang(const Options& o) {
  if (o.lang) return *o.lang;
  return model::LangFromLocale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                               std::getenv("LANG"));
}

void PrintError(const std::string& message, const std::string& hint) {
  std::fprintf(stderr, "netfix: error: %s\n", message.c_str());
  if (!hint.empty()) PrintHint(hint);
}

ExitCode Run(const Options& options) {
  SetVerbose(options.verbose);
  switch (options.command) {
    case Command::kCheck: return RunCheck(options);
    case Command::kScan: return RunScan(options);
    case Command::kReport: return RunReport(options);
    case Command::kDevices: return RunDevices(options);
    case Command::kSurvey: return RunSurvey(options);
    case Command::kDiff: return RunDiff(options);
    case Command::kRedact: return RunRedact(options);
    case Command::kSend: return RunSend(options);
    case Command::kChecks: return RunChecks(options);
    case Command::kExplain: return RunExplain(options);
    case Command::kServe: return RunServe(options);
  }
  return kExitCannotRun;
}

}  // namespace netfix::app
