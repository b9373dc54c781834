// What a check's logic sees and how it reports.
//
// A check is a pure function of the snapshot: it reads, it never touches the
// network, and it knows nothing about languages (texts live in check.md and
// are filled from the finding's params by the renderers).
#pragma once

#include <string>
#include <vector>

#include "check/catalog.h"
#include "inventory/inventory.h"
#include "model/finding.h"
#include "model/snapshot.h"

namespace netfix::check {

class CheckContext {
 public:
  CheckContext(const model::Snapshot& snapshot, const inventory::Inventory& inventory,
               const CheckInfo& info)
      : snapshot_(snapshot), inventory_(inventory), info_(info) {}

  const model::Snapshot& snapshot() const { return snapshot_; }
  /// The devices, merged from the snapshot, with roles and profiles.
  const inventory::Inventory& inventory() const { return inventory_; }
  /// Whether probe `id` ran and ended ok.
  bool ProbeOk(const std::string& id) const;
  const CheckInfo& info() const { return info_; }
  /// A tunable threshold from check.md ("param.slow-ms: 300"). Asking for a
  /// parameter the check.md does not define is a programming error that the
  /// catalog test catches; it returns 0 here.
  double Param(const std::string& name) const;

 private:
  const model::Snapshot& snapshot_;
  const inventory::Inventory& inventory_;
  const CheckInfo& info_;
};

/// Collects the findings of one check run.
class FindingSink {
 public:
  /// Starts a finding about `subject`; fill params and evidence on the result.
  model::Finding& Add(std::string subject);
  /// The check cannot judge this snapshot (for example, the data it reads is
  /// empty); the report says "skipped, because <reason>".
  void Skip(std::string reason) { skip_reason_ = std::move(reason); }

  std::vector<model::Finding>& findings() { return findings_; }
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  std::vector<model::Finding> findings_;
  std::string skip_reason_;
};

using CheckFn = void (*)(const CheckContext&, FindingSink&);

struct RegisteredCheck {
  const char* id;
  CheckFn run;
};

/// THE list of checks: one line per checks/<id>/ folder (see registry.cc).
const std::vector<RegisteredCheck>& Registry();

}  // namespace netfix::check
