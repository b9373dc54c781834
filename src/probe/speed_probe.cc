#include "probe/link_phase.h"
#include "probe/record.h"

namespace netfix::probe {

model::ProbeRecord RunSpeedProbe(const LinkContext& context, model::Snapshot* snapshot) {
  (void)snapshot;
  if (context.options.speed_url.empty())
    return Record("speed", model::ProbeStatus::kSkipped,
                  "no --speed-url given (netfix contacts no speed server unless told)");
  return Record("speed", model::ProbeStatus::kSkipped, "not implemented yet");
}

model::ProbeRecord RunPeerProbe(const LinkContext& context, model::Snapshot* snapshot) {
  (void)snapshot;
  if (context.options.peer.empty())
    return Record(
        "peer", model::ProbeStatus::kSkipped,
        "no --peer given (run `netfix serve` on a second machine to measure the home leg)");
  return Record("peer", model::ProbeStatus::kSkipped, "not implemented yet");
}

}  // namespace netfix::probe
