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

}  // namespace netfix::io
