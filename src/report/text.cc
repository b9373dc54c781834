// The terminal report: verdict first, then the fixes worst first, then what
// netfix saw. One function per section, each reading only the view.
#include <string>

#include "report/report.h"
#include "report/strings.h"
#include "report/text_layout.h"
#include "report/view.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

constexpr int kIndent = 2;      // section content
constexpr int kBodyIndent = 5;  // the body of a numbered finding ("  1. ")

struct Context {
  const ReportView& view;
  TextWriter& out;
  Lang lang() const { return view.lang; }
  const char* T(Str key) const { return Text(key, view.lang); }
};

Style SeverityStyle(model::Severity severity) {
  switch (severity) {
    case model::Severity::kError: return Style::kError;
    case model::Severity::kWarning: return Style::kWarning;
    case model::Severity::kInfo: return Style::kInfo;
  }
  return Style::kPlain;
}

Piece Badge(model::Severity severity, Lang lang) {
  return {"[" + std::string(SeverityLabel(severity, lang)) + "]", SeverityStyle(severity)};
}

Pieces SpansToPieces(const std::vector<Span>& spans, bool color) {
  Pieces pieces;
  for (const Span& span : spans) {
    if (!span.code)
      pieces.push_back({span.text, Style::kPlain});
    else if (color)
      pieces.push_back({span.text, Style::kCode});
    else
      pieces.push_back({"`" + span.text + "`", Style::kPlain});  // keeps commands apart
  }
  return pieces;
}

// Paragraphs separated by a blank line; list items as lists, numbered again
// from the first item of each list.
void WriteRichText(TextWriter& out, const RichText& text, int indent) {
  Block::Kind previous = Block::Kind::kParagraph;
  int number = 0;
  bool first = true;
  for (const Block& block : text.blocks) {
    bool continues_list = !first && block.kind == previous && block.kind != Block::Kind::kParagraph;
    if (!first && !continues_list) out.Blank();
    Pieces pieces = SpansToPieces(block.spans, out.color());
    switch (block.kind) {
      case Block::Kind::kParagraph: out.Paragraph(pieces, indent); break;
      case Block::Kind::kOrderedItem:
        number = continues_list ? number + 1 : block.number;
        out.Paragraph(pieces, indent, {{std::to_string(number) + ". "}});
        break;
      case Block::Kind::kBulletItem: out.Paragraph(pieces, indent, {{"• "}}); break;
    }
    previous = block.kind;
    first = false;
  }
}

void WriteTitle(const Context& c) {
  Pieces line = {{c.view.title, Style::kBold}};
  for (const auto& meta : c.view.meta) line.push_back({" · " + meta, Style::kDim});
  c.out.Paragraph(line, 0);
}

// The light's symbol (view.h), in its color.
Piece LightPiece(Light light) {
  Style style = light == Light::kRed      ? Style::kError
                : light == Light::kYellow ? Style::kWarning
                : light == Light::kGreen  ? Style::kOk
                                          : Style::kDim;
  return {std::string(LightMark(light)) + " ", style};
}

// "● Internet: ok", "▲ Wi-Fi: could be better (2 warnings)".
void WriteAreaLights(const Context& c) {
  const auto& areas = c.view.verdict.areas;
  if (areas.empty()) return;
  c.out.Blank();
  for (const AreaLight& area : areas) {
    Piece mark = LightPiece(area.light);
    Pieces line = {{area.label + ": ", Style::kBold}, {area.status, mark.style}};
    std::vector<std::string> counts;
    if (area.errors)
      counts.push_back(SeverityCount(model::Severity::kError, area.errors, c.lang()));
    if (area.warnings)
      counts.push_back(SeverityCount(model::Severity::kWarning, area.warnings, c.lang()));
    if (!counts.empty()) line.push_back({" (" + util::Join(counts, ", ") + ")", Style::kDim});
    c.out.Paragraph(line, kIndent, {mark});
  }
}

