// A clock for tests: simulated (time moves only when a fake waits, so a whole
// ARP sweep runs in microseconds and deterministically) or real (for
// RunScanWith, which waits for its deadline in real time).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "io/clock.h"

namespace netfix::testing {

class TestClock final : public io::Clock {
 public:
  static TestClock Simulated() { return TestClock(true); }
  static TestClock Real() { return TestClock(false); }

  TestClock(const TestClock& other) : simulated_(other.simulated_), now_(other.now_.load()) {}

  io::TimePoint Now() const override { return simulated_ ? now_.load() : io::SteadyClock::now(); }
  /// Simulated: jumps to `t` (never backwards). Real: sleeps until `t`; a
  /// fake's stand-in for the wire's latency, not for synchronisation.
  void WaitUntil(io::TimePoint t) {
    if (simulated_) {
      io::TimePoint now = now_.load();
      if (t > now) now_ = t;
    } else {
      std::this_thread::sleep_until(t);
    }
  }
  void Advance(io::Duration d) { WaitUntil(Now() + d); }
  bool simulated() const { return simulated_; }

 private:
  explicit TestClock(bool simulated)
      : simulated_(simulated), now_(io::TimePoint{} + std::chrono::hours(1)) {}

  bool simulated_;
  std::atomic<io::TimePoint> now_;
};

}  // namespace netfix::testing
