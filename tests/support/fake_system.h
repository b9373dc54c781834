// A whole fake io::System for RunScanWith: a configured host, files, and
// factories for the LAN, ICMP and DNS fakes. It tells real time (RunScanWith
// waits for its deadline in real time), so keep the fakes' delays small.
#pragma once

#include <functional>
#include <map>
#include <mutex>

#include "io/system.h"
#include "support/fake_http.h"
#include "support/fake_lan.h"
#include "support/fake_load.h"
#include "support/fake_multicast.h"
#include "support/fake_nl80211.h"
#include "support/fake_segment.h"
#include "support/fake_sockets.h"

namespace netfix::testing {

class FakeSystem final : public io::System {
 public:
  FakeSystem() = default;
  /// On simulated time: for one probe thread at a time (a fake's wait moves
  /// the clock for everyone).
  explicit FakeSystem(const TestClock& clock) : clock_(clock) {}
  TestClock& test_clock() { return clock_; }

  const io::Clock& clock() const override { return clock_; }
  std::string WallClockNow() const override { return "2024-05-01T12:00:00Z"; }
  io::HostFacts ReadHostFacts() override { return facts; }
  io::Result<io::NetworkConfig> ReadNetworkConfig() override {
    if (network_error) return *network_error;
    return network;
  }
  io::Result<std::string> ReadFile(const std::string& path) override {
    std::lock_guard lock(mutex_);
    if (auto error = file_errors.find(path); error != file_errors.end()) return error->second;
    auto it = files.find(path);
    if (it == files.end())
      return io::Error{io::ErrorKind::kNotFound,
                       "cannot read " + path + ": No such file or directory"};
    return it->second;
  }
  /// The ARP sweep's capture ("arp") is a FakeLan with `hosts`; every other
  /// capture is a port of segment().
  io::Result<std::unique_ptr<io::PacketIo>> OpenPacketIo(const std::string& interface,
                                                         const std::string& filter) override {
    if (packet_error) return *packet_error;
    {
      std::lock_guard lock(mutex_);
      if (auto error = capture_errors.find(filter); error != capture_errors.end())
        return error->second;
    }
    (void)interface;
    if (filter != io::kArpFilter) return segment_->Open(filter);
    auto lan = std::make_unique<FakeLan>(clock_);
    for (const auto& host : hosts) lan->AddHost(host);
    return std::unique_ptr<io::PacketIo>(std::move(lan));
  }
  /// The Ethernet segment behind every capture but the ARP sweep's.
  FakeSegment& segment() { return *segment_; }
  io::Result<std::unique_ptr<io::IcmpSocket>> OpenIcmpSocket(io::IcmpSocketKind kind) override {
    auto error = kind == io::IcmpSocketKind::kRaw ? raw_icmp_error : dgram_icmp_error;
    if (error) return *error;
    auto socket = std::make_unique<FakeIcmpSocket>(clock_, kind, ping_responder, ping_delay);
    for (const auto& a : more_ping_responders) socket->also_answer.push_back(*wire::ParseIpv4(a));
    return std::unique_ptr<io::IcmpSocket>(std::move(socket));
  }
  io::Result<std::unique_ptr<io::DatagramSocket>> OpenUdpSocket(const std::string& address,
                                                                std::uint16_t) override {
    std::lock_guard lock(mutex_);
    auto it = dns_servers.find(address);
    DnsServerFn server = it != dns_servers.end() ? it->second : [](const wire::DnsMessage&, int) {
      return std::vector<FakeDnsReply>();
    };
    auto socket = std::make_unique<FakeDnsSocket>(clock_, server);
    socket->stall = udp_stall;
    return std::unique_ptr<io::DatagramSocket>(std::move(socket));
  }

