#include "app/diff.h"

#include <iostream>

#include "app/app.h"
#include "app/files.h"
#include "app/redact.h"
#include "app/terminal.h"
#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "report/diff.h"

namespace netfix::app {

namespace {

// snapshot -> inventory -> findings, as `netfix report` does it.
struct Diagnosed {
  model::Snapshot snapshot;
  inventory::Inventory inventory;
  check::Diagnosis diagnosis;

  report::DiffSide side() const { return {snapshot, inventory, diagnosis}; }
};

void Diagnose(const check::Catalog& catalog, Diagnosed* out) {
  out->inventory = inventory::Build(out->snapshot);
  out->diagnosis = check::Diagnose(out->snapshot, out->inventory, catalog);
}

}  // namespace

ExitCode RunDiff(const Options& o) {
  if (o.diff_before == "-" && o.diff_after == "-") {
    PrintError("only one of BEFORE and AFTER can be read from stdin ('-')");
    return kExitCannotRun;
  }
  const check::Catalog& catalog = check::Catalog::Builtin();
  Diagnosed before, after;
  if (!LoadSnapshot(o.diff_before, &before.snapshot) ||
      !LoadSnapshot(o.diff_after, &after.snapshot))
    return kExitCannotRun;
  RedactBothIfAsked(o, &before.snapshot, &after.snapshot);
  Diagnose(catalog, &before);
  Diagnose(catalog, &after);
  report::DiffView view = report::BuildDiff(
      {before.side(), after.side(), catalog, ChooseLang(o), o.fail_on, report::DiffThresholds{}});

  if (!o.quiet) {
    report::TextOptions text{.color = o.format == report::Format::kText && UseColor(o.color)};
    std::cout << report::RenderDiff(view, o.format, text) << std::flush;
  }
  bool written = true;
  for (const auto& path : o.outputs) {
    auto format = report::FormatFromPath(path).value_or(report::Format::kText);
    std::string error;
    if (!WriteFileAtomically(path, report::RenderDiff(view, format, {}), &error)) {
      PrintError(error);
      written = false;
    }
  }
  if (!written) return kExitCannotRun;
  return view.worse() ? kExitProblems : kExitClean;
}

}  // namespace netfix::app
