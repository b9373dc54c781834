#include "model/finding.h"

namespace netfix::model {

const char* ToString(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}

std::optional<Severity> SeverityFromString(const std::string& text) {
  if (text == "info") return Severity::kInfo;
  if (text == "warning") return Severity::kWarning;
  if (text == "error") return Severity::kError;
  return std::nullopt;
}

const char* ToString(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::kPassed: return "passed";
    case CheckOutcome::kFired: return "fired";
    case CheckOutcome::kSkipped: return "skipped";
    case CheckOutcome::kSuppressed: return "suppressed";
  }
  return "skipped";
}

}  // namespace netfix::model
