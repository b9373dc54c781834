// The profiles in profiles/: they all load, speak both languages, name only
// checks that exist, and the binary embeds exactly these files.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "check/check.h"
#include "profile/embedded.h"
#include "profile/profile.h"
#include "unit/profile/profile_support.h"

using netfix::model::Lang;
using netfix::testing::SourceProfiles;

namespace {

std::set<std::string> RegisteredChecks() {
  std::set<std::string> ids;
  for (const auto& check : netfix::check::Registry()) ids.insert(check.id);
  return ids;
}

// What German texts look like when they were typed without umlauts.
const char* const kTransliterations[] = {"fuer ",   "ueber",   "Geraet",     "geraet",  "oeffnen",
                                         "Oeffnen", "waehlen", "pruefen",    "Pruefen", "zurueck",
                                         "koennen", "muessen", "Schluessel", "Menue"};

}  // namespace

TEST_CASE("every profile in profiles/ loads") {
  const auto& db = SourceProfiles();
  CHECK(db.profiles().size() >= 15);
  for (const auto& p : db.profiles()) {
    INFO(p.path);
    CHECK(p.path == "profiles/" + p.id + ".json");
    CHECK_FALSE(p.product.empty());
    CHECK(p.role != netfix::inventory::Role::kUnknown);
  }
}

TEST_CASE("the profiles the German market needs are there") {
  const auto& db = SourceProfiles();
  for (const char* id : {"avm-fritzbox",
                         "avm-fritzrepeater",
                         "telekom-speedport",
                         "vodafone-station",
                         "tplink-archer",
                         "tplink-deco",
                         "tplink-re",
                         "devolo",
                         "netgear",
                         "asus",
                         "openwrt",
                         "magentatv-receiver",
                         "satip-server",
                         "samsung-tv",
                         "lg-tv",
                         "google-chromecast",
                         "sonos",
                         "apple-tv",
                         "roku",
                         "denon-marantz",
                         "generic-miniupnpd",
                         "generic-minidlna",
                         "generic-gmediarender"}) {
    INFO(id);
    CHECK(db.Find(id) != nullptr);
  }
}

TEST_CASE("every profile speaks English and German, with real umlauts") {
  for (const auto& p : SourceProfiles().profiles()) {
    INFO(p.path);
    CHECK_FALSE(p.fix.empty());
    CHECK_FALSE(p.quirks.empty());
    std::vector<std::string> german;
    for (const auto& q : p.quirks) {
      CHECK(q.In(Lang::kEn) != q.In(Lang::kDe));
      german.push_back(q.In(Lang::kDe));
    }
    for (const auto& [check_id, steps] : p.fix) {
      INFO("fix." << check_id);
      CHECK(steps.In(Lang::kEn).size() == steps.In(Lang::kDe).size());
      for (std::size_t i = 0; i < steps.In(Lang::kEn).size(); ++i) {
        CHECK(steps.In(Lang::kEn)[i] != steps.In(Lang::kDe)[i]);
        german.push_back(steps.In(Lang::kDe)[i]);
      }
    }
    for (const auto& text : german)
      for (const char* t : kTransliterations) {
        INFO(text);
        CHECK(text.find(t) == std::string::npos);
      }
  }
}

TEST_CASE("fix steps are keyed by check ids that exist") {
  std::set<std::string> registered = RegisteredChecks();
  for (const auto& p : SourceProfiles().profiles())
    for (const auto& [check_id, steps] : p.fix) {
      INFO(p.path << ": fix." << check_id << " names no check in src/check/registry.cc");
      CHECK(registered.count(check_id) == 1);
    }
}

TEST_CASE("each kind of device has fix steps for the checks about it") {
  using netfix::inventory::Role;
  for (const auto& p : SourceProfiles().profiles()) {
    INFO(p.path);
    if (p.role == Role::kRouter)
      CHECK((p.Fix("double-nat") || p.Fix("dhcp-multiple-servers") ||
             p.Fix("upnp-port-mappings-open")));
    if (p.role == Role::kRepeater) CHECK(p.Fix("repeater-in-router-mode") != nullptr);
    if (p.role == Role::kReceiver) CHECK(p.Fix("receiver-not-discoverable") != nullptr);
  }
}

TEST_CASE("generic profiles are software, not vendors") {
  for (const auto& p : SourceProfiles().profiles()) {
    INFO(p.path);
    if (p.generic) {
      CHECK(p.vendor.empty());
      CHECK(p.id.rfind("generic-", 0) == 0);
    } else {
      CHECK(p.id.rfind("generic-", 0) != 0);
    }
  }
}

TEST_CASE("profiles/README.md lists every profile") {
  std::string readme =
      netfix::testing::ReadFile(netfix::testing::SourceDir() / "profiles" / "README.md");
  for (const auto& p : SourceProfiles().profiles()) {
    INFO(p.id << " is missing from the table in profiles/README.md");
    CHECK(readme.find("`" + p.id + "`") != std::string::npos);
  }
}

TEST_CASE("the profiles compiled into the binary are the ones in profiles/") {
  auto embedded = netfix::profile::EmbeddedProfiles();
  if (embedded.empty()) {
    WARN("SKIPPED: no embedded profiles (the CMake embedding of profiles/*.json is not wired)");
    return;
  }
  std::set<std::string> built, source;
  for (const auto& file : embedded) built.insert(std::string(file.path));
  for (const auto& [path, text] : netfix::testing::SourceProfileDocs()) source.insert(path);
  CHECK(built == source);
  const auto& builtin = netfix::profile::ProfileDb::Builtin();
  CHECK(builtin.profiles().size() == SourceProfiles().profiles().size());
}
