// Fakes of io::IcmpSocket and io::DatagramSocket driven by a TestClock.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/sockets.h"
#include "support/timed_queue.h"
#include "wire/byte_reader.h"
#include "wire/dns.h"

namespace netfix::testing {

/// Answers echo requests from `responder`, after the delay `reply_delay`
/// returns for each sequence number (nullopt: no reply).
class FakeIcmpSocket final : public io::IcmpSocket {
 public:
  using DelayFn = std::function<std::optional<io::Duration>(int sequence)>;

  FakeIcmpSocket(TestClock& clock, io::IcmpSocketKind kind, std::string responder, DelayFn delay)
      : clock_(clock),
        kind_(kind),
        responder_(*wire::ParseIpv4(responder)),
        delay_(std::move(delay)) {}

  io::IcmpSocketKind kind() const override { return kind_; }

  io::Result<void> SendEcho(wire::Ipv4 to, std::uint16_t id, std::uint16_t sequence,
                            std::span<const std::uint8_t>) override {
    sent_sequences.push_back(sequence);
    if (fail_sends)
      return io::Error{io::ErrorKind::kOther, "cannot send echo request: No route to host"};
    if (to != responder_ &&
        std::find(also_answer.begin(), also_answer.end(), to) == also_answer.end())
      return {};
    if (auto d = delay_(sequence)) {
      io::IcmpReceived reply;
      reply.from = to;
      reply.type = 0;
      // A datagram socket's identifier is the kernel's, not ours.
      reply.id = kind_ == io::IcmpSocketKind::kRaw ? id : 0x4242;
      reply.sequence = sequence;
      queue_.Push(clock_.Now() + *d, reply);
    }
    return {};
  }

  /// A message that arrives `after` now (someone else's ping reply ...).
  void Inject(io::Duration after, io::IcmpReceived message) {
    queue_.Push(clock_.Now() + after, message);
  }

  io::Result<std::optional<io::IcmpReceived>> Receive(io::TimePoint until) override {
    auto message = queue_.WaitOne(clock_, until);
    if (message) message->at = clock_.Now();
    return message;
  }

  std::vector<int> sent_sequences;
  bool fail_sends = false;
  std::vector<wire::Ipv4> also_answer;  ///< more hosts that answer echo requests

 private:
  TestClock& clock_;
  io::IcmpSocketKind kind_;
  wire::Ipv4 responder_;
  DelayFn delay_;
  TimedQueue<io::IcmpReceived> queue_;
};

/// What a fake DNS server does with one query: datagrams to send back, each
/// after a delay (none: silence).
struct FakeDnsReply {
  io::Duration delay = std::chrono::milliseconds(5);
  std::vector<std::uint8_t> datagram;
};
using DnsServerFn =
    std::function<std::vector<FakeDnsReply>(const wire::DnsMessage& query, int attempt)>;

class FakeDnsSocket final : public io::DatagramSocket {
 public:
  FakeDnsSocket(TestClock& clock, DnsServerFn server) : clock_(clock), server_(std::move(server)) {}

  io::Result<void> Send(std::span<const std::uint8_t> datagram) override {
    if (refuse_sends_after >= 0 && sends >= refuse_sends_after)
      return io::Error{io::ErrorKind::kRefused, "cannot send: Connection refused"};
    ++sends;
    auto query = wire::ParseDnsMessage(datagram);
    if (!query || query->questions.empty()) return {};
    int attempt = ++attempts_[query->questions.front().name];
    for (auto& reply : server_(*query, attempt))
      queue_.Push(clock_.Now() + reply.delay, std::move(reply.datagram));
    return {};
  }

  io::Result<std::optional<std::vector<std::uint8_t>>> Receive(io::TimePoint until) override {
    if (stall > io::Duration::zero()) {  // a socket that ignores its deadline (a bug to survive)
      clock_.WaitUntil(clock_.Now() + stall);
      return std::optional<std::vector<std::uint8_t>>();
    }
    if (refuse_after_sends >= 0 && sends >= refuse_after_sends) {
      clock_.WaitUntil(std::min(until, clock_.Now() + std::chrono::milliseconds(1)));
      return io::Error{io::ErrorKind::kRefused, "cannot receive: Connection refused"};
    }
    return queue_.WaitOne(clock_, until);
  }

  int sends = 0;
  int refuse_after_sends = -1;  ///< >= 0: Receive reports the ICMP port unreachable
  int refuse_sends_after = -1;  ///< >= 0: Send reports it (the kernel's pending error)
  io::Duration stall{};         ///< > 0: every Receive blocks this long, ignoring `until`

 private:
  TestClock& clock_;
  DnsServerFn server_;
  std::map<std::string, int> attempts_;
  TimedQueue<std::vector<std::uint8_t>> queue_;
};

/// What a fake host sends back for one datagram to it: a datagram, or an
/// ICMP error (then `bytes` is the quoted payload), after `delay`.
struct FakeUdpReply {
  io::Duration delay = std::chrono::microseconds(300);
  std::vector<std::uint8_t> bytes;
  std::optional<io::IcmpErrorReport> icmp_error;
};
using UdpResponderFn = std::function<std::vector<FakeUdpReply>(
    const std::string& address, std::uint16_t port, const std::vector<std::uint8_t>& datagram)>;

class FakeUdpProbeSocket final : public io::UdpProbeSocket {
 public:
  FakeUdpProbeSocket(TestClock& clock, std::string address, std::uint16_t port,
                     UdpResponderFn responder)
      : clock_(clock),
        address_(std::move(address)),
        port_(port),
        responder_(std::move(responder)) {}

