// The passive listener: one capture on the scan interface for the whole scan
// window (until the active probes are done), recording what the LAN says on
// its own: other hosts' ARP, other clients' DHCP, SSDP NOTIFY announcements,
// IGMP queries and reports, LLDP from the switch or access point, and how
// many mDNS packets went by. It sends nothing.
//
// What it hears goes to the sections of the protocols (DHCP messages with
// how "passive", SSDP messages with how "notify", device sightings); the
// passive section keeps frame counts, IGMP and LLDP.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/packet_io.h"
#include "io/result.h"
#include "model/snapshot.h"
#include "wire/addr.h"

namespace netfix::probe {

inline constexpr const char* kPassiveFilter =
    "arp or (udp and (port 67 or port 68 or port 1900 or port 5353)) or igmp or "
    "ether proto 0x88cc";

struct PassiveTiming {
  io::Duration slice = std::chrono::milliseconds(20);
  /// Caps on what is kept per kind (a busy LAN stays bounded).
  std::size_t max_records = 256;
};

/// A device heard: MAC, IPv4 (may be empty), how.
struct PassiveSighting {
  std::string mac;
  std::string ip;
  std::string
      how;  ///< "arp-passive", "dhcp-passive", "ssdp-notify", "mdns-passive", "igmp", "lldp"
};

struct PassiveOutcome {
  model::PassiveResult result;             ///< window, frames by protocol, IGMP, LLDP
  std::vector<model::DhcpMessage> dhcp;    ///< other clients' exchanges, how "passive"
  std::vector<model::SsdpMessage> notify;  ///< how "notify"
  std::vector<PassiveSighting> sightings;  ///< first of each (mac, ip, how)
  bool cancelled = false;
  std::optional<io::Error> error;
};

/// Listens until `active_done` or `cancel`; frames from `host_mac` and
/// netfix's own DHCP exchange are left out.
PassiveOutcome RunPassiveListener(io::PacketIo& packets, const io::Clock& clock,
                                  const wire::MacAddress& host_mac, const PassiveTiming& timing,
                                  const std::atomic<bool>& cancel,
                                  const std::atomic<bool>& active_done);

class LanProbe;
/// "passive" as a scan probe (LanProbe::passive() is true).
std::unique_ptr<LanProbe> MakePassiveProbe();

}  // namespace netfix::probe
