#include "report/view.h"

#include <catch2/catch.hpp>

#include "unit/report/report_fixture.h"

namespace netfix::report {
namespace {

using model::Lang;
using testing::Fixture;

TEST_CASE("the verdict counts problems and names the first fix", "[report][view]") {
  Fixture f;
  ReportView en = BuildView(f.report(Lang::kEn));
  CHECK_FALSE(en.verdict.ok);
  CHECK(en.verdict.errors == 1);
  CHECK(en.verdict.warnings == 1);
  CHECK(en.verdict.infos == 0);
  CHECK(en.verdict.headline == "2 problems found: 1 error, 1 warning.");
  REQUIRE(en.verdict.first == 0);
  CHECK(en.findings[0].check == "dns-failing");

  ReportView de = BuildView(f.report(Lang::kDe));
  CHECK(de.verdict.headline == "2 Probleme gefunden: 1 Fehler, 1 Warnung.");
}

TEST_CASE("the verdict of a clean scan", "[report][view]") {
  Fixture f = testing::CleanFixture();
  ReportView view = BuildView(f.report(Lang::kDe));
  CHECK(view.verdict.ok);
  CHECK(view.verdict.first == -1);
  CHECK(view.verdict.headline == "Keine Probleme gefunden.");
  CHECK(view.verdict.not_checked.empty());

  SECTION("with notes only") {
    model::Finding note;
    note.check = "dns-slow";
    note.severity = model::Severity::kInfo;
    f.diagnosis.findings = {note, note};
    view = BuildView(f.report(Lang::kDe));
    CHECK(view.verdict.ok);
    CHECK(view.verdict.headline == "Keine Probleme gefunden (dazu 2 Hinweise).");
  }
  SECTION("interrupted") {
    f.snapshot.host.interrupted = true;
    f.snapshot.host.interrupt_reason = "interrupted by user";
    view = BuildView(f.report(Lang::kEn));
    CHECK(view.verdict.interrupted);
    CHECK(view.verdict.headline == "No problems found so far.");
  }
  SECTION("nothing could run") {
    for (auto& run : f.diagnosis.runs) run.outcome = model::CheckOutcome::kSkipped;
    view = BuildView(f.report(Lang::kEn));
    CHECK(view.verdict.headline == "Nothing could be checked.");
    CHECK(view.verdict.not_checked.size() == 4);
  }
}

TEST_CASE("one problem reads in the singular", "[report][view]") {
  Fixture f;
  f.diagnosis.findings.resize(1);
  CHECK(BuildView(f.report(Lang::kEn)).verdict.headline == "1 problem found: 1 error.");
  CHECK(BuildView(f.report(Lang::kDe)).verdict.headline == "1 Problem gefunden: 1 Fehler.");
}

TEST_CASE("skipped checks are listed with the reason in the report's language", "[report][view]") {
  Fixture f;
  ReportView de = BuildView(f.report(Lang::kDe));
  REQUIRE(de.verdict.not_checked.size() == 1);
  const CheckView& check = de.verdict.not_checked[0];
  CHECK(check.id == "gateway-unreachable");
  CHECK(check.title == "Der Router antwortet nicht");
  CHECK(check.reason_text ==
        "Die Messung „ping“ wurde übersprungen: no permission to send ICMP echo");
  CHECK(check.reason == "the ping probe was skipped: no permission to send ICMP echo");

  SECTION("a probe that did not run at all") {
    f.snapshot.probes.erase(f.snapshot.probes.begin() + 2);
    ReportView en = BuildView(f.report(Lang::kEn));
    CHECK(en.verdict.not_checked[0].reason_text == "The ping measurement did not run.");
  }
}

TEST_CASE("finding texts are in the report's language and filled", "[report][view]") {
  Fixture f;
  ReportView de = BuildView(f.report(Lang::kDe));
  const FindingView& dns = de.findings[0];
  CHECK(dns.title == "Der Router beantwortet keine Namensanfragen (DNS)");
  CHECK(dns.area == "internet");
  CHECK(dns.subject == "192.168.178.1");
  CHECK(dns.found.source.find("aber 192.168.178.1 hat nicht geantwortet (timeout)") !=
        std::string::npos);
  CHECK(dns.customer.blocks.size() == 3);
  CHECK(dns.technician.blocks[0].spans[1].text == "dig @192.168.178.1 example.com");
  CHECK(dns.evidence.size() == 2);
}

TEST_CASE("a missing translation falls back to English, a missing check to its id",
          "[report][view]") {
  Fixture f;
  std::string doc = std::string(testing::kDnsSlowDoc);
  doc = doc.substr(0, doc.find("# de"));
  check::Catalog catalog;
  std::string error;
  REQUIRE(check::Catalog::FromDocs({{"checks/dns-slow/check.md", doc}}, &catalog, &error));
  f.catalog = catalog;
  f.diagnosis.findings = f.diagnosis.suppressed;
  model::Finding unknown;
  unknown.check = "not-in-catalog";
  f.diagnosis.findings.push_back(unknown);
  ReportView de = BuildView(f.report(Lang::kDe));
  REQUIRE(de.findings.size() == 2);
  CHECK(de.findings[0].title == "Name lookups are slow");
  CHECK(de.findings[0].found.source == "192.168.178.1 took 2000 ms to answer.");
  CHECK(de.findings[1].title == "not-in-catalog");
  CHECK(de.findings[1].why.empty());
}

TEST_CASE("findings are ordered worst first even if the diagnosis was not", "[report][view]") {
  Fixture f;
  std::swap(f.diagnosis.findings[0], f.diagnosis.findings[1]);
  ReportView view = BuildView(f.report(Lang::kEn));
  CHECK(view.findings[0].severity == model::Severity::kError);
  CHECK(view.verdict.first == 0);
}

TEST_CASE("suppressed findings name what explains them", "[report][view]") {
  Fixture f;
  ReportView de = BuildView(f.report(Lang::kDe));
  REQUIRE(de.suppressed.size() == 1);
  CHECK(de.suppressed[0].explained_by == "dns-failing");
  CHECK(de.suppressed[0].explained_by_title == "Der Router beantwortet keine Namensanfragen (DNS)");
  const CheckView& run = de.checks[1];
  CHECK(run.outcome == model::CheckOutcome::kSuppressed);
  CHECK(run.reason_text == "Folge von: Der Router beantwortet keine Namensanfragen (DNS)");
}

TEST_CASE("devices are sorted by IPv4 numerically and flagged", "[report][view]") {
  Fixture f;
  f.snapshot.devices.push_back(testing::MakeDevice("00:00:00:00:00:99", {}, "NoIp"));
  ReportView de = BuildView(f.report(Lang::kDe));
  std::vector<std::string> order;
  for (const auto& d : de.devices) order.push_back(d.ipv4.empty() ? "-" : d.ipv4[0]);
  CHECK(order == std::vector<std::string>{"192.168.178.1", "192.168.178.9", "192.168.178.10",
                                          "192.168.178.23", "192.168.178.50", "192.168.178.50",
                                          "192.168.178.100", "-"});
  CHECK(de.devices[0].labels == std::vector<std::string>{"Router (Gateway)"});
  CHECK(de.devices[2].labels == std::vector<std::string>{"zufällige MAC-Adresse"});
  CHECK(de.devices[3].labels == std::vector<std::string>{"dieser Computer"});
}

TEST_CASE("Ipv4SortKey", "[report][view]") {
  CHECK(Ipv4SortKey("0.0.0.1") == 1);
  CHECK(Ipv4SortKey("192.168.178.9") < Ipv4SortKey("192.168.178.10"));
  CHECK(Ipv4SortKey("256.1.1.1") == -1);
  CHECK(Ipv4SortKey("1.2.3") == -1);
  CHECK(Ipv4SortKey("1.2.3.4.5") == -1);
  CHECK(Ipv4SortKey("fe80::1") == -1);
  CHECK(Ipv4SortKey("") == -1);
}

TEST_CASE("the network summary", "[report][view]") {
  Fixture f;
  ReportView de = BuildView(f.report(Lang::kDe));
  std::map<std::string, std::string> facts;
  for (const auto& fact : de.network) facts[fact.label] = fact.value;
  CHECK(facts["Dieser Computer"] == "wohnzimmer-pc · Linux 6.1.0");
  CHECK(facts["Verbunden über"] == "eth0 (LAN-Kabel)");
  CHECK(facts["IP-Adresse"] == "192.168.178.23/24");
  CHECK(facts["Router (Standard-Gateway)"] == "192.168.178.1 (AVM GmbH)");
  CHECK(facts["DNS-Server"] == "192.168.178.1 (resolv.conf)");  // not the reference resolver
  CHECK(facts["Prüflauf"] == "24.11.2025, 19:30 UTC · 12,3 s · mit Administratorrechten");

  f.snapshot.default_gateway.clear();
  f.snapshot.resolvers.clear();
  de = BuildView(f.report(Lang::kDe));
  facts.clear();
  for (const auto& fact : de.network) facts[fact.label] = fact.value;
  CHECK(facts["Router (Standard-Gateway)"] == "nicht gefunden");
  CHECK(facts["DNS-Server"] == "nicht gefunden");
}

TEST_CASE("the probe log keeps the order and formats durations", "[report][view]") {
  Fixture f;
  ReportView de = BuildView(f.report(Lang::kDe));
  REQUIRE(de.probes.size() == 4);
  CHECK(de.probes[1].id == "arp-sweep");
  CHECK(de.probes[1].duration == "2,0 s");
  CHECK(de.probes[2].status_text == "übersprungen");
  CHECK(de.probes[2].duration.empty());  // never started
  CHECK(ProbeDetails(de.probes[2], Lang::kDe) ==
        "no permission to send ICMP echo – Tipp: run netfix with sudo");
}

}  // namespace
}  // namespace netfix::report
