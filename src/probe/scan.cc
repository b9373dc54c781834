// The scan: host-config and resolvers first (they decide what the rest
// does), then every LanProbe (ARP sweep, gateway ping, DNS, DHCP, ...) on its
// own thread. This thread watches them, reports progress, and enforces Ctrl-C
// and the global deadline: what was collected until then is kept.
#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "probe/devices.h"
#include "probe/host_config.h"
#include "probe/interface_choice.h"
#include "probe/lan_probe.h"
#include "probe/link_phase.h"
#include "probe/record.h"
#include "probe/resolvers.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "version.h"
#include "wire/oui.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeRecord;
using model::ProbeStatus;

enum class StopCause { kNone, kUser, kDeadline };

// What the probe threads share with the scan. The scan may end without a
// probe that ignores the stop; everything such a thread touches (the probe,
// the context and what it refers to) is owned here, so it stays valid.
struct Shared {
  Shared(std::shared_ptr<io::System> system_in, ScanOptions options_in, ScanTuning tuning_in,
         model::Snapshot base_in, InterfaceChoice choice_in)
      : system(std::move(system_in)),
        options(std::move(options_in)),
        tuning(std::move(tuning_in)),
        base(std::move(base_in)),
        choice(std::move(choice_in)) {}

  std::shared_ptr<io::System> system;
  ScanOptions options;
  ScanTuning tuning;
  model::Snapshot base;
  InterfaceChoice choice;
  std::atomic<bool> cancel{false};
  std::atomic<bool> active_done{false};
  std::atomic<bool> others_done{false};
  std::atomic<int> devices_found{0};
  LanContext context{*system, options,     tuning,        base,        choice,
                     cancel,  active_done, devices_found, &others_done};

  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::string, TimePoint> done_at;       // by probe id; guarded by mutex
  std::map<std::string, std::string> exceptions;  // Run() threw; guarded by mutex
};

struct Task {
  std::shared_ptr<LanProbe> probe;
  std::string id;
  std::optional<ProbeRecord> not_started;  // skipped by Precheck, stop or thread failure
  std::thread thread;
  TimePoint started{};
};

std::string Seconds(std::chrono::milliseconds ms) {
  double s = static_cast<double>(ms.count()) / 1000.0;
  return ms.count() % 1000 == 0 ? std::to_string(ms.count() / 1000) : util::FormatFixed(s, 1);
}

}  // namespace

