// dns-slow: a configured resolver answers, but its median answer time for
// popular (hence cached) names is above the threshold. When a public
// reference resolver is about as slow, the path (the line, a congested or
// double-NAT link) is slow rather than the resolver, and this check stays
// quiet: blaming the DNS server would send the customer the wrong way.
#include "check/check.h"

#include <algorithm>
#include <optional>

#include "util/strings.h"

namespace netfix::checks {

namespace {

// The lower median answer time of the successful queries; nullopt when
// there are none. netfix asks few names (two by default), and the mean of
// two would let one stalled answer (a cache miss, a busy router) call the
// whole resolver slow: with an even count the faster middle value counts.
std::optional<double> MedianOk(const model::DnsResult& result) {
  std::vector<double> times;
  for (const auto& q : result.queries)
    if (q.outcome == "ok") times.push_back(q.rtt_ms);
  if (times.empty()) return std::nullopt;
  std::sort(times.begin(), times.end());
  return times[(times.size() - 1) / 2];
}

}  // namespace

void DnsSlow(const check::CheckContext& context, check::FindingSink& out) {
  const double slow_ms = context.Param("slow-ms");
  const double path_factor = context.Param("path-factor");
  const auto& results = context.snapshot().measurements.dns;

  // The fastest reference resolver, to show that a faster answer is possible.
  std::string reference;
  double reference_ms = 0;
  for (const auto& r : results) {
    if (r.source != "reference") continue;
    if (auto median = MedianOk(r); median && (reference.empty() || *median < reference_ms)) {
      reference = r.resolver;
      reference_ms = *median;
    }
  }

  for (const auto& r : results) {
    if (r.source == "reference") continue;
    auto median = MedianOk(r);
    if (!median || *median <= slow_ms) continue;
    if (!reference.empty() && reference_ms > slow_ms && *median <= reference_ms * path_factor)
      continue;
    auto& f = out.Add(r.resolver);
    f.params["resolver"] = r.resolver;
    f.params["median-ms"] = util::FormatFixed(*median, 0);
    f.params["slow-ms"] = util::FormatFixed(slow_ms, 0);
    for (const auto& q : r.queries) {
      if (q.outcome == "ok")
        f.evidence.push_back({"dns", r.resolver + " " + q.type + " " + q.name,
                              "NOERROR " + util::FormatFixed(q.rtt_ms, 0) + " ms"});
    }
    if (!reference.empty() && reference_ms * 2 < *median) {
      f.variant = "reference-faster";
      f.params["reference"] = reference;
      f.params["reference-ms"] = util::FormatFixed(reference_ms, 0);
      f.evidence.push_back({"dns", reference + " (median)",
                            "NOERROR " + util::FormatFixed(reference_ms, 0) + " ms"});
    }
  }
}

}  // namespace netfix::checks
