// RunScanWith against a fake system. The fakes answer within microseconds
// and the timings are shortened, so a whole scan takes tens of milliseconds.
#include <catch2/catch.hpp>
#include <mutex>

#include "probe/scan_runner.h"
#include "support/fake_dhcp.h"
#include "support/fake_ipv6.h"
#include "support/fake_nl80211.h"
#include "support/fake_system.h"
#include "version.h"

using namespace netfix;
using namespace std::chrono_literals;
using model::ProbeStatus;
using testing::DnsResponse;
using testing::FakeDnsReply;

namespace {

probe::ScanTuning Fast() {
  probe::ScanTuning t;
  t.arp.retry_gap = 5ms;
  t.arp.settle = 20ms;
  t.arp.max_settle = 40ms;
  t.arp.late_after = 15ms;
  t.ping = {2ms, 50ms, 5ms};
  t.dns = {50ms, 100ms, 10ms};
  t.dhcp.min_window = 20ms;
  t.dhcp.max_window = 400ms;
  t.dhcp.slice = 5ms;
  t.ipv6.window = 30ms;
  t.ipv6.solicited_within = 30ms;
  t.ipv6.slice = 5ms;
  t.passive.slice = 5ms;
  t.ssdp.window = 30ms;
  t.ssdp.resend_after = 10ms;
  t.mdns.window = 30ms;
  t.mdns.resend_after = 10ms;
  t.wifi.slice = 5ms;
  t.igmp.hold = 5ms;
  t.igmp.window = 20ms;
  t.igmp.slice = 5ms;
  t.latency.reply_timeout = 50ms;
  t.latency.poll = 5ms;
  t.poll_interval = 5ms;
  t.stop_grace = 500ms;
  return t;
}

model::Interface Iface(const std::string& name, const std::string& mac,
                       std::vector<model::InterfaceAddress> addresses, bool loopback = false) {
  model::Interface i;
  i.name = name;
  i.mac = mac;
  i.up = i.running = true;
  i.loopback = loopback;
  i.kind = loopback ? "loopback" : "ethernet";
  i.addresses = std::move(addresses);
  return i;
}

testing::DnsServerFn Answers(const std::string& address) {
  return [address](const wire::DnsMessage& m, int) {
    return std::vector<FakeDnsReply>{{1ms, DnsResponse(m, 0, {address})}};
  };
}

// The computer's Wi-Fi radio, up but not connected (the home is wired), and
// what nl80211 says about it: the router's 5 GHz network around.
std::shared_ptr<testing::FakeNl80211> WifiRadio() {
  auto kernel = std::make_shared<testing::FakeNl80211>();
  testing::InterfaceSpec wlan;
  wlan.index = 3;
  kernel->interfaces = {
      testing::NlMessage(NL80211_CMD_NEW_INTERFACE, testing::InterfaceAttributes(wlan))};
  testing::BssSpec router;
  router.bssid = "3c:a6:2f:10:00:02";
  router.frequency_mhz = 5180;
  router.ies = testing::SsidIe("FRITZ!Box 7590 XY", {3, 1, 36});
  kernel->results = {
      testing::NlMessage(NL80211_CMD_NEW_SCAN_RESULTS, testing::BssAttributes(router))};
  kernel->scan_takes = 2ms;  // the fake system tells real time
  return kernel;
}

// A small home: 192.168.1.0/28, us at .5 (and a Wi-Fi radio), the router at
// .1 (DHCP server, IPv6 router), a Raspberry Pi and two devices claiming .9.
std::shared_ptr<testing::FakeSystem> Home() {
  auto system = std::make_shared<testing::FakeSystem>();
  model::Interface wlan0 = Iface("wlan0", "f0:d5:bf:4e:46:59", {});
  wlan0.kind = "wifi";
  wlan0.running = false;
  system->network.interfaces = {Iface("lo", "", {{"ipv4", "127.0.0.1", 8, "host"}}, true),
                                Iface("eth0", "f0:d5:bf:4e:46:58",
                                      {{"ipv4", "192.168.1.5", 28, "global"},
                                       {"ipv6", "2001:db8:1::f2d5:bfff:fe4e:4658", 64, "global"},
                                       {"ipv6", "fe80::f2d5:bfff:fe4e:4658", 64, "link"}}),
                                wlan0};
  system->nl80211 = WifiRadio();
  system->network.routes = {{"ipv4", "default", "192.168.1.1", "eth0", 100},
                            {"ipv4", "192.168.1.0/28", "", "eth0", 100}};
  system->network.neighbours = {{"eth0", "192.168.1.2", "dc:a6:32:11:06:06"},
                                {"docker0", "172.17.0.2", "02:42:ac:11:00:02"}};
  system->hosts = {{"3c:a6:2f:10:00:01", "192.168.1.1"},
                   {"dc:a6:32:11:06:06", "192.168.1.2"},
                   {"3c:2a:f4:11:03:03", "192.168.1.9"},
                   {"00:1b:a9:66:03:03", "192.168.1.9", 2ms}};
  system->ping_responder = "192.168.1.1";
  system->files["/etc/resolv.conf"] = "nameserver 192.168.1.1\n";
  system->files["/usr/share/ieee-data/oui.csv"] =
      "Registry,Assignment,Organization Name,Organization Address\n"
      "MA-L,3CA62F,AVM GmbH,Berlin\nMA-L,F0D5BF,Intel Corporate,x\n"
      "MA-L,001BA9,Brother industries,x\nMA-L,DCA632,Raspberry Pi Trading Ltd,x\n";
  system->dns_servers["192.168.1.1"] = Answers("93.184.216.34");
  system->dns_servers["1.1.1.1"] = Answers("93.184.216.34");
  system->network.neighbours6 = {{"eth0", "fe80::dea6:32ff:fe11:606", "dc:a6:32:11:06:06"}};
  system->segment().AddResponder(testing::DhcpResponder({}));
  testing::FakeIpv6Router router;
  router.ra = testing::TypicalRa();
  system->segment().AddResponder(testing::Ipv6RouterResponder(router));
  system->segment().AddResponder(
      testing::Ipv6HostResponder({"dc:a6:32:11:06:06", "fe80::dea6:32ff:fe11:606"}));
  return system;
}

probe::ScanOptions Options() {
  probe::ScanOptions o;
  o.dns_names = {"example.com"};
  o.reference_resolvers = {"1.1.1.1"};
  o.latency_count = 3;
  o.latency_interval = 2ms;
  o.deadline = 10s;
  return o;
}

struct Progress {
  std::mutex mutex;
  std::vector<probe::Progress> calls;
  probe::ProgressFn Fn() {
    return [this](const probe::Progress& p) {
      std::lock_guard lock(mutex);
      calls.push_back(p);
    };
  }
};

std::vector<std::string> Ids(const model::Snapshot& s) {
  std::vector<std::string> ids;
  for (const auto& p : s.probes) ids.push_back(p.id);
  return ids;
}

const model::ProbeRecord& Probe(const model::Snapshot& s, const std::string& id) {
  const auto* p = s.FindProbe(id);
  REQUIRE(p != nullptr);
  return *p;
}

}  // namespace

