// RunScan with its OS touchpoints and timings made explicit, for tests (a
// fake io::System) and for tuning. RunScan(options, stop, progress) is
// RunScanWith(the real system, options, ScanTuning{}, stop, progress).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "io/system.h"
#include "probe/arp_sweep.h"
#include "probe/dhcp_probe.h"
#include "probe/dns_probe.h"
#include "probe/gateway_ping.h"
#include "probe/igmp_probe.h"
#include "probe/ipv6_probe.h"
#include "probe/lan_probe.h"
#include "probe/latency_probe.h"
#include "probe/mdns_probe.h"
#include "probe/passive_probe.h"
#include "probe/scan.h"
#include "probe/ssdp_probe.h"
#include "probe/wifi_probe.h"

namespace netfix::probe {

struct ScanTuning {
  ArpSweepTiming arp;  ///< rate_pps is taken from ScanOptions
  PingTiming ping;
  DnsTiming dns;
  DhcpTiming dhcp;
  Ipv6Timing ipv6;
  PassiveTiming passive;
  SsdpTiming ssdp;
  MdnsTiming mdns;
  WifiTiming wifi;
  IgmpTiming igmp;
  LatencyTiming latency;
  /// How often RunScan looks at the probes and calls the progress function.
  io::Duration poll_interval = std::chrono::milliseconds(50);
  /// How long stopped probes get to return before the scan ends without them.
  io::Duration stop_grace = std::chrono::milliseconds(2000);
};

/// `system` must tell real time (the deadline is waited for in real time);
/// it is shared with probe threads, which may outlive the call only if a
/// probe ignores the stop for longer than stop_grace.
model::Snapshot RunScanWith(const std::shared_ptr<io::System>& system, const ScanOptions& options,
                            const ScanTuning& tuning, const std::atomic<bool>& stop,
                            const ProgressFn& progress);

using LanProbeFactory = std::function<std::vector<std::unique_ptr<LanProbe>>()>;

/// The same with other second-phase probes than MakeLanProbes() (tests).
model::Snapshot RunScanWith(const std::shared_ptr<io::System>& system, const ScanOptions& options,
                            const ScanTuning& tuning, const std::atomic<bool>& stop,
                            const ProgressFn& progress, const LanProbeFactory& make_probes);

}  // namespace netfix::probe
