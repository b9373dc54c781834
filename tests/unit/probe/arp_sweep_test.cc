#include "probe/arp_sweep.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "support/fake_lan.h"
#include "support/pcap_file.h"

using namespace netfix;
using namespace std::chrono_literals;
using probe::ArpSweepOutcome;
using probe::ArpSweepPlan;
using probe::ArpSweepTiming;
using testing::ArpFrame;
using testing::FakeLan;
using testing::TestClock;

namespace {

const char* kOurMac = "f0:d5:bf:4e:46:58";
const char* kOurIp = "192.168.178.20";
const char* kRouterMac = "3c:a6:2f:10:00:01";

ArpSweepPlan Plan24() {
  return probe::PlanArpSweep("lan0", *wire::ParseMac(kOurMac), *wire::ParseIpv4(kOurIp), 24,
                             wire::ParseIpv4("192.168.178.1"), 4096);
}

std::vector<std::string> How(const ArpSweepOutcome& o, const std::string& mac,
                             const std::string& ip) {
  std::vector<std::string> how;
  for (const auto& s : o.sightings)
    if (s.mac == mac && s.ip == ip) how.push_back(s.how);
  return how;
}

int RequestsTo(const FakeLan& lan, const std::string& ip) {
  auto target = *wire::ParseIpv4(ip);
  return static_cast<int>(std::count_if(lan.sent.begin(), lan.sent.end(), [&](const auto& p) {
    return p.target_ip == target && p.sender_ip != 0;
  }));
}

struct Run {
  TestClock clock = TestClock::Simulated();
  FakeLan lan{clock};
  std::atomic<bool> cancel{false};
  std::atomic<int> found{0};
  ArpSweepTiming timing;

  ArpSweepOutcome Sweep(const ArpSweepPlan& plan) {
    return probe::RunArpSweep(lan, clock, plan, timing, cancel, &found);
  }
};

}  // namespace

TEST_CASE("ARP plan: a /24 without network, broadcast and ourselves", "[probe][arp]") {
  auto plan = Plan24();
  CHECK(plan.subnet.ToString() == "192.168.178.0/24");
  REQUIRE(plan.targets.size() == 253);
  CHECK(wire::FormatIpv4(plan.targets.front()) == "192.168.178.1");
  CHECK(wire::FormatIpv4(plan.targets.back()) == "192.168.178.254");
  CHECK(std::find(plan.targets.begin(), plan.targets.end(), *wire::ParseIpv4(kOurIp)) ==
        plan.targets.end());
  CHECK(std::is_sorted(plan.targets.begin(), plan.targets.end()));
  CHECK(plan.notes.empty());
}

TEST_CASE("ARP plan: small and point-to-point subnets", "[probe][arp]") {
  auto mac = *wire::ParseMac(kOurMac);
  auto p30 = probe::PlanArpSweep("x", mac, *wire::ParseIpv4("10.0.0.1"), 30, std::nullopt, 4096);
  CHECK(p30.targets == std::vector<wire::Ipv4>{*wire::ParseIpv4("10.0.0.2")});
  auto p31 = probe::PlanArpSweep("x", mac, *wire::ParseIpv4("10.0.0.1"), 31, std::nullopt, 4096);
  CHECK(p31.targets == std::vector<wire::Ipv4>{*wire::ParseIpv4("10.0.0.0")});
  auto p32 = probe::PlanArpSweep("x", mac, *wire::ParseIpv4("10.0.0.1"), 32,
                                 wire::ParseIpv4("10.0.0.254"), 4096);
  CHECK(p32.targets.empty());  // the gateway is not in a /32
}

TEST_CASE("ARP plan: a big subnet is cut to the block around us, gateway kept", "[probe][arp]") {
  auto plan = probe::PlanArpSweep("x", *wire::ParseMac(kOurMac), *wire::ParseIpv4("10.20.130.7"),
                                  16, wire::ParseIpv4("10.20.0.1"), 1000);
  // 1000 allowed: the largest power-of-two block is 512 addresses, a /23.
  CHECK(plan.subnet.ToString() == "10.20.130.0/23");
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0] ==
        "subnet 10.20.0.0/16 has 65534 addresses; swept the 512 around ours (10.20.130.0/23)");
  // Inside a /16, the block's first and last addresses are ordinary hosts.
  CHECK(wire::FormatIpv4(plan.targets[1]) == "10.20.130.0");
  CHECK(plan.targets.size() == 511 + 1);  // without us, with the gateway
  CHECK(wire::FormatIpv4(plan.targets.front()) == "10.20.0.1");
  CHECK(std::is_sorted(plan.targets.begin(), plan.targets.end()));
}

