#include "probe/round_trip.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <random>

#include "wire/addr.h"
#include "wire/byte_reader.h"
#include "wire/dns.h"

namespace netfix::probe {

namespace {

using io::Duration;
using io::TimePoint;
using namespace std::chrono_literals;

constexpr Duration kSlice = 20ms;                // how often a wait looks at stopped()
constexpr std::uint16_t kClosedUdpPort = 33434;  // traceroute's first port: nobody listens
constexpr std::uint16_t kDnsPort = 53;
constexpr std::uint16_t kTcpPort = 80;
constexpr int kMaxConnectsInFlight = 64;  // each one is a file descriptor
constexpr char kClosedPortMagic[] = "NFXP";

std::uint16_t RandomId() {
  return static_cast<std::uint16_t>(std::random_device{}());
}

std::string IcmpErrorText(const io::IcmpErrorReport& e) {
  std::string what = e.type == 3 && e.code == 3    ? "port unreachable"
                     : e.type == 3 && e.code == 1  ? "host unreachable"
                     : e.type == 3 && e.code == 0  ? "network unreachable"
                     : e.type == 3 && e.code == 13 ? "administratively prohibited"
                     : e.type == 11
                         ? "time exceeded"
                         : "type " + std::to_string(e.type) + " code " + std::to_string(e.code);
  return "ICMP " + what + " from " + wire::FormatIpv4(e.offender);
}

// An answer to request `seq` (0-based; -1: to one of them, whichever is the
// oldest unanswered), seen at `at`.
struct Answer {
  int seq = -1;
  TimePoint at;
};
using MaybeAnswer = std::optional<Answer>;

// One way of asking the target, as the series loop below uses it.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual io::Result<void> Send(int seq) = 0;
  virtual io::Result<std::optional<Answer>> Receive(TimePoint until) = 0;
  /// Something the target or the path said that is not an answer (the
  /// first such thing), for the note.
  const std::string& remark() const { return remark_; }

 protected:
  void Remark(const std::string& text) {
    if (remark_.empty()) remark_ = text;
  }

 private:
  std::string remark_;
};

class IcmpTransport final : public Transport {
 public:
  IcmpTransport(std::unique_ptr<io::IcmpSocket> socket, wire::Ipv4 target)
      : socket_(std::move(socket)), target_(target), id_(RandomId()) {}

  io::Result<void> Send(int seq) override {
    static const std::uint8_t payload[] = {'n', 'e', 't', 'f', 'i', 'x', 0, 0,
                                           0,   0,   0,   0,   0,   0,   0, 0};
    return socket_->SendEcho(target_, id_, static_cast<std::uint16_t>(seq + 1), payload);
  }

  io::Result<std::optional<Answer>> Receive(TimePoint until) override {
    auto received = socket_->Receive(until);
    if (!received.ok()) return received.error();
    if (!*received) return MaybeAnswer();
    const io::IcmpReceived& r = **received;
    // A raw socket sees every echo reply of this host, also those of the
    // other targets' threads: ours carry our identifier.
    bool raw = socket_->kind() == io::IcmpSocketKind::kRaw;
    if (r.type != 0 || r.from != target_ || (raw && r.id != id_))
      return MaybeAnswer(Answer{-2, r.at});
    return MaybeAnswer(Answer{static_cast<int>(r.sequence) - 1, r.at});
  }

 private:
  std::unique_ptr<io::IcmpSocket> socket_;
  wire::Ipv4 target_;
  std::uint16_t id_;
};

enum class UdpKind { kDns, kClosedPort, kEcho };

class UdpTransport final : public Transport {
 public:
  UdpTransport(std::unique_ptr<io::UdpProbeSocket> socket, wire::Ipv4 target, UdpKind kind,
               std::string dns_name)
      : socket_(std::move(socket)),
        target_(target),
        kind_(kind),
        dns_name_(std::move(dns_name)),
        id_base_(RandomId()) {}

