// An unconnected UDP socket for multicast discovery (SSDP M-SEARCH, mDNS
// legacy unicast queries): it sends to a group on one interface and
// receives the unicast answers of every responder, with their addresses.
// No privileges needed: an ephemeral port, IP_MULTICAST_IF by index.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/result.h"

namespace netfix::io {

struct MulticastSocketOptions {
  std::string interface;  ///< for messages only
  int interface_index = 0;
  std::string local_ipv4;  ///< the interface's address: bound to, port 0
  int ttl = 2;             ///< IP_MULTICAST_TTL (SSDP: 2, mDNS: 255)
};

struct ReceivedDatagram {
  std::vector<std::uint8_t> bytes;
  std::string from_ip;
  std::uint16_t from_port = 0;
  TimePoint at;
};

class MulticastSocket {
 public:
  virtual ~MulticastSocket() = default;
  /// To a group (or any IPv4 address) and port.
  virtual Result<void> SendTo(const std::string& ipv4, std::uint16_t port,
                              std::span<const std::uint8_t> datagram) = 0;
  /// The next datagram, or nullopt when `until` passed first.
  virtual Result<std::optional<ReceivedDatagram>> Receive(TimePoint until) = 0;
};

Result<std::unique_ptr<MulticastSocket>> OpenMulticastSocket(const MulticastSocketOptions& options);

/// This host's membership in a multicast group on one interface (a UDP
/// socket with IP_ADD_MEMBERSHIP; no privileges needed). Joining makes the
/// kernel send an IGMP report, leaving an IGMP leave (v2) or state change
/// report (v3); in between the kernel answers queries for the group. The
/// group's Ethernet address stays on the NIC's filter until the object is
/// destroyed (through a second group that maps to it), so that a capture
/// still hears what is sent to the group after Leave().
class GroupMembership {
 public:
  virtual ~GroupMembership() = default;  ///< leaves, if Leave() was not called
  virtual Result<void> Leave() = 0;
};

/// Joins `group` on the interface `where` names (index and address).
Result<std::unique_ptr<GroupMembership>> JoinMulticastGroup(const MulticastSocketOptions& where,
                                                            const std::string& group);

}  // namespace netfix::io
