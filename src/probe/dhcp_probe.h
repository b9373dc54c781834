// DHCP: which servers answer on the LAN, and what each offers.
//
// netfix never takes a lease. It broadcasts one DISCOVER with a client
// hardware address and identifier of its own (derived from the host's MAC,
// locally administered, so never the host's) and never sends a REQUEST, and
// one DHCPINFORM from the host's own address (RFC 2131 §3.4: it allocates
// nothing), and records every answer in the window.
//
// Why both: many servers (dnsmasq, and so many home routers) ping-check an
// address before offering it, so the first OFFER for a new client comes
// about 3 s after the DISCOVER, far longer than the rest of the scan; the
// ACK to an INFORM comes at once, with router, DNS, subnet, domain and the
// server id (but no lease time). Because the probe's hardware address is
// stable, a scan repeated within the server's ping cache (~30 s for dnsmasq)
// gets the OFFER at once too. The window stretches until the other probes
// are done (at least min_window, at most max_window); it does not wait for
// a missing OFFER beyond that, but says so in a note. Only when nothing at
// all has answered does it keep listening up to max_window, because such a
// server answers nothing else while it pings (not even an INFORM), and a
// scan repeated within 3 s finds it still busy.
//
// Frames are sent and captured with libpcap: the host's own DHCP client may
// hold UDP port 68, and offers with the broadcast flag go to
// 255.255.255.255, where no socket of ours would get them.
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
#include "wire/dhcp.h"

namespace netfix::probe {

/// What the DHCP probe and the passive listener capture.
inline constexpr const char* kDhcpFilter = "udp and (port 67 or port 68)";

struct DhcpTiming {
  /// Listen at least this long after sending, even when the rest of the
  /// scan is done earlier (a second server may be slower).
  io::Duration min_window = std::chrono::milliseconds(1000);
  /// Never listen longer, even while other probes still run.
  io::Duration max_window = std::chrono::milliseconds(3500);
  /// While nothing at all has answered, keep listening up to max_window: a
  /// server busy ping-checking an address (for our previous scan, or another
  /// client) answers nothing for up to 3 s, and "no DHCP server" must not be
  /// said lightly. Costs time only when no server answers in time.
  bool wait_for_first_answer = true;
  /// When that first answer comes after min_window: how long to listen on
  /// for the answers queued behind it.
  io::Duration after_late_answer = std::chrono::milliseconds(150);
  io::Duration slice = std::chrono::milliseconds(20);  ///< longest wait without checking
};

/// The chaddr (and client identifier) of netfix's DISCOVER: a hash of the
/// host's MAC with the locally-administered bit set and the multicast bit
/// clear; stable across scans, never equal to `host_mac`.
wire::MacAddress ProbeClientMac(const wire::MacAddress& host_mac);

struct DhcpPlan {
  std::string interface;
  wire::MacAddress host_mac{};
  /// The host's IPv4 address: an INFORM is sent only with one.
  std::optional<wire::Ipv4> host_ip;
  wire::MacAddress probe_mac{};
  std::uint32_t discover_xid = 0;
  std::uint32_t inform_xid = 0;
};

DhcpPlan PlanDhcp(const std::string& interface, const wire::MacAddress& host_mac,
                  std::optional<wire::Ipv4> host_ip, std::uint32_t xid);

/// Broadcast DISCOVER from 0.0.0.0 with the probe's chaddr, client id and
/// the broadcast flag, asking for the usual parameters.
std::vector<std::uint8_t> BuildDiscoverFrame(const DhcpPlan& plan);
/// Broadcast INFORM from the host's address and MAC (plan.host_ip is set).
std::vector<std::uint8_t> BuildInformFrame(const DhcpPlan& plan);

/// One DHCP frame as the snapshot records it.
model::DhcpMessage ToDhcpMessage(const wire::DhcpFrame& frame, const std::string& how,
                                 double after_ms);

/// Whether a DHCP packet belongs to netfix's own exchange (its DISCOVER's
/// chaddr, or the INFORM and its ACK from the host's MAC), which the
/// passive listener leaves to the dhcp probe.
bool IsOwnDhcp(const wire::DhcpPacket& packet, const wire::MacAddress& host_mac);

struct DhcpOutcome {
  model::DhcpResult result;  ///< messages "offer" and "inform-ack"
  bool sent_discover = false;
  bool sent_inform = false;
  bool cancelled = false;          ///< stopped before the window ended
  std::optional<io::Error> error;  ///< sending both or capturing failed
  std::vector<std::string> notes;
};

/// Sends the INFORM and the DISCOVER and listens: at least min_window, then
/// until `others_done` (null: do not wait for it) and the first answer, or
/// max_window.
DhcpOutcome RunDhcpExchange(io::PacketIo& packets, const io::Clock& clock, const DhcpPlan& plan,
                            const DhcpTiming& timing, const std::atomic<bool>& cancel,
                            const std::atomic<bool>* others_done);

class LanProbe;
/// "dhcp" as a scan probe (stretches its window; see LanProbe::stretches).
std::unique_ptr<LanProbe> MakeDhcpProbe();

}  // namespace netfix::probe
