// The fix order (impact) and the traffic lights on a realistic home: the
// lab's healthy snapshot with a room-by-room Wi-Fi survey from the sample
// home (tests/data/wifi/home), run through the real catalog and checks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/snapshot_json.h"
#include "report/report.h"
#include "report/view.h"
#include "support/files.h"
#include "unit/report/report_fixture.h"
#include "wire/wifi_import.h"

namespace netfix::report {
namespace {

using model::Lang;
using model::Severity;
using netfix::testing::ReadFile;
using netfix::testing::SourceDir;

model::WifiScan Scan(const std::string& file) {
  auto result = wire::ParseWifiText(ReadFile(SourceDir() / "tests/data/wifi/home" / file),
                                    wire::WifiTextFormat::kIw);
  INFO(file << ": " << result.error);
  REQUIRE(result.ok);
  return result.scan;
}

// As `netfix survey` builds it (see tests/cli/cli_test.sh).
model::Snapshot SurveyedHome() {
  model::Snapshot snapshot;
  std::string error;
  INFO(error);
  REQUIRE(model::ParseSnapshot(ReadFile(SourceDir() / "tests/data/snapshots/lab-healthy.json"),
                               &snapshot, &error));
  model::Survey survey;
  survey.rooms.push_back({"Wohnzimmer", "router", {Scan("wohnzimmer.iw.txt")}});
  survey.rooms.push_back({"Küche", "", {Scan("kueche-1.iw.txt"), Scan("kueche-2.iw.txt")}});
  survey.rooms.push_back({"Schlafzimmer", "", {Scan("schlafzimmer.iw.txt")}});
  survey.rooms.push_back({"Büro", "", {Scan("buero.iw.txt")}});
  snapshot.survey = std::move(survey);
  return snapshot;
}

struct Home {
  model::Snapshot snapshot = SurveyedHome();
  inventory::Inventory inventory = inventory::Build(snapshot);
  check::Diagnosis diagnosis = check::Diagnose(snapshot, inventory, check::Catalog::Builtin());
  ReportView View(Lang lang) const {
    return BuildView({snapshot, inventory, diagnosis, check::Catalog::Builtin(), lang});
  }
};

std::vector<std::string> Order(const std::vector<FindingView>& findings) {
  std::vector<std::string> order;
  for (const auto& f : findings)
    order.push_back(f.check + (f.params.count("room") ? " @" + f.params.at("room") : ""));
  return order;
}

TEST_CASE("fixes are ordered by impact on a surveyed home", "[report][view][impact]") {
  Home home;
  ReportView view = home.View(Lang::kEn);
  INFO("order: " << ::Catch::Detail::stringify(Order(view.findings)));
  REQUIRE(view.findings.size() >= 3);

  // Severity first, then the area (internet, network, wifi, tv, devices),
  // then breadth: a whole-home problem before a room, more rooms first.
  const std::vector<std::string> areas = {"internet", "network", "wifi", "tv", "devices"};
  auto weight = [&](const std::string& area) {
    return std::find(areas.begin(), areas.end(), area) - areas.begin();
  };
  for (size_t i = 1; i < view.findings.size(); ++i) {
    const FindingView& a = view.findings[i - 1];
    const FindingView& b = view.findings[i];
    INFO(a.check << " before " << b.check);
    REQUIRE(a.severity >= b.severity);
    if (a.severity == b.severity) {
      REQUIRE(weight(a.area) <= weight(b.area));
      if (a.area == b.area) CHECK(a.reach >= b.reach);
    }
  }
  // The same home, the same order: the order is part of the report.
  CHECK(Order(home.View(Lang::kDe).findings) == Order(view.findings));
  CHECK(view.verdict.first == 0);
}

TEST_CASE("the survey's weak rooms come after whole-home Wi-Fi problems",
          "[report][view][impact]") {
  Home home;
  ReportView view = home.View(Lang::kEn);
  INFO("order: " << ::Catch::Detail::stringify(Order(view.findings)));
  int last_whole_home = -1, first_room = -1;
  for (size_t i = 0; i < view.findings.size(); ++i) {
    const FindingView& f = view.findings[i];
    if (f.severity != Severity::kWarning || f.area != "wifi") continue;
    if (f.reach == FindingView::kWholeHome) last_whole_home = static_cast<int>(i);
    if (f.params.count("room") && first_room < 0) first_room = static_cast<int>(i);
  }
  REQUIRE(first_room >= 0);  // the sample home has weak rooms
  if (last_whole_home >= 0) CHECK(last_whole_home < first_room);
  for (const auto& f : view.findings) {
    INFO(f.check);
    CHECK_FALSE(f.effect.empty());  // every fix says what gets better
  }
}

TEST_CASE("the order: severity, area, breadth, then id and subject", "[report][view][impact]") {
  // reach: rooms or devices the check fired for; 0 stands for the whole home.
  auto finding = [](std::string check, Severity severity, std::string area, std::string subject,
                    int reach) {
    FindingView f;
    f.check = std::move(check);
    f.severity = severity;
    f.area = std::move(area);
    f.subject = std::move(subject);
    f.reach = reach == 0 ? FindingView::kWholeHome : reach;
    return f;
  };
  std::vector<FindingView> findings = {
      finding("receiver-not-discoverable", Severity::kWarning, "tv", "192.168.178.30", 1),
      finding("wifi-weak-signal", Severity::kWarning, "wifi", "Büro", 2),
      finding("ip-address-conflict", Severity::kError, "devices", "192.168.178.50", 1),
      finding("wifi-weak-signal", Severity::kWarning, "wifi", "Bad", 2),
      finding("wifi-no-5ghz-coverage", Severity::kWarning, "wifi", "Keller", 1),
      finding("wifi-channel-congested", Severity::kWarning, "wifi", "aa:bb", 0),
      finding("ipv6-missing", Severity::kInfo, "internet", "eth0", 0),
      finding("dns-slow", Severity::kWarning, "internet", "192.168.178.1", 0),
      finding("dns-failing", Severity::kError, "internet", "192.168.178.1", 0),
      finding("upnp-port-mappings-open", Severity::kWarning, "devices", "192.168.178.1", 1),
  };
  OrderByImpact(&findings);
  std::vector<std::string> order;
  for (const auto& f : findings) order.push_back(f.check + " " + f.subject);
  CHECK(order == std::vector<std::string>{
                     "dns-failing 192.168.178.1",                 // error, internet
                     "ip-address-conflict 192.168.178.50",        // error, devices
                     "dns-slow 192.168.178.1",                    // warning, internet
                     "wifi-channel-congested aa:bb",              // warning, Wi-Fi, whole home
                     "wifi-weak-signal Bad",                      // warning, Wi-Fi, 2 rooms
                     "wifi-weak-signal Büro",                     //
                     "wifi-no-5ghz-coverage Keller",              // warning, Wi-Fi, 1 room
                     "receiver-not-discoverable 192.168.178.30",  // warning, TV
                     "upnp-port-mappings-open 192.168.178.1",     // warning, devices
                     "ipv6-missing eth0",                         // note
                 });
}

TEST_CASE("a traffic light per area", "[report][view][verdict]") {
  testing::Fixture f;  // dns-failing (error, internet), ip-address-conflict (warning, network)
  ReportView view = BuildView(f.report(Lang::kEn));
  REQUIRE(view.verdict.areas.size() == 5);
  std::vector<std::string> ids;
  for (const auto& a : view.verdict.areas) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"internet", "network", "wifi", "devices", "tv"});
  CHECK(view.verdict.areas[0].light == Light::kRed);
  CHECK(view.verdict.areas[0].label == "Internet");
  CHECK(view.verdict.areas[0].status == "problem");
  CHECK(view.verdict.areas[1].light == Light::kYellow);
  CHECK(view.verdict.areas[1].label == "Home network");
  CHECK(view.verdict.areas[2].light == Light::kGrey);  // no Wi-Fi check in this catalog
  CHECK(std::string(LightId(Light::kGrey)) == "not-checked");

