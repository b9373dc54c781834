// The HTML report: one self-contained file (inline CSS, no scripts, no
// fonts, no images, no links out) that reads well on a phone and prints
// cleanly. Every text, ours included, is escaped with EscapeHtml.
#include <string>

#include "report/html_style.h"
#include "report/report.h"
#include "report/sanitize.h"
#include "report/strings.h"
#include "report/view.h"
#include "report/wifi_svg.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

// Light by default; dark only on screens that ask for it, so that print is
// always black on white. Tables scroll inside their wrapper on narrow
// screens instead of widening the page; on paper they wrap to the page width.
// tests/html/chromium_test.py renders the report and measures all of this.
constexpr const char* kStyle = R"css(
:root{--fg:#1d2330;--muted:#5b6473;--bg:#f5f6f8;--card:#fff;--line:#dde1e7;
--error:#c62828;--error-bg:#fdecea;--warning:#9a5b00;--warning-bg:#fff4e0;
--info:#1565c0;--info-bg:#e8f1fc;--ok:#2e7d32;--ok-bg:#e8f5e9;--on-badge:#fff}
@media screen and (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#a3aab5;--bg:#14171c;
--card:#1d2229;--line:#313843;--error:#ff8a80;--error-bg:#3b1f1f;--warning:#ffcc80;
--warning-bg:#3a2f1b;--info:#90caf9;--info-bg:#1a2b3c;--ok:#a5d6a7;--ok-bg:#1c3321;
--on-badge:#14171c}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
overflow-wrap:break-word}
main{max-width:50rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.6rem;line-height:1.2;margin:.75rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;line-height:1.35;margin:0}
h4{font-size:.95rem;margin:1.1rem 0 .3rem}
p{margin:.5rem 0}
ol,ul{margin:.4rem 0;padding-left:1.6rem}
li{margin:.25rem 0}
.meta,.about,.muted,footer{color:var(--muted)}
.about{font-size:.9rem;margin:.35rem 0 0}
.box{background:var(--card);border:1px solid var(--line);border-left:.4rem solid var(--info);
border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0}
.box.error{border-left-color:var(--error)}
.box.warning{border-left-color:var(--warning)}
.box.ok{border-left-color:var(--ok)}
.verdict.error{background:var(--error-bg)}
.verdict.warning{background:var(--warning-bg)}
.verdict.ok{background:var(--ok-bg)}
.verdict a{color:inherit}
.headline{font-size:1.2rem;font-weight:650;margin:0}
.alert{font-weight:600;color:var(--warning)}
.badge{display:inline-block;font-size:.78rem;font-weight:700;letter-spacing:.02em;
padding:.1rem .6rem;margin-right:.5rem;border-radius:1rem;vertical-align:.12rem;
color:var(--on-badge);background:var(--info)}
.badge.error{background:var(--error)}
.badge.warning{background:var(--warning)}
.lights{list-style:none;padding:0;margin:.75rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem}
.light{display:inline-flex;align-items:baseline;gap:.35rem;margin:0;padding:.2rem .75rem;
border-radius:1rem;font-size:.9rem;border:1px solid var(--line);background:var(--card)}
.light .dot{font-size:.8rem}
.light.error{border-color:var(--error)}.light.error .dot{color:var(--error)}
.light.warning{border-color:var(--warning)}.light.warning .dot{color:var(--warning)}
.light.ok{border-color:var(--ok)}.light.ok .dot{color:var(--ok)}
.light.not-checked{color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;
background:var(--bg);border:1px solid var(--line);border-radius:.3rem;padding:0 .3rem;
overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;background:var(--card);
border:1px solid var(--line);border-radius:.6rem;margin:.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .75rem;border-bottom:1px solid var(--line)}
th{white-space:nowrap;background:var(--bg);font-weight:600}
tr:last-child td{border-bottom:0}
td.addr{white-space:nowrap;font-variant-numeric:tabular-nums}
.s-ok{color:var(--ok)}.s-warning{color:var(--warning)}.s-error{color:var(--error)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
h3.sub{margin:1.25rem 0 .5rem}
figure{margin:.5rem 0;background:#fff;color:#1d2330;border:1px solid var(--line);border-radius:.6rem;
padding:.5rem}
figure figcaption{color:#5b6473}
svg.chart{display:block;width:100%;height:auto;max-width:100%}
figcaption{font-size:.85rem;margin:.25rem .25rem 0}
footer{font-size:.85rem;text-align:center;margin-top:2.5rem}
@media (max-width:36rem){main{padding:.75rem .75rem 2rem}.box{padding:.85rem 1rem}
dl.facts{grid-template-columns:1fr;gap:0}dd{margin-bottom:.5rem}
figure{margin:.5rem -.75rem;padding:.5rem .25rem;border-radius:0;border-width:1px 0}}
@media print{body{background:#fff;color:#000;font-size:10.5pt}main{max-width:none;padding:0}
h2,h3,h4{break-after:avoid}.box,figure,tr{break-inside:avoid}.box{background:#fff}
article.finding{break-inside:auto}
.table-wrap{overflow:visible;border:0}th{background:#eee;white-space:normal}
table{font-size:8.5pt}th,td{padding:.2rem .4rem}td{overflow-wrap:anywhere}
.badge{color:#000;background:none;border:1px solid #000}}
)css";

struct Context {
  const ReportView& view;
  std::string& out;
  Lang lang() const { return view.lang; }
  const char* T(Str key) const { return Text(key, view.lang); }
};

std::string H(std::string_view text) {
  return EscapeHtml(text);
}

const char* SeverityClass(model::Severity severity) {
  return model::ToString(severity);
}

std::string Badge(model::Severity severity, Lang lang) {
  return std::string("<span class=\"badge ") + SeverityClass(severity) + "\">" +
         H(SeverityLabel(severity, lang)) + "</span>";
}

std::string Inline(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& span : spans)
    out += span.code ? "<code>" + H(span.text) + "</code>" : H(span.text);
  return out;
}

// Paragraphs as <p>; runs of items as one <ol>/<ul> (an <ol> starts at the
// first item's number).
void WriteRichText(std::string& out, const RichText& text) {
  const std::vector<Block>& blocks = text.blocks;
  for (size_t i = 0; i < blocks.size();) {
    const Block& block = blocks[i];
    if (block.kind == Block::Kind::kParagraph) {
      out += "<p>" + Inline(block.spans) + "</p>\n";
      ++i;
      continue;
    }
    bool ordered = block.kind == Block::Kind::kOrderedItem;
    if (ordered && block.number != 1)
      out += "<ol start=\"" + std::to_string(block.number) + "\">\n";
    else
      out += ordered ? "<ol>\n" : "<ul>\n";
    for (; i < blocks.size() && blocks[i].kind == block.kind; ++i)
      out += "<li>" + Inline(blocks[i].spans) + "</li>\n";
    out += ordered ? "</ol>\n" : "</ul>\n";
  }
}

void WriteTable(std::string& out, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows, size_t address_columns = 0) {
  out += "<div class=\"table-wrap\"><table>\n<thead><tr>";
  for (const auto& h : headers) out += "<th scope=\"col\">" + H(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    // Cells are already escaped HTML (some carry a status class).
    for (size_t c = 0; c < row.size(); ++c)
      out += (c < address_columns ? "<td class=\"addr\">" : "<td>") + row[c] + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
}

std::string Colored(std::string_view text, const char* css_class) {
  return std::string("<span class=\"") + css_class + "\">" + H(text) + "</span>";
}

void WriteHead(const Context& c) {
  std::string title = c.view.title;
  if (!c.view.meta.empty()) title += " – " + c.view.meta.front();
  c.out += "<!DOCTYPE html>\n<html lang=\"" + std::string(model::ToString(c.lang())) + "\">\n";
  c.out += "<head>\n<meta charset=\"utf-8\">\n";
  c.out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  c.out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  c.out += "<meta name=\"generator\" content=\"netfix " + H(c.view.netfix_version) + "\">\n";
  c.out +=
      "<title>" + H(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n";
  c.out += "<header>\n<h1>" + H(c.view.title) + "</h1>\n";
  if (!c.view.meta.empty())
    c.out += "<p class=\"meta\">" + H(util::Join(c.view.meta, " · ")) + "</p>\n";
  c.out += "</header>\n";
}

// One pill per area: symbol, area, status in words.
void WriteAreaLights(const Context& c) {
  if (c.view.verdict.areas.empty()) return;
  c.out += "<ul class=\"lights\">\n";
  for (const AreaLight& area : c.view.verdict.areas) {
    c.out += std::string("<li class=\"light ") + LightId(area.light) + "\" data-area=\"" +
             H(area.id) + "\"><span class=\"dot\" aria-hidden=\"true\">" + LightMark(area.light) +
             "</span> <strong>" + H(area.label) + ":</strong> " + H(area.status) + "</li>\n";
  }
  c.out += "</ul>\n";
}

void WriteVerdict(const Context& c) {
  const Verdict& v = c.view.verdict;
  const char* tone = v.ok ? "ok" : v.errors > 0 ? "error" : "warning";
  const char* mark = v.ok ? "✔" : v.errors > 0 ? "✖" : "▲";
  c.out += "<section id=\"verdict\">\n<h2>" + H(c.T(Str::kVerdict)) + "</h2>\n";
  c.out += std::string("<div class=\"box verdict ") + tone + "\">\n";
  c.out += std::string("<p class=\"headline\"><span aria-hidden=\"true\">") + mark + "</span> " +
           H(v.headline) + "</p>\n";
  if (v.first >= 0) {
    const FindingView& first = c.view.findings[v.first];
    c.out += "<p>" + H(c.T(Str::kFixFirst)) + " <a href=\"#finding-" + std::to_string(v.first + 1) +
             "\"><strong>" + H(first.title) + "</strong></a>";
    if (!first.subject.empty()) c.out += " (" + H(first.subject) + ")";
    c.out += "</p>\n";
  }
  if (v.interrupted) {
    c.out += "<p class=\"alert\">" + H(c.T(Str::kInterrupted));
    if (!v.interrupt_reason.empty()) c.out += " (" + H(v.interrupt_reason) + ")";
    c.out += "</p>\n";
  }
  WriteAreaLights(c);
  if (!v.not_checked.empty()) {
    c.out += "<p>" + H(c.T(Str::kNotChecked)) + "</p>\n<ul>\n";
    for (const auto& group : v.not_checked_groups) {
      std::vector<std::string> ids;
      for (const auto& id : group.ids) ids.push_back("<code>" + H(id) + "</code>");
      c.out += "<li><strong>" + H(group.title) + "</strong> (" + util::Join(ids, ", ") +
               "): " + H(group.reason_text) + "</li>\n";
    }
    c.out += "</ul>\n";
  }
  c.out += "</div>\n</section>\n";
}

void WriteFinding(const Context& c, const FindingView& f, int number) {
  c.out += std::string("<article class=\"box finding ") + SeverityClass(f.severity) +
           "\" id=\"finding-" + std::to_string(number) + "\">\n";
  c.out += "<h3>" + Badge(f.severity, c.lang()) + H(f.title) + "</h3>\n";
  c.out += "<p class=\"about\">";
  if (!f.subject.empty()) c.out += H(c.T(Str::kAffects)) + ": " + H(f.subject) + " · ";
  c.out += H(c.T(Str::kCheck)) + ": <code>" + H(f.check) + "</code></p>\n";
  WriteRichText(c.out, f.found);
  auto section = [&](Str heading, const RichText& text) {
    if (text.empty()) return;
    c.out += "<h4>" + H(c.T(heading)) + "</h4>\n";
    WriteRichText(c.out, text);
  };
  section(Str::kWhyItMatters, f.why);
  if (!f.evidence.empty()) {
    c.out += "<h4>" + H(c.T(Str::kEvidence)) + "</h4>\n<ul>\n";
    for (const auto& e : f.evidence)
      c.out += "<li>" + H(e.what) + ": <strong>" + H(e.value) +
               "</strong> <span class=\"muted\">(" + H(e.probe) + ")</span></li>\n";
    c.out += "</ul>\n";
  }
  section(Str::kForCustomer, f.customer);
  if (!f.device_steps.empty()) {
    c.out += "<h4>" + H(f.device_steps_heading) + "</h4>\n";
    if (!f.admin_url.empty())
      c.out += "<p>" + H(c.T(Str::kAdminPage)) + ": <code>" + H(f.admin_url) + "</code></p>\n";
    WriteRichText(c.out, f.device_steps);
  }
  section(Str::kForTechnician, f.technician);
  section(Str::kExpectedEffect, f.effect);
  c.out += "</article>\n";
}

void WriteFindings(const Context& c) {
  if (c.view.findings.empty()) return;
  c.out += "<section id=\"fixes\">\n<h2>" + H(c.T(Str::kWhatToFix)) + "</h2>\n";
  int number = 1;
  for (const FindingView& f : c.view.findings) WriteFinding(c, f, number++);
  c.out += "</section>\n";
}

void WriteFollowOn(const Context& c) {
  if (c.view.suppressed.empty()) return;
  c.out += "<section id=\"follow-on\">\n<h2>" + H(c.T(Str::kFollowOn)) + "</h2>\n";
  c.out += "<p>" + H(c.T(Str::kFollowOnIntro)) + "</p>\n<ul>\n";
  for (const FindingView& f : c.view.suppressed) {
    c.out += "<li>" + Badge(f.severity, c.lang()) + H(f.title);
    if (!f.subject.empty()) c.out += " (" + H(f.subject) + ")";
    if (!f.explained_by_title.empty())
      c.out += " <span class=\"muted\">– " +
               H(Text(Str::kReasonFollowOn, c.lang(), {{"title", f.explained_by_title}})) +
               "</span>";
    c.out += "</li>\n";
  }
  c.out += "</ul>\n</section>\n";
}

void WriteNetwork(const Context& c) {
  c.out += "<section id=\"network\">\n<h2>" + H(c.T(Str::kYourNetwork)) + "</h2>\n";
  c.out += "<div class=\"box\"><dl class=\"facts\">\n";
  for (const Fact& fact : c.view.network)
    c.out += "<dt>" + H(fact.label) + "</dt><dd>" + H(fact.value) + "</dd>\n";
  c.out += "</dl></div>\n</section>\n";
}

void WriteDevices(const Context& c) {
  c.out += "<section id=\"devices\">\n<h2>" + H(c.T(Str::kDevices)) + "</h2>\n";
  if (c.view.devices.empty()) {
    c.out += "<p>" + H(c.T(Str::kNoDevices)) + "</p>\n</section>\n";
    return;
  }
  for (const DeviceGroup& group : c.view.device_groups) {
    c.out += "<h3 class=\"sub\" id=\"devices-" + H(group.id) + "\">" + H(group.title) + "</h3>\n";
    std::vector<std::vector<std::string>> rows;
    for (const DeviceView& d : group.devices) {
      std::string vendor =
          d.vendor.empty() ? Colored(c.T(Str::kVendorUnknown), "muted") : H(d.vendor);
      rows.push_back({H(d.ipv4.empty() ? util::Join(d.ipv6, ", ") : util::Join(d.ipv4, ", ")),
                      H(d.mac), "<strong>" + H(d.name) + "</strong>", vendor, H(d.kind),
                      H(util::Join(d.seen_by, ", "))});
    }
    WriteTable(c.out,
               {c.T(Str::kColIpAddress), c.T(Str::kColMacAddress), c.T(Str::kColDevice),
                c.T(Str::kColVendor), c.T(Str::kColRole), c.T(Str::kColSeenVia)},
               rows, 2);
  }
  c.out += "</section>\n";
}

void WriteMeasurements(const Context& c) {
  if (c.view.measurements.empty()) return;
  c.out += "<section id=\"measurements\">\n<h2>" + H(c.T(Str::kMeasurements)) + "</h2>\n";
  c.out += "<div class=\"box\"><dl class=\"facts\">\n";
  for (const Fact& line : c.view.measurements.lines)
    c.out += "<dt>" + H(line.label) + "</dt><dd>" + H(line.value) + "</dd>\n";
  c.out += "</dl></div>\n</section>\n";
}

const char* GradeClass(const std::optional<link::Grade>& grade) {
  if (!grade) return "muted";
  if (*grade <= link::Grade::kB) return "s-ok";
  return *grade == link::Grade::kC ? "s-warning" : "s-error";
}

void WriteLink(const Context& c) {
  if (!c.view.link) return;
  const LinkSectionView& l = *c.view.link;
  auto escaped = [](const std::vector<std::vector<std::string>>& cells) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : cells) {
      rows.emplace_back();
      for (const auto& cell : row) rows.back().push_back(H(cell));
    }
    return rows;
  };
  c.out += "<section id=\"link\">\n<h2>" + H(c.T(Str::kLink)) + "</h2>\n";
  if (!l.rtt_rows.empty()) {
    c.out += "<h3 class=\"sub\">" + H(c.T(Str::kLinkRoundTrips)) + "</h3>\n";
    WriteTable(c.out, l.rtt_headers, escaped(l.rtt_rows));
  }
  if (!l.speed_rows.empty()) {
    c.out += "<h3 class=\"sub\">" + H(c.T(Str::kLinkSpeed)) + "</h3>\n";
    auto rows = escaped(l.speed_rows);
    for (size_t i = 0; i < rows.size() && i < l.legs.size(); ++i)
      rows[i].back() = Colored(l.speed_rows[i].back(), GradeClass(l.legs[i].summary.grade));
    WriteTable(c.out, l.speed_headers, rows);
    if (!l.contract_line.empty())
      c.out += "<p>" + H(c.T(Str::kLinkContract)) + ": " + H(l.contract_line) + "</p>\n";
    c.out += "<p class=\"muted\">" + H(l.grade_note) + "</p>\n";
  }
  if (!l.receivers.empty()) {
    c.out += "<h3 class=\"sub\">" + H(c.T(Str::kLinkReceivers)) + "</h3>\n";
    c.out += "<div class=\"box\"><dl class=\"facts\">\n";
    for (const auto& r : l.receivers) {
      const char* css = !r.enough ? "muted" : *r.enough ? "s-ok" : "s-error";
      c.out += "<dt>" + H(r.name == r.ip ? r.ip : r.name + " (" + r.ip + ")") + "</dt><dd>" +
               Colored(r.line, css) + "</dd>\n";
    }
    c.out += "</dl></div>\n";
  }
  c.out += "</section>\n";
}

const char* LevelClass(SignalLevel level) {
  switch (level) {
    case SignalLevel::kVideo: return "s-ok";
    case SignalLevel::kBrowsing: return "s-warning";
    default: break;
  }
  return "s-error";
}

void WriteWifi(const Context& c) {
  if (!c.view.wifi) return;
  const WifiSectionView& w = *c.view.wifi;
  WifiTables t = MakeWifiTables(w, c.lang());
  c.out += "<section id=\"wifi\">\n<h2>" + H(c.T(Str::kWifi)) + "</h2>\n";
  c.out += "<div class=\"box\"><dl class=\"facts\">\n";
  if (!w.own_ssids.empty())
    c.out += "<dt>" + H(c.T(Str::kWifiYourNetwork)) + "</dt><dd><strong>" + H(w.own_ssids) +
             "</strong> <span class=\"muted\">(" + H(w.own_how) + ")</span></dd>\n";
  for (const auto& line : AccessPointLines(w))
    c.out += "<dt>" + H(c.T(Str::kWifiAccessPoints)) + "</dt><dd>" + H(line) + "</dd>\n";
  c.out += "</dl></div>\n";
  c.out += "<h3 class=\"sub\">" + H(c.T(Str::kWifiRooms)) + "</h3>\n<figure>" +
           CoverageChartSvg(w, c.lang()) + "<figcaption class=\"muted\">" +
           H(Text(Str::kWifiThresholds, c.lang(),
                  {{"video", DbmLabel(w.video_dbm)},
                   {"browsing", DbmLabel(w.browsing_dbm)},
                   {"unusable", DbmLabel(w.unusable_dbm)}})) +
           "</figcaption></figure>\n";
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < t.rooms.size(); ++i) {
    std::vector<std::string> row;
    for (const auto& cell : t.rooms[i]) row.push_back(H(cell));
    row.back() = Colored(t.rooms[i].back(), LevelClass(w.rooms[i].level));
    rows.push_back(std::move(row));
  }
  WriteTable(c.out, t.room_headers, rows);
  c.out += "<h3 class=\"sub\">" + H(c.T(Str::kWifiChannels)) + "</h3>\n";
  for (const char* band : {"2.4", "5", "6"}) {
    std::string svg = ChannelMapSvg(w, band, c.lang());
    if (!svg.empty()) c.out += "<figure>" + svg + "</figure>\n";
  }
  rows.clear();
  for (const auto& row : t.channels) rows.push_back({H(row[0]), H(row[1]), H(row[2])});
  WriteTable(c.out, t.channel_headers, rows);
  c.out += "</section>\n";
}

const char* OutcomeClass(model::CheckOutcome outcome) {
  switch (outcome) {
    case model::CheckOutcome::kPassed: return "s-ok";
    case model::CheckOutcome::kFired: return "s-error";
    case model::CheckOutcome::kSkipped: return "s-warning";
    case model::CheckOutcome::kSuppressed: return "muted";
  }
  return "muted";
}

void WriteChecks(const Context& c) {
  if (c.view.checks.empty()) return;
  c.out += "<section id=\"checks\">\n<h3 class=\"sub\">" + H(c.T(Str::kChecks)) + "</h3>\n";
  std::vector<std::vector<std::string>> rows;
  for (const CheckView& check : c.view.checks)
    rows.push_back({"<code>" + H(check.id) + "</code>",
                    Colored(OutcomeLabel(check.outcome, c.lang()), OutcomeClass(check.outcome)),
                    H(check.reason_text)});
  WriteTable(c.out, {c.T(Str::kColCheck), c.T(Str::kColResult), c.T(Str::kColReason)}, rows);
  c.out += "</section>\n";
}

const char* StatusClass(model::ProbeStatus status) {
  switch (status) {
    case model::ProbeStatus::kOk: return "s-ok";
    case model::ProbeStatus::kSkipped: return "s-warning";
    case model::ProbeStatus::kFailed: return "s-error";
  }
  return "muted";
}

void WriteProbeLog(const Context& c) {
  if (c.view.probes.empty()) return;
  c.out += "<section id=\"probes\">\n<h3 class=\"sub\">" + H(c.T(Str::kProbeLog)) + "</h3>\n";
  std::vector<std::vector<std::string>> rows;
  for (const ProbeView& p : c.view.probes)
    rows.push_back({"<code>" + H(p.id) + "</code>", Colored(p.status_text, StatusClass(p.status)),
                    H(p.duration), H(ProbeDetails(p, c.lang()))});
  WriteTable(c.out,
             {c.T(Str::kColMeasurement), c.T(Str::kColStatus), c.T(Str::kColDuration),
              c.T(Str::kColDetails)},
             rows);
  c.out += "</section>\n";
}

void WriteNotes(const Context& c) {
  if (c.view.notes.empty()) return;
  c.out += "<section id=\"notes\">\n<h2>" + H(c.T(Str::kNotes)) + "</h2>\n<ul>\n";
  for (const auto& note : c.view.notes) c.out += "<li>" + H(note) + "</li>\n";
  c.out += "</ul>\n</section>\n";
}

void WriteFoot(const Context& c) {
  c.out += "<footer>" + H(Text(Str::kCreatedBy, c.lang(), {{"version", c.view.netfix_version}})) +
           "</footer>\n</main>\n</body>\n</html>\n";
}

}  // namespace

const char* HtmlStyleSheet() {
  return kStyle;
}

std::string RenderHtml(const Report& report) {
  ReportView view = BuildView(report);
  std::string out;
  Context c{view, out};
  WriteHead(c);
  WriteVerdict(c);
  WriteFindings(c);
  WriteFollowOn(c);
  WriteNetwork(c);
  WriteDevices(c);
  WriteWifi(c);
  WriteMeasurements(c);
  WriteLink(c);
  bool appendix = !view.checks.empty() || !view.probes.empty();
  if (appendix) c.out += "<section id=\"appendix\">\n<h2>" + H(c.T(Str::kAppendix)) + "</h2>\n";
  WriteChecks(c);
  WriteProbeLog(c);
  if (appendix) c.out += "</section>\n";
  WriteNotes(c);
  WriteFoot(c);
  return out;
}

}  // namespace netfix::report
