#include "probe/wifi_probe.h"

#include <linux/nl80211.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "io/host.h"
#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "wire/nl80211.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeStatus;

constexpr const char* kId = "wifi";
constexpr const char* kNoWifi = "no Wi-Fi interface";
constexpr const char* kAdminHint = "run with sudo or grant CAP_NET_ADMIN for a fresh Wi-Fi scan";

// `taken_at` (RFC 3339 UTC, whole seconds) moved by `offset`; "" when unreadable.
std::string ShiftTime(const std::string& taken_at, std::chrono::milliseconds offset) {
  std::tm t{};
  char zulu = 0;
  if (std::sscanf(taken_at.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &t.tm_year, &t.tm_mon, &t.tm_mday,
                  &t.tm_hour, &t.tm_min, &t.tm_sec, &zulu) != 7 ||
      zulu != 'Z')
    return "";
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  std::time_t seconds = timegm(&t);
  if (seconds == static_cast<std::time_t>(-1)) return "";
  return io::FormatRfc3339Utc(std::chrono::system_clock::from_time_t(seconds) + offset);
}

std::string Count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// How the scan went before the results were read.
struct ScanStart {
  bool triggered = false;  // a fresh scan ran to its end
  bool timed_out = false;  // it was triggered but did not end in time
  bool cancelled = false;
  std::string why;   // why the results are cached, for the summary ("" when triggered)
  std::string note;  // the same for WifiScan::notes
  std::string hint;
};

ScanStart Cached(std::string why, std::string note, std::string hint = "") {
  return {false,
          false,
          false,
          std::move(why),
          std::move(note) + ": the kernel's cached results",
          std::move(hint)};
}

// Triggers a scan on `wifi` and waits for its end, at most timing.scan after
// `start`.
ScanStart TriggerAndWait(io::Nl80211Socket& nl80211, const io::Clock& clock,
                         const wire::Nl80211Interface& wifi, TimePoint start,
                         const WifiTiming& timing, const std::atomic<bool>& cancel) {
  const std::string& name = wifi.name;
  auto trigger = nl80211.TriggerScan(wifi.index, clock.Now() + timing.request);
  if (!trigger.ok() && trigger.error().kind == io::ErrorKind::kPermission)
    return Cached("triggering a scan needs CAP_NET_ADMIN",
                  "triggering a scan on '" + name + "' was not permitted (needs CAP_NET_ADMIN)",
                  kAdminHint);
  if (!trigger.ok())
    return Cached("cannot trigger a scan: " + trigger.error().message,
                  "cannot trigger a scan on '" + name + "': " + trigger.error().message);
  if (*trigger == io::ScanTrigger::kBusy)
    return Cached("another scan was running",
                  "another program was scanning on '" + name + "' (EBUSY)");

  const TimePoint end = start + timing.scan;
  // Bounded by time; the count only guards against a clock that stands still.
  for (int i = 0; i < 1000000; ++i) {
    if (cancel.load()) return {.cancelled = true};
    TimePoint now = clock.Now();
    if (now >= end) break;
    auto events = nl80211.ReceiveScanEvents(std::min(end, now + timing.slice));
    if (!events.ok())
      return Cached("the end of the scan was not heard",
                    "cannot hear the end of the scan on '" + name + "': " + events.error().message);
    for (const auto& e : *events) {
      if (wire::Nl80211InterfaceIndex(e.attributes) != wifi.index) continue;
      if (e.command == NL80211_CMD_NEW_SCAN_RESULTS) return {.triggered = true};
      if (e.command == NL80211_CMD_SCAN_ABORTED)
        return Cached("the scan was aborted", "the scan on '" + name +
                                                  "' was aborted (by the driver or another "
                                                  "program)");
    }
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timing.scan).count();
  std::string limit =
      ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : FormatDuration(static_cast<double>(ms));
  ScanStart late = Cached("", "the scan on '" + name + "' did not finish within " + limit);
  late.timed_out = true;
  return late;
}