  io::Result<void> Send(int seq) override {
    std::vector<std::uint8_t> datagram;
    if (kind_ == UdpKind::kDns) {
      auto query = wire::BuildDnsQuery(static_cast<std::uint16_t>(id_base_ + seq), dns_name_,
                                       wire::kDnsTypeA);
      if (!query) return io::Error{io::ErrorKind::kOther, "cannot ask for '" + dns_name_ + "'"};
      datagram = std::move(*query);
    } else {
      wire::ByteWriter out;
      const char* magic = kind_ == UdpKind::kEcho ? kUdpEchoMagic : kClosedPortMagic;
      out.PutBytes({reinterpret_cast<const std::uint8_t*>(magic), 4});
      out.PutBe32(static_cast<std::uint32_t>(seq));
      out.PutZeros(24);
      datagram = out.Take();
    }
    return socket_->Send(datagram);
  }

  io::Result<std::optional<Answer>> Receive(TimePoint until) override {
    auto event = socket_->Receive(until);
    if (!event.ok()) return event.error();
    if (!*event) return MaybeAnswer();
    const io::UdpProbeEvent& e = **event;
    if (e.icmp_error) {
      const io::IcmpErrorReport& icmp = *e.icmp_error;
      bool unreachable_port = icmp.type == 3 && icmp.code == 3 && icmp.offender == target_;
      // From the target: its port is closed, an answer for the closed-port
      // method and for a resolver ("any answer"); for udp-echo it means
      // that netfix serve is not running there.
      if (!unreachable_port || kind_ == UdpKind::kEcho) {
        Remark(IcmpErrorText(icmp) + (unreachable_port ? " (nothing listens on this port)" : ""));
        return MaybeAnswer(Answer{-2, e.at});
      }
      return MaybeAnswer(Answer{SequenceOf(e.bytes).value_or(-1), e.at});
    }
    // The socket is connected: datagrams come from the target's port only.
    auto seq = SequenceOf(e.bytes);
    if (kind_ == UdpKind::kDns) {
      if (e.bytes.size() < 12 || !(e.bytes[2] & 0x80))
        return MaybeAnswer(Answer{-2, e.at});  // not a response
    } else if (kind_ == UdpKind::kEcho && !seq) {
      return MaybeAnswer(Answer{-2, e.at});
    }
    return MaybeAnswer(Answer{seq.value_or(-1), e.at});
  }

 private:
  // The request a datagram (or the quote of one in an ICMP error) belongs to.
  std::optional<int> SequenceOf(const std::vector<std::uint8_t>& bytes) const {
    if (kind_ == UdpKind::kDns) {
      if (bytes.size() < 2) return std::nullopt;
      std::uint16_t id = static_cast<std::uint16_t>(bytes[0] << 8 | bytes[1]);
      return static_cast<std::uint16_t>(id - id_base_);
    }
    const char* magic = kind_ == UdpKind::kEcho ? kUdpEchoMagic : kClosedPortMagic;
    if (bytes.size() < 8 || std::memcmp(bytes.data(), magic, 4) != 0) return std::nullopt;
    wire::ByteReader in(wire::Bytes(bytes.data() + 4, 4));
    std::uint32_t seq = in.ReadBe32();
    if (seq > 1000000) return std::nullopt;
    return static_cast<int>(seq);
  }

  std::unique_ptr<io::UdpProbeSocket> socket_;
  wire::Ipv4 target_;
  UdpKind kind_;
  std::string dns_name_;
  std::uint16_t id_base_;
};

class TcpTransport final : public Transport {
 public:
  TcpTransport(std::unique_ptr<io::TcpConnector> connector, const io::Clock& clock,
               Duration attempt_timeout)
      : connector_(std::move(connector)), clock_(clock), attempt_timeout_(attempt_timeout) {}

  io::Result<void> Send(int seq) override {
    return connector_->Start(seq, clock_.Now() + attempt_timeout_);
  }

  io::Result<std::optional<Answer>> Receive(TimePoint until) override {
    auto ended = connector_->Wait(until);
    if (!ended.ok()) return ended.error();
    if (!*ended) return MaybeAnswer();
    const io::ConnectEnded& e = **ended;
    switch (e.outcome) {
      case io::ConnectOutcome::kConnected:
      case io::ConnectOutcome::kRefused: return MaybeAnswer(Answer{e.tag, e.at});
      case io::ConnectOutcome::kFailed: Remark(e.error); break;
      case io::ConnectOutcome::kTimedOut: break;
    }
    return MaybeAnswer(Answer{-2, e.at});  // not an answer
  }

