// Goodput over the steady part of a load transfer.
//
// A transfer starts slowly: connections are opened, TCP slow start grows
// the congestion window, queues fill. Counting that start would report less
// than the link carries, so the rate is measured over a steady window:
//
//   end   The window ends when the first stream that did not fail stopped
//         (normally all of them at the time cap), cut to whole buckets.
//   ramp  The window starts at the first t = 1.0 s, 1.1 s, ... at which the
//         rate over the second after t is at most 10 % above the rate over
//         the second before t: the rate stopped growing. The ramp is never
//         shorter than 1 s and never longer than half the transfer (then it
//         did not settle, and the window is the second half).
//   rate  payload bytes in [ramp, end) * 8 / (end - ramp).
//
// The rate is goodput: HTTP payload only. A link shaped to R bit/s (counting
// Ethernet, IP and TCP headers) carries about 0.956 R of TCP payload at MTU
// 1500 (1448 payload bytes per 1514-byte frame with TCP timestamps).
#pragma once

#include <vector>

#include "io/clock.h"
#include "io/load.h"

namespace netfix::probe {

struct GoodputRule {
  io::Duration min_ramp = std::chrono::seconds(1);
  io::Duration step = std::chrono::milliseconds(100);
  /// The rates before and after a candidate start are taken over this long.
  io::Duration compare = std::chrono::seconds(1);
  double max_growth = 0.10;
};

struct Goodput {
  double ramp_ms = 0;
  double window_ms = 0;
  long long bytes = 0;  ///< payload bytes in the window
  double mbit_s = 0;
  /// The rate stopped growing before half the transfer was over.
  bool settled = false;
};

/// `bytes[i]` is the payload moved in [i * bucket, (i + 1) * bucket); `end`
/// is where the usable part of the series ends (see SteadyEnd).
Goodput ComputeGoodput(const std::vector<long long>& bytes, io::Duration bucket, io::Duration end,
                       const GoodputRule& rule = {});

/// Where the usable part of a run ends: when the first stream that moved
/// bytes and did not fail stopped; the run's end when every stream failed.
io::Duration SteadyEnd(const io::LoadRun& run);

/// The trailing rate over `span` at the end of what `run` counted so far
/// (the progress line), in Mbit/s.
double RecentMbitPerSecond(const io::LoadRun& run, io::Duration span);

}  // namespace netfix::probe
