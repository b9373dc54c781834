// The comparison behind `netfix diff`: two diagnosed snapshots -> DiffView.
// The renderers are in diff_formats.cc.
#include "report/diff.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "report/strings.h"
#include "report/wifi_view.h"
#include "util/strings.h"
#include "version.h"

namespace netfix::report {

using model::Lang;

namespace {

// ---- Findings ----------------------------------------------------------------

std::string CheckTitle(const check::Catalog& catalog, const std::string& id, Lang lang) {
  const check::CheckInfo* info = catalog.Find(id);
  if (info == nullptr) return id;
  if (!info->Texts(lang).title.empty()) return info->Texts(lang).title;
  if (!info->Texts(Lang::kEn).title.empty()) return info->Texts(Lang::kEn).title;
  return id;
}

// A finding is the same problem on both sides when check and subject agree:
// subjects are addresses, room names, BSSIDs and interface names, which a fix
// does not change.
using FindingKey = std::pair<std::string, std::string>;

FindingKey KeyOf(const model::Finding& f) {
  return {f.check, f.subject};
}

std::set<FindingKey> KeysOf(const check::Diagnosis& d, bool with_suppressed) {
  std::set<FindingKey> keys;
  for (const auto& f : d.findings) keys.insert(KeyOf(f));
  if (with_suppressed)
    for (const auto& f : d.suppressed) keys.insert(KeyOf(f));
  return keys;
}

// Whether the check could judge the snapshot (a skipped check says nothing
// about the problem either way).
bool Checked(const check::Diagnosis& d, const std::string& id) {
  for (const auto& run : d.runs)
    if (run.check == id) return run.outcome != model::CheckOutcome::kSkipped;
  return false;
}

DiffFinding MakeFinding(const model::Finding& f, const DiffInput& in) {
  const check::CheckInfo* info = in.catalog.Find(f.check);
  return {f.check, f.severity, info ? info->area : "", f.subject,
          CheckTitle(in.catalog, f.check, in.lang)};
}

void SortWorstFirst(std::vector<DiffFinding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const auto& a, const auto& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.check != b.check) return a.check < b.check;
    return a.subject < b.subject;
  });
}

// A finding suppressed on one side (a follow-on of a more basic problem) was
// still there: it is neither new nor fixed when it stands on the other side.
void CompareFindings(const DiffInput& in, DiffView* view) {
  const check::Diagnosis& before = in.before.diagnosis;
  const check::Diagnosis& after = in.after.diagnosis;
  std::set<FindingKey> before_all = KeysOf(before, true), after_all = KeysOf(after, true);
  for (const auto& f : before.findings) {
    if (after_all.count(KeyOf(f)) != 0) continue;
    if (Checked(after, f.check))
      view->resolved.push_back(MakeFinding(f, in));
    else
      view->not_rechecked.push_back(MakeFinding(f, in));
  }
  for (const auto& f : after.findings) {
    if (before_all.count(KeyOf(f)) != 0)
      view->remaining.push_back(MakeFinding(f, in));
    else if (Checked(before, f.check))
      view->added.push_back(MakeFinding(f, in));
    else
      view->first_checked.push_back(MakeFinding(f, in));
  }
  for (auto* list : {&view->resolved, &view->added, &view->remaining, &view->first_checked,
                     &view->not_rechecked})
    SortWorstFirst(list);
}

// ---- Values --------------------------------------------------------------------

DiffValue Number(double value, std::string text) {
  return {value, "", std::move(text)};
}

DiffValue Word(std::string id, std::string text) {
  return {std::nullopt, std::move(id), std::move(text)};
}

DiffValue Nothing(Str key, Lang lang) {
  return {std::nullopt, "", Text(key, lang)};
}

std::string MsText(double ms, Lang lang) {
  return FormatDecimal(ms, ms < 10 ? 1 : 0, lang) + " ms";
}

