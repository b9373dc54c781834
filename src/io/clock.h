// Time as the probes see it: a monotonic clock behind an interface, so that
// tests can run a whole ARP sweep or ping series on simulated time.
#pragma once

#include <chrono>

namespace netfix::io {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using Duration = SteadyClock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

/// std::chrono::steady_clock.
const Clock& RealClock();

inline double MillisecondsBetween(TimePoint from, TimePoint to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace netfix::io
