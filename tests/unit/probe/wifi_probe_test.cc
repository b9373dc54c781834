// The Wi-Fi probe against a fake nl80211 that replays realistic messages, on
// simulated time (a 2.5 s scan or a 6 s timeout take microseconds).
#include "probe/wifi_probe.h"

#include <catch2/catch.hpp>

#include "probe/lan_probe.h"
#include "probe/scan_runner.h"
#include "support/fake_nl80211.h"
#include "support/fake_system.h"

using namespace netfix;
using namespace std::chrono_literals;
using model::ProbeStatus;
using testing::BssSpec;
using testing::FakeNl80211;
using testing::NlMessage;

namespace {

constexpr int kIndex = 3;
const std::string kRouter = "3c:a6:2f:10:00:01";

// Our access point: the real beacon's elements when the corpus is there,
// else hand-built ones (SSID, DS parameter set, RSN with CCMP and PSK).
BssSpec OwnAccessPoint() {
  BssSpec spec;
  spec.bssid = kRouter;
  spec.frequency_mhz = 2462;
  spec.status = NL80211_BSS_STATUS_ASSOCIATED;
  spec.signal_mbm = -5600;
  if (auto beacon = testing::BeaconIes()) {
    spec.ies = beacon->ies;
    spec.capability = beacon->capability;
  } else {
    spec.ies = testing::SsidIe("WLAN-2", {3, 1,    11,   48, 20, 1, 0, 0,    0x0f, 0xac, 4, 1, 0,
                                          0, 0x0f, 0xac, 4,  1,  0, 0, 0x0f, 0xac, 2,    0, 0});
  }
  return spec;
}

// A home with its router (associated), a neighbour's network and a hidden one.
std::shared_ptr<FakeNl80211> Kernel() {
  auto kernel = std::make_shared<FakeNl80211>();
  testing::InterfaceSpec wlan;
  wlan.index = kIndex;
  wlan.ssid = "WLAN-2";
  wlan.frequency_mhz = 2462;
  testing::InterfaceSpec p2p;
  p2p.index = 9;
  p2p.name = "p2p-dev-wlan0";
  p2p.type = NL80211_IFTYPE_P2P_DEVICE;
  kernel->interfaces = {NlMessage(NL80211_CMD_NEW_INTERFACE, testing::InterfaceAttributes(p2p)),
                        NlMessage(NL80211_CMD_NEW_INTERFACE, testing::InterfaceAttributes(wlan))};
  BssSpec neighbour;
  neighbour.bssid = "e0:28:6d:aa:bb:cc";
  neighbour.frequency_mhz = 5180;
  neighbour.signal_mbm = -7800;
  neighbour.seen_ms_ago = 2300;
  neighbour.ies = testing::SsidIe("Vodafone-AB12", {3, 1, 36});
  BssSpec hidden;
  hidden.bssid = "3c:a6:2f:10:00:02";
  hidden.frequency_mhz = 2462;
  hidden.ies = testing::SsidIe(std::string(6, '\0'));
  kernel->results = {
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, testing::BssAttributes(OwnAccessPoint())),
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, testing::BssAttributes(neighbour)),
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, testing::BssAttributes(hidden))};
  kernel->station = {NlMessage(NL80211_CMD_NEW_STATION, testing::StationAttributes({}))};
  return kernel;
}

struct Bench {
  testing::TestClock clock = testing::TestClock::Simulated();
  std::shared_ptr<FakeNl80211> kernel = Kernel();
  std::atomic<bool> cancel{false};
  probe::WifiTiming timing;
  probe::WifiPlan plan{"wlan0", "2024-05-01T12:00:00Z"};
  io::TimePoint start = clock.Now();

  probe::WifiOutcome Run() {
    testing::FakeNl80211Socket socket(kernel, clock);
    return probe::RunWifiScan(socket, clock, plan, timing, cancel);
  }
  double ElapsedMs() const { return io::MillisecondsBetween(start, clock.Now()); }
};

