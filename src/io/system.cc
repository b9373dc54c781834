#include "io/system.h"

#include <cerrno>
#include <fstream>
#include <sstream>

namespace netfix::io {

namespace {

constexpr std::chrono::milliseconds kNetlinkTimeout{2000};
constexpr std::size_t kMaxFileBytes = 64 << 20;  // oui.csv is ~3 MB

class RealSystem final : public System {
 public:
  const Clock& clock() const override { return RealClock(); }
  std::string WallClockNow() const override {
    return FormatRfc3339Utc(std::chrono::system_clock::now());
  }
  HostFacts ReadHostFacts() override { return io::ReadHostFacts(); }
  Result<NetworkConfig> ReadNetworkConfig() override {
    return ReadKernelNetworkConfig(kNetlinkTimeout);
  }
  Result<std::string> ReadFile(const std::string& path) override {
    std::ifstream in(path, std::ios::binary);
    if (!in) return ErrnoError("cannot read " + path, errno ? errno : ENOENT);
    std::ostringstream text;
    text << in.rdbuf();
    std::string out = text.str();
    if (out.size() > kMaxFileBytes) return Error{ErrorKind::kOther, path + " is too large"};
    return out;
  }
  Result<std::unique_ptr<PacketIo>> OpenPacketIo(const std::string& interface,
                                                 const std::string& filter) override {
    return OpenPcapPacketIo(interface, filter);
  }
  Result<std::unique_ptr<IcmpSocket>> OpenIcmpSocket(IcmpSocketKind kind) override {
    return io::OpenIcmpSocket(kind);
  }
  Result<std::unique_ptr<DatagramSocket>> OpenUdpSocket(const std::string& address,
                                                        std::uint16_t port) override {
    return io::OpenUdpSocket(address, port);
  }
  Result<std::unique_ptr<MulticastSocket>> OpenMulticastSocket(
      const MulticastSocketOptions& options) override {
    return io::OpenMulticastSocket(options);
  }
  Result<std::unique_ptr<UdpProbeSocket>> OpenUdpProbeSocket(const std::string& ipv4,
                                                             std::uint16_t port) override {
    return io::OpenUdpProbeSocket(ipv4, port);
  }
  Result<std::unique_ptr<TcpConnector>> OpenTcpConnector(const std::string& ipv4,
                                                         std::uint16_t port) override {
    return io::OpenTcpConnector(ipv4, port);
  }
  Result<std::unique_ptr<GroupMembership>> JoinMulticastGroup(const MulticastSocketOptions& where,
                                                              const std::string& group) override {
    return io::JoinMulticastGroup(where, group);
  }
  std::unique_ptr<HttpClient> MakeHttpClient() override { return MakeCurlHttpClient(); }
  std::unique_ptr<LoadGenerator> MakeLoadGenerator() override { return MakeCurlLoadGenerator(); }
  Result<std::unique_ptr<Nl80211Socket>> OpenNl80211() override {
    return OpenNl80211Socket(SteadyClock::now() + kNetlinkTimeout);
  }
};

}  // namespace

std::unique_ptr<System> MakeRealSystem() {
  return std::make_unique<RealSystem>();
}

}  // namespace netfix::io
