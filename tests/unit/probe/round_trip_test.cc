// MeasureRoundTrips on simulated time against a fake system: which method
// "auto" takes and why, how answers are matched, and that every series ends
// in bounded time.
#include "probe/round_trip.h"

#include <catch2/catch.hpp>

#include "support/fake_system.h"
#include "wire/byte_reader.h"

using namespace netfix;
using namespace std::chrono_literals;
using testing::FakeSystem;
using testing::FakeUdpReply;
using testing::TestClock;

namespace {

const io::Error kNoRaw{io::ErrorKind::kPermission,
                       "cannot open raw ICMP socket: Operation not permitted"};
const io::Error kNoDgram{io::ErrorKind::kPermission,
                         "cannot open unprivileged datagram ICMP socket: Permission denied"};

probe::RoundTripSpec Spec(const std::string& target, const std::string& method = "auto",
                          int count = 5) {
  probe::RoundTripSpec spec;
  spec.target = target;
  spec.method = method;
  spec.count = count;
  spec.interval = 50ms;
  spec.reply_timeout = 1000ms;
  return spec;
}

auto Never() {
  return [] { return false; };
}

double ElapsedMs(FakeSystem& system, io::TimePoint since) {
  return io::MillisecondsBetween(since, system.clock().Now());
}

// The sequence number in a udp-echo request (after the 4-byte magic).
int EchoSequence(const std::vector<std::uint8_t>& d) {
  wire::ByteReader in(wire::Bytes(d.data() + 4, 4));
  return static_cast<int>(in.ReadBe32());
}

}  // namespace

TEST_CASE("round trips: auto takes ICMP echo when it is answered", "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.ping_responder = "192.168.1.30";
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.30"), Never());
  CHECK(r.error.empty());
  CHECK(r.method == "icmp-raw");
  CHECK(r.port == 0);
  CHECK(r.note.empty());
  CHECK(r.sent == 5);
  REQUIRE(r.rtt_ms.size() == 5);
  for (double v : r.rtt_ms) CHECK(v == Approx(0.3).margin(0.01));

  system.raw_icmp_error = kNoRaw;  // ping_group_range allows us
  auto dgram = probe::MeasureRoundTrips(system, Spec("192.168.1.30"), Never());
  CHECK(dgram.method == "icmp-dgram");
  CHECK(dgram.rtt_ms.size() == 5);
  CHECK(dgram.note.empty());
}

TEST_CASE("round trips: without ICMP sockets a resolver is asked DNS questions",
          "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.raw_icmp_error = kNoRaw;
  system.dgram_icmp_error = kNoDgram;
  std::vector<std::string> asked;
  system.dns_servers["9.9.9.9"] = [&](const wire::DnsMessage& m, int) {
    asked.push_back(m.questions.front().name);
    // Any answer is a round trip, an error code too.
    return std::vector<testing::FakeDnsReply>{{4ms, testing::DnsResponse(m, wire::kRcodeRefused)}};
  };
  auto spec = Spec("9.9.9.9");
  spec.is_resolver = true;
  spec.dns_name = "www.google.com";
  auto r = probe::MeasureRoundTrips(system, spec, Never());
  CHECK(r.method == "udp");
  CHECK(r.port == 53);
  CHECK(r.note ==
        "ICMP echo not possible (cannot open raw ICMP socket: Operation not permitted; cannot "
        "open unprivileged datagram ICMP socket: Permission denied); measured with a DNS query "
        "to port 53");
  CHECK(r.sent == 5);
  REQUIRE(r.rtt_ms.size() == 5);
  CHECK(r.rtt_ms[0] == Approx(4.0).margin(0.01));
  CHECK(asked.size() == 6);  // the first trial request was answered, then the series
  CHECK(asked.front() == "www.google.com");
}

TEST_CASE("round trips: a host that drops ICMP echo is timed by TCP connect; a reset counts",
          "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.ping_responder = "192.168.1.1";  // not the target
  std::vector<int> ports;
  system.tcp_responder = [&](const std::string& address,
                             std::uint16_t port) -> std::optional<testing::FakeTcpAnswer> {
    ports.push_back(port);
    if (address != "192.168.1.30") return std::nullopt;
    return testing::FakeTcpAnswer{2ms, /*refused=*/true};  // nothing listens on port 80
  };
  io::TimePoint start = system.clock().Now();
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.30"), Never());
  CHECK(r.method == "tcp-connect");
  CHECK(r.port == 80);
  CHECK(r.note == "no answer to ICMP echo; measured with TCP connect to port 80");
  CHECK(r.sent == 5);
  REQUIRE(r.rtt_ms.size() == 5);
  CHECK(r.rtt_ms[4] == Approx(2.0).margin(0.01));
  CHECK(ports == std::vector<int>(6, 80));
  // The ICMP trial (three requests, one reply timeout after the last), then
  // the TCP trial (answered at once) and the series.
  CHECK(ElapsedMs(system, start) == Approx(2 * 50 + 1000 + 2 + 4 * 50 + 2).margin(1));
}

