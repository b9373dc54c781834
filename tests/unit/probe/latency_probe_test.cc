// The latency probe against a fake system: which targets it measures (and
// which not), all at once, and what goes into the snapshot.
#include "probe/latency_probe.h"

#include <catch2/catch.hpp>

#include "probe/link_phase.h"
#include "probe/scan_runner.h"
#include "support/fake_system.h"

using namespace netfix;
using namespace std::chrono_literals;
using model::ProbeStatus;

namespace {

// A home: the router is the DNS server (behind a systemd-resolved stub),
// the reference resolvers, a Chromecast-style TV and a laptop.
model::Snapshot Home() {
  model::Snapshot s;
  s.default_gateway = "192.168.1.1";
  s.resolvers = {{"127.0.0.53", "resolv.conf", true},
                 {"192.168.1.1", "systemd-resolved", false},
                 {"fd00::1", "systemd-resolved", false},
                 {"1.1.1.1", "reference", false},
                 {"8.8.8.8", "reference", false}};
  model::Device router;
  router.mac = "3c:a6:2f:10:00:01";
  router.ipv4 = {"192.168.1.1"};
  router.is_gateway = true;
  model::Device tv;
  tv.mac = "14:c9:13:30:00:30";
  tv.ipv4 = {"192.168.1.30"};
  model::Device laptop;
  laptop.mac = "f0:d5:bf:4e:46:58";
  laptop.ipv4 = {"192.168.1.5"};
  s.devices = {router, laptop, tv};
  model::MdnsResult mdns;
  model::MdnsService cast;
  cast.instance = "Living Room TV._googlecast._tcp.local";
  cast.type = "_googlecast._tcp";
  cast.host = "living-room-tv.local";
  cast.addresses = {"192.168.1.30"};
  cast.from_ip = "192.168.1.30";
  cast.txt = {{"fn", "Living Room TV"}};
  mdns.services = {cast};
  s.measurements.mdns = mdns;
  return s;
}

probe::ScanOptions Options() {
  probe::ScanOptions o;
  o.reference_resolvers = {"1.1.1.1", "8.8.8.8"};
  o.dns_names = {"example.com"};
  o.latency_count = 5;
  o.latency_interval = 2ms;
  return o;
}

probe::ScanTuning Fast() {
  probe::ScanTuning t;
  t.latency.reply_timeout = 100ms;
  t.latency.poll = 5ms;
  return t;
}

std::vector<std::string> Addresses(const probe::LatencyTargets& t) {
  std::vector<std::string> out;
  for (const auto& x : t.targets) out.push_back(x.role + " " + x.address);
  return out;
}

model::ProbeRecord Run(
    io::System& system, const probe::ScanOptions& options, const probe::ScanTuning& tuning,
    model::Snapshot* s, std::function<bool()> stopped = [] { return false; }) {
  probe::LinkContext context{system, options, tuning, std::move(stopped), io::TimePoint::max(),
                             nullptr};
  return probe::RunLatencyProbe(context, s);
}

}  // namespace

TEST_CASE("latency targets: resolvers but not the gateway or a stub, receivers, the internet",
          "[probe][latency]") {
  auto chosen = probe::ChooseLatencyTargets(Home(), Options(), 16);
  // 1.1.1.1 is the internet target and a resolver: measured once, as the internet.
  CHECK(Addresses(chosen) ==
        std::vector<std::string>{"internet 1.1.1.1", "resolver 8.8.8.8", "receiver 192.168.1.30"});
  CHECK(chosen.targets[0].is_resolver);  // may be asked DNS questions
  CHECK(chosen.targets[1].is_resolver);
  const auto& tv = chosen.targets[2];
  CHECK_FALSE(tv.is_resolver);
  CHECK(tv.mac == "14:c9:13:30:00:30");
  CHECK(tv.name == "Living Room TV");
  CHECK(chosen.left_out == std::vector<std::string>{"fd00::1 (IPv4 only)"});

  auto options = Options();
  options.internet_target = "9.9.9.9";
  auto other = probe::ChooseLatencyTargets(Home(), options, 2);
  CHECK(Addresses(other) == std::vector<std::string>{"internet 9.9.9.9", "resolver 1.1.1.1"});
  CHECK_FALSE(other.targets[0].is_resolver);
  CHECK(other.left_out == std::vector<std::string>{"fd00::1 (IPv4 only)",
                                                   "8.8.8.8 (more than 2 targets)",
                                                   "192.168.1.30 (more than 2 targets)"});
}

