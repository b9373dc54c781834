// The catalog's integrity: folders <-> registry, texts in both languages,
// fixtures present, references to other checks and probes valid.
#include "check/catalog.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "check/check.h"
#include "check/embedded.h"
#include "model/snapshot.h"
#include "support/files.h"

namespace fs = std::filesystem;
using netfix::check::Catalog;
using netfix::check::CheckInfo;
using netfix::testing::ReadFile;
using netfix::testing::SourceDir;

namespace {

std::set<std::string> CheckFolders() {
  std::set<std::string> ids;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "checks"))
    if (entry.is_directory()) ids.insert(entry.path().filename().string());
  return ids;
}

Catalog SourceCatalog() {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& id : CheckFolders()) {
    fs::path doc = SourceDir() / "checks" / id / "check.md";
    if (fs::exists(doc)) docs.emplace_back(doc.string(), ReadFile(doc));
  }
  Catalog catalog;
  std::string error;
  INFO(error);
  REQUIRE(Catalog::FromDocs(docs, &catalog, &error));
  return catalog;
}

}  // namespace

TEST_CASE("every check folder is registered and every registered check has a folder") {
  std::set<std::string> folders = CheckFolders();
  std::set<std::string> registered;
  for (const auto& r : netfix::check::Registry()) registered.insert(r.id);
  for (const auto& id : folders) {
    INFO("checks/" << id << "/ has no line in src/check/registry.cc");
    CHECK(registered.count(id) == 1);
  }
  for (const auto& id : registered) {
    INFO("registered check '" << id << "' has no checks/" << id << "/ folder");
    CHECK(folders.count(id) == 1);
  }
  auto& registry = netfix::check::Registry();
  CHECK(std::is_sorted(registry.begin(), registry.end(),
                       [](const auto& a, const auto& b) { return std::string(a.id) < b.id; }));
}

TEST_CASE("every check folder has check.md, check.cc and fixtures that fire and stay quiet") {
  for (const auto& id : CheckFolders()) {
    fs::path dir = SourceDir() / "checks" / id;
    INFO("checks/" << id);
    CHECK(fs::exists(dir / "check.md"));
    CHECK(fs::exists(dir / "check.cc"));
    int fires = 0, quiet = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("fires-", 0) == 0) ++fires;
      if (name.rfind("quiet-", 0) == 0) ++quiet;
    }
    CHECK(fires >= 1);
    CHECK(quiet >= 1);
  }
}

TEST_CASE("check.md metadata is complete and its id matches the folder") {
  Catalog catalog = SourceCatalog();
  const auto& probes = netfix::model::KnownProbeIds();
  CHECK(catalog.checks().size() == CheckFolders().size());
  for (const CheckInfo& info : catalog.checks()) {
    INFO("check " << info.id);
    CHECK(CheckFolders().count(info.id) == 1);
    CHECK(!info.area.empty());
    for (const auto& probe : info.needs) {
      INFO("needs unknown probe " << probe);
      CHECK(std::find(probes.begin(), probes.end(), probe) != probes.end());
    }
    for (const auto& other : info.suppressed_by) {
      INFO("suppressed-by names unknown check " << other);
      CHECK(catalog.Find(other) != nullptr);
      CHECK(other != info.id);
    }
  }
}

TEST_CASE("every check has every text in English and German, with the same variants") {
  Catalog catalog = SourceCatalog();
  for (const CheckInfo& info : catalog.checks()) {
    for (auto lang : netfix::model::kAllLangs) {
      const auto& t = info.Texts(lang);
      INFO("check " << info.id << ", language " << netfix::model::ToString(lang));
      for (const char* section : netfix::check::kTextSections) {
        INFO("section " << section << " is missing or empty");
        CHECK(!netfix::check::SectionText(t, section, "").empty());
      }
      CHECK(!t.effect.empty());  // the report promises an expected effect for every fix
      CHECK(t.title.find('{') == std::string::npos);  // titles are listed without a finding
      for (const auto& [key, text] : t.variants) {
        INFO("variant section " << key);
        CHECK(!text.empty());
      }
    }
    std::set<std::string> en, de;
    for (const auto& [key, text] : info.Texts(netfix::model::Lang::kEn).variants) en.insert(key);
    for (const auto& [key, text] : info.Texts(netfix::model::Lang::kDe).variants) de.insert(key);
    for (const auto& key : en) {
      INFO("check " << info.id << ": section " << key << " is in English but not in German");
      CHECK(de.count(key) == 1);
    }
    for (const auto& key : de) {
      INFO("check " << info.id << ": section " << key << " is in German but not in English");
      CHECK(en.count(key) == 1);
    }
  }
}

TEST_CASE("the catalog compiled into the binary is the one in checks/") {
  Catalog source = SourceCatalog();
  const Catalog& builtin = Catalog::Builtin();
  REQUIRE(builtin.checks().size() == source.checks().size());
  for (size_t i = 0; i < source.checks().size(); ++i) {
    const auto& a = source.checks()[i];
    const auto& b = builtin.checks()[i];
    CHECK(a.id == b.id);
    CHECK(a.Texts(netfix::model::Lang::kDe).found == b.Texts(netfix::model::Lang::kDe).found);
    CHECK(a.Texts(netfix::model::Lang::kDe).effect == b.Texts(netfix::model::Lang::kDe).effect);
  }
}
