// The probes of the scan's second phase, which run concurrently on their own
// threads once host-config and resolvers have decided the interface: the
// ARP sweep, the gateway ping, DNS, DHCP, SSDP/UPnP, mDNS, IPv6, Wi-Fi, the
// IGMP querier test and the passive listener. Adding a probe means one class implementing LanProbe
// and one line in MakeLanProbes() (lan_probes.cc); scan.cc needs no change.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "io/system.h"
#include "model/snapshot.h"
#include "probe/devices.h"
#include "probe/interface_choice.h"
#include "probe/scan.h"

namespace netfix::probe {

struct ScanTuning;

/// What a running probe may read and signal. Everything here outlives Run().
struct LanContext {
  io::System& system;
  const ScanOptions& options;
  const ScanTuning& tuning;
  /// The snapshot as phase one left it (interfaces, routes, resolvers,
  /// neighbour table); read-only while probes run.
  const model::Snapshot& base;
  const InterfaceChoice& choice;
  /// Set on Ctrl-C or at the global deadline: return as soon as possible.
  const std::atomic<bool>& cancel;
  /// Set once every active (non-passive) probe has returned: passive probes
  /// end their listening window then.
  const std::atomic<bool>& active_done;
  /// Devices found so far, for the progress line (probes add what they find).
  std::atomic<int>& devices_found;
  /// Set once every active probe that does not stretch (LanProbe::stretches)
  /// has returned; a stretching probe ends its window then (or at its own
  /// minimum and cap). Null: nobody tells, use the minimum.
  const std::atomic<bool>* others_done = nullptr;
};

/// How the scan ended for a probe, passed to Finish().
struct LanStop {
  bool stopped = false;  ///< cancel was set while it ran
  std::string reason;    ///< "interrupted" / "stopped at the global deadline after 30 s"
};

class LanProbe {
 public:
  virtual ~LanProbe() = default;

  /// The probe id in the probe log; one of model::KnownProbeIds().
  virtual const char* id() const = 0;

  /// A passive probe listens until the active probes are done (or cancel).
  virtual bool passive() const { return false; }

  /// An active probe whose listening window stretches until the others are
  /// done (LanContext::others_done), so that it hears late answers at no
  /// cost to the scan's wall time (DHCP). It counts as active for
  /// active_done but is not waited for by others_done.
  virtual bool stretches() const { return false; }

  /// Why the probe cannot run at all on this machine, as a skipped record
  /// (e.g. "no default gateway"); nullopt to start it. Runs on the scan thread.
  virtual std::optional<model::ProbeRecord> Precheck(const LanContext& context) const {
    (void)context;
    return std::nullopt;
  }

  /// Does the work on its own thread. Touches only the probe's own members
  /// and what LanContext allows; returns soon after context.cancel is set.
  virtual void Run(const LanContext& context) = 0;

  /// On the scan thread, after Run() returned: writes the measurements into
  /// the snapshot, adds device sightings, and returns the probe-log record
  /// (duration is filled in by the scan).
  virtual model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                                    DeviceTable* devices) = 0;
};

/// Every second-phase probe, in the order they appear in the probe log and
/// their Finish() runs. A probe whose results go into a section that another
/// probe also writes (DHCP: dhcp + passive; SSDP: ssdp + passive) appends to
/// the section when it exists and creates it otherwise, never overwrites it.
std::vector<std::unique_ptr<LanProbe>> MakeLanProbes();

}  // namespace netfix::probe