TEST_CASE("round trips: when nothing answers, the loss is measured with the first method",
          "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.ping_responder = "192.168.1.1";
  io::TimePoint start = system.clock().Now();
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.99", "auto", 10), Never());
  CHECK(r.error.empty());
  CHECK(r.method == "icmp-raw");
  CHECK(r.note ==
        "no answer to ICMP echo; no answer to TCP connect to port 80; no answer to UDP to closed "
        "port 33434; measured with ICMP echo");
  CHECK(r.sent == 10);
  CHECK(r.rtt_ms.empty());
  // Bounded: three trials of three requests and the series, each ending one
  // reply timeout after its last request.
  CHECK(ElapsedMs(system, start) <= 3 * (2 * 50 + 1000) + 9 * 50 + 1000 + 1);
}

TEST_CASE("round trips: a closed UDP port answers with ICMP port unreachable from the target",
          "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.udp_responder = [](const std::string& address, std::uint16_t port,
                            const std::vector<std::uint8_t>& datagram) {
    CHECK(port == 33434);
    int seq = EchoSequence(datagram);
    if (seq == 3)  // the path says the host is gone: not an answer
      return std::vector<FakeUdpReply>{
          {1ms, datagram, io::IcmpErrorReport{*wire::ParseIpv4("192.168.1.1"), 3, 1}}};
    // Out of order: the first answer comes after the second.
    return std::vector<FakeUdpReply>{
        testing::PortUnreachable(address, datagram, seq == 0 ? 70ms : 3ms)};
  };
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.30", "udp", 4), Never());
  CHECK(r.method == "udp");
  CHECK(r.port == 33434);
  CHECK(r.sent == 4);
  REQUIRE(r.rtt_ms.size() == 3);
  CHECK(r.rtt_ms[0] == Approx(70).margin(0.01));
  CHECK(r.rtt_ms[1] == Approx(3).margin(0.01));
  CHECK(r.note.find("hosts rate-limit ICMP port unreachable") != std::string::npos);
  CHECK(r.note.find("ICMP host unreachable from 192.168.1.1") != std::string::npos);
}

TEST_CASE("round trips: a quote without our payload is the oldest request's answer",
          "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.udp_responder = [](const std::string& address, std::uint16_t,
                            const std::vector<std::uint8_t>&) {
    // RFC 792 asks only for the UDP header in the quote: no payload.
    return std::vector<FakeUdpReply>{testing::PortUnreachable(address, {}, 5ms)};
  };
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.30", "udp", 3), Never());
  CHECK(r.rtt_ms == std::vector<double>{5, 5, 5});
}

TEST_CASE("round trips: udp-echo matches answers by sequence number", "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.udp_responder = [](const std::string& address, std::uint16_t port,
                            const std::vector<std::uint8_t>& datagram) {
    CHECK(address == "192.168.1.40");
    CHECK(port == 9099);
    REQUIRE(datagram.size() >= 8);
    CHECK(std::string(datagram.begin(), datagram.begin() + 4) == probe::kUdpEchoMagic);
    std::vector<FakeUdpReply> out;
    switch (EchoSequence(datagram)) {
      case 0: out.push_back({30ms, datagram, {}}); break;
      case 1: out.push_back({5ms, datagram, {}}); break;
      case 2: break;  // lost
      case 3:
        out.push_back({1ms, testing::BytesOf("hello"), {}});  // not an echo
        out.push_back({1500ms, datagram, {}});                // after the reply timeout
        break;
      case 4: {
        auto other = datagram;
        other[7] = 1;                     // the echo of request 1, again
        out.push_back({2ms, other, {}});  // a duplicate does not count twice
        out.push_back({8ms, datagram, {}});
        break;
      }
    }
    return out;
  };
  auto spec = Spec("192.168.1.40", "udp-echo", 5);
  spec.port = 9099;
  auto r = probe::MeasureRoundTrips(system, spec, Never());
  CHECK(r.error.empty());
  CHECK(r.method == "udp-echo");
  CHECK(r.port == 9099);
  CHECK(r.sent == 5);
  REQUIRE(r.rtt_ms.size() == 3);
  CHECK(r.rtt_ms[0] == Approx(30).margin(0.01));
  CHECK(r.rtt_ms[1] == Approx(5).margin(0.01));
  CHECK(r.rtt_ms[2] == Approx(8).margin(0.01));

  spec.port = 0;
  auto no_port = probe::MeasureRoundTrips(system, spec, Never());
  CHECK(no_port.method.empty());
  CHECK(no_port.error ==
        "cannot measure with UDP echo to port 0: udp-echo needs the port of "
        "netfix serve");
}

