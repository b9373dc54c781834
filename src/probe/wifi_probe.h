// Wi-Fi: the networks around this computer and its own link, from the
// kernel through nl80211 (Linux).
//
// On the Wi-Fi interface (the scan interface when it is Wi-Fi, else the
// first one that is up) a scan is triggered and its end awaited on nl80211's
// "scan" event group; then the kernel's results are read, and the station
// info of the access point we are associated with (signal, bitrates).
// Triggering needs CAP_NET_ADMIN: without it, or when a scan is already
// running (EBUSY), the kernel's cached results of the last scan are read and
// the scan says method "cached".
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "io/clock.h"
#include "io/nl80211_socket.h"
#include "io/system.h"
#include "model/snapshot.h"

namespace netfix::probe {

struct WifiTiming {
  /// How long a triggered scan may take: drivers scan every channel in 2-4 s
  /// (longer with many 5 GHz DFS channels).
  io::Duration scan = std::chrono::seconds(6);
  /// Each request to the kernel (interface list, results, station info).
  io::Duration request = std::chrono::seconds(2);
  /// How often the wait for the scan's end looks at the cancel flag.
  io::Duration slice = std::chrono::milliseconds(50);
};

struct WifiPlan {
  std::string interface;  ///< the Wi-Fi interface's name
  std::string taken_at;   ///< RFC 3339 UTC, for WifiScan::taken_at and BSS ages
};

struct WifiOutcome {
  /// Set once the results were read (even when there are none).
  std::optional<model::WifiScan> scan;
  model::ProbeStatus status = model::ProbeStatus::kOk;
  std::string reason;  ///< the summary when ok
  std::string hint;
  bool cancelled = false;
};

/// Lists the interfaces, triggers a scan on plan.interface, waits for its
/// end (at most timing.scan), reads the results and the station info.
WifiOutcome RunWifiScan(io::Nl80211Socket& nl80211, const io::Clock& clock, const WifiPlan& plan,
                        const WifiTiming& timing, const std::atomic<bool>& cancel);

/// The interface to scan on: `scan_interface` when it is Wi-Fi, else the
/// first Wi-Fi interface that is up, else the first one. Nullptr: none.
const model::Interface* ChooseWifiInterface(const model::Snapshot& snapshot,
                                            const std::string& scan_interface);

class LanProbe;
/// "wifi" as a scan probe.
std::unique_ptr<LanProbe> MakeWifiProbe();

/// One Wi-Fi scan on its own, outside a network scan (`netfix survey`).
struct WifiScanOutcome {
  std::optional<model::WifiScan> scan;  ///< set when results were read
  model::ProbeRecord record;            ///< as the probe log would say it
};

/// On `interface` (it must be Wi-Fi), or when empty as ChooseWifiInterface
/// picks; the wait for the scan bounded by `deadline` as well.
WifiScanOutcome ScanWifiWith(io::System& system, const std::string& interface,
                             std::chrono::milliseconds deadline, const WifiTiming& timing);
/// The same on this machine.
WifiScanOutcome ScanWifiNow(const std::string& interface, std::chrono::milliseconds deadline);

}  // namespace netfix::probe
