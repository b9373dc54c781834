#include "io/sockets.h"

#include <linux/icmp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "io/wait.h"
#include "wire/icmp.h"

namespace netfix::io {

namespace {

constexpr std::size_t kMaxDatagram = 4096;

class LinuxIcmpSocket final : public IcmpSocket {
 public:
  LinuxIcmpSocket(UniqueFd fd, IcmpSocketKind kind) : fd_(std::move(fd)), kind_(kind) {}

  IcmpSocketKind kind() const override { return kind_; }

  Result<void> SendEcho(wire::Ipv4 to, std::uint16_t id, std::uint16_t sequence,
                        std::span<const std::uint8_t> payload) override {
    std::vector<std::uint8_t> message = wire::BuildEchoRequest(id, sequence, payload);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    auto bytes = wire::Ipv4ToBytes(to);
    std::memcpy(&address.sin_addr, bytes.data(), bytes.size());
    ssize_t n = ::sendto(fd_.get(), message.data(), message.size(), 0,
                         reinterpret_cast<const sockaddr*>(&address), sizeof address);
    if (n < 0) return ErrnoError("cannot send echo request to " + wire::FormatIpv4(to), errno);
    return {};
  }

  Result<std::optional<IcmpReceived>> Receive(TimePoint until) override {
    // Bounded: a flood of unrelated ICMP cannot keep us here past `until`.
    for (int read = 0;; ++read) {
      if (read > 0 && SteadyClock::now() >= until) return std::optional<IcmpReceived>();
      auto readable = WaitReadable(fd_.get(), until);
      if (!readable.ok()) return readable.error();
      if (!*readable) return std::optional<IcmpReceived>();
      std::uint8_t buffer[kMaxDatagram];
      sockaddr_in from{};
      socklen_t from_len = sizeof from;
      ssize_t n = ::recvfrom(fd_.get(), buffer, sizeof buffer, MSG_DONTWAIT,
                             reinterpret_cast<sockaddr*>(&from), &from_len);
      TimePoint at = SteadyClock::now();
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        return ErrnoError("cannot receive ICMP", errno);
      }
      std::span<const std::uint8_t> data(buffer, static_cast<std::size_t>(n));
      IcmpReceived out;
      out.at = at;
      if (kind_ == IcmpSocketKind::kRaw) {
        auto raw = wire::ParseRawIcmp(data);
        if (!raw) continue;
        out.from = raw->source;
        out.type = raw->icmp.type;
        out.code = raw->icmp.code;
        out.id = raw->icmp.id;
        out.sequence = raw->icmp.sequence;
      } else {
        auto icmp = wire::ParseIcmp(data);
        if (!icmp) continue;
        std::array<std::uint8_t, 4> source{};
        std::memcpy(source.data(), &from.sin_addr, 4);
        out.from = wire::Ipv4FromBytes(source);
        out.type = icmp->type;
        out.code = icmp->code;
        out.id = icmp->id;
        out.sequence = icmp->sequence;
      }
      return std::optional<IcmpReceived>(out);
    }
  }

 private:
  UniqueFd fd_;
  IcmpSocketKind kind_;
};

class LinuxUdpSocket final : public DatagramSocket {
 public:
  explicit LinuxUdpSocket(UniqueFd fd) : fd_(std::move(fd)) {}

  Result<void> Send(std::span<const std::uint8_t> datagram) override {
    if (::send(fd_.get(), datagram.data(), datagram.size(), 0) < 0)
      return ErrnoError("cannot send", errno);
    return {};
  }

  Result<std::optional<std::vector<std::uint8_t>>> Receive(TimePoint until) override {
    for (int read = 0;; ++read) {
      if (read > 0 && SteadyClock::now() >= until) break;
      auto readable = WaitReadable(fd_.get(), until);
      if (!readable.ok()) return readable.error();
      if (!*readable) return std::optional<std::vector<std::uint8_t>>();
      std::vector<std::uint8_t> buffer(kMaxDatagram);
      ssize_t n = ::recv(fd_.get(), buffer.data(), buffer.size(), MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        return ErrnoError("cannot receive", errno);
      }
      buffer.resize(static_cast<std::size_t>(n));
      return std::optional<std::vector<std::uint8_t>>(std::move(buffer));
    }
    return std::optional<std::vector<std::uint8_t>>();
  }

 private:
  UniqueFd fd_;
};

}  // namespace

const char* MethodName(IcmpSocketKind kind) {
  return kind == IcmpSocketKind::kRaw ? "icmp-raw" : "icmp-dgram";
}

Result<std::unique_ptr<IcmpSocket>> OpenIcmpSocket(IcmpSocketKind kind) {
  int type = kind == IcmpSocketKind::kRaw ? SOCK_RAW : SOCK_DGRAM;
  UniqueFd fd(::socket(AF_INET, type | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_ICMP));
  if (!fd.valid())
    return ErrnoError(std::string("cannot open ") +
                          (kind == IcmpSocketKind::kRaw ? "raw" : "unprivileged datagram") +
                          " ICMP socket",
                      errno);
  if (kind == IcmpSocketKind::kRaw) {
    // Only echo replies reach us; the rest of the host's ICMP traffic stays out.
    icmp_filter filter{};
    filter.data = ~(1u << ICMP_ECHOREPLY);
    setsockopt(fd.get(), SOL_RAW, ICMP_FILTER, &filter, sizeof filter);
  }
  return std::unique_ptr<IcmpSocket>(new LinuxIcmpSocket(std::move(fd), kind));
}

Result<std::unique_ptr<DatagramSocket>> OpenUdpSocket(const std::string& address,
                                                      std::uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  int rc = ::getaddrinfo(address.c_str(), service.c_str(), &hints, &found);
  if (rc != 0 || found == nullptr)
    return Error{ErrorKind::kNotFound,
                 "cannot use resolver address '" + address + "': " + gai_strerror(rc)};
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owner(found, &::freeaddrinfo);
  UniqueFd fd(::socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return ErrnoError("cannot open UDP socket for " + address, errno);
  if (::connect(fd.get(), found->ai_addr, found->ai_addrlen) != 0)
    return ErrnoError("cannot reach " + address, errno);
  return std::unique_ptr<DatagramSocket>(new LinuxUdpSocket(std::move(fd)));
}

}  // namespace netfix::io
