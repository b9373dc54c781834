// The DHCP exchange on simulated time against fake servers on a segment.
#include "probe/dhcp_probe.h"

#include <catch2/catch.hpp>

#include "support/fake_dhcp.h"

using namespace netfix;
using namespace std::chrono_literals;
using testing::FakeDhcpServer;
using testing::FakeSegment;

namespace {

const wire::MacAddress kHostMac = *wire::ParseMac("f0:d5:bf:4e:46:58");

probe::DhcpPlan Plan(bool with_ip = true) {
  return probe::PlanDhcp("eth0", kHostMac,
                         with_ip ? std::optional(*wire::ParseIpv4("192.168.1.5")) : std::nullopt,
                         0x4e460000);
}

// Sets `flag` once the clock passes `at` (another probe finishing then).
class FlagAt final : public io::PacketIo {
 public:
  FlagAt(std::unique_ptr<io::PacketIo> inner, testing::TestClock& clock, io::TimePoint at,
         std::atomic<bool>& flag)
      : inner_(std::move(inner)), clock_(clock), at_(at), flag_(flag) {}
  io::Result<void> Send(std::span<const std::uint8_t> frame) override {
    return inner_->Send(frame);
  }
  io::Result<std::vector<io::Frame>> Receive(io::TimePoint until) override {
    if (!flag_ && clock_.Now() >= at_) flag_ = true;
    return inner_->Receive(flag_ ? until : std::min(until, at_));
  }

 private:
  std::unique_ptr<io::PacketIo> inner_;
  testing::TestClock& clock_;
  io::TimePoint at_;
  std::atomic<bool>& flag_;
};

struct Bench {
  testing::TestClock clock = testing::TestClock::Simulated();
  std::shared_ptr<FakeSegment> segment = std::make_shared<FakeSegment>(clock);
  std::atomic<bool> cancel{false};
  std::atomic<bool> others_done{true};
  probe::DhcpTiming timing;

  probe::DhcpOutcome Run(const probe::DhcpPlan& plan = Plan()) {
    auto port = segment->Open(probe::kDhcpFilter);
    return probe::RunDhcpExchange(*port, clock, plan, timing, cancel, &others_done);
  }
};

const model::DhcpMessage* Find(const probe::DhcpOutcome& o, const std::string& how,
                               const std::string& server = "") {
  for (const auto& m : o.result.messages)
    if (m.how == how && (server.empty() || m.server_id == server)) return &m;
  return nullptr;
}

}  // namespace

TEST_CASE("DHCP probe: the probe's client MAC is stable, local, unicast and not ours",
          "[probe][dhcp]") {
  auto mac = probe::ProbeClientMac(kHostMac);
  CHECK(mac == probe::ProbeClientMac(kHostMac));
  CHECK(wire::IsLocallyAdministered(mac));
  CHECK_FALSE(wire::IsMulticastMac(mac));
  CHECK(mac != kHostMac);
  CHECK(mac != probe::ProbeClientMac(*wire::ParseMac("f0:d5:bf:4e:46:59")));
  // Even a host whose own MAC is what the hash gives gets another one.
  CHECK(probe::ProbeClientMac(mac) != mac);
}

TEST_CASE("DHCP probe: DISCOVER asks for broadcast answers under the probe's identity",
          "[probe][dhcp]") {
  auto plan = Plan();
  auto discover = wire::ParseDhcpFrame(probe::BuildDiscoverFrame(plan));
  REQUIRE(discover);
  CHECK(discover->eth_destination == wire::kBroadcastMac);
  CHECK(discover->eth_source == kHostMac);
  CHECK(discover->ip_source == 0);
  CHECK(discover->ip_destination == 0xffffffff);
  CHECK(discover->source_port == 68);
  CHECK(discover->destination_port == 67);
  const auto& d = discover->dhcp;
  CHECK(d.message_type() == wire::kDhcpDiscover);
  CHECK(d.xid == plan.discover_xid);
  CHECK((d.flags & wire::kDhcpBroadcastFlag) != 0);
  CHECK(d.client_mac() == plan.probe_mac);
  REQUIRE(d.Find(wire::kDhcpOptClientId));
  auto id = d.Find(wire::kDhcpOptClientId)->data;
  CHECK(id == std::vector<std::uint8_t>{1, plan.probe_mac[0], plan.probe_mac[1], plan.probe_mac[2],
                                        plan.probe_mac[3], plan.probe_mac[4], plan.probe_mac[5]});
  CHECK(d.Find(wire::kDhcpOptRequestedIp) == nullptr);

  auto inform = wire::ParseDhcpFrame(probe::BuildInformFrame(plan));
  REQUIRE(inform);
  CHECK(inform->dhcp.message_type() == wire::kDhcpInform);
  CHECK(wire::FormatIpv4(inform->ip_source) == "192.168.1.5");
  CHECK(wire::FormatIpv4(inform->dhcp.ciaddr) == "192.168.1.5");
  CHECK(inform->dhcp.client_mac() == kHostMac);
  CHECK(inform->dhcp.xid == plan.inform_xid);
  CHECK(inform->dhcp.xid != plan.discover_xid);
}

