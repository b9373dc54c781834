#include "profile/profile.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "inventory/facts.h"
#include "profile/embedded.h"
#include "util/strings.h"

namespace netfix::profile {

using nlohmann::json;

const char* ToString(Op op) {
  switch (op) {
    case Op::kEquals: return "equals";
    case Op::kPrefix: return "prefix";
    case Op::kContains: return "contains";
    case Op::kRegex: return "regex";
    case Op::kIn: return "in";
    case Op::kAll: return "all";
  }
  return "equals";
}

namespace {

// Facts a device states about itself (its own descriptions and names) weigh
// more than facts netfix infers (MAC vendor, position in the network).
bool SelfDescribed(std::string_view key) {
  for (std::string_view prefix : {"upnp.", "ssdp.", "mdns.", "lldp."})
    if (util::StartsWith(key, prefix)) return true;
  return key == inventory::facts::kHostname || key == inventory::facts::kDhcpVendorClass;
}

}  // namespace

int Rule::Specificity() const {
  if (op != Op::kAll) return SelfDescribed(fact) ? 2 : 1;
  int sum = 0;
  for (const auto& rule : all) sum += rule.Specificity();
  return sum;
}

const FixSteps* Profile::Fix(std::string_view check_id) const {
  auto it = fix.find(check_id);
  return it == fix.end() ? nullptr : &it->second;
}

std::string ExpandText(std::string_view text, const inventory::Device& device) {
  std::string out(text);
  if (device.ipv4.empty()) return out;
  const std::string placeholder = "{ip}";
  for (auto pos = out.find(placeholder); pos != std::string::npos;
       pos = out.find(placeholder, pos + device.ipv4.front().size()))
    out.replace(pos, placeholder.size(), device.ipv4.front());
  return out;
}

namespace {

// A SAX pass before the DOM parse: it reports syntax errors with line and
// column, and duplicate keys (which nlohmann would silently resolve to the
// last one, dropping rules without a word).
class Checker : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& key) override {
    if (!keys_.back().insert(key).second) {
      error = "duplicate key '" + key + "'";
      return false;
    }
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = ex.what();
    auto bracket = what.find("] ");
    error = "not valid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2));
    return false;
  }

  std::string error;

 private:
  std::vector<std::set<std::string>> keys_;
};

// Validation state for one file: the first problem wins, named by its path.
class Parser {
 public:
  explicit Parser(std::string_view path) : path_(path) {}

  bool Fail(const std::string& where, const std::string& problem) {
    if (error_.empty()) error_ = path_ + ": " + (where.empty() ? "" : where + ": ") + problem;
    return false;
  }
  const std::string& error() const { return error_; }

  bool String(const json& node, const std::string& where, std::string* out, bool allow_empty) {
    if (!node.is_string()) return Fail(where, "must be a string");
    *out = node.get<std::string>();
    if (!allow_empty && util::Trim(*out).empty()) return Fail(where, "must not be empty");
    return true;
  }

  // A text shown to users (admin URL, quirks, fix steps): placeholders checked.
  bool Text(const json& node, const std::string& where, std::string* out) {
    return String(node, where, out, false) && CheckPlaceholders(*out, where);
  }