bool Contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("Wi-Fi probe: a triggered scan, its results and the link", "[probe][wifi]") {
  Bench bench;
  auto o = bench.Run();
  INFO(o.reason);
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason == "3 networks, triggered scan on wlan0; associated, -52 dBm");
  CHECK(o.hint.empty());
  CHECK_FALSE(o.cancelled);
  CHECK(bench.ElapsedMs() == Approx(2500));  // the scan's end event, not the 6 s limit
  CHECK(bench.kernel->Log() ==
        std::vector<std::string>{"interfaces", "trigger 3", "dump-scan 3", "station 3 " + kRouter});
  REQUIRE(o.scan);
  const model::WifiScan& s = *o.scan;
  CHECK(s.source == "nl80211");
  CHECK(s.format == "nl80211");
  CHECK(s.method == "triggered");
  CHECK(s.interface == "wlan0");
  CHECK(s.taken_at == "2024-05-01T12:00:00Z");
  CHECK(s.notes.empty());
  REQUIRE(s.networks.size() == 3);

  const model::WifiBss& own = s.networks[0];
  CHECK(own.bssid == kRouter);
  CHECK(own.ssid.bytes == "WLAN-2");
  CHECK(own.associated);
  CHECK(own.channel == 11);
  CHECK(own.band == "2.4");
  CHECK(*own.signal_dbm == Approx(-56));
  CHECK(own.security == "wpa2");
  CHECK(own.source == "nl80211");
  CHECK(own.seen_at == "2024-05-01T12:00:02Z");  // 120 ms before the results were read at +2.5 s

  CHECK(s.networks[1].ssid.bytes == "Vodafone-AB12");
  CHECK(s.networks[1].band == "5");
  CHECK(s.networks[1].channel == 36);
  CHECK(s.networks[1].seen_at == "2024-05-01T12:00:00Z");  // 2.3 s before
  CHECK_FALSE(s.networks[1].associated);
  CHECK(s.networks[2].hidden);

  REQUIRE(s.link);
  CHECK(s.link->interface == "wlan0");
  CHECK(s.link->bssid == kRouter);
  CHECK(s.link->ssid.bytes == "WLAN-2");
  CHECK(s.link->frequency_mhz == 2462);
  CHECK(*s.link->signal_dbm == Approx(-52));  // the station's, not the scan's -56
  CHECK(*s.link->tx_bitrate_mbps == Approx(866.7));
  CHECK(*s.link->rx_bitrate_mbps == Approx(780.0));
}

TEST_CASE("Wi-Fi probe: without CAP_NET_ADMIN the cached results are read", "[probe][wifi]") {
  Bench bench;
  bench.kernel->trigger_error =
      io::Error{io::ErrorKind::kPermission, "the kernel refused to scan: Operation not permitted"};
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason ==
        "3 networks, cached results on wlan0 (triggering a scan needs CAP_NET_ADMIN); "
        "associated, -52 dBm");
  CHECK(o.hint == "run with sudo or grant CAP_NET_ADMIN for a fresh Wi-Fi scan");
  CHECK(bench.ElapsedMs() == Approx(0));  // no waiting for a scan that never started
  REQUIRE(o.scan);
  CHECK(o.scan->method == "cached");
  CHECK(o.scan->networks.size() == 3);
  CHECK(o.scan->link);
  CHECK(o.scan->networks[0].seen_at == "2024-05-01T11:59:59Z");  // read at once
  REQUIRE(o.scan->notes.size() == 1);
  CHECK(o.scan->notes[0] ==
        "triggering a scan on 'wlan0' was not permitted (needs CAP_NET_ADMIN): the kernel's "
        "cached results");
}

TEST_CASE("Wi-Fi probe: another program's scan (EBUSY) -> cached results", "[probe][wifi]") {
  Bench bench;
  bench.kernel->trigger_busy = true;
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason ==
        "3 networks, cached results on wlan0 (another scan was running); associated, -52 dBm");
  CHECK(o.hint.empty());
  REQUIRE(o.scan);
  CHECK(o.scan->method == "cached");
  CHECK(Contains(o.scan->notes, "(EBUSY)"));
}

