// Things that arrive at a given time, for fakes of sockets and captures.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "support/test_clock.h"

namespace netfix::testing {

template <typename T>
class TimedQueue {
 public:
  void Push(io::TimePoint at, T item) { items_.emplace(at, std::move(item)); }
  bool empty() const { return items_.empty(); }

  /// Waits (on `clock`) for the earliest item due by `until`, then returns it
  /// and every other item due by that moment; nothing if none is due by
  /// `until` (the clock is then at `until`).
  std::vector<T> WaitAll(TestClock& clock, io::TimePoint until) {
    std::vector<T> out;
    if (items_.empty() || items_.begin()->first > until) {
      clock.WaitUntil(until);
      return out;
    }
    clock.WaitUntil(items_.begin()->first);
    io::TimePoint now = clock.Now();
    while (!items_.empty() && items_.begin()->first <= now) {
      out.push_back(std::move(items_.begin()->second));
      items_.erase(items_.begin());
    }
    return out;
  }

  /// Like WaitAll, but only the earliest item.
  std::optional<T> WaitOne(TestClock& clock, io::TimePoint until) {
    if (items_.empty() || items_.begin()->first > until) {
      clock.WaitUntil(until);
      return std::nullopt;
    }
    clock.WaitUntil(items_.begin()->first);
    T item = std::move(items_.begin()->second);
    items_.erase(items_.begin());
    return item;
  }

 private:
  std::multimap<io::TimePoint, T> items_;
};

}  // namespace netfix::testing