  // Texts may only use {ip}; anything else in braces is a typo.
  bool CheckPlaceholders(const std::string& text, const std::string& where) {
    for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      auto close = text.find('}', open);
      if (close == std::string::npos) continue;
      std::string name = text.substr(open, close - open + 1);
      if (name != "{ip}") return Fail(where, "unknown placeholder " + name + " (known: {ip})");
    }
    return true;
  }

  bool Keys(const json& node, const std::string& where, const std::vector<std::string>& known) {
    for (const auto& [key, value] : node.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string hint = util::ClosestMatch(key, known);
      std::string problem = "unknown key";
      if (!hint.empty()) problem += " (did you mean '" + hint + "'?)";
      std::string at = where;
      if (!at.empty()) at += '.';
      return Fail(at + key, problem);
    }
    return true;
  }

  bool ParseRule(const json& node, const std::string& where, bool allow_all, Rule* rule) {
    if (!node.is_object()) return Fail(where, "a rule must be an object");
    if (node.contains("all")) {
      if (!allow_all) return Fail(where + ".all", "not allowed here (a single fact rule is)");
      if (node.size() != 1) return Fail(where, "an 'all' rule has no other keys");
      const json& list = node["all"];
      if (!list.is_array() || list.empty())
        return Fail(where + ".all", "must be a non-empty list of rules");
      rule->op = Op::kAll;
      for (std::size_t i = 0; i < list.size(); ++i) {
        Rule sub;
        if (!ParseRule(list[i], where + ".all[" + std::to_string(i) + "]", true, &sub))
          return false;
        rule->all.push_back(std::move(sub));
      }
      return true;
    }
    static const std::vector<std::string> kRuleKeys = {"fact",     "equals", "prefix",
                                                       "contains", "regex",  "in"};
    if (!Keys(node, where, kRuleKeys)) return false;
    if (!node.contains("fact")) return Fail(where, "a rule needs 'fact' (or is an 'all' rule)");
    if (!String(node["fact"], where + ".fact", &rule->fact, false)) return false;
    if (!inventory::facts::IsKnown(rule->fact)) {
      std::vector<std::string> known(inventory::facts::kAll.begin(), inventory::facts::kAll.end());
      std::string hint = util::ClosestMatch(rule->fact, known);
      return Fail(where + ".fact", "unknown fact '" + rule->fact + "'" +
                                       (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                       "; facts are listed in src/inventory/facts.h");
    }
    int ops = 0;
    for (Op op : {Op::kEquals, Op::kPrefix, Op::kContains, Op::kRegex, Op::kIn}) {
      if (!node.contains(ToString(op))) continue;
      ++ops;
      rule->op = op;
    }
    if (ops != 1)
      return Fail(where, "a rule needs exactly one of equals, prefix, contains, regex, in");
    std::string op_where = where + "." + ToString(rule->op);
    const json& value = node[ToString(rule->op)];
    if (rule->op == Op::kIn) {
      if (!value.is_array() || value.empty())
        return Fail(op_where, "must be a non-empty list of strings");
      for (std::size_t i = 0; i < value.size(); ++i) {
        std::string item;
        if (!String(value[i], op_where + "[" + std::to_string(i) + "]", &item, false)) return false;
        rule->patterns.push_back(item);
      }
    } else {
      std::string pattern;
      if (!String(value, op_where, &pattern, false)) return false;
      rule->patterns.push_back(pattern);
    }
    for (const auto& p : rule->patterns) rule->folded.push_back(util::ToLower(p));
    if (rule->op == Op::kRegex) {
      try {
        rule->regex = std::make_shared<const std::regex>(
            rule->patterns.front(), std::regex::ECMAScript | std::regex::icase);
      } catch (const std::regex_error& e) {
        return Fail(op_where,
                    "invalid regular expression '" + rule->patterns.front() + "': " + e.what());
      }
    }
    return true;
  }

  bool ParseTexts(const json& node, const std::string& where, LocalizedText* out) {
    if (!node.is_object()) return Fail(where, "must be an object {\"en\": ..., \"de\": ...}");
    if (!Keys(node, where, {"en", "de"})) return false;
    for (auto lang : model::kAllLangs) {
      const char* name = model::ToString(lang);
      if (!node.contains(name)) return Fail(where, std::string("missing the '") + name + "' text");
      if (!Text(node[name], where + "." + name, &out->text[static_cast<int>(lang)])) return false;
    }
    return true;
  }

  bool ParseFix(const json& node, const std::string& where, FixSteps* out) {
    if (!node.is_object()) return Fail(where, "must be an object {\"en\": [...], \"de\": [...]}");
    if (!Keys(node, where, {"en", "de"})) return false;
    for (auto lang : model::kAllLangs) {
      const char* name = model::ToString(lang);
      std::string lang_where = where + "." + name;
      if (!node.contains(name)) return Fail(where, std::string("missing the '") + name + "' steps");
      const json& steps = node[name];
      if (!steps.is_array() || steps.empty())
        return Fail(lang_where, "must be a non-empty list of steps");
      for (std::size_t i = 0; i < steps.size(); ++i) {
        std::string step;
        if (!Text(steps[i], lang_where + "[" + std::to_string(i) + "]", &step)) return false;
        out->steps[static_cast<int>(lang)].push_back(step);
      }
    }
    if (out->steps[0].size() != out->steps[1].size())
      return Fail(where, "'en' has " + std::to_string(out->steps[0].size()) + " steps, 'de' " +
                             std::to_string(out->steps[1].size()) +
                             " (each step in both languages)");
    return true;
  }

  // "streams": {"class": "uhd", "parallel": 1}
  bool ParseStreams(const json& node, Profile* p) {
    if (!node.is_object()) return Fail("streams", "must be {\"class\": ..., \"parallel\": n}");
    if (!Keys(node, "streams", {"class", "parallel"})) return false;
    if (p->role != inventory::Role::kReceiver)
      return Fail("streams", "only a profile with role 'receiver' has streams");
    if (!node.contains("class")) return Fail("streams", "missing 'class'");
    StreamSpec spec;
    if (!String(node["class"], "streams.class", &spec.stream_class, false)) return false;
    std::vector<std::string> classes(kStreamClasses.begin(), kStreamClasses.end());
    if (std::find(classes.begin(), classes.end(), spec.stream_class) == classes.end())
      return Fail("streams.class", "unknown class '" + spec.stream_class +
                                       "' (known: " + util::Join(classes, ", ") + ")");
    if (node.contains("parallel")) {
      const json& parallel = node["parallel"];
      // MagentaTV allows at most 3 parallel streams; 8 leaves room for Sat>IP tuners.
      if (!parallel.is_number_integer() || parallel.get<int>() < 1 || parallel.get<int>() > 8)
        return Fail("streams.parallel", "must be a whole number from 1 to 8");
      spec.parallel = parallel.get<int>();
    }
    p->streams = spec;
    return true;
  }

  bool ParseProfile(const json& doc, Profile* p) {
    static const std::vector<std::string> kKeys = {
        "id",        "vendor",    "product",    "model_from", "role",    "receiver_kind",
        "admin_url", "speed_url", "upload_url", "generic",    "streams", "iptv",
        "match",     "quirks",    "fix",        "notes"};
    if (!doc.is_object()) return Fail("", "a profile is a JSON object");
    if (!Keys(doc, "", kKeys)) return false;
    for (const char* required : {"id", "product", "role", "match"})
      if (!doc.contains(required)) return Fail("", std::string("missing '") + required + "'");

    if (!String(doc["id"], "id", &p->id, false)) return false;
    std::string stem(path_);
    if (auto slash = stem.find_last_of('/'); slash != std::string::npos)
      stem = stem.substr(slash + 1);
    if (!util::EndsWith(stem, ".json")) return Fail("", "a profile file must end in .json");
    stem.resize(stem.size() - 5);
    if (p->id != stem) return Fail("id", "'" + p->id + "' must equal the file name '" + stem + "'");

    if (doc.contains("vendor") && !String(doc["vendor"], "vendor", &p->vendor, true)) return false;
    if (!String(doc["product"], "product", &p->product, false)) return false;

    std::string role;
    if (!String(doc["role"], "role", &role, false)) return false;
    std::vector<std::string> roles;
    roles.reserve(kProfileRoles.size());
    for (auto r : kProfileRoles) roles.emplace_back(inventory::ToString(r));
    auto role_it = std::find(roles.begin(), roles.end(), role);
    if (role_it == roles.end())
      return Fail("role", "unknown role '" + role + "' (known: " + util::Join(roles, ", ") + ")");
    p->role = kProfileRoles[role_it - roles.begin()];

    if (doc.contains("receiver_kind")) {
      if (!String(doc["receiver_kind"], "receiver_kind", &p->receiver_kind, false)) return false;
      if (p->role != inventory::Role::kReceiver)
        return Fail("receiver_kind", "only a profile with role 'receiver' has a receiver_kind");
      std::vector<std::string> kinds(kReceiverKinds.begin(), kReceiverKinds.end());
      if (std::find(kinds.begin(), kinds.end(), p->receiver_kind) == kinds.end())
        return Fail("receiver_kind", "unknown kind '" + p->receiver_kind +
                                         "' (known: " + util::Join(kinds, ", ") + ")");
    }

    if (doc.contains("admin_url")) {
      if (!Text(doc["admin_url"], "admin_url", &p->admin_url)) return false;
      if (!util::StartsWith(p->admin_url, "http://") && !util::StartsWith(p->admin_url, "https://"))
        return Fail("admin_url", "must start with http:// or https://");
    }

    for (auto [key, url] :
         {std::pair{"speed_url", &p->speed_url}, std::pair{"upload_url", &p->upload_url}}) {
      if (!doc.contains(key)) continue;
      if (!String(doc[key], key, url, false)) return false;
      if (!util::StartsWith(*url, "http://") && !util::StartsWith(*url, "https://"))
        return Fail(key, "must start with http:// or https://");
      // A server beyond the router: the router's own address would measure
      // the home leg and call it the internet.
      if (url->find('{') != std::string::npos) return Fail(key, "takes no placeholders");
      if (p->role != inventory::Role::kRouter)
        return Fail(key, "only a profile with role 'router' names a speed test server");
    }
    if (!p->upload_url.empty() && p->speed_url.empty())
      return Fail("upload_url", "needs a speed_url too");

    if (doc.contains("generic")) {
      if (!doc["generic"].is_boolean()) return Fail("generic", "must be true or false");
      p->generic = doc["generic"].get<bool>();
    }

    if (doc.contains("streams") && !ParseStreams(doc["streams"], p)) return false;

    if (doc.contains("iptv")) {
      if (!doc["iptv"].is_boolean()) return Fail("iptv", "must be true or false");
      if (p->role != inventory::Role::kReceiver)
        return Fail("iptv", "only a profile with role 'receiver' plays IPTV");
      p->iptv = doc["iptv"].get<bool>();
    }

    if (doc.contains("notes")) {
      const json& notes = doc["notes"];
      bool ok = notes.is_string() ||
                (notes.is_array() && std::all_of(notes.begin(), notes.end(),
                                                 [](const json& n) { return n.is_string(); }));
      if (!ok) return Fail("notes", "must be a string or a list of strings");
    }

    if (doc.contains("model_from")) {
      const json& node = doc["model_from"];
      if (node.is_object()) {
        Rule rule;
        if (!ParseRule(node, "model_from", false, &rule)) return false;
        p->model_from.push_back(std::move(rule));
      } else if (node.is_array() && !node.empty()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
          Rule rule;
          if (!ParseRule(node[i], "model_from[" + std::to_string(i) + "]", false, &rule))
            return false;
          p->model_from.push_back(std::move(rule));
        }
      } else {
        return Fail("model_from", "must be a fact rule or a non-empty list of fact rules");
      }
    }

    const json& match = doc["match"];
    if (!match.is_array() || match.empty())
      return Fail("match", "must be a non-empty list of rules (any one of them matches)");
    for (std::size_t i = 0; i < match.size(); ++i) {
      Rule rule;
      if (!ParseRule(match[i], "match[" + std::to_string(i) + "]", true, &rule)) return false;
      p->match.push_back(std::move(rule));
    }

    if (doc.contains("quirks")) {
      const json& quirks = doc["quirks"];
      if (!quirks.is_array()) return Fail("quirks", "must be a list of {\"en\", \"de\"} texts");
      for (std::size_t i = 0; i < quirks.size(); ++i) {
        LocalizedText text;
        if (!ParseTexts(quirks[i], "quirks[" + std::to_string(i) + "]", &text)) return false;
        p->quirks.push_back(std::move(text));
      }
    }

    if (doc.contains("fix")) {
      const json& fix = doc["fix"];
      if (!fix.is_object()) return Fail("fix", "must be an object keyed by check id");
      for (const auto& [check_id, steps] : fix.items()) {
        bool id_ok = !check_id.empty() && std::all_of(check_id.begin(), check_id.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        });
        if (!id_ok) return Fail("fix." + check_id, "a check id is lower-case kebab-case");
        FixSteps parsed;
        if (!ParseFix(steps, "fix." + check_id, &parsed)) return false;
        p->fix.emplace(check_id, std::move(parsed));
      }
    }
    return true;
  }

 private:
  std::string path_;
  std::string error_;
};

}  // namespace

