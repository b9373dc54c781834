#include "check/runner.h"

#include <catch2/catch.hpp>

#include "check/catalog.h"
#include "inventory/build.h"

using netfix::check::Catalog;
using netfix::check::Diagnose;
using netfix::model::CheckOutcome;
using netfix::model::ProbeStatus;
using netfix::model::Snapshot;

namespace {

const netfix::model::CheckRun& RunOf(const netfix::check::Diagnosis& d, const std::string& id) {
  for (const auto& run : d.runs)
    if (run.check == id) return run;
  FAIL("no run for " << id);
  return d.runs.front();
}

// The gateway is gone, so its resolver fails too: one problem, not two.
Snapshot GatewayDown() {
  Snapshot s;
  s.interfaces.push_back({.name = "eth0",
                          .up = true,
                          .running = true,
                          .addresses = {{"ipv4", "192.168.178.50", 24, "global"}}});
  s.routes.push_back({"ipv4", "default", "192.168.178.1", "eth0", 100});
  s.default_gateway = "192.168.178.1";
  s.default_interface = "eth0";
  s.resolvers.push_back({"192.168.178.1", "resolv.conf", false});
  for (const char* id : {"host-config", "resolvers", "gateway-ping", "dns"})
    s.probes.push_back({id, ProbeStatus::kOk, "", "", 1});
  s.probes.push_back({"arp-sweep", ProbeStatus::kSkipped, "no permission", "run with sudo", 0});
  s.measurements.ping.push_back({"192.168.178.1", "gateway", "icmp-raw", 5, 0, {}, std::nullopt});
  netfix::model::DnsResult dns{"192.168.178.1", "resolv.conf", {}};
  dns.queries.push_back({"example.com", "A", "timeout", "", {}, 2000, ""});
  s.measurements.dns.push_back(dns);
  return s;
}

}  // namespace

TEST_CASE("a failure explained by a more basic one is suppressed, not reported twice") {
  Snapshot s = GatewayDown();
  auto d = Diagnose(s, netfix::inventory::Build(s), Catalog::Builtin());
  REQUIRE(d.findings.size() == 1);
  CHECK(d.findings[0].check == "gateway-unreachable");
  CHECK(RunOf(d, "dns-failing").outcome == CheckOutcome::kSuppressed);
  CHECK(RunOf(d, "dns-failing").reason == "explained by gateway-unreachable");
  REQUIRE(d.suppressed.size() == 1);
  CHECK(d.suppressed[0].check == "dns-failing");
  CHECK(RunOf(d, "ip-address-conflict").outcome == CheckOutcome::kSkipped);
  CHECK(RunOf(d, "ip-address-conflict").reason.find("arp-sweep") != std::string::npos);
}

TEST_CASE("findings are ordered worst first") {
  Snapshot s = GatewayDown();
  s.measurements.ping[0].received = 5;  // the gateway answers now
  s.measurements.dns[0].queries[0] = {"example.com",     "A", "ok", "NOERROR",
                                      {"93.184.216.34"}, 900, ""};
  s.measurements.dns.push_back(
      {"10.0.0.53", "resolv.conf", {{"example.com", "A", "refused", "REFUSED", {}, 1, ""}}});
  s.resolvers.push_back({"10.0.0.53", "resolv.conf", false});
  auto d = Diagnose(s, netfix::inventory::Build(s), Catalog::Builtin());
  REQUIRE(d.findings.size() == 2);
  CHECK(d.findings[0].check == "dns-failing");  // error
  CHECK(d.findings[1].check == "dns-slow");     // warning
}

TEST_CASE("every registered check gets a run record") {
  Snapshot s;
  auto d = Diagnose(s, netfix::inventory::Build(s), Catalog::Builtin());
  CHECK(d.runs.size() == netfix::check::Registry().size());
  for (const auto& run : d.runs) {
    INFO(run.check);
    CHECK(run.outcome == CheckOutcome::kSkipped);
    CHECK(run.reason.find("did not run") != std::string::npos);
  }
}