TEST_CASE("Wi-Fi probe: other trigger refusals -> cached results with the reason",
          "[probe][wifi]") {
  Bench bench;
  bench.kernel->trigger_error =
      io::Error{io::ErrorKind::kOther, "the kernel refused to scan: Network is down"};
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason ==
        "3 networks, cached results on wlan0 (cannot trigger a scan: the kernel refused to scan: "
        "Network is down); associated, -52 dBm");
  REQUIRE(o.scan);
  CHECK(o.scan->method == "cached");
}

TEST_CASE("Wi-Fi probe: a scan that never ends is cut at its deadline", "[probe][wifi]") {
  Bench bench;
  bench.kernel->scan_takes.reset();
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kFailed);
  CHECK(o.reason ==
        "the scan on 'wlan0' did not finish within 6 s: the kernel's cached results "
        "(3 networks; associated, -52 dBm)");
  CHECK(bench.ElapsedMs() == Approx(6000));
  REQUIRE(o.scan);  // what the kernel had is still recorded
  CHECK(o.scan->method == "cached");
  CHECK(o.scan->networks.size() == 3);
  CHECK(Contains(o.scan->notes, "did not finish within 6 s"));
}

TEST_CASE("Wi-Fi probe: an aborted scan -> cached results", "[probe][wifi]") {
  Bench bench;
  bench.kernel->scan_aborts = true;
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason ==
        "3 networks, cached results on wlan0 (the scan was aborted); associated, -52 dBm");
  REQUIRE(o.scan);
  CHECK(o.scan->method == "cached");
  CHECK(bench.ElapsedMs() == Approx(2500));
}

TEST_CASE("Wi-Fi probe: another interface's scan events are not ours", "[probe][wifi]") {
  Bench bench;
  bench.kernel->early_events = {
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, testing::ScanEventAttributes(5)),
      NlMessage(NL80211_CMD_SCAN_ABORTED, testing::ScanEventAttributes(5)),
      NlMessage(NL80211_CMD_TRIGGER_SCAN, testing::ScanEventAttributes(kIndex))};
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  REQUIRE(o.scan);
  CHECK(o.scan->method == "triggered");
  CHECK(bench.ElapsedMs() == Approx(2500));
}

TEST_CASE("Wi-Fi probe: an interface nl80211 does not know is skipped", "[probe][wifi]") {
  Bench bench;
  bench.plan.interface = "wlan1";
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kSkipped);
  CHECK(o.reason == "no Wi-Fi interface: nl80211 does not know 'wlan1'");
  CHECK_FALSE(o.scan);
  CHECK(bench.kernel->Log() == std::vector<std::string>{"interfaces"});
}

TEST_CASE("Wi-Fi probe: not associated -> no link, no station query", "[probe][wifi]") {
  Bench bench;
  BssSpec spec = OwnAccessPoint();
  spec.status.reset();
  bench.kernel->results = {
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, testing::BssAttributes(spec)),
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, std::vector<std::uint8_t>{1, 2, 3}),
      NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, {})};
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason == "1 network, triggered scan on wlan0");
  REQUIRE(o.scan);
  CHECK_FALSE(o.scan->link);
  CHECK(o.scan->notes == std::vector<std::string>{"2 scan results without a BSSID skipped"});
  CHECK(bench.kernel->Log() == std::vector<std::string>{"interfaces", "trigger 3", "dump-scan 3"});
}

TEST_CASE("Wi-Fi probe: station info fails -> the link from the scan, with a note",
          "[probe][wifi]") {
  Bench bench;
  bench.kernel->station_error =
      io::Error{io::ErrorKind::kNotFound, "nl80211 refused the station info: No such file"};
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kOk);
  CHECK(o.reason == "3 networks, triggered scan on wlan0; associated, -56 dBm");
  REQUIRE(o.scan);
  REQUIRE(o.scan->link);
  CHECK(*o.scan->link->signal_dbm == Approx(-56));
  CHECK_FALSE(o.scan->link->tx_bitrate_mbps);
  CHECK(Contains(o.scan->notes, "no station info for " + kRouter));
}