bool ParseProfile(std::string_view path, std::string_view text, Profile* out, std::string* error) {
  Parser parser(path);
  Checker checker;
  if (!json::sax_parse(text, &checker)) {
    parser.Fail("", checker.error.empty() ? "not valid JSON" : checker.error);
    *error = parser.error();
    return false;
  }
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    parser.Fail("", "not valid JSON");
    *error = parser.error();
    return false;
  }
  Profile profile;
  profile.path = std::string(path);
  if (!parser.ParseProfile(doc, &profile)) {
    *error = parser.error();
    return false;
  }
  *out = std::move(profile);
  return true;
}

bool ProfileDb::FromDocs(const std::vector<std::pair<std::string, std::string>>& docs,
                         ProfileDb* out, std::string* error) {
  ProfileDb db;
  std::vector<std::string> errors;
  for (const auto& [path, text] : docs) {
    Profile profile;
    std::string problem;
    if (!ParseProfile(path, text, &profile, &problem)) {
      errors.push_back(problem);
      continue;
    }
    if (db.Find(profile.id) != nullptr) {
      errors.push_back(path + ": id: '" + profile.id + "' is defined twice");
      continue;
    }
    db.profiles_.push_back(std::move(profile));
    std::sort(db.profiles_.begin(), db.profiles_.end(),
              [](const Profile& a, const Profile& b) { return a.id < b.id; });
  }
  if (!errors.empty()) {
    *error = util::Join(errors, "\n");
    return false;
  }
  *out = std::move(db);
  return true;
}

