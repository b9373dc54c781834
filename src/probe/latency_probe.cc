#include "probe/latency_probe.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "inventory/build.h"
#include "probe/link_phase.h"
#include "probe/record.h"
#include "probe/round_trip.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "wire/addr.h"

namespace netfix::probe {

namespace {

using model::ProbeStatus;

constexpr const char* kId = "latency";

}  // namespace

LatencyTargets ChooseLatencyTargets(const model::Snapshot& snapshot, const ScanOptions& options,
                                    int max_targets) {
  LatencyTargets out;
  std::set<std::string> taken = {snapshot.default_gateway};  // the gateway ping measured it
  std::set<std::string> resolvers;
  for (const auto& r : snapshot.resolvers)
    if (!r.is_stub) resolvers.insert(r.address);
  auto add = [&](LatencyTarget t) {
    if (t.address.empty() || !taken.insert(t.address).second) return;
    if (!wire::ParseIpv4(t.address)) {
      out.left_out.push_back(t.address + " (IPv4 only)");
      return;
    }
    t.is_resolver = t.is_resolver || resolvers.count(t.address) > 0;
    if (static_cast<int>(out.targets.size()) >= max_targets) {
      out.left_out.push_back(t.address + " (more than " + std::to_string(max_targets) +
                             " targets)");
      return;
    }
    out.targets.push_back(std::move(t));
  };

  std::string internet = options.internet_target;
  if (internet.empty() && !options.reference_resolvers.empty())
    internet = options.reference_resolvers.front();
  add({internet, "internet", "", "", false});
  for (const auto& r : snapshot.resolvers)
    if (!r.is_stub) add({r.address, "resolver", "", "", true});
  for (const auto& d : inventory::Build(snapshot).devices) {
    if (d.role.role != inventory::Role::kReceiver || d.is_self || d.ipv4.empty()) continue;
    std::string name = d.DisplayName();
    add({d.ipv4.front(), "receiver", name == d.ipv4.front() ? "" : name, d.mac, false});
  }
  return out;
}

model::ProbeRecord RunLatencyProbe(const LinkContext& context, model::Snapshot* snapshot) {
  const ScanOptions& options = context.options;
  const LatencyTiming& timing = context.tuning.latency;
  if (!options.latency) return Record(kId, ProbeStatus::kSkipped, "--no-latency");
  LatencyTargets chosen =
      ChooseLatencyTargets(*snapshot, options, std::clamp(timing.max_targets, 1, 64));
  if (chosen.targets.empty())
    return Record(kId, ProbeStatus::kSkipped,
                  "nothing to measure: no resolver, receiver or internet target besides the "
                  "gateway");
  const auto& targets = chosen.targets;
  if (context.progress) context.progress("latency: " + std::to_string(targets.size()) + " targets");

  // One thread per target. They look at `stop`, which this thread sets:
  // context.stopped() belongs to the scan thread.
  struct Shared {
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable done;
    int finished = 0;
  } shared;
  std::vector<RoundTrips> results(targets.size());
  std::vector<std::thread> threads;
  std::vector<std::string> not_started;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    RoundTripSpec spec;
    spec.target = targets[i].address;
    spec.method = options.ping_method;
    spec.is_resolver = targets[i].is_resolver;
    if (!options.dns_names.empty()) spec.dns_name = options.dns_names.front();
    spec.count = options.latency_count;
    spec.interval = options.latency_interval;
    spec.reply_timeout = timing.reply_timeout;
    try {
      threads.emplace_back([&, spec, i] {
        try {
          results[i] =
              MeasureRoundTrips(context.system, spec, [&shared] { return shared.stop.load(); });
        } catch (const std::exception& e) {
          results[i].error = std::string("internal error: ") + e.what();
        }
        std::lock_guard lock(shared.mutex);
        ++shared.finished;
        shared.done.notify_all();
      });
    } catch (const std::system_error& e) {
      results[i].error = std::string("cannot start a thread: ") + e.what();
      std::lock_guard lock(shared.mutex);
      ++shared.finished;
    }
  }
  {
    std::unique_lock lock(shared.mutex);
    // Bounded by the round trips' own bounds and by the stop; the count only
    // guards against a clock that stands still.
    for (int turn = 0; turn < 100000000; ++turn) {
      if (shared.finished == static_cast<int>(targets.size())) break;
      lock.unlock();
      if (context.stopped && context.stopped()) shared.stop = true;
      lock.lock();
      shared.done.wait_for(lock, timing.poll);
    }
  }
  for (auto& t : threads) t.join();

  // Into the snapshot, in target order.
  std::map<std::string, int> by_method;
  std::vector<std::string> failures;
  bool cancelled = false;
  bool no_permission = false;
  const model::PingResult* internet = nullptr;
  double interval_ms =
      std::chrono::duration<double, std::milli>(
          std::max<io::Duration>(options.latency_interval, std::chrono::milliseconds(1)))
          .count();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const RoundTrips& r = results[i];
    const LatencyTarget& t = targets[i];
    cancelled = cancelled || r.cancelled;
    if (r.method.empty()) {  // no method could run, or stopped while choosing one
      failures.push_back(t.address + ": " + (r.cancelled ? "stopped" : r.error));
      no_permission = no_permission || r.error.find("ICMP") != std::string::npos;
      continue;
    }
    model::PingResult p;
    p.target = t.address;
    p.role = t.role;
    p.method = r.method;
    p.sent = r.sent;
    p.received = static_cast<int>(r.rtt_ms.size());
    p.rtt_ms = r.rtt_ms;
    p.port = r.port;
    p.note = r.note;
    if (!r.error.empty()) p.note += std::string(p.note.empty() ? "" : "; ") + r.error;
    p.interval_ms = interval_ms;
    p.name = t.name;
    p.mac = t.mac;
    snapshot->measurements.ping.push_back(p);
    ++by_method[r.method];
  }
  for (const auto& p : snapshot->measurements.ping)
    if (p.role == "internet") internet = &p;

  int measured = 0;
  std::vector<std::string> methods;
  for (const auto& [method, n] : by_method) {
    measured += n;
    methods.push_back(std::to_string(n) + " via " + method);
  }
  std::string summary = std::to_string(targets.size()) + " target" +
                        (targets.size() == 1 ? "" : "s") +
                        (methods.empty() ? "" : ": " + util::Join(methods, ", "));
  if (internet != nullptr) {
    summary += "; internet " + internet->target;
    if (internet->rtt_ms.empty()) {
      summary += " no answer";
    } else {
      double sum = 0;
      for (double v : internet->rtt_ms) sum += v;
      summary += " avg " +
                 util::FormatFixed(sum / static_cast<double>(internet->rtt_ms.size()), 2) + " ms";
    }
  }
  if (!failures.empty()) summary += "; not measured: " + util::Join(failures, "; ");
  if (!chosen.left_out.empty()) summary += "; left out: " + util::Join(chosen.left_out, ", ");
  if (cancelled) return Record(kId, ProbeStatus::kFailed, "stopped before the end; " + summary);
  if (measured == 0) {
    // Only "icmp" can lack permission; the other methods need none.
    if (no_permission && options.ping_method == "icmp")
      return Record(kId, ProbeStatus::kSkipped, summary, kPrivilegeHint);
    return Record(kId, ProbeStatus::kFailed, summary);
  }
  return Record(kId, ProbeStatus::kOk, summary);
}

}  // namespace netfix::probe
