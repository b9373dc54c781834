#include "probe/goodput.h"

#include <catch2/catch.hpp>
#include <functional>

namespace netfix::probe {
namespace {

using std::chrono::milliseconds;
constexpr io::Duration kBucket = milliseconds(10);

// Bytes per 10-ms bucket for `seconds` of transfer at mbit(t) Mbit/s.
std::vector<long long> Series(double seconds, const std::function<double(double)>& mbit) {
  std::vector<long long> out;
  for (int i = 0; i < static_cast<int>(seconds * 100 + 0.5); ++i) {
    double t = i * 0.01 + 0.005;
    out.push_back(static_cast<long long>(mbit(t) * 1e6 / 8 * 0.01));
  }
  return out;
}

io::Duration Seconds(double s) {
  return milliseconds(static_cast<long long>(s * 1000));
}

TEST_CASE("goodput: a constant rate settles at the minimum ramp of one second", "[goodput]") {
  auto bytes = Series(5, [](double) { return 100; });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(5));
  CHECK(g.settled);
  CHECK(g.ramp_ms == Approx(1000));
  CHECK(g.window_ms == Approx(4000));
  CHECK(g.mbit_s == Approx(100).epsilon(0.001));
  CHECK(g.bytes == 400 * 125000);  // 4 s of 10-ms buckets at 100 Mbit/s
}

TEST_CASE("goodput: slow start is left out until the rate stops growing by more than 10 %",
          "[goodput]") {
  // Linear ramp to 100 Mbit/s over 1.5 s, then steady: counting from the
  // start would give 85 Mbit/s over 5 s.
  auto bytes = Series(5, [](double t) { return 100 * std::min(1.0, t / 1.5); });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(5));
  CHECK(g.settled);
  // The second before t still holds part of the ramp: at t = 1.9 s it
  // averages 88 Mbit/s (88 * 1.1 < 100), at t = 2.0 s 91.7 (* 1.1 >= 100).
  CHECK(g.ramp_ms == Approx(2000));
  CHECK(g.mbit_s == Approx(100).epsilon(0.001));
}

TEST_CASE("goodput: a burst at the start (a send buffer filling) is left out", "[goodput]") {
  auto bytes = Series(6, [](double t) { return t < 0.2 ? 800 : 40; });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(6));
  CHECK(g.settled);
  CHECK(g.ramp_ms == Approx(1000));
  CHECK(g.mbit_s == Approx(40).epsilon(0.001));
}

TEST_CASE("goodput: a rate that keeps growing never settles; the window is the second half",
          "[goodput]") {
  auto bytes = Series(6, [](double t) { return 10 * t * t; });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(6));
  CHECK_FALSE(g.settled);
  CHECK(g.ramp_ms == Approx(3000));
  CHECK(g.window_ms == Approx(3000));
}

TEST_CASE("goodput: a transfer shorter than two seconds is measured over its second half",
          "[goodput]") {
  auto bytes = Series(1.6, [](double) { return 50; });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(1.6));
  CHECK_FALSE(g.settled);
  CHECK(g.ramp_ms == Approx(800));
  CHECK(g.window_ms == Approx(800));
  CHECK(g.mbit_s == Approx(50).epsilon(0.001));
}

TEST_CASE("goodput: the window ends at `end`, cut to whole buckets", "[goodput]") {
  auto bytes = Series(5, [](double t) { return t < 4 ? 100 : 1000; });
  Goodput g = ComputeGoodput(bytes, kBucket, milliseconds(4005));
  CHECK(g.window_ms == Approx(3000));
  CHECK(g.mbit_s == Approx(100).epsilon(0.001));
}

TEST_CASE("goodput: time after the last counted byte counts as silence", "[goodput]") {
  auto bytes = Series(3, [](double) { return 100; });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(5));
  CHECK(g.window_ms == Approx(4000));
  CHECK(g.mbit_s == Approx(50).epsilon(0.001));
}

TEST_CASE("goodput: a dip in the second before the candidate does not end the ramp early",
          "[goodput]") {
  // A stall from 0.5 to 1.0 s: until the stall has left the second before
  // t, the rate after t is more than 10 % above it; the ramp ends at 2 s.
  auto bytes = Series(6, [](double t) { return t >= 0.5 && t < 1.0 ? 0 : 80; });
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(6));
  CHECK(g.settled);
  CHECK(g.ramp_ms == Approx(2000));
  CHECK(g.mbit_s == Approx(80).epsilon(0.001));
}

TEST_CASE("goodput: nothing to measure", "[goodput]") {
  CHECK(ComputeGoodput({}, kBucket, Seconds(5)).mbit_s == 0);
  CHECK(ComputeGoodput({1, 2, 3}, kBucket, io::Duration::zero()).window_ms == 0);
  CHECK(ComputeGoodput({1, 2, 3}, io::Duration::zero(), Seconds(1)).bytes == 0);
  Goodput silent = ComputeGoodput(std::vector<long long>(500, 0), kBucket, Seconds(5));
  CHECK(silent.mbit_s == 0);
  CHECK(silent.bytes == 0);
}

TEST_CASE("goodput: another rule (a shorter minimum ramp)", "[goodput]") {
  auto bytes = Series(4, [](double) { return 20; });
  GoodputRule rule;
  rule.min_ramp = milliseconds(500);
  Goodput g = ComputeGoodput(bytes, kBucket, Seconds(4), rule);
  CHECK(g.ramp_ms == Approx(500));
  CHECK(g.mbit_s == Approx(20).epsilon(0.001));
}

io::LoadStream Stream(double ended_s, bool moved, std::string error = "") {
  io::LoadStream s;
  s.ended = Seconds(ended_s);
  s.moved = moved;
  s.bytes = moved ? 1 : 0;
  s.error = std::move(error);
  return s;
}

TEST_CASE("steady end: the first stream that did not fail to stop", "[goodput]") {
  io::LoadRun run;
  run.elapsed = Seconds(5);
  run.streams = {Stream(5, true), Stream(4.2, true), Stream(0.1, false, "HTTP 404"),
                 Stream(2, true, "connection reset")};
  CHECK(SteadyEnd(run) == Seconds(4.2));
}

TEST_CASE("steady end: when every stream failed, the first failure of one that moved data",
          "[goodput]") {
  io::LoadRun run;
  run.elapsed = Seconds(5);
  run.streams = {Stream(3, true, "reset"), Stream(2.5, true, "reset"), Stream(0, false, "refused")};
  CHECK(SteadyEnd(run) == Seconds(2.5));
  run.streams = {Stream(0, false, "refused")};
  CHECK(SteadyEnd(run) == Seconds(5));
}

TEST_CASE("recent rate: the last second before the bucket still filling", "[goodput]") {
  io::LoadRun run;
  run.bucket = kBucket;
  run.bytes = Series(3, [](double t) { return t < 2 ? 10 : 60; });
  run.bytes.push_back(1);  // the newest bucket, partly filled
  CHECK(RecentMbitPerSecond(run, std::chrono::seconds(1)) == Approx(60).epsilon(0.001));
  run.bytes = {5};
  CHECK(RecentMbitPerSecond(run, std::chrono::seconds(1)) == 0);
}

}  // namespace
}  // namespace netfix::probe
