#include <catch2/catch.hpp>

#include "report/report.h"
#include "report/sanitize.h"
#include "unit/report/report_fixture.h"
#include "util/strings.h"

namespace netfix::report {
namespace {

using model::Lang;
using testing::Fixture;
using testing::PositionOf;

// Content checks render wide, so that they do not depend on where lines wrap;
// the wrapping has its own test below.
std::string Wide(const Report& report) {
  return RenderText(report, {false, 1000});
}

TEST_CASE("text: verdict, fixes, devices, measurements, appendix in that order", "[report][text]") {
  Fixture f;
  std::string en = Wide(f.report(Lang::kEn));
  size_t verdict = PositionOf(en, "Verdict\n───────");
  size_t headline = PositionOf(en, "✖ 2 problems found: 1 error, 1 warning.");
  size_t internet = PositionOf(en, "  ✖ Internet: problem (1 error, 1 warning)\n");
  size_t home = PositionOf(en, "  ▲ Home network: could be better (1 warning)\n");
  size_t tv = PositionOf(en, "  ○ TV & streaming: not checked\n");
  size_t first_fix =
      PositionOf(en, "Fix this first: The router does not answer name lookups (DNS)");
  size_t fixes = PositionOf(en, "\nWhat to fix\n");
  size_t dns = PositionOf(en, "1. [Error] The router does not answer name lookups (DNS)");
  size_t conflict = PositionOf(en, "2. [Warning] Two devices use the same IP address");
  size_t follow_on = PositionOf(en, "\nFollow-on problems\n");
  size_t network = PositionOf(en, "\nYour network\n");
  size_t devices = PositionOf(en, "\nDevices on the network\n");
  size_t router = PositionOf(en, "\n  Router\n");
  size_t others = PositionOf(en, "\n  Other devices\n");
  size_t measurements = PositionOf(en, "\nMeasurements\n");
  size_t duration = PositionOf(en, "  Duration of the scan  12.3 s\n");
  size_t appendix = PositionOf(en, "\nAppendix\n────────\n");
  size_t checks = PositionOf(en, "\n  Checks\n");
  size_t probes = PositionOf(en, "\n  Probe log\n");
  size_t notes = PositionOf(en, "\nNotes\n─────");
  CHECK(verdict < headline);
  CHECK(headline < first_fix);
  CHECK(first_fix < internet);
  CHECK(internet < home);
  CHECK(home < tv);
  CHECK(tv < fixes);
  CHECK(fixes < dns);
  CHECK(dns < conflict);
  CHECK(conflict < follow_on);
  CHECK(follow_on < network);
  CHECK(network < devices);
  CHECK(devices < router);
  CHECK(router < others);
  CHECK(others < measurements);
  CHECK(measurements < duration);
  CHECK(duration < appendix);
  CHECK(appendix < checks);
  CHECK(checks < probes);
  CHECK(probes < notes);
}

TEST_CASE("text: every part of a finding is there", "[report][text]") {
  Fixture f;
  std::string en = Wide(f.report(Lang::kEn));
  for (const char* part :
       {"Affects: 192.168.178.1 · Check: dns-failing", "Why it matters", "Evidence",
        "resolver 192.168.178.1: example.com A: timeout after 2000 ms [dns]", "What you can do",
        "1. Restart the router", "2. Run netfix again.", "3. If the problem remains",
        "For the technician", "`dig @192.168.178.1 example.com`",
        "Expected effect\n     Websites and apps load again; 192.168.178.1 answers within a "
        "second.",
        "Could not be checked:", "The router does not answer (gateway-unreachable): The ping",
        "[Warning] Name lookups are slow (192.168.178.1) – Caused by: The router does not"}) {
    PositionOf(en, part);
  }
}

TEST_CASE("text: German report uses the German strings", "[report][text]") {
  Fixture f;
  std::string de = Wide(f.report(Lang::kDe));
  for (const char* part : {"Netzwerkprüfung · wohnzimmer-pc · 24.11.2025, 19:30 UTC",
                           "Ergebnis\n────────",
                           "2 Probleme gefunden: 1 Fehler, 1 Warnung.",
                           "Zuerst beheben:",
                           "Was zu tun ist",
                           "1. [Fehler] Der Router beantwortet keine Namensanfragen (DNS)",
                           "2. [Warnung] Zwei Geräte verwenden dieselbe IP-Adresse",
                           "Warum das wichtig ist",
                           "Belege",
                           "Was Sie tun können",
                           "Für Techniker",
                           "Konnte nicht geprüft werden:",
                           "Die Messung „ping“ wurde übersprungen",
                           "Folgeprobleme",
                           "Ihr Netzwerk",
                           "Router (Standard-Gateway)",
                           "Geräte im Netzwerk",
                           "IP-Adresse",
                           "MAC-Adresse",
                           "Gerät",
                           "Protokoll der Messungen",
                           "übersprungen",
                           "– Tipp: run netfix with sudo",
                           "Müller Netzwerktechnik GmbH",
                           "Erstellt mit netfix"}) {
    PositionOf(de, part);
  }
  for (const char* english : {"Verdict", "What to fix", "Why it matters", "Devices on the network"})
    CHECK(de.find(english) == std::string::npos);
}

TEST_CASE("text: device strings cannot reach the terminal raw", "[report][text]") {
  Fixture f;
  f.diagnosis.findings[1].evidence[0].value = testing::kHostileVendor;
  for (int width : {80, 1000}) {
    for (bool color : {false, true}) {
      std::string out = RenderText(f.report(Lang::kEn), {color, width});
      CHECK(out.find("Evil\x1b[31mCorp") == std::string::npos);
      CHECK(out.find("Evil\\x1b[31mCorp") != std::string::npos);
      CHECK(out.find("\\xff") != std::string::npos);
      CHECK(out.find('\xff') == std::string::npos);
    }
  }
}

TEST_CASE("text: no color codes unless asked for", "[report][text]") {
  Fixture f;
  std::string plain = RenderText(f.report(Lang::kDe), {false, 80});
  CHECK(plain.find('\x1b') == std::string::npos);
  std::string color = RenderText(f.report(Lang::kDe), {true, 80});
  CHECK(color.find("\x1b[1;31m[Fehler]\x1b[0m") != std::string::npos);
  CHECK(color.find("\x1b[1mErgebnis\x1b[0m") != std::string::npos);
}

TEST_CASE("text: lines fit the width, except single unbreakable words", "[report][text]") {
  Fixture f;
  f.snapshot.devices[0].vendor = "AVM Audiovisuelles Marketing und Computersysteme GmbH Berlin";
  for (int width : {80, 60}) {
    for (Lang lang : model::kAllLangs) {
      for (bool color : {false, true}) {
        std::string out = RenderText(f.report(lang), {color, width});
        for (const std::string& line : util::SplitLines(out)) {
          if (DisplayWidth(line) <= width) continue;
          // Allowed only when the line is one word after its indentation.
          std::string word = util::Trim(line);
          INFO("width " << width << ": " << line);
          CHECK(word.find(' ') == std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("text: a clean network gets a calm short verdict", "[report][text]") {
  Fixture f = testing::CleanFixture();
  std::string de = Wide(f.report(Lang::kDe));
  PositionOf(de, "✔ Keine Probleme gefunden.");
  CHECK(de.find("Was zu tun ist") == std::string::npos);
  CHECK(de.find("Zuerst beheben") == std::string::npos);
  CHECK(de.find("Konnte nicht geprüft werden") == std::string::npos);
}

TEST_CASE("text: an interrupted scan says so up front", "[report][text]") {
  Fixture f;
  f.snapshot.host.interrupted = true;
  f.snapshot.host.interrupt_reason = "interrupted by user";
  std::string de = Wide(f.report(Lang::kDe));
  size_t interrupted = PositionOf(
      de, "! Prüfung abgebrochen: Die Ergebnisse sind unvollständig. (interrupted by user)");
  CHECK(interrupted < PositionOf(de, "Was zu tun ist"));
}

}  // namespace
}  // namespace netfix::report
