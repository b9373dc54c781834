// One leg of a throughput and responsiveness test, shared by the speed probe
// (the internet leg) and the peer probe (the home leg): idle round trips to
// the server, then the download and the upload, each with round trips
// measured every 100 ms on a second thread while the transfer runs.
#pragma once

#include <string>

#include "io/clock.h"
#include "model/snapshot.h"
#include "probe/link_phase.h"

namespace netfix::probe {

struct LegPlan {
  std::string download_url;  ///< empty: no download
  std::string upload_url;    ///< empty: no upload
  std::string target;        ///< IPv4 the round trips go to
  /// First choice and fallback of the round trips (RoundTripSpec::method),
  /// each with its port.
  std::string method;
  int port = 0;
  std::string fallback_method;
  int fallback_port = 0;
  int streams = 4;
  /// The whole leg, idle round trips included, ends by then.
  io::TimePoint end;
  /// "speed" or "peer": the progress line's prefix.
  std::string label;
};

struct LegOutcome {
  /// Why the idle round trips used the fallback method (PingResult::note).
  std::string idle_note;
  double idle_interval_ms = 0;
};

/// Fills test->latency_*, idle_*, and one Transfer per direction. Never
/// throws for network conditions; what was measured is kept.
LegOutcome RunLeg(const LinkContext& context, const LegPlan& plan, model::SpeedTest* test);

/// "ok" when every transfer is ok, "failed" when none moved data, else
/// "partial"; with a one-line summary for the probe record.
model::ProbeStatus LegStatus(const model::SpeedTest& test, std::string* summary);

/// The round-trip method to ask for again, from the one a run reported:
/// "icmp-raw" -> "icmp", "tcp-connect" -> "tcp", ...
std::string SpecMethod(const std::string& used);

}  // namespace netfix::probe
