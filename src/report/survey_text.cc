#include "report/survey_text.h"

#include "check/catalog.h"
#include "inventory/inventory.h"
#include "report/strings.h"
#include "report/text_layout.h"
#include "report/wifi_view.h"

namespace netfix::report {

using model::Lang;

namespace {

constexpr int kIndent = 2;

/// The survey seen the way the report sees it (no devices: the survey file
/// alone, as on the technician's laptop between rooms).
std::optional<WifiSectionView> ViewOf(const model::Survey& survey, Lang lang) {
  model::Snapshot snapshot;
  snapshot.survey = survey;
  inventory::Inventory none;
  return BuildWifiView(snapshot, none, check::Catalog::Builtin(), lang);
}

void WriteRooms(TextWriter& out, const WifiSectionView& view, Lang lang) {
  WifiTables t = MakeWifiTables(view, lang);
  if (!view.own_ssids.empty())
    out.Paragraph({{std::string(Text(Str::kWifiYourNetwork, lang)) + ": ", Style::kBold},
                   {view.own_ssids + " (" + view.own_how + ")"}},
                  kIndent);
  std::vector<TextWriter::Column> columns;
  for (const auto& h : t.room_headers) columns.push_back({h});
  std::vector<Pieces> rows;
  for (const auto& r : t.rooms) {
    Pieces row;
    for (const auto& cell : r) row.push_back({cell});
    rows.push_back(row);
  }
  out.Table(columns, rows, kIndent);
}

int SampleCount(const model::Survey& survey) {
  int n = 0;
  for (const auto& r : survey.rooms) n += static_cast<int>(r.samples.size());
  return n;
}

}  // namespace

std::string SurveySampleText(const model::Survey& survey, const std::string& room,
                             const std::string& file, Lang lang, const TextOptions& options) {
  TextWriter out(options.width, options.color);
  const model::SurveyRoom* r = nullptr;
  for (const auto& candidate : survey.rooms)
    if (candidate.name == room) r = &candidate;
  if (r != nullptr && !r->samples.empty())
    out.Paragraph({{Text(Str::kSurveySample, lang,
                         {{"room", room},
                          {"n", std::to_string(r->samples.size())},
                          {"networks", std::to_string(r->samples.back().networks.size())}}),
                    Style::kBold}},
                  0);
  if (auto view = ViewOf(survey, lang)) WriteRooms(out, *view, lang);
  out.Paragraph({{Text(Str::kSurveySaved, lang,
                       {{"file", file},
                        {"rooms", std::to_string(survey.rooms.size())},
                        {"samples", std::to_string(SampleCount(survey))}})}},
                0);
  std::string text = out.str();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

std::string SurveyNextHint(const std::string& file, Lang lang) {
  return Text(Str::kSurveyNext, lang, {{"file", file}});
}

std::string SurveySummaryText(const model::Survey& survey, Lang lang, const TextOptions& options) {
  TextWriter out(options.width, options.color);
  auto view = ViewOf(survey, lang);
  if (!view) {
    out.Paragraph({{Text(Str::kSurveyEmpty, lang)}}, 0);
    return out.str();
  }
  WriteRooms(out, *view, lang);
  return out.str();
}

}  // namespace netfix::report