TEST_CASE("DHCP probe: a quick server is recorded with everything it offers", "[probe][dhcp]") {
  Bench bench;
  bench.segment->AddResponder(testing::DhcpResponder(FakeDhcpServer{}));
  auto o = bench.Run();
  CHECK(o.sent_discover);
  CHECK(o.sent_inform);
  CHECK_FALSE(o.error);
  CHECK_FALSE(o.cancelled);
  CHECK(o.notes.empty());
  CHECK(o.result.client_mac == wire::FormatMac(probe::ProbeClientMac(kHostMac)));
  CHECK(o.result.interface == "eth0");
  CHECK(o.result.window_ms == Approx(1000).margin(25));  // min_window, others were done
  REQUIRE(o.result.messages.size() == 2);
  const auto* offer = Find(o, "offer");
  REQUIRE(offer);
  CHECK(offer->message_type == "OFFER");
  CHECK(offer->server_id == "192.168.1.1");
  CHECK(offer->server_ip == "192.168.1.1");
  CHECK(offer->server_mac == "3c:a6:2f:10:00:01");
  CHECK(offer->client_mac == o.result.client_mac);
  CHECK(offer->offered_ip == "192.168.1.77");
  CHECK(offer->subnet_mask == "255.255.255.0");
  CHECK(offer->routers == std::vector<std::string>{"192.168.1.1"});
  CHECK(offer->dns_servers == std::vector<std::string>{"192.168.1.1"});
  CHECK(offer->domain == "fritz.box");
  CHECK(offer->lease_s == 43200);
  CHECK(offer->after_ms == Approx(1).margin(0.5));
  const auto* ack = Find(o, "inform-ack");
  REQUIRE(ack);
  CHECK(ack->message_type == "ACK");
  CHECK(ack->offered_ip.empty());
  CHECK_FALSE(ack->lease_s);
  CHECK(ack->client_mac == "f0:d5:bf:4e:46:58");
  // The INFORM first (a server busy ping-checking for the DISCOVER would
  // hold it back), and netfix never asks for a lease.
  REQUIRE(bench.segment->sent().size() == 2);
  CHECK(wire::ParseDhcpFrame(bench.segment->sent()[0])->dhcp.message_type() == wire::kDhcpInform);
  for (const auto& frame : bench.segment->sent()) {
    auto f = wire::ParseDhcpFrame(frame);
    REQUIRE(f);
    CHECK(f->dhcp.message_type() != wire::kDhcpRequest);
  }
  CHECK(bench.segment->sent().size() == 2);
}

TEST_CASE("DHCP probe: a ping-checking server's late OFFER is not waited for", "[probe][dhcp]") {
  Bench bench;
  FakeDhcpServer slow;
  slow.offer_delay = 3000ms;
  bench.segment->AddResponder(testing::DhcpResponder(slow));
  auto o = bench.Run();
  CHECK(o.result.window_ms == Approx(1000).margin(25));
  CHECK(Find(o, "inform-ack"));
  CHECK_FALSE(Find(o, "offer"));
  REQUIRE(o.notes.size() == 1);
  CHECK(o.notes[0].rfind("192.168.1.1 answered the INFORM but sent no OFFER within 10", 0) == 0);
  CHECK(o.notes[0].find("ping-check") != std::string::npos);
}