TEST_CASE("ARP sweep: every host is found, faster than the peer tools", "[probe][arp]") {
  Run run;
  run.lan.AddHost({kRouterMac, "192.168.178.1"});
  for (int i = 0; i < 20; ++i) {
    char mac[18], ip[16];
    std::snprintf(mac, sizeof mac, "dc:a6:32:11:%02x:%02x", i, i);
    std::snprintf(ip, sizeof ip, "192.168.178.%d", 101 + i);
    run.lan.AddHost({mac, ip, std::chrono::microseconds(100 + 50 * i)});
  }
  auto o = run.Sweep(Plan24());
  CHECK(o.completed);
  CHECK_FALSE(o.error);
  CHECK(o.answered.size() == 21);
  CHECK(o.sweep.replies == 21);
  CHECK(o.sweep.late_replies == 0);
  CHECK(o.sweep.unsolicited == 0);
  CHECK(o.sweep.conflicts.empty());
  CHECK(o.sweep.addresses_probed == 253);
  // One round to all 253, the probe for our own address, one retry for the
  // 232 silent ones (and the probe again).
  CHECK(o.sweep.requests_sent == 253 + 1 + 232 + 1);
  CHECK(RequestsTo(run.lan, "192.168.178.1") == 1);
  CHECK(RequestsTo(run.lan, "192.168.178.2") == 2);
  CHECK(run.found == 21);
  CHECK(How(o, kRouterMac, "192.168.178.1") == std::vector<std::string>{"arp-reply"});
  // 487 requests at 1000/s, a 150 ms gap and 300 ms settle: well under nmap's 1.9 s.
  CHECK(o.sweep.duration_ms > 900);
  CHECK(o.sweep.duration_ms < 1100);
  CHECK(o.sweep.rate_pps == 1000);
  CHECK(o.sweep.subnet == "192.168.178.0/24");
}

TEST_CASE("ARP sweep: requests are paced at the configured rate", "[probe][arp]") {
  Run run;
  run.timing.rate_pps = 100;
  run.timing.rounds = 1;
  auto plan = probe::PlanArpSweep("lan0", *wire::ParseMac(kOurMac), *wire::ParseIpv4("10.0.0.1"),
                                  28, std::nullopt, 4096);  // 13 targets
  plan.probe_own_address = false;
  auto o = run.Sweep(plan);
  CHECK(o.sweep.requests_sent == 13);
  // 13 requests 10 ms apart: the last leaves at 120 ms; then 300 ms settle.
  CHECK(o.sweep.duration_ms == Approx(420).margin(1));
}

TEST_CASE("ARP sweep: the retry round finds a host that missed the first request", "[probe][arp]") {
  Run run;
  run.lan.AddHost({"70:ee:50:11:10:10", "192.168.178.110", 1ms, /*ignore_first=*/1});
  auto o = run.Sweep(Plan24());
  CHECK(o.answered.count(*wire::ParseIpv4("192.168.178.110")) == 1);
  CHECK(RequestsTo(run.lan, "192.168.178.110") == 2);
  CHECK(How(o, "70:ee:50:11:10:10", "192.168.178.110") == std::vector<std::string>{"arp-reply"});
}

TEST_CASE("ARP sweep: two MACs answering for one IP are a conflict", "[probe][arp]") {
  Run run;
  run.lan.AddHost({"3c:2a:f4:11:03:03", "192.168.178.103"});
  run.lan.AddHost({"00:1b:a9:66:03:03", "192.168.178.103", 3ms});
  run.lan.AddHost({"dc:a6:32:11:06:06", "192.168.178.106"});
  auto o = run.Sweep(Plan24());
  REQUIRE(o.sweep.conflicts.size() == 1);
  CHECK(o.sweep.conflicts[0].ip == "192.168.178.103");
  CHECK(o.sweep.conflicts[0].macs ==
        std::vector<std::string>{"3c:2a:f4:11:03:03", "00:1b:a9:66:03:03"});
  CHECK(How(o, "00:1b:a9:66:03:03", "192.168.178.103") == std::vector<std::string>{"arp-reply"});
  CHECK(run.found == 3);
}

