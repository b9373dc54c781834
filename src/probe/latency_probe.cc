#include "probe/link_phase.h"
#include "probe/record.h"

namespace netfix::probe {

model::ProbeRecord RunLatencyProbe(const LinkContext& context, model::Snapshot* snapshot) {
  (void)context;
  (void)snapshot;
  return Record("latency", model::ProbeStatus::kSkipped, "not implemented yet");
}

}  // namespace netfix::probe
