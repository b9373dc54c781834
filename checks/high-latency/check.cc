// high-latency: the median round trip to a target is above the limit for
// where it is: at home (router, peer, a resolver in the LAN), a receiver, or
// on the internet. For the internet only the part beyond the router counts:
// a slow Wi-Fi link to the router makes every internet target slow too, and
// that is one problem (the router's finding), not two.
#include "check/check.h"

#include "link/quality.h"
#include "util/strings.h"

namespace netfix::checks {

void HighLatency(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const double min_replies = context.Param("min-replies");
  const model::PingResult* gateway = link::GatewayPing(s);
  std::optional<double> router_ms;
  if (gateway) router_ms = link::Summarize(*gateway).median_ms;

  for (const model::PingResult* ping : link::RoundTrips(s)) {
    link::RttSummary rtt = link::Summarize(*ping);
    if (!rtt.median_ms || rtt.received < min_replies) continue;
    const std::string scope = link::Scope(s, *ping);
    const double limit = context.Param(scope + "-ms");
    double judged = *rtt.median_ms;
    std::string variant = scope == "lan" ? "" : scope;
    if (scope == "internet") {
      if (router_ms) {
        judged = std::max(0.0, *rtt.median_ms - *router_ms);
      } else {
        variant = "internet-no-router";
      }
    }
    if (judged <= limit) continue;

    auto& f = out.Add(ping->target);
    f.variant = variant;
    f.params["target"] = ping->target;
    f.params["who"] = link::Who(*ping, context.inventory());
    f.params["median-ms"] = link::Short(*rtt.median_ms);
    f.params["replies"] = std::to_string(rtt.received);
    f.params["limit-ms"] = util::FormatFixed(limit, 0);
    if (variant == "internet") {
      f.params["beyond-ms"] = link::Short(judged);
      f.params["router-ms"] = link::Short(*router_ms);
    }
    if (const auto* device = context.inventory().FindByIp(ping->target)) f.device = device->key;
    std::string probe = ping->role == "gateway" ? "gateway-ping" : "latency";
    f.evidence.push_back({probe, ping->role + " " + ping->target + " (" + ping->method + ")",
                          "median " + link::Short(*rtt.median_ms) + " ms, p90 " +
                              link::Short(*rtt.p90_ms) + " ms, " + std::to_string(rtt.received) +
                              "/" + std::to_string(rtt.sent) + " replies"});
    if (variant == "internet")
      f.evidence.push_back({"gateway-ping", "gateway " + gateway->target + " (median)",
                            link::Short(*router_ms) + " ms"});
  }
}

}  // namespace netfix::checks
