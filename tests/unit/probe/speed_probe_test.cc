// The speed and peer probes against a fake load backend. The fake computes
// each transfer's bytes from its behaviour and only lets the time pass, so
// the goodput is exact; the round trips come from the fake ICMP and UDP
// sockets of FakeSystem, on real time (a few seconds per test).
#include "probe/speed_probe.h"

#include <catch2/catch.hpp>

#include "probe/link_phase.h"
#include "probe/scan_runner.h"
#include "support/fake_system.h"

namespace netfix::probe {
namespace {

using std::chrono::milliseconds;
using testing::FakeLoadBehaviour;

const std::string kDown = "http://speed.example/100M.bin";
const std::string kUp = "http://speed.example/upload";

struct Harness {
  testing::FakeSystem system;
  ScanOptions options;
  ScanTuning tuning;
  std::vector<std::string> phases;
  model::Snapshot snapshot;

  // Short legs keep the tests quick; the steady-window test takes 6 s.
  Harness() {
    options.load_duration = milliseconds(3000);
    options.streams = 4;  // the fake splits its rate over the streams; the numbers below assume 4
  }

  model::ProbeRecord Speed(io::Duration deadline = std::chrono::seconds(60)) {
    return RunSpeedProbe(Context(deadline), &snapshot);
  }
  model::ProbeRecord Peer(io::Duration deadline = std::chrono::seconds(60)) {
    return RunPeerProbe(Context(deadline), &snapshot);
  }
  LinkContext Context(io::Duration deadline) {
    return LinkContext{system,
                       options,
                       tuning,
                       [] { return false; },
                       system.clock().Now() + deadline,
                       [this](const std::string& phase) { phases.push_back(phase); }};
  }
  bool Saw(const std::string& phase_part) const {
    for (const auto& p : phases)
      if (p.find(phase_part) != std::string::npos) return true;
    return false;
  }
};

TEST_CASE("speed: skipped without a URL", "[speed]") {
  Harness h;
  auto record = h.Speed();
  CHECK(record.status == model::ProbeStatus::kSkipped);
  CHECK(h.snapshot.measurements.speed.empty());
}

TEST_CASE("speed: download and upload with idle and loaded round trips", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.options.upload_url = kUp;
  h.system.load->Serve(kDown, FakeLoadBehaviour{.mbit_s = 100});
  h.system.load->Serve(kUp, FakeLoadBehaviour{.mbit_s = 40});
  h.options.load_duration = milliseconds(6000);
  io::TimePoint start = h.system.clock().Now();
  auto record = h.Speed();
  double took_ms = io::MillisecondsBetween(start, h.system.clock().Now());
  INFO(record.reason);
  CHECK(record.status == model::ProbeStatus::kOk);
  CHECK(record.reason.find("download 100.0 Mbit/s") != std::string::npos);
  REQUIRE(h.snapshot.measurements.speed.size() == 1);
  const model::SpeedTest& test = h.snapshot.measurements.speed[0];
  CHECK(test.leg == "internet");
  CHECK(test.source == "option");
  CHECK(test.server == "speed.example");
  CHECK(test.latency_target == "192.168.1.1");
  CHECK(test.latency_method.rfind("icmp", 0) == 0);
  CHECK(test.idle_sent > 0);
  CHECK(!test.idle_rtt_ms.empty());
  CHECK(test.error.empty());
  REQUIRE(test.transfers.size() == 2);
  const model::Transfer& down = test.transfers[0];
  CHECK(down.direction == "download");
  CHECK(down.url == kDown);
  CHECK(down.streams == 4);
  CHECK(down.status == "ok");
  CHECK(down.http_status == 200);
  CHECK(down.mbit_s == Approx(100).epsilon(0.005));
  CHECK(down.ramp_ms >= 1000);
  CHECK(down.window_ms > 0);
  CHECK(down.ramp_ms + down.window_ms <= down.duration_ms + 10);
  CHECK(down.total_bytes > down.bytes);
  CHECK(down.loaded_sent > 0);
  CHECK(!down.loaded_rtt_ms.empty());
  CHECK(static_cast<int>(down.loaded_rtt_ms.size()) <= down.loaded_sent);
  const model::Transfer& up = test.transfers[1];
  CHECK(up.direction == "upload");
  CHECK(up.status == "ok");
  CHECK(up.mbit_s == Approx(40).epsilon(0.005));

  // Both directions and the idle part fit into --load-duration.
  CHECK(took_ms <= 6000 + 300);
  auto runs = h.system.load->runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].direction == io::LoadDirection::kDownload);
  CHECK(runs[1].direction == io::LoadDirection::kUpload);
  CHECK(runs[0].duration + runs[1].duration <= milliseconds(6000));
  CHECK(h.Saw("speed: idle round trips"));
  CHECK(h.Saw("speed: download 100.0 Mbit/s"));
  CHECK(h.Saw("speed: upload 40.0 Mbit/s"));
}

