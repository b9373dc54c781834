// The scan: runs every probe and assembles the snapshot.
//
// This is the only entry point the application uses to observe the network.
// Everything it learns, including what it could not do, ends up in the
// returned snapshot; it never throws for network conditions.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/snapshot.h"

namespace netfix::probe {

struct ScanOptions {
  std::string interface;  ///< empty: the interface of the default route
  /// Upper bound for the whole scan; probes still running are stopped and
  /// recorded as failed ("stopped at the global deadline").
  std::chrono::milliseconds deadline{30000};
  /// ARP requests per second (bounded so that netfix never floods a LAN).
  int arp_rate_pps = 1000;
  /// Largest number of addresses the ARP sweep covers; bigger subnets are
  /// swept around our own address.
  int arp_max_addresses = 4096;
  /// Names every resolver is asked for (A records).
  std::vector<std::string> dns_names{"example.com", "www.google.com"};
  /// Public resolvers asked for comparison (empty: none).
  std::vector<std::string> reference_resolvers{"1.1.1.1", "8.8.8.8"};
  /// Echo requests to the gateway.
  int ping_count = 5;
  /// Where the IEEE OUI list is (ieee-data); missing -> a note, no vendors.
  std::string oui_path = "/usr/share/ieee-data/oui.csv";
  /// /etc/resolv.conf, overridable for tests.
  std::string resolv_conf = "/etc/resolv.conf";

  // ---- link quality (phase three: probe/link_phase.h)
  /// Round trips per target of the latency probe (resolvers, receivers,
  /// internet target) and their spacing.
  int latency_count = 20;
  std::chrono::milliseconds latency_interval{50};
  /// "auto" (ICMP echo, else UDP or TCP connect: probe/round_trip.h),
  /// "icmp", "udp", "tcp".
  std::string ping_method = "auto";
  /// The internet target; empty: the first reference resolver.
  std::string internet_target;
  /// No latency probe at all (`--no-latency`).
  bool latency = true;
  /// Throughput on the internet leg: downloaded from speed_url, uploaded
  /// (HTTP POST) to upload_url. Empty: not measured (no third-party server
  /// is contacted unless configured).
  std::string speed_url;
  std::string upload_url;
  /// The home leg: `netfix serve` at HOST[:PORT].
  std::string peer;
  /// Parallel transfers per direction, and the time per load test (both
  /// directions, idle round trips included).
  int streams = 8;
  std::chrono::milliseconds load_duration{12000};
  /// The user's contract, copied into the snapshot.
  std::optional<model::Contract> contract;
};

/// What the progress line shows while scanning.
struct Progress {
  std::string phase;  ///< probe id(s) running now, e.g. "arp-sweep, dns"
  double elapsed_s = 0;
  int devices_found = 0;
};

using ProgressFn = std::function<void(const Progress&)>;

/// Runs the scan. `stop` becomes true on Ctrl-C: probes end early and what
/// was collected so far is returned (host.interrupted is set).
model::Snapshot RunScan(const ScanOptions& options, const std::atomic<bool>& stop,
                        const ProgressFn& progress);

}  // namespace netfix::probe
