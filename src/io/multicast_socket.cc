#include "io/multicast_socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "io/wait.h"

namespace netfix::io {

namespace {

constexpr std::size_t kMaxDatagram = 9000;
constexpr int kReceiveBuffer = 1 << 20;  // a burst of ~40 SSDP answers must fit

class LinuxMulticastSocket final : public MulticastSocket {
 public:
  LinuxMulticastSocket(UniqueFd fd, std::string interface)
      : fd_(std::move(fd)), interface_(std::move(interface)) {}

  Result<void> SendTo(const std::string& ipv4, std::uint16_t port,
                      std::span<const std::uint8_t> datagram) override {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    if (::inet_pton(AF_INET, ipv4.c_str(), &to.sin_addr) != 1)
      return Error{ErrorKind::kNotFound, "cannot send to '" + ipv4 + "': not an IPv4 address"};
    if (::sendto(fd_.get(), datagram.data(), datagram.size(), 0,
                 reinterpret_cast<const sockaddr*>(&to), sizeof to) < 0)
      return ErrnoError("cannot send to " + ipv4 + ":" + std::to_string(port) + " on " + interface_,
                        errno);
    return {};
  }

  Result<std::optional<ReceivedDatagram>> Receive(TimePoint until) override {
    for (int read = 0;; ++read) {
      if (read > 0 && SteadyClock::now() >= until) return std::optional<ReceivedDatagram>();
      auto readable = WaitReadable(fd_.get(), until);
      if (!readable.ok()) return readable.error();
      if (!*readable) return std::optional<ReceivedDatagram>();
      ReceivedDatagram out;
      out.bytes.resize(kMaxDatagram);
      sockaddr_in from{};
      socklen_t from_len = sizeof from;
      ssize_t n = ::recvfrom(fd_.get(), out.bytes.data(), out.bytes.size(), MSG_DONTWAIT,
                             reinterpret_cast<sockaddr*>(&from), &from_len);
      if (n < 0) {
        // ECONNREFUSED: an ICMP port unreachable for something we sent; not fatal here.
        if (errno == EAGAIN || errno == EINTR || errno == ECONNREFUSED) continue;
        return ErrnoError("cannot receive on " + interface_, errno);
      }
      out.bytes.resize(static_cast<std::size_t>(n));
      char text[INET_ADDRSTRLEN] = {};
      ::inet_ntop(AF_INET, &from.sin_addr, text, sizeof text);
      out.from_ip = text;
      out.from_port = ntohs(from.sin_port);
      out.at = SteadyClock::now();
      return std::optional<ReceivedDatagram>(std::move(out));
    }
  }

 private:
  UniqueFd fd_;
  std::string interface_;
};

class LinuxGroupMembership final : public GroupMembership {
 public:
  LinuxGroupMembership(UniqueFd fd, ip_mreqn request, std::string where)
      : fd_(std::move(fd)), request_(request), where_(std::move(where)) {}

  Result<void> Leave() override {
    if (left_) return {};
    left_ = true;
    if (::setsockopt(fd_.get(), IPPROTO_IP, IP_DROP_MEMBERSHIP, &request_, sizeof request_) != 0)
      return ErrnoError("cannot leave " + where_, errno);
    return {};
  }

 private:
  UniqueFd fd_;  // closing it leaves the group too
  ip_mreqn request_;
  std::string where_;
  bool left_ = false;
};

}  // namespace

Result<std::unique_ptr<MulticastSocket>> OpenMulticastSocket(
    const MulticastSocketOptions& options) {
  std::string where = " on '" + options.interface + "'";
  sockaddr_in local{};
  local.sin_family = AF_INET;
  if (::inet_pton(AF_INET, options.local_ipv4.c_str(), &local.sin_addr) != 1)
    return Error{ErrorKind::kNotFound, "cannot open a UDP socket" + where + ": no IPv4 address '" +
                                           options.local_ipv4 + "'"};
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return ErrnoError("cannot open a UDP socket" + where, errno);
  int buffer = kReceiveBuffer;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);  // best effort
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0)
    return ErrnoError("cannot bind a UDP socket to " + options.local_ipv4 + where, errno);
  ip_mreqn interface {};
  interface.imr_address = local.sin_addr;
  interface.imr_ifindex = options.interface_index;
  if (::setsockopt(fd.get(), IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) != 0)
    return ErrnoError("cannot send multicast" + where, errno);
  int ttl = options.ttl;
  if (::setsockopt(fd.get(), IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl) != 0)
    return ErrnoError("cannot set the multicast TTL" + where, errno);
  int loop = 1;  // responders on this host (avahi, a local media server) answer too
  ::setsockopt(fd.get(), IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop);
  return std::unique_ptr<MulticastSocket>(
      new LinuxMulticastSocket(std::move(fd), options.interface));
}

Result<std::unique_ptr<GroupMembership>> JoinMulticastGroup(const MulticastSocketOptions& where,
                                                            const std::string& group) {
  std::string place = group + " on '" + where.interface + "'";
  ip_mreqn request{};
  if (::inet_pton(AF_INET, group.c_str(), &request.imr_multiaddr) != 1)
    return Error{ErrorKind::kNotFound, "cannot join " + place + ": not an IPv4 address"};
  if (!where.local_ipv4.empty() &&
      ::inet_pton(AF_INET, where.local_ipv4.c_str(), &request.imr_address) != 1)
    return Error{ErrorKind::kNotFound,
                 "cannot join " + place + ": no IPv4 address '" + where.local_ipv4 + "'"};
  request.imr_ifindex = where.interface_index;
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return ErrnoError("cannot open a UDP socket to join " + place, errno);
  // Leaving takes the group's Ethernet address off the NIC's filter, and
  // the querier's answer to the leave goes to that address. A second group
  // with the same Ethernet address (IPv4 maps only the low 23 bits: flip
  // bit 23) keeps it on the filter until this membership is destroyed.
  // Best effort: without it, a NIC may drop the answer.
  ip_mreqn alias = request;
  reinterpret_cast<std::uint8_t*>(&alias.imr_multiaddr)[1] ^= 0x80;
  ::setsockopt(fd.get(), IPPROTO_IP, IP_ADD_MEMBERSHIP, &alias, sizeof alias);
  if (::setsockopt(fd.get(), IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) != 0)
    return ErrnoError("cannot join " + place, errno);
  return std::unique_ptr<GroupMembership>(new LinuxGroupMembership(std::move(fd), request, place));
}

}  // namespace netfix::io
