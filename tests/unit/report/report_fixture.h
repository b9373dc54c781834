// Snapshots, diagnoses and a small catalog built in code for the report
// tests, so that they do not depend on the real checks/ catalog.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/inventory.h"
#include "model/snapshot.h"
#include "report/report.h"

namespace netfix::report::testing {

/// A vendor name as a hostile device might make it appear: a terminal
/// escape, HTML, Markdown table and link syntax, and an invalid UTF-8 byte.
inline const std::string kHostileVendor =
    "Evil\x1b[31mCorp <script>alert(1)</script> | *x* [y](http://evil.example) \xff";

inline constexpr const char* kDnsFailingDoc = R"md(---
id: dns-failing
severity: error
area: internet
needs: dns
---
# en
## title
The router does not answer name lookups (DNS)
## found
Your computer asks {resolver} to translate names like example.com into
addresses, but {resolver} did not answer ({outcome}).
## why
Without name lookups (DNS), websites, streaming and apps do not load, even
though the connection itself may be fine.
## customer
1. Restart the router: unplug it, wait 30 seconds, plug it back in and wait
   until the lights are steady (about 3 minutes).
2. Run netfix again.
3. If the problem remains, call your internet provider and say "DNS does not answer".
## technician
- Ask the resolver directly: `dig @{resolver} example.com`.
- Compare with a public resolver: `dig @1.1.1.1 example.com`. If that works, the
  router's DNS proxy is at fault; on a FRITZ!Box see Internet > Zugangsdaten > DNS-Server.
## effect
Websites and apps load again; {resolver} answers within a second.
# de
## title
Der Router beantwortet keine Namensanfragen (DNS)
## found
Ihr Computer bittet {resolver}, Namen wie example.com in Adressen zu
übersetzen, aber {resolver} hat nicht geantwortet ({outcome}).
## why
Ohne Namensauflösung (DNS) laden Webseiten, Streaming und Apps nicht, obwohl
die Verbindung selbst in Ordnung sein kann.
## customer
1. Starten Sie den Router neu: Stecker ziehen, 30 Sekunden warten, wieder
   einstecken und warten, bis die Lämpchen ruhig leuchten (etwa 3 Minuten).
2. Starten Sie netfix erneut.
3. Besteht das Problem weiter, rufen Sie Ihren Internetanbieter an und sagen Sie: „DNS antwortet nicht“.
## technician
- Den DNS-Server direkt fragen: `dig @{resolver} example.com`.
- Mit einem öffentlichen DNS-Server vergleichen: `dig @1.1.1.1 example.com`. Klappt das,
  liegt es am DNS-Proxy des Routers; bei der FRITZ!Box unter Internet > Zugangsdaten > DNS-Server prüfen.
## effect
Webseiten und Apps laden wieder; {resolver} antwortet innerhalb einer Sekunde.
)md";

inline constexpr const char* kConflictDoc = R"md(---
id: ip-address-conflict
severity: warning
area: network
needs: arp-sweep
---
# en
## title
Two devices use the same IP address
## found
The address {ip} is used by {count} devices at once: {macs}.
## why
When two devices share an address, both lose their connection now and then,
which looks like random dropouts.
## customer
1. Open the list of devices in your router (FRITZ!Box: Heimnetz > Netzwerk).
2. If one of the devices was given a fixed address by hand, set it back to
   "automatic (DHCP)".
3. Restart both devices.
## technician
Find the devices by MAC address ({macs}) in the router's DHCP table and remove
the static address, or move it outside the DHCP range.
# de
## title
Zwei Geräte verwenden dieselbe IP-Adresse
## found
Die Adresse {ip} wird von {count} Geräten gleichzeitig verwendet: {macs}.
## why
Teilen sich zwei Geräte eine Adresse, verlieren beide immer wieder die
Verbindung – das wirkt wie zufällige Aussetzer.
## customer
1. Öffnen Sie die Geräteliste Ihres Routers (FRITZ!Box: Heimnetz > Netzwerk).
2. Hat eines der Geräte von Hand eine feste IP-Adresse bekommen, stellen Sie es
   wieder auf „automatisch (DHCP)“.
