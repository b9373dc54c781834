// upnp-port-mappings-open: an Internet Gateway Device lists enabled port
// mappings, i.e. ports forwarded from the internet to LAN devices.
#include "check/check.h"

#include "util/strings.h"

namespace netfix::checks {

void UpnpPortMappingsOpen(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  if (!s.measurements.ssdp || s.measurements.ssdp->gateways.empty()) {
    out.Skip("no UPnP internet gateway answered, so its port mappings are unknown");
    return;
  }
  for (const auto& g : s.measurements.ssdp->gateways) {
    std::vector<std::string> mappings;
    std::vector<model::Evidence> evidence;
    for (const auto& m : g.port_mappings) {
      if (!m.enabled) continue;
      const auto* device = context.inventory().FindByIp(m.internal_client);
      std::string target = m.internal_client + ":" + std::to_string(m.internal_port);
      std::string name = device ? device->DisplayName() : "";
      mappings.push_back(m.protocol + " " + std::to_string(m.external_port) + " → " + target +
                         (name.empty() || name == m.internal_client ? "" : " (" + name + ")"));
      evidence.push_back(
          {"ssdp", "UPnP GetGenericPortMappingEntry @" + g.from_ip,
           m.protocol + " " + (m.remote_host.empty() ? "*" : m.remote_host) + ":" +
               std::to_string(m.external_port) + " -> " + target +
               (m.description.empty() ? "" : " \"" + m.description + "\"") +
               (m.lease_s > 0 ? ", lease " + std::to_string(m.lease_s) + " s" : "")});
    }
    if (mappings.empty()) continue;
    auto& f = out.Add(g.from_ip);
    if (const auto* router = context.inventory().FindByIp(g.from_ip)) f.device = router->key;
    f.params["router"] = g.from_ip;
    f.params["count"] = std::to_string(mappings.size());
    f.params["mappings"] = util::Join(mappings, "; ");
    f.evidence = std::move(evidence);
  }
}

}  // namespace netfix::checks
