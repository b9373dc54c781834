// ICMP echo and UDP sockets with bounded waits (ppoll with a deadline; no
// call ever blocks without one).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/result.h"
#include "wire/addr.h"

namespace netfix::io {

enum class IcmpSocketKind {
  kRaw,       ///< SOCK_RAW: needs CAP_NET_RAW; sees every ICMP message
  kDatagram,  ///< SOCK_DGRAM "ping" socket: allowed by net.ipv4.ping_group_range
};

const char* MethodName(IcmpSocketKind kind);  ///< "icmp-raw" | "icmp-dgram"

struct IcmpReceived {
  wire::Ipv4 from = 0;
  std::uint8_t type = 0;
  std::uint8_t code = 0;
  std::uint16_t id = 0;  ///< on a datagram socket the kernel's identifier
  std::uint16_t sequence = 0;
  TimePoint at;  ///< when it was read
};

class IcmpSocket {
 public:
  virtual ~IcmpSocket() = default;
  virtual IcmpSocketKind kind() const = 0;
  virtual Result<void> SendEcho(wire::Ipv4 to, std::uint16_t id, std::uint16_t sequence,
                                std::span<const std::uint8_t> payload) = 0;
  /// The next parseable ICMP message, or nullopt when `until` passed first.
  virtual Result<std::optional<IcmpReceived>> Receive(TimePoint until) = 0;
};

Result<std::unique_ptr<IcmpSocket>> OpenIcmpSocket(IcmpSocketKind kind);

/// A connected UDP socket: the kernel delivers only datagrams from the peer,
/// and an ICMP port-unreachable from it surfaces as ECONNREFUSED.
class DatagramSocket {
 public:
  virtual ~DatagramSocket() = default;
  virtual Result<void> Send(std::span<const std::uint8_t> datagram) = 0;
  /// The next datagram, or nullopt when `until` passed first.
  virtual Result<std::optional<std::vector<std::uint8_t>>> Receive(TimePoint until) = 0;
};

/// `address` is numeric IPv4 or IPv6, optionally "fe80::1%eth0".
Result<std::unique_ptr<DatagramSocket>> OpenUdpSocket(const std::string& address,
                                                      std::uint16_t port);

}  // namespace netfix::io
