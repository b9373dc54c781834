// The scan's third phase: link quality. It runs after the LAN probes because
// it needs what they found (the receivers), and its probes run one after the
// other because a load test must not disturb the idle round trips:
//   latency  round trips to the resolvers, the receivers and the internet target
//   speed    throughput and round trips under load on the internet leg (--speed-url)
//   peer     the same on the home leg, against `netfix serve` (--peer HOST)
// Each probe writes its measurements into the snapshot and returns its record
// (the scan fills in the duration).
#pragma once

#include <functional>
#include <string>

#include "io/clock.h"
#include "io/system.h"
#include "model/snapshot.h"
#include "probe/scan.h"

namespace netfix::probe {

struct ScanTuning;

struct LinkContext {
  io::System& system;
  const ScanOptions& options;
  const ScanTuning& tuning;
  /// True once the user interrupted or the global deadline passed: return
  /// soon with what was measured.
  std::function<bool()> stopped;
  /// The global deadline; a probe plans its own time to end before it.
  io::TimePoint deadline;
  /// Shows `phase` on the progress line (e.g. "speed: download").
  std::function<void(const std::string& phase)> progress;
};

model::ProbeRecord RunLatencyProbe(const LinkContext& context, model::Snapshot* snapshot);
model::ProbeRecord RunSpeedProbe(const LinkContext& context, model::Snapshot* snapshot);
model::ProbeRecord RunPeerProbe(const LinkContext& context, model::Snapshot* snapshot);

}  // namespace netfix::probe
