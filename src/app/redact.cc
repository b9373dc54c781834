#include "app/redact.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/files.h"
#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/redact.h"
#include "model/snapshot_json.h"
#include "model/wifi_json.h"
#include "profile/profile.h"
#include "report/report.h"

namespace netfix::app {

namespace {

// A report is a pure function of its snapshot: the redacted report is the
// report of the redacted snapshot, so no finding text keeps an old address.
std::string RedactedReport(model::Snapshot snapshot, model::Lang lang) {
  model::Redact(&snapshot);
  const check::Catalog& catalog = check::Catalog::Builtin();
  inventory::Inventory devices = inventory::Build(snapshot);
  check::Diagnosis diagnosis = check::Diagnose(snapshot, devices, catalog);
  report::Report report{snapshot, devices, diagnosis,
                        catalog,  lang,    &profile::ProfileDb::Builtin()};
  return report::RenderJson(report);
}

}  // namespace

bool RedactJsonText(const std::string& path, const std::string& text, model::Lang lang,
                    std::string* out) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::string schema = json.is_object() ? json.value("schema", "") : "";
  std::string error;
  if (schema == report::kReportSchema) {
    model::Snapshot snapshot;
    if (!json.contains("snapshot") ||
        !model::SnapshotFromJson(json["snapshot"], &snapshot, &error)) {
      PrintError("'" + path + "' is not a valid netfix report: snapshot" + error);
      return false;
    }
    // The redacted report keeps the language it was written in.
    if (json.contains("lang") && json["lang"].is_string())
      lang = model::LangFromString(json["lang"].get<std::string>()).value_or(lang);
    *out = RedactedReport(std::move(snapshot), lang);
    return true;
  }
  if (schema == model::kSurveySchema) {
    model::Survey survey;
    if (!model::ParseSurvey(text, &survey, &error)) {
      PrintError("'" + path + "' is not a valid netfix survey: " + error);
      return false;
    }
    model::Redact(&survey);
    *out = model::DumpJson(model::SurveyToJson(survey));
    return true;
  }
  model::Snapshot snapshot;
  if (!model::ParseSnapshot(text, &snapshot, &error)) {
    PrintError("'" + path + "' is not a netfix snapshot, report or survey: " + error,
               "netfix redact reads the JSON written by 'netfix scan', 'netfix check -o FILE.json' "
               "and 'netfix survey'");
    return false;
  }
  model::Redact(&snapshot);
  *out = model::DumpJson(model::SnapshotToJson(snapshot));
  return true;
}

ExitCode RunRedact(const Options& o) {
  std::string text, error, out;
  if (!ReadWholeFile(o.input, &text, &error)) {
    PrintError(error);
    return kExitCannotRun;
  }
  if (!RedactJsonText(o.input, text, ChooseLang(o), &out)) return kExitCannotRun;
  if (o.redact_output.empty() || o.redact_output == "-") {
    std::cout << out << std::flush;
  } else if (!WriteFileAtomically(o.redact_output, out, &error)) {
    PrintError(error);
    return kExitCannotRun;
  }
  return kExitClean;
}

void RedactIfAsked(const Options& o, model::Snapshot* snapshot) {
  if (o.redact) model::Redact(snapshot);
}

void RedactBothIfAsked(const Options& o, model::Snapshot* before, model::Snapshot* after) {
  if (!o.redact) return;
  model::Redactor redactor;
  redactor.Learn(*before);
  redactor.Learn(*after);
  redactor.Apply(before);
  redactor.Apply(after);
}

}  // namespace netfix::app
