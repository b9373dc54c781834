#include "io/clock.h"

namespace netfix::io {

namespace {

class SteadyClockSource final : public Clock {
 public:
  TimePoint Now() const override { return SteadyClock::now(); }
};

}  // namespace

const Clock& RealClock() {
  static const SteadyClockSource clock;
  return clock;
}

}  // namespace netfix::io