void WriteVerdict(const Context& c) {
  const Verdict& verdict = c.view.verdict;
  c.out.Heading(c.T(Str::kVerdict));
  Piece mark = verdict.ok           ? Piece{"✔ ", Style::kOk}
               : verdict.errors > 0 ? Piece{"✖ ", Style::kError}
                                    : Piece{"▲ ", Style::kWarning};
  c.out.Paragraph({{verdict.headline, Style::kBold}}, kIndent, {mark});
  if (verdict.first >= 0) {
    const FindingView& first = c.view.findings[verdict.first];
    Pieces fix = {{c.T(Str::kFixFirst)}, {" " + first.title, Style::kBold}};
    if (!first.subject.empty()) fix.push_back({" (" + first.subject + ")"});
    c.out.Paragraph(fix, kIndent + 2);
  }
  if (verdict.interrupted) {
    Pieces line = {{c.T(Str::kInterrupted), Style::kWarning}};
    if (!verdict.interrupt_reason.empty()) line.push_back({" (" + verdict.interrupt_reason + ")"});
    c.out.Paragraph(line, kIndent, {{"! ", Style::kWarning}});
  }
  WriteAreaLights(c);
  if (!verdict.not_checked.empty()) {
    c.out.Blank();
    c.out.Paragraph({{c.T(Str::kNotChecked)}}, kIndent);
    for (const auto& group : verdict.not_checked_groups) {
      c.out.Paragraph({{group.title, Style::kBold},
                       {" (" + util::Join(group.ids, ", ") + ")", Style::kDim},
                       {": " + group.reason_text}},
                      kIndent, {{"• "}});
    }
  }
}

void WriteFinding(const Context& c, const FindingView& f, int number) {
  if (number > 1) c.out.Blank();
  c.out.Paragraph({Badge(f.severity, c.lang()), {" " + f.title, Style::kBold}}, kIndent,
                  {{std::to_string(number) + ". "}});
  std::string about;
  if (!f.subject.empty()) about = std::string(c.T(Str::kAffects)) + ": " + f.subject + " · ";
  about += std::string(c.T(Str::kCheck)) + ": " + f.check;
  c.out.Paragraph({{about, Style::kDim}}, kBodyIndent);

  auto section = [&](Str heading, const RichText& text) {
    if (text.empty()) return;
    c.out.Blank();
    c.out.Paragraph({{c.T(heading), Style::kBold}}, kBodyIndent);
    WriteRichText(c.out, text, kBodyIndent);
  };
  if (!f.found.empty()) {
    c.out.Blank();
    WriteRichText(c.out, f.found, kBodyIndent);
  }
  section(Str::kWhyItMatters, f.why);
  if (!f.evidence.empty()) {
    c.out.Blank();
    c.out.Paragraph({{c.T(Str::kEvidence), Style::kBold}}, kBodyIndent);
    for (const auto& e : f.evidence) {
      c.out.Paragraph({{e.what + ": " + e.value}, {" [" + e.probe + "]", Style::kDim}}, kBodyIndent,
                      {{"• "}});
    }
  }
  section(Str::kForCustomer, f.customer);
  if (!f.device_steps.empty()) {
    c.out.Blank();
    c.out.Paragraph({{f.device_steps_heading, Style::kBold}}, kBodyIndent);
    if (!f.admin_url.empty())
      c.out.Paragraph({{std::string(c.T(Str::kAdminPage)) + ": "}, {f.admin_url, Style::kCode}},
                      kBodyIndent);
    WriteRichText(c.out, f.device_steps, kBodyIndent);
  }
  section(Str::kForTechnician, f.technician);
  section(Str::kExpectedEffect, f.effect);
}

void WriteFindings(const Context& c) {
  if (c.view.findings.empty()) return;
  c.out.Heading(c.T(Str::kWhatToFix));
  int number = 1;
  for (const FindingView& f : c.view.findings) WriteFinding(c, f, number++);
}

void WriteFollowOn(const Context& c) {
  if (c.view.suppressed.empty()) return;
  c.out.Heading(c.T(Str::kFollowOn));
  c.out.Paragraph({{c.T(Str::kFollowOnIntro)}}, kIndent);
  for (const FindingView& f : c.view.suppressed) {
    Pieces line = {Badge(f.severity, c.lang()), {" " + f.title}};
    if (!f.subject.empty()) line.push_back({" (" + f.subject + ")"});
    if (!f.explained_by_title.empty())
      line.push_back(
          {" – " + Text(Str::kReasonFollowOn, c.lang(), {{"title", f.explained_by_title}}),
           Style::kDim});
    c.out.Paragraph(line, kIndent, {{"• "}});
  }
}

void WriteNetwork(const Context& c) {
  c.out.Heading(c.T(Str::kYourNetwork));
  std::vector<Pieces> rows;
  for (const Fact& fact : c.view.network) rows.push_back({{fact.label}, {fact.value}});
  c.out.Table({{}, {}}, rows, kIndent);
}

