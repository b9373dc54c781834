#include "probe/mdns_probe.h"

#include <catch2/catch.hpp>

#include "probe/scan_runner.h"
#include "support/fake_system.h"
#include "support/mdns_message.h"
#include "wire/dns.h"
#include "wire/mdns.h"

using namespace netfix;
using namespace netfix::probe;
using namespace netfix::testing;
using namespace std::chrono_literals;

namespace {

struct Service {
  std::string instance;  ///< without the type
  std::string type;      ///< "_googlecast._tcp"
  int port = 0;
  std::vector<std::string> txt;
  bool with_additionals = true;  ///< SRV/TXT/A come along with the PTR
};

struct Responder {
  std::string ip;
  std::string host;  ///< "LG-OLED55C1.local"
  std::vector<Service> services;
};

std::string Full(const Service& s) {
  return s.instance + "." + s.type + ".local";
}

// Every responder answers each legacy unicast query it has answers for,
// directly to the sender, echoing id and questions (RFC 6762 §6.7).
MulticastResponder Zone(std::vector<Responder> zone,
                        std::shared_ptr<std::vector<wire::MdnsMessage>> seen) {
  return [zone, seen](const SentDatagram& sent) {
    std::vector<FakeDatagram> out;
    auto q = wire::ParseMdnsMessage(sent.bytes);
    if (!q || q->is_response) return out;
    if (seen) seen->push_back(*q);
    int n = 0;
    for (const auto& r : zone) {
      MdnsBuilder b(q->id);
      for (const auto& question : q->questions) b.Question(question.name, question.type);
      bool any = false;
      for (const auto& question : q->questions) {
        for (const auto& s : r.services) {
          bool meta = wire::DnsNamesEqual(question.name, wire::kDnsSdServices);
          if (question.type == wire::kDnsTypePtr && meta) {
            b.Ptr(MdnsBuilder::kAnswer, wire::kDnsSdServices, s.type + ".local");
            any = true;
          } else if (question.type == wire::kDnsTypePtr &&
                     wire::DnsNamesEqual(question.name, s.type + ".local")) {
            b.Ptr(MdnsBuilder::kAnswer, s.type + ".local", Full(s));
            if (s.with_additionals) {
              b.Srv(MdnsBuilder::kAdditional, Full(s), r.host, s.port);
              b.Txt(MdnsBuilder::kAdditional, Full(s), s.txt);
              b.A(MdnsBuilder::kAdditional, r.host, r.ip);
            }
            any = true;
          } else if (question.type == wire::kDnsTypeSrv &&
                     wire::DnsNamesEqual(question.name, Full(s))) {
            b.Srv(MdnsBuilder::kAnswer, Full(s), r.host, s.port);
            any = true;
          } else if (question.type == wire::kDnsTypeTxt &&
                     wire::DnsNamesEqual(question.name, Full(s))) {
            b.Txt(MdnsBuilder::kAnswer, Full(s), s.txt);
            any = true;
          }
        }
        if (question.type == wire::kDnsTypeA && wire::DnsNamesEqual(question.name, r.host)) {
          b.A(MdnsBuilder::kAnswer, r.host, r.ip);
          any = true;
        }
      }
      if (any) out.push_back({std::chrono::milliseconds(2 + (n++ % 5)), r.ip, 5353, b.Take()});
    }
    return out;
  };
}

const Responder kTv{"192.168.178.30",
                    "LG-OLED55C1.local",
                    {{"Living Room TV",
                      "_googlecast._tcp",
                      8009,
                      {"id=abc", "md=LG OLED55C1", "fn=Living Room TV"}},
                     {"Living Room TV", "_airplay._tcp", 7000, {"model=OLED55C1"}, false}}};
const Responder kPrinter{
    "192.168.178.103",
    "BRN3C2AF4.local",
    {{"Brother HL-L2350DW", "_ipp._tcp", 631, {"ty=Brother HL-L2350DW", "rp=ipp/print"}},
     {"Brother HL-L2350DW", "_canon-like._tcp", 8611, {}}}};

MdnsTiming Quick() {
  MdnsTiming t;
  t.window = 150ms;
  t.resend_after = 40ms;
  t.follow_up_every = 10ms;
  return t;
}

io::MulticastSocketOptions Lan() {
  return {"lan0", 3, "192.168.178.67", 255};
}

const model::MdnsService* Find(const model::MdnsResult& r, const std::string& type) {
  for (const auto& s : r.services)
    if (s.type == type) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("mDNS probe: browses, follows up, collects services", "[probe][mdns]") {
  FakeSystem system;
  auto queries = std::make_shared<std::vector<wire::MdnsMessage>>();
  system.multicast_responder = Zone({kTv, kPrinter}, queries);
  std::atomic<bool> cancel{false};
  auto out = RunMdnsProbe(system, Lan(), Quick(), cancel, 0x1234);

  // Legacy unicast queries to the group, one browse question per datagram.
  auto sent = system.multicast_log->sent();
  for (const auto& s : sent) {
    CHECK(s.to_ip == "224.0.0.251");
    CHECK(s.to_port == 5353);
  }
  std::size_t browse_round = 1 + MdnsHomeServiceTypes().size();
  REQUIRE(queries->size() > 2 * browse_round);
  for (const auto& q : *queries) {
    CHECK(q.id == 0x1234);
    CHECK_FALSE(q.questions.empty());
    CHECK(q.questions.size() <= 2);
    CHECK_FALSE(q.questions[0].unicast_response);
  }
  CHECK((*queries)[0].questions[0].name == "_services._dns-sd._udp.local");
  int meta_queries = 0;
  bool asked_new_type = false, asked_airplay_srv = false, asked_tv_address = false;
  for (const auto& q : *queries) {
    meta_queries += q.questions[0].name == wire::kDnsSdServices;
    asked_new_type |= q.questions[0].name == "_canon-like._tcp.local";
    if (q.questions[0].name == "Living Room TV._airplay._tcp.local") {
      asked_airplay_srv = true;
      REQUIRE(q.questions.size() == 2);
      CHECK(q.questions[0].type == wire::kDnsTypeSrv);
      CHECK(q.questions[1].type == wire::kDnsTypeTxt);
    }
    asked_tv_address |= q.questions[0].name == "LG-OLED55C1.local";
  }
  CHECK(meta_queries == 2);  // the first round, resent once
  CHECK(asked_new_type);
  CHECK(asked_airplay_srv);
  CHECK_FALSE(asked_tv_address);  // the googlecast answer carried it already

  const auto& r = out.result;
  CHECK(r.responders == 2);
  CHECK(r.service_types == std::vector<std::string>{"_airplay._tcp", "_canon-like._tcp",
                                                    "_googlecast._tcp", "_ipp._tcp"});
  REQUIRE(r.services.size() == 4);
  auto* cast = Find(r, "_googlecast._tcp");
  REQUIRE(cast);
  CHECK(cast->instance == "Living Room TV._googlecast._tcp.local");
  CHECK(cast->host == "LG-OLED55C1.local");
  CHECK(cast->port == 8009);
  CHECK(cast->addresses == std::vector<std::string>{"192.168.178.30"});
  CHECK(cast->from_ip == "192.168.178.30");
  REQUIRE(cast->txt.size() == 3);
  CHECK(cast->txt[1] == std::make_pair(std::string("md"), std::string("LG OLED55C1")));
  auto* airplay = Find(r, "_airplay._tcp");  // PTR only, completed by follow-ups
  REQUIRE(airplay);
  CHECK(airplay->port == 7000);
  CHECK(airplay->addresses == std::vector<std::string>{"192.168.178.30"});
  CHECK(airplay->txt.size() == 1);
  auto* other = Find(r, "_canon-like._tcp");  // a type only the meta-query named
  REQUIRE(other);
  CHECK(other->port == 8611);
  CHECK(other->from_ip == "192.168.178.103");
  CHECK(out.record.status == model::ProbeStatus::kOk);
  CHECK(out.record.reason == "4 services from 2 responders, 4 service types announced");
  CHECK(r.window_ms >= 150);
}

TEST_CASE("mDNS probe: damaged answers, silence, socket failures", "[probe][mdns]") {
  FakeSystem system;
  std::atomic<bool> cancel{false};
  SECTION("a damaged answer keeps its readable records; junk is counted") {
    system.multicast_responder = [](const SentDatagram& sent) {
      std::vector<FakeDatagram> out;
      auto q = wire::ParseMdnsMessage(sent.bytes);
      if (!q || q->questions[0].name != "_ipp._tcp.local") return out;
      MdnsBuilder b(q->id);
      b.Ptr(MdnsBuilder::kAnswer, "_ipp._tcp.local", "P._ipp._tcp.local");
      b.Name("P._ipp._tcp.local");
      auto at = b.Begin(MdnsBuilder::kAdditional, wire::kDnsTypeSrv);
      b.raw().PutU8(1);  // broken SRV
      b.End(at);
      out.push_back({3ms, "192.168.178.103", 5353, b.Take()});
      out.push_back({4ms, "192.168.178.104", 5353, {1, 2, 3}});
      return out;
    };
    auto out = RunMdnsProbe(system, Lan(), Quick(), cancel, 7);
    REQUIRE(out.result.services.size() == 1);
    CHECK(out.result.services[0].instance == "P._ipp._tcp.local");
    CHECK(out.record.reason ==
          "1 service from 1 responder, 0 service types announced; 2 damaged answers (kept what "
          "was readable); 2 other datagrams ignored");
  }
  SECTION("nobody answers") {
    auto out = RunMdnsProbe(system, Lan(), Quick(), cancel, 7);
    CHECK(out.record.status == model::ProbeStatus::kOk);
    CHECK(out.record.reason == "no mDNS responder answered");
    CHECK(out.result.services.empty());
  }
  SECTION("no socket, no route") {
    system.multicast_error = io::Error{io::ErrorKind::kOther, "cannot bind"};
    auto out = RunMdnsProbe(system, Lan(), Quick(), cancel, 7);
    CHECK(out.record.status == model::ProbeStatus::kFailed);
    CHECK(out.record.reason == "cannot bind");
    system.multicast_error.reset();
    system.multicast_fail_sends = true;
    auto no_route = RunMdnsProbe(system, Lan(), Quick(), cancel, 7);
    CHECK(no_route.record.status == model::ProbeStatus::kFailed);
    CHECK(no_route.record.reason ==
          "cannot send mDNS queries: cannot send to 224.0.0.251: Network is unreachable");
  }
  SECTION("cancelled") {
    cancel = true;
    MdnsTiming long_window = Quick();
    long_window.window = 5s;
    auto start = std::chrono::steady_clock::now();
    auto out = RunMdnsProbe(system, Lan(), long_window, cancel, 7);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK(out.cancelled);
  }
}

TEST_CASE("mDNS probe: the LanProbe shell", "[probe][mdns]") {
  auto system = std::make_shared<FakeSystem>();
  system->multicast_responder = Zone({kTv}, nullptr);
  ScanOptions options;
  ScanTuning tuning;
  tuning.mdns = Quick();
  model::Snapshot base;
  InterfaceChoice choice;
  choice.name = "lan0";
  choice.lan = LanInterface{"lan0", std::nullopt, *wire::ParseIpv4("192.168.178.67"), 24};
  std::atomic<bool> cancel{false}, active_done{false};
  std::atomic<int> devices_found{0};
  LanContext context{*system, options, tuning, base, choice, cancel, active_done, devices_found};
  auto probe = MakeMdnsProbe();
  CHECK(std::string(probe->id()) == "mdns");
  CHECK_FALSE(probe->Precheck(context));
  probe->Run(context);
  REQUIRE(system->multicast_opened.size() == 1);
  CHECK(system->multicast_opened[0].ttl == 255);
  model::Snapshot snapshot;
  DeviceTable devices;
  auto record = probe->Finish(LanStop{}, &snapshot, &devices);
  CHECK(record.status == model::ProbeStatus::kOk);
  REQUIRE(snapshot.measurements.mdns);
  CHECK(snapshot.measurements.mdns->services.size() == 2);

  choice.lan.reset();
  auto skipped = MakeMdnsProbe()->Precheck(context);
  REQUIRE(skipped);
  CHECK(skipped->status == model::ProbeStatus::kSkipped);
}
