// jitter: the round trips to the internet target or a receiver vary from one
// to the next by more than a VoIP call tolerates. The router and the peer
// are not judged: a few ms of variation at home is harmless, and what makes
// it harmful shows up at the internet target and the receivers.
#include "check/check.h"

#include "link/quality.h"
#include "util/strings.h"

namespace netfix::checks {

void Jitter(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const double max_ms = context.Param("max-ms");
  const double min_replies = context.Param("min-replies");
  for (const model::PingResult* ping : link::RoundTrips(s)) {
    const std::string scope = link::Scope(s, *ping);
    if (scope == "lan") continue;
    link::RttSummary rtt = link::Summarize(*ping);
    if (!rtt.jitter_ms || rtt.received < min_replies || *rtt.jitter_ms <= max_ms) continue;
    auto& f = out.Add(ping->target);
    f.variant = scope == "receiver" ? "receiver" : "";
    f.params["target"] = ping->target;
    f.params["who"] = link::Who(*ping, context.inventory());
    f.params["jitter-ms"] = link::Short(*rtt.jitter_ms);
    f.params["median-ms"] = link::Short(*rtt.median_ms);
    f.params["replies"] = std::to_string(rtt.received);
    f.params["max-ms"] = util::FormatFixed(max_ms, 0);
    if (const auto* device = context.inventory().FindByIp(ping->target)) f.device = device->key;
    f.evidence.push_back({"latency", ping->role + " " + ping->target + " (" + ping->method + ")",
                          "jitter " + link::Short(*rtt.jitter_ms) + " ms, median " +
                              link::Short(*rtt.median_ms) + " ms, min " + link::Short(*rtt.min_ms) +
                              " ms, max " + link::Short(*rtt.max_ms) + " ms"});
  }
}

}  // namespace netfix::checks
