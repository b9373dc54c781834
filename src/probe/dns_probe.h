// DNS through every resolver, with netfix's own queries: A records for the
// test names, timed, so that a broken resolver can be told apart from a
// broken network (the reference resolvers answer while the configured one
// does not).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/sockets.h"
#include "io/system.h"
#include "model/snapshot.h"

namespace netfix::probe {

struct DnsTiming {
  io::Duration retry_after = std::chrono::milliseconds(1000);  ///< resend once, same id
  io::Duration give_up_after = std::chrono::milliseconds(2000);
  io::Duration slice = std::chrono::milliseconds(50);
};

/// Asks one resolver over `socket` for every name at once (one query each,
/// ids from `next_id`), resends unanswered queries once after retry_after,
/// and gives up after give_up_after. Answers are matched on id and question;
/// anything else that arrives is ignored (and mentioned if nothing valid
/// came). `cancel` ends it early: unanswered queries become errors.
model::DnsResult QueryResolver(io::DatagramSocket& socket, const io::Clock& clock,
                               const model::Resolver& resolver,
                               const std::vector<std::string>& names, const DnsTiming& timing,
                               const std::atomic<bool>& cancel,
                               const std::function<std::uint16_t()>& next_id);

struct DnsProbeOutcome {
  model::ProbeRecord record;              ///< id "dns", without the duration
  std::vector<model::DnsResult> results;  ///< in resolver order
  bool cancelled = false;
};

/// Every resolver in parallel (one thread each), each over its own
/// connected UDP socket to port 53.
DnsProbeOutcome RunDnsProbe(io::System& system, const std::vector<model::Resolver>& resolvers,
                            const std::vector<std::string>& names, const DnsTiming& timing,
                            const std::atomic<bool>& cancel);

class LanProbe;
/// "dns" as a scan probe: every resolver of the snapshot.
std::unique_ptr<LanProbe> MakeDnsProbe();

}  // namespace netfix::probe
