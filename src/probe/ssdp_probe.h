// SSDP/UPnP discovery: M-SEARCH for ssdp:all and the device types that
// matter in homes (gateways, media renderers and servers, DIAL, SAT>IP,
// Wi-Fi repeaters), twice against UDP loss; each distinct LOCATION is
// fetched as soon as its first answer arrives (concurrently, only from the
// responder's own address), and Internet Gateway Devices are asked over SOAP
// for their external address and port mappings.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "io/multicast_socket.h"
#include "io/system.h"
#include "model/snapshot.h"
#include "probe/lan_probe.h"
#include "probe/upnp_fetch.h"

namespace netfix::probe {

struct SsdpTiming {
  io::Duration window = std::chrono::milliseconds(1100);  ///< listening, from the first M-SEARCH
  io::Duration resend_after = std::chrono::milliseconds(150);
  int mx_seconds = 1;
  /// After the window: how long descriptions and SOAP calls still running
  /// may take before they are stopped.
  io::Duration fetch_grace = std::chrono::milliseconds(1200);
  int fetch_threads = 6;
  std::size_t max_descriptions = 32;  ///< distinct LOCATIONs fetched
  std::size_t max_messages = 512;     ///< distinct responses kept
  UpnpLimits upnp;
};

/// ssdp:all first, then the specific search targets.
const std::vector<std::string>& SsdpSearchTargets();

struct SsdpOutcome {
  model::SsdpResult result;
  model::ProbeRecord record;  ///< id "ssdp", without the duration
  bool cancelled = false;
};

/// The whole probe on `where` (the scan interface).
SsdpOutcome RunSsdpProbe(io::System& system, const io::MulticastSocketOptions& where,
                         const SsdpTiming& timing, const std::atomic<bool>& cancel);

/// The scan interface as a multicast socket's place, or nullopt (and why)
/// when it has no IPv4 address.
std::optional<io::MulticastSocketOptions> LanMulticastOptions(const LanContext& context, int ttl,
                                                              std::string* why);

/// The probe "ssdp"; its timing is ScanTuning::ssdp.
std::unique_ptr<LanProbe> MakeSsdpProbe();

}  // namespace netfix::probe
