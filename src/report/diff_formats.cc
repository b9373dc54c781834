// The renderers of `netfix diff`: DiffView -> text, Markdown, HTML, JSON.
// Pure functions of the view, with the report's escaping (sanitize.h), its
// terminal layout (text_layout.h) and its style sheet (html_style.h), so that
// a comparison looks like a report and is as safe to open.
#include <nlohmann/json.hpp>
#include <string>

#include "model/snapshot_json.h"
#include "report/diff.h"
#include "report/html_style.h"
#include "report/sanitize.h"
#include "report/strings.h"
#include "report/text_layout.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

constexpr int kIndent = 2;

Str DirectionKey(Direction direction) {
  switch (direction) {
    case Direction::kBetter: return Str::kDiffBetter;
    case Direction::kWorse: return Str::kDiffWorse;
    case Direction::kChanged: break;
  }
  return Str::kDiffChanged;
}

// "1 error, 2 warnings" or "No problems found."
std::string SideCounts(const DiffSideView& side, Lang lang) {
  std::vector<std::string> parts;
  if (side.errors) parts.push_back(SeverityCount(model::Severity::kError, side.errors, lang));
  if (side.warnings) parts.push_back(SeverityCount(model::Severity::kWarning, side.warnings, lang));
  if (side.infos) parts.push_back(SeverityCount(model::Severity::kInfo, side.infos, lang));
  return parts.empty() ? Text(Str::kVerdictOk, lang) : util::Join(parts, ", ");
}

std::string SideLine(const DiffSideView& side, Lang lang) {
  std::vector<std::string> parts = side.meta;
  parts.push_back(SideCounts(side, lang));
  return util::Join(parts, " · ");
}

// The finding groups, in the order every format shows them: the visit's
// result (fixed, new) before what stayed the same.
struct Group {
  Str heading;
  const std::vector<DiffFinding>* findings;
};

std::vector<Group> Groups(const DiffView& view) {
  return {{Str::kDiffResolved, &view.resolved},
          {Str::kDiffNew, &view.added},
          {Str::kDiffRemaining, &view.remaining},
          {Str::kDiffFirstChecked, &view.first_checked},
          {Str::kDiffNotRechecked, &view.not_rechecked}};
}

bool NoFindings(const DiffView& view) {
  for (const Group& g : Groups(view))
    if (!g.findings->empty()) return false;
  return true;
}

// ---- Text -------------------------------------------------------------------------

Style SeverityStyle(model::Severity severity) {
  switch (severity) {
    case model::Severity::kError: return Style::kError;
    case model::Severity::kWarning: return Style::kWarning;
    case model::Severity::kInfo: return Style::kInfo;
  }
  return Style::kPlain;
}

Style DirectionStyle(Direction direction) {
  switch (direction) {
    case Direction::kBetter: return Style::kOk;
    case Direction::kWorse: return Style::kError;
    case Direction::kChanged: break;
  }
  return Style::kDim;
}

Piece VerdictMark(const DiffView& view) {
  if (view.status == "worse") return {"✖ ", Style::kError};
  if (view.status == "better" || view.after.errors + view.after.warnings == 0)
    return {"✔ ", Style::kOk};
  return {"▲ ", Style::kWarning};
}

}  // namespace

std::string RenderDiffText(const DiffView& view, const TextOptions& options) {
  Lang lang = view.lang;
  TextWriter out(options.width, options.color);
  out.Paragraph({{view.title, Style::kBold}}, 0);
  out.Table({{}, {}},
            {{{view.before.label}, {SideLine(view.before, lang)}},
             {{view.after.label}, {SideLine(view.after, lang)}}},
            kIndent);

  out.Heading(Text(Str::kVerdict, lang));
  out.Paragraph({{view.headline, Style::kBold}}, kIndent, {VerdictMark(view)});

  if (NoFindings(view)) {
    out.Blank();
    out.Paragraph({{Text(Str::kDiffNoProblems, lang)}}, kIndent);
  }
  for (const Group& group : Groups(view)) {
    if (group.findings->empty()) continue;
    out.Heading(Text(group.heading, lang));
    for (const DiffFinding& f : *group.findings) {
      Pieces line = {
          {"[" + std::string(SeverityLabel(f.severity, lang)) + "]", SeverityStyle(f.severity)},
          {" " + f.title, Style::kBold}};
      if (!f.subject.empty()) line.push_back({" (" + f.subject + ")"});
      line.push_back({" · " + f.check, Style::kDim});
      out.Paragraph(line, kIndent, {{"• "}});
    }
  }

  out.Heading(Text(Str::kDiffChanges, lang));
  if (view.changes.empty()) {
    out.Paragraph({{Text(Str::kDiffNoChanges, lang)}}, kIndent);
  } else {
    std::vector<Pieces> rows;
    for (const DiffChange& c : view.changes)
      rows.push_back({{c.what},
                      {c.before.text},
                      {c.after.text},
                      {Text(DirectionKey(c.direction), lang), DirectionStyle(c.direction)}});
    out.Table({{Text(Str::kColMeasurement, lang)},
               {Text(Str::kDiffBefore, lang)},
               {Text(Str::kDiffAfter, lang)},
               {Text(Str::kDiffColChange, lang)}},
              rows, kIndent);
    out.Blank();
  }
  out.Paragraph({{view.thresholds_text, Style::kDim}}, kIndent);
  out.Blank();
  out.Paragraph({{Text(Str::kCreatedBy, lang, {{"version", view.netfix_version}}), Style::kDim}},
                0);
  return out.str();
}

