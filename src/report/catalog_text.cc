#include "report/catalog_text.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/snapshot_json.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

std::string Bold(const std::string& text, const TextOptions& o) {
  return o.color ? "\033[1m" + text + "\033[0m" : text;
}

const char* SeverityWord(model::Severity s, Lang lang) {
  bool de = lang == Lang::kDe;
  switch (s) {
    case model::Severity::kError: return de ? "Fehler" : "error";
    case model::Severity::kWarning: return de ? "Warnung" : "warning";
    case model::Severity::kInfo: return de ? "Hinweis" : "info";
  }
  return "";
}

std::string Pad(const std::string& text, size_t width) {
  // Pads by display columns: UTF-8 continuation bytes take no column.
  size_t columns =
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
  return columns >= width ? text + " " : text + std::string(width - columns, ' ');
}

}  // namespace

std::string CatalogText(const check::Catalog& catalog, Lang lang, const TextOptions& o) {
  bool de = lang == Lang::kDe;
  std::string out = Bold(Pad(de ? "CHECK" : "CHECK", 22) + Pad(de ? "STUFE" : "SEVERITY", 10) +
                             Pad(de ? "BEREICH" : "AREA", 10) + (de ? "TITEL" : "TITLE"),
                         o) +
                    "\n";
  for (const auto& c : catalog.checks())
    out += Pad(c.id, 22) + Pad(SeverityWord(c.severity, lang), 10) + Pad(c.area, 10) +
           c.Texts(lang).title + "\n";
  out += "\n" +
         std::string(de ? "Details zu einem Check: netfix explain ID"
                        : "Details of one check: netfix explain ID") +
         "\n";
  return out;
}

std::string CatalogJson(const check::Catalog& catalog, Lang lang) {
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : catalog.checks()) {
    checks.push_back({{"id", c.id},
                      {"severity", model::ToString(c.severity)},
                      {"area", c.area},
                      {"needs", c.needs},
                      {"title", c.Texts(lang).title}});
  }
  return model::DumpJson(
      {{"schema", "netfix.checks/1"}, {"lang", model::ToString(lang)}, {"checks", checks}});
}

std::string ExplainText(const check::CheckInfo& info, Lang lang, const TextOptions& o) {
  bool de = lang == Lang::kDe;
  const auto& t = info.Texts(lang);
  std::string out = Bold(info.id + ": " + t.title, o) + "\n";
  out += (de ? "Stufe: " : "Severity: ") + std::string(SeverityWord(info.severity, lang)) +
         (de ? "   Bereich: " : "   Area: ") + info.area + "\n";
  if (!info.needs.empty())
    out += (de ? "Braucht die Messungen: " : "Needs the probes: ") + util::Join(info.needs, ", ") +
           "\n";
  if (!info.suppressed_by.empty())
    out += (de ? "Tritt zurück hinter: " : "Gives way to: ") +
           util::Join(info.suppressed_by, ", ") + "\n";
  for (const auto& [name, value] : info.params)
    out += (de ? "Parameter " : "Parameter ") + name + " = " +
           util::FormatFixed(value, value == static_cast<long long>(value) ? 0 : 2) + "\n";

  struct Section {
    const char* key;
    const char* en;
    const char* de;
  };
  const Section sections[] = {
      {"found", "What netfix looks for", "Worauf netfix achtet"},
      {"why", "Why it matters", "Warum das wichtig ist"},
      {"customer", "How to fix it (customer)", "So beheben Sie es (Kunde)"},
      {"technician", "How to fix it (technician)", "So beheben Sie es (Techniker)"}};
  for (const auto& s : sections) {
    out += "\n" + Bold(de ? s.de : s.en, o) + "\n" + check::SectionText(t, s.key, "") + "\n";
    for (const auto& [key, text] : t.variants) {
      if (!util::StartsWith(key, std::string(s.key) + ":")) continue;
      out += "\n" +
             Bold(std::string(de ? "Variante " : "Variant ") + key.substr(key.find(':') + 1) + ":",
                  o) +
             "\n" + text + "\n";
    }
  }
  return out;
}

}  // namespace netfix::report