TEST_CASE("scan: a healthy home, every probe ok", "[probe][scan]") {
  auto system = Home();
  std::atomic<bool> stop{false};
  Progress progress;
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, progress.Fn());

  CHECK(Ids(s) == model::KnownProbeIds());
  for (const auto& p : s.probes) {
    INFO(p.id << ": " << p.reason);
    // Throughput needs a server the user names (--speed-url, --peer).
    bool unconfigured = p.id == "speed" || p.id == "peer";
    CHECK(p.status == (unconfigured ? ProbeStatus::kSkipped : ProbeStatus::kOk));
    CHECK(p.duration_ms >= 0);
  }
  CHECK(s.host.hostname == "testhost");
  CHECK(s.host.started_at == "2024-05-01T12:00:00Z");
  CHECK(s.host.netfix_version == NETFIX_VERSION);
  CHECK(s.host.privileged);
  CHECK_FALSE(s.host.interrupted);
  CHECK(s.host.duration_ms > 0);
  CHECK(s.scan_interface == "eth0");
  CHECK(s.default_gateway == "192.168.1.1");

  REQUIRE(s.measurements.arp);
  CHECK(s.measurements.arp->subnet == "192.168.1.0/28");
  CHECK(s.measurements.arp->addresses_probed == 13);
  REQUIRE(s.measurements.arp->conflicts.size() == 1);
  CHECK(s.measurements.arp->conflicts[0].ip == "192.168.1.9");
  CHECK(Probe(s, "arp-sweep").reason.rfind("4 devices, 13 addresses in ", 0) == 0);

  const auto* self = s.FindDeviceByMac("f0:d5:bf:4e:46:58");
  REQUIRE(self);
  CHECK(self->is_self);
  CHECK(self->vendor == "Intel Corporate");
  CHECK(self->ipv4 == std::vector<std::string>{"192.168.1.5"});
  const auto* router = s.FindDeviceByMac("3c:a6:2f:10:00:01");
  REQUIRE(router);
  CHECK(router->is_gateway);
  CHECK(router->vendor == "AVM GmbH");
  CHECK(router->seen_by == std::vector<std::string>{"arp-reply", "dhcp-server", "ipv6-ra"});
  CHECK(router->ipv6 == std::vector<std::string>{"fe80::3ea6:2fff:fe10:1"});
  const auto* pi = s.FindDeviceByMac("dc:a6:32:11:06:06");
  REQUIRE(pi);
  CHECK(pi->seen_by == std::vector<std::string>{"neighbour-table", "arp-reply", "ipv6-ndp",
                                                "ipv6-echo-reply", "ipv6-neighbour-table"});
  CHECK(pi->ipv6 == std::vector<std::string>{"fe80::dea6:32ff:fe11:606"});
  CHECK(self->ipv6.size() == 2);
  CHECK(s.FindDevicesByIp("192.168.1.9").size() == 2);
  CHECK(s.FindDeviceByMac("02:42:ac:11:00:02") == nullptr);  // another interface's neighbour
  CHECK(s.devices.size() == 5);

  REQUIRE(s.measurements.ping.size() == 2);
  const auto& ping = s.measurements.ping[0];
  CHECK(ping.target == "192.168.1.1");
  CHECK(ping.role == "gateway");
  CHECK(ping.method == "icmp-raw");
  CHECK(ping.sent == 5);
  CHECK(ping.received == 5);
  CHECK(ping.answers_arp == true);
  // The gateway is also the resolver: measured once. The internet target
  // drops ICMP echo here and answers DNS.
  const auto& internet = s.measurements.ping[1];
  CHECK(internet.target == "1.1.1.1");
  CHECK(internet.role == "internet");
  CHECK(internet.method == "udp");
  CHECK(internet.received == 3);
  CHECK(Probe(s, "latency").reason.rfind("1 target: 1 via udp; internet 1.1.1.1 avg ", 0) == 0);

  REQUIRE(s.measurements.igmp_querier);
  CHECK(s.measurements.igmp_querier->joined);
  CHECK(s.measurements.igmp_querier->queries.empty());

  REQUIRE(s.measurements.dns.size() == 2);
  CHECK(s.measurements.dns[0].resolver == "192.168.1.1");
  CHECK(s.measurements.dns[0].queries[0].outcome == "ok");
  CHECK(s.measurements.dns[1].source == "reference");

  REQUIRE(s.measurements.dhcp);
  const auto& dhcp = *s.measurements.dhcp;
  CHECK(dhcp.interface == "eth0");
  CHECK(dhcp.client_mac != "f0:d5:bf:4e:46:58");
  REQUIRE(dhcp.messages.size() == 2);
  for (const auto& m : dhcp.messages) {
    CHECK(m.server_id == "192.168.1.1");
    CHECK(m.routers == std::vector<std::string>{"192.168.1.1"});
  }
  CHECK(Probe(s, "dhcp").reason.rfind("1 server: 192.168.1.1 (inform-ack after ", 0) == 0);

  REQUIRE(s.measurements.ipv6);
  const auto& ipv6 = *s.measurements.ipv6;
  CHECK(ipv6.client_global_addresses ==
        std::vector<std::string>{"2001:db8:1::f2d5:bfff:fe4e:4658"});
  REQUIRE(ipv6.router_advertisements.size() == 1);
  CHECK(ipv6.router_advertisements[0].prefixes.at(0).prefix == "2001:db8:1::");
  CHECK(ipv6.neighbours.size() == 3);  // ndp, echo-reply, neighbour-table: the Pi
  CHECK(Probe(s, "ipv6").reason ==
        "1 router advertisement, 1 neighbours (1 answered ff02::1), 1 global address");

  REQUIRE(s.measurements.passive);
  CHECK(s.measurements.passive->window_ms > 0);

  REQUIRE(s.measurements.wifi);
  CHECK(s.measurements.wifi->interface == "wlan0");
  CHECK(s.measurements.wifi->method == "triggered");
  REQUIRE(s.measurements.wifi->networks.size() == 1);
  CHECK(s.measurements.wifi->networks[0].ssid.bytes == "FRITZ!Box 7590 XY");
  CHECK_FALSE(s.measurements.wifi->link);
  CHECK(Probe(s, "wifi").reason == "1 network, triggered scan on wlan0");

  std::vector<std::string> phases;
  for (const auto& p : progress.calls) phases.push_back(p.phase);
  CHECK(phases.front() == "host-config");
  CHECK(std::find(phases.begin(), phases.end(), "resolvers") != phases.end());
  CHECK(std::any_of(phases.begin(), phases.end(),
                    [](const std::string& p) { return p.find("arp-sweep") != std::string::npos; }));
  CHECK(s.notes.empty());
}

