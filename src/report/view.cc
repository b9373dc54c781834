#include "report/view.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "link/quality.h"
#include "profile/profile.h"
#include "report/devices.h"
#include "report/strings.h"
#include "util/strings.h"
#include "version.h"
#include "wifi/analysis.h"

namespace netfix::report {

using model::CheckOutcome;
using model::Lang;

namespace {

// A section of the check's texts in `lang`, falling back to English while a
// translation is still missing (a half-written check.md must not blank out
// a fix the customer needs).
std::string CheckSection(const check::CheckInfo* info, Lang lang, std::string_view section,
                         const std::string& variant) {
  if (info == nullptr) return "";
  const std::string& text = section == "title"
                                ? info->Texts(lang).title
                                : check::SectionText(info->Texts(lang), section, variant);
  if (!text.empty() || lang == Lang::kEn) return text;
  return CheckSection(info, Lang::kEn, section, variant);
}

std::string CheckTitle(const check::Catalog& catalog, const std::string& id, Lang lang) {
  std::string title = CheckSection(catalog.Find(id), lang, "title", "");
  return title.empty() ? id : title;
}

FindingView MakeFinding(const model::Finding& finding, const check::Catalog& catalog, Lang lang) {
  const check::CheckInfo* info = catalog.Find(finding.check);
  auto text = [&](std::string_view section) {
    return ParseRichText(CheckSection(info, lang, section, finding.variant), finding.params);
  };
  FindingView view;
  view.check = finding.check;
  view.severity = finding.severity;
  view.area = info ? info->area : "";
  view.subject = finding.subject;
  view.variant = finding.variant;
  view.title = CheckTitle(catalog, finding.check, lang);
  view.found = text("found");
  view.why = text("why");
  view.customer = text("customer");
  view.technician = text("technician");
  view.effect = text("effect");
  view.params = finding.params;
  for (const auto& e : finding.evidence) view.evidence.push_back({e.probe, e.what, e.value});
  return view;
}

const model::CheckRun* FindRun(const check::Diagnosis& diagnosis, const std::string& id) {
  for (const auto& run : diagnosis.runs)
    if (run.check == id) return &run;
  return nullptr;
}

// The check whose finding explains a suppressed one: the first of its
// suppressed-by list that fired.
std::string ExplainedBy(const Report& report, const std::string& id) {
  if (const check::CheckInfo* info = report.catalog.Find(id)) {
    for (const auto& by : info->suppressed_by) {
      const model::CheckRun* run = FindRun(report.diagnosis, by);
      if (run && run->outcome == CheckOutcome::kFired) return by;
    }
  }
  const model::CheckRun* run = FindRun(report.diagnosis, id);
  const std::string prefix = "explained by ";
  if (run && util::StartsWith(run->reason, prefix)) return run->reason.substr(prefix.size());
  return "";
}

// Why a check did not run, in the report's language. The runner's reason is
// English; when the cause is a probe, the reason is rebuilt from the probe
// log so that a German report reads German (the probe's own reason text is
// as the probe wrote it).
std::string SkipReason(const Report& report, const model::CheckRun& run, Lang lang) {
  if (const check::CheckInfo* info = report.catalog.Find(run.check)) {
    for (const auto& probe_id : info->needs) {
      const model::ProbeRecord* probe = report.snapshot.FindProbe(probe_id);
      if (probe == nullptr) return Text(Str::kReasonProbeMissing, lang, {{"probe", probe_id}});
      if (probe->status == model::ProbeStatus::kOk) continue;
      Str key = probe->status == model::ProbeStatus::kSkipped ? Str::kReasonProbeSkipped
                                                              : Str::kReasonProbeFailed;
      std::string text = Text(key, lang, {{"probe", probe_id}, {"reason", probe->reason}});
      if (probe->reason.empty() && util::EndsWith(text, ": "))
        text.replace(text.size() - 2, 2, ".");
      return text;
    }
  }
  if (run.reason == wifi::kNoWifiData) return Text(Str::kReasonNoWifiData, lang);
  static const std::pair<const char*, Str> kLinkReasons[] = {
      {link::kNoSpeedTest, Str::kReasonNoSpeedTest},
      {link::kNoLoadedRoundTrips, Str::kReasonNoLoadedRoundTrips},
      {link::kNoThroughput, Str::kReasonNoThroughput},
      {link::kNoIgmpTest, Str::kReasonNoIgmpTest},
      {link::kNoReceivers, Str::kReasonNoReceivers},
      {link::kNoReceiverMeasurements, Str::kReasonNoReceiverMeasurements}};
  for (const auto& [reason, key] : kLinkReasons)
    if (run.reason == reason) return Text(key, lang);
  return run.reason;
}

CheckView MakeCheck(const Report& report, const model::CheckRun& run, Lang lang) {
  CheckView view;
  view.id = run.check;
  view.title = CheckTitle(report.catalog, run.check, lang);
  view.outcome = run.outcome;
  view.reason = run.reason;
  view.findings = run.findings;
  if (run.outcome == CheckOutcome::kSkipped) {
    view.reason_text = SkipReason(report, run, lang);
  } else if (run.outcome == CheckOutcome::kSuppressed) {
    std::string by = ExplainedBy(report, run.check);
    view.reason_text = by.empty() ? run.reason
                                  : Text(Str::kReasonFollowOn, lang,
                                         {{"title", CheckTitle(report.catalog, by, lang)}});
  } else {
    view.reason_text = run.reason;
  }
  return view;
}

std::string WithoutFinalPeriod(std::string text) {
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

Str AreaLabel(const std::string& area) {
  if (area == "internet") return Str::kAreaInternet;
  if (area == "network") return Str::kAreaNetwork;
  if (area == "wifi") return Str::kAreaWifi;
  if (area == "devices") return Str::kAreaDevices;
  return Str::kAreaTv;
}

Str LightLabel(Light light) {
  switch (light) {
    case Light::kRed: return Str::kLightRed;
    case Light::kYellow: return Str::kLightYellow;
    case Light::kGreen: return Str::kLightGreen;
    case Light::kGrey: break;
  }
  return Str::kLightGrey;
}

// One light per area. A follow-on problem counts in its own area: DNS that
// fails because the router does not answer still leaves the internet red.
std::vector<AreaLight> MakeAreaLights(const Report& report, const ReportView& view) {
  std::vector<AreaLight> lights;
  for (const auto& area : check::KnownAreas()) {
    AreaLight light;
    light.id = area;
    light.label = Text(AreaLabel(area), view.lang);
    for (const auto* list : {&view.findings, &view.suppressed}) {
      for (const auto& f : *list) {
        if (f.area != area) continue;
        if (f.severity == model::Severity::kError) ++light.errors;
        if (f.severity == model::Severity::kWarning) ++light.warnings;
        if (f.severity == model::Severity::kInfo) ++light.infos;
      }
    }
    for (const auto& run : report.diagnosis.runs) {
      const check::CheckInfo* info = report.catalog.Find(run.check);
      if (info && info->area == area && run.outcome != CheckOutcome::kSkipped) ++light.checks_run;
    }
    light.light = light.errors       ? Light::kRed
                  : light.warnings   ? Light::kYellow
                  : light.checks_run ? Light::kGreen
                                     : Light::kGrey;
    light.status = Text(LightLabel(light.light), view.lang);
    lights.push_back(std::move(light));
  }
  return lights;
}

Verdict MakeVerdict(const Report& report, const ReportView& view) {
  Lang lang = view.lang;
  Verdict verdict;
  for (const auto& f : view.findings) {
    if (f.severity == model::Severity::kError) ++verdict.errors;
    if (f.severity == model::Severity::kWarning) ++verdict.warnings;
    if (f.severity == model::Severity::kInfo) ++verdict.infos;
  }
  verdict.interrupted = report.snapshot.host.interrupted;
  verdict.interrupt_reason = report.snapshot.host.interrupt_reason;
  for (const auto& check : view.checks)
    if (check.outcome == CheckOutcome::kSkipped) verdict.not_checked.push_back(check);
  for (const auto& check : verdict.not_checked) {
    auto same = std::find_if(verdict.not_checked_groups.begin(), verdict.not_checked_groups.end(),
                             [&](const auto& g) { return g.reason_text == check.reason_text; });
    if (same == verdict.not_checked_groups.end())
      verdict.not_checked_groups.push_back({{check.id}, check.title, check.reason_text});
    else
      same->ids.push_back(check.id);
  }
  for (auto& group : verdict.not_checked_groups)
    if (group.ids.size() > 1)
      group.title = Text(Str::kChecksCount, lang, {{"n", std::to_string(group.ids.size())}});

  verdict.areas = MakeAreaLights(report, view);

  int problems = verdict.errors + verdict.warnings;
  verdict.ok = problems == 0;
  std::string notes =
      verdict.infos > 0
          ? Text(Str::kVerdictPlusNotes, lang,
                 {{"notes", SeverityCount(model::Severity::kInfo, verdict.infos, lang)}})
          : "";
  if (!verdict.ok) {
    std::vector<std::string> parts;
    if (verdict.errors)
      parts.push_back(SeverityCount(model::Severity::kError, verdict.errors, lang));
    if (verdict.warnings)
      parts.push_back(SeverityCount(model::Severity::kWarning, verdict.warnings, lang));
    verdict.headline = CountText(problems, Str::kProblemsOne, Str::kProblemsMany, lang) + ": " +
                       util::Join(parts, ", ") + (notes.empty() ? "" : " " + notes) + ".";
    verdict.first = 0;  // findings are worst first
    return verdict;
  }
  bool nothing_ran = !view.checks.empty() && verdict.not_checked.size() == view.checks.size();
  Str sentence = nothing_ran           ? Str::kVerdictNothingChecked
                 : verdict.interrupted ? Str::kVerdictOkSoFar
                                       : Str::kVerdictOk;
  verdict.headline = Text(sentence, lang);
  if (!notes.empty()) verdict.headline = WithoutFinalPeriod(verdict.headline) + " " + notes + ".";
  return verdict;
}

DeviceView MakeDevice(const inventory::Device& device, Lang lang) {
  DeviceView view;
  view.key = device.key;
  view.ipv4 = device.ipv4;
  std::stable_sort(view.ipv4.begin(), view.ipv4.end(),
                   [](const auto& a, const auto& b) { return Ipv4SortKey(a) < Ipv4SortKey(b); });
  view.ipv6 = device.ipv6;
  view.name = device.DisplayName();
  view.product = device.product;
  view.role = device.role.role;
  view.role_label = RoleLabel(device.role.role, lang);
  view.confidence = device.role.confidence;
  view.mac = device.mac;
  view.vendor = device.vendor;
  for (const auto& f : device.facts)
    if (std::find(view.seen_by.begin(), view.seen_by.end(), f.source) == view.seen_by.end())
      view.seen_by.push_back(f.source);
  view.is_self = device.is_self;
  view.is_gateway = device.is_gateway;
  view.random_mac = device.locally_administered;
  if (view.is_gateway) view.labels.push_back(Text(Str::kDeviceGateway, lang));
  if (view.is_self) view.labels.push_back(Text(Str::kDeviceSelf, lang));
  if (view.random_mac) view.labels.push_back(Text(Str::kDeviceRandomMac, lang));
  view.kind = DeviceKind(device, lang);
  return view;
}

std::vector<DeviceView> MakeDevices(const inventory::Inventory& inventory, Lang lang) {
  std::vector<DeviceView> devices;
  for (const auto& device : inventory.devices) devices.push_back(MakeDevice(device, lang));
  // Numerically by the lowest IPv4 address; devices without one go last, by MAC.
  auto key = [](const DeviceView& d) {
    long long ip = d.ipv4.empty() ? -1 : Ipv4SortKey(d.ipv4.front());
    return ip < 0 ? (1LL << 40) : ip;
  };
  std::stable_sort(devices.begin(), devices.end(), [&](const DeviceView& a, const DeviceView& b) {
    if (key(a) != key(b)) return key(a) < key(b);
    return a.key < b.key;
  });
  return devices;
}

std::vector<DeviceGroup> MakeDeviceGroups(const std::vector<DeviceView>& devices, Lang lang) {
  struct Spec {
    const char* id;
    Str title;
  };
  const Spec specs[] = {{"router", Str::kDeviceGroupRouter},
                        {"repeaters", Str::kDeviceGroupRepeaters},
                        {"receivers", Str::kDeviceGroupReceivers},
                        {"others", Str::kDeviceGroupOthers}};
  auto group_of = [](const DeviceView& d) -> size_t {
    if (d.is_gateway || d.role == inventory::Role::kRouter) return 0;
    if (d.role == inventory::Role::kRepeater) return 1;
    if (d.role == inventory::Role::kReceiver) return 2;
    return 3;
  };
  std::vector<DeviceGroup> groups;
  for (size_t i = 0; i < std::size(specs); ++i) {
    DeviceGroup group{specs[i].id, Text(specs[i].title, lang), {}};
    for (const auto& d : devices)
      if (group_of(d) == i) group.devices.push_back(d);
    if (!group.devices.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

// The order of the areas when fixes compete: without internet nothing else
// matters much; the home network carries everything at home; then the
// radio; then TV and streaming; a problem of one device hurts the least.
int AreaWeight(const std::string& area) {
  static const char* const order[] = {"internet", "network", "wifi", "tv", "devices"};
  for (size_t i = 0; i < std::size(order); ++i)
    if (area == order[i]) return static_cast<int>(i);
  return static_cast<int>(std::size(order));
}

// Breadth: a finding about one place (it names a room, or it is about where
// this computer is: variants "here...") or about a single device (areas
// devices and tv) reaches as many places or devices as its check fired
// for; anything else (the line, the router, a whole Wi-Fi) reaches the
// whole home.
void SetReach(std::vector<FindingView>* findings) {
  std::map<std::string, int> per_check;
  for (const auto& f : *findings) ++per_check[f.check];
  for (auto& f : *findings) {
    bool local = f.params.count("room") > 0 || util::StartsWith(f.variant, "here") ||
                 f.area == "devices" || f.area == "tv";
    f.reach = local ? per_check[f.check] : FindingView::kWholeHome;
  }
}

// The device a finding is about: the one the check named, else the one with
// the subject's address, else (for the router's own settings) the gateway.
const inventory::Device* FindingDevice(const Report& report, const model::Finding& finding) {
  const auto& inventory = report.inventory;
  if (!finding.device.empty())
    if (const auto* d = inventory.FindByKey(finding.device)) return d;
  if (const auto* d = inventory.FindByIp(finding.subject)) return d;
  for (const auto& d : inventory.devices)
    if (d.is_gateway) return &d;
  return nullptr;
}

// Adds the steps that the device's profile has for this check, if any.
void AddDeviceSteps(const Report& report, const model::Finding& finding, FindingView* view) {
  const inventory::Device* device = FindingDevice(report, finding);
  if (device == nullptr) return;
  view->device = device->key;
  view->device_name = device->DisplayName();
  if (report.profiles == nullptr || device->profile_id.empty()) return;
  const profile::Profile* p = report.profiles->Find(device->profile_id);
  if (p == nullptr) return;
  const profile::FixSteps* steps = p->Fix(finding.check);
  if (steps == nullptr || steps->In(report.lang).empty()) return;
  std::string text;
  for (size_t i = 0; i < steps->In(report.lang).size(); ++i)
    text += std::to_string(i + 1) + ". " + profile::ExpandText(steps->In(report.lang)[i], *device) +
            "\n";
  view->profile = p->id;
  view->admin_url = p->admin_url.empty() ? "" : profile::ExpandText(p->admin_url, *device);
  view->device_steps = ParseRichText(text, {});
  view->device_steps_heading =
      Text(Str::kOnYourDevice, report.lang, {{"device", device->DisplayName()}});
}

std::string InterfaceKind(const std::string& kind, Lang lang) {
  if (kind == "ethernet") return Text(Str::kKindEthernet, lang);
  if (kind == "wifi") return Text(Str::kKindWifi, lang);
  return kind;
}

std::vector<Fact> MakeNetwork(const model::Snapshot& snapshot,
                              const inventory::Inventory& inventory, Lang lang) {
  std::vector<Fact> facts;
  const std::string not_found = Text(Str::kNetNotFound, lang);

  std::vector<std::string> computer;
  if (!snapshot.host.hostname.empty()) computer.push_back(snapshot.host.hostname);
  if (!snapshot.host.os.empty()) computer.push_back(snapshot.host.os);
  if (!computer.empty())
    facts.push_back({Text(Str::kNetThisComputer, lang), util::Join(computer, " · ")});

  std::string name =
      snapshot.scan_interface.empty() ? snapshot.default_interface : snapshot.scan_interface;
  const model::Interface* interface = snapshot.FindInterface(name);
  std::string connection = name.empty() ? not_found : name;
  if (interface) {
    std::string kind = InterfaceKind(interface->kind, lang);
    if (!kind.empty()) connection += " (" + kind + ")";
    if (!interface->running) connection += " – " + std::string(Text(Str::kNetNoLink, lang));
  }
  facts.push_back({Text(Str::kNetConnection, lang), connection});

  std::vector<std::string> addresses;
  if (interface) {
    for (const auto& a : interface->addresses) {
      if (a.family == "ipv6" && a.scope != "global") continue;
      addresses.push_back(a.address + "/" + std::to_string(a.prefix_len));
    }
  }
  facts.push_back({Text(Str::kNetAddresses, lang),
                   addresses.empty() ? not_found : util::Join(addresses, ", ")});

  std::string gateway = snapshot.default_gateway.empty() ? not_found : snapshot.default_gateway;
  for (const auto& device : inventory.devices) {
    if (device.is_gateway && !snapshot.default_gateway.empty()) {
      std::string name = device.DisplayName();
      if (name != snapshot.default_gateway) gateway += " (" + name + ")";
      break;
    }
  }
  facts.push_back({Text(Str::kNetGateway, lang), gateway});

  std::vector<std::string> resolvers;
  for (const auto& r : snapshot.resolvers) {
    if (r.source == "reference") continue;  // asked by netfix for comparison, not configured
    std::string origin = r.is_stub ? Text(Str::kNetLocalStub, lang) : r.source;
    resolvers.push_back(origin.empty() ? r.address : r.address + " (" + origin + ")");
  }
  facts.push_back({Text(Str::kNetDnsServers, lang),
                   resolvers.empty() ? not_found : util::Join(resolvers, ", ")});

  std::vector<std::string> scan;
  if (!snapshot.host.started_at.empty())
    scan.push_back(FormatTimestamp(snapshot.host.started_at, lang));
  if (snapshot.host.duration_ms > 0)
    scan.push_back(FormatDuration(snapshot.host.duration_ms, lang));
  scan.push_back(
      Text(snapshot.host.privileged ? Str::kWithAdminRights : Str::kWithoutAdminRights, lang));
  facts.push_back({Text(Str::kNetScan, lang), util::Join(scan, " · ")});
  return facts;
}

TimeStats Stats(const std::vector<double>& times) {
  TimeStats stats;
  if (times.empty()) return stats;
  stats.min_ms = *std::min_element(times.begin(), times.end());
  stats.max_ms = *std::max_element(times.begin(), times.end());
  stats.median_ms = Median(times);
  return stats;
}

// Milliseconds with two significant digits or more: a wired round trip is
// 0.05 ms, a slow DNS answer 850 ms.
std::string Ms(double ms, Lang lang) {
  return FormatDecimal(ms, ms < 1 ? 2 : ms < 10 ? 1 : 0, lang);
}

MeasurementsView MakeMeasurements(const model::Snapshot& snapshot, Lang lang) {
  MeasurementsView m;
  for (const auto& ping : snapshot.measurements.ping) {
    if (!ping.role.empty() && ping.role != "gateway") continue;
    PingMeasurement p;
    p.target = ping.target;
    p.sent = ping.sent;
    p.received = ping.received;
    p.loss_pct = ping.sent > 0 ? 100.0 * (ping.sent - ping.received) / ping.sent : 0;
    p.rtt = Stats(ping.rtt_ms);
    std::string value = p.rtt.median_ms
                            ? Text(Str::kMeasRtt, lang,
                                   {{"min", Ms(*p.rtt.min_ms, lang)},
                                    {"median", Ms(*p.rtt.median_ms, lang)},
                                    {"max", Ms(*p.rtt.max_ms, lang)},
                                    {"loss", FormatDecimal(std::round(p.loss_pct), 0, lang)},
                                    {"sent", std::to_string(p.sent)}})
                            : Text(Str::kMeasNoReply, lang, {{"sent", std::to_string(p.sent)}});
    m.lines.push_back({Text(Str::kMeasGateway, lang, {{"target", p.target}}), value});
    m.gateway.push_back(std::move(p));
  }
  for (const auto& result : snapshot.measurements.dns) {
    DnsMeasurement d;
    d.resolver = result.resolver;
    d.source = result.source;
    d.reference = result.source == "reference";
    std::vector<double> times;
    for (const auto& q : result.queries) {
      ++d.queries;
      if (q.outcome == "timeout" || q.outcome == "error" || q.outcome.empty()) continue;
      ++d.answered;
      times.push_back(q.rtt_ms);
    }
    d.answer = Stats(times);
    Str label = d.reference ? Str::kMeasDnsReference : Str::kMeasDns;
    std::string value = d.answer.median_ms ? Text(Str::kMeasDnsTimes, lang,
                                                  {{"median", Ms(*d.answer.median_ms, lang)},
                                                   {"min", Ms(*d.answer.min_ms, lang)},
                                                   {"max", Ms(*d.answer.max_ms, lang)},
                                                   {"answered", std::to_string(d.answered)},
                                                   {"queries", std::to_string(d.queries)}})
                                           : Text(Str::kMeasDnsNoAnswer, lang,
                                                  {{"queries", std::to_string(d.queries)}});
    m.lines.push_back({Text(label, lang, {{"resolver", d.resolver}}), value});
    m.dns.push_back(std::move(d));
  }
  m.scan_duration_ms = snapshot.host.duration_ms;
  if (m.scan_duration_ms > 0)
    m.lines.push_back(
        {Text(Str::kMeasScanDuration, lang), FormatDuration(m.scan_duration_ms, lang)});
  return m;
}

ProbeView MakeProbe(const model::ProbeRecord& probe, Lang lang) {
  // A probe that never started has no duration worth showing ("0 ms").
  bool never_ran = probe.status == model::ProbeStatus::kSkipped && probe.duration_ms <= 0;
  return {probe.id,
          probe.status,
          StatusLabel(probe.status, lang),
          probe.duration_ms,
          never_ran ? "" : FormatDuration(probe.duration_ms, lang),
          probe.reason,
          probe.hint};
}

}  // namespace

std::string ProbeDetails(const ProbeView& probe, Lang lang) {
  if (probe.hint.empty()) return probe.reason;
  std::string hint = std::string(Text(Str::kHint, lang)) + " " + probe.hint;
  return probe.reason.empty() ? hint : probe.reason + " – " + hint;
}

const char* LightId(Light light) {
  switch (light) {
    case Light::kRed: return "error";
    case Light::kYellow: return "warning";
    case Light::kGreen: return "ok";
    case Light::kGrey: break;
  }
  return "not-checked";
}

const char* LightMark(Light light) {
  switch (light) {
    case Light::kRed: return "✖";
    case Light::kYellow: return "▲";
    case Light::kGreen: return "●";
    case Light::kGrey: break;
  }
  return "○";
}

void OrderByImpact(std::vector<FindingView>* findings) {
  std::stable_sort(findings->begin(), findings->end(),
                   [](const FindingView& a, const FindingView& b) {
                     if (a.severity != b.severity) return a.severity > b.severity;
                     int wa = AreaWeight(a.area), wb = AreaWeight(b.area);
                     if (wa != wb) return wa < wb;
                     if (a.reach != b.reach) return a.reach > b.reach;
                     if (a.check != b.check) return a.check < b.check;
                     return a.subject < b.subject;
                   });
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

long long Ipv4SortKey(const std::string& text) {
  long long value = 0;
  int parts = 0;
  size_t i = 0;
  while (parts < 4) {
    size_t start = i;
    long long part = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 3)
      part = part * 10 + (text[i++] - '0');
    if (i == start || part > 255) return -1;
    value = value * 256 + part;
    ++parts;
    if (parts < 4) {
      if (i >= text.size() || text[i] != '.') return -1;
      ++i;
    }
  }
  return i == text.size() ? value : -1;
}

ReportView BuildView(const Report& report) {
  ReportView view;
  Lang lang = report.lang;
  view.lang = lang;
  view.netfix_version = NETFIX_VERSION;
  view.title = Text(Str::kReportTitle, lang);
  if (!report.snapshot.host.hostname.empty()) view.meta.push_back(report.snapshot.host.hostname);
  if (!report.snapshot.host.started_at.empty())
    view.meta.push_back(FormatTimestamp(report.snapshot.host.started_at, lang));

  for (const auto& f : report.diagnosis.findings) {
    view.findings.push_back(MakeFinding(f, report.catalog, lang));
    AddDeviceSteps(report, f, &view.findings.back());
  }
  // Fixes by impact; the runner's order (worst first) is not enough.
  SetReach(&view.findings);
  OrderByImpact(&view.findings);
  for (const auto& f : report.diagnosis.suppressed) {
    FindingView finding = MakeFinding(f, report.catalog, lang);
    finding.explained_by = ExplainedBy(report, f.check);
    if (!finding.explained_by.empty())
      finding.explained_by_title = CheckTitle(report.catalog, finding.explained_by, lang);
    view.suppressed.push_back(std::move(finding));
  }
  SetReach(&view.suppressed);
  OrderByImpact(&view.suppressed);
  for (const auto& run : report.diagnosis.runs) view.checks.push_back(MakeCheck(report, run, lang));
  view.verdict = MakeVerdict(report, view);
  view.network = MakeNetwork(report.snapshot, report.inventory, lang);
  view.devices = MakeDevices(report.inventory, lang);
  view.device_groups = MakeDeviceGroups(view.devices, lang);
  view.measurements = MakeMeasurements(report.snapshot, lang);
  view.link = BuildLinkView(report);
  view.wifi = BuildWifiView(report.snapshot, report.inventory, report.catalog, lang);
  for (const auto& probe : report.snapshot.probes) view.probes.push_back(MakeProbe(probe, lang));
  view.notes = report.snapshot.notes;
  if (report.snapshot.redacted)
    view.notes.insert(view.notes.begin(), Text(Str::kRedactedNote, lang));
  return view;
}

}  // namespace netfix::report