// The station info of the access point `bss` (our link), completed from
// what the interface and the scan say.
model::WifiLink ReadLink(io::Nl80211Socket& nl80211, TimePoint until,
                         const wire::Nl80211Interface& wifi, const model::WifiBss& bss,
                         std::vector<std::string>* notes) {
  model::WifiLink link;
  auto station = nl80211.GetStation(wifi.index, *wire::ParseMac(bss.bssid), until);
  if (!station.ok()) {
    notes->push_back("no station info for " + bss.bssid + ": " + station.error().message);
  } else {
    for (const auto& m : *station) {
      if (m.command != NL80211_CMD_NEW_STATION) continue;
      auto parsed = wire::ParseNl80211Station(m.attributes);
      if (parsed && parsed->bssid == bss.bssid) link = *parsed;
    }
  }
  link.interface = wifi.name;
  link.bssid = bss.bssid;
  link.ssid = !wifi.ssid.empty() ? wifi.ssid : bss.ssid;
  link.frequency_mhz = wifi.frequency_mhz != 0 ? wifi.frequency_mhz : bss.frequency_mhz;
  if (!link.signal_dbm) link.signal_dbm = bss.signal_dbm;
  return link;
}

}  // namespace

const model::Interface* ChooseWifiInterface(const model::Snapshot& snapshot,
                                            const std::string& scan_interface) {
  if (const auto* chosen = snapshot.FindInterface(scan_interface); chosen && chosen->kind == "wifi")
    return chosen;
  const model::Interface* first = nullptr;
  for (const auto& i : snapshot.interfaces) {
    if (i.kind != "wifi") continue;
    if (i.up) return &i;
    if (first == nullptr) first = &i;
  }
  return first;
}

WifiOutcome RunWifiScan(io::Nl80211Socket& nl80211, const io::Clock& clock, const WifiPlan& plan,
                        const WifiTiming& timing, const std::atomic<bool>& cancel) {
  WifiOutcome out;
  const TimePoint start = clock.Now();
  auto request_until = [&] { return clock.Now() + timing.request; };
  const std::string& name = plan.interface;

  // 1. The interface as nl80211 knows it.
  auto listed = nl80211.DumpInterfaces(request_until());
  if (!listed.ok()) {
    out.status = ProbeStatus::kFailed;
    out.reason = "cannot list the Wi-Fi interfaces: " + listed.error().message;
    return out;
  }
  std::optional<wire::Nl80211Interface> wifi;
  for (const auto& m : *listed) {
    if (m.command != NL80211_CMD_NEW_INTERFACE) continue;
    auto parsed = wire::ParseNl80211Interface(m.attributes);
    if (parsed && parsed->name == name) wifi = parsed;
  }
  if (!wifi) {
    out.status = ProbeStatus::kSkipped;
    out.reason = std::string(kNoWifi) + ": nl80211 does not know '" + name + "'";
    return out;
  }

  // 2. A fresh scan when the kernel lets us, else its cached results.
  ScanStart how = TriggerAndWait(nl80211, clock, *wifi, start, timing, cancel);
  if (how.cancelled || cancel.load()) {
    out.cancelled = true;
    return out;
  }
  out.hint = how.hint;
  model::WifiScan scan;
  scan.source = scan.format = "nl80211";
  scan.interface = name;
  scan.taken_at = plan.taken_at;
  scan.method = how.triggered ? "triggered" : "cached";
  if (!how.note.empty()) scan.notes.push_back(how.note);

  // 3. The results. Their ages are relative to now, plan.taken_at was at start.
  auto results = nl80211.DumpScanResults(wifi->index, request_until());
  if (!results.ok()) {
    out.status = ProbeStatus::kFailed;
    out.reason = "cannot read the scan results on '" + name + "': " + results.error().message;
    return out;
  }
  auto read_after = std::chrono::duration_cast<std::chrono::milliseconds>(clock.Now() - start);
  std::size_t unreadable = 0;
  for (const auto& m : *results) {
    if (m.command != NL80211_CMD_NEW_SCAN_RESULTS) continue;
    auto parsed = wire::ParseNl80211Bss(m.attributes);
    if (!parsed) {
      ++unreadable;
      continue;
    }
    if (parsed->seen_ms_ago)
      parsed->bss.seen_at =
          ShiftTime(plan.taken_at, read_after - std::chrono::milliseconds(*parsed->seen_ms_ago));
    for (auto& note : parsed->notes) scan.notes.push_back(std::move(note));
    scan.networks.push_back(std::move(parsed->bss));
  }
  if (unreadable > 0)
    scan.notes.push_back(Count(unreadable, "scan result", "scan results") +
                         " without a BSSID skipped");

  // 4. Our own link.
  for (const auto& bss : scan.networks) {
    if (!bss.associated) continue;
    scan.link = ReadLink(nl80211, request_until(), *wifi, bss, &scan.notes);
    break;
  }

  // 5. The probe log's line.
  std::string summary = Count(scan.networks.size(), "network", "networks");
  if (how.triggered)
    summary += ", triggered scan on " + name;
  else if (!how.why.empty())
    summary += ", cached results on " + name + " (" + how.why + ")";
  if (scan.link && scan.link->signal_dbm)
    summary += "; associated, " + util::FormatFixed(*scan.link->signal_dbm, 0) + " dBm";
  out.status = how.timed_out ? ProbeStatus::kFailed : ProbeStatus::kOk;
  out.reason = how.timed_out ? how.note + " (" + summary + ")" : summary;
  out.scan = std::move(scan);
  return out;
}