TEST_CASE("scan: without privilege the raw probes are skipped with the hint", "[probe][scan]") {
  auto system = Home();
  system->facts.privileged = false;
  system->packet_error =
      io::Error{io::ErrorKind::kPermission, "cannot capture on 'eth0': permission denied"};
  system->raw_icmp_error =
      io::Error{io::ErrorKind::kPermission, "cannot open raw ICMP socket: Operation not permitted"};
  system->dgram_icmp_error =
      io::Error{io::ErrorKind::kPermission,
                "cannot open unprivileged datagram ICMP socket: Permission denied"};
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK_FALSE(s.host.privileged);
  const auto& arp = Probe(s, "arp-sweep");
  CHECK(arp.status == ProbeStatus::kSkipped);
  CHECK(arp.reason == "cannot capture on 'eth0': permission denied");
  CHECK(arp.hint == "run with sudo or grant CAP_NET_RAW");
  const auto& ping = Probe(s, "gateway-ping");
  CHECK(ping.status == ProbeStatus::kSkipped);
  CHECK(ping.hint == "run with sudo or grant CAP_NET_RAW");
  CHECK(Probe(s, "dns").status == ProbeStatus::kOk);
  CHECK(Probe(s, "host-config").status == ProbeStatus::kOk);
  CHECK(Probe(s, "igmp-querier").status == ProbeStatus::kSkipped);
  CHECK(Probe(s, "igmp-querier").hint == "run with sudo or grant CAP_NET_RAW");
  CHECK_FALSE(s.measurements.arp);
  CHECK_FALSE(s.measurements.igmp_querier);
  // No gateway ping; the internet target's round trips need no privilege.
  REQUIRE(s.measurements.ping.size() == 1);
  CHECK(s.measurements.ping[0].role == "internet");
  CHECK(s.measurements.ping[0].method == "udp");
  CHECK(s.measurements.ping[0].note.rfind("ICMP echo not possible (", 0) == 0);
  // What the kernel already knew is still there.
  CHECK(s.devices.size() == 2);
  CHECK(s.FindDeviceByMac("dc:a6:32:11:06:06") != nullptr);

  system->dgram_icmp_error.reset();  // ping_group_range allows us
  auto dgram = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  REQUIRE(dgram.measurements.ping.size() == 2);
  CHECK(dgram.measurements.ping[0].role == "gateway");
  CHECK(dgram.measurements.ping[0].method == "icmp-dgram");
  CHECK_FALSE(dgram.measurements.ping[0].answers_arp);  // no sweep: unknown
}

