// A fake of io::LoadGenerator: URLs served by one FakeLoadServer that every
// generator of a test shares. A URL's behaviour is a steady rate reached
// after a linear ramp, an HTTP status, an error of every stream or of some,
// or a server that connects and never sends. The byte series is computed
// from the behaviour (so goodput is exact and deterministic); the fake only
// lets the run's time pass on its clock, in 50 ms steps, so that the probe's
// round-trip thread, its stop and its progress line see a running transfer.
// An unknown URL is a refused connection.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "io/load.h"
#include "support/test_clock.h"

namespace netfix::testing {

struct FakeLoadBehaviour {
  double mbit_s = 100;  ///< all streams together, once ramped up
  io::Duration ramp = std::chrono::milliseconds(300);
  int http_status = 200;    ///< >= 300: every stream fails with "HTTP <status>" at once
  std::string error;        ///< every stream fails with this at once
  int failing_streams = 0;  ///< this many streams fail at once with `stream_error`
  std::string stream_error = "cannot connect (Connection refused)";
  bool stall = false;                      ///< connects, sends nothing
  std::optional<io::Error> connect_error;  ///< Connect() fails so
  std::string ip = "192.168.1.1";
  int port = 80;
};

class FakeLoadServer {
 public:
  void Serve(const std::string& url, FakeLoadBehaviour behaviour) {
    std::lock_guard lock(mutex_);
    urls_[url] = std::move(behaviour);
  }
  std::optional<FakeLoadBehaviour> Find(const std::string& url) const {
    std::lock_guard lock(mutex_);
    auto it = urls_.find(url);
    if (it == urls_.end()) return std::nullopt;
    return it->second;
  }
  void Log(const io::LoadSpec& spec) {
    std::lock_guard lock(mutex_);
    runs_.push_back(spec);
  }
  std::vector<io::LoadSpec> runs() const {
    std::lock_guard lock(mutex_);
    return runs_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FakeLoadBehaviour> urls_;
  std::vector<io::LoadSpec> runs_;
};

class FakeLoadGenerator final : public io::LoadGenerator {
 public:
  FakeLoadGenerator(std::shared_ptr<FakeLoadServer> server, TestClock& clock)
      : server_(std::move(server)), clock_(clock) {}

  io::Result<io::LoadEndpoint> Connect(const std::string& url, std::chrono::milliseconds) override {
    auto behaviour = server_->Find(url);
    if (!behaviour) {
      // The peer probe connects to the base URL; the fake serves by prefix.
      for (const char* suffix : {"download", "upload"}) {
        behaviour = server_->Find(url + suffix);
        if (behaviour) break;
      }
    }
    if (!behaviour)
      return io::Error{io::ErrorKind::kRefused, "cannot connect (Connection refused)"};
    if (behaviour->connect_error) return *behaviour->connect_error;
    return io::LoadEndpoint{behaviour->ip, behaviour->port};
  }

  io::LoadRun Run(const io::LoadSpec& spec) override {
    server_->Log(spec);
    io::LoadRun run;
    run.bucket = spec.bucket;
    run.started = clock_.Now();
    run.streams.assign(static_cast<std::size_t>(std::max(1, spec.streams)), {});
    auto behaviour = server_->Find(spec.url);
    auto fail_all = [&](const std::string& error, int status) {
      for (auto& s : run.streams) {
        s.requests = 1;
        s.error = error;
        s.http_status = status;
      }
      return run;
    };
    if (!behaviour) return fail_all("cannot connect (Connection refused)", 0);
    if (!behaviour->error.empty()) return fail_all(behaviour->error, 0);
    if (behaviour->http_status >= 300)
      return fail_all("HTTP " + std::to_string(behaviour->http_status), behaviour->http_status);
    int failing = std::min(behaviour->failing_streams, static_cast<int>(run.streams.size()));
    for (int i = 0; i < failing; ++i) {
      run.streams[static_cast<std::size_t>(i)].requests = 1;
      run.streams[static_cast<std::size_t>(i)].error = behaviour->stream_error;
    }
    const double share =
        static_cast<double>(run.streams.size() - static_cast<std::size_t>(failing)) /
        static_cast<double>(run.streams.size());
    const io::Duration step = std::chrono::milliseconds(50);
    io::Duration at{};
    io::Duration next_tick = std::chrono::milliseconds(250);
    while (at < spec.duration && failing < static_cast<int>(run.streams.size())) {
      if (spec.stopped && spec.stopped()) {
        run.cancelled = true;
        break;
      }
      at = std::min<io::Duration>(at + step, spec.duration);
      clock_.WaitUntil(run.started + at);
      Fill(*behaviour, share, at, &run);
      if (spec.tick && at >= next_tick) {
        next_tick += std::chrono::milliseconds(250);
        spec.tick(run);
      }
    }
    run.elapsed = at;
    long long total = run.total_bytes();
    int ok = static_cast<int>(run.streams.size()) - failing;
    for (std::size_t i = static_cast<std::size_t>(failing); i < run.streams.size(); ++i) {
      auto& s = run.streams[i];
      s.requests = 1;
      s.http_status = behaviour->http_status;
      s.ended = at;
      s.bytes = ok > 0 ? total / ok : 0;
      s.moved = s.bytes > 0;
    }
    return run;
  }

 private:
  // Buckets up to `until`: rate * min(1, t / ramp) at each bucket's middle.
  static void Fill(const FakeLoadBehaviour& b, double share, io::Duration until, io::LoadRun* run) {
    const double seconds = std::chrono::duration<double>(run->bucket).count();
    for (std::size_t i = run->bytes.size(); (static_cast<long long>(i) + 1) * run->bucket <= until;
         ++i) {
      io::Duration middle = static_cast<long long>(i) * run->bucket + run->bucket / 2;
      double ramp = b.ramp.count() > 0 ? std::min(1.0, std::chrono::duration<double>(middle) /
                                                           std::chrono::duration<double>(b.ramp))
                                       : 1.0;
      double rate = b.stall ? 0 : b.mbit_s * 1e6 / 8 * share * ramp;
      run->bytes.push_back(static_cast<long long>(rate * seconds));
    }
  }

  std::shared_ptr<FakeLoadServer> server_;
  TestClock& clock_;
};

}  // namespace netfix::testing
