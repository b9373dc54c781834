#include "check/catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "check/embedded.h"
#include "util/strings.h"

namespace netfix::check {

using model::Lang;

const std::vector<std::string>& KnownAreas() {
  static const std::vector<std::string> areas = {"internet", "network", "wifi", "devices", "tv"};
  return areas;
}

namespace {

std::string* TextField(CheckTexts* texts, std::string_view section) {
  if (auto colon = section.find(':'); colon != std::string_view::npos) {
    std::string_view base = section.substr(0, colon);
    if (base == "title" || colon + 1 == section.size()) return nullptr;
    if (base != "found" && base != "why" && base != "customer" && base != "technician" &&
        base != "effect")
      return nullptr;
    return &texts->variants[std::string(section)];
  }
  if (section == "title") return &texts->title;
  if (section == "found") return &texts->found;
  if (section == "why") return &texts->why;
  if (section == "customer") return &texts->customer;
  if (section == "technician") return &texts->technician;
  if (section == "effect") return &texts->effect;
  return nullptr;
}

bool ParseFrontMatterLine(std::string_view line, CheckInfo* info, std::string* error) {
  auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    *error = "expected 'key: value'";
    return false;
  }
  std::string key = util::Trim(line.substr(0, colon));
  std::string value = util::Trim(line.substr(colon + 1));
  if (key == "id") {
    info->id = value;
  } else if (key == "severity") {
    auto severity = model::SeverityFromString(value);
    if (!severity) {
      *error = "severity must be error, warning or info, not '" + value + "'";
      return false;
    }
    info->severity = *severity;
  } else if (key == "area") {
    const auto& areas = KnownAreas();
    if (std::find(areas.begin(), areas.end(), value) == areas.end()) {
      *error = "unknown area '" + value + "' (known: " + util::Join(areas, ", ") + ")";
      return false;
    }
    info->area = value;
  } else if (key == "needs") {
    info->needs = util::SplitWords(value);
  } else if (key == "suppressed-by") {
    info->suppressed_by = util::SplitWords(value);
  } else if (util::StartsWith(key, "param.")) {
    char* end = nullptr;
    double number = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0') {
      *error = "parameter '" + key + "' must be a number, not '" + value + "'";
      return false;
    }
    info->params[key.substr(6)] = number;
  } else {
    *error = "unknown key '" + key + "'";
    return false;
  }
  return true;
}

}  // namespace

bool ParseCheckDoc(std::string_view text, CheckInfo* info, std::string* error) {
  std::vector<std::string> lines = util::SplitLines(text);
  size_t i = 0;
  auto fail = [&](size_t line_no, const std::string& message) {
    *error = "line " + std::to_string(line_no + 1) + ": " + message;
    return false;
  };
  if (lines.empty() || util::Trim(lines[0]) != "---") return fail(0, "expected '---' front matter");
  for (i = 1; i < lines.size() && util::Trim(lines[i]) != "---"; ++i) {
    std::string line = lines[i];
    auto hash = line.find(" #");
    if (hash != std::string::npos) line.resize(hash);
    if (util::Trim(line).empty()) continue;
    std::string message;
    if (!ParseFrontMatterLine(line, info, &message)) return fail(i, message);
  }
  if (i == lines.size()) return fail(i - 1, "front matter is not closed with '---'");
  if (info->id.empty()) return fail(i, "front matter has no 'id'");
  if (info->area.empty()) return fail(i, "front matter has no 'area'");

  CheckTexts* texts = nullptr;
  std::string* field = nullptr;
  for (++i; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (util::StartsWith(line, "# ")) {
      auto lang = model::LangFromString(util::Trim(line.substr(2)));
      if (!lang) return fail(i, "unknown language '" + util::Trim(line.substr(2)) + "' (en, de)");
      texts = &info->texts[static_cast<int>(*lang)];
      field = nullptr;
    } else if (util::StartsWith(line, "## ")) {
      if (texts == nullptr) return fail(i, "section before a '# en' or '# de' heading");
      std::string section = util::Trim(line.substr(3));
      field = TextField(texts, section);
      if (field == nullptr)
        return fail(
            i, "unknown section '" + section +
                   "' (title, found, why, customer, technician, effect, or found:VARIANT ...)");
      if (!field->empty()) return fail(i, "section '" + section + "' appears twice");
    } else if (field != nullptr) {
      if (!field->empty() || !util::Trim(line).empty()) *field += line + "\n";
    } else if (!util::Trim(line).empty()) {
      return fail(i, "text outside a section");
    }
  }
  for (auto& t : info->texts) {
    for (const char* section : kTextSections) {
      std::string* f = TextField(&t, section);
      *f = util::Trim(*f);
    }
    for (auto& [key, text] : t.variants) text = util::Trim(text);
  }
  return true;
}

const std::string& SectionText(const CheckTexts& texts, std::string_view section,
                               const std::string& variant) {
  if (!variant.empty()) {
    auto it = texts.variants.find(std::string(section) + ":" + variant);
    if (it != texts.variants.end()) return it->second;
  }
  if (section == "found") return texts.found;
  if (section == "why") return texts.why;
  if (section == "customer") return texts.customer;
  if (section == "technician") return texts.technician;
  if (section == "effect") return texts.effect;
  return texts.title;
}

std::string FillPlaceholders(const std::string& text,
                             const std::map<std::string, std::string>& params) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      auto close = text.find('}', i);
      if (close != std::string::npos) {
        auto it = params.find(text.substr(i + 1, close - i - 1));
        if (it != params.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<std::string> Placeholders(const std::string& text) {
  std::vector<std::string> names;
  for (size_t i = text.find('{'); i != std::string::npos; i = text.find('{', i + 1)) {
    auto close = text.find('}', i);
    if (close == std::string::npos) break;
    std::string name = text.substr(i + 1, close - i - 1);
    bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (plain && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

bool Catalog::FromDocs(const std::vector<std::pair<std::string, std::string>>& docs, Catalog* out,
                       std::string* error) {
  out->checks_.clear();
  for (const auto& [path, contents] : docs) {
    CheckInfo info;
    std::string message;
    if (!ParseCheckDoc(contents, &info, &message)) {
      *error = path + ": " + message;
      return false;
    }
    out->checks_.push_back(std::move(info));
  }
  std::sort(out->checks_.begin(), out->checks_.end(),
            [](const CheckInfo& a, const CheckInfo& b) { return a.id < b.id; });
  for (size_t i = 1; i < out->checks_.size(); ++i) {
    if (out->checks_[i].id == out->checks_[i - 1].id) {
      *error = "check id '" + out->checks_[i].id + "' is defined twice";
      return false;
    }
  }
  return true;
}

const Catalog& Catalog::Builtin() {
  static const Catalog catalog = [] {
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& file : EmbeddedCheckDocs())
      docs.emplace_back(std::string(file.path), std::string(file.contents));
    Catalog c;
    std::string error;
    if (!FromDocs(docs, &c, &error)) {
      std::fprintf(stderr, "netfix: internal error: embedded check catalog: %s\n", error.c_str());
      std::abort();
    }
    return c;
  }();
  return catalog;
}

const CheckInfo* Catalog::Find(std::string_view id) const {
  auto it = std::lower_bound(checks_.begin(), checks_.end(), id,
                             [](const CheckInfo& c, std::string_view v) { return c.id < v; });
  return (it != checks_.end() && it->id == id) ? &*it : nullptr;
}

}  // namespace netfix::check