model::Snapshot RunScanWith(const std::shared_ptr<io::System>& system, const ScanOptions& options,
                            const ScanTuning& tuning, const std::atomic<bool>& stop,
                            const ProgressFn& progress, const LanProbeFactory& make_probes) {
  const io::Clock& clock = system->clock();
  const TimePoint start = clock.Now();
  const TimePoint deadline = start + options.deadline;
  model::Snapshot snapshot;
  snapshot.host.started_at = system->WallClockNow();
  snapshot.host.netfix_version = NETFIX_VERSION;

  StopCause cause = StopCause::kNone;
  TimePoint stopped_at{};
  std::atomic<bool>* cancel = nullptr;  // set once the probes' shared state exists
  auto check_stop = [&] {
    if (cause == StopCause::kNone) {
      if (stop.load())
        cause = StopCause::kUser;
      else if (clock.Now() >= deadline)
        cause = StopCause::kDeadline;
      if (cause != StopCause::kNone) {
        stopped_at = clock.Now();
        if (cancel != nullptr) *cancel = true;
      }
    }
    return cause != StopCause::kNone;
  };
  auto report = [&](const std::string& phase, int devices) {
    if (progress) progress({phase, io::MillisecondsBetween(start, clock.Now()) / 1000.0, devices});
  };
  auto since = [&](TimePoint t) { return io::MillisecondsBetween(t, clock.Now()); };

  // 1. host-config and resolvers: quick, and everything else depends on them.
  report("host-config", 0);
  TimePoint t = clock.Now();
  HostConfigOutcome host = ProbeHostConfig(*system, snapshot);
  host.record.duration_ms = since(t);
  report("resolvers", 0);
  t = clock.Now();
  ResolversOutcome resolvers =
      ProbeResolvers(*system, options.resolv_conf, options.reference_resolvers);
  resolvers.record.duration_ms = since(t);
  snapshot.resolvers = resolvers.resolvers;
  for (auto& note : resolvers.notes) snapshot.notes.push_back(std::move(note));

  InterfaceChoice choice = ChooseInterface(snapshot, options.interface);
  snapshot.scan_interface = choice.name;
  DeviceTable devices;
  bool self_known = choice.lan && choice.lan->mac;
  if (self_known) {
    std::string mac = wire::FormatMac(*choice.lan->mac);
    if (const auto* i = snapshot.FindInterface(choice.name))
      for (const auto& a : i->addresses)
        if (a.family == "ipv4") devices.Add(mac, a.address, "");
    devices.MarkSelf(mac);
  }
  for (const auto& n : host.neighbours)
    if (n.interface == choice.name) devices.Add(n.mac, n.ip, "neighbour-table");

  // 2. The LAN and network probes, concurrently.
  auto shared = std::make_shared<Shared>(system, options, tuning, snapshot, choice);
  cancel = &shared->cancel;
  bool stopped_early = check_stop();
  std::string not_started_reason =
      cause == StopCause::kUser
          ? "not started: interrupted"
          : "not started: global deadline of " + Seconds(options.deadline) + " s reached";
  std::vector<Task> tasks;
  for (auto& made : make_probes()) {
    Task& task = tasks.emplace_back();
    task.probe = std::shared_ptr<LanProbe>(std::move(made));
    task.id = task.probe->id();
    if (stopped_early) {
      task.not_started = Record(task.id, ProbeStatus::kSkipped, not_started_reason);
      continue;
    }
    if ((task.not_started = task.probe->Precheck(shared->context))) continue;
    task.started = clock.Now();
    try {
      task.thread = std::thread([shared, probe = task.probe, id = task.id] {
        try {
          probe->Run(shared->context);
        } catch (const std::exception& e) {
          std::lock_guard lock(shared->mutex);
          shared->exceptions[id] = e.what();
        }
        std::lock_guard lock(shared->mutex);
        shared->done_at[id] = shared->system->clock().Now();
        shared->changed.notify_all();
      });
    } catch (const std::system_error& e) {
      task.not_started =
          Record(task.id, ProbeStatus::kFailed, std::string("cannot start a thread: ") + e.what());
    }
  }

  // The vendor list, read while the probes run.
  std::optional<wire::OuiTable> oui;
  {
    auto text = system->ReadFile(options.oui_path);
    if (!text.ok()) {
      snapshot.notes.push_back("ieee-data not installed: vendors unknown (" + text.error().message +
                               ")");
    } else {
      oui = wire::OuiTable::ParseCsv(*text);
      if (oui->size() == 0)
        snapshot.notes.push_back("no vendors in " + options.oui_path + ": vendors unknown");
    }
  }

  // 3. Watch the probes until they are done, stopped, or left behind. Once
  // the active probes that keep their own time are done, stretching ones
  // (DHCP) end; once every active probe is done, passive ones do.
  std::set<std::string> left_behind;
  {
    std::unique_lock lock(shared->mutex);
    for (int guard = 0; guard < 10000000; ++guard) {
      std::vector<std::string> running;
      bool active_running = false, fixed_running = false;
      for (const auto& task : tasks) {
        if (task.not_started || shared->done_at.count(task.id)) continue;
        running.push_back(task.id);
        if (!task.probe->passive()) active_running = true;
        if (!task.probe->passive() && !task.probe->stretches()) fixed_running = true;
      }
      if (!fixed_running) shared->others_done = true;
      if (!active_running) shared->active_done = true;
      if (running.empty()) break;
      lock.unlock();
      check_stop();
      int found = std::max(devices.size(), (self_known ? 1 : 0) + shared->devices_found.load());
      report(util::Join(running, ", "), found);
      lock.lock();
      TimePoint now = clock.Now();
      if (cause != StopCause::kNone && now - stopped_at >= tuning.stop_grace) {
        left_behind.insert(running.begin(), running.end());
        break;
      }
      TimePoint wake = now + tuning.poll_interval;
      if (cause == StopCause::kNone) wake = std::min(wake, deadline);
      shared->changed.wait_for(lock, std::max(io::Duration::zero(), wake - now));
    }
  }
  for (auto& task : tasks) {
    if (!task.thread.joinable()) continue;
    if (left_behind.count(task.id))
      task.thread.detach();  // it owns what it touches (see Shared)
    else
      task.thread.join();
  }

  // 4. Assemble the snapshot: every probe's Finish in order, on this thread.
  std::string stop_reason = cause == StopCause::kUser ? "interrupted"
                                                      : "stopped at the global deadline after " +
                                                            Seconds(options.deadline) + " s";
  snapshot.probes.push_back(host.record);
  snapshot.probes.push_back(resolvers.record);
  LanStop lan_stop{cause != StopCause::kNone, stop_reason};
  for (auto& task : tasks) {
    if (task.not_started) {
      snapshot.probes.push_back(*task.not_started);
      continue;
    }
    if (left_behind.count(task.id)) {
      snapshot.probes.push_back(Record(task.id, ProbeStatus::kFailed,
                                       stop_reason + " (did not end in time; its results are lost)",
                                       "", io::MillisecondsBetween(start, clock.Now())));
      continue;
    }
    // Joined: the probe thread's writes are visible, the maps are final.
    if (auto e = shared->exceptions.find(task.id); e != shared->exceptions.end()) {
      snapshot.probes.push_back(Record(task.id, ProbeStatus::kFailed,
                                       "internal error: " + e->second, "",
                                       io::MillisecondsBetween(task.started, clock.Now())));
      continue;
    }
    ProbeRecord record = task.probe->Finish(lan_stop, &snapshot, &devices);
    record.id = task.id;
    record.duration_ms = io::MillisecondsBetween(task.started, shared->done_at[task.id]);
    snapshot.probes.push_back(record);
  }

  if (!snapshot.default_gateway.empty()) devices.MarkGateway(snapshot.default_gateway);
  snapshot.devices = devices.Finish(oui ? &*oui : nullptr);
  snapshot.contract = options.contract;

  // 5. Link quality, one probe after the other (probe/link_phase.h).
  LinkContext link{
      *system,
      options,
      tuning,
      [&] { return check_stop(); },
      deadline,
      [&](const std::string& phase) { report(phase, static_cast<int>(snapshot.devices.size())); }};
  using LinkProbeFn = model::ProbeRecord (*)(const LinkContext&, model::Snapshot*);
  const std::pair<const char*, LinkProbeFn> link_probes[] = {
      {"latency", RunLatencyProbe}, {"speed", RunSpeedProbe}, {"peer", RunPeerProbe}};
  for (const auto& [id, run] : link_probes) {
    if (check_stop()) {
      snapshot.probes.push_back(Record(
          id, ProbeStatus::kSkipped,
          cause == StopCause::kUser
              ? "not started: interrupted"
              : "not started: global deadline of " + Seconds(options.deadline) + " s reached"));
      continue;
    }
    TimePoint begun = clock.Now();
    ProbeRecord record = run(link, &snapshot);
    record.id = id;
    record.duration_ms = since(begun);
    snapshot.probes.push_back(record);
  }

  if (cause != StopCause::kNone) {
    snapshot.host.interrupted = true;
    snapshot.host.interrupt_reason =
        cause == StopCause::kUser
            ? "interrupted by user"
            : "global deadline of " + Seconds(options.deadline) + " s reached";
  }
  snapshot.host.duration_ms = io::MillisecondsBetween(start, clock.Now());
  return snapshot;
}

model::Snapshot RunScanWith(const std::shared_ptr<io::System>& system, const ScanOptions& options,
                            const ScanTuning& tuning, const std::atomic<bool>& stop,
                            const ProgressFn& progress) {
  return RunScanWith(system, options, tuning, stop, progress, MakeLanProbes);
}

model::Snapshot RunScan(const ScanOptions& options, const std::atomic<bool>& stop,
                        const ProgressFn& progress) {
  return RunScanWith(io::MakeRealSystem(), options, ScanTuning{}, stop, progress);
}

}  // namespace netfix::probe
