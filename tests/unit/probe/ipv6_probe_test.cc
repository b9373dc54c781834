// The IPv6 exchange on simulated time against a fake router and neighbours.
#include "probe/ipv6_probe.h"

#include <catch2/catch.hpp>

#include "support/fake_ipv6.h"

using namespace netfix;
using namespace std::chrono_literals;
using testing::FakeIpv6Host;
using testing::FakeIpv6Router;
using testing::FakeSegment;

namespace {

const wire::MacAddress kOurMac = *wire::ParseMac("f0:d5:bf:4e:46:58");
const wire::Ipv6 kOurLl = *wire::ParseIpv6("fe80::f2d5:bfff:fe4e:4658");

struct Bench {
  testing::TestClock clock = testing::TestClock::Simulated();
  std::shared_ptr<FakeSegment> segment = std::make_shared<FakeSegment>(clock);
  std::atomic<bool> cancel{false};
  probe::Ipv6Timing timing;
  probe::Ipv6Plan plan{"eth0", kOurMac, kOurLl, 0x4e46};

  probe::Ipv6Outcome Run() {
    auto port = segment->Open(probe::kIpv6Filter);
    return probe::RunIpv6Exchange(*port, clock, plan, timing, cancel);
  }
};

FakeIpv6Router Router() {
  FakeIpv6Router r;
  r.ra = testing::TypicalRa();
  return r;
}

}  // namespace

TEST_CASE("IPv6 probe: the router's answer and the neighbours are recorded", "[probe][ipv6]") {
  Bench bench;
  bench.segment->AddResponder(testing::Ipv6RouterResponder(Router()));
  bench.segment->AddResponder(
      testing::Ipv6HostResponder({"dc:a6:32:11:06:06", "fe80::dea6:32ff:fe11:606"}));
  bench.segment->AddResponder(
      testing::Ipv6HostResponder({"3c:2a:f4:11:03:03", "fe80::3e2a:f4ff:fe11:303", 4ms}));
  bench.segment->AddResponder(
      testing::Ipv6HostResponder({"00:1b:a9:66:03:03", "fe80::21b:a9ff:fe66:303", 1ms, true}));
  auto o = bench.Run();
  CHECK(o.sent_solicitation);
  CHECK(o.sent_echo);
  CHECK_FALSE(o.error);
  CHECK(o.window_ms == Approx(900).margin(25));
  REQUIRE(o.router_advertisements.size() == 1);
  const auto& ra = o.router_advertisements[0];
  CHECK(ra.from_ip == "fe80::3ea6:2fff:fe10:1");
  CHECK(ra.from_mac == "3c:a6:2f:10:00:01");
  CHECK(ra.how == "solicited");
  CHECK(ra.router_lifetime_s == 1800);
  CHECK(ra.mtu == 1500);
  REQUIRE(ra.prefixes.size() == 1);
  CHECK(ra.prefixes[0].prefix == "2001:db8:1::");
  CHECK(ra.prefixes[0].length == 64);
  CHECK(ra.prefixes[0].autonomous);
  CHECK(ra.prefixes[0].valid_s == 7200);
  CHECK(ra.rdnss == std::vector<std::string>{"fd00::1"});
  CHECK(ra.dnssl == std::vector<std::string>{"fritz.box"});

  std::vector<std::string> echo, ndp;
  for (const auto& n : o.neighbours) (n.how == "echo-reply" ? echo : ndp).push_back(n.mac);
  std::sort(echo.begin(), echo.end());
  CHECK(echo == std::vector<std::string>{"3c:2a:f4:11:03:03", "dc:a6:32:11:06:06"});
  CHECK(ndp.size() == 2);  // their solicitations for our address

  // What went out: one solicitation, one echo to all nodes.
  auto sent = bench.segment->sent();
  REQUIRE(sent.size() == 2);
  auto rs = wire::ParseIcmpv6Frame(sent[0]);
  REQUIRE(rs);
  CHECK(rs->icmp.type == wire::kIcmpv6RouterSolicitation);
  CHECK(rs->ip.source == kOurLl);
  auto echo_request = wire::ParseIcmpv6Frame(sent[1]);
  REQUIRE(echo_request);
  CHECK(echo_request->ip.destination == wire::kAllNodes);
  CHECK(echo_request->icmp.id == 0x4e46);
}

TEST_CASE("IPv6 probe: unsolicited, repeated and invalid advertisements", "[probe][ipv6]") {
  Bench bench;
  FakeIpv6Router quiet = Router();
  quiet.delay.reset();  // ignores our solicitation
  bench.segment->AddResponder(testing::Ipv6RouterResponder(quiet));
  bench.segment->Schedule(700ms, testing::RaFrame(quiet));  // periodic, late in the window
  bench.segment->Schedule(800ms, testing::RaFrame(quiet));  // the same router again
  FakeIpv6Router global = Router();
  global.mac = "50:c7:bf:00:00:01";
  global.link_local = "2001:db8:9::1";  // not link-local: must be ignored
  bench.segment->Schedule(100ms, testing::RaFrame(global));
  FakeIpv6Router rogue = Router();
  rogue.mac = "50:c7:bf:00:00:02";
  rogue.link_local = "fe80::2";
  rogue.ra = testing::TypicalRa("2001:db8:bad::");
  rogue.ra.router_lifetime_s = 0;
  bench.segment->Schedule(200ms, testing::RaFrame(rogue));
  auto corrupt = testing::RaFrame(rogue);
  corrupt.back() ^= 0xff;  // checksum broken
  bench.segment->Schedule(300ms, corrupt);

  auto o = bench.Run();
  CHECK(o.advertisements_seen == 3);
  REQUIRE(o.router_advertisements.size() == 2);
  CHECK(o.router_advertisements[0].from_ip == "fe80::2");
  CHECK(o.router_advertisements[0].how == "solicited");  // within 0.6 s of our RS
  CHECK(o.router_advertisements[0].router_lifetime_s == 0);
  CHECK(o.router_advertisements[1].from_ip == "fe80::3ea6:2fff:fe10:1");
  CHECK(o.router_advertisements[1].how == "passive");
}

TEST_CASE("IPv6 probe: without an address only an anonymous solicitation goes out",
          "[probe][ipv6]") {
  Bench bench;
  bench.plan.source.reset();
  bench.segment->AddResponder(testing::Ipv6RouterResponder(Router()));
  bench.segment->AddResponder(testing::Ipv6HostResponder({"dc:a6:32:11:06:06", "fe80::1"}));
  auto o = bench.Run();
  CHECK(o.sent_solicitation);
  CHECK_FALSE(o.sent_echo);
  CHECK(bench.segment->sent().size() == 1);
  CHECK(o.router_advertisements.size() == 1);
  CHECK(o.neighbours.empty());
}

TEST_CASE("IPv6 probe: Ctrl-C and send failures", "[probe][ipv6]") {
  Bench bench;
  SECTION("cancelled") {
    bench.cancel = true;
    auto o = bench.Run();
    CHECK(o.cancelled);
    CHECK(o.window_ms < 1);
  }
  SECTION("nothing can be sent") {
    bench.segment->FailSends(io::Error{io::ErrorKind::kOther, "send failed: Network is down"});
    auto o = bench.Run();
    REQUIRE(o.error);
    CHECK(o.error->message == "nothing could be sent: send failed: Network is down");
  }
}