void WriteDevices(const Context& c) {
  c.out.Heading(c.T(Str::kDevices));
  if (c.view.devices.empty()) {
    c.out.Paragraph({{c.T(Str::kNoDevices)}}, kIndent);
    return;
  }
  // The device map: one table per role group. One line per device on an
  // 80-column terminal: long names are cut, and how a device was seen (a
  // technician's detail) is left to the other formats and to
  // `netfix devices --facts`.
  bool first = true;
  for (const DeviceGroup& group : c.view.device_groups) {
    if (!first) c.out.Blank();
    first = false;
    c.out.Paragraph({{group.title, Style::kBold}}, kIndent);
    std::vector<Pieces> rows;
    for (const DeviceView& d : group.devices) {
      Piece name = d.name.empty() ? Piece{c.T(Str::kVendorUnknown), Style::kDim} : Piece{d.name};
      std::string address =
          d.ipv4.empty() ? (d.ipv6.empty() ? "-" : d.ipv6.front()) : util::Join(d.ipv4, ", ");
      rows.push_back({{address}, {d.mac.empty() ? "-" : d.mac}, name, {d.kind}});
    }
    c.out.Table({{c.T(Str::kColIpAddress)},
                 {c.T(Str::kColMacAddress)},
                 {c.T(Str::kColDevice), /*truncate=*/true},
                 {c.T(Str::kColRole)}},
                rows, kIndent);
  }
}

void WriteMeasurements(const Context& c) {
  if (c.view.measurements.empty()) return;
  c.out.Heading(c.T(Str::kMeasurements));
  std::vector<Pieces> rows;
  for (const Fact& line : c.view.measurements.lines) rows.push_back({{line.label}, {line.value}});
  c.out.Table({{}, {}}, rows, kIndent);
}

Style GradeStyle(const std::optional<link::Grade>& grade) {
  if (!grade) return Style::kPlain;
  if (*grade <= link::Grade::kB) return Style::kOk;
  return *grade == link::Grade::kC ? Style::kWarning : Style::kError;
}

void WriteLink(const Context& c) {
  if (!c.view.link) return;
  const LinkSectionView& l = *c.view.link;
  auto columns_of = [](const std::vector<std::string>& headers) {
    std::vector<TextWriter::Column> columns;
    for (const auto& h : headers) columns.push_back({h});
    return columns;
  };
  auto rows_of = [](const std::vector<std::vector<std::string>>& cells) {
    std::vector<Pieces> rows;
    for (const auto& row : cells) {
      Pieces pieces;
      for (const auto& cell : row) pieces.push_back({cell});
      rows.push_back(std::move(pieces));
    }
    return rows;
  };
  c.out.Heading(c.T(Str::kLink));
  if (!l.rtt_rows.empty()) {
    c.out.Paragraph({{c.T(Str::kLinkRoundTrips), Style::kBold}}, kIndent);
    c.out.Table(columns_of(l.rtt_headers), rows_of(l.rtt_rows), kIndent);
  }
  if (!l.speed_rows.empty()) {
    c.out.Blank();
    c.out.Paragraph({{c.T(Str::kLinkSpeed), Style::kBold}}, kIndent);
    std::vector<Pieces> rows = rows_of(l.speed_rows);
    for (size_t i = 0; i < rows.size() && i < l.legs.size(); ++i)
      rows[i].back().style = GradeStyle(l.legs[i].summary.grade);
    c.out.Table(columns_of(l.speed_headers), rows, kIndent);
    if (!l.contract_line.empty())
      c.out.Paragraph({{std::string(c.T(Str::kLinkContract)) + ": " + l.contract_line}}, kIndent);
    c.out.Paragraph({{l.grade_note, Style::kDim}}, kIndent);
  }
  if (!l.receivers.empty()) {
    c.out.Blank();
    c.out.Paragraph({{c.T(Str::kLinkReceivers), Style::kBold}}, kIndent);
    std::vector<Pieces> rows;
    for (const auto& r : l.receivers) {
      Style style = !r.enough ? Style::kPlain : *r.enough ? Style::kOk : Style::kError;
      rows.push_back({{r.name == r.ip ? r.ip : r.name + " (" + r.ip + ")"}, {r.line, style}});
    }
    c.out.Table({{}, {}}, rows, kIndent);
  }
}

Style LevelStyle(SignalLevel level) {
  switch (level) {
    case SignalLevel::kVideo: return Style::kOk;
    case SignalLevel::kBrowsing: return Style::kWarning;
    default: break;
  }
  return Style::kError;
}

