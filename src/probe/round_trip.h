// Round trips to one target with the best method this machine allows: ICMP
// echo (raw socket, else an unprivileged ping socket), else UDP (a DNS query
// to a resolver, or a datagram to a closed port answered by ICMP port
// unreachable), else a TCP connect (time to SYN-ACK or RST). "udp-echo"
// talks to `netfix serve` (see kUdpEchoMagic). Used by the latency probe and,
// on its own thread, by the load tests of the speed and peer probes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/system.h"

namespace netfix::probe {

/// A udp-echo request is kUdpEchoMagic, a 4-byte big-endian sequence number
/// and up to 56 more bytes; `netfix serve` sends such a datagram back as it
/// came and ignores every other datagram.
inline constexpr char kUdpEchoMagic[] = "NFXE";

struct RoundTripSpec {
  std::string target;  ///< IPv4 address
  /// "auto" (icmp, else udp, else tcp), "icmp", "udp", "tcp", "udp-echo".
  std::string method = "auto";
  int port = 0;  ///< udp/tcp/udp-echo; 0: a sensible default (53 for resolvers, 80, ...)
  bool is_resolver = false;  ///< udp: ask a DNS question instead of hitting a closed port
  int count = 20;
  io::Duration interval = std::chrono::milliseconds(50);
  io::Duration reply_timeout = std::chrono::milliseconds(1000);
};

struct RoundTrips {
  std::string method;  ///< the method used (model::PingResult::method)
  int port = 0;
  std::string note;  ///< why this method, when it is a fallback
  int sent = 0;
  std::vector<double> rtt_ms;  ///< one per answered request, in order
  std::string error;  ///< no method could run, or sending/receiving failed
  bool cancelled = false;
};

/// Bounded by count * interval + reply_timeout; returns early once
/// `stopped()` is true, with what was measured so far.
RoundTrips MeasureRoundTrips(io::System& system, const RoundTripSpec& spec,
                             const std::function<bool()>& stopped);

}  // namespace netfix::probe
