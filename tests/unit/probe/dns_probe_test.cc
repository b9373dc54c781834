#include "probe/dns_probe.h"

#include <catch2/catch.hpp>

#include "support/fake_sockets.h"
#include "support/fake_system.h"

using namespace netfix;
using namespace std::chrono_literals;
using probe::DnsTiming;
using testing::DnsResponse;
using testing::FakeDnsReply;
using testing::FakeDnsSocket;
using testing::TestClock;
using wire::DnsMessage;

namespace {

const std::vector<std::string> kNames = {"example.com", "www.google.com"};

struct Query {
  TestClock clock = TestClock::Simulated();
  std::atomic<bool> cancel{false};
  std::uint16_t next = 100;

  model::DnsResult Ask(FakeDnsSocket& socket, const std::vector<std::string>& names = kNames) {
    return probe::QueryResolver(socket, clock, {"192.168.178.1", "resolv.conf", false}, names,
                                DnsTiming{}, cancel, [this] { return next++; });
  }
};

}  // namespace

TEST_CASE("dns: answers are timed and classified", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage& m, int) {
    if (m.questions[0].name == "example.com")
      return std::vector<FakeDnsReply>{{12ms, DnsResponse(m, 0, {"93.184.216.34"})}};
    return std::vector<FakeDnsReply>{
        {30ms, DnsResponse(m, 0, {"142.250.185.68", "142.250.185.69"})}};
  });
  auto r = q.Ask(socket);
  CHECK(r.resolver == "192.168.178.1");
  CHECK(r.source == "resolv.conf");
  REQUIRE(r.queries.size() == 2);
  CHECK(r.queries[0].name == "example.com");
  CHECK(r.queries[0].type == "A");
  CHECK(r.queries[0].outcome == "ok");
  CHECK(r.queries[0].rcode == "NOERROR");
  CHECK(r.queries[0].answers == std::vector<std::string>{"93.184.216.34"});
  CHECK(r.queries[0].rtt_ms == Approx(12));
  CHECK(r.queries[1].answers.size() == 2);
  CHECK(r.queries[1].rtt_ms == Approx(30));
  CHECK(socket.sends == 2);  // both asked at once, no resend
}

TEST_CASE("dns: error rcodes and empty answers", "[probe][dns]") {
  for (auto [rcode, outcome] : std::vector<std::pair<int, std::string>>{
           {3, "nxdomain"}, {2, "servfail"}, {5, "refused"}, {0, "nodata"}, {4, "error"}}) {
    Query q;
    FakeDnsSocket socket(q.clock, [rcode = rcode](const DnsMessage& m, int) {
      return std::vector<FakeDnsReply>{{5ms, DnsResponse(m, rcode)}};
    });
    auto r = q.Ask(socket, {"example.com"});
    INFO("rcode " << rcode);
    CHECK(r.queries[0].outcome == outcome);
    CHECK(r.queries[0].rcode == wire::DnsRcodeName(rcode));
    CHECK(r.queries[0].answers.empty());
  }
}

TEST_CASE("dns: a silent resolver times out after one resend, in parallel", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage&, int) { return std::vector<FakeDnsReply>(); });
  io::TimePoint start = q.clock.Now();
  auto r = q.Ask(socket);
  for (const auto& query : r.queries) {
    CHECK(query.outcome == "timeout");
    CHECK(query.rcode.empty());
    CHECK(query.rtt_ms == Approx(2000));
    CHECK(query.detail == "no answer within 2000 ms (sent twice)");
  }
  CHECK(socket.sends == 4);
  CHECK(io::MillisecondsBetween(start, q.clock.Now()) == Approx(2000));  // not 4000
}

TEST_CASE("dns: an answer to the resend counts from the first send", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage& m, int attempt) {
    if (attempt == 1) return std::vector<FakeDnsReply>();
    return std::vector<FakeDnsReply>{{40ms, DnsResponse(m, 0, {"93.184.216.34"})},
                                     {41ms, DnsResponse(m, 0, {"93.184.216.34"})}};  // duplicate
  });
  auto r = q.Ask(socket, {"example.com"});
  CHECK(r.queries[0].outcome == "ok");
  CHECK(r.queries[0].rtt_ms == Approx(1040));
  CHECK(r.queries[0].detail == "answered after a resend");
}

