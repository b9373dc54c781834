#include "profile/match.h"

#include <algorithm>

#include "util/strings.h"

namespace netfix::profile {

namespace {

// Whether `value` matches the fact rule; `group` receives the regex's first
// capture group (or the whole value) for model_from.
bool ValueMatches(const Rule& rule, const std::string& raw, std::string* group) {
  std::string value = util::Trim(raw);
  if (rule.op == Op::kRegex) {
    std::string input = value.substr(0, kRegexInputLimit);
    std::smatch m;
    if (!std::regex_search(input, m, *rule.regex)) return false;
    if (group != nullptr) *group = m.size() > 1 && m[1].matched ? m[1].str() : value;
    return true;
  }
  std::string folded = util::ToLower(value);
  bool hit = false;
  for (const auto& pattern : rule.folded) {
    switch (rule.op) {
      case Op::kEquals:
      case Op::kIn: hit = folded == pattern; break;
      case Op::kPrefix: hit = util::StartsWith(folded, pattern); break;
      case Op::kContains: hit = folded.find(pattern) != std::string::npos; break;
      default: break;
    }
    if (hit) break;
  }
  if (hit && group != nullptr) *group = value;
  return hit;
}

}  // namespace

bool Matches(const Rule& rule, const inventory::Device& device, std::vector<Evidence>* evidence) {
  if (rule.op == Op::kAll) {
    std::vector<Evidence> found;
    for (const auto& sub : rule.all)
      if (!Matches(sub, device, &found)) return false;
    if (evidence != nullptr) evidence->insert(evidence->end(), found.begin(), found.end());
    return true;
  }
  for (const auto& fact : device.facts) {
    if (fact.key != rule.fact || !ValueMatches(rule, fact.value, nullptr)) continue;
    if (evidence != nullptr)
      evidence->push_back({fact.key, fact.value, rule.op, util::Join(rule.patterns, "|")});
    return true;
  }
  return false;
}

std::string ModelOf(const Profile& profile, const inventory::Device& device) {
  for (const auto& rule : profile.model_from)
    for (const auto& fact : device.facts) {
      std::string model;
      if (fact.key == rule.fact && ValueMatches(rule, fact.value, &model)) {
        model = util::Trim(model);
        if (!model.empty()) return model;
      }
    }
  return "";
}

std::string ProductName(const Profile& profile, const std::string& model) {
  if (model.empty()) return profile.product;
  if (profile.vendor.empty() ||
      util::StartsWith(util::ToLower(model), util::ToLower(profile.vendor)))
    return model;
  return profile.vendor + " " + model;
}

bool Precedes(const ProfileMatch& a, const ProfileMatch& b) {
  if (a.profile->generic != b.profile->generic) return !a.profile->generic;
  if (a.specificity != b.specificity) return a.specificity > b.specificity;
  return a.profile->id < b.profile->id;
}

std::vector<ProfileMatch> ProfileDb::MatchAll(const inventory::Device& device) const {
  std::vector<ProfileMatch> matches;
  for (const auto& profile : profiles_) {
    ProfileMatch best;
    for (std::size_t i = 0; i < profile.match.size(); ++i) {
      const Rule& rule = profile.match[i];
      int specificity = rule.Specificity();
      if (best.profile != nullptr && specificity <= best.specificity) continue;
      std::vector<Evidence> evidence;
      if (!Matches(rule, device, &evidence)) continue;
      best.profile = &profile;
      best.rule = static_cast<int>(i);
      best.specificity = specificity;
      best.evidence = std::move(evidence);
    }
    if (best.profile == nullptr) continue;
    best.model = ModelOf(profile, device);
    best.product = ProductName(profile, best.model);
    matches.push_back(std::move(best));
  }
  std::sort(matches.begin(), matches.end(), Precedes);
  return matches;
}

std::optional<ProfileMatch> ProfileDb::Match(const inventory::Device& device) const {
  auto matches = MatchAll(device);
  if (matches.empty()) return std::nullopt;
  return std::move(matches.front());
}

}  // namespace netfix::profile
