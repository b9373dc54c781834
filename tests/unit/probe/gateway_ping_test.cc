#include "probe/gateway_ping.h"

#include <catch2/catch.hpp>

#include "support/fake_sockets.h"
#include "support/fake_system.h"

using namespace netfix;
using namespace std::chrono_literals;
using io::IcmpSocketKind;
using probe::PingTiming;
using testing::FakeIcmpSocket;
using testing::TestClock;

namespace {

const wire::Ipv4 kGateway = *wire::ParseIpv4("192.168.178.1");

std::optional<io::Duration> Always(int) {
  return 2ms;
}

}  // namespace

TEST_CASE("ping: five requests, five round trips in order", "[probe][ping]") {
  TestClock clock = TestClock::Simulated();
  FakeIcmpSocket socket(clock, IcmpSocketKind::kRaw, "192.168.178.1", [](int seq) {
    return std::optional<io::Duration>(std::chrono::milliseconds(seq));
  });
  std::atomic<bool> cancel{false};
  io::TimePoint start = clock.Now();
  auto series = probe::RunPingSeries(socket, clock, kGateway, 5, 0x77, PingTiming{}, cancel);
  CHECK(series.sent == 5);
  CHECK(series.received == 5);
  CHECK(series.rtt_ms == std::vector<double>{1, 2, 3, 4, 5});
  CHECK(socket.sent_sequences == std::vector<int>{1, 2, 3, 4, 5});
  // 100 ms apart; done as soon as the last reply is in.
  CHECK(io::MillisecondsBetween(start, clock.Now()) == Approx(405));
}

TEST_CASE("ping: lost and too-late replies count as lost, the wait is bounded", "[probe][ping]") {
  TestClock clock = TestClock::Simulated();
  FakeIcmpSocket socket(clock, IcmpSocketKind::kRaw, "192.168.178.1",
                        [](int seq) -> std::optional<io::Duration> {
                          if (seq == 2) return std::nullopt;  // lost
                          if (seq == 4) return 1500ms;        // after the 1 s timeout
                          return 1ms;
                        });
  std::atomic<bool> cancel{false};
  io::TimePoint start = clock.Now();
  auto series = probe::RunPingSeries(socket, clock, kGateway, 5, 0x77, PingTiming{}, cancel);
  CHECK(series.sent == 5);
  CHECK(series.received == 3);
  CHECK(series.rtt_ms == std::vector<double>{1, 1, 1});
  // The last request leaves at 400 ms and waits at most 1 s.
  CHECK(io::MillisecondsBetween(start, clock.Now()) == Approx(1400));
}

TEST_CASE("ping: a raw socket ignores other processes' pings and other hosts", "[probe][ping]") {
  TestClock clock = TestClock::Simulated();
  FakeIcmpSocket socket(clock, IcmpSocketKind::kRaw, "192.168.178.1",
                        [](int) { return std::optional<io::Duration>(); });  // never answers
  io::IcmpReceived foreign{kGateway, 0, 0, /*id=*/0x99, /*seq=*/1, {}};
  socket.Inject(1ms, foreign);
  io::IcmpReceived elsewhere{*wire::ParseIpv4("8.8.8.8"), 0, 0, 0x77, 1, {}};
  socket.Inject(2ms, elsewhere);
  io::IcmpReceived unreachable{kGateway, 3, 1, 0x77, 1, {}};
  socket.Inject(3ms, unreachable);
  std::atomic<bool> cancel{false};
  auto series = probe::RunPingSeries(socket, clock, kGateway, 1, 0x77, PingTiming{}, cancel);
  CHECK(series.received == 0);
}

TEST_CASE("ping: a datagram socket's replies carry the kernel's id", "[probe][ping]") {
  TestClock clock = TestClock::Simulated();
  FakeIcmpSocket socket(clock, IcmpSocketKind::kDatagram, "192.168.178.1", Always);
  std::atomic<bool> cancel{false};
  auto series = probe::RunPingSeries(socket, clock, kGateway, 3, 0x77, PingTiming{}, cancel);
  CHECK(series.received == 3);
}

