#include "check/runner.h"

#include <algorithm>
#include <set>

#include "check/check.h"

namespace netfix::check {

using model::CheckOutcome;
using model::CheckRun;
using model::Finding;

namespace {

// The reason a check cannot run on this snapshot, or "" when it can.
std::string MissingData(const model::Snapshot& snapshot, const CheckInfo& info) {
  for (const auto& probe_id : info.needs) {
    const model::ProbeRecord* probe = snapshot.FindProbe(probe_id);
    if (probe == nullptr) return "the " + probe_id + " probe did not run";
    if (probe->status != model::ProbeStatus::kOk) {
      std::string why = "the " + probe_id + " probe was " + model::ToString(probe->status);
      if (!probe->reason.empty()) why += ": " + probe->reason;
      return why;
    }
  }
  return "";
}

}  // namespace

CheckRun RunOne(const model::Snapshot& snapshot, const inventory::Inventory& inventory,
                const CheckInfo& info, CheckFn fn, std::vector<Finding>* findings,
                const wifi::Analysis* wifi) {
  CheckRun run;
  run.check = info.id;
  if (std::string missing = MissingData(snapshot, info); !missing.empty()) {
    run.outcome = CheckOutcome::kSkipped;
    run.reason = missing;
    return run;
  }
  CheckContext context(snapshot, inventory, info, wifi);
  FindingSink sink;
  fn(context, sink);
  if (!sink.skip_reason().empty() && sink.findings().empty()) {
    run.outcome = CheckOutcome::kSkipped;
    run.reason = sink.skip_reason();
    return run;
  }
  for (auto& finding : sink.findings()) {
    finding.check = info.id;
    finding.severity = info.severity;
    findings->push_back(std::move(finding));
  }
  run.findings = static_cast<int>(sink.findings().size());
  run.outcome = run.findings > 0 ? CheckOutcome::kFired : CheckOutcome::kPassed;
  return run;
}

Diagnosis Diagnose(const model::Snapshot& snapshot, const inventory::Inventory& inventory,
                   const Catalog& catalog) {
  Diagnosis diagnosis;
  std::vector<Finding> all;
  std::set<std::string> fired;
  // Ten Wi-Fi checks read the same analysis: make it once.
  const wifi::Analysis wifi = wifi::Analyse(snapshot, inventory);
  for (const auto& registered : Registry()) {
    const CheckInfo* info = catalog.Find(registered.id);
    if (info == nullptr) continue;
    CheckRun run = RunOne(snapshot, inventory, *info, registered.run, &all, &wifi);
    if (run.outcome == CheckOutcome::kFired) fired.insert(run.check);
    diagnosis.runs.push_back(std::move(run));
  }
  // Suppression: a dns failure behind an unreachable gateway is a consequence,
  // not a second problem to fix.
  std::set<std::string> suppressed;
  for (auto& run : diagnosis.runs) {
    if (run.outcome != CheckOutcome::kFired) continue;
    for (const auto& by : catalog.Find(run.check)->suppressed_by) {
      if (fired.count(by)) {
        run.outcome = CheckOutcome::kSuppressed;
        run.reason = "explained by " + by;
        suppressed.insert(run.check);
        break;
      }
    }
  }
  for (auto& finding : all) {
    (suppressed.count(finding.check) ? diagnosis.suppressed : diagnosis.findings)
        .push_back(std::move(finding));
  }
  std::stable_sort(diagnosis.findings.begin(), diagnosis.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.severity != b.severity) return a.severity > b.severity;
                     if (a.check != b.check) return a.check < b.check;
                     return a.subject < b.subject;
                   });
  return diagnosis;
}

}  // namespace netfix::check
