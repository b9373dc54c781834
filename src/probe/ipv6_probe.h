// IPv6 on the LAN: router advertisements (prefixes, RDNSS, router
// lifetime), the neighbours, and whether this machine has a global address.
//
// One router solicitation to ff02::2 and one echo request to ff02::1 (all
// nodes) go out on the scan interface; for the window every RA (solicited or
// not), every echo reply and every neighbour solicitation/advertisement with
// a link-layer address is recorded. Afterwards the kernel's IPv6 neighbour
// table is read: answering our echo made the neighbours resolve our address,
// which fills it.
#pragma once

#include <atomic>
#include <cstdint>
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

inline constexpr const char* kIpv6Filter = "icmp6";

struct Ipv6Timing {
  /// How long to listen after the solicitation. Routers delay a solicited RA
  /// by up to 0.5 s (RFC 4861 §6.2.6); the rest of the scan takes ~1 s.
  io::Duration window = std::chrono::milliseconds(900);
  /// An RA this soon after our solicitation counts as its answer.
  io::Duration solicited_within = std::chrono::milliseconds(600);
  io::Duration slice = std::chrono::milliseconds(20);
};

struct Ipv6Plan {
  std::string interface;
  wire::MacAddress mac{};
  /// Where the solicitation and the echo come from: the link-local address,
  /// else a global one; the solicitation from :: when there is neither.
  std::optional<wire::Ipv6> source;
  std::uint16_t echo_id = 0;
};

struct Ipv6Outcome {
  std::vector<model::RouterAdvertisement> router_advertisements;
  std::vector<model::Ipv6Neighbour> neighbours;  ///< "echo-reply" and "ndp"
  bool sent_solicitation = false;
  bool sent_echo = false;
  bool cancelled = false;
  std::optional<io::Error> error;
  int advertisements_seen = 0;  ///< including repeats from the same router
  double window_ms = 0;
};

/// Sends the solicitation and the echo, then listens for the window.
Ipv6Outcome RunIpv6Exchange(io::PacketIo& packets, const io::Clock& clock, const Ipv6Plan& plan,
                            const Ipv6Timing& timing, const std::atomic<bool>& cancel);

class LanProbe;
/// "ipv6" as a scan probe.
std::unique_ptr<LanProbe> MakeIpv6Probe();

}  // namespace netfix::probe
