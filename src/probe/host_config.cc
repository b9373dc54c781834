#include "probe/host_config.h"

#include "probe/record.h"

namespace netfix::probe {

const model::Route* DefaultRoute(const std::vector<model::Route>& routes) {
  const model::Route* best = nullptr;
  for (const auto& r : routes) {
    if (r.family != "ipv4" || r.destination != "default") continue;
    if (best == nullptr || r.metric < best->metric) best = &r;
  }
  return best;
}

HostConfigOutcome ProbeHostConfig(io::System& system, model::Snapshot& snapshot) {
  HostConfigOutcome out;
  io::HostFacts facts = system.ReadHostFacts();
  snapshot.host.hostname = facts.hostname;
  snapshot.host.os = facts.os;
  snapshot.host.privileged = facts.privileged;

  auto config = system.ReadNetworkConfig();
  if (!config.ok()) {
    out.record = Record("host-config", model::ProbeStatus::kFailed, config.error().message);
    return out;
  }
  snapshot.interfaces = std::move(config->interfaces);
  snapshot.routes = std::move(config->routes);
  for (auto& note : config->notes) snapshot.notes.push_back(std::move(note));
  out.neighbours = std::move(config->neighbours);
  if (const model::Route* route = DefaultRoute(snapshot.routes)) {
    snapshot.default_gateway = route->gateway;
    snapshot.default_interface = route->interface;
  }
  std::string summary = std::to_string(snapshot.interfaces.size()) + " interfaces, " +
                        std::to_string(snapshot.routes.size()) + " routes, ";
  if (!snapshot.default_gateway.empty())
    summary += "default via " + snapshot.default_gateway + " on " + snapshot.default_interface;
  else if (!snapshot.default_interface.empty())
    summary += "default route on " + snapshot.default_interface + " without a gateway";
  else
    summary += "no IPv4 default route";
  out.record = Record("host-config", model::ProbeStatus::kOk, summary);
  return out;
}

}  // namespace netfix::probe