TEST_CASE("DHCP probe: a server busy ping-checking for the DISCOVER has answered the INFORM",
          "[probe][dhcp]") {
  // dnsmasq handles one request at a time and blocks ~3 s pinging the
  // address it will offer; the INFORM goes first so that it is not stuck
  // behind the DISCOVER (measured in the lab: 3.2 s otherwise).
  Bench bench;
  FakeDhcpServer dnsmasq;
  dnsmasq.offer_delay = 3000ms;
  dnsmasq.one_at_a_time = true;
  bench.segment->AddResponder(testing::DhcpResponder(dnsmasq));
  auto o = bench.Run();
  const auto* ack = Find(o, "inform-ack");
  REQUIRE(ack);
  CHECK(ack->after_ms < 5);
}

TEST_CASE("DHCP probe: the window stretches while other probes run, up to the cap",
          "[probe][dhcp]") {
  Bench bench;
  FakeDhcpServer slow;
  slow.offer_delay = 3000ms;
  bench.segment->AddResponder(testing::DhcpResponder(slow));
  bench.others_done = false;

  SECTION("others never finish: the cap ends it, the late offer is in") {
    auto o = bench.Run();
    CHECK(o.result.window_ms == Approx(3500).margin(25));
    const auto* offer = Find(o, "offer");
    REQUIRE(offer);
    CHECK(offer->after_ms == Approx(3000).margin(25));
    CHECK(o.notes.empty());
  }
  SECTION("others finish at 1.6 s: the window ends then") {
    auto port = std::make_unique<FlagAt>(bench.segment->Open(probe::kDhcpFilter), bench.clock,
                                         bench.clock.Now() + 1600ms, bench.others_done);
    auto o = probe::RunDhcpExchange(*port, bench.clock, Plan(), bench.timing, bench.cancel,
                                    &bench.others_done);
    CHECK(o.result.window_ms == Approx(1600).margin(25));
    CHECK_FALSE(Find(o, "offer"));
  }
}

TEST_CASE("DHCP probe: while nothing answers, it listens on up to the cap", "[probe][dhcp]") {
  Bench bench;
  SECTION("a server still busy (our previous scan's ping check) answers at 2 s") {
    FakeDhcpServer busy;
    busy.offer_delay = 2050ms;
    busy.inform_delay = 2000ms;
    bench.segment->AddResponder(testing::DhcpResponder(busy));
    auto o = bench.Run();
    CHECK(o.result.window_ms == Approx(2150).margin(25));  // 150 ms for what is queued behind
    CHECK(o.result.messages.size() == 2);
    REQUIRE(o.notes.size() == 1);
    CHECK(o.notes[0].rfind("the first DHCP answer came after 2000 ms", 0) == 0);
  }
  SECTION("no server at all: the cap") {
    auto o = bench.Run();
    CHECK(o.result.window_ms == Approx(3500).margin(25));
    CHECK(o.result.messages.empty());
  }
  SECTION("unless told not to wait") {
    bench.timing.wait_for_first_answer = false;
    auto o = bench.Run();
    CHECK(o.result.window_ms == Approx(1000).margin(25));
  }
}

TEST_CASE("DHCP probe: two servers (a rogue one) are both recorded", "[probe][dhcp]") {
  Bench bench;
  bench.segment->AddResponder(testing::DhcpResponder(FakeDhcpServer{}));
  FakeDhcpServer rogue;
  rogue.mac = "50:c7:bf:00:00:01";
  rogue.ip = "192.168.0.1";
  rogue.offer_ip = "192.168.0.150";
  rogue.routers = {"192.168.0.1"};
  rogue.dns = {};
  rogue.domain = "";
  rogue.inform_delay.reset();  // a dnsmasq outside our subnet ignores the INFORM
  rogue.offer_delay = 2ms;
  bench.segment->AddResponder(testing::DhcpResponder(rogue));
  auto o = bench.Run();
  REQUIRE(o.result.messages.size() == 3);
  const auto* rogue_offer = Find(o, "offer", "192.168.0.1");
  REQUIRE(rogue_offer);
  CHECK(rogue_offer->server_mac == "50:c7:bf:00:00:01");
  CHECK(rogue_offer->offered_ip == "192.168.0.150");
  CHECK(rogue_offer->dns_servers.empty());
  CHECK(Find(o, "offer", "192.168.1.1"));
  CHECK(Find(o, "inform-ack", "192.168.1.1"));
  CHECK_FALSE(Find(o, "inform-ack", "192.168.0.1"));
  CHECK(o.notes.empty());
}

