// The latency probe's sockets: UDP with the ICMP error queue, and TCP
// connection attempts timed to the handshake.
#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>

#include "io/sockets.h"
#include "io/wait.h"

namespace netfix::io {

namespace {

constexpr std::size_t kMaxDatagram = 4096;

std::optional<sockaddr_in> Ipv4Address(const std::string& ipv4, std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, ipv4.c_str(), &address.sin_addr) != 1) return std::nullopt;
  return address;
}

Error NotIpv4(const std::string& ipv4) {
  return Error{ErrorKind::kNotFound, "cannot use '" + ipv4 + "': not an IPv4 address"};
}

timespec Timeout(TimePoint until) {
  auto left = std::max(Duration::zero(), until - SteadyClock::now());
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
  return {static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
}

// Errors the kernel keeps from an earlier ICMP message and reports on the
// next call, whatever that call is.
bool IsIcmpErrno(int err) {
  return err == ECONNREFUSED || err == EHOSTUNREACH || err == ENETUNREACH || err == EHOSTDOWN ||
         err == ENONET || err == EPROTO;
}

class LinuxUdpProbeSocket final : public UdpProbeSocket {
 public:
  LinuxUdpProbeSocket(UniqueFd fd, std::string where)
      : fd_(std::move(fd)), where_(std::move(where)) {}

  Result<void> Send(std::span<const std::uint8_t> datagram) override {
    // A pending error belongs to an earlier datagram (it is also in the
    // error queue, where Receive finds it); the second try sends this one.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (::send(fd_.get(), datagram.data(), datagram.size(), 0) >= 0) return {};
      if (!IsIcmpErrno(errno) || attempt == 1) return ErrnoError("cannot send to " + where_, errno);
    }
    return {};
  }

  Result<std::optional<UdpProbeEvent>> Receive(TimePoint until) override {
    // Bounded: a flood of datagrams cannot keep us here past `until`.
    for (int read = 0;; ++read) {
      if (read > 0 && SteadyClock::now() >= until) return std::optional<UdpProbeEvent>();
      pollfd p{fd_.get(), POLLIN, 0};
      timespec timeout = Timeout(until);
      int n = ::ppoll(&p, 1, &timeout, nullptr);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError("poll", errno);
      }
      if (n == 0) return std::optional<UdpProbeEvent>();
      TimePoint at = SteadyClock::now();
      if (p.revents & POLLERR) {
        auto error = ReadErrorQueue(at);
        if (!error.ok()) return error.error();
        if (*error) return error;
      }
      if (!(p.revents & POLLIN)) continue;
      UdpProbeEvent event;
      event.at = at;
      event.bytes.resize(kMaxDatagram);
      ssize_t got = ::recv(fd_.get(), event.bytes.data(), event.bytes.size(), MSG_DONTWAIT);
      if (got < 0) {
        // An ICMP error's errno is reported once here too; the error queue
        // has the details, read on the next turn.
        if (errno == EAGAIN || errno == EINTR || IsIcmpErrno(errno)) continue;
        return ErrnoError("cannot receive from " + where_, errno);
      }
      event.bytes.resize(static_cast<std::size_t>(got));
      return std::optional<UdpProbeEvent>(std::move(event));
    }
  }

 private:
  Result<std::optional<UdpProbeEvent>> ReadErrorQueue(TimePoint at) {
    for (int i = 0; i < 64; ++i) {  // skips local errors (EMSGSIZE ...)
      UdpProbeEvent event;
      event.at = at;
      event.bytes.resize(kMaxDatagram);
      alignas(cmsghdr) char control[512];
      iovec iov{event.bytes.data(), event.bytes.size()};
      sockaddr_in name{};
      msghdr message{};
      message.msg_name = &name;
      message.msg_namelen = sizeof name;
      message.msg_iov = &iov;
      message.msg_iovlen = 1;
      message.msg_control = control;
      message.msg_controllen = sizeof control;
      ssize_t got = ::recvmsg(fd_.get(), &message, MSG_ERRQUEUE | MSG_DONTWAIT);
      if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) return std::optional<UdpProbeEvent>();
        return ErrnoError("cannot read ICMP errors for " + where_, errno);
      }
      event.bytes.resize(static_cast<std::size_t>(got));
      for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level != SOL_IP || c->cmsg_type != IP_RECVERR) continue;
        sock_extended_err extended{};
        if (c->cmsg_len < CMSG_LEN(sizeof extended)) continue;
        std::memcpy(&extended, CMSG_DATA(c), sizeof extended);
        if (extended.ee_origin != SO_EE_ORIGIN_ICMP) continue;
        IcmpErrorReport report;
        report.type = extended.ee_type;
        report.code = extended.ee_code;
        if (c->cmsg_len >= CMSG_LEN(sizeof extended + sizeof(sockaddr_in))) {
          sockaddr_in offender{};
          std::memcpy(&offender, CMSG_DATA(c) + sizeof extended, sizeof offender);
          if (offender.sin_family == AF_INET) {
            std::array<std::uint8_t, 4> bytes{};
            std::memcpy(bytes.data(), &offender.sin_addr, 4);
            report.offender = wire::Ipv4FromBytes(bytes);
          }
        }
        event.icmp_error = report;
        return std::optional<UdpProbeEvent>(std::move(event));
      }
    }
    return std::optional<UdpProbeEvent>();
  }

  UniqueFd fd_;
  std::string where_;
};

