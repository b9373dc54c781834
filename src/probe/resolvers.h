// The resolvers this machine uses: /etc/resolv.conf, the upstream servers
// behind systemd-resolved's stub, and the reference resolvers netfix asks
// for comparison.
#pragma once

#include <string>
#include <vector>

#include "io/system.h"
#include "model/snapshot.h"

namespace netfix::probe {

/// Where systemd-resolved lists the servers it forwards to.
inline constexpr const char* kSystemdResolvedUpstream = "/run/systemd/resolve/resolv.conf";

struct ResolversOutcome {
  model::ProbeRecord record;  ///< id "resolvers", without the duration
  std::vector<model::Resolver> resolvers;
  std::vector<std::string> notes;
};

ResolversOutcome ProbeResolvers(io::System& system, const std::string& resolv_conf_path,
                                const std::vector<std::string>& reference_resolvers);

}  // namespace netfix::probe