void WriteWifi(const Context& c) {
  if (!c.view.wifi) return;
  const WifiSectionView& w = *c.view.wifi;
  WifiTables t = MakeWifiTables(w, c.lang());
  c.out.Heading(c.T(Str::kWifi));
  std::vector<Pieces> facts;
  if (!w.own_ssids.empty())
    facts.push_back({{c.T(Str::kWifiYourNetwork)}, {w.own_ssids + " (" + w.own_how + ")"}});
  for (const auto& line : AccessPointLines(w))
    facts.push_back({{c.T(Str::kWifiAccessPoints)}, {line}});
  c.out.Table({{}, {}}, facts, kIndent);

  c.out.Blank();
  c.out.Paragraph({{c.T(Str::kWifiRooms), Style::kBold}}, kIndent);
  std::vector<TextWriter::Column> columns;
  for (const auto& h : t.room_headers) columns.push_back({h});
  std::vector<Pieces> rows;
  for (size_t i = 0; i < t.rooms.size(); ++i) {
    Pieces row;
    for (const auto& cell : t.rooms[i]) row.push_back({cell});
    row.back().style = LevelStyle(w.rooms[i].level);
    rows.push_back(row);
  }
  c.out.Table(columns, rows, kIndent);
  c.out.Paragraph({{Text(Str::kWifiThresholds, c.lang(),
                         {{"video", DbmLabel(w.video_dbm)},
                          {"browsing", DbmLabel(w.browsing_dbm)},
                          {"unusable", DbmLabel(w.unusable_dbm)}}),
                    Style::kDim}},
                  kIndent);

  c.out.Blank();
  c.out.Paragraph({{c.T(Str::kWifiChannels), Style::kBold}}, kIndent);
  rows.clear();
  for (const auto& row : t.channels) rows.push_back({{row[0]}, {row[1]}, {row[2]}});
  c.out.Table({{t.channel_headers[0]}, {t.channel_headers[1]}, {t.channel_headers[2]}}, rows,
              kIndent);
}

Style OutcomeStyle(model::CheckOutcome outcome) {
  switch (outcome) {
    case model::CheckOutcome::kPassed: return Style::kOk;
    case model::CheckOutcome::kFired: return Style::kError;
    case model::CheckOutcome::kSkipped: return Style::kWarning;
    case model::CheckOutcome::kSuppressed: return Style::kDim;
  }
  return Style::kPlain;
}

void WriteChecks(const Context& c) {
  if (c.view.checks.empty()) return;
  c.out.Paragraph({{c.T(Str::kChecks), Style::kBold}}, kIndent);
  std::vector<Pieces> rows;
  for (const CheckView& check : c.view.checks) {
    rows.push_back({{check.id},
                    {OutcomeLabel(check.outcome, c.lang()), OutcomeStyle(check.outcome)},
                    {check.reason_text}});
  }
  c.out.Table({{c.T(Str::kColCheck)}, {c.T(Str::kColResult)}, {c.T(Str::kColReason)}}, rows,
              kIndent);
}

Style StatusStyle(model::ProbeStatus status) {
  switch (status) {
    case model::ProbeStatus::kOk: return Style::kOk;
    case model::ProbeStatus::kSkipped: return Style::kWarning;
    case model::ProbeStatus::kFailed: return Style::kError;
  }
  return Style::kPlain;
}

void WriteProbeLog(const Context& c) {
  if (c.view.probes.empty()) return;
  c.out.Blank();
  c.out.Paragraph({{c.T(Str::kProbeLog), Style::kBold}}, kIndent);
  std::vector<Pieces> rows;
  for (const ProbeView& p : c.view.probes) {
    std::string details = ProbeDetails(p, c.lang());
    rows.push_back({{p.id}, {p.status_text, StatusStyle(p.status)}, {p.duration}, {details}});
  }
  c.out.Table({{c.T(Str::kColMeasurement)},
               {c.T(Str::kColStatus)},
               {c.T(Str::kColDuration)},
               {c.T(Str::kColDetails)}},
              rows, kIndent);
}

void WriteNotes(const Context& c) {
  if (c.view.notes.empty()) return;
  c.out.Heading(c.T(Str::kNotes));
  for (const auto& note : c.view.notes) c.out.Paragraph({{note}}, kIndent, {{"• "}});
}

void WriteFooter(const Context& c) {
  c.out.Blank();
  c.out.Paragraph(
      {{Text(Str::kCreatedBy, c.lang(), {{"version", c.view.netfix_version}}), Style::kDim}}, 0);
}

}  // namespace

std::string RenderText(const Report& report, const TextOptions& options) {
  ReportView view = BuildView(report);
  TextWriter out(options.width, options.color);
  Context c{view, out};
  WriteTitle(c);
  WriteVerdict(c);
  WriteFindings(c);
  WriteFollowOn(c);
  WriteNetwork(c);
  WriteDevices(c);
  WriteWifi(c);
  WriteMeasurements(c);
  WriteLink(c);
  if (!c.view.checks.empty() || !c.view.probes.empty()) c.out.Heading(c.T(Str::kAppendix));
  WriteChecks(c);
  WriteProbeLog(c);
  WriteNotes(c);
  WriteFooter(c);
  return out.str();
}

}  // namespace netfix::report
