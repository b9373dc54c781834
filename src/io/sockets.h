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

/// An ICMP error that came back for a datagram we sent (IP_RECVERR).
struct IcmpErrorReport {
  wire::Ipv4 offender = 0;  ///< who sent the ICMP message
  std::uint8_t type = 0;
  std::uint8_t code = 0;
};

/// A datagram from the peer, or an ICMP error about one we sent.
struct UdpProbeEvent {
  /// The datagram; for an ICMP error, our datagram's payload as far as the
  /// error quotes it (often all of it, sometimes nothing).
  std::vector<std::uint8_t> bytes;
  std::optional<IcmpErrorReport> icmp_error;
  TimePoint at;  ///< when it was read
};

/// A connected UDP socket for round trips (latency probe): like
/// DatagramSocket, but it also reads ICMP errors from the socket's error
/// queue (IP_RECVERR, no privileges needed), with who sent them and which
/// datagram they are about, so that a closed port's "port unreachable"
/// is an answer.
class UdpProbeSocket {
 public:
  virtual ~UdpProbeSocket() = default;
  virtual Result<void> Send(std::span<const std::uint8_t> datagram) = 0;
  /// The next datagram or ICMP error, or nullopt when `until` passed first.
  virtual Result<std::optional<UdpProbeEvent>> Receive(TimePoint until) = 0;
};

Result<std::unique_ptr<UdpProbeSocket>> OpenUdpProbeSocket(const std::string& ipv4,
                                                           std::uint16_t port);

enum class ConnectOutcome {
  kConnected,  ///< SYN-ACK
  kRefused,    ///< RST: nothing listens, but the host answered
  kTimedOut,   ///< nothing by the attempt's deadline
  kFailed,     ///< anything else (an ICMP host unreachable from a router ...)
};

struct ConnectEnded {
  int tag = 0;  ///< as given to Start
  ConnectOutcome outcome = ConnectOutcome::kTimedOut;
  TimePoint at;       ///< when the answer was seen
  std::string error;  ///< kFailed: why
};

/// TCP connection attempts to one address and port, several in flight at
/// once (non-blocking connect). An attempt is closed as soon as it ends,
/// with a reset, so that neither side keeps state: only the handshake is
/// timed, nothing is sent.
class TcpConnector {
 public:
  virtual ~TcpConnector() = default;
  /// Starts an attempt that ends by `until` at the latest.
  virtual Result<void> Start(int tag, TimePoint until) = 0;
  /// The next attempt that ended (answered, failed or past its deadline),
  /// or nullopt when `until` passed first or none is in flight.
  virtual Result<std::optional<ConnectEnded>> Wait(TimePoint until) = 0;
};

Result<std::unique_ptr<TcpConnector>> OpenTcpConnector(const std::string& ipv4, std::uint16_t port);

}  // namespace netfix::io