// ---- Markdown ------------------------------------------------------------------------

std::string RenderDiffMarkdown(const DiffView& view) {
  Lang lang = view.lang;
  auto md = [](std::string_view text) { return EscapeMarkdown(text); };
  auto row = [&](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (const auto& cell : cells) line += " " + md(cell) + " |";
    return line + "\n";
  };
  std::string out = "# " + md(view.title) + "\n\n";
  for (const DiffSideView* side : {&view.before, &view.after})
    out += "- **" + md(side->label) + ":** " + md(SideLine(*side, lang)) + "\n";
  out += "\n## " + md(Text(Str::kVerdict, lang)) + "\n\n**" + md(view.headline) + "**\n";
  if (NoFindings(view)) out += "\n" + md(Text(Str::kDiffNoProblems, lang)) + "\n";
  for (const Group& group : Groups(view)) {
    if (group.findings->empty()) continue;
    out += "\n## " + md(Text(group.heading, lang)) + "\n\n";
    for (const DiffFinding& f : *group.findings) {
      out += "- **" + md(SeverityLabel(f.severity, lang)) + ":** " + md(f.title);
      if (!f.subject.empty()) out += " (" + md(f.subject) + ")";
      out += " · " + MarkdownCodeSpan(f.check) + "\n";
    }
  }
  out += "\n## " + md(Text(Str::kDiffChanges, lang)) + "\n\n";
  if (view.changes.empty()) {
    out += md(Text(Str::kDiffNoChanges, lang)) + "\n";
  } else {
    out += row({Text(Str::kColMeasurement, lang), Text(Str::kDiffBefore, lang),
                Text(Str::kDiffAfter, lang), Text(Str::kDiffColChange, lang)});
    out += "| --- | --- | --- | --- |\n";
    for (const DiffChange& c : view.changes)
      out += row({c.what, c.before.text, c.after.text, Text(DirectionKey(c.direction), lang)});
  }
  out += "\n" + md(view.thresholds_text) + "\n\n---\n\n" +
         md(Text(Str::kCreatedBy, lang, {{"version", view.netfix_version}})) + "\n";
  return out;
}

// ---- HTML --------------------------------------------------------------------------------

namespace {

std::string H(std::string_view text) {
  return EscapeHtml(text);
}

const char* DirectionClass(Direction direction) {
  switch (direction) {
    case Direction::kBetter: return "s-ok";
    case Direction::kWorse: return "s-error";
    case Direction::kChanged: break;
  }
  return "muted";
}

}  // namespace