const ProfileDb& ProfileDb::Builtin() {
  static const ProfileDb db = [] {
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& file : EmbeddedProfiles())
      docs.emplace_back(std::string(file.path), std::string(file.contents));
    ProfileDb loaded;
    std::string error;
    if (!FromDocs(docs, &loaded, &error)) {
      std::fprintf(stderr, "netfix: internal error: embedded profiles: %s\n", error.c_str());
      std::abort();
    }
    return loaded;
  }();
  return db;
}

const Profile* ProfileDb::Find(std::string_view id) const {
  auto it = std::lower_bound(profiles_.begin(), profiles_.end(), id,
                             [](const Profile& p, std::string_view v) { return p.id < v; });
  return (it != profiles_.end() && it->id == id) ? &*it : nullptr;
}

std::optional<SpeedServer> RouterSpeedServer(const inventory::Inventory& inventory,
                                             const ProfileDb& db) {
  for (const auto& device : inventory.devices) {
    if (!device.is_gateway || device.profile_id.empty()) continue;
    const Profile* profile = db.Find(device.profile_id);
    if (profile == nullptr || profile->speed_url.empty()) continue;
    return SpeedServer{profile->id, profile->speed_url, profile->upload_url};
  }
  return std::nullopt;
}

}  // namespace netfix::profile