TEST_CASE("round trips: udp-echo to a port where nothing listens says so", "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.udp_responder = [](const std::string& address, std::uint16_t,
                            const std::vector<std::uint8_t>& datagram) {
    return std::vector<FakeUdpReply>{testing::PortUnreachable(address, datagram)};
  };
  auto spec = Spec("192.168.1.40", "udp-echo", 3);
  spec.port = 9099;
  auto r = probe::MeasureRoundTrips(system, spec, Never());
  CHECK(r.sent == 3);
  CHECK(r.rtt_ms.empty());
  CHECK(r.note == "ICMP port unreachable from 192.168.1.40 (nothing listens on this port)");
}

TEST_CASE("round trips: TCP connects to a silent host end in bounded time", "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  int attempts = 0;
  system.tcp_responder = [&](const std::string&,
                             std::uint16_t port) -> std::optional<testing::FakeTcpAnswer> {
    CHECK(port == 53);
    ++attempts;
    if (attempts % 2 == 0) return testing::FakeTcpAnswer{3ms, false};  // SYN-ACK
    return std::nullopt;
  };
  auto spec = Spec("9.9.9.9", "tcp", 10);
  spec.is_resolver = true;
  io::TimePoint start = system.clock().Now();
  auto r = probe::MeasureRoundTrips(system, spec, Never());
  CHECK(r.method == "tcp-connect");
  CHECK(r.port == 53);
  CHECK(r.sent == 10);
  CHECK(r.rtt_ms.size() == 5);
  CHECK(ElapsedMs(system, start) <= 9 * 50 + 1000 + 1);

  // Many requests close together: each attempt gets less time, so that no
  // more than 64 sockets are open at once.
  spec.count = 200;
  spec.interval = 1ms;
  attempts = 0;
  start = system.clock().Now();
  auto dense = probe::MeasureRoundTrips(system, spec, Never());
  CHECK(dense.sent == 200);
  CHECK(dense.rtt_ms.size() == 100);
  CHECK(ElapsedMs(system, start) <= 199 + 64 + 1);
}

TEST_CASE("round trips: a stop ends the series with what was answered", "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.ping_responder = "192.168.1.30";
  system.ping_delay = [](int sequence) -> std::optional<io::Duration> {
    if (sequence == 3) return 60ms;  // still on its way at the stop
    return 1ms;
  };
  io::TimePoint stop_at = system.clock().Now() + 125ms;
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.30", "icmp", 10),
                                    [&] { return system.clock().Now() >= stop_at; });
  CHECK(r.cancelled);
  CHECK(r.method == "icmp-raw");
  CHECK(r.sent == 2);  // request 3 (sent at 100 ms) was neither answered nor lost yet
  CHECK(r.rtt_ms.size() == 2);
  CHECK(system.clock().Now() - stop_at < 25ms);
}

TEST_CASE("round trips: ICMP only, without permission, is an error", "[probe][round-trip]") {
  FakeSystem system(TestClock::Simulated());
  system.raw_icmp_error = kNoRaw;
  system.dgram_icmp_error = kNoDgram;
  auto r = probe::MeasureRoundTrips(system, Spec("192.168.1.30", "icmp"), Never());
  CHECK(r.method.empty());
  CHECK(r.sent == 0);
  CHECK(r.error.rfind("cannot measure with ICMP echo: cannot open raw ICMP socket", 0) == 0);

  auto bad = probe::MeasureRoundTrips(system, Spec("192.168.1.30", "smoke-signals"), Never());
  CHECK(bad.error == "unknown method 'smoke-signals' (auto, icmp, udp, tcp or udp-echo)");
  auto v6 = probe::MeasureRoundTrips(system, Spec("2001:db8::1"), Never());
  CHECK(v6.error == "'2001:db8::1' is not an IPv4 address");
}
