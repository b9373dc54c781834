// What this machine knows about its own network: interfaces, addresses,
// routes, the default gateway and the kernel's neighbour table.
#pragma once

#include <vector>

#include "io/network_config.h"
#include "io/system.h"
#include "model/snapshot.h"

namespace netfix::probe {

struct HostConfigOutcome {
  model::ProbeRecord record;  ///< id "host-config", without the duration
  std::vector<io::Neighbour> neighbours;
};

/// Fills snapshot.host (hostname, os, privileged), interfaces, routes,
/// default_gateway and default_interface, and notes.
HostConfigOutcome ProbeHostConfig(io::System& system, model::Snapshot& snapshot);

/// The IPv4 default route with the lowest metric, or nullptr.
const model::Route* DefaultRoute(const std::vector<model::Route>& routes);

}  // namespace netfix::probe