TEST_CASE("scan: no IPv4 address and no gateway", "[probe][scan]") {
  auto system = Home();
  system->network.interfaces = {
      Iface("lo", "", {{"ipv4", "127.0.0.1", 8, "host"}}, true),
      Iface("eth0", "f0:d5:bf:4e:46:58", {{"ipv6", "fe80::1", 64, "link"}})};
  system->network.routes.clear();
  system->files.erase("/etc/resolv.conf");
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK(Probe(s, "host-config").status == ProbeStatus::kOk);
  CHECK(Probe(s, "arp-sweep").status == ProbeStatus::kSkipped);
  CHECK(Probe(s, "arp-sweep").reason == "no IPv4 address on any interface");
  CHECK(Probe(s, "gateway-ping").status == ProbeStatus::kSkipped);
  CHECK(Probe(s, "gateway-ping").reason == "no default gateway");
  CHECK(Probe(s, "dns").status == ProbeStatus::kOk);  // the reference resolver
  REQUIRE(s.resolvers.size() == 1);
  CHECK(s.resolvers[0].source == "reference");
  CHECK(s.scan_interface.empty());
  // No sweep; what is known comes from DHCP and IPv6, which ask on the link anyway.
  CHECK(Probe(s, "dhcp").status == ProbeStatus::kOk);
  for (const auto& d : s.devices) {
    INFO(d.mac);
    CHECK(d.ipv4.size() <= 1);
    CHECK(std::count(d.seen_by.begin(), d.seen_by.end(), "arp-reply") == 0);
  }

  auto nothing = Options();
  nothing.reference_resolvers.clear();
  auto bare = probe::RunScanWith(system, nothing, Fast(), stop, nullptr);
  CHECK(Probe(bare, "dns").status == ProbeStatus::kSkipped);
  CHECK(Probe(bare, "dns").reason == "no resolvers to ask");
}