TEST_CASE("ARP sweep: a device using our own address answers our ARP probe", "[probe][arp]") {
  Run run;
  run.lan.AddHost({"00:1b:a9:66:20:20", kOurIp});
  auto o = run.Sweep(Plan24());
  auto probes = std::count_if(run.lan.sent.begin(), run.lan.sent.end(),
                              [](const auto& p) { return p.sender_ip == 0; });
  CHECK(probes == 1);  // answered: not probed again
  REQUIRE(o.sweep.conflicts.size() == 1);
  CHECK(o.sweep.conflicts[0].ip == kOurIp);
  CHECK(o.sweep.conflicts[0].macs == std::vector<std::string>{kOurMac, "00:1b:a9:66:20:20"});
}

TEST_CASE("ARP sweep: late replies are kept and labelled", "[probe][arp]") {
  Run run;
  // Sleeps through the first request; answers the retry after 280 ms, in the
  // settle phase and later than late_after (250 ms).
  run.lan.AddHost({"f0:b4:29:11:17:17", "192.168.178.117", 280ms, 1});
  auto o = run.Sweep(Plan24());
  CHECK(o.sweep.late_replies == 1);
  CHECK(o.sweep.replies == 1);
  CHECK(How(o, "f0:b4:29:11:17:17", "192.168.178.117") ==
        std::vector<std::string>{"arp-late-reply"});
  CHECK(o.completed);
}

TEST_CASE("ARP sweep: the settle time is extended while replies arrive, up to a cap",
          "[probe][arp]") {
  Run run;
  run.timing.rounds = 1;
  auto plan = probe::PlanArpSweep("lan0", *wire::ParseMac(kOurMac), *wire::ParseIpv4("10.0.0.1"),
                                  29, std::nullopt, 4096);  // 5 targets
  plan.probe_own_address = false;
  run.lan.AddHost({"00:00:5e:00:00:02", "10.0.0.2", 290ms});
  auto o = run.Sweep(plan);
  REQUIRE(o.answered.size() == 1);
  // Last request at 4 ms; the reply at 290 ms extends the settle to 390 ms.
  CHECK(o.sweep.duration_ms == Approx(390).margin(1));

  Run flood;
  flood.timing.rounds = 1;
  for (int i = 0; i < 40; ++i)  // a reply every 50 ms would keep it open forever
    flood.lan.Inject(
        std::chrono::milliseconds(50 * i),
        ArpFrame(wire::kArpReply, "00:00:5e:00:00:09", "10.0.0.6", kOurMac, "10.0.0.1", kOurMac));
  auto capped = flood.Sweep(plan);
  CHECK(capped.sweep.duration_ms == Approx(1004).margin(1));  // last request + max_settle
}

TEST_CASE("ARP sweep: unsolicited ARP, probes, our own echoes and garbage", "[probe][arp]") {
  Run run;
  // A gratuitous ARP, another host's request, someone's ARP probe (sender
  // 0.0.0.0), our own request looped back, a frame that is not ARP, and a
  // cut-short ARP frame.
  run.lan.Inject(2ms, ArpFrame(wire::kArpRequest, "00:1b:a9:66:03:03", "192.168.178.103",
                               "00:00:00:00:00:00", "192.168.178.103"));
  run.lan.Inject(5ms, ArpFrame(wire::kArpRequest, "dc:a6:32:11:06:06", "192.168.178.106",
                               "00:00:00:00:00:00", "192.168.178.1"));
  run.lan.Inject(7ms, ArpFrame(wire::kArpRequest, "ac:bc:32:11:18:18", "0.0.0.0",
                               "00:00:00:00:00:00", "192.168.178.118"));
  run.lan.Inject(
      9ms, ArpFrame(wire::kArpRequest, kOurMac, kOurIp, "00:00:00:00:00:00", "192.168.178.1"));
  io::Frame not_arp(60, 0xee);
  run.lan.Inject(11ms, not_arp);
  auto cut =
      ArpFrame(wire::kArpReply, "00:11:32:11:13:13", "192.168.178.113", kOurMac, kOurIp, kOurMac);
  cut.resize(30);
  run.lan.Inject(12ms, cut);
  run.lan.AddHost({"3c:2a:f4:11:03:03", "192.168.178.103"});

  auto o = run.Sweep(Plan24());
  CHECK(o.sweep.unsolicited == 3);  // gratuitous, request, probe
  CHECK(o.sweep.replies == 1);
  CHECK(o.garbage_frames == 2);
  CHECK(How(o, "00:1b:a9:66:03:03", "192.168.178.103") ==
        std::vector<std::string>{"arp-unsolicited"});
  CHECK(How(o, "dc:a6:32:11:06:06", "192.168.178.106") ==
        std::vector<std::string>{"arp-unsolicited"});
  CHECK(How(o, "ac:bc:32:11:18:18", "0.0.0.0").empty());
  CHECK(How(o, kOurMac, kOurIp).empty());
  // The gratuitous ARP and the reply claim the same address: a conflict.
  REQUIRE(o.sweep.conflicts.size() == 1);
  CHECK(o.sweep.conflicts[0].macs ==
        std::vector<std::string>{"00:1b:a9:66:03:03", "3c:2a:f4:11:03:03"});
  CHECK(o.answered.count(*wire::ParseIpv4("192.168.178.106")) == 0);  // it did not answer us
  CHECK(std::any_of(o.notes.begin(), o.notes.end(), [](const std::string& n) {
    return n.find("2 captured frames") != std::string::npos;
  }));
}

