#include "io/peer_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "io/incompressible.h"
namespace netfix::io {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;
// Bytes one connection may send or read per wake-up, so that one fast
// stream cannot starve the others (or the echo responder).
constexpr long long kBytesPerWake = 1 << 20;
constexpr int kDatagramsPerWake = 64;
constexpr int kAcceptsPerWake = 16;
constexpr int kPollMs = 100;
constexpr std::size_t kMaxEchoBytes = 64;

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string ResponseHead(int status, const char* reason, const char* type, long long length,
                         bool keep_alive) {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nServer: netfix-serve\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(length) +
         "\r\nCache-Control: no-store\r\nConnection: " + (keep_alive ? "keep-alive" : "close") +
         "\r\n\r\n";
}

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
};

bool MakeAddress(const std::string& text, int port, Address* out) {
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out->storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out->storage);
  if (::inet_pton(AF_INET, text.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<std::uint16_t>(port));
    out->length = sizeof(sockaddr_in);
    out->family = AF_INET;
    return true;
  }
  out->storage = {};
  if (::inet_pton(AF_INET6, text.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<std::uint16_t>(port));
    out->length = sizeof(sockaddr_in6);
    out->family = AF_INET6;
    return true;
  }
  return false;
}

std::string Where(const std::string& bind, int port) {
  return (bind.find(':') != std::string::npos ? "[" + bind + "]" : bind) + ":" +
         std::to_string(port);
}

struct Connection {
  enum class State { kHead, kBody, kRespond };
  Fd fd;
  State state = State::kHead;
  std::string in;  // unparsed bytes: the head, or the next request
  std::string out;
  std::size_t out_at = 0;
  long long stream_left = 0;  // download body still to send
  std::size_t pattern_at = 0;
  long long body_left = 0;  // upload body still to read
  long long body_total = 0;
  bool keep_alive = true;
  bool close_after = false;
  bool closed = false;
  TimePoint last_activity;
};

}  // namespace

PeerRoute RoutePeerRequest(const wire::HttpRequestHead& head, const PeerServerLimits& limits) {
  using Kind = PeerRoute::Kind;
  if (head.method == "GET" && head.path == "/") return {Kind::kInfo, 0};
  if (head.method == "GET" && head.path == "/download") {
    auto value = wire::QueryParameter(head.query, "bytes");
    if (!value || value->empty() || value->size() > 18 ||
        !std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; }))
      return {Kind::kBadRequest, 0};
    return {Kind::kDownload, std::min(std::stoll(*value), limits.max_download_bytes)};
  }
  if (head.method == "POST" && head.path == "/upload") {
    if (head.chunked || !head.content_length) return {Kind::kLengthRequired, 0};
    if (*head.content_length > limits.max_upload_bytes) return {Kind::kTooLarge, 0};
    return {Kind::kUpload, *head.content_length};
  }
  return {Kind::kNotFound, 0};
}

bool IsEchoRequest(const void* data, std::size_t size) {
  return size >= 4 && size <= kMaxEchoBytes && std::memcmp(data, "NFXE", 4) == 0;
}

struct PeerServer::Impl {
  PeerServerOptions options;
  Fd listener;
  Fd udp;
  int port = 0;
  std::vector<std::unique_ptr<Connection>> connections;
  PeerServerStats stats;
  double tokens = 0;
  TimePoint refilled = SteadyClock::now();

