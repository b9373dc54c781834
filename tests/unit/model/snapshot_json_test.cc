#include "model/snapshot_json.h"

#include <catch2/catch.hpp>

using netfix::model::ParseSnapshot;
using netfix::model::Snapshot;
using netfix::model::SnapshotToJson;

namespace {

std::string ErrorOf(const std::string& text) {
  Snapshot s;
  std::string error;
  CHECK_FALSE(ParseSnapshot(text, &s, &error));
  return error;
}

Snapshot Sample() {
  Snapshot s;
  s.host.hostname = "laptop";
  s.host.privileged = true;
  s.scan_interface = "eth0";
  s.interfaces.push_back({"eth0",
                          2,
                          "f0:d5:bf:00:00:01",
                          true,
                          true,
                          false,
                          1500,
                          "ethernet",
                          {{"ipv4", "192.168.178.50", 24, "global"}}});
  s.routes.push_back({"ipv4", "default", "192.168.178.1", "eth0", 100});
  s.default_gateway = "192.168.178.1";
  s.resolvers.push_back({"127.0.0.53", "resolv.conf", true});
  s.devices.push_back(
      {"3c:a6:2f:00:00:01", {"192.168.178.1"}, "AVM GmbH", false, {"arp-reply"}, false, true});
  netfix::model::ArpSweep arp;
  arp.subnet = "192.168.178.0/24";
  arp.conflicts.push_back({"192.168.178.3", {"00:00:00:00:00:01", "00:00:00:00:00:02"}});
  s.measurements.arp = arp;
  s.measurements.ping.push_back({"192.168.178.1", "gateway", "icmp-raw", 2, 1, {0.25}, false});
  s.measurements.dns.push_back(
      {"127.0.0.53", "resolv.conf", {{"example.com", "A", "timeout", "", {}, 2000, "x"}}});
  s.probes.push_back({"dns", netfix::model::ProbeStatus::kFailed, "boom", "hint", 3.5});
  s.notes.push_back("a note");
  return s;
}

}  // namespace

TEST_CASE("a snapshot survives a JSON round trip unchanged") {
  Snapshot original = Sample();
  std::string text = netfix::model::DumpJson(SnapshotToJson(original));
  Snapshot copy;
  std::string error;
  REQUIRE(ParseSnapshot(text, &copy, &error));
  CHECK(netfix::model::DumpJson(SnapshotToJson(copy)) == text);
  CHECK(copy.measurements.ping[0].answers_arp == std::optional<bool>(false));
  CHECK(copy.measurements.arp->conflicts[0].macs.size() == 2);
  CHECK(copy.probes[0].status == netfix::model::ProbeStatus::kFailed);
}

TEST_CASE("unknown fields are ignored, so newer /1 writers stay readable") {
  Snapshot s;
  std::string error;
  CHECK(ParseSnapshot(
      R"({"schema":"netfix.snapshot/1","host":{"future":1},"probes":[],"wifi":[1,2]})", &s,
      &error));
}

TEST_CASE("invalid snapshots fail with the place of the first problem") {
  CHECK(ErrorOf("[]") == "/: expected an object");
  CHECK(ErrorOf("{}") == "/schema: missing");
  CHECK(ErrorOf(R"({"schema":"netfix.snapshot/1","probes":[]})") == "/host: missing");
  CHECK(ErrorOf(R"({"schema":"netfix.snapshot/1","host":[],"probes":[]})") ==
        "/host: expected an object");
  CHECK(
      ErrorOf(R"({"schema":"netfix.snapshot/1","host":{},"probes":[{"id":"x","status":"meh"}]})") ==
      "/probes/0/status: expected ok, skipped or failed, not 'meh'");
  CHECK(ErrorOf(R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"devices":[{"mac":1}]})") ==
        "/devices/0/mac: expected a string");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"devices":[{"ipv4":"x","mac":"a"}]})") ==
      "/devices/0/ipv4: expected an array");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"measurements":{"ping":[{"target":"a","rtt_ms":["x"]}]}})") ==
      "/measurements/ping/0/rtt_ms/0: expected a number");
  CHECK(ErrorOf(R"({"schema":"netfix.snapshot/1",)")
            .rfind("not valid JSON: parse error at line 1", 0) == 0);
}

TEST_CASE("invalid UTF-8 from devices does not break writing") {
  Snapshot s;
  s.devices.push_back(
      {"00:00:00:00:00:01", {}, std::string("Bad\xff\xfeVendor"), false, {}, false, false});
  std::string text = netfix::model::DumpJson(SnapshotToJson(s));
  CHECK(text.find("Bad\xEF\xBF\xBD") != std::string::npos);  // U+FFFD replacement
}

TEST_CASE("numbers that do not fit are errors, not undefined behaviour") {
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"routes":[{"destination":"d","metric":1e300}]})") ==
      "/routes/0/metric: expected a whole number in range");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"routes":[{"destination":"d","metric":2.5}]})") ==
      "/routes/0/metric: expected a whole number in range");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"routes":[{"destination":"d","metric":99999999999}]})") ==
      "/routes/0/metric: number out of range");
  CHECK(ErrorOf(R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"x":0.2e5178})")
            .rfind("not valid JSON: ", 0) == 0);
  Snapshot s;
  std::string error;
  CHECK(ParseSnapshot(
      R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"routes":[{"destination":"d","metric":7.0}]})",
      &s, &error));
  CHECK(s.routes[0].metric == 7);
}