TEST_CASE("Wi-Fi probe: unreadable interface list or results fail the probe", "[probe][wifi]") {
  Bench bench;
  bench.kernel->interfaces_error =
      io::Error{io::ErrorKind::kOther, "nl80211 did not answer in time (interfaces)"};
  auto o = bench.Run();
  CHECK(o.status == ProbeStatus::kFailed);
  CHECK(o.reason ==
        "cannot list the Wi-Fi interfaces: nl80211 did not answer in time (interfaces)");
  CHECK_FALSE(o.scan);

  Bench results;
  results.kernel->results_error =
      io::Error{io::ErrorKind::kOther, "nl80211 did not answer in time (scan results)"};
  o = results.Run();
  CHECK(o.status == ProbeStatus::kFailed);
  CHECK(o.reason ==
        "cannot read the scan results on 'wlan0': nl80211 did not answer in time (scan results)");
  CHECK_FALSE(o.scan);  // no results is not "no networks around"
}

TEST_CASE("Wi-Fi probe: cancel ends the wait for the scan", "[probe][wifi]") {
  Bench bench;
  bench.kernel->scan_takes.reset();
  bench.cancel = true;
  auto o = bench.Run();
  CHECK(o.cancelled);
  CHECK_FALSE(o.scan);
  CHECK(bench.ElapsedMs() < 100);
}

TEST_CASE("Wi-Fi probe: which interface", "[probe][wifi]") {
  auto iface = [](std::string name, std::string kind, bool up) {
    model::Interface i;
    i.name = std::move(name);
    i.kind = std::move(kind);
    i.up = up;
    return i;
  };
  model::Snapshot s;
  CHECK(probe::ChooseWifiInterface(s, "") == nullptr);
  s.interfaces = {iface("lo", "loopback", true), iface("eth0", "ethernet", true)};
  CHECK(probe::ChooseWifiInterface(s, "eth0") == nullptr);
  s.interfaces.push_back(iface("wlan1", "wifi", false));
  s.interfaces.push_back(iface("wlan0", "wifi", true));
  CHECK(probe::ChooseWifiInterface(s, "eth0")->name == "wlan0");   // the first one that is up
  CHECK(probe::ChooseWifiInterface(s, "wlan1")->name == "wlan1");  // the scan interface
  s.interfaces[3].up = false;
  CHECK(probe::ChooseWifiInterface(s, "eth0")->name == "wlan1");
}

namespace {

// The probe as the scan runs it: Precheck, Run, Finish.
struct ProbeBench {
  std::shared_ptr<testing::FakeSystem> system = std::make_shared<testing::FakeSystem>();
  probe::ScanOptions options;
  probe::ScanTuning tuning;
  model::Snapshot base;
  probe::InterfaceChoice choice{"eth0", std::nullopt, ""};
  std::atomic<bool> cancel{false}, active_done{false};
  std::atomic<int> devices_found{0};
  probe::LanContext context{*system, options, tuning,      base,
                            choice,  cancel,  active_done, devices_found};

  ProbeBench() {
    model::Interface eth0;
    eth0.name = "eth0";
    eth0.kind = "ethernet";
    eth0.up = true;
    model::Interface wlan0;
    wlan0.name = "wlan0";
    wlan0.kind = "wifi";
    wlan0.up = true;
    base.interfaces = {eth0, wlan0};
    system->nl80211 = Kernel();
    system->nl80211->scan_takes = 2ms;  // the fake system's clock is real
  }

  model::ProbeRecord Scan(model::Snapshot* snapshot) {
    auto probe = probe::MakeWifiProbe();
    CHECK(std::string(probe->id()) == "wifi");
    if (auto skipped = probe->Precheck(context)) return *skipped;
    probe->Run(context);
    probe::DeviceTable devices;
    return probe->Finish({cancel.load(), "interrupted"}, snapshot, &devices);
  }
};

}  // namespace

TEST_CASE("Wi-Fi probe: as a scan probe, the scan goes into the snapshot", "[probe][wifi]") {
  ProbeBench bench;
  model::Snapshot snapshot;
  auto record = bench.Scan(&snapshot);
  CHECK(record.id == "wifi");
  CHECK(record.status == ProbeStatus::kOk);
  CHECK(record.reason == "3 networks, triggered scan on wlan0; associated, -52 dBm");
  REQUIRE(snapshot.measurements.wifi);
  CHECK(snapshot.measurements.wifi->taken_at == "2024-05-01T12:00:00Z");
  CHECK(snapshot.measurements.wifi->networks.size() == 3);
}