TEST_CASE("latency: every target measured at once, with the method that works for it",
          "[probe][latency]") {
  testing::FakeSystem system;  // real time: one thread per target
  system.ping_responder = "192.168.1.30";
  system.more_ping_responders = {"8.8.8.8"};
  system.dns_servers["1.1.1.1"] = [](const wire::DnsMessage& m, int) {  // drops ICMP echo
    return std::vector<testing::FakeDnsReply>{{1ms, testing::DnsResponse(m, 0, {"1.2.3.4"})}};
  };
  model::Snapshot s = Home();
  s.measurements.ping = {{"192.168.1.1", "gateway", "icmp-raw", 5, 5, {1, 1, 1, 1, 1}}};
  std::vector<std::string> phases;
  auto options = Options();
  auto tuning = Fast();
  probe::LinkContext context{system,
                             options,
                             tuning,
                             [] { return false; },
                             io::TimePoint::max(),
                             [&](const std::string& p) { phases.push_back(p); }};
  auto start = std::chrono::steady_clock::now();
  auto record = probe::RunLatencyProbe(context, &s);
  // Concurrently: one ICMP trial timeout (for 1.1.1.1) and one series, not three.
  CHECK(std::chrono::steady_clock::now() - start < 400ms);

  INFO(record.reason);
  CHECK(record.status == ProbeStatus::kOk);
  CHECK(record.reason.rfind("3 targets: 2 via icmp-raw, 1 via udp; internet 1.1.1.1 avg ", 0) == 0);
  CHECK(phases == std::vector<std::string>{"latency: 3 targets"});
  REQUIRE(s.measurements.ping.size() == 4);
  CHECK(s.measurements.ping[0].role == "gateway");  // untouched
  const auto& internet = s.measurements.ping[1];
  CHECK(internet.target == "1.1.1.1");
  CHECK(internet.role == "internet");
  CHECK(internet.method == "udp");
  CHECK(internet.port == 53);
  CHECK(internet.note == "no answer to ICMP echo; measured with a DNS query to port 53");
  CHECK(internet.sent == 5);
  CHECK(internet.received == 5);
  CHECK(internet.interval_ms == 2);
  const auto& resolver = s.measurements.ping[2];
  CHECK(resolver.target == "8.8.8.8");
  CHECK(resolver.role == "resolver");
  CHECK(resolver.method == "icmp-raw");
  CHECK(resolver.note.empty());
  const auto& tv = s.measurements.ping[3];
  CHECK(tv.target == "192.168.1.30");
  CHECK(tv.role == "receiver");
  CHECK(tv.name == "Living Room TV");
  CHECK(tv.mac == "14:c9:13:30:00:30");
  CHECK(tv.received == 5);
  CHECK(tv.rtt_ms.size() == 5);
}

TEST_CASE("latency: the method asked for, and what cannot run", "[probe][latency]") {
  testing::FakeSystem system;
  system.raw_icmp_error = io::Error{io::ErrorKind::kPermission, "cannot open raw ICMP socket"};
  system.dgram_icmp_error = io::Error{io::ErrorKind::kPermission, "cannot open ICMP socket"};
  auto options = Options();
  options.ping_method = "icmp";
  model::Snapshot s = Home();
  auto record = Run(system, options, Fast(), &s);
  CHECK(record.status == ProbeStatus::kSkipped);
  CHECK(record.hint == "run with sudo or grant CAP_NET_RAW");
  CHECK(record.reason.find("not measured: 1.1.1.1: cannot measure with ICMP echo") !=
        std::string::npos);
  CHECK(s.measurements.ping.empty());

  options.ping_method = "tcp";
  system.tcp_responder = [](const std::string&,
                            std::uint16_t) -> std::optional<testing::FakeTcpAnswer> {
    return testing::FakeTcpAnswer{};
  };
  auto tcp = Run(system, options, Fast(), &s);
  CHECK(tcp.status == ProbeStatus::kOk);
  REQUIRE(s.measurements.ping.size() == 3);
  CHECK(s.measurements.ping[0].port == 53);  // a resolver: its DNS port
  CHECK(s.measurements.ping[2].port == 80);
  for (const auto& p : s.measurements.ping) CHECK(p.method == "tcp-connect");
}

TEST_CASE("latency: --no-latency, nothing to measure, and a stop", "[probe][latency]") {
  testing::FakeSystem system;
  auto options = Options();
  options.latency = false;
  model::Snapshot s = Home();
  auto off = Run(system, options, Fast(), &s);
  CHECK(off.status == ProbeStatus::kSkipped);
  CHECK(off.reason == "--no-latency");

  model::Snapshot bare;
  bare.default_gateway = "192.168.1.1";
  bare.resolvers = {{"192.168.1.1", "resolv.conf", false}};
  auto nothing = Run(system, probe::ScanOptions{.reference_resolvers = {}}, Fast(), &bare);
  CHECK(nothing.status == ProbeStatus::kSkipped);
  CHECK(bare.measurements.ping.empty());

  system.ping_responder = "192.168.1.30";
  options = Options();
  options.latency_count = 1000;
  options.latency_interval = 10ms;  // 10 s unless stopped
  auto start = std::chrono::steady_clock::now();
  auto stopped = Run(system, options, Fast(), &s,
                     [&] { return std::chrono::steady_clock::now() - start > 150ms; });
  CHECK(std::chrono::steady_clock::now() - start < 1s);
  CHECK(stopped.status == ProbeStatus::kFailed);
  CHECK(stopped.reason.rfind("stopped before the end; 3 targets", 0) == 0);
  for (const auto& p : s.measurements.ping) CHECK(p.sent < 1000);
}
