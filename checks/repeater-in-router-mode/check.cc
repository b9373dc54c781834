// repeater-in-router-mode: a device that is (confidently) a repeater or
// access point runs a DHCP server, or routes for this computer.
#include "check/check.h"

#include "inventory/facts.h"
#include "util/strings.h"

namespace netfix::checks {

namespace fact = inventory::facts;

void RepeaterInRouterMode(const check::CheckContext& context, check::FindingSink& out) {
  const double min_confidence = context.Param("min-confidence");
  const bool dhcp_ran = context.ProbeOk("dhcp");
  const model::Snapshot& s = context.snapshot();
  for (const auto& d : context.inventory().devices) {
    if (d.role.role != inventory::Role::kRepeater || d.role.confidence < min_confidence) continue;
    bool serves_dhcp = d.Has(fact::kDhcpServer);
    if (!serves_dhcp && !d.is_gateway) continue;
    std::string ip = d.ipv4.empty() ? d.key : d.ipv4.front();
    auto& f = out.Add(ip);
    f.device = d.key;
    f.params["device"] = d.DisplayName();
    f.params["ip"] = ip;
    std::vector<std::string> subnets = d.Values(fact::kDhcpSubnet);
    if (subnets.empty() && d.is_gateway) {
      // Our own address range is the one it hands out.
      for (const auto& r : s.routes)
        if (r.interface == s.default_interface && r.destination != "default" && r.gateway.empty())
          subnets.push_back(r.destination);
    }
    f.params["subnet"] = subnets.empty() ? "-" : util::Join(subnets, ", ");
    for (const auto& e : d.role.evidence) f.evidence.push_back({"inventory", "role repeater", e});
    if (serves_dhcp)
      f.evidence.push_back({"dhcp", "dhcp.server " + ip,
                            "yes" + (subnets.empty() ? "" : ", " + util::Join(subnets, ", "))});
    if (d.is_gateway) f.evidence.push_back({"host-config", "ip route default", "via " + ip});
  }
  if (!dhcp_ran && out.findings().empty())
    out.Skip("the dhcp probe did not run, so DHCP servers are unknown");
}

}  // namespace netfix::checks
