// The IGMP querier test on simulated time: the fake kernel puts its report
// and leave on a FakeSegment, where a fake querier may answer.
#include "probe/igmp_probe.h"

#include <catch2/catch.hpp>

#include "support/fake_system.h"
#include "wire/igmp.h"
#include "wire/ipv4.h"

using namespace netfix;
using namespace std::chrono_literals;
using testing::FakeReply;
using testing::FakeSystem;
using testing::TestClock;

namespace {

const std::string kHostMac = "f0:d5:bf:4e:46:58";
const std::string kRouterMac = "3c:a6:2f:10:00:01";
const std::string kTvMac = "14:c9:13:30:00:30";

// An IGMP message in IPv4 (no router alert option; the parser does not care).
io::Frame Igmp(const std::string& mac, const std::string& from, const std::string& to,
               std::vector<std::uint8_t> message) {
  auto frame = wire::BuildUdpFrame(wire::kBroadcastMac, *wire::ParseMac(mac),
                                   *wire::ParseIpv4(from), *wire::ParseIpv4(to), 1, 1, {});
  frame.resize(14 + 20);
  frame[14 + 9] = wire::kIpProtoIgmp;
  frame[14 + 2] = 0;
  frame[14 + 3] = static_cast<std::uint8_t>(20 + message.size());
  frame.insert(frame.end(), message.begin(), message.end());
  return frame;
}

std::vector<std::uint8_t> V2(std::uint8_t type, const std::string& group,
                             std::uint8_t max_response = 0) {
  auto g = wire::Ipv4ToBytes(*wire::ParseIpv4(group));
  return {type, max_response, 0, 0, g[0], g[1], g[2], g[3]};
}

io::MulticastSocketOptions Where() {
  io::MulticastSocketOptions where;
  where.interface = "eth0";
  where.interface_index = 2;
  where.local_ipv4 = "192.168.1.5";
  return where;
}

struct Bench {
  FakeSystem system{TestClock::Simulated()};
  std::vector<std::string> memberships;
  std::atomic<bool> cancel{false};
  probe::IgmpTiming timing;

  // The kernel: an IGMPv2 report on join, a leave on leave.
  Bench() {
    system.membership_hook = [this](const io::MulticastSocketOptions& where,
                                    const std::string& group, bool joined) {
      memberships.push_back((joined ? "join " : "leave ") + group + " on " + where.interface);
      auto port = system.segment().Open("kernel");
      auto sent = joined ? port->Send(Igmp(kHostMac, "192.168.1.5", group, V2(0x16, group)))
                         : port->Send(Igmp(kHostMac, "192.168.1.5", "224.0.0.2", V2(0x17, group)));
      REQUIRE(sent.ok());
    };
  }

  // A router that answers a leave with a group-specific query after `after`.
  void AddQuerier(io::Duration after) {
    system.segment().AddResponder([after](const io::Frame& sent) {
      std::vector<FakeReply> out;
      auto f = wire::ParseIgmpFrame(sent);
      if (f && f->igmp.type == wire::kIgmpV2Leave) {
        std::string group = wire::FormatIpv4(f->igmp.group);
        out.push_back({after, Igmp(kRouterMac, "192.168.1.1", group, V2(0x11, group, 10))});
      }
      return out;
    });
  }

  probe::IgmpOutcome Run(const std::string& group = "239.255.12.34") {
    auto capture = system.segment().Open(probe::kIgmpFilter);
    return probe::RunIgmpQuerierTest(system, *capture, Where(), group, *wire::ParseMac(kHostMac),
                                     timing, cancel);
  }
};

}  // namespace

TEST_CASE("igmp querier: a querier answers the leave with a group-specific query",
          "[probe][igmp]") {
  Bench bench;
  bench.AddQuerier(3ms);
  // A TV that is a member of SSDP's group says so meanwhile.
  bench.system.segment().Schedule(
      50ms, Igmp(kTvMac, "192.168.1.30", "239.255.255.250", V2(0x16, "239.255.255.250")));
  io::TimePoint start = bench.system.clock().Now();
  auto o = bench.Run();
  CHECK_FALSE(o.error);
  CHECK_FALSE(o.cancelled);
  CHECK(bench.memberships ==
        std::vector<std::string>{"join 239.255.12.34 on eth0", "leave 239.255.12.34 on eth0"});
  const auto& test = o.test;
  CHECK(test.group == "239.255.12.34");
  CHECK(test.joined);
  CHECK(test.left);
  CHECK(test.window_ms == Approx(1500));
  CHECK(io::MillisecondsBetween(start, bench.system.clock().Now()) == Approx(1600));
  REQUIRE(test.queries.size() == 1);
  CHECK(test.queries[0].from_ip == "192.168.1.1");
  CHECK(test.queries[0].from_mac == kRouterMac);
  CHECK(test.queries[0].group == "239.255.12.34");
  CHECK(test.queries[0].version == 2);
  CHECK(test.queries[0].max_response_s == Approx(1.0));
  // Our own report and leave are not someone else's.
  REQUIRE(test.reports.size() == 1);
  CHECK(test.reports[0].from_ip == "192.168.1.30");
  CHECK(test.reports[0].type == "report");
  CHECK(test.reports[0].group == "239.255.255.250");
}

TEST_CASE("igmp querier: no querier, no query within the window", "[probe][igmp]") {
  Bench bench;
  bench.timing.window = 800ms;
  auto o = bench.Run();
  CHECK(o.test.joined);
  CHECK(o.test.left);
  CHECK(o.test.queries.empty());
  CHECK(o.test.reports.empty());
  CHECK(o.test.window_ms == Approx(800));
}

TEST_CASE("igmp querier: a join that fails, and a stop", "[probe][igmp]") {
  Bench bench;
  bench.system.join_error =
      io::Error{io::ErrorKind::kOther, "cannot join 239.255.12.34 on 'eth0': No such device"};
  auto o = bench.Run();
  CHECK_FALSE(o.test.joined);
  CHECK_FALSE(o.test.left);
  CHECK(o.join_error == "cannot join 239.255.12.34 on 'eth0': No such device");

  Bench stopped;
  stopped.AddQuerier(3ms);
  stopped.cancel = true;
  auto c = stopped.Run();
  CHECK(c.cancelled);
  // Left on the way out all the same.
  CHECK(stopped.memberships.size() == 2);
}

TEST_CASE("igmp querier: test groups are admin-scoped and not SSDP's", "[probe][igmp]") {
  for (int i = 0; i < 200; ++i) {
    std::string g = probe::RandomIgmpTestGroup();
    INFO(g);
    auto a = wire::ParseIpv4(g);
    REQUIRE(a);
    CHECK((*a >> 16) == (239u << 8 | 255u));
    CHECK((*a >> 8 & 0xff) != 255u);
    CHECK((*a & 0xff) != 0u);
  }
}