namespace {

// Opens nl80211 and scans on `name`; a kernel without nl80211 has no Wi-Fi.
WifiOutcome ScanOn(io::System& system, const std::string& name, const WifiTiming& timing,
                   const std::atomic<bool>& cancel) {
  WifiPlan plan{name, system.WallClockNow()};
  auto nl80211 = system.OpenNl80211();
  if (nl80211.ok()) return RunWifiScan(**nl80211, system.clock(), plan, timing, cancel);
  WifiOutcome out;
  io::ErrorKind kind = nl80211.error().kind;
  if (kind == io::ErrorKind::kNotFound || kind == io::ErrorKind::kUnsupported) {
    out.status = ProbeStatus::kSkipped;
    out.reason = std::string(kNoWifi) + " (" + nl80211.error().message + ")";
  } else {
    out.status = ProbeStatus::kFailed;
    out.reason = nl80211.error().message;
  }
  return out;
}

// Why there is nothing to scan on, as a skipped record's reason; "" if there is.
std::string NotScannable(const model::Interface* wifi) {
  if (wifi == nullptr) return kNoWifi;
  if (!wifi->up) return "the Wi-Fi interface '" + wifi->name + "' is down";
  return "";
}

class WifiProbe final : public LanProbe {
 public:
  const char* id() const override { return kId; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    std::string why = NotScannable(ChooseWifiInterface(context.base, context.choice.name));
    if (!why.empty()) return Record(kId, ProbeStatus::kSkipped, why);
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    const std::string& name = ChooseWifiInterface(context.base, context.choice.name)->name;
    outcome_ = ScanOn(context.system, name, context.tuning.wifi, context.cancel);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                            DeviceTable* devices) override {
    (void)devices;  // an access point's BSSID is its radio's MAC, not a LAN device's
    if (outcome_.scan) snapshot->measurements.wifi = outcome_.scan;
    if (outcome_.cancelled) return Record(kId, ProbeStatus::kFailed, stop.reason);
    return Record(kId, outcome_.status, outcome_.reason, outcome_.hint);
  }

 private:
  WifiOutcome outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeWifiProbe() {
  return std::make_unique<WifiProbe>();
}

WifiScanOutcome ScanWifiWith(io::System& system, const std::string& interface,
                             std::chrono::milliseconds deadline, const WifiTiming& timing) {
  WifiScanOutcome out;
  auto config = system.ReadNetworkConfig();
  if (!config.ok()) {
    out.record = Record(kId, ProbeStatus::kFailed,
                        "cannot read the network interfaces: " + config.error().message);
    return out;
  }
  model::Snapshot host;
  host.interfaces = config->interfaces;
  const model::Interface* wifi = ChooseWifiInterface(host, interface);
  if (!interface.empty() && (wifi == nullptr || wifi->name != interface)) {
    const model::Interface* named = host.FindInterface(interface);
    out.record = Record(kId, ProbeStatus::kSkipped,
                        named == nullptr ? "no interface '" + interface + "'"
                                         : "'" + interface + "' is not a Wi-Fi interface");
    return out;
  }
  if (std::string why = NotScannable(wifi); !why.empty()) {
    out.record = Record(kId, ProbeStatus::kSkipped, why);
    return out;
  }
  WifiTiming bounded = timing;
  bounded.scan = std::min<io::Duration>(timing.scan, deadline);
  std::atomic<bool> cancel{false};
  const io::TimePoint start = system.clock().Now();
  WifiOutcome outcome = ScanOn(system, wifi->name, bounded, cancel);
  out.scan = std::move(outcome.scan);
  out.record = Record(kId, outcome.status, outcome.reason, outcome.hint,
                      io::MillisecondsBetween(start, system.clock().Now()));
  return out;
}

WifiScanOutcome ScanWifiNow(const std::string& interface, std::chrono::milliseconds deadline) {
  auto system = io::MakeRealSystem();
  return ScanWifiWith(*system, interface, deadline, WifiTiming{});
}

}  // namespace netfix::probe
