// The Markdown report (CommonMark with GitHub tables), for tickets and chat.
// Every text, ours and the devices', goes through EscapeMarkdown, so a vendor
// name cannot add a link, a table column or a heading.
#include <string>

#include "report/report.h"
#include "report/sanitize.h"
#include "report/strings.h"
#include "report/view.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

struct Context {
  const ReportView& view;
  std::string& out;
  Lang lang() const { return view.lang; }
  const char* T(Str key) const { return Text(key, view.lang); }
};

std::string Md(std::string_view text) {
  return EscapeMarkdown(text);
}

std::string Inline(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& span : spans) out += span.code ? MarkdownCodeSpan(span.text) : Md(span.text);
  return out;
}

void WriteRichText(std::string& out, const RichText& text) {
  Block::Kind previous = Block::Kind::kParagraph;
  int number = 0;
  bool first = true;
  for (const Block& block : text.blocks) {
    bool continues_list = !first && block.kind == previous && block.kind != Block::Kind::kParagraph;
    if (!first && !continues_list) out += "\n";
    switch (block.kind) {
      case Block::Kind::kParagraph: out += Inline(block.spans) + "\n"; break;
      case Block::Kind::kOrderedItem:
        number = continues_list ? number + 1 : block.number;
        out += std::to_string(number) + ". " + Inline(block.spans) + "\n";
        break;
      case Block::Kind::kBulletItem: out += "- " + Inline(block.spans) + "\n"; break;
    }
    previous = block.kind;
    first = false;
  }
}

std::string Row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const auto& cell : cells) row += " " + Md(cell) + " |";
  return row + "\n";
}

void WriteTable(std::string& out, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows) {
  out += Row(headers);
  out += "|";
  for (size_t i = 0; i < headers.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : rows) out += Row(row);
}