TEST_CASE("ping: the first reply to a sequence wins; a stop ends the series", "[probe][ping]") {
  TestClock clock = TestClock::Simulated();
  FakeIcmpSocket socket(clock, IcmpSocketKind::kRaw, "192.168.178.1", Always);  // 2 ms
  io::IcmpReceived early{kGateway, 0, 0, 0x77, 1, {}};
  socket.Inject(1ms, early);
  std::atomic<bool> cancel{false};
  auto series = probe::RunPingSeries(socket, clock, kGateway, 2, 0x77, PingTiming{}, cancel);
  CHECK(series.received == 2);
  CHECK(series.rtt_ms == std::vector<double>{1, 2});

  cancel = true;
  auto stopped = probe::RunPingSeries(socket, clock, kGateway, 5, 0x78, PingTiming{}, cancel);
  CHECK(stopped.cancelled);
  CHECK(stopped.sent == 0);
}

TEST_CASE("ping: send failures are counted, not fatal", "[probe][ping]") {
  TestClock clock = TestClock::Simulated();
  FakeIcmpSocket socket(clock, IcmpSocketKind::kRaw, "192.168.178.1", Always);
  socket.fail_sends = true;
  std::atomic<bool> cancel{false};
  auto series = probe::RunPingSeries(socket, clock, kGateway, 3, 0x77, PingTiming{}, cancel);
  CHECK(series.sent == 3);
  CHECK(series.send_errors == 3);
  CHECK(series.received == 0);
  CHECK(series.first_send_error.find("No route to host") != std::string::npos);
}

TEST_CASE("gateway ping: raw first, datagram when raw is not allowed, else skipped",
          "[probe][ping]") {
  testing::FakeSystem system;
  system.ping_responder = "192.168.178.1";
  std::atomic<bool> cancel{false};
  PingTiming fast{std::chrono::milliseconds(1), std::chrono::milliseconds(50),
                  std::chrono::milliseconds(5)};

  auto raw = probe::PingGateway(system, "192.168.178.1", 2, fast, cancel);
  CHECK(raw.record.status == model::ProbeStatus::kOk);
  REQUIRE(raw.result);
  CHECK(raw.result->method == "icmp-raw");
  CHECK(raw.result->role == "gateway");
  CHECK(raw.result->received == 2);
  CHECK(raw.record.reason.rfind("2/2 replies via icmp-raw", 0) == 0);

  system.raw_icmp_error =
      io::Error{io::ErrorKind::kPermission, "cannot open raw ICMP socket: Operation not permitted"};
  auto dgram = probe::PingGateway(system, "192.168.178.1", 2, fast, cancel);
  REQUIRE(dgram.result);
  CHECK(dgram.result->method == "icmp-dgram");
  CHECK(dgram.result->received == 2);

  system.dgram_icmp_error =
      io::Error{io::ErrorKind::kPermission,
                "cannot open unprivileged datagram ICMP socket: Permission denied"};
  auto none = probe::PingGateway(system, "192.168.178.1", 2, fast, cancel);
  CHECK(none.record.status == model::ProbeStatus::kSkipped);
  CHECK(none.record.hint == "run with sudo or grant CAP_NET_RAW");
  CHECK(none.record.reason.find("ping_group_range") != std::string::npos);
  CHECK_FALSE(none.result);

  system.dgram_icmp_error =
      io::Error{io::ErrorKind::kUnsupported,
                "cannot open unprivileged datagram ICMP socket: Address family not supported"};
  auto broken = probe::PingGateway(system, "192.168.178.1", 2, fast, cancel);
  CHECK(broken.record.status == model::ProbeStatus::kFailed);

  auto v6 = probe::PingGateway(system, "fe80::1", 2, fast, cancel);
  CHECK(v6.record.status == model::ProbeStatus::kSkipped);
}