TEST_CASE("DHCP probe: other clients' exchanges and junk are not ours", "[probe][dhcp]") {
  Bench bench;
  FakeDhcpServer server;
  server.offer_delay.reset();
  server.inform_delay.reset();
  bench.segment->AddResponder(testing::DhcpResponder(server));
  // Another client's OFFER (other xid and chaddr), a reply with our xid but
  // another chaddr, and a frame that is not DHCP at all.
  auto plan = Plan();
  wire::DhcpFrame request = *wire::ParseDhcpFrame(probe::BuildDiscoverFrame(plan));
  request.dhcp.xid = 0x1234;
  bench.segment->Schedule(100ms, testing::DhcpReply(server, request, wire::kDhcpOffer));
  request = *wire::ParseDhcpFrame(probe::BuildDiscoverFrame(plan));
  request.dhcp.chaddr[5] ^= 1;
  bench.segment->Schedule(200ms, testing::DhcpReply(server, request, wire::kDhcpOffer));
  bench.segment->Schedule(300ms, io::Frame(60, 0xee));
  auto o = bench.Run(plan);
  CHECK(o.result.messages.empty());
  CHECK_FALSE(o.error);
}

TEST_CASE("DHCP probe: without an IPv4 address only the DISCOVER goes out", "[probe][dhcp]") {
  Bench bench;
  bench.segment->AddResponder(testing::DhcpResponder(FakeDhcpServer{}));
  auto o = bench.Run(Plan(false));
  CHECK(o.sent_discover);
  CHECK_FALSE(o.sent_inform);
  CHECK(bench.segment->sent().size() == 1);
  REQUIRE(o.result.messages.size() == 1);
  CHECK(o.result.messages[0].how == "offer");
  REQUIRE(o.notes.size() == 1);
  CHECK(o.notes[0] == "no IPv4 address on 'eth0': no DHCPINFORM sent");
}

TEST_CASE("DHCP probe: Ctrl-C ends the window, sending failures are errors", "[probe][dhcp]") {
  Bench bench;
  SECTION("cancelled before it starts listening") {
    bench.cancel = true;
    auto o = bench.Run();
    CHECK(o.cancelled);
    CHECK(o.result.window_ms < 1);
  }
  SECTION("nothing can be sent") {
    bench.segment->FailSends(io::Error{io::ErrorKind::kOther, "send failed: Network is down"});
    auto o = bench.Run();
    REQUIRE(o.error);
    CHECK(o.error->message ==
          "nothing could be sent: INFORM: send failed: Network is down; DISCOVER: send failed: "
          "Network is down");
  }
}

TEST_CASE("DHCP probe: messages become model records; our own exchange is recognised",
          "[probe][dhcp]") {
  auto plan = Plan();
  FakeDhcpServer server;
  auto discover = *wire::ParseDhcpFrame(probe::BuildDiscoverFrame(plan));
  auto inform = *wire::ParseDhcpFrame(probe::BuildInformFrame(plan));
  auto offer = *wire::ParseDhcpFrame(testing::DhcpReply(server, discover, wire::kDhcpOffer));
  auto ack = *wire::ParseDhcpFrame(testing::DhcpReply(server, inform, wire::kDhcpAck));
  CHECK(probe::IsOwnDhcp(discover.dhcp, kHostMac));
  CHECK(probe::IsOwnDhcp(offer.dhcp, kHostMac));
  CHECK(probe::IsOwnDhcp(inform.dhcp, kHostMac));
  CHECK(probe::IsOwnDhcp(ack.dhcp, kHostMac));
  // The host's own DHCP client renewing its lease is not netfix's exchange.
  auto renewal = ack;
  renewal.dhcp.yiaddr = *wire::ParseIpv4("192.168.1.5");
  CHECK_FALSE(probe::IsOwnDhcp(renewal.dhcp, kHostMac));
  auto other = offer;
  other.dhcp.chaddr[0] = 0x00;
  CHECK_FALSE(probe::IsOwnDhcp(other.dhcp, kHostMac));

  auto m = probe::ToDhcpMessage(discover, "passive", 12.5);
  CHECK(m.how == "passive");
  CHECK(m.message_type == "DISCOVER");
  CHECK(m.server_ip == "0.0.0.0");
  CHECK(m.server_id.empty());
  CHECK(m.offered_ip.empty());
  CHECK(m.after_ms == 12.5);
  auto bootp = discover;
  bootp.dhcp.options.clear();
  CHECK(probe::ToDhcpMessage(bootp, "passive", 0).message_type == "BOOTREQUEST");
}