  void Run(const std::function<bool()>& stopped, std::optional<TimePoint> until) {
    std::vector<pollfd> fds;
    for (long long wake = 0; wake < (1LL << 40); ++wake) {
      if (stopped && stopped()) return;
      TimePoint now = SteadyClock::now();
      if (until && now >= *until) return;
      int timeout = kPollMs;
      if (until)
        timeout = static_cast<int>(std::clamp<long long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(*until - now).count() + 1, 1,
            kPollMs));
      fds.clear();
      fds.push_back({listener.get(), POLLIN, 0});
      fds.push_back({udp.get(), POLLIN, 0});
      for (const auto& c : connections) {
        short events = 0;
        if (c->state != Connection::State::kRespond) events |= POLLIN;
        if (c->out_at < c->out.size() || c->stream_left > 0) events |= POLLOUT;
        fds.push_back({c->fd.get(), events, 0});
      }
      if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) return;
      now = SteadyClock::now();
      for (std::size_t i = 0; i < connections.size(); ++i) {
        Connection& c = *connections[i];
        short revents = fds[i + 2].revents;
        if (revents & (POLLERR | POLLNVAL)) {
          c.closed = true;
          continue;
        }
        if (revents & (POLLIN | POLLHUP)) Read(c, now);
        if (!c.closed && (revents & POLLOUT)) Write(c, now);
        if (!c.closed && now - c.last_activity > options.limits.idle_timeout) c.closed = true;
      }
      std::erase_if(connections, [](const auto& c) { return c->closed; });
      if (fds[0].revents & POLLIN) Accept(now);
      if (fds[1].revents & POLLIN) Echo(now);
    }
  }

  void Accept(TimePoint now) {
    for (int i = 0; i < kAcceptsPerWake; ++i) {
      Fd fd(::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
      if (!fd.valid()) return;
      if (static_cast<int>(connections.size()) >= options.limits.max_connections) {
        static const char kBusy[] =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        (void)::send(fd.get(), kBusy, sizeof kBusy - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        continue;
      }
      auto c = std::make_unique<Connection>();
      c->fd = std::move(fd);
      c->last_activity = now;
      connections.push_back(std::move(c));
      ++stats.connections;
    }
  }

  void Echo(TimePoint now) {
    const double rate = std::max(1, options.limits.echoes_per_second);
    tokens = std::min(rate, tokens + rate * std::chrono::duration<double>(now - refilled).count());
    refilled = now;
    for (int i = 0; i < kDatagramsPerWake; ++i) {
      unsigned char datagram[512];
      sockaddr_storage from{};
      socklen_t from_length = sizeof from;
      ssize_t n = ::recvfrom(udp.get(), datagram, sizeof datagram, MSG_DONTWAIT,
                             reinterpret_cast<sockaddr*>(&from), &from_length);
      if (n < 0) return;
      if (!IsEchoRequest(datagram, static_cast<std::size_t>(n)) || tokens < 1) continue;
      tokens -= 1;
      if (::sendto(udp.get(), datagram, static_cast<std::size_t>(n), MSG_DONTWAIT,
                   reinterpret_cast<sockaddr*>(&from), from_length) == n)
        ++stats.echoes;
    }
  }

  void Read(Connection& c, TimePoint now) {
    char buffer[kReadChunk];
    for (long long got = 0; got < kBytesPerWake && !c.closed;) {
      if (c.state == Connection::State::kRespond) return;  // the next request waits
      ssize_t n = ::recv(c.fd.get(), buffer, sizeof buffer, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        c.closed = true;
        return;
      }
      if (n < 0) return;
      got += n;
      c.last_activity = now;
      stats.bytes_received += n;
      if (c.state == Connection::State::kBody) {
        long long take = std::min<long long>(n, c.body_left);
        c.body_left -= take;
        c.in.append(buffer + take, static_cast<std::size_t>(n - take));
        if (c.body_left == 0) UploadDone(c);
      } else {
        c.in.append(buffer, static_cast<std::size_t>(n));
        Process(c);
      }
    }
  }

  void Write(Connection& c, TimePoint now) {
    const auto& pattern = IncompressibleBlock();
    for (long long sent = 0; sent < kBytesPerWake;) {
      ssize_t n = 0;
      if (c.out_at < c.out.size()) {
        n = ::send(c.fd.get(), c.out.data() + c.out_at, c.out.size() - c.out_at,
                   MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) c.out_at += static_cast<std::size_t>(n);
      } else if (c.stream_left > 0) {
        std::size_t chunk = static_cast<std::size_t>(std::min<long long>(
            c.stream_left, static_cast<long long>(pattern.size() - c.pattern_at)));
        n = ::send(c.fd.get(), pattern.data() + c.pattern_at, chunk, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
          c.stream_left -= n;
          c.pattern_at = (c.pattern_at + static_cast<std::size_t>(n)) % pattern.size();
        }
      } else {
        break;
      }
      if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) c.closed = true;
        break;
      }
      sent += n;
      stats.bytes_sent += n;
      c.last_activity = now;
    }
    if (c.closed || c.out_at < c.out.size() || c.stream_left > 0) return;
    c.out.clear();
    c.out_at = 0;
    if (c.state != Connection::State::kRespond) return;  // "100 Continue" went out
    if (c.close_after) {
      ::shutdown(c.fd.get(), SHUT_WR);
      c.closed = true;
      return;
    }
    c.state = Connection::State::kHead;
    Process(c);  // a pipelined request may be waiting
  }

  void Respond(Connection& c, int status, const char* reason, const nlohmann::json& body,
               bool close) {
    std::string text = Dump(body);
    c.close_after = close || !c.keep_alive;
    c.out += ResponseHead(status, reason, "application/json", static_cast<long long>(text.size()),
                          !c.close_after) +
             text;
    c.state = Connection::State::kRespond;
  }

  void Process(Connection& c) {
    if (c.state != Connection::State::kHead || c.in.empty()) return;
    wire::HeadParse parse = wire::ParseHttpRequestHead(c.in, options.limits.max_head_bytes);
    if (parse.status == wire::HeadStatus::kIncomplete) return;
    ++stats.requests;
    if (parse.status == wire::HeadStatus::kTooLarge) {
      c.in.clear();
      return Respond(c, 431, "Request Header Fields Too Large",
                     {{"error", "request head too large"}}, true);
    }
    if (parse.status == wire::HeadStatus::kBad) {
      c.in.clear();
      return Respond(c, 400, "Bad Request", {{"error", parse.error}}, true);
    }
    const wire::HttpRequestHead& head = parse.head;
    c.in.erase(0, head.head_bytes);
    c.keep_alive = head.keep_alive;
    // A body netfix does not read would be taken for the next request.
    bool unread_body = head.chunked || head.content_length.value_or(0) > 0;
    PeerRoute route = RoutePeerRequest(head, options.limits);
    using Kind = PeerRoute::Kind;
    switch (route.kind) {
      case Kind::kInfo:
        return Respond(
            c, 200, "OK",
            {{"service", kPeerServiceName}, {"version", options.version}, {"udp_echo", true}},
            unread_body);
      case Kind::kDownload:
        c.close_after = !c.keep_alive || unread_body;
        c.out += ResponseHead(200, "OK", "application/octet-stream", route.bytes, !c.close_after);
        c.stream_left = route.bytes;
        c.state = Connection::State::kRespond;
        return;
      case Kind::kUpload: {
        c.state = Connection::State::kBody;
        c.body_total = c.body_left = route.bytes;
        if (head.expect_continue) c.out += "HTTP/1.1 100 Continue\r\n\r\n";
        long long take = std::min<long long>(static_cast<long long>(c.in.size()), c.body_left);
        c.in.erase(0, static_cast<std::size_t>(take));
        c.body_left -= take;
        if (c.body_left == 0) UploadDone(c);
        return;
      }
      case Kind::kNotFound:
        return Respond(c, 404, "Not Found", {{"error", "not found"}}, unread_body);
      case Kind::kBadRequest:
        return Respond(c, 400, "Bad Request", {{"error", "/download needs ?bytes=N"}}, true);
      case Kind::kLengthRequired:
        return Respond(c, 411, "Length Required", {{"error", "an upload needs Content-Length"}},
                       true);
      case Kind::kTooLarge:
        return Respond(c, 413, "Content Too Large", {{"error", "upload too large"}}, true);
    }
  }

  void UploadDone(Connection& c) {
    Respond(c, 200, "OK", {{"service", kPeerServiceName}, {"bytes", c.body_total}}, false);
  }
};