  io::Result<void> Send(std::span<const std::uint8_t> datagram) override {
    ++sends;
    std::vector<std::uint8_t> bytes(datagram.begin(), datagram.end());
    if (responder_)
      for (auto& reply : responder_(address_, port_, bytes))
        queue_.Push(clock_.Now() + reply.delay,
                    io::UdpProbeEvent{std::move(reply.bytes), reply.icmp_error, {}});
    return {};
  }

  io::Result<std::optional<io::UdpProbeEvent>> Receive(io::TimePoint until) override {
    auto event = queue_.WaitOne(clock_, until);
    if (event) event->at = clock_.Now();
    return event;
  }

  int sends = 0;

 private:
  TestClock& clock_;
  std::string address_;
  std::uint16_t port_;
  UdpResponderFn responder_;
  TimedQueue<io::UdpProbeEvent> queue_;
};

/// A closed port: ICMP port unreachable from `address`, quoting what was sent.
inline FakeUdpReply PortUnreachable(const std::string& address,
                                    const std::vector<std::uint8_t>& datagram,
                                    io::Duration delay = std::chrono::microseconds(300)) {
  return {delay, datagram, io::IcmpErrorReport{*wire::ParseIpv4(address), 3, 3}};
}

/// How a fake host answers a TCP SYN: after `delay`, with a SYN-ACK or
/// (refused) a reset. nullopt: silence.
struct FakeTcpAnswer {
  io::Duration delay = std::chrono::microseconds(300);
  bool refused = false;
};
using TcpResponderFn =
    std::function<std::optional<FakeTcpAnswer>(const std::string& address, std::uint16_t port)>;

class FakeTcpConnector final : public io::TcpConnector {
 public:
  FakeTcpConnector(TestClock& clock, std::string address, std::uint16_t port,
                   TcpResponderFn responder)
      : clock_(clock),
        address_(std::move(address)),
        port_(port),
        responder_(std::move(responder)) {}

  io::Result<void> Start(int tag, io::TimePoint until) override {
    ++starts;
    io::TimePoint now = clock_.Now();
    auto answer = responder_ ? responder_(address_, port_) : std::nullopt;
    if (answer && now + answer->delay < until)
      events_.emplace(now + answer->delay,
                      io::ConnectEnded{tag,
                                       answer->refused ? io::ConnectOutcome::kRefused
                                                       : io::ConnectOutcome::kConnected,
                                       {},
                                       ""});
    else
      events_.emplace(until, io::ConnectEnded{tag, io::ConnectOutcome::kTimedOut, {}, ""});
    return {};
  }

  io::Result<std::optional<io::ConnectEnded>> Wait(io::TimePoint until) override {
    if (events_.empty() || events_.begin()->first > until) {
      clock_.WaitUntil(until);
      return std::optional<io::ConnectEnded>();
    }
    clock_.WaitUntil(events_.begin()->first);
    io::ConnectEnded out = events_.begin()->second;
    events_.erase(events_.begin());
    out.at = clock_.Now();
    return std::optional<io::ConnectEnded>(out);
  }

  int starts = 0;

 private:
  TestClock& clock_;
  std::string address_;
  std::uint16_t port_;
  TcpResponderFn responder_;
  std::multimap<io::TimePoint, io::ConnectEnded> events_;
};

/// A response to `query`: same id and question, `rcode`, one A record per
/// address (the name compressed as a pointer to the question).
inline std::vector<std::uint8_t> DnsResponse(const wire::DnsMessage& query, int rcode,
                                             const std::vector<std::string>& addresses = {}) {
  wire::ByteWriter out;
  out.PutBe16(query.id);
  out.PutBe16(static_cast<std::uint16_t>(0x8180 | rcode));  // QR RD RA
  out.PutBe16(1);
  out.PutBe16(static_cast<std::uint16_t>(addresses.size()));
  out.PutBe16(0);
  out.PutBe16(0);
  const std::string& name = query.questions.front().name;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    out.PutU8(static_cast<std::uint8_t>(dot - start));
    for (char c : name.substr(start, dot - start)) out.PutU8(static_cast<std::uint8_t>(c));
    start = dot + 1;
  }
  out.PutU8(0);
  out.PutBe16(query.questions.front().type);
  out.PutBe16(wire::kDnsClassIn);
  for (const auto& a : addresses) {
    out.PutBe16(0xc00c);  // the question's name
    out.PutBe16(wire::kDnsTypeA);
    out.PutBe16(wire::kDnsClassIn);
    out.PutBe32(300);
    out.PutBe16(4);
    out.PutBytes(wire::Ipv4ToBytes(*wire::ParseIpv4(a)));
  }
  return out.Take();
}

}  // namespace netfix::testing