 private:
  std::unique_ptr<io::TcpConnector> connector_;
  const io::Clock& clock_;
  Duration attempt_timeout_;
};

struct Series {
  int sent = 0;
  std::vector<double> rtt_ms;
  int send_errors = 0;
  std::string first_send_error;
  std::optional<io::Error> error;
  bool cancelled = false;
};

// `count` requests `interval` apart, each answered in time when its answer
// comes within `reply_timeout`. Bounded by time: every wait has a deadline,
// and the last one is the final request's reply timeout.
Series RunSeries(Transport& transport, const io::Clock& clock, int count, Duration interval,
                 Duration reply_timeout, const std::function<bool()>& stopped,
                 bool until_first_answer = false) {
  Series out;
  std::vector<std::optional<TimePoint>> sent_at(static_cast<std::size_t>(count));
  std::vector<std::optional<double>> rtt(static_cast<std::size_t>(count));
  const TimePoint start = clock.Now();
  TimePoint last_sent = start;
  int next = 0;

  auto take = [&](const Answer& a) {
    int seq = a.seq;
    if (seq == -1) {  // the oldest one still waiting
      for (int i = 0; i < next && seq == -1; ++i)
        if (sent_at[i] && !rtt[i] && a.at - *sent_at[i] <= reply_timeout) seq = i;
    }
    if (seq < 0 || seq >= next || !sent_at[seq] || rtt[seq]) return;
    if (a.at - *sent_at[seq] > reply_timeout) return;  // too late to count
    rtt[seq] = std::max(0.0, io::MillisecondsBetween(*sent_at[seq], a.at));
  };
  auto all_answered = [&] {
    for (int i = 0; i < next; ++i)
      if (sent_at[i] && !rtt[i]) return false;
    return true;
  };

  for (int guard = 0; guard < 10000000; ++guard) {
    if (stopped()) {
      out.cancelled = true;
      // Requests still within their reply timeout are neither answered
      // nor lost: they do not count.
      TimePoint now = clock.Now();
      for (int i = 0; i < next; ++i)
        if (sent_at[i] && !rtt[i] && now - *sent_at[i] < reply_timeout) --out.sent;
      break;
    }
    TimePoint now = clock.Now();
    if (next < count && now >= start + interval * next) {
      // Timestamped before sending: on a fast link the answer can be queued
      // before send() even returns.
      TimePoint before = clock.Now();
      auto sent = transport.Send(next);
      ++out.sent;
      if (sent.ok()) {
        sent_at[next] = before;
      } else {
        ++out.send_errors;
        if (out.first_send_error.empty()) out.first_send_error = sent.error().message;
      }
      last_sent = clock.Now();
      ++next;
      continue;
    }
    TimePoint until = next < count ? start + interval * next : last_sent + reply_timeout;
    if (next >= count && (all_answered() || now >= until)) break;
    auto answer = transport.Receive(std::min(until, now + kSlice));
    if (!answer.ok()) {
      out.error = answer.error();
      break;
    }
    if (*answer) take(**answer);
    if (until_first_answer &&
        std::any_of(rtt.begin(), rtt.end(), [](const auto& r) { return r.has_value(); }))
      break;
  }
  for (const auto& r : rtt)
    if (r) out.rtt_ms.push_back(*r);
  return out;
}

// A method made ready for one target.
struct Opened {
  std::unique_ptr<Transport> transport;
  std::string method;  // model::PingResult::method
  int port = 0;
  Duration reply_timeout{};  // how long an answer may take with this method
  std::string error;         // could not open (then transport is null)
};

enum class Method { kIcmp, kUdp, kTcp, kUdpEcho };

std::string Describe(Method m, int port, bool resolver) {
  switch (m) {
    case Method::kIcmp: return "ICMP echo";
    case Method::kUdp:
      return resolver ? "a DNS query to port " + std::to_string(port)
                      : "UDP to closed port " + std::to_string(port);
    case Method::kTcp: return "TCP connect to port " + std::to_string(port);
    case Method::kUdpEcho: return "UDP echo to port " + std::to_string(port);
  }
  return "";
}

int PortFor(Method m, const RoundTripSpec& spec) {
  if (spec.port > 0 && spec.port <= 65535) return spec.port;
  switch (m) {
    case Method::kUdp: return spec.is_resolver ? kDnsPort : kClosedUdpPort;
    case Method::kTcp: return spec.is_resolver ? kDnsPort : kTcpPort;
    default: return 0;
  }
}

Opened Open(io::System& system, Method m, const RoundTripSpec& spec, wire::Ipv4 target,
            Duration interval, Duration reply_timeout) {
  Opened out;
  out.port = PortFor(m, spec);
  out.reply_timeout = reply_timeout;
  switch (m) {
    case Method::kIcmp: {
      auto socket = system.OpenIcmpSocket(io::IcmpSocketKind::kRaw);
      std::string raw_error = socket.ok() ? "" : socket.error().message;
      if (!socket.ok()) socket = system.OpenIcmpSocket(io::IcmpSocketKind::kDatagram);
      if (!socket.ok()) {
        out.error = raw_error + "; " + socket.error().message;
        return out;
      }
      out.method = io::MethodName((*socket)->kind());
      out.transport = std::make_unique<IcmpTransport>(std::move(*socket), target);
      return out;
    }
    case Method::kUdp:
    case Method::kUdpEcho: {
      if (out.port == 0) {
        out.error = "udp-echo needs the port of netfix serve";
        return out;
      }
      auto socket = system.OpenUdpProbeSocket(spec.target, static_cast<std::uint16_t>(out.port));
      if (!socket.ok()) {
        out.error = socket.error().message;
        return out;
      }
      UdpKind kind = m == Method::kUdpEcho ? UdpKind::kEcho
                     : spec.is_resolver    ? UdpKind::kDns
                                           : UdpKind::kClosedPort;
      out.method = m == Method::kUdpEcho ? "udp-echo" : "udp";
      out.transport = std::make_unique<UdpTransport>(
          std::move(*socket), target, kind, spec.dns_name.empty() ? "example.com" : spec.dns_name);
      return out;
    }
    case Method::kTcp: {
      auto connector = system.OpenTcpConnector(spec.target, static_cast<std::uint16_t>(out.port));
      if (!connector.ok()) {
        out.error = connector.error().message;
        return out;
      }
      // Attempts end by the next one's reply timeout at the latest, so
      // that no more than kMaxConnectsInFlight sockets are open at once.
      out.reply_timeout =
          std::min(reply_timeout, std::max<Duration>(interval * kMaxConnectsInFlight, 64ms));
      out.method = "tcp-connect";
      out.transport =
          std::make_unique<TcpTransport>(std::move(*connector), system.clock(), out.reply_timeout);
      return out;
    }
  }
  return out;
}

std::optional<std::vector<Method>> MethodsFor(const std::string& name, bool resolver) {
  if (name == "auto" || name.empty())
    return resolver ? std::vector<Method>{Method::kIcmp, Method::kUdp, Method::kTcp}
                    : std::vector<Method>{Method::kIcmp, Method::kTcp, Method::kUdp};
  if (name == "icmp") return std::vector<Method>{Method::kIcmp};
  if (name == "udp") return std::vector<Method>{Method::kUdp};
  if (name == "tcp") return std::vector<Method>{Method::kTcp};
  if (name == "udp-echo") return std::vector<Method>{Method::kUdpEcho};
  return std::nullopt;
}

}  // namespace