TEST_CASE("scan: Ctrl-C mid-scan keeps what was collected", "[probe][scan]") {
  auto system = Home();
  system->dns_servers.clear();  // nobody answers: dns would take its full time
  auto slow = Fast();
  slow.arp.settle = 5s;
  slow.arp.max_settle = 5s;
  slow.dns = {2s, 5s, 10ms};
  slow.ping = {1s, 2s, 10ms};
  std::atomic<bool> stop{false};
  auto start = std::chrono::steady_clock::now();
  auto s = probe::RunScanWith(system, Options(), slow, stop, [&](const probe::Progress& p) {
    // Press Ctrl-C once the ARP sweep has heard every device.
    if (p.phase.find("arp-sweep") != std::string::npos && p.devices_found >= 5) stop = true;
  });
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  CHECK(s.host.interrupted);
  CHECK(s.host.interrupt_reason == "interrupted by user");
  for (const char* id : {"arp-sweep", "gateway-ping", "dns"}) {
    INFO(id);
    CHECK(Probe(s, id).status == ProbeStatus::kFailed);
    CHECK(Probe(s, id).reason == "interrupted");
  }
  CHECK(Probe(s, "host-config").status == ProbeStatus::kOk);
  REQUIRE(s.measurements.arp);
  CHECK(s.measurements.arp->conflicts.size() == 1);  // found before the stop, kept
  CHECK(s.FindDeviceByMac("3c:a6:2f:10:00:01") != nullptr);
  REQUIRE(s.measurements.ping.size() == 1);
  CHECK(s.measurements.ping[0].sent == 1);
  CHECK(s.measurements.ping[0].answers_arp == true);  // the gateway answered before the stop
  REQUIRE(s.measurements.dns.size() == 2);
  CHECK(s.measurements.dns[0].queries[0].detail == "stopped before an answer came");
}

TEST_CASE("scan: a stop before the LAN probes start skips them", "[probe][scan]") {
  auto system = Home();
  std::atomic<bool> stop{true};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK(Probe(s, "host-config").status == ProbeStatus::kOk);
  CHECK(Probe(s, "resolvers").status == ProbeStatus::kOk);
  for (const char* id : {"arp-sweep", "gateway-ping", "dns"}) {
    CHECK(Probe(s, id).status == ProbeStatus::kSkipped);
    CHECK(Probe(s, id).reason == "not started: interrupted");
  }
  CHECK(s.host.interrupted);
  CHECK(s.devices.size() == 2);  // ourselves and the neighbour table
}

TEST_CASE("scan: the global deadline stops the probes still running", "[probe][scan]") {
  auto system = Home();
  system->dns_servers.clear();
  auto slow = Fast();
  slow.dns = {5s, 10s, 10ms};
  auto options = Options();
  options.deadline = 300ms;
  std::atomic<bool> stop{false};
  auto start = std::chrono::steady_clock::now();
  auto s = probe::RunScanWith(system, options, slow, stop, nullptr);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(took >= 300ms);
  CHECK(took < 1s);
  CHECK(s.host.interrupted);
  CHECK(s.host.interrupt_reason == "global deadline of 0.3 s reached");
  CHECK(Probe(s, "dns").status == ProbeStatus::kFailed);
  CHECK(Probe(s, "dns").reason == "stopped at the global deadline after 0.3 s");
  // The sweep and the ping were done by then.
  CHECK(Probe(s, "arp-sweep").status == ProbeStatus::kOk);
  CHECK(Probe(s, "gateway-ping").status == ProbeStatus::kOk);
  CHECK(s.host.duration_ms >= 300);
}

