// Link quality statistics: what the checks and the report compute from the
// raw round trips and transfers.
#include "link/quality.h"

#include <catch2/catch.hpp>

#include "inventory/build.h"
#include "profile/profile.h"

using netfix::link::Grade;

namespace lq = netfix::link;
namespace model = netfix::model;

TEST_CASE("median, mean and the 90th percentile") {
  CHECK_FALSE(lq::Median({}).has_value());
  CHECK(*lq::Median({3, 1, 2}) == 2);
  CHECK(*lq::Median({4, 1, 3, 2}) == 2.5);
  CHECK(*lq::Mean({1, 2, 6}) == 3);
  CHECK_FALSE(lq::Mean({}).has_value());
  // Nearest rank: of ten values the 9th, of five the 5th.
  CHECK(*lq::Percentile({10, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 90) == 9);
  CHECK(*lq::Percentile({5, 1, 2, 3, 4}, 90) == 5);
  CHECK(*lq::Percentile({7}, 90) == 7);
  CHECK_FALSE(lq::Percentile({1, 2}, 0).has_value());
  CHECK_FALSE(lq::Percentile({}, 90).has_value());
}

TEST_CASE("jitter is the mean absolute difference of consecutive round trips") {
  CHECK_FALSE(lq::Jitter({}).has_value());
  CHECK_FALSE(lq::Jitter({5}).has_value());
  CHECK(*lq::Jitter({10, 10, 10}) == 0);
  // |20-10| + |10-20| + |40-10| = 50 over 3 differences.
  CHECK(*lq::Jitter({10, 20, 10, 40}) == Approx(50.0 / 3));
  // Order matters: the same values sorted have less jitter.
  CHECK(*lq::Jitter({10, 10, 20, 40}) == Approx(30.0 / 3));
}

TEST_CASE("a ping result summarised: loss, median, p90, jitter") {
  model::PingResult ping;
  ping.sent = 10;
  ping.received = 8;
  ping.rtt_ms = {10, 12, 11, 30, 10, 12, 11, 10};
  auto s = lq::Summarize(ping);
  CHECK(s.sent == 10);
  CHECK(s.received == 8);
  CHECK(s.lost == 2);
  CHECK(s.loss_pct == 20);
  CHECK(*s.min_ms == 10);
  CHECK(*s.max_ms == 30);
  CHECK(*s.median_ms == 11);
  CHECK(*s.mean_ms == Approx(13.25));
  CHECK(*s.p90_ms == 30);  // rank ceil(7.2) = 8 of 8
  CHECK(*s.jitter_ms == Approx((2 + 1 + 19 + 20 + 2 + 1 + 1) / 7.0));

  model::PingResult silent;
  silent.sent = 5;
  auto none = lq::Summarize(silent);
  CHECK(none.lost == 5);
  CHECK(none.loss_pct == 100);
  CHECK_FALSE(none.median_ms.has_value());
  CHECK_FALSE(none.jitter_ms.has_value());

  model::PingResult nothing;
  CHECK(lq::Summarize(nothing).loss_pct == 0);  // nothing sent, nothing lost
}

TEST_CASE("bufferbloat grades follow the DSLReports bands") {
  CHECK(lq::BufferbloatGrade(0) == Grade::kAPlus);
  CHECK(lq::BufferbloatGrade(4.9) == Grade::kAPlus);
  CHECK(lq::BufferbloatGrade(5) == Grade::kA);
  CHECK(lq::BufferbloatGrade(29.9) == Grade::kA);
  CHECK(lq::BufferbloatGrade(30) == Grade::kB);
  CHECK(lq::BufferbloatGrade(59.9) == Grade::kB);
  CHECK(lq::BufferbloatGrade(60) == Grade::kC);
  CHECK(lq::BufferbloatGrade(199) == Grade::kC);
  CHECK(lq::BufferbloatGrade(200) == Grade::kD);
  CHECK(lq::BufferbloatGrade(399) == Grade::kD);
  CHECK(lq::BufferbloatGrade(400) == Grade::kF);
  CHECK(lq::BufferbloatGrade(5000) == Grade::kF);
  CHECK(std::string(lq::ToString(Grade::kAPlus)) == "A+");
  CHECK(std::string(lq::ToString(Grade::kF)) == "F");
  CHECK(*lq::GradeUpperBound(Grade::kB) == 60);
  CHECK_FALSE(lq::GradeUpperBound(Grade::kF).has_value());
}

TEST_CASE("RPM is 60000 divided by the loaded round trip in ms") {
  CHECK(*lq::Rpm(100.0) == 600);
  CHECK(*lq::Rpm(10.0) == 6000);
  CHECK_FALSE(lq::Rpm(std::nullopt).has_value());
  CHECK_FALSE(lq::Rpm(0.0).has_value());
}

namespace {

model::Transfer MakeTransfer(const std::string& direction, double mbit,
                             std::vector<double> loaded) {
  model::Transfer t;
  t.direction = direction;
  t.status = "ok";
  t.streams = 4;
  t.bytes = 1000000;
  t.mbit_s = mbit;
  t.loaded_rtt_ms = std::move(loaded);
  t.loaded_sent = static_cast<int>(t.loaded_rtt_ms.size());
  return t;
}

}  // namespace

TEST_CASE("a speed test: throughput, idle and loaded latency, grade of the worse direction") {
  model::SpeedTest test;
  test.leg = "internet";
  test.server = "speed.example:443";
  test.idle_rtt_ms = {20, 22, 21, 19, 20};
  test.transfers.push_back(MakeTransfer("download", 92.5, {60, 70, 80}));
  test.transfers.push_back(MakeTransfer("upload", 38.0, {200, 260, 240, 250}));
  auto s = lq::Summarize(test);
  CHECK(s.leg == "internet");
  CHECK(*s.idle_ms == 20);
  REQUIRE(s.download);
  REQUIRE(s.upload);
  CHECK(*s.download->mbit_s == 92.5);
  CHECK(*s.download->loaded_ms == 70);
  CHECK(*s.download->added_ms == 50);
  CHECK(*s.download->grade == Grade::kB);
  CHECK(*s.download->rpm == Approx(60000.0 / 70));
  CHECK(*s.upload->loaded_ms == 245);
  CHECK(*s.upload->added_ms == 225);
  CHECK(*s.upload->grade == Grade::kD);
  CHECK(s.worse_direction == "upload");
  CHECK(*s.added_ms == 225);
  CHECK(*s.grade == Grade::kD);
  CHECK(*s.rpm == Approx(60000.0 / 245));

  // Loaded round trips faster than idle ones: no negative added latency.
  test.transfers[1].loaded_rtt_ms = {15, 16};
  s = lq::Summarize(test);
  CHECK(*s.upload->added_ms == 0);
  CHECK(*s.upload->grade == Grade::kAPlus);
  CHECK(s.worse_direction == "download");

  // A failed transfer has no throughput; without idle round trips no grade.
  test.transfers[0].status = "failed";
  test.idle_rtt_ms.clear();
  s = lq::Summarize(test);
  CHECK_FALSE(s.download->mbit_s.has_value());
  CHECK_FALSE(s.download->grade.has_value());
  CHECK_FALSE(s.grade.has_value());
  CHECK(s.worse_direction.empty());
  CHECK(s.download->loaded_ms.has_value());  // RPM needs no idle baseline
  CHECK(s.download->rpm.has_value());
}

TEST_CASE("legs, throughput per direction and the peer's host") {
  model::Snapshot snapshot;
  CHECK(lq::FindLeg(snapshot, "internet") == nullptr);
  model::SpeedTest home;
  home.leg = "home";
  home.transfers.push_back(MakeTransfer("download", 0, {}));
  home.transfers.back().bytes = 0;
  home.transfers.push_back(MakeTransfer("download", 40, {}));
  snapshot.measurements.speed.push_back(home);
  REQUIRE(lq::FindLeg(snapshot, "home") != nullptr);
  CHECK(*lq::Mbit(*lq::FindLeg(snapshot, "home"), "download") == 40);  // the first that moved data
  CHECK_FALSE(lq::Mbit(home, "upload").has_value());

  CHECK(lq::HostOf("192.168.1.20:8377") == "192.168.1.20");
  CHECK(lq::HostOf("192.168.1.20") == "192.168.1.20");
  CHECK(lq::HostOf("[fd00::2]:8377") == "fd00::2");
  CHECK(lq::HostOf("fd00::2") == "fd00::2");
  CHECK(lq::HostOf("speed.example") == "speed.example");
}

namespace {

// A home with a MagentaTV receiver (UHD by its profile), a TV that no
// profile knows (the default: one HD stream) and a Sat>IP server.
model::Snapshot ReceiverHome() {
  model::Snapshot s;
  s.default_gateway = "192.168.1.1";
  auto device = [&](const std::string& mac, const std::string& ip) {
    model::Device d;
    d.mac = mac;
    d.ipv4 = {ip};
    d.seen_by = {"arp-sweep"};
    s.devices.push_back(d);
  };
  device("02:00:00:00:00:30", "192.168.1.30");
  device("02:00:00:00:00:31", "192.168.1.31");
  device("02:00:00:00:00:32", "192.168.1.32");
  model::MdnsResult mdns;
  model::MdnsService magenta;
  magenta.instance = "MagentaTV._googlecast._tcp.local";
  magenta.type = "_googlecast._tcp";
  magenta.addresses = {"192.168.1.30"};
  magenta.from_ip = "192.168.1.30";
  magenta.txt = {{"md", "MagentaTV One"}, {"fn", "Wohnzimmer"}};
  mdns.services.push_back(magenta);
  model::MdnsService cast;
  cast.instance = "TV._googlecast._tcp.local";
  cast.type = "_googlecast._tcp";
  cast.addresses = {"192.168.1.31"};
  cast.from_ip = "192.168.1.31";
  cast.txt = {{"md", "Some TV"}};
  mdns.services.push_back(cast);
  s.measurements.mdns = mdns;
  model::SsdpResult ssdp;
  model::SsdpMessage satip;
  satip.how = "response";
  satip.from_ip = "192.168.1.32";
  satip.target = "urn:ses-com:device:SatIPServer:1";
  ssdp.messages.push_back(satip);
  s.measurements.ssdp = ssdp;
  return s;
}

}  // namespace

TEST_CASE("receivers: need from the profile, available from the legs, the limiting leg") {
  model::Snapshot s = ReceiverHome();
  model::SpeedTest internet;
  internet.leg = "internet";
  internet.transfers.push_back(MakeTransfer("download", 50, {}));
  s.measurements.speed.push_back(internet);
  model::SpeedTest home;
  home.leg = "home";
  home.server = "192.168.1.30:8377";  // netfix serve on the receiver's address
  home.transfers.push_back(MakeTransfer("download", 20, {}));
  s.measurements.speed.push_back(home);
  model::PingResult ping;
  ping.target = "192.168.1.31";
  ping.role = "receiver";
  ping.sent = 20;
  ping.rtt_ms = std::vector<double>(17, 5.0);
  s.measurements.ping.push_back(ping);

  auto inventory = netfix::inventory::Build(s);
  lq::StreamRates rates;
  auto paths = lq::AssessReceivers(s, inventory, netfix::profile::ProfileDb::Builtin(), rates, 0.4);
  REQUIRE(paths.size() == 3);

  const auto& magenta = paths[0];
  CHECK(magenta.ip == "192.168.1.30");
  CHECK(magenta.stream_class == "uhd");
  CHECK(magenta.from_profile);
  CHECK(magenta.need_mbit == 28);
  CHECK(*magenta.internet_mbit == 50);
  CHECK(*magenta.home_mbit == 20);
  CHECK(*magenta.available_mbit == 20);
  CHECK(magenta.limit == "home");
  CHECK_FALSE(magenta.path.has_value());

  const auto& tv = paths[1];
  CHECK(tv.stream_class == "hd");
  CHECK_FALSE(tv.from_profile);
  CHECK(tv.need_mbit == 9);
  CHECK_FALSE(tv.home_mbit.has_value());  // the peer is not this receiver
  CHECK(*tv.available_mbit == 50);
  CHECK(tv.limit == "internet");
  REQUIRE(tv.path.has_value());
  CHECK(tv.path->lost == 3);

  const auto& satip = paths[2];
  CHECK(satip.home_source);
  CHECK_FALSE(satip.internet_mbit.has_value());  // its streams come from the dish
  CHECK_FALSE(satip.available_mbit.has_value());
  CHECK(satip.limit.empty());

  rates.uhd = 25;
  CHECK(lq::AssessReceivers(s, inventory, netfix::profile::ProfileDb::Builtin(), rates, 0.4)[0]
            .need_mbit == 25);
  CHECK(lq::StreamLabel("uhd") == "UHD");
  CHECK(lq::StreamLabel("audio") == "Audio");
}