  io::Result<std::unique_ptr<io::MulticastSocket>> OpenMulticastSocket(
      const io::MulticastSocketOptions& options) override {
    std::lock_guard lock(mutex_);
    multicast_opened.push_back(options);
    if (multicast_error) return *multicast_error;
    auto socket = std::make_unique<FakeMulticastSocket>(clock_, multicast_responder, multicast_log);
    socket->fail_sends = multicast_fail_sends;
    return std::unique_ptr<io::MulticastSocket>(std::move(socket));
  }
  /// Round trips: `udp_responder` answers every datagram; without one, the
  /// resolvers of `dns_servers` answer DNS on port 53.
  io::Result<std::unique_ptr<io::UdpProbeSocket>> OpenUdpProbeSocket(const std::string& address,
                                                                     std::uint16_t port) override {
    std::lock_guard lock(mutex_);
    if (udp_probe_error) return *udp_probe_error;
    UdpResponderFn responder = udp_responder;
    auto dns = dns_servers.find(address);
    if (!responder && port == 53 && dns != dns_servers.end())
      responder = [server = dns->second](const std::string&, std::uint16_t,
                                         const std::vector<std::uint8_t>& datagram) {
        std::vector<FakeUdpReply> out;
        auto query = wire::ParseDnsMessage(datagram);
        if (!query || query->questions.empty()) return out;
        for (auto& reply : server(*query, 1)) out.push_back({reply.delay, reply.datagram, {}});
        return out;
      };
    return std::unique_ptr<io::UdpProbeSocket>(
        std::make_unique<FakeUdpProbeSocket>(clock_, address, port, responder));
  }
  io::Result<std::unique_ptr<io::TcpConnector>> OpenTcpConnector(const std::string& address,
                                                                 std::uint16_t port) override {
    return std::unique_ptr<io::TcpConnector>(
        std::make_unique<FakeTcpConnector>(clock_, address, port, tcp_responder));
  }
  io::Result<std::unique_ptr<io::GroupMembership>> JoinMulticastGroup(
      const io::MulticastSocketOptions& where, const std::string& group) override {
    if (join_error) return *join_error;
    return std::unique_ptr<io::GroupMembership>(
        std::make_unique<FakeGroupMembership>(where, group, membership_hook));
  }
  std::unique_ptr<io::HttpClient> MakeHttpClient() override {
    return std::make_unique<FakeHttpClient>(http, clock_);
  }
  /// The speed and peer probes' transfers: `load` decides each run.
  std::unique_ptr<io::LoadGenerator> MakeLoadGenerator() override {
    return std::make_unique<FakeLoadGenerator>(load, clock_);
  }
  /// A FakeNl80211Socket on `nl80211`; without one, the kernel has no nl80211.
  io::Result<std::unique_ptr<io::Nl80211Socket>> OpenNl80211() override {
    if (nl80211_error) return *nl80211_error;
    if (!nl80211)
      return io::Error{io::ErrorKind::kNotFound, "nl80211 is not available: Object not found"};
    return std::unique_ptr<io::Nl80211Socket>(std::make_unique<FakeNl80211Socket>(nl80211, clock_));
  }

  // The configuration; set it before the scan starts.
  io::HostFacts facts{"testhost", "Linux 6.1.0-test", true};
  io::NetworkConfig network;
  std::optional<io::Error> network_error;
  std::map<std::string, std::string> files;
  std::map<std::string, io::Error> file_errors;
  std::vector<FakeHost> hosts;
  std::optional<io::Error> packet_error;
  std::map<std::string, io::Error> capture_errors;  ///< by capture filter
  std::optional<io::Error> raw_icmp_error;
  std::optional<io::Error> dgram_icmp_error;
  std::string ping_responder = "192.168.1.1";
  std::vector<std::string> more_ping_responders;  ///< answer echo requests too
  FakeIcmpSocket::DelayFn ping_delay = [](int) -> std::optional<io::Duration> {
    return std::chrono::microseconds(300);
  };
  std::map<std::string, DnsServerFn> dns_servers;
  io::Duration udp_stall{};  ///< see FakeDnsSocket::stall
  /// SSDP and mDNS: every device on the link, answering what is sent.
  MulticastResponder multicast_responder;
  std::optional<io::Error> multicast_error;
  bool multicast_fail_sends = false;
  std::shared_ptr<FakeMulticastLog> multicast_log = std::make_shared<FakeMulticastLog>();
  std::vector<io::MulticastSocketOptions> multicast_opened;  ///< guarded by the fake's mutex
  /// Round trips (latency probe): UDP and TCP answers; ICMP is ping_responder.
  UdpResponderFn udp_responder;
  std::optional<io::Error> udp_probe_error;
  TcpResponderFn tcp_responder;
  /// Group membership (IGMP querier test).
  MembershipHook membership_hook;
  std::optional<io::Error> join_error;
  /// The devices' web servers (UPnP descriptions, SOAP).
  std::shared_ptr<FakeHttpServer> http = std::make_shared<FakeHttpServer>();
  /// The speed test servers (load transfers).
  std::shared_ptr<FakeLoadServer> load = std::make_shared<FakeLoadServer>();
  /// The kernel's Wi-Fi (the Wi-Fi probe); null: no nl80211.
  std::shared_ptr<FakeNl80211> nl80211;
  std::optional<io::Error> nl80211_error;

 private:
  mutable TestClock clock_ = TestClock::Real();
  std::mutex mutex_;
  std::shared_ptr<FakeSegment> segment_ = std::make_shared<FakeSegment>(clock_);
};

}  // namespace netfix::testing
