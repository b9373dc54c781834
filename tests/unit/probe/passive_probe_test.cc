// The passive listener on simulated time, fed frames a LAN sends on its own.
#include "probe/passive_probe.h"

#include <catch2/catch.hpp>

#include "probe/dhcp_probe.h"
#include "support/fake_dhcp.h"
#include "support/fake_lan.h"
#include "wire/igmp.h"
#include "wire/lldp.h"

using namespace netfix;
using namespace std::chrono_literals;
using testing::FakeSegment;

namespace {

const wire::MacAddress kHostMac = *wire::ParseMac("f0:d5:bf:4e:46:58");

// Sets `flag` once the clock passes `at` (the active probes finishing then).
class FlagAt final : public io::PacketIo {
 public:
  FlagAt(std::unique_ptr<io::PacketIo> inner, testing::TestClock& clock, io::TimePoint at,
         std::atomic<bool>& flag)
      : inner_(std::move(inner)), clock_(clock), at_(at), flag_(flag) {}
  io::Result<void> Send(std::span<const std::uint8_t> frame) override {
    return inner_->Send(frame);
  }
  io::Result<std::vector<io::Frame>> Receive(io::TimePoint until) override {
    auto frames = inner_->Receive(std::min(until, at_));
    if (clock_.Now() >= at_) flag_ = true;
    if (failure_at_ && clock_.Now() >= *failure_at_)
      return io::Error{io::ErrorKind::kOther, "cannot capture on 'eth0': The interface went down"};
    return frames;
  }
  std::optional<io::TimePoint> failure_at_;

 private:
  std::unique_ptr<io::PacketIo> inner_;
  testing::TestClock& clock_;
  io::TimePoint at_;
  std::atomic<bool>& flag_;
};

io::Frame Udp(const std::string& mac, const std::string& from, const std::string& to,
              std::uint16_t sport, std::uint16_t dport, const std::string& payload) {
  return wire::BuildUdpFrame(
      wire::kBroadcastMac, *wire::ParseMac(mac), *wire::ParseIpv4(from), *wire::ParseIpv4(to),
      sport, dport,
      wire::Bytes(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()));
}

// An IGMP message in IPv4 (no router alert option; the parser does not care).
io::Frame Igmp(const std::string& mac, const std::string& from, const std::string& to,
               std::vector<std::uint8_t> message) {
  auto frame = Udp(mac, from, to, 1, 1, "");
  frame.resize(14 + 20);
  frame[14 + 9] = wire::kIpProtoIgmp;
  frame[14 + 2] = 0;
  frame[14 + 3] = static_cast<std::uint8_t>(20 + message.size());
  frame.insert(frame.end(), message.begin(), message.end());
  return frame;
}

struct Bench {
  testing::TestClock clock = testing::TestClock::Simulated();
  std::shared_ptr<FakeSegment> segment = std::make_shared<FakeSegment>(clock);
  std::atomic<bool> cancel{false};
  std::atomic<bool> active_done{false};
  probe::PassiveTiming timing;

  probe::PassiveOutcome Run(io::Duration until = 1000ms) {
    FlagAt port(segment->Open(probe::kPassiveFilter), clock, clock.Now() + until, active_done);
    return probe::RunPassiveListener(port, clock, kHostMac, timing, cancel, active_done);
  }
};

bool Sighted(const probe::PassiveOutcome& o, const std::string& mac, const std::string& ip,
             const std::string& how) {
  return std::any_of(o.sightings.begin(), o.sightings.end(), [&](const probe::PassiveSighting& s) {
    return s.mac == mac && s.ip == ip && s.how == how;
  });
}

}  // namespace

