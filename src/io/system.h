// Every OS touchpoint the probes use, behind one interface: the real system
// for netfix, fakes for tests (tests/support/fake_system.h).
//
// Probes run on several threads at once; implementations must allow
// concurrent calls. Objects they return are used by one thread each.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "io/clock.h"
#include "io/host.h"
#include "io/http.h"
#include "io/load.h"
#include "io/multicast_socket.h"
#include "io/network_config.h"
#include "io/nl80211_socket.h"
#include "io/packet_io.h"
#include "io/result.h"
#include "io/sockets.h"

namespace netfix::io {

class System {
 public:
  virtual ~System() = default;

  virtual const Clock& clock() const = 0;
  /// RFC 3339 UTC wall-clock time, for the snapshot's started_at.
  virtual std::string WallClockNow() const = 0;
  virtual HostFacts ReadHostFacts() = 0;
  virtual Result<NetworkConfig> ReadNetworkConfig() = 0;
  /// A whole text file (resolv.conf, oui.csv). kNotFound when it is missing.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  /// Raw Ethernet frames on `interface`; the capture keeps only incoming
  /// frames that the BPF `filter` (pcap-filter(7) syntax) lets through. The
  /// ARP sweep asks for kArpFilter; the DHCP, IPv6 and passive probes for
  /// their own protocols.
  virtual Result<std::unique_ptr<PacketIo>> OpenPacketIo(const std::string& interface,
                                                         const std::string& filter) = 0;
  virtual Result<std::unique_ptr<IcmpSocket>> OpenIcmpSocket(IcmpSocketKind kind) = 0;
  virtual Result<std::unique_ptr<DatagramSocket>> OpenUdpSocket(const std::string& address,
                                                                std::uint16_t port) = 0;
  /// An unconnected UDP socket that sends to multicast groups on one
  /// interface and receives every unicast answer (SSDP, mDNS).
  virtual Result<std::unique_ptr<MulticastSocket>> OpenMulticastSocket(
      const MulticastSocketOptions& options) = 0;
  /// Round trips (latency probe): a UDP socket that also reports ICMP
  /// errors, and TCP connection attempts.
  virtual Result<std::unique_ptr<UdpProbeSocket>> OpenUdpProbeSocket(const std::string& ipv4,
                                                                     std::uint16_t port) = 0;
  virtual Result<std::unique_ptr<TcpConnector>> OpenTcpConnector(const std::string& ipv4,
                                                                 std::uint16_t port) = 0;
  /// This host joins `group` on one interface (the IGMP querier test).
  virtual Result<std::unique_ptr<GroupMembership>> JoinMulticastGroup(
      const MulticastSocketOptions& where, const std::string& group) = 0;
  /// An HTTP client for one thread (UPnP descriptions and SOAP).
  virtual std::unique_ptr<HttpClient> MakeHttpClient() = 0;
  /// Parallel load transfers for one thread (the speed and peer probes).
  virtual std::unique_ptr<LoadGenerator> MakeLoadGenerator() = 0;
  /// The kernel's Wi-Fi interface (the Wi-Fi probe). kNotFound when the
  /// kernel has no nl80211, i.e. no Wi-Fi driver.
  virtual Result<std::unique_ptr<Nl80211Socket>> OpenNl80211() = 0;
};

/// The machine netfix runs on.
std::unique_ptr<System> MakeRealSystem();

}  // namespace netfix::io
