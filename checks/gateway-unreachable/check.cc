// gateway-unreachable: the default gateway answers neither echo requests nor
// ARP. A router that only filters ping still answers ARP, so it stays quiet.
#include "check/check.h"

namespace netfix::checks {

void GatewayUnreachable(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  for (const auto& ping : s.measurements.ping) {
    if (ping.role != "gateway" || ping.sent == 0 || ping.received > 0) continue;
    if (ping.answers_arp.value_or(false)) continue;
    auto& f = out.Add(ping.target);
    if (!ping.answers_arp) f.variant = "no-arp-data";
    f.params["gateway"] = ping.target;
    f.params["interface"] = s.default_interface.empty() ? "-" : s.default_interface;
    f.params["sent"] = std::to_string(ping.sent);
    f.evidence.push_back({"gateway-ping", "ping " + ping.target + " (" + ping.method + ")",
                          "0/" + std::to_string(ping.sent) + " echo replies"});
    if (ping.answers_arp) f.evidence.push_back({"arp-sweep", "arp " + ping.target, "no reply"});
  }
}

}  // namespace netfix::checks