TEST_CASE("ARP sweep: a stop keeps what was collected", "[probe][arp]") {
  Run run;
  run.lan.AddHost({kRouterMac, "192.168.178.1"});
  run.lan.AddHost({"dc:a6:32:11:06:06", "192.168.178.200"});
  run.lan.CancelAfter(50, &run.cancel);
  auto o = run.Sweep(Plan24());
  CHECK(o.cancelled);
  CHECK_FALSE(o.completed);
  CHECK(o.sweep.requests_sent == 50);
  CHECK(o.answered.count(*wire::ParseIpv4("192.168.178.1")) == 1);
  CHECK(o.answered.count(*wire::ParseIpv4("192.168.178.200")) == 0);
  CHECK(o.sweep.duration_ms < 60);
}

TEST_CASE("ARP sweep: capture and send failures end it with an error", "[probe][arp]") {
  SECTION("receive fails mid-sweep: the error and the replies so far are kept") {
    Run run;
    run.lan.AddHost({kRouterMac, "192.168.178.1"});
    run.lan.FailReceiveAfterSends(10);
    auto o = run.Sweep(Plan24());
    REQUIRE(o.error);
    CHECK(o.error->message.find("went down") != std::string::npos);
    CHECK_FALSE(o.completed);
    CHECK(o.answered.size() == 1);
  }
  SECTION("nothing can be sent") {
    Run run;
    run.lan.FailSends(true);
    auto o = run.Sweep(Plan24());
    REQUIRE(o.error);
    CHECK(o.sweep.requests_sent == 0);
    CHECK(o.send_errors == 10);
  }
}

TEST_CASE("ARP sweep corpus: real frames from a Windows client's LAN (skips without corpus)",
          "[probe][arp][corpus]") {
  auto path = testing::CorpusDir() / "pcap" / "lan" / "eapon1.pcap";
  if (!std::filesystem::exists(path)) {
    WARN("SKIPPED: corpus not found at " << path.string());
    return;
  }
  auto file = testing::ReadPcap(path);
  REQUIRE(file);
  Run run;
  int i = 0;
  for (const auto& frame : file->frames) run.lan.Inject(std::chrono::milliseconds(++i), frame);
  // Our address in that capture's 192.168.1.0/24.
  auto plan = probe::PlanArpSweep("lan0", *wire::ParseMac(kOurMac),
                                  *wire::ParseIpv4("192.168.1.50"), 24, std::nullopt, 4096);
  auto o = run.Sweep(plan);
  // Everything but the 5 ARP frames is garbage to the sweep; of the ARP:
  // 192.168.1.249 asks for the router, the router answers it (not us), and
  // three gratuitous ARPs announce 169.254.67.194.
  CHECK(o.garbage_frames == static_cast<int>(file->frames.size()) - 5);
  CHECK(o.sweep.unsolicited == 5);
  CHECK(o.sweep.replies == 0);
  CHECK(How(o, "00:04:23:57:a5:7a", "192.168.1.249") ==
        std::vector<std::string>{"arp-unsolicited"});
  CHECK(How(o, "00:0d:88:4f:25:91", "192.168.1.1") == std::vector<std::string>{"arp-unsolicited"});
  CHECK(How(o, "00:04:23:57:a5:7a", "169.254.67.194") ==
        std::vector<std::string>{"arp-unsolicited"});
  CHECK(o.sweep.conflicts.empty());
}
