#include "probe/load_leg.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

#include "io/load.h"
#include "probe/goodput.h"
#include "probe/round_trip.h"
#include "util/strings.h"

namespace netfix::probe {

namespace {

using std::chrono::milliseconds;

// Idle: 20 round trips 50 ms apart (about a second), within at most a sixth
// of the leg.
constexpr int kIdleCount = 20;
constexpr milliseconds kIdleInterval{50};
constexpr milliseconds kIdleReplyTimeout{500};
constexpr milliseconds kIdleBudget{2000};
// Under load: one round trip every 100 ms; a bloated queue can hold a reply
// back for most of a second.
constexpr milliseconds kLoadedEvery{100};
constexpr milliseconds kLoadedReplyTimeout{1000};
constexpr milliseconds kConnectTimeout{3000};
// A direction shorter than this has no steady window worth the name.
constexpr milliseconds kMinTransfer{1000};
// Time to close the connections and join the round-trip thread.
constexpr milliseconds kTeardown{200};

// Rounded to `decimals` places (dividing by a power of ten keeps the
// result the nearest double to the decimal, e.g. 3940.2, not 3940.2000000000003).
double Round(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

struct Sample {
  io::TimePoint sent;
  std::optional<double> rtt_ms;  // nullopt: no reply
};

// Round trips every kLoadedEvery on a thread of its own, until Stop().
class LoadedRoundTrips {
 public:
  LoadedRoundTrips(io::System& system, RoundTripSpec spec)
      : system_(system), spec_(std::move(spec)) {}
  LoadedRoundTrips(const LoadedRoundTrips&) = delete;
  LoadedRoundTrips& operator=(const LoadedRoundTrips&) = delete;
  ~LoadedRoundTrips() { Stop(); }

  void Start() {
    if (spec_.target.empty() || spec_.method.empty()) return;
    try {
      thread_ = std::thread([this] { Loop(); });
    } catch (const std::system_error&) {
      // No second thread: the transfer runs without loaded round trips.
    }
  }

  std::vector<Sample> Stop() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    return samples_;
  }

 private:
  void Loop() {
    const io::Clock& clock = system_.clock();
    io::TimePoint next = clock.Now();
    for (int i = 0; i < 1000000; ++i) {
      {
        std::unique_lock lock(mutex_);
        auto wait = std::max(io::Duration::zero(), next - clock.Now());
        if (wake_.wait_for(lock, wait, [this] { return done_.load(); })) return;
      }
      io::TimePoint sent = clock.Now();
      RoundTrips trip = MeasureRoundTrips(system_, spec_, [this] { return done_.load(); });
      if (trip.sent == 0) return;                         // the method cannot run here
      if (trip.cancelled && trip.rtt_ms.empty()) return;  // stopped while waiting: no loss
      {
        std::lock_guard lock(mutex_);
        samples_.push_back({sent, trip.rtt_ms.empty()
                                      ? std::nullopt
                                      : std::optional<double>(trip.rtt_ms.front())});
      }
      next = std::max(next + kLoadedEvery, clock.Now());
    }
  }

  io::System& system_;
  RoundTripSpec spec_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> done_{false};
  std::vector<Sample> samples_;
};

void FillTransfer(const io::LoadRun& run, const std::vector<Sample>& samples,
                  model::Transfer* out) {
  Goodput goodput = ComputeGoodput(run.bytes, run.bucket, SteadyEnd(run));
  out->total_bytes = run.total_bytes();
  out->duration_ms = Round(io::MillisecondsBetween(run.started, run.started + run.elapsed), 1);
  out->bytes = goodput.bytes;
  out->ramp_ms = Round(goodput.ramp_ms, 1);
  out->window_ms = Round(goodput.window_ms, 1);
  out->mbit_s = Round(goodput.mbit_s, 2);

  int failed = 0;
  std::string first_error;
  for (const auto& s : run.streams) {
    if (s.error.empty()) continue;
    if (++failed == 1) {
      first_error = s.error;
      out->http_status = s.http_status;
    }
  }
  if (out->http_status == 0)
    for (const auto& s : run.streams)
      if (s.http_status != 0) {
        out->http_status = s.http_status;
        break;
      }
  int streams = static_cast<int>(run.streams.size());
  if (out->total_bytes == 0) {
    out->status = "failed";
    std::string within = " within " + util::FormatFixed(out->duration_ms / 1000, 1) + " s";
    out->error = !first_error.empty()         ? first_error
                 : run.cancelled              ? "stopped before any data moved"
                 : out->direction == "upload" ? "no data reached the server" + within
                                              : "the server sent no data" + within;
    return;
  }
  if (failed > 0) {
    out->status = "partial";
    out->error = first_error + " (" + std::to_string(failed) + " of " + std::to_string(streams) +
                 " streams)";
  } else if (run.cancelled) {
    out->status = "partial";
    out->error = "stopped before the time was up";
  } else {
    out->status = "ok";
  }
  // Round trips sent within the steady window: the ramp's are left out too.
  io::TimePoint from = run.started + milliseconds(static_cast<long long>(goodput.ramp_ms));
  io::TimePoint to = from + milliseconds(static_cast<long long>(goodput.window_ms));
  for (const auto& sample : samples) {
    if (sample.sent < from || sample.sent >= to) continue;
    ++out->loaded_sent;
    if (sample.rtt_ms) out->loaded_rtt_ms.push_back(Round(*sample.rtt_ms, 3));
  }
}

// Round trips in a LAN are fractions of a millisecond.
std::string Ms(double ms) {
  return util::FormatFixed(ms, ms < 1 ? 2 : 1) + " ms";
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

std::string SpecMethod(const std::string& used) {
  if (used == "icmp-raw" || used == "icmp-dgram") return "icmp";
  if (used == "tcp-connect") return "tcp";
  return used;
}

LegOutcome RunLeg(const LinkContext& context, const LegPlan& plan, model::SpeedTest* test) {
  LegOutcome outcome;
  io::System& system = context.system;
  const io::Clock& clock = system.clock();
  const io::TimePoint start = clock.Now();

  // 1. Idle round trips, with the fallback when the first method gets no reply.
  std::string loaded_method;
  int loaded_port = 0;
  test->latency_target = plan.target;
  if (!plan.target.empty() && !plan.method.empty()) {
    context.progress(plan.label + ": idle round trips");
    io::TimePoint idle_end = start + std::min<io::Duration>(kIdleBudget, (plan.end - start) / 6);
    auto idle_stopped = [&] { return context.stopped() || clock.Now() >= idle_end; };
    RoundTripSpec spec;
    spec.target = plan.target;
    spec.method = plan.method;
    spec.port = plan.port;
    spec.count = kIdleCount;
    spec.interval = kIdleInterval;
    spec.reply_timeout = kIdleReplyTimeout;
    RoundTrips idle = MeasureRoundTrips(system, spec, idle_stopped);
    if (idle.rtt_ms.empty() && !plan.fallback_method.empty() &&
        plan.fallback_method != plan.method && !context.stopped()) {
      std::string why = !idle.error.empty() ? idle.error : plan.method + ": no reply";
      idle_end = std::max(idle_end, clock.Now() + milliseconds(1000));
      spec.method = plan.fallback_method;
      spec.port = plan.fallback_port;
      idle = MeasureRoundTrips(system, spec, idle_stopped);
      idle.note = why + "; " + (idle.note.empty() ? spec.method : idle.note);
    }
    test->latency_method = idle.method.empty() ? spec.method : idle.method;
    test->latency_port = idle.port;
    test->idle_rtt_ms = idle.rtt_ms;
    test->idle_sent = idle.sent;
    outcome.idle_note = idle.note;
    outcome.idle_interval_ms = static_cast<double>(kIdleInterval.count());
    if (idle.error.empty() || idle.sent > 0) {
      loaded_method = SpecMethod(test->latency_method);
      loaded_port = idle.port != 0 ? idle.port : spec.port;
    }
  }

  // 2. The transfers, one direction after the other.
  std::vector<std::pair<io::LoadDirection, std::string>> directions;
  if (!plan.download_url.empty())
    directions.emplace_back(io::LoadDirection::kDownload, plan.download_url);
  if (!plan.upload_url.empty())
    directions.emplace_back(io::LoadDirection::kUpload, plan.upload_url);
  auto generator = system.MakeLoadGenerator();
  for (std::size_t i = 0; i < directions.size(); ++i) {
    const auto& [direction, url] = directions[i];
    model::Transfer transfer;
    transfer.direction = io::ToString(direction);
    transfer.url = url;
    transfer.streams = plan.streams;
    io::Duration share =
        (plan.end - clock.Now()) / static_cast<int>(directions.size() - i) - kTeardown;
    if (context.stopped()) {
      transfer.status = "failed";
      transfer.error = "not started: stopped";
    } else if (share < kMinTransfer) {
      transfer.status = "failed";
      transfer.error = "not started: not enough time left before the deadline";
    } else {
      std::string phase = plan.label + ": " + transfer.direction;
      context.progress(phase);
      RoundTripSpec one;
      one.target = plan.target;
      one.method = loaded_method;
      one.port = loaded_port;
      one.count = 1;
      one.interval = milliseconds(1);
      one.reply_timeout = kLoadedReplyTimeout;
      LoadedRoundTrips loaded(system, one);
      loaded.Start();
      io::LoadSpec spec;
      spec.direction = direction;
      spec.url = url;
      spec.streams = plan.streams;
      spec.connect_timeout = kConnectTimeout;
      spec.duration = share;
      spec.stopped = context.stopped;
      spec.tick = [&](const io::LoadRun& run) {
        context.progress(phase + " " +
                         util::FormatFixed(RecentMbitPerSecond(run, std::chrono::seconds(1)), 1) +
                         " Mbit/s");
      };
      io::LoadRun run = generator->Run(spec);
      FillTransfer(run, loaded.Stop(), &transfer);
    }
    test->transfers.push_back(std::move(transfer));
  }
  return outcome;
}

model::ProbeStatus LegStatus(const model::SpeedTest& test, std::string* summary) {
  std::vector<std::string> parts;
  bool measured = false;
  for (const auto& t : test.transfers) {
    if (t.status == "failed") {
      parts.push_back(t.direction + " failed: " + t.error);
      continue;
    }
    measured = true;
    std::string part = t.direction + " " + util::FormatFixed(t.mbit_s, 1) + " Mbit/s";
    if (auto loaded = Median(t.loaded_rtt_ms)) part += " (round trip " + Ms(*loaded) + ")";
    if (t.status == "partial") part += ", partial: " + t.error;
    parts.push_back(part);
  }
  if (auto idle = Median(test.idle_rtt_ms))
    parts.push_back("idle round trip " + Ms(*idle) + " (" + test.latency_method + ")");
  if (!test.error.empty()) parts.insert(parts.begin(), test.error);
  *summary = util::Join(parts, "; ");
  return measured ? model::ProbeStatus::kOk : model::ProbeStatus::kFailed;
}

}  // namespace netfix::probe