// Exactly one blank line between blocks.
void BlankLine(std::string& out) {
  if (out.empty() || (out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") == 0)) return;
  out += out.back() == '\n' ? "\n" : "\n\n";
}

void Heading(const Context& c, int level, std::string_view text, std::string_view prefix = "") {
  BlankLine(c.out);
  c.out += std::string(level, '#') + " " + std::string(prefix) + Md(text) + "\n\n";
}

void WriteTitle(const Context& c) {
  c.out += "# " + Md(c.view.title) + "\n";
  if (!c.view.meta.empty()) c.out += "\n" + Md(util::Join(c.view.meta, " · ")) + "\n";
}

void WriteAreaLights(const Context& c) {
  if (c.view.verdict.areas.empty()) return;
  c.out += "\n";
  for (const AreaLight& area : c.view.verdict.areas) {
    c.out += std::string("- ") + LightMark(area.light) + " **" + Md(area.label) + ":** " +
             Md(area.status);
    std::vector<std::string> counts;
    if (area.errors)
      counts.push_back(SeverityCount(model::Severity::kError, area.errors, c.lang()));
    if (area.warnings)
      counts.push_back(SeverityCount(model::Severity::kWarning, area.warnings, c.lang()));
    if (!counts.empty()) c.out += " (" + Md(util::Join(counts, ", ")) + ")";
    c.out += "\n";
  }
}

void WriteVerdict(const Context& c) {
  const Verdict& v = c.view.verdict;
  Heading(c, 2, c.T(Str::kVerdict));
  std::string mark = v.ok ? "✔" : v.errors > 0 ? "✖" : "▲";
  c.out += "**" + mark + " " + Md(v.headline) + "**\n";
  if (v.first >= 0) {
    const FindingView& first = c.view.findings[v.first];
    c.out += "\n" + Md(c.T(Str::kFixFirst)) + " **" + Md(first.title) + "**";
    if (!first.subject.empty()) c.out += " (" + Md(first.subject) + ")";
    c.out += "\n";
  }
  if (v.interrupted) {
    c.out += "\n> **" + Md(c.T(Str::kInterrupted)) + "**";
    if (!v.interrupt_reason.empty()) c.out += " (" + Md(v.interrupt_reason) + ")";
    c.out += "\n";
  }
  WriteAreaLights(c);
  if (!v.not_checked.empty()) {
    c.out += "\n" + Md(c.T(Str::kNotChecked)) + "\n\n";
    for (const auto& group : v.not_checked_groups) {
      std::vector<std::string> ids;
      for (const auto& id : group.ids) ids.push_back(MarkdownCodeSpan(id));
      c.out += "- **" + Md(group.title) + "** (" + util::Join(ids, ", ") +
               "): " + Md(group.reason_text) + "\n";
    }
  }
}

void WriteFinding(const Context& c, const FindingView& f, int number) {
  Heading(c, 3, SeverityLabel(f.severity, c.lang()) + std::string(": ") + f.title,
          std::to_string(number) + ". ");
  std::vector<std::string> about;
  if (!f.subject.empty()) about.push_back("**" + Md(c.T(Str::kAffects)) + ":** " + Md(f.subject));
  about.push_back("**" + Md(c.T(Str::kCheck)) + ":** " + MarkdownCodeSpan(f.check));
  c.out += util::Join(about, " · ") + "\n";
  if (!f.found.empty()) {
    c.out += "\n";
    WriteRichText(c.out, f.found);
  }
  auto section = [&](Str heading, const RichText& text) {
    if (text.empty()) return;
    Heading(c, 4, c.T(heading));
    WriteRichText(c.out, text);
  };
  section(Str::kWhyItMatters, f.why);
  if (!f.evidence.empty()) {
    Heading(c, 4, c.T(Str::kEvidence));
    for (const auto& e : f.evidence)
      c.out += "- " + Md(e.what) + ": " + Md(e.value) + " (" + Md(e.probe) + ")\n";
  }
  section(Str::kForCustomer, f.customer);
  if (!f.device_steps.empty()) {
    Heading(c, 4, f.device_steps_heading);
    if (!f.admin_url.empty())
      c.out += Md(c.T(Str::kAdminPage)) + ": " + MarkdownCodeSpan(f.admin_url) + "\n\n";
    WriteRichText(c.out, f.device_steps);
  }
  section(Str::kForTechnician, f.technician);
  section(Str::kExpectedEffect, f.effect);
}

void WriteFindings(const Context& c) {
  if (c.view.findings.empty()) return;
  Heading(c, 2, c.T(Str::kWhatToFix));
  int number = 1;
  for (const FindingView& f : c.view.findings) WriteFinding(c, f, number++);
}

void WriteFollowOn(const Context& c) {
  if (c.view.suppressed.empty()) return;
  Heading(c, 2, c.T(Str::kFollowOn));
  c.out += Md(c.T(Str::kFollowOnIntro)) + "\n\n";
  for (const FindingView& f : c.view.suppressed) {
    c.out += "- **" + Md(SeverityLabel(f.severity, c.lang())) + ":** " + Md(f.title);
    if (!f.subject.empty()) c.out += " (" + Md(f.subject) + ")";
    if (!f.explained_by_title.empty())
      c.out += " – " + Md(Text(Str::kReasonFollowOn, c.lang(), {{"title", f.explained_by_title}}));
    c.out += "\n";
  }
}

void WriteNetwork(const Context& c) {
  Heading(c, 2, c.T(Str::kYourNetwork));
  for (const Fact& fact : c.view.network)
    c.out += "- **" + Md(fact.label) + ":** " + Md(fact.value) + "\n";
}

void WriteDevices(const Context& c) {
  Heading(c, 2, c.T(Str::kDevices));
  if (c.view.devices.empty()) {
    c.out += Md(c.T(Str::kNoDevices)) + "\n";
    return;
  }
  for (const DeviceGroup& group : c.view.device_groups) {
    Heading(c, 3, group.title);
    std::vector<std::vector<std::string>> rows;
    for (const DeviceView& d : group.devices) {
      rows.push_back({d.ipv4.empty() ? util::Join(d.ipv6, ", ") : util::Join(d.ipv4, ", "), d.mac,
                      d.name, d.vendor.empty() ? c.T(Str::kVendorUnknown) : d.vendor, d.kind,
                      util::Join(d.seen_by, ", ")});
    }
    WriteTable(c.out,
               {c.T(Str::kColIpAddress), c.T(Str::kColMacAddress), c.T(Str::kColDevice),
                c.T(Str::kColVendor), c.T(Str::kColRole), c.T(Str::kColSeenVia)},
               rows);
  }
}

void WriteMeasurements(const Context& c) {
  if (c.view.measurements.empty()) return;
  Heading(c, 2, c.T(Str::kMeasurements));
  for (const Fact& line : c.view.measurements.lines)
    c.out += "- **" + Md(line.label) + ":** " + Md(line.value) + "\n";
}

void WriteLink(const Context& c) {
  if (!c.view.link) return;
  const LinkSectionView& l = *c.view.link;
  Heading(c, 2, c.T(Str::kLink));
  if (!l.rtt_rows.empty()) {
    Heading(c, 3, c.T(Str::kLinkRoundTrips));
    WriteTable(c.out, l.rtt_headers, l.rtt_rows);
  }
  if (!l.speed_rows.empty()) {
    Heading(c, 3, c.T(Str::kLinkSpeed));
    WriteTable(c.out, l.speed_headers, l.speed_rows);
    c.out += "\n";
    if (!l.contract_line.empty())
      c.out += "**" + Md(c.T(Str::kLinkContract)) + ":** " + Md(l.contract_line) + "\n\n";
    c.out += "_" + Md(l.grade_note) + "_\n";
  }
  if (!l.receivers.empty()) {
    Heading(c, 3, c.T(Str::kLinkReceivers));
    for (const auto& r : l.receivers)
      c.out += "- **" + Md(r.name == r.ip ? r.ip : r.name + " (" + r.ip + ")") + ":** " +
               Md(r.line) + "\n";
  }
}

void WriteWifi(const Context& c) {
  if (!c.view.wifi) return;
  const WifiSectionView& w = *c.view.wifi;
  WifiTables t = MakeWifiTables(w, c.lang());
  Heading(c, 2, c.T(Str::kWifi));
  if (!w.own_ssids.empty())
    c.out += "- **" + Md(c.T(Str::kWifiYourNetwork)) + ":** " + Md(w.own_ssids) + " (" +
             Md(w.own_how) + ")\n";
  for (const auto& line : AccessPointLines(w))
    c.out += "- **" + Md(c.T(Str::kWifiAccessPoints)) + ":** " + Md(line) + "\n";
  Heading(c, 3, c.T(Str::kWifiRooms));
  WriteTable(c.out, t.room_headers, t.rooms);
  c.out += "\n" +
           Md(Text(Str::kWifiThresholds, c.lang(),
                   {{"video", DbmLabel(w.video_dbm)},
                    {"browsing", DbmLabel(w.browsing_dbm)},
                    {"unusable", DbmLabel(w.unusable_dbm)}})) +
           "\n";
  Heading(c, 3, c.T(Str::kWifiChannels));
  WriteTable(c.out, t.channel_headers, t.channels);
}

void WriteChecks(const Context& c) {
  if (c.view.checks.empty()) return;
  Heading(c, 3, c.T(Str::kChecks));
  std::vector<std::vector<std::string>> rows;
  for (const CheckView& check : c.view.checks)
    rows.push_back({check.id, OutcomeLabel(check.outcome, c.lang()), check.reason_text});
  WriteTable(c.out, {c.T(Str::kColCheck), c.T(Str::kColResult), c.T(Str::kColReason)}, rows);
}

void WriteProbeLog(const Context& c) {
  if (c.view.probes.empty()) return;
  Heading(c, 3, c.T(Str::kProbeLog));
  std::vector<std::vector<std::string>> rows;
  for (const ProbeView& p : c.view.probes) {
    std::string details = ProbeDetails(p, c.lang());
    rows.push_back({p.id, p.status_text, p.duration, details});
  }
  WriteTable(c.out,
             {c.T(Str::kColMeasurement), c.T(Str::kColStatus), c.T(Str::kColDuration),
              c.T(Str::kColDetails)},
             rows);
}

void WriteNotes(const Context& c) {
  if (c.view.notes.empty()) return;
  Heading(c, 2, c.T(Str::kNotes));
  for (const auto& note : c.view.notes) c.out += "- " + Md(note) + "\n";
}

void WriteFooter(const Context& c) {
  BlankLine(c.out);
  c.out += "---\n\n_" + Md(Text(Str::kCreatedBy, c.lang(), {{"version", c.view.netfix_version}})) +
           "_\n";
}

}  // namespace

std::string RenderMarkdown(const Report& report) {
  ReportView view = BuildView(report);
  std::string out;
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
  if (!view.checks.empty() || !view.probes.empty()) Heading(c, 2, c.T(Str::kAppendix));
  WriteChecks(c);
  WriteProbeLog(c);
  WriteNotes(c);
  WriteFooter(c);
  return out;
}

}  // namespace netfix::report