3. Starten Sie beide Geräte neu.
## technician
Die Geräte über die MAC-Adressen ({macs}) in der DHCP-Tabelle des Routers suchen
und die feste Adresse entfernen oder aus dem DHCP-Bereich herausnehmen.
)md";

inline constexpr const char* kDnsSlowDoc = R"md(---
id: dns-slow
severity: warning
area: internet
needs: dns
suppressed-by: dns-failing
---
# en
## title
Name lookups are slow
## found
{resolver} took {ms} ms to answer.
## why
Every new website waits for this.
## customer
Restart the router.
## technician
Check the upstream DNS servers.
# de
## title
Die Namensauflösung ist langsam
## found
{resolver} brauchte {ms} ms für die Antwort.
## why
Jede neue Webseite wartet darauf.
## customer
Starten Sie den Router neu.
## technician
Die vorgelagerten DNS-Server prüfen.
)md";

inline constexpr const char* kGatewayDoc = R"md(---
id: gateway-unreachable
severity: error
area: network
needs: ping
---
# en
## title
The router does not answer
## found
{gateway} did not answer.
## why
Nothing works without the router.
## customer
Check the cable.
## technician
Check the link.
# de
## title
Der Router antwortet nicht
## found
{gateway} hat nicht geantwortet.
## why
Ohne Router geht nichts.
## customer
Prüfen Sie das Kabel.
## technician
Verbindung prüfen.
)md";

inline check::Catalog TestCatalog() {
  check::Catalog catalog;
  std::string error;
  bool ok = check::Catalog::FromDocs({{"checks/dns-failing/check.md", kDnsFailingDoc},
                                      {"checks/ip-address-conflict/check.md", kConflictDoc},
                                      {"checks/dns-slow/check.md", kDnsSlowDoc},
                                      {"checks/gateway-unreachable/check.md", kGatewayDoc}},
                                     &catalog, &error);
  INFO(error);
  REQUIRE(ok);
  return catalog;
}

inline model::Device MakeDevice(std::string mac, std::vector<std::string> ipv4, std::string vendor,
                                std::vector<std::string> seen_by = {"arp-reply"}) {
  model::Device d;
  d.mac = std::move(mac);
  d.ipv4 = std::move(ipv4);
  d.vendor = std::move(vendor);
  d.seen_by = std::move(seen_by);
  return d;
}

inline model::Snapshot TestSnapshot() {
  model::Snapshot s;
  s.host.hostname = "wohnzimmer-pc";
  s.host.os = "Linux 6.1.0";
  s.host.netfix_version = "0.1.0";
  s.host.started_at = "2025-11-24T19:30:05Z";
  s.host.duration_ms = 12345;
  s.host.privileged = true;
  s.scan_interface = "eth0";
  s.default_interface = "eth0";
  s.default_gateway = "192.168.178.1";
  model::Interface eth0;
  eth0.name = "eth0";
  eth0.index = 2;
  eth0.mac = "3c:7c:3f:11:22:33";
  eth0.up = eth0.running = true;
  eth0.mtu = 1500;
  eth0.kind = "ethernet";
  eth0.addresses = {{"ipv4", "192.168.178.23", 24, "global"}, {"ipv6", "fe80::1", 64, "link"}};
  s.interfaces = {eth0};
  s.routes = {{"ipv4", "default", "192.168.178.1", "eth0", 100}};
  s.resolvers = {{"192.168.178.1", "resolv.conf", false}, {"1.1.1.1", "reference", false}};

  model::Device router = MakeDevice("dc:39:6f:aa:bb:cc", {"192.168.178.1"}, "AVM GmbH");
  router.is_gateway = true;
  model::Device self = MakeDevice("3c:7c:3f:11:22:33", {"192.168.178.23"}, "ASUSTek", {"self"});
  self.is_self = true;
  model::Device phone = MakeDevice("da:a1:19:00:00:01", {"192.168.178.10"}, "");
  phone.locally_administered = true;
  s.devices = {
      MakeDevice("00:11:22:33:44:55", {"192.168.178.100"}, kHostileVendor),
      phone,
      router,
      MakeDevice("00:0e:58:12:34:56", {"192.168.178.9"}, "Müller Netzwerktechnik GmbH"),
      self,
      MakeDevice("00:04:0e:00:00:02", {"192.168.178.50"}, "Sonos, Inc."),
      MakeDevice("00:04:0e:00:00:03", {"192.168.178.50"}, "Sonos, Inc."),
  };
  s.probes = {{"host-info", model::ProbeStatus::kOk, "", "", 3},
              {"arp-sweep", model::ProbeStatus::kOk, "254 addresses, 7 replies", "", 2012},
              {"ping", model::ProbeStatus::kSkipped, "no permission to send ICMP echo",
               "run netfix with sudo", 0},
              {"dns", model::ProbeStatus::kOk, "", "", 2004}};
  s.notes = {"ieee-data is old: some vendors may be missing"};
  return s;
}

