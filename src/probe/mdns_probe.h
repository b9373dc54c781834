// mDNS / DNS-SD discovery: legacy unicast queries (RFC 6762 §6.7) from an
// ephemeral port to 224.0.0.251:5353, so that every responder answers
// straight to netfix, even when avahi runs on this machine. The first
// round asks for the service types on the link (_services._dns-sd._udp)
// and for the types that matter in homes; follow-up rounds ask PTR for
// newly seen types, SRV/TXT for instances and A/AAAA for hosts that the
// answers' additional records did not already give.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "io/multicast_socket.h"
#include "io/system.h"
#include "model/snapshot.h"
#include "probe/lan_probe.h"

namespace netfix::probe {

struct MdnsTiming {
  io::Duration window = std::chrono::milliseconds(900);          ///< from the first query
  io::Duration resend_after = std::chrono::milliseconds(200);    ///< the first round, once
  io::Duration follow_up_every = std::chrono::milliseconds(40);  ///< batches follow-up questions
};

/// The service types asked for directly (besides the _services meta-query).
const std::vector<std::string>& MdnsHomeServiceTypes();

struct MdnsOutcome {
  model::MdnsResult result;
  model::ProbeRecord record;  ///< id "mdns", without the duration
  bool cancelled = false;
};

MdnsOutcome RunMdnsProbe(io::System& system, const io::MulticastSocketOptions& where,
                         const MdnsTiming& timing, const std::atomic<bool>& cancel,
                         std::uint16_t query_id);

/// The probe "mdns"; its timing is ScanTuning::mdns.
std::unique_ptr<LanProbe> MakeMdnsProbe();

}  // namespace netfix::probe