TEST_CASE("dns: wrong ids, wrong questions and garbage are ignored", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage& m, int) {
    DnsMessage other = m;
    other.id = static_cast<std::uint16_t>(m.id + 1000);
    DnsMessage renamed = m;
    renamed.questions[0].name = "evil.example";
    return std::vector<FakeDnsReply>{{1ms, {0xde, 0xad}},
                                     {2ms, DnsResponse(other, 0, {"6.6.6.6"})},
                                     {3ms, DnsResponse(renamed, 0, {"6.6.6.7"})},
                                     {4ms, DnsResponse(m, 0, {"93.184.216.34"})}};
  });
  auto r = q.Ask(socket, {"example.com"});
  CHECK(r.queries[0].outcome == "ok");
  CHECK(r.queries[0].answers == std::vector<std::string>{"93.184.216.34"});
  CHECK(r.queries[0].rtt_ms == Approx(4));
}

TEST_CASE("dns: only garbage back is an error, not a timeout", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage&, int) {
    return std::vector<FakeDnsReply>{{1ms, {0x01, 0x02, 0x03}}};
  });
  auto r = q.Ask(socket, {"example.com"});
  CHECK(r.queries[0].outcome == "error");
  CHECK(r.queries[0].detail.find("2 unusable datagram(s) received (3 bytes, not DNS)") !=
        std::string::npos);
}

TEST_CASE("dns: a malformed answer with our id is an error", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage& m, int) {
    auto bytes = DnsResponse(m, 0, {"93.184.216.34"});
    bytes.resize(bytes.size() - 2);  // the A record's data cut short
    return std::vector<FakeDnsReply>{{3ms, bytes}};
  });
  auto r = q.Ask(socket, {"example.com"});
  CHECK(r.queries[0].outcome == "error");
  CHECK(r.queries[0].rcode == "NOERROR");
  CHECK(r.queries[0].detail.find("malformed") != std::string::npos);
}

TEST_CASE("dns: port unreachable ends the resolver at once", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage&, int) { return std::vector<FakeDnsReply>(); });
  socket.refuse_after_sends = 1;
  auto r = q.Ask(socket);
  for (const auto& query : r.queries) {
    CHECK(query.outcome == "error");
    CHECK(query.detail.find("port 53 unreachable") != std::string::npos);
    CHECK(query.rtt_ms < 5);
  }
}

TEST_CASE("dns: port unreachable reported by the next send ends all queries", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage&, int) { return std::vector<FakeDnsReply>(); });
  socket.refuse_sends_after = 1;  // the first query's ICMP error fails the second send
  auto r = q.Ask(socket);
  REQUIRE(r.queries.size() == 2);
  for (const auto& query : r.queries) {
    CHECK(query.outcome == "error");
    CHECK(query.detail.find("port 53 unreachable") != std::string::npos);
  }
  CHECK(socket.sends == 1);
}

TEST_CASE("dns: invalid names and a stop", "[probe][dns]") {
  Query q;
  FakeDnsSocket socket(q.clock, [](const DnsMessage& m, int) {
    return std::vector<FakeDnsReply>{{500ms, DnsResponse(m, 0, {"1.2.3.4"})}};
  });
  auto bad = q.Ask(socket, {"bad..name"});
  CHECK(bad.queries[0].outcome == "error");
  CHECK(bad.queries[0].detail == "'bad..name' is not a valid DNS name");

  q.cancel = true;
  auto stopped = q.Ask(socket, {"example.com"});
  CHECK(stopped.queries[0].outcome == "error");
  CHECK(stopped.queries[0].detail == "stopped before an answer came");
}

TEST_CASE("dns probe: resolvers in parallel, an unusable address recorded", "[probe][dns]") {
  testing::FakeSystem system;
  system.dns_servers["192.168.178.1"] = [](const DnsMessage& m, int) {
    return std::vector<FakeDnsReply>{{1ms, DnsResponse(m, 0, {"93.184.216.34"})}};
  };
  system.dns_servers["1.1.1.1"] = [](const DnsMessage& m, int) {
    return std::vector<FakeDnsReply>{{1ms, DnsResponse(m, 3)}};
  };
  std::vector<model::Resolver> resolvers = {{"192.168.178.1", "resolv.conf", false},
                                            {"1.1.1.1", "reference", false},
                                            {"10.9.9.9", "reference", false}};  // silent
  std::atomic<bool> cancel{false};
  DnsTiming fast{30ms, 60ms, 5ms};
  auto out = probe::RunDnsProbe(system, resolvers, {"example.com"}, fast, cancel);
  REQUIRE(out.results.size() == 3);
  CHECK(out.results[0].queries[0].outcome == "ok");
  CHECK(out.results[1].queries[0].outcome == "nxdomain");
  CHECK(out.results[1].source == "reference");
  CHECK(out.results[2].queries[0].outcome == "timeout");
  CHECK(out.record.status == model::ProbeStatus::kOk);
  CHECK(out.record.reason == "3 resolvers (2 answering), 1/3 queries resolved");
}