TEST_CASE("speed: HTTP 404 is the transfer's error, not a crash", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.system.load->Serve(kDown, FakeLoadBehaviour{.http_status = 404});
  auto record = h.Speed();
  CHECK(record.status == model::ProbeStatus::kFailed);
  CHECK(record.reason.find("download failed: HTTP 404") != std::string::npos);
  REQUIRE(h.snapshot.measurements.speed.size() == 1);
  const model::SpeedTest& test = h.snapshot.measurements.speed[0];
  CHECK(!test.idle_rtt_ms.empty());  // measured before the transfer, kept
  REQUIRE(test.transfers.size() == 1);
  CHECK(test.transfers[0].status == "failed");
  CHECK(test.transfers[0].error == "HTTP 404");
  CHECK(test.transfers[0].http_status == 404);
  CHECK(test.transfers[0].mbit_s == 0);
  CHECK(test.transfers[0].loaded_rtt_ms.empty());
}

TEST_CASE("speed: some streams fail, the others are measured", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.system.load->Serve(kDown, FakeLoadBehaviour{.mbit_s = 80, .failing_streams = 1});
  auto record = h.Speed();
  CHECK(record.status == model::ProbeStatus::kOk);
  const model::Transfer& t = h.snapshot.measurements.speed.at(0).transfers.at(0);
  CHECK(t.status == "partial");
  CHECK(t.error == "cannot connect (Connection refused) (1 of 4 streams)");
  CHECK(t.mbit_s == Approx(60).epsilon(0.005));
}

TEST_CASE("speed: no connection: the test records why and measures nothing", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.options.upload_url = kUp;
  h.system.load->Serve(
      kDown, FakeLoadBehaviour{.connect_error =
                                   io::Error{io::ErrorKind::kOther,
                                             "connect timeout: no connection within 3000 ms"}});
  auto record = h.Speed();
  CHECK(record.status == model::ProbeStatus::kFailed);
  const model::SpeedTest& test = h.snapshot.measurements.speed.at(0);
  CHECK(test.error == "cannot reach speed.example: connect timeout: no connection within 3000 ms");
  REQUIRE(test.transfers.size() == 2);
  for (const auto& t : test.transfers) {
    CHECK(t.status == "failed");
    CHECK(t.error == test.error);
  }
  CHECK(h.system.load->runs().empty());
}

TEST_CASE("speed: a server that sends nothing is too slow", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.system.load->Serve(kDown, FakeLoadBehaviour{.stall = true});
  auto record = h.Speed();
  CHECK(record.status == model::ProbeStatus::kFailed);
  const model::Transfer& t = h.snapshot.measurements.speed.at(0).transfers.at(0);
  CHECK(t.status == "failed");
  CHECK(t.error.rfind("the server sent no data within", 0) == 0);
}

TEST_CASE("speed: garbage from the server is the transfer's error", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.system.load->Serve(kDown, FakeLoadBehaviour{.error = "not an HTTP answer (Unsupported "
                                                         "HTTP version in response)"});
  h.Speed();
  const model::Transfer& t = h.snapshot.measurements.speed.at(0).transfers.at(0);
  CHECK(t.status == "failed");
  CHECK(t.error.rfind("not an HTTP answer", 0) == 0);
}

TEST_CASE("speed: round trips fall back to TCP connect to the URL's port", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.system.raw_icmp_error = io::Error{io::ErrorKind::kPermission, "raw: Operation not permitted"};
  h.system.dgram_icmp_error =
      io::Error{io::ErrorKind::kPermission, "dgram: Operation not permitted"};
  h.system.tcp_responder = [](const std::string& address,
                              std::uint16_t port) -> std::optional<testing::FakeTcpAnswer> {
    if (address != "192.168.1.1" || port != 8080) return std::nullopt;
    return testing::FakeTcpAnswer{};
  };
  h.system.load->Serve(kDown, FakeLoadBehaviour{.mbit_s = 50, .port = 8080});
  h.Speed();
  const model::SpeedTest& test = h.snapshot.measurements.speed.at(0);
  CHECK(test.latency_method == "tcp-connect");
  CHECK(test.latency_port == 8080);
  CHECK(!test.idle_rtt_ms.empty());
  CHECK(!test.transfers.at(0).loaded_rtt_ms.empty());
}

TEST_CASE("speed: too close to the global deadline, the transfers do not start", "[speed]") {
  Harness h;
  h.options.speed_url = kDown;
  h.system.load->Serve(kDown, FakeLoadBehaviour{});
  auto record = h.Speed(milliseconds(1500));
  CHECK(record.status == model::ProbeStatus::kFailed);
  const model::Transfer& t = h.snapshot.measurements.speed.at(0).transfers.at(0);
  CHECK(t.status == "failed");
  CHECK(t.error == "not started: not enough time left before the deadline");
  CHECK(h.system.load->runs().empty());
}

// ---- peer ---------------------------------------------------------------------

const std::string kPeerBase = "http://192.168.1.30:8086";

void ServePeer(Harness& h) {
  h.system.http->Serve(kPeerBase + "/",
                       {200, R"({"service":"netfix-serve","version":"0.1.0","udp_echo":true})"});
  FakeLoadBehaviour lan{.mbit_s = 300, .ip = "192.168.1.30", .port = 8086};
  h.system.load->Serve(kPeerBase + "/download?bytes=1073741824", lan);
  h.system.load->Serve(kPeerBase + "/upload", lan);
}