TEST_CASE("passive: what a LAN says on its own is recorded by protocol", "[probe][passive]") {
  Bench bench;
  auto& seg = *bench.segment;
  // ARP: another host's request, a gratuitous announcement, a reply to our
  // sweep (the sweep's, not ours), an ARP probe (claims nothing).
  seg.Schedule(10ms, testing::ArpFrame(wire::kArpRequest, "dc:a6:32:11:06:06", "192.168.1.2",
                                       "00:00:00:00:00:00", "192.168.1.1"));
  seg.Schedule(20ms, testing::ArpFrame(wire::kArpRequest, "00:1b:a9:66:03:03", "192.168.1.9",
                                       "00:00:00:00:00:00", "192.168.1.9"));
  seg.Schedule(30ms, testing::ArpFrame(wire::kArpReply, "3c:a6:2f:10:00:01", "192.168.1.1",
                                       "f0:d5:bf:4e:46:58", "192.168.1.5", "f0:d5:bf:4e:46:58"));
  seg.Schedule(40ms, testing::ArpFrame(wire::kArpRequest, "3c:2a:f4:11:03:03", "0.0.0.0",
                                       "00:00:00:00:00:00", "192.168.1.12"));
  // DHCP: another client's DISCOVER and the server's ACK to it; our own
  // probe's OFFER (the dhcp probe's).
  auto plan = probe::PlanDhcp("eth0", kHostMac, *wire::ParseIpv4("192.168.1.5"), 7);
  testing::FakeDhcpServer server;
  auto other = *wire::ParseDhcpFrame(probe::BuildDiscoverFrame(
      probe::PlanDhcp("eth0", *wire::ParseMac("00:1b:a9:66:03:03"), std::nullopt, 99)));
  other.dhcp.chaddr = {0x00, 0x1b, 0xa9, 0x66, 0x03, 0x03};
  seg.Schedule(50ms, probe::BuildDiscoverFrame(
                         probe::PlanDhcp("eth0", *wire::ParseMac("00:1b:a9:66:03:03"), {}, 99)));
  seg.Schedule(60ms, testing::DhcpReply(server, other, wire::kDhcpAck));
  auto own = *wire::ParseDhcpFrame(probe::BuildDiscoverFrame(plan));
  seg.Schedule(70ms, testing::DhcpReply(server, own, wire::kDhcpOffer));
  // SSDP: a NOTIFY and an M-SEARCH from someone else; mDNS.
  seg.Schedule(100ms, Udp("00:17:88:01:00:09", "192.168.1.109", "239.255.255.250", 1900, 1900,
                          "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
                          "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
                          "USN: uuid:2f402f80-da50-11e1-9b23-001788010009::upnp:rootdevice\r\n"
                          "LOCATION: http://192.168.1.109:80/description.xml\r\n"
                          "SERVER: Linux/3.14.0 UPnP/1.0 IpBridge/1.26.0\r\n\r\n"));
  seg.Schedule(110ms, Udp("dc:a6:32:11:06:06", "192.168.1.2", "239.255.255.250", 50000, 1900,
                          "M-SEARCH * HTTP/1.1\r\nST: ssdp:all\r\nMAN: \"ssdp:discover\"\r\n\r\n"));
  seg.Schedule(120ms, Udp("00:1b:a9:66:03:03", "192.168.1.9", "224.0.0.251", 5353, 5353,
                          std::string(40, '\0')));
  // IGMP: a v2 general query from the router, a v3 report with a leave.
  seg.Schedule(
      200ms, Igmp("3c:a6:2f:10:00:01", "192.168.1.1", "224.0.0.1", {0x11, 100, 0, 0, 0, 0, 0, 0}));
  seg.Schedule(210ms, Igmp("00:1b:a9:66:03:03", "192.168.1.9", "224.0.0.22",
                           {0x22, 0,   0,   0,   0, 0, 0, 2, 4,   0, 0, 0,
                            239,  255, 255, 250, 3, 0, 0, 0, 224, 0, 0, 251}));
  // LLDP from the switch, twice (counted twice, recorded once); junk.
  auto lldp =
      wire::BuildLldpFrame(*wire::ParseMac("00:22:2d:81:db:10"), "Port #3", 120, "SMCGS8P-Smart",
                           "v3.20", 0x0004, 0x0004, *wire::ParseIpv4("192.168.1.250"));
  seg.Schedule(300ms, lldp);
  seg.Schedule(310ms, lldp);
  seg.Schedule(400ms, io::Frame(5, 0xff));
  // After the active probes are done: not heard.
  seg.Schedule(1500ms, testing::ArpFrame(wire::kArpRequest, "aa:bb:cc:00:00:01", "192.168.1.77",
                                         "00:00:00:00:00:00", "192.168.1.1"));

  auto o = bench.Run();
  CHECK_FALSE(o.error);
  CHECK_FALSE(o.cancelled);
  CHECK(o.result.window_ms == Approx(1000).margin(25));
  CHECK(o.result.frames["arp"] == 4);
  CHECK(o.result.frames["dhcp"] == 3);
  CHECK(o.result.frames["ssdp"] == 2);
  CHECK(o.result.frames["mdns"] == 1);
  CHECK(o.result.frames["igmp"] == 2);
  CHECK(o.result.frames["lldp"] == 2);
  CHECK(o.result.frames["other"] == 1);

  CHECK(Sighted(o, "dc:a6:32:11:06:06", "192.168.1.2", "arp-passive"));
  CHECK(Sighted(o, "00:1b:a9:66:03:03", "192.168.1.9", "arp-passive"));
  CHECK_FALSE(Sighted(o, "3c:a6:2f:10:00:01", "192.168.1.1", "arp-passive"));
  CHECK_FALSE(Sighted(o, "aa:bb:cc:00:00:01", "192.168.1.77", "arp-passive"));
  for (const auto& s : o.sightings) CHECK(s.ip != "0.0.0.0");

  REQUIRE(o.dhcp.size() == 2);  // not our own OFFER
  CHECK(o.dhcp[0].how == "passive");
  CHECK(o.dhcp[0].message_type == "DISCOVER");
  CHECK(o.dhcp[1].message_type == "ACK");
  CHECK(o.dhcp[1].server_id == "192.168.1.1");
  CHECK(o.dhcp[1].client_mac == "00:1b:a9:66:03:03");
  CHECK(Sighted(o, "00:1b:a9:66:03:03", "", "dhcp-passive"));

  REQUIRE(o.notify.size() == 1);
  CHECK(o.notify[0].how == "notify");
  CHECK(o.notify[0].from_ip == "192.168.1.109");
  CHECK(o.notify[0].nts == "ssdp:alive");
  CHECK(o.notify[0].location == "http://192.168.1.109:80/description.xml");
  CHECK(Sighted(o, "00:17:88:01:00:09", "192.168.1.109", "ssdp-notify"));
  CHECK(Sighted(o, "00:1b:a9:66:03:03", "192.168.1.9", "mdns-passive"));

  REQUIRE(o.result.igmp.size() == 3);
  CHECK(o.result.igmp[0].type == "query");
  CHECK(o.result.igmp[0].version == 2);
  CHECK(o.result.igmp[0].group.empty());
  CHECK(o.result.igmp[0].max_response_s == Approx(10));
  CHECK(o.result.igmp[0].from_mac == "3c:a6:2f:10:00:01");
  CHECK(o.result.igmp[1].type == "report");
  CHECK(o.result.igmp[1].group == "239.255.255.250");
  CHECK(o.result.igmp[2].type == "leave");
  CHECK(o.result.igmp[2].group == "224.0.0.251");

  REQUIRE(o.result.lldp.size() == 1);
  const auto& l = o.result.lldp[0];
  CHECK(l.from_mac == "00:22:2d:81:db:10");
  CHECK(l.chassis_id == "00:22:2d:81:db:10");
  CHECK(l.port_id == "Port #3");
  CHECK(l.system_name == "SMCGS8P-Smart");
  CHECK(l.capabilities == std::vector<std::string>{"bridge"});
  CHECK(l.management_ip == "192.168.1.250");
  CHECK(l.ttl_s == 120);
}