std::string PercentText(double percent, Lang lang) {
  return FormatDecimal(percent, 0, lang) + (lang == Lang::kDe ? " %" : "%");
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Lower is better (times, loss); `higher_better` flips it (signal).
Direction DirectionOf(double before, double after, bool higher_better) {
  return (after > before) == higher_better ? Direction::kBetter : Direction::kWorse;
}

bool TimeChanged(double before, double after, const DiffThresholds& t) {
  double delta = std::fabs(after - before);
  return delta >= t.time_ms && delta >= t.time_percent / 100.0 * std::max(before, after);
}

// Whether a change of a value that may be missing (no answer, not received)
// is worth listing, and its direction. `measured`: both sides measured it;
// otherwise it is listed, but neither better nor worse. Gaining a value is
// better and losing one worse; two values are compared when `moved` says they
// differ by more than noise.
template <typename Moved>
bool Judge(bool measured, bool higher_better, Moved moved, DiffChange* c) {
  std::optional<double> x = c->before.number, y = c->after.number;
  c->direction = Direction::kChanged;
  if (!measured) return x || y;
  if (x && y) {
    if (!moved(*x, *y)) return false;
    c->direction = DirectionOf(*x, *y, higher_better);
    return true;
  }
  if (!x && !y) return false;
  c->direction = y ? Direction::kBetter : Direction::kWorse;
  return true;
}

// ---- Wi-Fi ---------------------------------------------------------------------

const WifiRoomView* FindRoom(const std::optional<WifiSectionView>& w, const std::string& name) {
  if (!w) return nullptr;
  for (const auto& room : w->rooms)
    if (room.name == name) return &room;
  return nullptr;
}

std::optional<double> BandDbm(const WifiRoomView& room, const std::string& band) {
  for (const auto& cell : room.bands)
    if (cell.band == band) return cell.dbm;
  return std::nullopt;
}

std::string LevelId(SignalLevel level) {
  switch (level) {
    case SignalLevel::kVideo: return "video";
    case SignalLevel::kBrowsing: return "browsing";
    case SignalLevel::kWeak: return "weak";
    case SignalLevel::kUnusable: return "unusable";
    case SignalLevel::kNone: break;
  }
  return "none";
}

DiffValue SignalValue(const WifiRoomView* room, const std::string& band, Lang lang) {
  if (room == nullptr) return Nothing(Str::kDiffNotMeasured, lang);
  std::optional<double> dbm = BandDbm(*room, band);
  if (!dbm) return Nothing(Str::kDiffNotReceived, lang);
  return Number(*dbm, DbmLabel(dbm));
}

// Per room (by name) and band, the home network's best signal; per room what
// it is good for. A room surveyed only once is listed, not judged.
void CompareWifi(const DiffInput& in, DiffView* view) {
  std::optional<WifiSectionView> before =
      BuildWifiView(in.before.snapshot, in.before.inventory, in.catalog, in.lang);
  std::optional<WifiSectionView> after =
      BuildWifiView(in.after.snapshot, in.after.inventory, in.catalog, in.lang);
  std::vector<std::string> rooms, bands;
  for (const auto* w : {&after, &before}) {
    if (!*w) continue;
    for (const auto& room : (*w)->rooms)
      if (std::find(rooms.begin(), rooms.end(), room.name) == rooms.end())
        rooms.push_back(room.name);
  }
  for (const char* band : {"2.4", "5", "6"})
    for (const auto* w : {&before, &after})
      if (*w && std::count((*w)->bands.begin(), (*w)->bands.end(), band) != 0) {
        bands.push_back(band);
        break;
      }
  const double threshold = in.thresholds.signal_db;
  for (const auto& name : rooms) {
    const WifiRoomView* b = FindRoom(before, name);
    const WifiRoomView* a = FindRoom(after, name);
    for (const auto& band : bands) {
      DiffChange change{
          "wifi-signal",
          name,
          band,
          Text(Str::kDiffWifiSignal, in.lang, {{"room", name}, {"band", BandLabel(band, in.lang)}}),
          "dBm",
          SignalValue(b, band, in.lang),
          SignalValue(a, band, in.lang)};
      auto moved = [&](double x, double y) { return std::fabs(y - x) >= threshold; };
      if (Judge(b != nullptr && a != nullptr, /*higher_better=*/true, moved, &change))
        view->changes.push_back(std::move(change));
    }
    if (b == nullptr || a == nullptr || b->level == a->level) continue;
    // A level is a threshold on the best signal: a dB of scan noise across a
    // threshold is not a change.
    if (b->best_dbm && a->best_dbm && std::fabs(*a->best_dbm - *b->best_dbm) < threshold) continue;
    view->changes.push_back(
        {"wifi-level", name, "", Text(Str::kDiffWifiLevel, in.lang, {{"room", name}}), "",
         Word(LevelId(b->level), b->verdict), Word(LevelId(a->level), a->verdict),
         a->level < b->level ? Direction::kBetter : Direction::kWorse});
  }
}

// ---- Router and DNS --------------------------------------------------------------

const model::PingResult* FindPing(const model::Snapshot& s, const std::string& target) {
  for (const auto& p : s.measurements.ping)
    if (p.target == target) return &p;
  return nullptr;
}

void ComparePings(const DiffInput& in, DiffView* view) {
  auto time_moved = [&](double x, double y) { return TimeChanged(x, y, in.thresholds); };
  std::vector<std::string> targets;
  for (const auto* s : {&in.after.snapshot, &in.before.snapshot})
    for (const auto& p : s->measurements.ping)
      if (std::find(targets.begin(), targets.end(), p.target) == targets.end())
        targets.push_back(p.target);
  for (const auto& target : targets) {
    const model::PingResult* b = FindPing(in.before.snapshot, target);
    const model::PingResult* a = FindPing(in.after.snapshot, target);
    auto rtt = [&](const model::PingResult* p) {
      if (p == nullptr || p->sent == 0) return Nothing(Str::kDiffNotMeasured, in.lang);
      std::optional<double> median = Median(p->rtt_ms);
      if (!median) return Nothing(Str::kDiffNoAnswer, in.lang);
      return Number(*median, MsText(*median, in.lang));
    };
    auto loss = [&](const model::PingResult* p) {
      if (p == nullptr || p->sent == 0) return Nothing(Str::kDiffNotMeasured, in.lang);
      double percent = 100.0 * (p->sent - std::min(p->received, p->sent)) / p->sent;
      return Number(percent, PercentText(percent, in.lang));
    };
    bool both = b != nullptr && a != nullptr && b->sent > 0 && a->sent > 0;

    DiffChange time{
        "gateway-rtt", target, "",    Text(Str::kDiffRouterRtt, in.lang, {{"ip", target}}),
        "ms",          rtt(b), rtt(a)};
    if (Judge(both, /*higher_better=*/false, time_moved, &time))
      view->changes.push_back(std::move(time));

    if (!both) continue;  // the round trip already says "not measured"
    DiffChange lost{
        "gateway-loss", target, "", Text(Str::kDiffRouterLoss, in.lang, {{"ip", target}}), "%",
        loss(b),        loss(a)};
    auto loss_moved = [&](double x, double y) {
      return std::fabs(y - x) >= in.thresholds.loss_points;
    };
    if (Judge(true, /*higher_better=*/false, loss_moved, &lost))
      view->changes.push_back(std::move(lost));
  }
}

// The resolvers this computer uses; the public reference resolvers netfix
// asks for comparison are not part of the home network.
const model::DnsResult* FindDns(const model::Snapshot& s, const std::string& resolver) {
  for (const auto& r : s.measurements.dns)
    if (r.resolver == resolver && r.source != "reference") return &r;
  return nullptr;
}

// The median answer time of the queries that got an answer (as dns-slow
// judges it); nullopt when none did.
std::optional<double> AnswerTime(const model::DnsResult& r) {
  std::vector<double> times;
  for (const auto& q : r.queries)
    if (q.outcome == "ok") times.push_back(q.rtt_ms);
  return Median(times);
}

void CompareDns(const DiffInput& in, DiffView* view) {
  std::vector<std::string> resolvers;
  for (const auto* s : {&in.after.snapshot, &in.before.snapshot})
    for (const auto& r : s->measurements.dns)
      if (r.source != "reference" &&
          std::find(resolvers.begin(), resolvers.end(), r.resolver) == resolvers.end())
        resolvers.push_back(r.resolver);
  for (const auto& resolver : resolvers) {
    const model::DnsResult* b = FindDns(in.before.snapshot, resolver);
    const model::DnsResult* a = FindDns(in.after.snapshot, resolver);
    auto value = [&](const model::DnsResult* r) {
      if (r == nullptr || r->queries.empty()) return Nothing(Str::kDiffNotMeasured, in.lang);
      std::optional<double> ms = AnswerTime(*r);
      if (!ms) return Nothing(Str::kDiffNoAnswer, in.lang);
      return Number(*ms, MsText(*ms, in.lang));
    };
    DiffChange change{
        "dns-time", resolver, "",      Text(Str::kDiffDnsTime, in.lang, {{"ip", resolver}}),
        "ms",       value(b), value(a)};
    bool both = b != nullptr && a != nullptr && !b->queries.empty() && !a->queries.empty();
    auto moved = [&](double x, double y) { return TimeChanged(x, y, in.thresholds); };
    if (Judge(both, /*higher_better=*/false, moved, &change))
      view->changes.push_back(std::move(change));
  }
}

// ---- Devices and probes ------------------------------------------------------------

std::string DeviceLabel(const inventory::Device& d) {
  std::string name = d.DisplayName();
  std::string id = d.mac.empty() ? d.key : d.mac;
  return name.empty() || name == id ? id : name + " (" + id + ")";
}

DiffValue Presence(const inventory::Device* d, Lang lang) {
  if (d == nullptr) return Word("absent", Text(Str::kDiffNotSeen, lang));
  return Word("present", d->ipv4.empty() ? Text(Str::kDiffSeen, lang) : util::Join(d->ipv4, ", "));
}

// Devices come and go (a phone leaves the house): listed, never "worse".
void CompareDevices(const DiffInput& in, DiffView* view) {
  const auto& before = in.before.inventory.devices;
  const auto& after = in.after.inventory.devices;
  auto find = [](const std::vector<inventory::Device>& devices, const std::string& key) {
    auto it = std::find_if(devices.begin(), devices.end(),
                           [&](const inventory::Device& d) { return d.key == key; });
    return it == devices.end() ? nullptr : &*it;
  };
  for (const auto& d : after) {
    if (find(before, d.key) != nullptr) continue;
    view->changes.push_back({"device-appeared", d.key, "",
                             Text(Str::kDiffDevice, in.lang, {{"device", DeviceLabel(d)}}), "",
                             Presence(nullptr, in.lang), Presence(&d, in.lang),
                             Direction::kChanged});
  }
  for (const auto& d : before) {
    if (find(after, d.key) != nullptr) continue;
    view->changes.push_back({"device-disappeared", d.key, "",
                             Text(Str::kDiffDevice, in.lang, {{"device", DeviceLabel(d)}}), "",
                             Presence(&d, in.lang), Presence(nullptr, in.lang),
                             Direction::kChanged});
  }
  if (before.size() != after.size()) {
    auto count = [](size_t n) { return Number(static_cast<double>(n), std::to_string(n)); };
    view->changes.push_back({"device-count", "devices", "", Text(Str::kDevices, in.lang), "",
                             count(before.size()), count(after.size()), Direction::kChanged});
  }
}

// A probe that failed after running fine before is worse; one that ran only
// once, or was skipped (no privileges, no Wi-Fi card), says nothing about the
// network and is only listed.
void CompareProbes(const DiffInput& in, DiffView* view) {
  std::vector<std::string> ids;
  for (const auto* s : {&in.after.snapshot, &in.before.snapshot})
    for (const auto& p : s->probes)
      if (std::find(ids.begin(), ids.end(), p.id) == ids.end()) ids.push_back(p.id);
  for (const auto& id : ids) {
    const model::ProbeRecord* b = in.before.snapshot.FindProbe(id);
    const model::ProbeRecord* a = in.after.snapshot.FindProbe(id);
    auto value = [&](const model::ProbeRecord* p) {
      if (p == nullptr) return Nothing(Str::kDiffNotMeasured, in.lang);
      return Word(model::ToString(p->status), StatusLabel(p->status, in.lang));
    };
    if (b != nullptr && a != nullptr && b->status == a->status) continue;
    Direction direction = Direction::kChanged;
    if (b != nullptr && a != nullptr) {
      if (b->status == model::ProbeStatus::kOk && a->status == model::ProbeStatus::kFailed)
        direction = Direction::kWorse;
      if (b->status == model::ProbeStatus::kFailed && a->status == model::ProbeStatus::kOk)
        direction = Direction::kBetter;
    }
    view->changes.push_back({"probe-status", id, "",
                             Text(Str::kDiffProbe, in.lang, {{"probe", id}}), "", value(b),
                             value(a), direction});
  }
}

// ---- The view ----------------------------------------------------------------------

DiffSideView MakeSide(const DiffSide& side, Str label, Lang lang) {
  DiffSideView view;
  view.label = Text(label, lang);
  const model::HostInfo& host = side.snapshot.host;
  if (!host.hostname.empty()) view.meta.push_back(host.hostname);
  if (!host.started_at.empty()) view.meta.push_back(FormatTimestamp(host.started_at, lang));
  for (const auto& f : side.diagnosis.findings) {
    if (f.severity == model::Severity::kError) ++view.errors;
    if (f.severity == model::Severity::kWarning) ++view.warnings;
    if (f.severity == model::Severity::kInfo) ++view.infos;
  }
  return view;
}

void Decide(DiffView* view) {
  Lang lang = view->lang;
  int better = 0, worse = 0;
  for (const auto& c : view->changes) {
    if (c.direction == Direction::kBetter) ++better;
    if (c.direction == Direction::kWorse) ++worse;
  }
  bool new_problem = std::any_of(view->added.begin(), view->added.end(),
                                 [&](const auto& f) { return f.severity >= view->fail_on; });
  std::vector<std::string> parts;
  auto count = [&](size_t n, Str one, Str many) {
    if (n > 0) parts.push_back(CountText(static_cast<int>(n), one, many, lang));
  };
  count(view->resolved.size(), Str::kDiffFixedOne, Str::kDiffFixedMany);
  count(view->added.size(), Str::kDiffNewOne, Str::kDiffNewMany);
  count(view->remaining.size(), Str::kDiffLeftOne, Str::kDiffLeftMany);
  count(better, Str::kDiffBetterOne, Str::kDiffBetterMany);
  count(worse, Str::kDiffWorseOne, Str::kDiffWorseMany);
  std::string summary = util::Join(parts, ", ");

  if (new_problem || worse > 0) {
    view->status = "worse";
    view->headline = Text(Str::kDiffVerdictWorse, lang, {{"summary", summary}});
  } else if (!view->resolved.empty() || better > 0) {
    view->status = "better";
    view->headline = Text(Str::kDiffVerdictBetter, lang, {{"summary", summary}});
  } else {
    view->status = "unchanged";
    view->headline = summary.empty() ? Text(Str::kDiffNothingChanged, lang)
                                     : Text(Str::kDiffVerdictSame, lang, {{"summary", summary}});
  }
}

std::string Trimmed(double value, Lang lang) {
  return FormatDecimal(value, value == std::floor(value) ? 0 : 1, lang);
}

}  // namespace