TEST_CASE("peer: netfix serve measured, with udp-echo round trips", "[peer]") {
  Harness h;
  h.options.peer = "192.168.1.30";
  ServePeer(h);
  h.system.udp_responder = [](const std::string& address, std::uint16_t port,
                              const std::vector<std::uint8_t>& datagram) {
    std::vector<testing::FakeUdpReply> out;
    if (address == "192.168.1.30" && port == 8086 && datagram.size() >= 4 &&
        std::equal(datagram.begin(), datagram.begin() + 4, "NFXE"))
      out.push_back({std::chrono::microseconds(500), datagram, {}});
    return out;
  };
  auto record = h.Peer();
  CHECK(record.status == model::ProbeStatus::kOk);
  const model::SpeedTest& test = h.snapshot.measurements.speed.at(0);
  CHECK(test.leg == "home");
  CHECK(test.source == "peer");
  CHECK(test.server == "192.168.1.30:8086");
  CHECK(test.peer_version == "0.1.0");
  CHECK(test.latency_method == "udp-echo");
  CHECK(test.latency_port == 8086);
  REQUIRE(test.transfers.size() == 2);
  CHECK(test.transfers[0].mbit_s == Approx(300).epsilon(0.005));
  CHECK(test.transfers[1].mbit_s == Approx(300).epsilon(0.005));
  CHECK(!test.transfers[0].loaded_rtt_ms.empty());
  // The home leg's latency also as a round-trip series with role "peer".
  const model::PingResult* ping = nullptr;
  for (const auto& p : h.snapshot.measurements.ping)
    if (p.role == "peer") ping = &p;
  REQUIRE(ping != nullptr);
  CHECK(ping->target == "192.168.1.30");
  CHECK(ping->method == "udp-echo");
  CHECK(ping->sent == test.idle_sent);
  CHECK(ping->rtt_ms == test.idle_rtt_ms);
  CHECK(ping->name == "netfix serve 0.1.0");
  CHECK(h.Saw("peer: download"));
}

TEST_CASE("peer: without udp-echo answers, the round trips fall back to ICMP", "[peer]") {
  Harness h;
  h.options.peer = "192.168.1.30:8086";
  ServePeer(h);
  h.system.ping_responder = "192.168.1.30";
  h.Peer();
  const model::SpeedTest& test = h.snapshot.measurements.speed.at(0);
  CHECK(test.latency_method.rfind("icmp", 0) == 0);
  CHECK(!test.idle_rtt_ms.empty());
  const model::PingResult& ping = h.snapshot.measurements.ping.at(0);
  CHECK(ping.role == "peer");
  CHECK(ping.note.find("udp-echo") != std::string::npos);
}

TEST_CASE("peer: a web server that is not netfix serve", "[peer]") {
  Harness h;
  h.options.peer = "192.168.1.30";
  h.system.http->Serve(kPeerBase + "/", {200, "<html><body>FRITZ!Box</body></html>"});
  auto record = h.Peer();
  CHECK(record.status == model::ProbeStatus::kFailed);
  CHECK(record.reason == "192.168.1.30:8086 is not netfix serve");
  const model::SpeedTest& test = h.snapshot.measurements.speed.at(0);
  CHECK(test.error == "192.168.1.30:8086 is not netfix serve");
  CHECK(test.transfers.empty());
  CHECK(h.system.load->runs().empty());
  // JSON, but someone else's.
  Harness other;
  other.options.peer = "192.168.1.30";
  other.system.http->Serve(kPeerBase + "/", {200, R"({"service":"something-else"})"});
  CHECK(other.Peer().reason == "192.168.1.30:8086 is not netfix serve");
}

TEST_CASE("peer: nothing answers", "[peer]") {
  Harness h;
  h.options.peer = "192.168.1.30:9000";
  auto record = h.Peer();
  CHECK(record.status == model::ProbeStatus::kFailed);
  CHECK(record.reason.rfind("192.168.1.30:9000 did not answer", 0) == 0);
  CHECK(record.hint.find("netfix serve") != std::string::npos);
  CHECK(h.snapshot.measurements.ping.empty());
}

TEST_CASE("peer: addresses", "[peer]") {
  auto p = ParsePeerAddress("192.168.1.30", 8086);
  REQUIRE(p);
  CHECK(p->host == "192.168.1.30");
  CHECK(p->port == 8086);
  CHECK(ParsePeerAddress("tv.fritz.box:9000", 8086)->ToString() == "tv.fritz.box:9000");
  CHECK(ParsePeerAddress("[fd00::2]:9000", 8086)->ToString() == "[fd00::2]:9000");
  CHECK(ParsePeerAddress("fd00::2", 8086)->ToString() == "[fd00::2]:8086");
  for (const char* bad : {"", ":80", "host:", "host:0", "host:65536", "host:80x", "a b",
                          "http://host/", "[fd00::2", "[nope]:1", "host/x"})
    CHECK_FALSE(ParsePeerAddress(bad, 8086));
}

}  // namespace
}  // namespace netfix::probe