class LinuxTcpConnector final : public TcpConnector {
 public:
  LinuxTcpConnector(sockaddr_in peer, std::string where) : peer_(peer), where_(std::move(where)) {}

  Result<void> Start(int tag, TimePoint until) override {
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.valid()) return ErrnoError("cannot open a TCP socket for " + where_, errno);
    // Closing sends a reset: no TIME_WAIT here, no half-open connection there.
    linger reset{1, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    int rc = ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&peer_), sizeof peer_);
    if (rc == 0 || errno == ECONNREFUSED) {  // a local address answers at once
      ended_.push_back({tag, rc == 0 ? ConnectOutcome::kConnected : ConnectOutcome::kRefused,
                        SteadyClock::now(), ""});
      return {};
    }
    if (errno != EINPROGRESS) return ErrnoError("cannot connect to " + where_, errno);
    pending_.push_back({tag, std::move(fd), until});
    return {};
  }

  Result<std::optional<ConnectEnded>> Wait(TimePoint until) override {
    for (int turn = 0; turn < 1000000; ++turn) {
      if (!ended_.empty()) {
        ConnectEnded out = ended_.front();
        ended_.pop_front();
        return std::optional<ConnectEnded>(out);
      }
      TimePoint now = SteadyClock::now();
      TimePoint wake = until;
      for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->until <= now) {
          ended_.push_back({it->tag, ConnectOutcome::kTimedOut, now, ""});
          it = pending_.erase(it);
        } else {
          wake = std::min(wake, it->until);
          ++it;
        }
      }
      if (!ended_.empty()) continue;
      if (now >= until) return std::optional<ConnectEnded>();
      std::vector<pollfd> fds;
      for (const auto& a : pending_) fds.push_back({a.fd.get(), POLLOUT, 0});
      timespec timeout = Timeout(wake);
      int n = ::ppoll(fds.empty() ? nullptr : fds.data(), fds.size(), &timeout, nullptr);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError("poll", errno);
      }
      TimePoint at = SteadyClock::now();
      for (std::size_t i = fds.size(); i-- > 0;) {
        if (fds[i].revents == 0) continue;
        int err = 0;
        socklen_t len = sizeof err;
        if (::getsockopt(pending_[i].fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        ConnectEnded e{pending_[i].tag, ConnectOutcome::kConnected, at, ""};
        if (err == ECONNREFUSED) {
          e.outcome = ConnectOutcome::kRefused;
        } else if (err != 0) {
          e.outcome = ConnectOutcome::kFailed;
          e.error = ErrnoError("cannot connect to " + where_, err).message;
        }
        ended_.push_back(e);
        pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
      }
      // In the order they were started (the loop above went backwards).
      std::sort(ended_.begin(), ended_.end(),
                [](const ConnectEnded& a, const ConnectEnded& b) { return a.tag < b.tag; });
    }
    return std::optional<ConnectEnded>();
  }

 private:
  struct Attempt {
    int tag;
    UniqueFd fd;
    TimePoint until;
  };

  sockaddr_in peer_;
  std::string where_;
  std::vector<Attempt> pending_;
  std::deque<ConnectEnded> ended_;
};

}  // namespace

Result<std::unique_ptr<UdpProbeSocket>> OpenUdpProbeSocket(const std::string& ipv4,
                                                           std::uint16_t port) {
  auto address = Ipv4Address(ipv4, port);
  if (!address) return NotIpv4(ipv4);
  std::string where = ipv4 + ":" + std::to_string(port);
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return ErrnoError("cannot open a UDP socket for " + where, errno);
  int on = 1;
  if (::setsockopt(fd.get(), SOL_IP, IP_RECVERR, &on, sizeof on) != 0)
    return ErrnoError("cannot ask for ICMP errors on a UDP socket", errno);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&*address), sizeof *address) != 0)
    return ErrnoError("cannot reach " + where, errno);
  return std::unique_ptr<UdpProbeSocket>(new LinuxUdpProbeSocket(std::move(fd), where));
}

Result<std::unique_ptr<TcpConnector>> OpenTcpConnector(const std::string& ipv4,
                                                       std::uint16_t port) {
  auto address = Ipv4Address(ipv4, port);
  if (!address) return NotIpv4(ipv4);
  return std::unique_ptr<TcpConnector>(
      new LinuxTcpConnector(*address, ipv4 + ":" + std::to_string(port)));
}

}  // namespace netfix::io