TEST_CASE("Wi-Fi probe: skipped without a Wi-Fi interface or without nl80211", "[probe][wifi]") {
  model::Snapshot snapshot;
  {
    ProbeBench bench;
    bench.base.interfaces.pop_back();
    auto record = bench.Scan(&snapshot);
    CHECK(record.status == ProbeStatus::kSkipped);
    CHECK(record.reason == "no Wi-Fi interface");
  }
  {
    ProbeBench bench;
    bench.base.interfaces[1].up = false;
    auto record = bench.Scan(&snapshot);
    CHECK(record.status == ProbeStatus::kSkipped);
    CHECK(record.reason == "the Wi-Fi interface 'wlan0' is down");
  }
  {
    ProbeBench bench;
    bench.system->nl80211.reset();
    auto record = bench.Scan(&snapshot);
    CHECK(record.status == ProbeStatus::kSkipped);
    CHECK(record.reason == "no Wi-Fi interface (nl80211 is not available: Object not found)");
  }
  CHECK_FALSE(snapshot.measurements.wifi);
  {
    ProbeBench bench;
    bench.system->nl80211_error =
        io::Error{io::ErrorKind::kOther, "cannot open a generic netlink socket: Out of memory"};
    auto record = bench.Scan(&snapshot);
    CHECK(record.status == ProbeStatus::kFailed);
    CHECK(record.reason == "cannot open a generic netlink socket: Out of memory");
  }
}

TEST_CASE("Wi-Fi probe: stopped by the scan -> failed with the stop reason", "[probe][wifi]") {
  ProbeBench bench;
  bench.system->nl80211->scan_takes.reset();
  bench.cancel = true;
  model::Snapshot snapshot;
  auto record = bench.Scan(&snapshot);
  CHECK(record.status == ProbeStatus::kFailed);
  CHECK(record.reason == "interrupted");
  CHECK_FALSE(snapshot.measurements.wifi);
}

TEST_CASE("Wi-Fi probe: one scan on its own (netfix survey)", "[probe][wifi]") {
  ProbeBench bench;
  bench.system->network.interfaces = bench.base.interfaces;
  auto live = probe::ScanWifiWith(*bench.system, "", 10s, {});
  CHECK(live.record.id == "wifi");
  CHECK(live.record.status == ProbeStatus::kOk);
  CHECK(live.record.duration_ms >= 0);
  REQUIRE(live.scan);
  CHECK(live.scan->interface == "wlan0");
  CHECK(live.scan->method == "triggered");

  live = probe::ScanWifiWith(*bench.system, "wlan0", 10s, {});
  CHECK(live.record.status == ProbeStatus::kOk);

  live = probe::ScanWifiWith(*bench.system, "eth0", 10s, {});
  CHECK(live.record.status == ProbeStatus::kSkipped);
  CHECK(live.record.reason == "'eth0' is not a Wi-Fi interface");
  CHECK_FALSE(live.scan);

  live = probe::ScanWifiWith(*bench.system, "wlan7", 10s, {});
  CHECK(live.record.reason == "no interface 'wlan7'");

  // The wait for the scan's end is bounded by the deadline too.
  bench.system->nl80211->scan_takes.reset();
  probe::WifiTiming quick;
  quick.slice = 5ms;
  live = probe::ScanWifiWith(*bench.system, "", 30ms, quick);
  CHECK(live.record.status == ProbeStatus::kFailed);
  CHECK(live.record.reason.rfind("the scan on 'wlan0' did not finish within 30 ms", 0) == 0);
  REQUIRE(live.scan);
  CHECK(live.scan->method == "cached");

  bench.system->network.interfaces.pop_back();
  live = probe::ScanWifiWith(*bench.system, "", 10s, {});
  CHECK(live.record.status == ProbeStatus::kSkipped);
  CHECK(live.record.reason == "no Wi-Fi interface");
}
