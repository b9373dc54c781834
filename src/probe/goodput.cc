#include "probe/goodput.h"

#include <algorithm>
#include <optional>

namespace netfix::probe {

namespace {

double Ms(io::Duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

Goodput ComputeGoodput(const std::vector<long long>& bytes, io::Duration bucket, io::Duration end,
                       const GoodputRule& rule) {
  Goodput out;
  if (bucket <= io::Duration::zero() || end <= io::Duration::zero()) return out;
  // Whole buckets only; buckets past the series moved nothing.
  const long long n = end / bucket;
  std::vector<long long> prefix(static_cast<std::size_t>(n) + 1, 0);
  for (long long i = 0; i < n; ++i) {
    long long b =
        static_cast<std::size_t>(i) < bytes.size() ? bytes[static_cast<std::size_t>(i)] : 0;
    prefix[static_cast<std::size_t>(i) + 1] = prefix[static_cast<std::size_t>(i)] + b;
  }
  auto sum = [&](long long from, long long to) {
    return prefix[static_cast<std::size_t>(to)] - prefix[static_cast<std::size_t>(from)];
  };
  auto ceil_buckets = [&](io::Duration d) { return (d + bucket - io::Duration(1)) / bucket; };
  const long long step = std::max<long long>(1, rule.step / bucket);
  const long long compare = std::max<long long>(1, ceil_buckets(rule.compare));
  const long long first = std::max<long long>(1, ceil_buckets(rule.min_ramp));
  const long long half = n / 2;

  long long ramp = half;
  for (long long t = first; t <= half && t + compare <= n; t += step) {
    long long from = std::max<long long>(0, t - compare);
    // Rates, not sums: the second before may be shorter than `compare`.
    double before = static_cast<double>(sum(from, t)) / static_cast<double>(t - from);
    double after = static_cast<double>(sum(t, t + compare)) / static_cast<double>(compare);
    if (after <= before * (1 + rule.max_growth)) {
      ramp = t;
      out.settled = true;
      break;
    }
  }
  if (n - ramp <= 0) return out;
  out.ramp_ms = Ms(ramp * bucket);
  out.window_ms = Ms((n - ramp) * bucket);
  out.bytes = sum(ramp, n);
  out.mbit_s = static_cast<double>(out.bytes) * 8 / (out.window_ms / 1000) / 1e6;
  return out;
}

io::Duration SteadyEnd(const io::LoadRun& run) {
  std::optional<io::Duration> ok, moved;
  for (const auto& s : run.streams) {
    if (!s.moved) continue;
    moved = moved ? std::min(*moved, s.ended) : s.ended;
    if (s.error.empty()) ok = ok ? std::min(*ok, s.ended) : s.ended;
  }
  if (ok) return *ok;
  if (moved) return *moved;
  return run.elapsed;
}

double RecentMbitPerSecond(const io::LoadRun& run, io::Duration span) {
  if (run.bucket <= io::Duration::zero() || run.bytes.size() < 2) return 0;
  // The newest bucket is still filling.
  long long last = static_cast<long long>(run.bytes.size()) - 1;
  long long first = std::max<long long>(0, last - std::max<long long>(1, span / run.bucket));
  long long sum = 0;
  for (long long i = first; i < last; ++i) sum += run.bytes[static_cast<std::size_t>(i)];
  double seconds = std::chrono::duration<double>((last - first) * run.bucket).count();
  return static_cast<double>(sum) * 8 / seconds / 1e6;
}

}  // namespace netfix::probe