TEST_CASE("scan: a probe that ignores the stop is left behind after the grace time",
          "[probe][scan]") {
  auto system = Home();
  system->udp_stall = 1500ms;  // every DNS receive blocks, ignoring its deadline
  auto tuning = Fast();
  tuning.stop_grace = 100ms;
  auto options = Options();
  options.deadline = 200ms;
  std::atomic<bool> stop{false};
  auto start = std::chrono::steady_clock::now();
  auto s = probe::RunScanWith(system, options, tuning, stop, nullptr);
  CHECK(std::chrono::steady_clock::now() - start < 1200ms);
  CHECK(Probe(s, "dns").status == ProbeStatus::kFailed);
  CHECK(Probe(s, "dns").reason ==
        "stopped at the global deadline after 0.2 s (did not end in time; its results are lost)");
  CHECK(s.measurements.dns.empty());
  CHECK(Probe(s, "arp-sweep").status == ProbeStatus::kOk);
}

TEST_CASE("scan: without ieee-data there is a note and no vendors", "[probe][scan]") {
  auto system = Home();
  system->files.erase("/usr/share/ieee-data/oui.csv");
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  REQUIRE(s.notes.size() == 1);
  CHECK(s.notes[0].rfind("ieee-data not installed: vendors unknown", 0) == 0);
  for (const auto& d : s.devices) CHECK(d.vendor.empty());
}

TEST_CASE("scan: a DHCP server's late OFFER is caught while other probes run, not waited for",
          "[probe][scan][dhcp]") {
  auto system = Home();
  testing::FakeDhcpServer server;
  server.mac = "50:c7:bf:00:00:01";  // a second, slower server beside the router
  server.ip = "192.168.1.254";
  server.offer_delay = 120ms;
  server.inform_delay = 1ms;
  system->segment().AddResponder(testing::DhcpResponder(server));
  std::atomic<bool> stop{false};

  SECTION("the other probes take longer: DHCP listens as long, the offer is in") {
    system->dns_servers["1.1.1.1"] = [](const wire::DnsMessage& m, int) {
      return std::vector<FakeDnsReply>{{250ms, DnsResponse(m, 0, {"93.184.216.34"})}};
    };
    auto tuning = Fast();
    tuning.dns = {400ms, 500ms, 10ms};
    auto s = probe::RunScanWith(system, Options(), tuning, stop, nullptr);
    REQUIRE(s.measurements.dhcp);
    CHECK(s.measurements.dhcp->window_ms >= 240);
    CHECK(s.measurements.dhcp->window_ms < 400);  // the cap was not needed
    int offers = 0;
    for (const auto& m : s.measurements.dhcp->messages) offers += m.how == "offer";
    CHECK(offers == 2);
    for (const auto& note : s.notes) CHECK(note.find("sent no OFFER") == std::string::npos);
  }
  SECTION("the rest is quick: DHCP ends with it, and says what it missed") {
    auto options = Options();
    options.latency = false;  // phase three is not what this measures
    auto s = probe::RunScanWith(system, options, Fast(), stop, nullptr);
    REQUIRE(s.measurements.dhcp);
    CHECK(s.measurements.dhcp->window_ms < 115);
    CHECK(s.host.duration_ms < 115);
    bool noted = false;
    for (const auto& note : s.notes)
      noted |=
          note.rfind("dhcp: 192.168.1.254 answered the INFORM but sent no OFFER within ", 0) == 0;
    CHECK(noted);
    CHECK(Probe(s, "dhcp").status == ProbeStatus::kOk);
  }
}

