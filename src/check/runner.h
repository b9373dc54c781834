// Runs the catalog's checks over a snapshot.
#pragma once

#include <vector>

#include "check/catalog.h"
#include "check/check.h"
#include "model/finding.h"
#include "model/snapshot.h"

namespace netfix::check {

struct Diagnosis {
  /// Findings that stand, worst first (then by check id, then subject).
  std::vector<model::Finding> findings;
  /// Every registered check and what became of it, in id order.
  std::vector<model::CheckRun> runs;
  /// Findings dropped because a more basic problem explains them.
  std::vector<model::Finding> suppressed;
};

/// Runs every registered check that has an entry in `catalog`. A check whose
/// `needs` probes did not run ok is skipped with the reason; a check that
/// fired while a check in its `suppressed-by` list also fired is suppressed.
Diagnosis Diagnose(const model::Snapshot& snapshot, const inventory::Inventory& inventory,
                   const Catalog& catalog);

/// Runs exactly one check (used by the fixture tests), without suppression.
/// `wifi`: the snapshot's Wi-Fi analysis if already made (null: on demand).
model::CheckRun RunOne(const model::Snapshot& snapshot, const inventory::Inventory& inventory,
                       const CheckInfo& info, CheckFn fn, std::vector<model::Finding>* findings,
                       const wifi::Analysis* wifi = nullptr);

}  // namespace netfix::check
