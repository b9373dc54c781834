// Findings: what a check concluded from a snapshot, with the evidence.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace netfix::model {

/// Ordered: a higher value is worse.
enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

const char* ToString(Severity severity);
std::optional<Severity> SeverityFromString(const std::string& text);

/// One observed value a finding rests on: which probe saw what. Evidence is
/// written in language-neutral technical notation, the way `ip` or `dig`
/// print it (addresses, numbers, units, protocol words such as REFUSED), so
/// that it reads the same in a German and an English report.
struct Evidence {
  std::string probe;  ///< probe id, e.g. "dns"
  std::string what;   ///< what was measured, e.g. "192.168.178.1 A example.com"
  std::string value;  ///< the observation, e.g. "timeout 2000 ms"
};

struct Finding {
  std::string check;                       ///< check id (stamped by the runner)
  Severity severity = Severity::kWarning;  ///< from the catalog (stamped by the runner)
  std::string subject;                     ///< what it is about: an address, an interface ...
  /// Which variant of the check's texts applies ("" = the plain texts).
  std::string variant;
  /// The inventory key (MAC, or "ip:<address>") of the device the finding is
  /// about, if it is about one: the report adds that device's own fix steps
  /// when a profile knows them.
  std::string device;
  /// Values for the placeholders in the check's texts ("{resolver}").
  std::map<std::string, std::string> params;
  std::vector<Evidence> evidence;
};

/// How a check fared on one snapshot.
enum class CheckOutcome {
  kPassed,      ///< ran, nothing found
  kFired,       ///< ran, produced findings
  kSkipped,     ///< the data it needs is missing (a probe did not run)
  kSuppressed,  ///< fired, but a more basic problem explains it
};

const char* ToString(CheckOutcome outcome);

struct CheckRun {
  std::string check;
  CheckOutcome outcome = CheckOutcome::kPassed;
  std::string reason;  ///< for skipped/suppressed
  int findings = 0;
};

}  // namespace netfix::model
