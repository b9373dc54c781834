// What a check's logic sees and how it reports.
//
// A check is a pure function of the snapshot: it reads, it never touches the
// network, and it knows nothing about languages (texts live in check.md and
// are filled from the finding's params by the renderers).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/catalog.h"
#include "inventory/inventory.h"
#include "model/finding.h"
#include "model/snapshot.h"
#include "wifi/analysis.h"

namespace netfix::check {

class CheckContext {
 public:
  /// `wifi`: the snapshot's Wi-Fi analysis when the caller has it already
  /// (Diagnose computes it once for all checks); null: computed on first use.
  CheckContext(const model::Snapshot& snapshot, const inventory::Inventory& inventory,
               const CheckInfo& info, const wifi::Analysis* wifi = nullptr)
      : snapshot_(snapshot), inventory_(inventory), info_(info), wifi_(wifi) {}

  const model::Snapshot& snapshot() const { return snapshot_; }
  /// The devices, merged from the snapshot, with roles and profiles.
  const inventory::Inventory& inventory() const { return inventory_; }
  /// The home's Wi-Fi as wifi::Analyse sees this snapshot and inventory.
  const wifi::Analysis& wifi() const;
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
  const wifi::Analysis* wifi_;
  mutable std::optional<wifi::Analysis> own_wifi_;
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
