// The scan: host-config and resolvers first (they decide what the rest
// does), then the ARP sweep, the gateway ping and DNS on their own threads.
// This thread watches them, reports progress, and enforces Ctrl-C and the
// global deadline: what was collected until then is kept.
#include <algorithm>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "probe/devices.h"
#include "probe/host_config.h"
#include "probe/interface_choice.h"
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

// What a probe thread shares with the scan. The scan may end without a probe
// that ignores the stop; everything the thread touches is owned here.
struct Shared {
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<bool> cancel{false};
  std::atomic<int> arp_devices{0};
  std::map<std::string, bool> done;  // by probe id; guarded by mutex
};

struct ProbeTask {
  std::string id;
  std::thread thread;
};

struct ArpState {
  ProbeRecord record;
  std::optional<ArpSweepOutcome> outcome;
  ArpSweepPlan plan;
};

struct PingState {
  GatewayPingOutcome outcome;
  double duration_ms = 0;
};

struct DnsState {
  DnsProbeOutcome outcome;
  double duration_ms = 0;
};

std::string Seconds(std::chrono::milliseconds ms) {
  double s = static_cast<double>(ms.count()) / 1000.0;
  return ms.count() % 1000 == 0 ? std::to_string(ms.count() / 1000) : util::FormatFixed(s, 1);
}

int CountMacs(const std::vector<ArpSighting>& sightings) {
  std::vector<std::string> macs;
  for (const auto& s : sightings)
    if (std::find(macs.begin(), macs.end(), s.mac) == macs.end()) macs.push_back(s.mac);
  return static_cast<int>(macs.size());
}

ProbeRecord ArpRecord(const ArpSweepOutcome& outcome) {
  if (outcome.error) return Record("arp-sweep", ProbeStatus::kFailed, outcome.error->message);
  std::string summary = std::to_string(CountMacs(outcome.sightings)) + " devices, " +
                        std::to_string(outcome.sweep.addresses_probed) + " addresses in " +
                        FormatDuration(outcome.sweep.duration_ms);
  if (!outcome.sweep.conflicts.empty())
    summary += ", " + std::to_string(outcome.sweep.conflicts.size()) + " address conflict(s)";
  return Record("arp-sweep", ProbeStatus::kOk, summary);
}

}  // namespace

