// The machine-readable report ("netfix.report/1", schema/report.schema.json).
// It embeds the whole snapshot, so that a report alone is enough for a remote
// agent to re-run the checks.
#include <nlohmann/json.hpp>

#include "model/snapshot_json.h"
#include "report/devices.h"
#include "report/report.h"
#include "report/view.h"

namespace netfix::report {

using nlohmann::json;

namespace {

json FindingJson(const FindingView& f) {
  json params = json::object();
  for (const auto& [name, value] : f.params) params[name] = value;
  json evidence = json::array();
  for (const auto& e : f.evidence)
    evidence.push_back(json{{"probe", e.probe}, {"what", e.what}, {"value", e.value}});
  json j = json::object();
  j["check"] = f.check;
  j["severity"] = model::ToString(f.severity);
  j["area"] = f.area;
  j["subject"] = f.subject;
  j["title"] = f.title;
  j["found"] = f.found.source;
  j["why"] = f.why.source;
  j["customer"] = f.customer.source;
  j["technician"] = f.technician.source;
  j["effect"] = f.effect.source;
  j["params"] = params;
  j["evidence"] = evidence;
  if (!f.explained_by.empty()) j["explained_by"] = f.explained_by;
  if (!f.device.empty()) j["device"] = f.device;
  if (!f.device_steps.empty()) {
    j["device_steps"] = json{{"device", f.device_name},
                             {"profile", f.profile},
                             {"admin_url", f.admin_url},
                             {"steps", f.device_steps.source}};
  }
  return j;
}

json VerdictJson(const Verdict& v) {
  json j = json::object();
  j["status"] = v.ok ? "ok" : "problems";
  j["summary"] = v.headline;
  j["counts"] = json{{"error", v.errors}, {"warning", v.warnings}, {"info", v.infos}};
  j["interrupted"] = v.interrupted;
  if (!v.interrupt_reason.empty()) j["interrupt_reason"] = v.interrupt_reason;
  json areas = json::array();
  for (const auto& a : v.areas) {
    areas.push_back({{"id", a.id},
                     {"label", a.label},
                     {"status", LightId(a.light)},
                     {"status_text", a.status},
                     {"counts", {{"error", a.errors}, {"warning", a.warnings}, {"info", a.infos}}},
                     {"checks_run", a.checks_run}});
  }
  j["areas"] = areas;
  return j;
}

json CheckJson(const CheckView& c) {
  json j = json::object();
  j["id"] = c.id;
  j["outcome"] = model::ToString(c.outcome);
  j["reason"] = c.reason;
  j["findings"] = c.findings;
  return j;
}

const char* LevelId(SignalLevel level) {
  switch (level) {
    case SignalLevel::kVideo: return "video";
    case SignalLevel::kBrowsing: return "browsing";
    case SignalLevel::kWeak: return "weak";
    case SignalLevel::kUnusable: return "unusable";
    case SignalLevel::kNone: break;
  }
  return "none";
}

// A number, or null when there is none (dBm, milliseconds).
json OptionalDbm(std::optional<double> dbm) {
  return dbm ? json(*dbm) : json(nullptr);
}

// The rooms as the report judged them; the raw scans are in the snapshot.
json WifiJson(const WifiSectionView& w) {
  json rooms = json::array();
  for (const auto& r : w.rooms) {
    json bands = json::object();
    for (const auto& cell : r.bands)
      bands[cell.band] = {
          {"signal_dbm", OptionalDbm(cell.dbm)}, {"bssid", cell.bssid}, {"channel", cell.channel}};
    rooms.push_back({{"name", r.name},
                     {"samples", r.samples},
                     {"best_dbm", OptionalDbm(r.best_dbm)},
                     {"level", LevelId(r.level)},
                     {"bands", bands}});
  }
  json aps = json::array();
  for (const auto& ap : w.access_points)
    aps.push_back({{"role", ap.role_id}, {"name", ap.name}, {"bssids", ap.bssids}});
  return {{"own_ssids", w.own_ssids},
          {"access_points", aps},
          {"thresholds_dbm",
           {{"video", w.video_dbm}, {"browsing", w.browsing_dbm}, {"unusable", w.unusable_dbm}}},
          {"rooms", rooms}};
}

json StatsJson(const TimeStats& t) {
  return {{"min", OptionalDbm(t.min_ms)},
          {"median", OptionalDbm(t.median_ms)},
          {"max", OptionalDbm(t.max_ms)}};
}

json MeasurementsJson(const MeasurementsView& m) {
  json gateway = json::array(), dns = json::array();
  for (const auto& p : m.gateway)
    gateway.push_back({{"target", p.target},
                       {"sent", p.sent},
                       {"received", p.received},
                       {"loss_pct", p.loss_pct},
                       {"rtt_ms", StatsJson(p.rtt)}});
  for (const auto& d : m.dns)
    dns.push_back({{"resolver", d.resolver},
                   {"source", d.source},
                   {"reference", d.reference},
                   {"queries", d.queries},
                   {"answered", d.answered},
                   {"answer_ms", StatsJson(d.answer)}});
  json j = {{"gateway", gateway}, {"dns", dns}};
  if (m.scan_duration_ms > 0) j["scan_duration_ms"] = m.scan_duration_ms;
  return j;
}

json Optional(std::optional<double> value) {
  return value ? json(*value) : json(nullptr);
}

json RttJson(const link::RttSummary& r) {
  return {{"sent", r.sent},
          {"received", r.received},
          {"loss_pct", r.loss_pct},
          {"min_ms", Optional(r.min_ms)},
          {"median_ms", Optional(r.median_ms)},
          {"mean_ms", Optional(r.mean_ms)},
          {"p90_ms", Optional(r.p90_ms)},
          {"max_ms", Optional(r.max_ms)},
          {"jitter_ms", Optional(r.jitter_ms)}};
}

json GradeJson(const std::optional<link::Grade>& grade) {
  return grade ? json(link::ToString(*grade)) : json(nullptr);
}

json DirectionJson(const std::optional<link::DirectionQuality>& d) {
  if (!d) return nullptr;
  return {{"status", d->status},
          {"mbit_s", Optional(d->mbit_s)},
          {"loaded_ms", Optional(d->loaded_ms)},
          {"loaded_samples", d->loaded_samples},
          {"added_ms", Optional(d->added_ms)},
          {"rpm", Optional(d->rpm)},
          {"grade", GradeJson(d->grade)}};
}

json LinkJson(const LinkSectionView& l) {
  json round_trips = json::array(), legs = json::array(), receivers = json::array();
  for (const auto& r : l.round_trips)
    round_trips.push_back({{"role", r.role},
                           {"target", r.target},
                           {"name", r.name},
                           {"method", r.method},
                           {"rtt", RttJson(r.rtt)}});
  for (const auto& leg : l.legs) {
    const link::SpeedSummary& s = leg.summary;
    legs.push_back({{"leg", leg.leg},
                    {"server", leg.server},
                    {"error", s.error},
                    {"idle_ms", Optional(s.idle_ms)},
                    {"download", DirectionJson(s.download)},
                    {"upload", DirectionJson(s.upload)},
                    {"worse_direction", s.worse_direction},
                    {"added_ms", Optional(s.added_ms)},
                    {"rpm", Optional(s.rpm)},
                    {"grade", GradeJson(s.grade)}});
  }
  for (const auto& r : l.receivers)
    receivers.push_back({{"ip", r.ip},
                         {"name", r.name},
                         {"stream_class", r.stream_class},
                         {"parallel", r.parallel},
                         {"from_profile", r.from_profile},
                         {"need_mbit", r.need_mbit},
                         {"internet_mbit", Optional(r.internet_mbit)},
                         {"home_mbit", Optional(r.home_mbit)},
                         {"available_mbit", Optional(r.available_mbit)},
                         {"limit", r.limit},
                         {"enough", r.enough ? json(*r.enough) : json(nullptr)},
                         {"text", r.line}});
  json bands = json::object();
  for (auto grade :
       {link::Grade::kAPlus, link::Grade::kA, link::Grade::kB, link::Grade::kC, link::Grade::kD})
    bands[link::ToString(grade)] = *link::GradeUpperBound(grade);
  return {{"round_trips", round_trips},
          {"speed", legs},
          {"receivers", receivers},
          {"grade_bands", {{"source", link::kGradeSource}, {"below_ms", bands}}}};
}

}  // namespace

std::string RenderJson(const Report& report) {
  ReportView view = BuildView(report);
  json findings = json::array(), suppressed = json::array(), checks = json::array();
  for (const auto& f : view.findings) findings.push_back(FindingJson(f));
  for (const auto& f : view.suppressed) suppressed.push_back(FindingJson(f));
  for (const auto& c : view.checks) checks.push_back(CheckJson(c));

  json j = json::object();
  j["schema"] = kReportSchema;
  j["netfix_version"] = view.netfix_version;
  j["lang"] = model::ToString(view.lang);
  j["verdict"] = VerdictJson(view.verdict);
  j["findings"] = findings;
  j["checks"] = checks;
  j["suppressed"] = suppressed;
  json devices = json::array();
  for (const auto& d : report.inventory.devices) devices.push_back(DeviceJson(d));
  j["devices"] = devices;
  if (view.wifi) j["wifi"] = WifiJson(*view.wifi);
  j["measurements"] = MeasurementsJson(view.measurements);
  if (view.link) j["link"] = LinkJson(*view.link);
  j["snapshot"] = model::SnapshotToJson(report.snapshot);
  return model::DumpJson(j);
}

}  // namespace netfix::report