PeerServer::PeerServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PeerServer::~PeerServer() = default;

int PeerServer::port() const {
  return impl_->port;
}

void PeerServer::Run(const std::function<bool()>& stopped, std::optional<TimePoint> until) {
  impl_->Run(stopped, until);
}

PeerServerStats PeerServer::stats() const {
  return impl_->stats;
}

Result<std::unique_ptr<PeerServer>> OpenPeerServer(const PeerServerOptions& options) {
  Address address;
  if (!MakeAddress(options.bind, options.port, &address))
    return Error{ErrorKind::kOther, "cannot listen on " + Where(options.bind, options.port) +
                                        ": not a numeric IPv4 or IPv6 address"};
  // With port 0 the kernel picks the TCP port; the UDP socket then needs the
  // same number, which may be taken: try a few.
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto impl = std::make_unique<PeerServer::Impl>();
    impl->options = options;
    impl->listener = Fd(::socket(address.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!impl->listener.valid()) return ErrnoError("cannot open a TCP socket", errno);
    int one = 1;
    ::setsockopt(impl->listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    Address tcp = address;
    if (::bind(impl->listener.get(), reinterpret_cast<sockaddr*>(&tcp.storage), tcp.length) != 0 ||
        ::listen(impl->listener.get(), 64) != 0)
      return ErrnoError("cannot listen on " + Where(options.bind, options.port) + " (TCP)", errno);
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(impl->listener.get(), reinterpret_cast<sockaddr*>(&bound), &length);
    impl->port =
        ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                          : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    impl->udp = Fd(::socket(address.family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!impl->udp.valid()) return ErrnoError("cannot open a UDP socket", errno);
    Address udp;
    MakeAddress(options.bind, impl->port, &udp);
    if (::bind(impl->udp.get(), reinterpret_cast<sockaddr*>(&udp.storage), udp.length) != 0) {
      if (options.port == 0 && errno == EADDRINUSE) continue;
      return ErrnoError("cannot listen on " + Where(options.bind, impl->port) + " (UDP)", errno);
    }
    impl->tokens = options.limits.echoes_per_second;
    return std::make_unique<PeerServer>(std::move(impl));
  }
  return Error{ErrorKind::kOther, "cannot find a free port for TCP and UDP on " + options.bind};
}

}  // namespace netfix::io