const char* ToString(Direction direction) {
  switch (direction) {
    case Direction::kBetter: return "better";
    case Direction::kWorse: return "worse";
    case Direction::kChanged: break;
  }
  return "changed";
}

DiffView BuildDiff(const DiffInput& in) {
  DiffView view;
  view.lang = in.lang;
  view.netfix_version = NETFIX_VERSION;
  view.title = Text(Str::kDiffTitle, in.lang);
  view.before = MakeSide(in.before, Str::kDiffBefore, in.lang);
  view.after = MakeSide(in.after, Str::kDiffAfter, in.lang);
  view.fail_on = in.fail_on;
  view.thresholds = in.thresholds;
  const DiffThresholds& t = in.thresholds;
  view.thresholds_text = Text(Str::kDiffThresholds, in.lang,
                              {{"signal", Trimmed(t.signal_db, in.lang) + " dB"},
                               {"time", Trimmed(t.time_ms, in.lang) + " ms"},
                               {"percent", PercentText(t.time_percent, in.lang)},
                               {"loss", Trimmed(t.loss_points, in.lang)}});
  CompareFindings(in, &view);
  CompareWifi(in, &view);
  ComparePings(in, &view);
  CompareDns(in, &view);
  CompareDevices(in, &view);
  CompareProbes(in, &view);
  Decide(&view);
  return view;
}

std::string RenderDiff(const DiffView& view, Format format, const TextOptions& options) {
  switch (format) {
    case Format::kText: return RenderDiffText(view, options);
    case Format::kJson: return RenderDiffJson(view);
    case Format::kMarkdown: return RenderDiffMarkdown(view);
    case Format::kHtml: return RenderDiffHtml(view);
  }
  return RenderDiffText(view, options);
}

}  // namespace netfix::report