  ReportView de = BuildView(f.report(Lang::kDe));
  CHECK(de.verdict.areas[1].label == "Heimnetz");
  CHECK(de.verdict.areas[1].status == "verbesserungswürdig");
  CHECK(de.verdict.areas[2].status == "nicht geprüft");

  SECTION("a clean scan is green where checks ran") {
    testing::Fixture clean = testing::CleanFixture();
    ReportView ok = BuildView(clean.report(Lang::kEn));
    CHECK(ok.verdict.areas[0].light == Light::kGreen);
    CHECK(ok.verdict.areas[0].status == "ok");
    CHECK(ok.verdict.areas[1].light == Light::kGreen);
    CHECK(ok.verdict.areas[4].light == Light::kGrey);
  }
  SECTION("a follow-on problem still colours its area") {
    f.diagnosis.suppressed = f.diagnosis.findings;
    f.diagnosis.findings.clear();
    ReportView follow = BuildView(f.report(Lang::kEn));
    CHECK(follow.verdict.areas[0].light == Light::kRed);
  }
  SECTION("all checks of an area skipped: grey") {
    for (auto& run : f.diagnosis.runs) run.outcome = model::CheckOutcome::kSkipped;
    f.diagnosis.findings.clear();
    f.diagnosis.suppressed.clear();
    ReportView skipped = BuildView(f.report(Lang::kEn));
    for (const auto& a : skipped.verdict.areas) CHECK(a.light == Light::kGrey);
  }
}

TEST_CASE("the healthy home's areas are green or not checked", "[report][view][verdict]") {
  Home home;
  home.snapshot.survey.reset();
  home.diagnosis = check::Diagnose(home.snapshot, home.inventory, check::Catalog::Builtin());
  ReportView view = home.View(Lang::kEn);
  CHECK(view.verdict.ok);
  for (const auto& a : view.verdict.areas) {
    INFO(a.id);
    CHECK((a.light == Light::kGreen || a.light == Light::kGrey));
  }
}

}  // namespace
}  // namespace netfix::report
