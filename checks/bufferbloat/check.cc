// bufferbloat: on a measured leg, the latency a full load adds (the median
// round trip under load minus the median idle round trip, in the worse
// direction, as DSLReports grades) reaches grade C or worse.
#include "check/check.h"

#include "link/quality.h"
#include "util/strings.h"

namespace netfix::checks {

void Bufferbloat(const check::CheckContext& context, check::FindingSink& out) {
  const auto& tests = context.snapshot().measurements.speed;
  const double added_limit = context.Param("added-ms");
  const double min_samples = context.Param("min-samples");
  if (tests.empty()) {
    out.Skip(link::kNoSpeedTest);
    return;
  }
  bool graded = false;
  for (const auto& test : tests) {
    link::SpeedSummary s = link::Summarize(test);
    if (s.idle_samples < min_samples) continue;
    const link::DirectionQuality* worst = nullptr;
    for (const auto* d : {s.download ? &*s.download : nullptr, s.upload ? &*s.upload : nullptr}) {
      if (d == nullptr || !d->added_ms || d->loaded_samples < min_samples) continue;
      graded = true;
      if (worst == nullptr || *d->added_ms > *worst->added_ms) worst = d;
    }
    if (worst == nullptr || *worst->added_ms < added_limit) continue;

    const bool home = test.leg == "home";
    const bool upload = worst->direction == "upload";
    std::string server = link::HostOf(test.server);
    auto& f = out.Add(server.empty() ? test.leg : server);
    f.variant =
        std::string(home ? "home" : "") + (home && upload ? "-" : "") + (upload ? "upload" : "");
    f.params["server"] = server.empty() ? "-" : server;
    f.params["target"] = test.latency_target.empty() ? f.params["server"] : test.latency_target;
    f.params["mbit"] = worst->mbit_s ? link::Short(*worst->mbit_s) : "-";
    f.params["idle-ms"] = link::Short(*s.idle_ms);
    f.params["loaded-ms"] = link::Short(*worst->loaded_ms);
    f.params["added-ms"] = link::Short(*worst->added_ms);
    f.params["rpm"] = worst->rpm ? util::FormatFixed(*worst->rpm, 0) : "-";
    f.params["grade"] = link::ToString(*worst->grade);
    f.params["limit-ms"] = util::FormatFixed(added_limit, 0);
    const std::string probe = home ? "peer" : "speed";
    f.evidence.push_back(
        {probe, "idle round trips to " + f.params["target"],
         "median " + link::Short(*s.idle_ms) + " ms of " + std::to_string(s.idle_samples)});
    for (const auto* d : {s.download ? &*s.download : nullptr, s.upload ? &*s.upload : nullptr}) {
      if (d == nullptr || !d->loaded_ms) continue;
      std::string value =
          "median " + link::Short(*d->loaded_ms) + " ms of " + std::to_string(d->loaded_samples);
      if (d->added_ms)
        value += ", +" + link::Short(*d->added_ms) + " ms, grade " + link::ToString(*d->grade);
      if (d->rpm) value += ", " + util::FormatFixed(*d->rpm, 0) + " RPM";
      f.evidence.push_back({probe, "round trips during the " + d->direction, value});
    }
  }
  if (!graded && out.findings().empty()) out.Skip(link::kNoLoadedRoundTrips);
}

}  // namespace netfix::checks
