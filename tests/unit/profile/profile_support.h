// Helpers for the profile tests: the profiles from the source tree, and
// devices built by hand from facts.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "inventory/inventory.h"
#include "profile/profile.h"
#include "support/files.h"

namespace netfix::testing {

/// profiles/*.json from the source tree, as ("profiles/<name>.json", text).
inline std::vector<std::pair<std::string, std::string>> SourceProfileDocs() {
  std::vector<std::pair<std::string, std::string>> docs;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() / "profiles"))
    if (entry.path().extension() == ".json")
      docs.emplace_back("profiles/" + entry.path().filename().string(), ReadFile(entry.path()));
  std::sort(docs.begin(), docs.end());
  return docs;
}

/// The profiles of the source tree (what the binary embeds).
inline const profile::ProfileDb& SourceProfiles() {
  static const profile::ProfileDb db = [] {
    profile::ProfileDb loaded;
    std::string error;
    bool ok = profile::ProfileDb::FromDocs(SourceProfileDocs(), &loaded, &error);
    INFO(error);
    REQUIRE(ok);
    return loaded;
  }();
  return db;
}

/// A device with these facts (source "test"). "mac", "ipv4", "hostname",
/// "mac.vendor", "gateway" and "self" also fill the matching Device fields,
/// as Merge does.
inline inventory::Device DeviceWith(
    std::initializer_list<std::pair<std::string, std::string>> facts) {
  inventory::Device d;
  for (const auto& [key, value] : facts) {
    d.facts.push_back({key, value, "test"});
    if (key == "mac") d.mac = d.key = value;
    if (key == "ipv4") d.ipv4.push_back(value);
    if (key == "hostname") d.hostnames.push_back(value);
    if (key == "mac.vendor") d.vendor = value;
    if (key == "gateway" && value == "yes") d.is_gateway = true;
    if (key == "self" && value == "yes") d.is_self = true;
  }
  if (d.key.empty()) d.key = d.ipv4.empty() ? "test" : "ip:" + d.ipv4.front();
  return d;
}

/// The id of the best profile for `device`, or "" when none matches.
inline std::string MatchedId(const profile::ProfileDb& db, const inventory::Device& device) {
  auto match = db.Match(device);
  return match ? match->profile->id : "";
}

}  // namespace netfix::testing
