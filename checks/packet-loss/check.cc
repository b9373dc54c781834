// packet-loss: more than the limit of the requests to a target got no answer,
// and at least `min-lost` of them. For an internet target only the loss
// beyond the router counts (its loss minus the router's): loss on the Wi-Fi
// to the router shows up at every target and is the router's finding.
#include "check/check.h"

#include <algorithm>

#include "link/quality.h"
#include "util/strings.h"

namespace netfix::checks {

void PacketLoss(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const double max_pct = context.Param("max-loss-pct");
  const double min_lost = context.Param("min-lost");
  const model::PingResult* gateway = link::GatewayPing(s);
  std::optional<link::RttSummary> router;
  if (gateway) router = link::Summarize(*gateway);

  for (const model::PingResult* ping : link::RoundTrips(s)) {
    link::RttSummary rtt = link::Summarize(*ping);
    // Nothing came back at all: unreachable, not lossy (gateway-unreachable
    // and the DNS checks speak about that).
    if (rtt.sent == 0 || rtt.received == 0 || rtt.lost < min_lost) continue;
    // A datagram to a closed port is answered by ICMP port unreachable, which
    // Linux and most routers rate-limit (a burst of about 6): unanswered
    // requests there are not lost packets.
    if (ping->method == "udp" && ping->port != 53) continue;
    const std::string scope = link::Scope(s, *ping);
    double judged = rtt.loss_pct;
    if (scope == "internet" && router) judged = std::max(0.0, rtt.loss_pct - router->loss_pct);
    if (judged <= max_pct) continue;

    auto& f = out.Add(ping->target);
    f.variant = scope == "lan" ? "" : scope;
    f.params["target"] = ping->target;
    f.params["who"] = link::Who(*ping, context.inventory());
    f.params["lost"] = std::to_string(rtt.lost);
    f.params["sent"] = std::to_string(rtt.sent);
    f.params["loss-pct"] = link::Short(rtt.loss_pct);
    f.params["max-pct"] = link::Short(max_pct);
    if (const auto* device = context.inventory().FindByIp(ping->target)) f.device = device->key;
    std::string probe = ping->role == "gateway" ? "gateway-ping" : "latency";
    f.evidence.push_back({probe, ping->role + " " + ping->target + " (" + ping->method + ")",
                          std::to_string(rtt.received) + "/" + std::to_string(rtt.sent) +
                              " replies, " + link::Short(rtt.loss_pct) + " % lost"});
    if (scope == "internet" && router)
      f.evidence.push_back({"gateway-ping", "gateway " + gateway->target,
                            std::to_string(router->received) + "/" + std::to_string(router->sent) +
                                " replies, " + link::Short(router->loss_pct) + " % lost"});
  }
}

}  // namespace netfix::checks