TEST_CASE("scan: without privilege DHCP, IPv6 and passive are skipped with the hint",
          "[probe][scan]") {
  auto system = Home();
  system->packet_error =
      io::Error{io::ErrorKind::kPermission, "cannot capture on 'eth0': permission denied"};
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  for (const char* id : {"dhcp", "ipv6", "igmp-querier", "passive"}) {
    INFO(id);
    CHECK(Probe(s, id).status == ProbeStatus::kSkipped);
    CHECK(Probe(s, id).hint == "run with sudo or grant CAP_NET_RAW");
  }
  CHECK_FALSE(s.measurements.dhcp);
  CHECK_FALSE(s.measurements.passive);
  // What needs no capture is still there.
  REQUIRE(s.measurements.ipv6);
  CHECK(s.measurements.ipv6->client_global_addresses.size() == 1);
  CHECK(s.measurements.ipv6->router_advertisements.empty());
  REQUIRE(s.measurements.ipv6->neighbours.size() == 1);
  CHECK(s.measurements.ipv6->neighbours[0].how == "neighbour-table");
}

TEST_CASE("scan: IPv6 disabled on the interface is a skipped probe with the reason",
          "[probe][scan]") {
  auto system = Home();
  auto& addresses = system->network.interfaces[1].addresses;
  addresses.resize(1);  // IPv4 only
  system->files["/proc/sys/net/ipv6/conf/eth0/disable_ipv6"] = "1\n";
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK(Probe(s, "ipv6").status == ProbeStatus::kSkipped);
  CHECK(Probe(s, "ipv6").reason == "IPv6 is disabled on 'eth0'");
  system->files.erase("/proc/sys/net/ipv6/conf/eth0/disable_ipv6");
  auto t = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK(Probe(t, "ipv6").reason == "'eth0' has no IPv6 address");
}

TEST_CASE("scan: without an IPv4 address DHCP still asks on the link", "[probe][scan][dhcp]") {
  auto system = Home();
  system->network.interfaces[1].addresses = {{"ipv6", "fe80::f2d5:bfff:fe4e:4658", 64, "link"}};
  system->network.routes.clear();
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK(Probe(s, "arp-sweep").status == ProbeStatus::kSkipped);
  CHECK(Probe(s, "dhcp").status == ProbeStatus::kOk);
  REQUIRE(s.measurements.dhcp);
  CHECK(s.measurements.dhcp->interface == "eth0");
  REQUIRE(s.measurements.dhcp->messages.size() == 1);
  CHECK(s.measurements.dhcp->messages[0].how == "offer");
  CHECK(s.measurements.dhcp->messages[0].offered_ip == "192.168.1.77");
}

TEST_CASE("scan: the passive listener hears the LAN until the active probes are done",
          "[probe][scan]") {
  auto system = Home();
  system->segment().Schedule(
      30ms, testing::ArpFrame(wire::kArpRequest, "00:17:88:01:00:09", "192.168.1.11",
                              "00:00:00:00:00:00", "192.168.1.1"));
  system->dns_servers["1.1.1.1"] = [](const wire::DnsMessage& m, int) {
    return std::vector<FakeDnsReply>{{150ms, DnsResponse(m, 0, {"93.184.216.34"})}};
  };
  std::atomic<bool> stop{false};
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr);
  CHECK(Probe(s, "passive").status == ProbeStatus::kOk);
  REQUIRE(s.measurements.passive);
  CHECK(s.measurements.passive->window_ms >= Probe(s, "dns").duration_ms - 10);
  CHECK(s.measurements.passive->frames.at("arp") == 1);
  const auto* hue = s.FindDeviceByMac("00:17:88:01:00:09");
  REQUIRE(hue);
  CHECK(hue->seen_by == std::vector<std::string>{"arp-passive"});
  CHECK(hue->ipv4 == std::vector<std::string>{"192.168.1.11"});
}

namespace {

// A LanProbe for the runner's own tests: runs `body`, writes a note in Finish.
class ScriptedProbe final : public probe::LanProbe {
 public:
  using Body = std::function<void(const probe::LanContext&)>;
  ScriptedProbe(std::string id, Body body, bool passive = false, bool stretches = false,
                std::optional<model::ProbeRecord> skip = std::nullopt)
      : id_(std::move(id)),
        body_(std::move(body)),
        passive_(passive),
        stretches_(stretches),
        skip_(std::move(skip)) {}
  const char* id() const override { return id_.c_str(); }
  bool passive() const override { return passive_; }
  bool stretches() const override { return stretches_; }
  std::optional<model::ProbeRecord> Precheck(const probe::LanContext&) const override {
    return skip_;
  }
  void Run(const probe::LanContext& context) override { body_(context); }
  model::ProbeRecord Finish(const probe::LanStop& stop, model::Snapshot* snapshot,
                            probe::DeviceTable*) override {
    snapshot->notes.push_back("finish " + id_ + (stop.stopped ? " stopped" : ""));
    return {id_, ProbeStatus::kOk, "done", "", -1};
  }

