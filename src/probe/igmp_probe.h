// The IGMP querier test (phase two): is there a router or switch on the LAN
// that asks who wants which multicast group? IPTV needs one: without a
// querier, snooping switches stop forwarding a stream after a few minutes,
// or flood it to every port.
//
// netfix joins a random admin-scoped group (239.255.0.0/16) on the scan
// interface, which makes the kernel send a membership report, leaves it
// again shortly after (an IGMPv2 leave or v3 state change report), and
// listens: a querier answers a leave with a group-specific query at once
// (RFC 2236 §3, RFC 3376 §6.6.3). Reports of other hosts heard meanwhile
// say who is a multicast member. Needs a capture (CAP_NET_RAW).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "io/clock.h"
#include "io/multicast_socket.h"
#include "io/packet_io.h"
#include "io/result.h"
#include "io/system.h"
#include "model/snapshot.h"
#include "wire/addr.h"

namespace netfix::probe {

inline constexpr const char* kIgmpFilter = "igmp";

struct IgmpTiming {
  io::Duration hold = std::chrono::milliseconds(100);     ///< a member this long
  io::Duration window = std::chrono::milliseconds(1500);  ///< listening after the leave
  io::Duration slice = std::chrono::milliseconds(20);
  std::size_t max_records = 64;  ///< per kind: a busy LAN stays bounded
};

struct IgmpOutcome {
  model::IgmpQuerierTest test;
  std::string join_error;
  std::string leave_error;
  std::optional<io::Error> error;  ///< the capture failed
  bool cancelled = false;
};

/// A random group in 239.255.0.0/16 outside 239.255.255.0/24 (SSDP's
/// 239.255.255.250 lives there).
std::string RandomIgmpTestGroup();

/// Joins `group` on `where` (through `system`), leaves it after
/// timing.hold, and records the IGMP on `packets` until timing.window after
/// the leave or `cancel`. Frames from `host_mac` (ours) are left out.
IgmpOutcome RunIgmpQuerierTest(io::System& system, io::PacketIo& packets,
                               const io::MulticastSocketOptions& where, const std::string& group,
                               const wire::MacAddress& host_mac, const IgmpTiming& timing,
                               const std::atomic<bool>& cancel);

class LanProbe;
/// "igmp-querier" as a scan probe.
std::unique_ptr<LanProbe> MakeIgmpQuerierProbe();

}  // namespace netfix::probe
