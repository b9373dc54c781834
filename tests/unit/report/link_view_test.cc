// The link-quality section: round trips, throughput and bufferbloat per leg,
// and what each receiver needs, in both languages and every format; the
// receiver rates come from the receiver-bandwidth-insufficient check.
#include "report/link_view.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "profile/profile.h"
#include "report/view.h"
#include "support/files.h"

namespace netfix::report {
namespace {

using model::Lang;
using nlohmann::json;

model::PingResult Ping(const std::string& target, const std::string& role, std::vector<double> rtt,
                       int sent) {
  model::PingResult p;
  p.target = target;
  p.role = role;
  p.method = "icmp-raw";
  p.sent = sent;
  p.received = static_cast<int>(rtt.size());
  p.rtt_ms = std::move(rtt);
  return p;
}

model::Transfer Transfer(const std::string& direction, double mbit, std::vector<double> loaded) {
  model::Transfer t;
  t.direction = direction;
  t.status = "ok";
  t.bytes = 1000000;
  t.mbit_s = mbit;
  t.loaded_rtt_ms = std::move(loaded);
  t.loaded_sent = static_cast<int>(t.loaded_rtt_ms.size());
  return t;
}

// A home with a MagentaTV receiver whose home leg (the peer on its address)
// is too slow for one UHD stream, a bloated internet leg and a lossy path
// to the internet target.
model::Snapshot LinkHome() {
  model::Snapshot s;
  s.interfaces.push_back({.name = "eth0",
                          .up = true,
                          .running = true,
                          .kind = "ethernet",
                          .addresses = {{"ipv4", "192.168.178.10", 24, "global"}}});
  s.routes.push_back({"ipv4", "default", "192.168.178.1", "eth0", 100});
  s.default_gateway = "192.168.178.1";
  s.default_interface = "eth0";
  model::Device tv;
  tv.mac = "02:00:00:00:00:40";
  tv.ipv4 = {"192.168.178.40"};
  tv.seen_by = {"arp-reply"};
  s.devices.push_back(tv);
  model::MdnsResult mdns;
  model::MdnsService cast;
  cast.instance = "MagentaTV One._googlecast._tcp.local";
  cast.type = "_googlecast._tcp";
  cast.addresses = {"192.168.178.40"};
  cast.from_ip = "192.168.178.40";
  cast.txt = {{"md", "MagentaTV One"}};
  mdns.services.push_back(cast);
  s.measurements.mdns = mdns;
  s.measurements.ping.push_back(Ping("192.168.178.1", "gateway", {1, 1, 1, 1, 1}, 5));
  s.measurements.ping.push_back(
      Ping("1.1.1.1", "internet", {20, 30, 20, 30, 20, 30, 20, 30, 20, 30}, 20));
  model::SpeedTest internet;
  internet.leg = "internet";
  internet.server = "speed.example.net:443";
  internet.idle_rtt_ms = {20, 20, 20, 20, 20};
  internet.transfers.push_back(Transfer("download", 92.4, {170, 170, 170}));
  internet.transfers.push_back(Transfer("upload", 38, {40, 40, 40}));
  s.measurements.speed.push_back(internet);
  model::SpeedTest home;
  home.leg = "home";
  home.server = "192.168.178.40:8377";
  home.idle_rtt_ms = {2, 2, 2};
  home.transfers.push_back(Transfer("download", 12.5, {5, 5, 5}));
  s.measurements.speed.push_back(home);
  s.contract = model::Contract{100, 40};
  for (const char* id : {"host-config", "gateway-ping", "latency", "speed", "peer", "mdns"})
    s.probes.push_back({id, model::ProbeStatus::kOk, "", "", 1});
  return s;
}

struct Rendered {
  model::Snapshot snapshot;
  inventory::Inventory inventory;
  check::Diagnosis diagnosis;
  const check::Catalog& catalog;
  explicit Rendered(model::Snapshot s, const check::Catalog& c = check::Catalog::Builtin())
      : snapshot(std::move(s)),
        inventory(inventory::Build(snapshot)),
        diagnosis(check::Diagnose(snapshot, inventory, c)),
        catalog(c) {}
  Report report(Lang lang) const {
    return {snapshot, inventory, diagnosis, catalog, lang, &profile::ProfileDb::Builtin()};
  }
};

TEST_CASE("link: no section when only the router was pinged", "[report][link]") {
  model::Snapshot s;
  s.measurements.ping.push_back(Ping("192.168.178.1", "gateway", {1, 2}, 2));
  Rendered r(s);
  CHECK_FALSE(BuildLinkView(r.report(Lang::kEn)).has_value());
  CHECK(RenderText(r.report(Lang::kEn), {false, 100}).find("Link quality") == std::string::npos);
}

TEST_CASE("link: round trips per target with median, jitter and loss", "[report][link]") {
  Rendered r(LinkHome());
  auto view = BuildLinkView(r.report(Lang::kDe));
  REQUIRE(view.has_value());
  REQUIRE(view->rtt_rows.size() == 2);
  CHECK(view->rtt_headers[1] == "Rolle");
  CHECK(view->rtt_rows[0] == std::vector<std::string>{"192.168.178.1", "Router", "icmp-raw",
                                                      "1,0 ms", "0,00 ms", "0 % (0/5)"});
  CHECK(view->rtt_rows[1] == std::vector<std::string>{"1.1.1.1", "Internet", "icmp-raw", "25 ms",
                                                      "10 ms", "50 % (10/20)"});
}

TEST_CASE("link: each leg with throughput, idle and loaded latency, RPM and grade",
          "[report][link]") {
  Rendered r(LinkHome());
  auto view = BuildLinkView(r.report(Lang::kEn));
  REQUIRE(view.has_value());
  REQUIRE(view->speed_rows.size() == 2);
  // Internet: +150 ms while downloading (grade C), RPM = 60000 / 170.
  CHECK(view->speed_rows[0] == std::vector<std::string>{"Internet (speed.example.net)", "92", "38",
                                                        "20 ms", "170/40 ms", "353",
                                                        "C (+150 ms)"});
  CHECK(view->speed_rows[1] == std::vector<std::string>{"Home network (192.168.178.40)", "12", "–",
                                                        "2.0 ms", "5.0/– ms", "12000",
                                                        "A+ (+3.0 ms)"});
  CHECK(view->contract_line == "100 Mbit/s ↓ / 40 Mbit/s ↑");
  CHECK(view->grade_note.find("https://www.dslreports.com/faq/17930") != std::string::npos);
  CHECK(view->grade_note.find("v.recipes") != std::string::npos);
}

TEST_CASE("link: what a receiver needs, what each leg delivered, which limits", "[report][link]") {
  Rendered r(LinkHome());
  auto en = BuildLinkView(r.report(Lang::kEn));
  REQUIRE(en.has_value());
  REQUIRE(en->receivers.size() == 1);
  const ReceiverNeedView& tv = en->receivers[0];
  CHECK(tv.ip == "192.168.178.40");
  CHECK(tv.need_mbit == 28);
  CHECK(tv.limit == "home");
  CHECK(tv.enough == false);
  CHECK(tv.line ==
        "needs 28 Mbit/s (1 × UHD); internet leg 92 Mbit/s, home network 12 Mbit/s: too slow, "
        "the home network limits");
  auto de = BuildLinkView(r.report(Lang::kDe));
  CHECK(de->receivers[0].line ==
        "braucht 28 Mbit/s (1 × UHD); Internetstrecke 92 Mbit/s, Heimnetz 12 Mbit/s: zu "
        "langsam, das Heimnetz begrenzt");

  // The same finding from the check, so the table and the finding agree.
  bool fired = false;
  std::string outcome;
  for (const auto& run : r.diagnosis.runs)
    if (run.check == "receiver-bandwidth-insufficient")
      outcome = std::string(model::ToString(run.outcome)) + ": " + run.reason;
  INFO(outcome);
  for (const auto& f : r.diagnosis.findings)
    if (f.check == "receiver-bandwidth-insufficient") {
      fired = true;
      CHECK(f.variant == "home");
      CHECK(f.params.at("need-mbit") == "28");
      CHECK(f.params.at("home-mbit") == "12");
    }
  CHECK(fired);
}

TEST_CASE("link: the stream rates are the check's parameters", "[report][link]") {
  const std::string path =
      (netfix::testing::SourceDir() / "checks" / "receiver-bandwidth-insufficient" / "check.md")
          .string();
  std::string doc = netfix::testing::ReadFile(path);
  const std::string from = "param.uhd-mbit: 28";
  auto at = doc.find(from);
  REQUIRE(at != std::string::npos);
  doc.replace(at, from.size(), "param.uhd-mbit: 10");
  check::Catalog catalog;
  std::string error;
  INFO(error);
  REQUIRE(check::Catalog::FromDocs({{path, doc}}, &catalog, &error));
  Rendered r(LinkHome(), catalog);
  auto view = BuildLinkView(r.report(Lang::kEn));
  REQUIRE(view->receivers.size() == 1);
  CHECK(view->receivers[0].need_mbit == 10);
  CHECK(view->receivers[0].enough == true);
}

TEST_CASE("link: every format shows the section, JSON as the schema says", "[report][link]") {
  Rendered r(LinkHome());
  std::string text = RenderText(r.report(Lang::kDe), {false, 100});
  CHECK(text.find("Verbindungsqualität") != std::string::npos);
  CHECK(text.find("Was Fernseher und Receiver brauchen") != std::string::npos);
  std::string md = RenderMarkdown(r.report(Lang::kEn));
  CHECK(md.find("## Link quality") != std::string::npos);
  CHECK(md.find("| Internet (speed.example.net) | 92 | 38 |") != std::string::npos);
  std::string html = RenderHtml(r.report(Lang::kEn));
  CHECK(html.find("<section id=\"link\">") != std::string::npos);
  CHECK(html.find("<span class=\"s-warning\">C (+150 ms)</span>") != std::string::npos);

  json report = json::parse(RenderJson(r.report(Lang::kEn)));
  REQUIRE(report.contains("link"));
  std::ifstream file(std::string(NETFIX_SOURCE_DIR) + "/schema/report.schema.json");
  std::stringstream schema_text;
  schema_text << file.rdbuf();
  json schema = json::parse(schema_text.str())["properties"]["link"];
  auto keys_described = [](const json& object, const json& s) {
    for (const auto& [key, value] : object.items()) {
      INFO("key " << key);
      CHECK(s["properties"].contains(key));
    }
    for (const auto& key : s.value("required", json::array())) {
      INFO("required " << key);
      CHECK(object.contains(key.get<std::string>()));
    }
  };
  const json& link = report["link"];
  keys_described(link, schema);
  for (const json& rt : link["round_trips"]) {
    keys_described(rt, schema["properties"]["round_trips"]["items"]);
    keys_described(rt["rtt"], schema["properties"]["round_trips"]["items"]["properties"]["rtt"]);
  }
  for (const json& leg : link["speed"]) {
    keys_described(leg, schema["properties"]["speed"]["items"]);
    keys_described(leg["download"],
                   schema["properties"]["speed"]["items"]["properties"]["download"]);
  }
  for (const json& rec : link["receivers"])
    keys_described(rec, schema["properties"]["receivers"]["items"]);
  CHECK(link["speed"][0]["grade"] == "C");
  CHECK(link["grade_bands"]["below_ms"]["B"] == 60.0);
}

TEST_CASE("link: a check skipped for want of a speed test says why in German", "[report][link]") {
  model::Snapshot s;
  s.probes.push_back({"host-config", model::ProbeStatus::kOk, "", "", 1});
  Rendered r(s);
  ReportView view = BuildView(r.report(Lang::kDe));
  bool found = false;
  for (const auto& check : view.checks)
    if (check.id == "bufferbloat") {
      found = true;
      CHECK(check.outcome == model::CheckOutcome::kSkipped);
      CHECK(check.reason_text ==
            "weder die Internetstrecke (--speed-url) noch das Heimnetz (--peer) wurde gemessen");
    }
  CHECK(found);
}

}  // namespace
}  // namespace netfix::report
