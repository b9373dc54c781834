#include "report/catalog_text.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/snapshot_json.h"
#include "report/sanitize.h"
#include "report/strings.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

std::string Bold(const std::string& text, const TextOptions& o) {
  return o.color ? "\033[1m" + text + "\033[0m" : text;
}

std::string Pad(const std::string& text, size_t width) {
  size_t columns = DisplayWidth(text);
  return columns >= width ? text + " " : text + std::string(width - columns, ' ');
}

}  // namespace

std::string CatalogText(const check::Catalog& catalog, Lang lang, const TextOptions& o) {
  size_t id_width = 0;
  for (const auto& c : catalog.checks()) id_width = std::max(id_width, c.id.size() + 2);
  std::string out =
      Bold(Pad(Text(Str::kColCheck, lang), id_width) +
               Pad(Text(Str::kCatalogColSeverity, lang), 10) +
               Pad(Text(Str::kCatalogColArea, lang), 10) + Text(Str::kCatalogColTitle, lang),
           o) +
      "\n";
  for (const auto& c : catalog.checks()) {
    out += Pad(c.id, id_width) + Pad(SeverityLabel(c.severity, lang), 10) + Pad(c.area, 10) +
           c.Texts(lang).title + "\n";
  }
  return out + "\n" + Text(Str::kCatalogMore, lang) + "\n";
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
  const auto& t = info.Texts(lang);
  std::string out = Bold(info.id + ": " + t.title, o) + "\n";
  out += std::string(Text(Str::kExplainSeverity, lang)) + ": " +
         SeverityLabel(info.severity, lang) + "   " + Text(Str::kExplainArea, lang) + ": " +
         info.area + "\n";
  if (!info.needs.empty())
    out += std::string(Text(Str::kExplainNeeds, lang)) + ": " + util::Join(info.needs, ", ") + "\n";
  if (!info.suppressed_by.empty()) {
    out += std::string(Text(Str::kExplainGivesWay, lang)) + ": " +
           util::Join(info.suppressed_by, ", ") + "\n";
  }
  for (const auto& [name, value] : info.params) {
    bool whole = value == static_cast<double>(static_cast<long long>(value));
    out += std::string(Text(Str::kExplainParameter, lang)) + " " + name + " = " +
           FormatDecimal(value, whole ? 0 : 2, lang) + "\n";
  }

  struct Section {
    const char* key;
    Str heading;
  };
  const Section sections[] = {{"found", Str::kExplainLooksFor},
                              {"why", Str::kWhyItMatters},
                              {"customer", Str::kForCustomer},
                              {"technician", Str::kForTechnician},
                              {"effect", Str::kExpectedEffect}};
  for (const auto& s : sections) {
    out += "\n" + Bold(Text(s.heading, lang), o) + "\n" + check::SectionText(t, s.key, "") + "\n";
    for (const auto& [key, text] : t.variants) {
      if (!util::StartsWith(key, std::string(s.key) + ":")) continue;
      out += "\n" +
             Bold(Text(Str::kExplainVariant, lang, {{"name", key.substr(key.find(':') + 1)}}) + ":",
                  o) +
             "\n" + text + "\n";
    }
  }
  return out;
}

}  // namespace netfix::report
