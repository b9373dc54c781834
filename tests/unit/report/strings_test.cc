#include "report/strings.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "check/catalog.h"
#include "report/sanitize.h"

namespace netfix::report {
namespace {

using model::Lang;

bool IsValidUtf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    char32_t c;
    int length = DecodeUtf8(text, i, &c);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

TEST_CASE("every report string exists in English and German", "[report][strings]") {
  // Words that are the same in both languages on purpose.
  const std::set<Str> same = {Str::kStatusOk,         Str::kColStatus,    Str::kColDetails,
                              Str::kExplainParameter, Str::kAreaInternet, Str::kDeviceGroupRouter,
                              Str::kColMedian,        Str::kColJitter,    Str::kColDownload,
                              Str::kColUpload,        Str::kColRpm,       Str::kColGrade,
                              Str::kLegInternet};
  for (int i = 0; i < kStrCount; ++i) {
    Str key = static_cast<Str>(i);
    std::string en = Text(key, Lang::kEn);
    std::string de = Text(key, Lang::kDe);
    INFO("key #" << i << ": en='" << en << "' de='" << de << "'");
    CHECK_FALSE(en.empty());
    CHECK_FALSE(de.empty());
    CHECK(IsValidUtf8(de));
    if (same.count(key))
      CHECK(en == de);
    else
      CHECK(en != de);
    // Placeholders must match, or a translation would drop a value.
    CHECK(check::Placeholders(en) == check::Placeholders(de));
  }
}

TEST_CASE("German strings use umlauts and the usual technical terms", "[report][strings]") {
  CHECK(std::string(Text(Str::kDevices, Lang::kDe)) == "Geräte im Netzwerk");
  CHECK(std::string(Text(Str::kForTechnician, Lang::kDe)) == "Für Techniker");
  CHECK(std::string(Text(Str::kNetGateway, Lang::kDe)) == "Router (Standard-Gateway)");
  CHECK(std::string(Text(Str::kColMacAddress, Lang::kDe)) == "MAC-Adresse");
  CHECK(std::string(Text(Str::kKindWifi, Lang::kDe)) == "WLAN");
  CHECK(std::string(Text(Str::kStatusSkipped, Lang::kDe)) == "übersprungen");
}

TEST_CASE("counts use the right plural in both languages", "[report][strings]") {
  using model::Severity;
  CHECK(SeverityCount(Severity::kError, 1, Lang::kEn) == "1 error");
  CHECK(SeverityCount(Severity::kError, 2, Lang::kEn) == "2 errors");
  CHECK(SeverityCount(Severity::kError, 1, Lang::kDe) == "1 Fehler");
  CHECK(SeverityCount(Severity::kError, 3, Lang::kDe) == "3 Fehler");
  CHECK(SeverityCount(Severity::kWarning, 1, Lang::kDe) == "1 Warnung");
  CHECK(SeverityCount(Severity::kWarning, 2, Lang::kDe) == "2 Warnungen");
  CHECK(SeverityCount(Severity::kInfo, 1, Lang::kDe) == "1 Hinweis");
  CHECK(SeverityCount(Severity::kInfo, 4, Lang::kDe) == "4 Hinweise");
  CHECK(CountText(1, Str::kProblemsOne, Str::kProblemsMany, Lang::kDe) == "1 Problem gefunden");
  CHECK(CountText(5, Str::kProblemsOne, Str::kProblemsMany, Lang::kDe) == "5 Probleme gefunden");
}

TEST_CASE("labels for severities, probe status and check outcomes", "[report][strings]") {
  CHECK(std::string(SeverityLabel(model::Severity::kWarning, Lang::kDe)) == "Warnung");
  CHECK(std::string(StatusLabel(model::ProbeStatus::kFailed, Lang::kDe)) == "fehlgeschlagen");
  CHECK(std::string(StatusLabel(model::ProbeStatus::kSkipped, Lang::kEn)) == "skipped");
  CHECK(std::string(OutcomeLabel(model::CheckOutcome::kSkipped, Lang::kDe)) == "nicht geprüft");
}

TEST_CASE("numbers, durations and times follow the language", "[report][strings]") {
  CHECK(FormatDecimal(12.34, 1, Lang::kEn) == "12.3");
  CHECK(FormatDecimal(12.34, 1, Lang::kDe) == "12,3");
  CHECK(FormatDuration(850.4, Lang::kEn) == "850 ms");
  CHECK(FormatDuration(12345, Lang::kDe) == "12,3 s");
  CHECK(FormatDuration(-5, Lang::kEn) == "0 ms");
  CHECK(FormatTimestamp("2025-11-24T19:30:05Z", Lang::kEn) == "2025-11-24 19:30 UTC");
  CHECK(FormatTimestamp("2025-11-24T19:30:05.123Z", Lang::kDe) == "24.11.2025, 19:30 UTC");
  CHECK(FormatTimestamp("2025-11-24T19:30:05+01:00", Lang::kDe) == "24.11.2025, 19:30 UTC+01:00");
  CHECK(FormatTimestamp("2025-11-24T19:30:05", Lang::kEn) == "2025-11-24 19:30");
  CHECK(FormatTimestamp("yesterday", Lang::kEn) == "yesterday");
}

}  // namespace
}  // namespace netfix::report
