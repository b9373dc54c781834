// One generic test for every check: each checks/<id>/fires-*.json must make
// the check fire (with the subjects and variant in its "_expect", if given),
// each quiet-*.json must let it pass, each skips-*.json must make it skip with
// a reason. Every finding must carry evidence and render without leftover
// placeholders in both languages.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "check/catalog.h"
#include "check/check.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/snapshot_json.h"
#include "support/files.h"

namespace fs = std::filesystem;
using netfix::check::Catalog;
using netfix::model::CheckOutcome;

namespace {

void VerifyTextsRender(const netfix::check::CheckInfo& info,
                       const netfix::model::Finding& finding) {
  for (auto lang : netfix::model::kAllLangs) {
    for (const char* section : {"found", "why", "customer", "technician", "effect"}) {
      std::string text = netfix::check::FillPlaceholders(
          netfix::check::SectionText(info.Texts(lang), section, finding.variant), finding.params);
      INFO(netfix::model::ToString(lang) << " " << section << ": " << text);
      CHECK(netfix::check::Placeholders(text).empty());
    }
  }
}

}  // namespace

TEST_CASE("check fixtures fire, stay quiet or skip as their names say") {
  const Catalog& catalog = Catalog::Builtin();
  int fixtures = 0;
  for (const auto& registered : netfix::check::Registry()) {
    const auto* info = catalog.Find(registered.id);
    REQUIRE(info != nullptr);
    fs::path dir = netfix::testing::SourceDir() / "checks" / registered.id;
    if (!fs::exists(dir)) continue;  // reported by the catalog test
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".json") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      std::string name = path.filename().string();
      INFO("checks/" << registered.id << "/" << name);
      ++fixtures;
      std::string text = netfix::testing::ReadFile(path);
      netfix::model::Snapshot snapshot;
      std::string error;
      INFO(error);
      REQUIRE(netfix::model::ParseSnapshot(text, &snapshot, &error));
      std::vector<netfix::model::Finding> findings;
      auto inventory = netfix::inventory::Build(snapshot);
      auto run = netfix::check::RunOne(snapshot, inventory, *info, registered.run, &findings);
      INFO("outcome " << netfix::model::ToString(run.outcome) << " " << run.reason);

      if (name.rfind("fires-", 0) == 0) {
        REQUIRE(run.outcome == CheckOutcome::kFired);
        REQUIRE(!findings.empty());
        auto json = nlohmann::json::parse(text);
        if (json.contains("_expect")) {
          std::multiset<std::string> expected, actual;
          for (const auto& s : json["_expect"].value("subjects", nlohmann::json::array()))
            expected.insert(s.get<std::string>());
          for (const auto& f : findings) actual.insert(f.subject);
          CHECK(actual == expected);
          if (json["_expect"].contains("variant"))
            for (const auto& f : findings)
              CHECK(f.variant == json["_expect"]["variant"].get<std::string>());
        }
        for (const auto& f : findings) {
          CHECK(f.check == registered.id);
          CHECK(f.severity == info->severity);
          CHECK(!f.subject.empty());
          CHECK(!f.evidence.empty());
          VerifyTextsRender(*info, f);
        }
      } else if (name.rfind("quiet-", 0) == 0) {
        CHECK(run.outcome == CheckOutcome::kPassed);
        CHECK(findings.empty());
      } else if (name.rfind("skips-", 0) == 0) {
        CHECK(run.outcome == CheckOutcome::kSkipped);
        CHECK(!run.reason.empty());
      } else {
        FAIL("fixture names start with fires-, quiet- or skips-");
      }
    }
  }
  CHECK(fixtures > 0);
}
