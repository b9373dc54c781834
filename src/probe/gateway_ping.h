// ICMP echo to the default gateway: a raw socket when we may, an
// unprivileged "ping" socket when net.ipv4.ping_group_range allows it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "io/clock.h"
#include "io/result.h"
#include "io/sockets.h"
#include "io/system.h"
#include "model/snapshot.h"
#include "wire/addr.h"

namespace netfix::probe {

struct PingTiming {
  io::Duration interval = std::chrono::milliseconds(100);
  io::Duration reply_timeout = std::chrono::milliseconds(1000);  ///< per request
  io::Duration slice = std::chrono::milliseconds(20);
};

struct PingSeries {
  int sent = 0;
  int received = 0;
  std::vector<double> rtt_ms;  ///< in sequence order
  int send_errors = 0;
  std::string first_send_error;
  std::optional<io::Error> error;  ///< receiving failed
  bool cancelled = false;
};

/// Sends `count` echo requests to `target`, `interval` apart, each answered
/// in time when its reply comes within `reply_timeout`. On a raw socket
/// replies are matched by identifier and sequence; a datagram socket's
/// identifier belongs to the kernel, so only the sequence is compared.
PingSeries RunPingSeries(io::IcmpSocket& socket, const io::Clock& clock, wire::Ipv4 target,
                         int count, std::uint16_t id, const PingTiming& timing,
                         const std::atomic<bool>& cancel);

struct GatewayPingOutcome {
  model::ProbeRecord record;  ///< id "gateway-ping", without the duration
  std::optional<model::PingResult> result;
  bool cancelled = false;
};

/// Opens a socket (raw, else datagram) and pings `gateway`.
GatewayPingOutcome PingGateway(io::System& system, const std::string& gateway, int count,
                               const PingTiming& timing, const std::atomic<bool>& cancel);

class LanProbe;
/// "gateway-ping" as a scan probe. Its Finish() tells from the ARP sweep's
/// sightings (finished before it) whether the gateway answered ARP.
std::unique_ptr<LanProbe> MakeGatewayPingProbe();

}  // namespace netfix::probe
