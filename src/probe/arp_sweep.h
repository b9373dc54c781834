// The ARP sweep: ask every address of the local IPv4 subnet "who has?" at a
// bounded rate, then once more for those that stayed silent, and keep
// listening a little for late answers. Every ARP packet heard is recorded:
// replies to us, late replies, and other hosts' requests and announcements.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/packet_io.h"
#include "io/result.h"
#include "model/snapshot.h"
#include "wire/addr.h"

namespace netfix::probe {

struct ArpSweepPlan {
  std::string interface;
  wire::MacAddress our_mac{};
  wire::Ipv4 our_ip = 0;
  wire::Ipv4Subnet subnet;          ///< the block swept (CIDR in the snapshot)
  std::vector<wire::Ipv4> targets;  ///< ascending, without our own address
  /// Also send an ARP probe (sender 0.0.0.0, RFC 5227) for our own address:
  /// a reply means another device uses it.
  bool probe_own_address = true;
  std::vector<std::string> notes;  ///< e.g. that a big subnet was cut down
};

/// Plans the sweep of our subnet. Subnets with more than `max_addresses`
/// host addresses are cut to the aligned power-of-two block around our
/// address; the gateway is always included when it is in the subnet.
ArpSweepPlan PlanArpSweep(const std::string& interface, const wire::MacAddress& our_mac,
                          wire::Ipv4 our_ip, int prefix_len, std::optional<wire::Ipv4> gateway,
                          int max_addresses);

struct ArpSweepTiming {
  int rate_pps = 1000;  ///< clamped to 1..10000 (the CLI allows 10..10000)
  int rounds = 2;       ///< the first round and one retry for silent addresses
  io::Duration retry_gap = std::chrono::milliseconds(150);  ///< listen between rounds
  io::Duration settle = std::chrono::milliseconds(300);     ///< listen after the last request
  io::Duration settle_extension = std::chrono::milliseconds(100);  ///< per new reply
  io::Duration max_settle = std::chrono::milliseconds(1000);
  /// A reply that comes after the last round, this long or longer after our
  /// last request to that address, is "late".
  io::Duration late_after = std::chrono::milliseconds(250);
  io::Duration slice = std::chrono::milliseconds(20);  ///< longest wait without checking `cancel`
};

/// One (MAC, IPv4) binding heard, and how.
struct ArpSighting {
  std::string mac;
  std::string ip;
  std::string how;  ///< "arp-reply" | "arp-late-reply" | "arp-unsolicited"
};

struct ArpSweepOutcome {
  model::ArpSweep sweep;               ///< statistics and conflicts
  std::vector<ArpSighting> sightings;  ///< first sighting of each (mac, ip, how)
  std::set<wire::Ipv4> answered;       ///< addresses that replied to us
  bool completed = false;              ///< ran to the end (not cancelled, no error)
  bool cancelled = false;
  std::optional<io::Error> error;  ///< sending or capturing failed
  int garbage_frames = 0;          ///< frames that were not Ethernet/IPv4 ARP
  int send_errors = 0;
  std::vector<std::string> notes;
};

/// Runs the plan. Returns early, with what was collected, when `cancel`
/// becomes true. `devices_found` (may be null) counts distinct MACs heard,
/// for the progress line.
ArpSweepOutcome RunArpSweep(io::PacketIo& packets, const io::Clock& clock, const ArpSweepPlan& plan,
                            const ArpSweepTiming& timing, const std::atomic<bool>& cancel,
                            std::atomic<int>* devices_found);

class LanProbe;
/// "arp-sweep" as a scan probe: plans and runs the sweep on the scan
/// interface, adds the sightings to the devices.
std::unique_ptr<LanProbe> MakeArpSweepProbe();

}  // namespace netfix::probe
