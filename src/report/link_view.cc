#include "report/link_view.h"

#include <cmath>

#include "profile/profile.h"
#include "report/strings.h"
#include "util/strings.h"

namespace netfix::report {

using model::Lang;

namespace {

// Milliseconds with two significant digits or more (as the measurements).
std::string Ms(std::optional<double> ms, Lang lang) {
  if (!ms) return "–";
  return FormatDecimal(*ms, *ms < 1 ? 2 : *ms < 10 ? 1 : 0, lang);
}

// A rate or a count as link::Short, with the language's decimal mark.
std::string Short(double value, Lang lang) {
  bool whole = std::fabs(value - std::round(value)) < 0.05;
  return FormatDecimal(value, value < 10 && !whole ? 1 : 0, lang);
}

Str RoleLabelKey(const std::string& role) {
  if (role == "gateway") return Str::kLinkRoleGateway;
  if (role == "resolver") return Str::kLinkRoleResolver;
  if (role == "receiver") return Str::kLinkRoleReceiver;
  if (role == "peer") return Str::kLinkRolePeer;
  return Str::kLinkRoleInternet;
}

std::string Mbit(const std::optional<link::DirectionQuality>& d, Lang lang) {
  if (!d) return "–";
  if (d->mbit_s) return Short(*d->mbit_s, lang);
  return d->status == "failed" ? Text(Str::kLinkFailed, lang, {{"error", d->error}}) : "–";
}

std::string Loaded(const link::SpeedSummary& s, Lang lang) {
  auto one = [&](const std::optional<link::DirectionQuality>& d) {
    return d && d->loaded_ms ? Ms(d->loaded_ms, lang) : "–";
  };
  return one(s.download) + "/" + one(s.upload) + " ms";
}

std::string ReceiverLine(const ReceiverNeedView& r, Lang lang) {
  std::string streams = link::StreamsLabel(r.stream_class, r.parallel);
  if (!r.from_profile) streams += ", " + std::string(Text(Str::kLinkAssumed, lang));
  std::string internet = r.home_source     ? Text(Str::kLinkNotUsed, lang)
                         : r.internet_mbit ? MbitLabel(*r.internet_mbit, lang)
                                           : Text(Str::kLinkNotMeasured, lang);
  std::string home =
      r.home_mbit ? MbitLabel(*r.home_mbit, lang) : Text(Str::kLinkNotMeasured, lang);
  Str verdict = !r.enough           ? Str::kLinkNotMeasured
                : *r.enough         ? Str::kLinkEnough
                : r.limit == "home" ? Str::kLinkTooSlowHome
                                    : Str::kLinkTooSlowInternet;
  std::string line = Text(Str::kLinkReceiverLine, lang,
                          {{"need", MbitLabel(r.need_mbit, lang)},
                           {"streams", streams},
                           {"internet", internet},
                           {"home", home},
                           {"verdict", Text(verdict, lang)}});
  if (r.path && r.path->median_ms)
    line += "; " + Text(Str::kLinkReceiverPath, lang,
                        {{"median", Ms(r.path->median_ms, lang)},
                         {"jitter", Ms(r.path->jitter_ms, lang)},
                         {"loss", Short(r.path->loss_pct, lang)}});
  return line;
}

}  // namespace

std::string MbitLabel(double mbit, Lang lang) {
  return Short(mbit, lang) + " Mbit/s";
}

std::optional<LinkSectionView> BuildLinkView(const Report& report) {
  const model::Snapshot& s = report.snapshot;
  const Lang lang = report.lang;
  LinkSectionView view;

  bool beyond_router = !s.measurements.speed.empty();
  for (const model::PingResult* ping : link::RoundTrips(s)) {
    if (ping->role != "gateway" && !ping->role.empty()) beyond_router = true;
    RoundTripView r;
    r.role = ping->role.empty() ? "gateway" : ping->role;
    r.role_label = Text(RoleLabelKey(r.role), lang);
    r.target = ping->target;
    std::string name = link::TargetName(*ping, report.inventory);
    r.name = name == ping->target ? "" : name;
    r.method = ping->method;
    r.rtt = link::Summarize(*ping);
    view.round_trips.push_back(std::move(r));
  }
  if (!beyond_router) return std::nullopt;

  for (const auto& test : s.measurements.speed) {
    SpeedLegView leg;
    leg.leg = test.leg;
    leg.leg_label = Text(test.leg == "home" ? Str::kLegHome : Str::kLegInternet, lang);
    leg.server = test.server;
    leg.summary = link::Summarize(test);
    view.legs.push_back(std::move(leg));
  }

  link::StreamRates rates;
  double min_confidence = 0.4;
  if (const auto* info = report.catalog.Find(link::kRatesCheck)) {
    rates = link::RatesFrom(info->params);
    if (auto it = info->params.find("min-confidence"); it != info->params.end())
      min_confidence = it->second;
  }
  const profile::ProfileDb& profiles =
      report.profiles ? *report.profiles : profile::ProfileDb::Builtin();
  for (const auto& path :
       link::AssessReceivers(s, report.inventory, profiles, rates, min_confidence)) {
    ReceiverNeedView r;
    r.ip = path.ip;
    r.name = path.name;
    r.stream_class = path.stream_class;
    r.parallel = path.parallel;
    r.from_profile = path.from_profile;
    r.need_mbit = path.need_mbit;
    r.home_source = path.home_source;
    r.internet_mbit = path.internet_mbit;
    r.home_mbit = path.home_mbit;
    r.available_mbit = path.available_mbit;
    r.limit = path.limit;
    if (path.available_mbit) r.enough = *path.available_mbit >= path.need_mbit;
    r.path = path.path;
    if (!r.available_mbit && !r.path) continue;  // nothing measured: nothing to say
    r.line = ReceiverLine(r, lang);
    view.receivers.push_back(std::move(r));
  }

  if (s.contract) {
    view.contract = s.contract;
    view.contract_line = MbitLabel(s.contract->down_mbit, lang) + " ↓";
    if (s.contract->up_mbit)
      view.contract_line += " / " + MbitLabel(*s.contract->up_mbit, lang) + " ↑";
  }

  view.rtt_headers = {Text(Str::kColTarget, lang), Text(Str::kColWhere, lang),
                      Text(Str::kColMethod, lang), Text(Str::kColMedian, lang),
                      Text(Str::kColJitter, lang), Text(Str::kColLoss, lang)};
  for (const auto& r : view.round_trips) {
    std::string target = r.name.empty() ? r.target : r.name + " (" + r.target + ")";
    std::string loss = Short(r.rtt.loss_pct, lang) + " % (" + std::to_string(r.rtt.lost) + "/" +
                       std::to_string(r.rtt.sent) + ")";
    view.rtt_rows.push_back(
        {target, r.role_label, r.method.empty() ? "–" : r.method,
         r.rtt.median_ms ? Ms(r.rtt.median_ms, lang) + " ms" : Text(Str::kLinkNoReply, lang),
         r.rtt.jitter_ms ? Ms(r.rtt.jitter_ms, lang) + " ms" : "–", loss});
  }
  if (!view.legs.empty()) {
    view.speed_headers = {Text(Str::kColLeg, lang),    Text(Str::kColDownload, lang),
                          Text(Str::kColUpload, lang), Text(Str::kColIdle, lang),
                          Text(Str::kColLoaded, lang), Text(Str::kColRpm, lang),
                          Text(Str::kColGrade, lang)};
    for (const auto& leg : view.legs) {
      const link::SpeedSummary& sum = leg.summary;
      std::string label = leg.leg_label;
      if (!leg.server.empty()) label += " (" + link::HostOf(leg.server) + ")";
      if (!sum.error.empty()) {
        view.speed_rows.push_back(
            {label, Text(Str::kLinkFailed, lang, {{"error", sum.error}}), "–", "–", "–", "–", "–"});
        continue;
      }
      std::string grade = "–";
      if (sum.grade)
        grade = std::string(link::ToString(*sum.grade)) + " (+" + Ms(sum.added_ms, lang) + " ms)";
      view.speed_rows.push_back(
          {label, Mbit(sum.download, lang), Mbit(sum.upload, lang),
           sum.idle_ms ? Ms(sum.idle_ms, lang) + " ms" : "–", Loaded(sum, lang),
           sum.rpm ? FormatDecimal(std::round(*sum.rpm), 0, lang) : "–", grade});
    }
    view.grade_note = Text(Str::kLinkGradeNote, lang, {{"source", link::kGradeSource}});
  }
  return view;
}

}  // namespace netfix::report