 private:
  std::string id_;
  Body body_;
  bool passive_, stretches_;
  std::optional<model::ProbeRecord> skip_;
};

// Waits (bounded) until `flag` is set or `cap` passes; returns whether it was set.
bool WaitFor(const std::atomic<bool>& flag, std::chrono::milliseconds cap) {
  auto end = std::chrono::steady_clock::now() + cap;
  while (!flag.load() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
  return flag.load();
}

}  // namespace

TEST_CASE("scan runner: passive and stretching probes end when the others are done",
          "[probe][scan][runner]") {
  auto system = Home();
  std::atomic<bool> stop{false};
  std::atomic<bool> fixed_released{false};
  bool stretch_saw_others_done = false, passive_saw_active_done = false;
  bool fixed_saw_others_done = true;
  auto make = [&] {
    std::vector<std::unique_ptr<probe::LanProbe>> probes;
    probes.push_back(std::make_unique<ScriptedProbe>("fixed", [&](const probe::LanContext& c) {
      // Ends only after the stretching probe could have seen others_done
      // (it must not have): bounded by the cap, not by timing luck.
      WaitFor(fixed_released, 200ms);
      fixed_saw_others_done = c.others_done->load();
    }));
    probes.push_back(std::make_unique<ScriptedProbe>(
        "stretch",
        [&](const probe::LanContext& c) {
          fixed_released = true;
          stretch_saw_others_done = WaitFor(*c.others_done, 2000ms);
        },
        false, true));
    probes.push_back(std::make_unique<ScriptedProbe>(
        "listener",
        [&](const probe::LanContext& c) {
          passive_saw_active_done = WaitFor(c.active_done, 2000ms);
        },
        true));
    probes.push_back(std::make_unique<ScriptedProbe>(
        "skipped", [](const probe::LanContext&) { FAIL("a skipped probe must not run"); }, false,
        false, model::ProbeRecord{"skipped", ProbeStatus::kSkipped, "not here", "", 0}));
    return probes;
  };
  auto start = std::chrono::steady_clock::now();
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr, make);
  CHECK(std::chrono::steady_clock::now() - start < 1500ms);
  CHECK_FALSE(fixed_saw_others_done);
  CHECK(stretch_saw_others_done);
  CHECK(passive_saw_active_done);
  CHECK(Ids(s) == std::vector<std::string>{"host-config", "resolvers", "fixed", "stretch",
                                           "listener", "skipped", "latency", "speed", "peer"});
  CHECK(Probe(s, "skipped").status == ProbeStatus::kSkipped);
  CHECK(Probe(s, "fixed").duration_ms >= 0);
  // Finish runs in list order on the scan thread.
  std::vector<std::string> finished;
  for (const auto& note : s.notes)
    if (note.rfind("finish ", 0) == 0) finished.push_back(note);
  CHECK(finished == std::vector<std::string>{"finish fixed", "finish stretch", "finish listener"});
}

TEST_CASE("scan runner: a probe that throws is failed, the others are kept",
          "[probe][scan][runner]") {
  auto system = Home();
  std::atomic<bool> stop{false};
  auto make = [] {
    std::vector<std::unique_ptr<probe::LanProbe>> probes;
    probes.push_back(std::make_unique<ScriptedProbe>(
        "thrower", [](const probe::LanContext&) { throw std::runtime_error("boom"); }));
    probes.push_back(std::make_unique<ScriptedProbe>("fine", [](const probe::LanContext&) {}));
    return probes;
  };
  auto s = probe::RunScanWith(system, Options(), Fast(), stop, nullptr, make);
  CHECK(Probe(s, "thrower").status == ProbeStatus::kFailed);
  CHECK(Probe(s, "thrower").reason == "internal error: boom");
  CHECK(Probe(s, "fine").status == ProbeStatus::kOk);
}