std::string RenderDiffHtml(const DiffView& view) {
  Lang lang = view.lang;
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(model::ToString(lang)) + "\">\n";
  out += "<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<meta name=\"generator\" content=\"netfix " + H(view.netfix_version) + "\">\n";
  out += "<title>" + H(view.title) + "</title>\n<style>" + HtmlStyleSheet() +
         "</style>\n</head>\n<body>\n<main>\n";
  out += "<header>\n<h1>" + H(view.title) + "</h1>\n<div class=\"box\"><dl class=\"facts\">\n";
  for (const DiffSideView* side : {&view.before, &view.after})
    out += "<dt>" + H(side->label) + "</dt><dd>" + H(SideLine(*side, lang)) + "</dd>\n";
  out += "</dl></div>\n</header>\n";

  const char* tone = view.status == "worse" ? "error" : view.status == "better" ? "ok" : "";
  out += "<section id=\"verdict\">\n<h2>" + H(Text(Str::kVerdict, lang)) + "</h2>\n";
  out += std::string("<div class=\"box verdict ") + tone + "\">\n<p class=\"headline\">" +
         H(view.headline) + "</p>\n</div>\n</section>\n";

  if (NoFindings(view)) out += "<p>" + H(Text(Str::kDiffNoProblems, lang)) + "</p>\n";
  static const char* kIds[] = {"fixed", "new", "remaining", "first-checked", "not-rechecked"};
  int index = 0;
  for (const Group& group : Groups(view)) {
    const char* id = kIds[index++];
    if (group.findings->empty()) continue;
    out += std::string("<section id=\"") + id + "\">\n<h2>" + H(Text(group.heading, lang)) +
           "</h2>\n<ul>\n";
    for (const DiffFinding& f : *group.findings) {
      out += std::string("<li><span class=\"badge ") + model::ToString(f.severity) + "\">" +
             H(SeverityLabel(f.severity, lang)) + "</span><strong>" + H(f.title) + "</strong>";
      if (!f.subject.empty()) out += " (" + H(f.subject) + ")";
      out += " <span class=\"muted\">· <code>" + H(f.check) + "</code></span></li>\n";
    }
    out += "</ul>\n</section>\n";
  }

  out += "<section id=\"changes\">\n<h2>" + H(Text(Str::kDiffChanges, lang)) + "</h2>\n";
  if (view.changes.empty()) {
    out += "<p>" + H(Text(Str::kDiffNoChanges, lang)) + "</p>\n";
  } else {
    out += "<div class=\"table-wrap\"><table>\n<thead><tr>";
    for (Str key : {Str::kColMeasurement, Str::kDiffBefore, Str::kDiffAfter, Str::kDiffColChange})
      out += "<th scope=\"col\">" + H(Text(key, lang)) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    // Numbers stay on one line ("−61 dBm"); words may wrap on a phone.
    auto cell = [](const DiffValue& v) {
      return (v.number ? "<td class=\"addr\">" : "<td>") + H(v.text) + "</td>";
    };
    for (const DiffChange& c : view.changes)
      out += "<tr><td>" + H(c.what) + "</td>" + cell(c.before) + cell(c.after) +
             "<td><span class=\"" + DirectionClass(c.direction) + "\">" +
             H(Text(DirectionKey(c.direction), lang)) + "</span></td></tr>\n";
    out += "</tbody>\n</table></div>\n";
  }
  out += "<p class=\"muted\">" + H(view.thresholds_text) + "</p>\n</section>\n";
  out += "<footer>" + H(Text(Str::kCreatedBy, lang, {{"version", view.netfix_version}})) +
         "</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

// ---- JSON --------------------------------------------------------------------------------

namespace {

using nlohmann::json;

json FindingsJson(const std::vector<DiffFinding>& findings) {
  json list = json::array();
  for (const DiffFinding& f : findings)
    list.push_back({{"check", f.check},
                    {"severity", model::ToString(f.severity)},
                    {"area", f.area},
                    {"subject", f.subject},
                    {"title", f.title}});
  return list;
}

json ValueJson(const DiffValue& v) {
  if (v.number) return *v.number;
  if (!v.id.empty()) return v.id;
  return nullptr;
}

json SideJson(const DiffSideView& side) {
  return {{"meta", side.meta},
          {"counts", {{"error", side.errors}, {"warning", side.warnings}, {"info", side.infos}}}};
}

}  // namespace

std::string RenderDiffJson(const DiffView& view) {
  json changes = json::array();
  for (const DiffChange& c : view.changes) {
    json j = {{"kind", c.kind},
              {"subject", c.subject},
              {"what", c.what},
              {"unit", c.unit},
              {"before", ValueJson(c.before)},
              {"after", ValueJson(c.after)},
              {"before_text", c.before.text},
              {"after_text", c.after.text},
              {"direction", ToString(c.direction)}};
    if (!c.band.empty()) j["band"] = c.band;
    changes.push_back(std::move(j));
  }
  const DiffThresholds& t = view.thresholds;
  json j = json::object();
  j["schema"] = kDiffSchema;
  j["netfix_version"] = view.netfix_version;
  j["lang"] = model::ToString(view.lang);
  j["verdict"] = {{"status", view.status},
                  {"summary", view.headline},
                  {"fail_on", model::ToString(view.fail_on)}};
  j["before"] = SideJson(view.before);
  j["after"] = SideJson(view.after);
  j["findings"] = {{"resolved", FindingsJson(view.resolved)},
                   {"new", FindingsJson(view.added)},
                   {"remaining", FindingsJson(view.remaining)},
                   {"first_checked", FindingsJson(view.first_checked)},
                   {"not_rechecked", FindingsJson(view.not_rechecked)}};
  j["changes"] = changes;
  j["thresholds"] = {{"signal_db", t.signal_db},
                     {"time_ms", t.time_ms},
                     {"time_percent", t.time_percent},
                     {"loss_points", t.loss_points}};
  return model::DumpJson(j);
}

}  // namespace netfix::report
