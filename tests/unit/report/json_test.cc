#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/snapshot_json.h"
#include "report/report.h"
#include "unit/report/report_fixture.h"

namespace netfix::report {
namespace {

using model::Lang;
using nlohmann::json;
using testing::Fixture;

json Parse(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

TEST_CASE("json: the envelope", "[report][json]") {
  Fixture f;
  json j = Parse(RenderJson(f.report(Lang::kDe)));
  CHECK(j["schema"] == "netfix.report/1");
  CHECK(j["netfix_version"].is_string());
  CHECK(j["lang"] == "de");
  CHECK(j["verdict"]["status"] == "problems");
  CHECK(j["verdict"]["summary"] == "2 Probleme gefunden: 1 Fehler, 1 Warnung.");
  CHECK(j["verdict"]["counts"] == json{{"error", 1}, {"warning", 1}, {"info", 0}});
  CHECK(j["verdict"]["interrupted"] == false);
  CHECK_FALSE(j["verdict"].contains("interrupt_reason"));
}

TEST_CASE("json: findings carry check, severity, subject, texts and evidence", "[report][json]") {
  Fixture f;
  json j = Parse(RenderJson(f.report(Lang::kEn)));
  REQUIRE(j["findings"].size() == 2);
  const json& dns = j["findings"][0];
  CHECK(dns["check"] == "dns-failing");
  CHECK(dns["severity"] == "error");
  CHECK(dns["area"] == "internet");
  CHECK(dns["subject"] == "192.168.178.1");
  CHECK(dns["title"] == "The router does not answer name lookups (DNS)");
  CHECK(dns["found"].get<std::string>().find("but 192.168.178.1 did not answer (timeout)") !=
        std::string::npos);
  CHECK(dns["why"].get<std::string>().rfind("Without name lookups", 0) == 0);
  CHECK(dns["customer"].get<std::string>().rfind("1. Restart the router", 0) == 0);
  CHECK(dns["technician"].get<std::string>().find("`dig @192.168.178.1 example.com`") !=
        std::string::npos);
  CHECK(dns["params"] == json{{"resolver", "192.168.178.1"}, {"outcome", "timeout"}});
  REQUIRE(dns["evidence"].size() == 2);
  CHECK(dns["evidence"][0] == json{{"probe", "dns"},
                                   {"what", "resolver 192.168.178.1: example.com A"},
                                   {"value", "timeout after 2000 ms"}});
  CHECK(j["findings"][1]["check"] == "ip-address-conflict");
  CHECK(j["findings"][1]["severity"] == "warning");
}

TEST_CASE("json: every check with its outcome, and the suppressed findings", "[report][json]") {
  Fixture f;
  json j = Parse(RenderJson(f.report(Lang::kEn)));
  REQUIRE(j["checks"].size() == 4);
  CHECK(j["checks"][0] ==
        json{{"id", "dns-failing"}, {"outcome", "fired"}, {"reason", ""}, {"findings", 1}});
  CHECK(j["checks"][2]["outcome"] == "skipped");
  CHECK(j["checks"][2]["reason"] == "the ping probe was skipped: no permission to send ICMP echo");
  REQUIRE(j["suppressed"].size() == 1);
  CHECK(j["suppressed"][0]["check"] == "dns-slow");
  CHECK(j["suppressed"][0]["explained_by"] == "dns-failing");
}

TEST_CASE("json: the snapshot is embedded and reads back", "[report][json]") {
  Fixture f;
  f.snapshot.host.interrupted = true;
  f.snapshot.host.interrupt_reason = "interrupted by user";
  // The hostile vendor holds an invalid UTF-8 byte: the dump must not throw.
  json j = Parse(RenderJson(f.report(Lang::kEn)));
  CHECK(j["verdict"]["interrupted"] == true);
  CHECK(j["verdict"]["interrupt_reason"] == "interrupted by user");
  model::Snapshot back;
  std::string error;
  INFO(error);
  REQUIRE(model::SnapshotFromJson(j["snapshot"], &back, &error));
  CHECK(back.devices.size() == f.snapshot.devices.size());
  CHECK(back.default_gateway == "192.168.178.1");
  std::string vendor = back.devices[0].vendor;
  CHECK(vendor.rfind("Evil\x1b[31mCorp", 0) == 0);          // JSON escapes it; the data stays exact
  CHECK(vendor.find("\xef\xbf\xbd") != std::string::npos);  // the invalid byte became U+FFFD
}

TEST_CASE("json: a clean report", "[report][json]") {
  Fixture f = testing::CleanFixture();
  json j = Parse(RenderJson(f.report(Lang::kEn)));
  CHECK(j["verdict"]["status"] == "ok");
  CHECK(j["verdict"]["summary"] == "No problems found.");
  CHECK(j["findings"] == json::array());
  CHECK(j["suppressed"] == json::array());
}

// Without a JSON Schema validator in C++, this keeps schema/report.schema.json
// and RenderJson from drifting apart: every key written is described, and
// every required key is written. (The end-to-end tests validate for real
// with python3-jsonschema.)
void CheckAgainst(const json& object, const json& schema, const std::string& where) {
  INFO(where);
  REQUIRE(object.is_object());
  for (const auto& [key, value] : object.items()) {
    INFO("key " << key);
    CHECK(schema["properties"].contains(key));
  }
  for (const auto& key : schema.value("required", json::array())) {
    INFO("required " << key);
    CHECK(object.contains(key.get<std::string>()));
  }
}

TEST_CASE("json: traffic lights, expected effect and measurements", "[report][json]") {
  Fixture f;
  model::PingResult ping;
  ping.target = "192.168.178.1";
  ping.role = "gateway";
  ping.sent = 4;
  ping.received = 3;
  ping.rtt_ms = {0.9, 0.4, 2.5};
  f.snapshot.measurements.ping = {ping};
  model::DnsResult dns{"192.168.178.1", "resolv.conf", {}};
  for (double ms : {30.0, 10.0, 20.0, 40.0}) {
    model::DnsQuery q;
    q.outcome = "ok";
    q.rtt_ms = ms;
    dns.queries.push_back(q);
  }
  model::DnsQuery timeout;
  timeout.outcome = "timeout";
  timeout.rtt_ms = 2000;
  dns.queries.push_back(timeout);
  f.snapshot.measurements.dns = {dns};
  json j = Parse(RenderJson(f.report(Lang::kDe)));

  const json& areas = j["verdict"]["areas"];
  REQUIRE(areas.size() == 5);
  CHECK(areas[0] == json{{"id", "internet"},
                         {"label", "Internet"},
                         {"status", "error"},
                         {"status_text", "gestört"},
                         {"counts", {{"error", 1}, {"warning", 1}, {"info", 0}}},
                         {"checks_run", 2}});
  CHECK(areas[1]["status"] == "warning");
  CHECK(areas[2]["status"] == "not-checked");
  CHECK(j["findings"][0]["effect"] ==
        "Webseiten und Apps laden wieder; 192.168.178.1 antwortet innerhalb einer Sekunde.");

  const json& m = j["measurements"];
  REQUIRE(m["gateway"].size() == 1);
  CHECK(m["gateway"][0]["sent"] == 4);
  CHECK(m["gateway"][0]["received"] == 3);
  CHECK(m["gateway"][0]["loss_pct"] == 25.0);
  CHECK(m["gateway"][0]["rtt_ms"] == json{{"min", 0.4}, {"median", 0.9}, {"max", 2.5}});
  REQUIRE(m["dns"].size() == 1);
  CHECK(m["dns"][0]["queries"] == 5);
  CHECK(m["dns"][0]["answered"] == 4);
  CHECK(m["dns"][0]["reference"] == false);
  CHECK(m["dns"][0]["answer_ms"] == json{{"min", 10.0}, {"median", 25.0}, {"max", 40.0}});
  CHECK(m["scan_duration_ms"] == 12345.0);

  // The same numbers in words, in the report's language.
  std::string text = RenderText(f.report(Lang::kDe), {false, 1000});
  CHECK(text.find("Ping an 192.168.178.1") != std::string::npos);
  CHECK(text.find("0,40 / 0,90 / 2,5 ms (min. / Median / max.), 25 % von 4") != std::string::npos);
  CHECK(text.find("Median 25 ms (min. 10, max. 40 ms), 4 von 5") != std::string::npos);
}

TEST_CASE("json: schema/report.schema.json describes what is written", "[report][json]") {
  std::ifstream file(std::string(NETFIX_SOURCE_DIR) + "/schema/report.schema.json");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  json schema = Parse(text.str());
  CHECK(schema["properties"]["schema"]["const"] == kReportSchema);

  Fixture f;
  f.snapshot.host.interrupted = true;
  f.snapshot.host.interrupt_reason = "global deadline of 30 s reached";
  json report = Parse(RenderJson(f.report(Lang::kDe)));
  CheckAgainst(report, schema, "report");
  CheckAgainst(report["verdict"], schema["properties"]["verdict"], "verdict");
  CheckAgainst(report["verdict"]["counts"], schema["properties"]["verdict"]["properties"]["counts"],
               "counts");
  const json& area_schema = schema["properties"]["verdict"]["properties"]["areas"]["items"];
  REQUIRE(report["verdict"]["areas"].size() == 5);
  for (const json& area : report["verdict"]["areas"]) CheckAgainst(area, area_schema, "area");
  CheckAgainst(report["measurements"], schema["properties"]["measurements"], "measurements");
  const json& finding = schema["$defs"]["finding"];
  for (const char* list : {"findings", "suppressed"}) {
    REQUIRE_FALSE(report[list].empty());
    for (const json& item : report[list]) {
      CheckAgainst(item, finding, list);
      for (const json& e : item["evidence"])
        CheckAgainst(e, finding["properties"]["evidence"]["items"], "evidence");
    }
  }
  for (const json& run : report["checks"])
    CheckAgainst(run, schema["$defs"]["check_run"], "checks");
}

}  // namespace
}  // namespace netfix::report
