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
  s.devices.push_back({.mac = "3c:a6:2f:00:00:01",
                       .ipv4 = {"192.168.178.1"},
                       .ipv6 = {"fe80::3ea6:2fff:fe00:1"},
                       .vendor = "AVM GmbH",
                       .seen_by = {"arp-reply"},
                       .is_gateway = true});
  netfix::model::ArpSweep arp;
  arp.subnet = "192.168.178.0/24";
  arp.conflicts.push_back({"192.168.178.3", {"00:00:00:00:00:01", "00:00:00:00:00:02"}});
  s.measurements.arp = arp;
  s.measurements.ping.push_back({"192.168.178.1", "gateway", "icmp-raw", 2, 1, {0.25}, false});
  s.measurements.dns.push_back(
      {"127.0.0.53", "resolv.conf", {{"example.com", "A", "timeout", "", {}, 2000, "x"}}});
  s.probes.push_back({"dns", netfix::model::ProbeStatus::kFailed, "boom", "hint", 3.5});
  s.notes.push_back("a note");

  netfix::model::DhcpResult dhcp{
      .interface = "eth0", .client_mac = "02:00:00:00:00:01", .window_ms = 900};
  dhcp.messages.push_back({.how = "offer",
                           .message_type = "OFFER",
                           .server_id = "192.168.178.1",
                           .routers = {"192.168.178.1"},
                           .dns_servers = {"192.168.178.1", "fd00::1"},
                           .lease_s = 43200,
                           .after_ms = 3.5});
  dhcp.messages.push_back({.how = "inform-ack", .message_type = "ACK"});  // no lease time
  s.measurements.dhcp = dhcp;
  netfix::model::SsdpResult ssdp{.window_ms = 1000};
  ssdp.messages.push_back({.how = "response",
                           .from_ip = "192.168.178.1",
                           .from_port = 1900,
                           .target = "upnp:rootdevice",
                           .headers = {{"application-url", "http://x/"}}});
  netfix::model::UpnpDescription description{.location = "http://192.168.178.1:49000/igd.xml",
                                             .status = "partial",
                                             .error = "XML: unclosed tag"};
  netfix::model::UpnpDevice device{.udn = "uuid:1", .device_type = "urn:x", .friendly_name = "Box"};
  device.services.push_back({.service_type = "urn:s", .control_url = "http://192.168.178.1/c"});
  description.devices.push_back(device);
  ssdp.descriptions.push_back(description);
  netfix::model::UpnpGateway igd{.from_ip = "192.168.178.1", .external_ip = "62.1.0.2"};
  igd.port_mappings.push_back(
      {.protocol = "TCP", .external_port = 8080, .internal_client = "192.168.178.5"});
  ssdp.gateways.push_back(igd);
  s.measurements.ssdp = ssdp;
  netfix::model::MdnsResult mdns{.service_types = {"_googlecast._tcp"}, .responders = 1};
  mdns.services.push_back({.instance = "TV._googlecast._tcp.local",
                           .type = "_googlecast._tcp",
                           .port = 8009,
                           .txt = {{"md", "LG"}, {"fn", "Living \xff Room"}}});
  s.measurements.mdns = mdns;
  netfix::model::Ipv6Result ipv6;
  netfix::model::RouterAdvertisement ra{
      .from_ip = "fe80::1", .router_lifetime_s = 1800, .rdnss = {"fd00::1"}};
  ra.prefixes.push_back(
      {.prefix = "2001:db8::", .length = 64, .autonomous = true, .valid_s = 4294967295LL});
  ipv6.router_advertisements.push_back(ra);
  ipv6.neighbours.push_back({.ip = "fe80::2", .mac = "00:00:00:00:00:02", .how = "echo-reply"});
  s.measurements.ipv6 = ipv6;
  netfix::model::PassiveResult passive{.window_ms = 1200, .frames = {{"igmp", 3}, {"lldp", 1}}};
  passive.igmp.push_back(
      {.from_ip = "192.168.178.1", .type = "query", .version = 3, .max_response_s = 10});
  passive.lldp.push_back({.system_name = "switch", .capabilities = {"bridge"}, .ttl_s = 120});
  s.measurements.passive = passive;
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
  REQUIRE(copy.measurements.dhcp);
  CHECK(copy.measurements.dhcp->messages[0].lease_s == std::optional<long long>(43200));
  CHECK_FALSE(copy.measurements.dhcp->messages[1].lease_s);
  CHECK(copy.measurements.ssdp->descriptions[0].devices[0].services[0].control_url ==
        "http://192.168.178.1/c");
  CHECK(copy.measurements.ssdp->messages[0].headers.at("application-url") == "http://x/");
  CHECK(copy.measurements.mdns->services[0].txt[1].first == "fn");
  CHECK(copy.measurements.ipv6->router_advertisements[0].prefixes[0].valid_s == 4294967295LL);
  CHECK(copy.measurements.passive->frames.at("igmp") == 3);
  CHECK(copy.devices[0].ipv6 == std::vector<std::string>{"fe80::3ea6:2fff:fe00:1"});
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
  s.devices.push_back({.mac = "00:00:00:00:00:01", .vendor = std::string("Bad\xff\xfeVendor")});
  std::string text = netfix::model::DumpJson(SnapshotToJson(s));
  CHECK(text.find("Bad\xEF\xBF\xBD") != std::string::npos);  // U+FFFD replacement
}

TEST_CASE("the later sections report errors with their place too") {
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"measurements":{"dhcp":{"messages":[{"how":"offer","lease_s":"long"}]}}})") ==
      "/measurements/dhcp/messages/0/lease_s: expected a number");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"measurements":{"dhcp":{"messages":[{}]}}})") ==
      "/measurements/dhcp/messages/0/how: missing");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"measurements":{"mdns":{"services":[{"instance":"x","txt":[["a"]]}]}}})") ==
      "/measurements/mdns/services/0/txt/0: expected [key, value] strings");
  CHECK(
      ErrorOf(
          R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"measurements":{"passive":{"frames":{"igmp":1.5}}}})") ==
      "/measurements/passive/frames/igmp: expected a whole number in range");
  CHECK(ErrorOf(
            R"({"schema":"netfix.snapshot/1","host":{},"probes":[],"measurements":{"ssdp":[]}})") ==
        "/measurements/ssdp: expected an object");
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
