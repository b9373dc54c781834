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
  /// The question a resolver is asked (an A record): one the DNS probe
  /// asked already, so that the answer comes from the resolver's cache.
  std::string dns_name = "example.com";
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
  std::string error;           ///< no method could run, or sending/receiving failed
  bool cancelled = false;
};

/// Bounded by count * interval + reply_timeout, plus, for "auto", one
/// reply_timeout for each method whose single trial request got no answer;
/// returns early once `stopped()` is true, with what was measured so far.
/// `stopped` is called often from the calling thread: make it cheap.
///
/// "auto" tries ICMP echo, then UDP, then TCP with one request each and
/// measures with the first that gets an answer (the trial also fills the
/// ARP caches on the way); when none does, with the first that could run.
/// Methods that cannot run (no permission for ICMP sockets) are skipped.
/// For targets that are not resolvers TCP comes before UDP: hosts
/// rate-limit ICMP port unreachable (Linux: a burst of 6, then one per
/// second), so a UDP series would report loss that is not there. The note
/// says why a later method was used.
RoundTrips MeasureRoundTrips(io::System& system, const RoundTripSpec& spec,
                             const std::function<bool()>& stopped);

}  // namespace netfix::probe
