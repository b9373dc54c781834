// The latency probe (phase three, probe/link_phase.h): round trips to each
// resolver, each receiver and the internet target, all at once, one thread
// per target (probe/round_trip.h). The gateway is not among them: the
// gateway ping measured it in phase two.
#pragma once

#include <string>
#include <vector>

#include "io/clock.h"
#include "model/snapshot.h"
#include "probe/scan.h"

namespace netfix::probe {

struct LatencyTiming {
  io::Duration reply_timeout = std::chrono::milliseconds(1000);  ///< per request
  /// How often the probe looks whether the scan was stopped.
  io::Duration poll = std::chrono::milliseconds(20);
  /// At most this many targets (threads, requests in flight).
  int max_targets = 16;
};

struct LatencyTarget {
  std::string address;
  std::string role;  ///< "internet" | "resolver" | "receiver"
  std::string name;  ///< receivers: what it is ("LG OLED55C1")
  std::string mac;   ///< receivers
  bool is_resolver = false;
};

struct LatencyTargets {
  std::vector<LatencyTarget> targets;  ///< internet target first, then resolvers, receivers
  std::vector<std::string> left_out;   ///< why a candidate was not measured
};

/// The internet target (options.internet_target, else the first reference
/// resolver), the resolvers (no local stubs, not the gateway, IPv4 only) and
/// the receivers of the inventory; each address once, at most `max_targets`.
LatencyTargets ChooseLatencyTargets(const model::Snapshot& snapshot, const ScanOptions& options,
                                    int max_targets);

}  // namespace netfix::probe