inline check::Diagnosis TestDiagnosis() {
  check::Diagnosis d;
  model::Finding dns;
  dns.check = "dns-failing";
  dns.severity = model::Severity::kError;
  dns.subject = "192.168.178.1";
  dns.params = {{"resolver", "192.168.178.1"}, {"outcome", "timeout"}};
  dns.evidence = {{"dns", "resolver 192.168.178.1: example.com A", "timeout after 2000 ms"},
                  {"dns", "resolver 1.1.1.1: example.com A", "93.184.215.14 in 18 ms"}};
  model::Finding conflict;
  conflict.check = "ip-address-conflict";
  conflict.severity = model::Severity::kWarning;
  conflict.subject = "192.168.178.50";
  conflict.params = {
      {"ip", "192.168.178.50"}, {"count", "2"}, {"macs", "00:04:0e:00:00:02, 00:04:0e:00:00:03"}};
  conflict.evidence = {{"arp-sweep", "192.168.178.50", "answered by 00:04:0e:00:00:02"},
                       {"arp-sweep", "192.168.178.50", "answered by 00:04:0e:00:00:03"}};
  d.findings = {dns, conflict};

  model::Finding slow;
  slow.check = "dns-slow";
  slow.severity = model::Severity::kWarning;
  slow.subject = "192.168.178.1";
  slow.params = {{"resolver", "192.168.178.1"}, {"ms", "2000"}};
  d.suppressed = {slow};

  d.runs = {{"dns-failing", model::CheckOutcome::kFired, "", 1},
            {"dns-slow", model::CheckOutcome::kSuppressed, "explained by dns-failing", 1},
            {"gateway-unreachable", model::CheckOutcome::kSkipped,
             "the ping probe was skipped: no permission to send ICMP echo", 0},
            {"ip-address-conflict", model::CheckOutcome::kFired, "", 1}};
  return d;
}

/// Owns what a Report points to.
struct Fixture {
  model::Snapshot snapshot = TestSnapshot();
  check::Diagnosis diagnosis = TestDiagnosis();
  check::Catalog catalog = TestCatalog();
  // Merged from the snapshot when a report is made (tests change the
  // snapshot first); no profiles: the report tests do not depend on profiles/.
  mutable inventory::Inventory inventory;

  Report report(model::Lang lang) const {
    inventory = inventory::Merge(snapshot);
    return Report{snapshot, inventory, diagnosis, catalog, lang};
  }
};

/// A network where everything is fine.
inline Fixture CleanFixture() {
  Fixture f;
  f.diagnosis = {};
  f.diagnosis.runs = {{"dns-failing", model::CheckOutcome::kPassed, "", 0},
                      {"dns-slow", model::CheckOutcome::kPassed, "", 0},
                      {"gateway-unreachable", model::CheckOutcome::kPassed, "", 0},
                      {"ip-address-conflict", model::CheckOutcome::kPassed, "", 0}};
  f.snapshot.probes[2] = {"ping", model::ProbeStatus::kOk, "", "", 4010};
  return f;
}

/// Position of `needle` in `haystack`; fails the test when it is missing.
inline size_t PositionOf(const std::string& haystack, const std::string& needle) {
  size_t pos = haystack.find(needle);
  INFO("looking for: " << needle);
  CHECK(pos != std::string::npos);
  return pos;
}

}  // namespace netfix::report::testing
