// Building lines of the probe log.
#pragma once

#include <string>

#include "io/clock.h"
#include "model/snapshot.h"

namespace netfix::probe {

/// The hint for every probe that needs raw packets.
inline constexpr const char* kPrivilegeHint = "run with sudo or grant CAP_NET_RAW";

inline model::ProbeRecord Record(std::string id, model::ProbeStatus status, std::string reason,
                                 std::string hint = "", double duration_ms = 0) {
  return {std::move(id), status, std::move(reason), std::move(hint), duration_ms};
}

/// "0.9 s", "12 ms".
std::string FormatDuration(double ms);

}  // namespace netfix::probe