RoundTrips MeasureRoundTrips(io::System& system, const RoundTripSpec& spec,
                             const std::function<bool()>& stopped) {
  RoundTrips out;
  auto target = wire::ParseIpv4(spec.target);
  if (!target) {
    out.error = "'" + spec.target + "' is not an IPv4 address";
    return out;
  }
  auto methods = MethodsFor(spec.method, spec.is_resolver);
  if (!methods) {
    out.error = "unknown method '" + spec.method + "' (auto, icmp, udp, tcp or udp-echo)";
    return out;
  }
  const io::Clock& clock = system.clock();
  std::function<bool()> is_stopped = [&stopped] { return stopped && stopped(); };
  const int count = std::clamp(spec.count, 1, 1000);
  const Duration interval = std::max<Duration>(spec.interval, 1ms);
  const Duration reply_timeout = std::clamp<Duration>(spec.reply_timeout, 1ms, 60s);

  // Which method: the only one asked for, or the first of "auto" that
  // gets an answer to one of its trial requests.
  std::optional<Method> chosen;
  std::optional<Method> first_usable;
  std::vector<std::string> why;  // what happened to the methods tried before
  for (std::size_t i = 0; i < methods->size() && !chosen; ++i) {
    Method m = (*methods)[i];
    Opened opened = Open(system, m, spec, *target, interval, reply_timeout);
    std::string label = Describe(m, opened.port, spec.is_resolver);
    if (!opened.transport) {
      if (methods->size() == 1) {
        out.error = "cannot measure with " + label + ": " + opened.error;
        return out;
      }
      why.push_back(label + " not possible (" + opened.error + ")");
      continue;
    }
    if (methods->size() == 1) {
      chosen = m;
      break;
    }
    if (!first_usable) first_usable = m;
    // Three trial requests, not one: on a lossy line a single lost echo
    // would send the whole series to a fallback method for no reason.
    constexpr int kTrialRequests = 3;
    Series trial = RunSeries(*opened.transport, clock, kTrialRequests, interval,
                             opened.reply_timeout, is_stopped, /*until_first_answer=*/true);
    if (trial.cancelled) {
      out.cancelled = true;
      return out;
    }
    if (!trial.rtt_ms.empty()) {
      chosen = m;
      break;
    }
    std::string reason = trial.error             ? trial.error->message
                         : trial.send_errors > 0 ? trial.first_send_error
                                                 : opened.transport->remark();
    why.push_back("no answer to " + label + (reason.empty() ? "" : " (" + reason + ")"));
  }
  if (!chosen && !first_usable) {
    out.error = "no method could run: " + [&] {
      std::string all;
      for (const auto& w : why) all += (all.empty() ? "" : "; ") + w;
      return all;
    }();
    return out;
  }
  if (!chosen) chosen = first_usable;  // nothing answered: measure the loss with the first

  // A fresh socket for the series: a late answer to the trial must not
  // count as one to the series' first request.
  Opened opened = Open(system, *chosen, spec, *target, interval, reply_timeout);
  if (!opened.transport) {
    out.error = "cannot measure with " + Describe(*chosen, opened.port, spec.is_resolver) + ": " +
                opened.error;
    return out;
  }
  out.method = opened.method;
  out.port = opened.port;
  std::string label = Describe(*chosen, opened.port, spec.is_resolver);
  if (!why.empty()) {
    for (const auto& w : why) out.note += w + "; ";
    out.note += "measured with " + label;
  }
  if (*chosen == Method::kUdp && !spec.is_resolver)
    out.note += std::string(out.note.empty() ? "" : "; ") +
                "hosts rate-limit ICMP port unreachable: unanswered requests are not "
                "necessarily lost";

  Series series =
      RunSeries(*opened.transport, clock, count, interval, opened.reply_timeout, is_stopped);
  out.sent = series.sent;
  out.rtt_ms = series.rtt_ms;
  out.cancelled = series.cancelled;
  if (series.error) {
    out.error = series.error->message;
  } else if (series.sent > 0 && series.send_errors == series.sent) {
    out.error = "no request could be sent: " + series.first_send_error;
  } else if (series.send_errors > 0) {
    out.note += std::string(out.note.empty() ? "" : "; ") + std::to_string(series.send_errors) +
                " not sent (" + series.first_send_error + ")";
  }
  if (static_cast<int>(series.rtt_ms.size()) < series.sent && !opened.transport->remark().empty())
    out.note += std::string(out.note.empty() ? "" : "; ") + opened.transport->remark();
  return out;
}

}  // namespace netfix::probe