TEST_CASE("passive: caps, our own frames, Ctrl-C and capture errors", "[probe][passive]") {
  Bench bench;
  SECTION("records are capped, frames still counted") {
    bench.timing.max_records = 3;
    for (int i = 0; i < 10; ++i)
      bench.segment->Schedule(std::chrono::milliseconds(10 + i),
                              testing::ArpFrame(wire::kArpRequest, "dc:a6:32:11:06:06",
                                                "192.168.1." + std::to_string(20 + i),
                                                "00:00:00:00:00:00", "192.168.1.1"));
    auto o = bench.Run(100ms);
    CHECK(o.result.frames["arp"] == 10);
    CHECK(o.sightings.size() == 3);
  }
  SECTION("frames from our own MAC are not counted") {
    bench.segment->Schedule(10ms,
                            testing::ArpFrame(wire::kArpRequest, "f0:d5:bf:4e:46:58", "192.168.1.5",
                                              "00:00:00:00:00:00", "192.168.1.1"));
    auto o = bench.Run(100ms);
    CHECK(o.result.frames.empty());
  }
  SECTION("Ctrl-C") {
    bench.cancel = true;
    auto o = bench.Run();
    CHECK(o.cancelled);
    CHECK(o.result.window_ms < 1);
  }
  SECTION("the capture fails") {
    FlagAt port(bench.segment->Open(probe::kPassiveFilter), bench.clock, bench.clock.Now() + 1000ms,
                bench.active_done);
    port.failure_at_ = bench.clock.Now() + 200ms;
    auto o = probe::RunPassiveListener(port, bench.clock, kHostMac, bench.timing, bench.cancel,
                                       bench.active_done);
    REQUIRE(o.error);
    CHECK(o.result.window_ms == Approx(200).margin(25));
  }
}