model::Snapshot RunScanWith(const std::shared_ptr<io::System>& system, const ScanOptions& options,
                            const ScanTuning& tuning, const std::atomic<bool>& stop,
                            const ProgressFn& progress) {
  const io::Clock& clock = system->clock();
  const TimePoint start = clock.Now();
  const TimePoint deadline = start + options.deadline;
  model::Snapshot snapshot;
  snapshot.host.started_at = system->WallClockNow();
  snapshot.host.netfix_version = NETFIX_VERSION;

  auto shared = std::make_shared<Shared>();
  StopCause cause = StopCause::kNone;
  TimePoint stopped_at{};
  auto check_stop = [&] {
    if (cause == StopCause::kNone) {
      if (stop.load())
        cause = StopCause::kUser;
      else if (clock.Now() >= deadline)
        cause = StopCause::kDeadline;
      if (cause != StopCause::kNone) {
        stopped_at = clock.Now();
        shared->cancel = true;
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
  if (choice.lan && choice.lan->mac) {
    std::string mac = wire::FormatMac(*choice.lan->mac);
    if (const auto* i = snapshot.FindInterface(choice.name))
      for (const auto& a : i->addresses)
        if (a.family == "ipv4") devices.Add(mac, a.address, "");
    devices.MarkSelf(mac);
  }
  for (const auto& n : host.neighbours)
    if (n.interface == choice.name) devices.Add(n.mac, n.ip, "neighbour-table");

  // 2. The LAN and network probes, concurrently.
  std::vector<ProbeTask> tasks;
  std::map<std::string, ProbeRecord> not_started;
  auto arp = std::make_shared<ArpState>();
  auto ping = std::make_shared<PingState>();
  auto dns = std::make_shared<DnsState>();
  auto finish = [shared](const std::string& id) {
    std::lock_guard lock(shared->mutex);
    shared->done[id] = true;
    shared->changed.notify_all();
  };
  // Runs `body` on its own thread; if none can be had, the probe failed.
  auto start_task = [&](const std::string& id, std::function<void()> body) {
    try {
      tasks.push_back({id, std::thread(std::move(body))});
    } catch (const std::system_error& e) {
      not_started[id] =
          Record(id, ProbeStatus::kFailed, std::string("cannot start a thread: ") + e.what());
    }
  };
  bool stopped_early = check_stop();
  std::string not_started_reason =
      cause == StopCause::kUser
          ? "not started: interrupted"
          : "not started: global deadline of " + Seconds(options.deadline) + " s reached";

  // arp-sweep
  if (stopped_early) {
    not_started["arp-sweep"] = Record("arp-sweep", ProbeStatus::kSkipped, not_started_reason);
  } else if (!choice.lan) {
    not_started["arp-sweep"] = Record("arp-sweep", ProbeStatus::kSkipped, choice.reason);
  } else if (!choice.lan->mac) {
    not_started["arp-sweep"] =
        Record("arp-sweep", ProbeStatus::kSkipped, "'" + choice.name + "' has no Ethernet address");
  } else {
    std::optional<wire::Ipv4> gateway = wire::ParseIpv4(snapshot.default_gateway);
    arp->plan = PlanArpSweep(choice.name, *choice.lan->mac, choice.lan->address,
                             choice.lan->prefix_len, gateway, options.arp_max_addresses);
    ArpSweepTiming timing = tuning.arp;
    timing.rate_pps = options.arp_rate_pps;
    start_task("arp-sweep", [system, shared, arp, timing, finish] {
      const io::Clock& clock = system->clock();
      TimePoint begin = clock.Now();
      auto packets = system->OpenPacketIo(arp->plan.interface);
      if (!packets.ok()) {
        // No permission, or an interface that cannot do it (down, not
        // Ethernet, gone): not attempted. Anything else went wrong trying.
        io::ErrorKind kind = packets.error().kind;
        bool permission = kind == io::ErrorKind::kPermission;
        bool cannot = kind == io::ErrorKind::kUnsupported || kind == io::ErrorKind::kNotFound;
        arp->record =
            Record("arp-sweep", permission || cannot ? ProbeStatus::kSkipped : ProbeStatus::kFailed,
                   packets.error().message, permission ? kPrivilegeHint : "");
      } else {
        arp->outcome =
            RunArpSweep(**packets, clock, arp->plan, timing, shared->cancel, &shared->arp_devices);
        arp->record = ArpRecord(*arp->outcome);
      }
      arp->record.duration_ms = io::MillisecondsBetween(begin, clock.Now());
      finish("arp-sweep");
    });
  }

  // gateway-ping
  if (stopped_early) {
    not_started["gateway-ping"] = Record("gateway-ping", ProbeStatus::kSkipped, not_started_reason);
  } else if (snapshot.default_gateway.empty()) {
    not_started["gateway-ping"] =
        Record("gateway-ping", ProbeStatus::kSkipped, "no default gateway");
  } else {
    start_task("gateway-ping", [system, shared, ping, gateway = snapshot.default_gateway,
                                count = options.ping_count, timing = tuning.ping, finish] {
      TimePoint begin = system->clock().Now();
      ping->outcome = PingGateway(*system, gateway, count, timing, shared->cancel);
      ping->duration_ms = io::MillisecondsBetween(begin, system->clock().Now());
      finish("gateway-ping");
    });
  }

  // dns
  if (stopped_early) {
    not_started["dns"] = Record("dns", ProbeStatus::kSkipped, not_started_reason);
  } else if (snapshot.resolvers.empty()) {
    not_started["dns"] = Record("dns", ProbeStatus::kSkipped, "no resolvers to ask");
  } else {
    start_task("dns", [system, shared, dns, resolvers = snapshot.resolvers,
                       names = options.dns_names, timing = tuning.dns, finish] {
      TimePoint begin = system->clock().Now();
      dns->outcome = RunDnsProbe(*system, resolvers, names, timing, shared->cancel);
      dns->duration_ms = io::MillisecondsBetween(begin, system->clock().Now());
      finish("dns");
    });
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

  // 3. Watch the probes until they are done, stopped, or left behind.
  std::vector<std::string> left_behind;
  {
    std::unique_lock lock(shared->mutex);
    for (int guard = 0; guard < 10000000; ++guard) {
      std::vector<std::string> running;
      for (const auto& task : tasks)
        if (!shared->done[task.id]) running.push_back(task.id);
      if (running.empty()) break;
      lock.unlock();
      check_stop();
      int found = std::max(devices.size(),
                           (choice.lan && choice.lan->mac ? 1 : 0) + shared->arp_devices.load());
      report(util::Join(running, ", "), found);
      lock.lock();
      TimePoint now = clock.Now();
      if (cause != StopCause::kNone && now - stopped_at >= tuning.stop_grace) {
        left_behind = running;
        break;
      }
      TimePoint wake = now + tuning.poll_interval;
      if (cause == StopCause::kNone) wake = std::min(wake, deadline);
      shared->changed.wait_for(lock, std::max(io::Duration::zero(), wake - now));
    }
  }
  for (auto& task : tasks) {
    bool behind = std::find(left_behind.begin(), left_behind.end(), task.id) != left_behind.end();
    if (behind)
      task.thread.detach();  // it owns what it touches (see Shared)
    else
      task.thread.join();
  }

  // 4. Assemble the snapshot.
  std::string stop_reason = cause == StopCause::kUser ? "interrupted"
                                                      : "stopped at the global deadline after " +
                                                            Seconds(options.deadline) + " s";
  auto stopped_record = [&](const std::string& id) {
    bool behind = std::find(left_behind.begin(), left_behind.end(), id) != left_behind.end();
    return Record(id, ProbeStatus::kFailed,
                  stop_reason + (behind ? " (did not end in time; its results are lost)" : ""), "",
                  io::MillisecondsBetween(start, clock.Now()));
  };
  auto is_behind = [&](const std::string& id) {
    return std::find(left_behind.begin(), left_behind.end(), id) != left_behind.end();
  };

  snapshot.probes.push_back(host.record);
  snapshot.probes.push_back(resolvers.record);

  bool arp_started = not_started.count("arp-sweep") == 0;
  if (!arp_started) {
    snapshot.probes.push_back(not_started["arp-sweep"]);
  } else if (is_behind("arp-sweep")) {
    snapshot.probes.push_back(stopped_record("arp-sweep"));
  } else {
    ProbeRecord record = arp->record;
    if (arp->outcome) {
      const ArpSweepOutcome& o = *arp->outcome;
      if (o.cancelled && !o.completed && !o.error) {
        record.status = ProbeStatus::kFailed;
        record.reason = stop_reason;
      }
      snapshot.measurements.arp = o.sweep;
      for (const auto& s : o.sightings) devices.Add(s.mac, s.ip, s.how);
      for (const auto& note : arp->plan.notes) snapshot.notes.push_back("arp-sweep: " + note);
      for (const auto& note : o.notes) snapshot.notes.push_back("arp-sweep: " + note);
    }
    snapshot.probes.push_back(record);
  }

  if (not_started.count("gateway-ping")) {
    snapshot.probes.push_back(not_started["gateway-ping"]);
  } else if (is_behind("gateway-ping")) {
    snapshot.probes.push_back(stopped_record("gateway-ping"));
  } else {
    ProbeRecord record = ping->outcome.record;
    record.duration_ms = ping->duration_ms;
    if (ping->outcome.cancelled) {
      record.status = ProbeStatus::kFailed;
      record.reason = stop_reason;
    }
    if (auto result = ping->outcome.result) {
      if (arp_started && !is_behind("arp-sweep") && arp->outcome) {
        auto gw = wire::ParseIpv4(result->target);
        bool answered = gw && arp->outcome->answered.count(*gw) > 0;
        if (answered)
          result->answers_arp = true;
        else if (arp->outcome->completed)
          result->answers_arp = false;
      }
      snapshot.measurements.ping.push_back(*result);
    }
    snapshot.probes.push_back(record);
  }

  if (not_started.count("dns")) {
    snapshot.probes.push_back(not_started["dns"]);
  } else if (is_behind("dns")) {
    snapshot.probes.push_back(stopped_record("dns"));
  } else {
    ProbeRecord record = dns->outcome.record;
    record.duration_ms = dns->duration_ms;
    if (dns->outcome.cancelled) {
      record.status = ProbeStatus::kFailed;
      record.reason = stop_reason;
    }
    snapshot.measurements.dns = dns->outcome.results;
    snapshot.probes.push_back(record);
  }

  if (!snapshot.default_gateway.empty()) devices.MarkGateway(snapshot.default_gateway);
  snapshot.devices = devices.Finish(oui ? &*oui : nullptr);

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

model::Snapshot RunScan(const ScanOptions& options, const std::atomic<bool>& stop,
                        const ProgressFn& progress) {
  return RunScanWith(io::MakeRealSystem(), options, ScanTuning{}, stop, progress);
}

}  // namespace netfix::probe
