#include <catch2/catch.hpp>

#include "report/report.h"
#include "unit/report/report_fixture.h"
#include "util/strings.h"

namespace netfix::report {
namespace {

using model::Lang;
using testing::Fixture;
using testing::PositionOf;

TEST_CASE("markdown: sections in order, findings complete", "[report][markdown]") {
  Fixture f;
  std::string md = RenderMarkdown(f.report(Lang::kEn));
  CHECK(md.rfind("# Network check\n", 0) == 0);
  size_t verdict = PositionOf(md, "\n## Verdict\n");
  size_t headline = PositionOf(md, "**✖ 2 problems found: 1 error, 1 warning.**");
  size_t fixes = PositionOf(md, "\n## What to fix\n");
  size_t dns = PositionOf(md, "\n### 1. Error: The router does not answer name lookups (DNS)\n");
  size_t conflict = PositionOf(md, "\n### 2. Warning: Two devices use the same IP address\n");
  size_t devices = PositionOf(md, "\n## Devices on the network\n");
  size_t router = PositionOf(md, "\n### Router\n");
  size_t measurements = PositionOf(md, "\n## Measurements\n\n- **Duration of the scan:** 12.3 s\n");
  size_t appendix = PositionOf(md, "\n## Appendix\n");
  size_t probes = PositionOf(md, "\n### Probe log\n");
  size_t lights = PositionOf(md,
                             "\n- ✖ **Internet:** problem (1 error, 1 warning)\n"
                             "- ▲ **Home network:** could be better (1 warning)\n"
                             "- ○ **Wi-Fi:** not checked\n");
  CHECK(verdict < headline);
  CHECK(headline < lights);
  CHECK(lights < fixes);
  CHECK(devices < router);
  CHECK(router < measurements);
  CHECK(measurements < appendix);
  CHECK(appendix < probes);
  CHECK(headline < fixes);
  CHECK(fixes < dns);
  CHECK(dns < conflict);
  CHECK(conflict < devices);
  CHECK(devices < probes);
  for (const char* part :
       {"**Affects:** 192.168.178.1 · **Check:** `dns-failing`", "#### Why it matters",
        "#### Evidence", "- resolver 192.168.178.1: example.com A: timeout after 2000 ms (dns)",
        "#### What you can do\n\n1. Restart the router: unplug it, wait 30 seconds, plug it back "
        "in "
        "and wait until the lights are steady (about 3 minutes).\n2. Run netfix again.\n",
        "#### For the technician\n\n- Ask the resolver directly: `dig @192.168.178.1 example.com`.",
        "#### Expected effect\n\nWebsites and apps load again; 192.168.178.1 answers within a "
        "second.\n",
        "FRITZ!Box see Internet \\> Zugangsdaten \\> DNS-Server.",
        "| IP address | MAC address | Device | Manufacturer | Kind | Seen via |\n"
        "| --- | --- | --- | --- | --- | --- |",
        "| 192.168.178.1 | dc:39:6f:aa:bb:cc | AVM GmbH | AVM GmbH | router (gateway) | arp-sweep, "
        "host-config |",
        "- **The router does not answer** (`gateway-unreachable`): The ping measurement was "
        "skipped"}) {
    PositionOf(md, part);
  }
}

TEST_CASE("markdown: German", "[report][markdown]") {
  Fixture f;
  std::string md = RenderMarkdown(f.report(Lang::kDe));
  for (const char* part :
       {"# Netzwerkprüfung\n", "## Ergebnis", "## Was zu tun ist",
        "### 1. Fehler: Der Router beantwortet keine Namensanfragen (DNS)", "#### Belege",
        "#### Was Sie tun können", "#### Für Techniker", "## Geräte im Netzwerk",
        "| IP-Adresse | MAC-Adresse | Gerät | Hersteller | Art | Erkannt über |",
        "## Protokoll der Messungen",
        "- **Router (Standard-Gateway):** 192.168.178.1 (AVM GmbH)"}) {
    PositionOf(md, part);
  }
}

TEST_CASE("markdown: device strings cannot add markup", "[report][markdown]") {
  Fixture f;
  std::string md = RenderMarkdown(f.report(Lang::kEn));
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("[y](http://evil.example)") == std::string::npos);
  CHECK(md.find('\x1b') == std::string::npos);
  size_t row = PositionOf(md, "| 192.168.178.100 |");
  std::string line = md.substr(row, md.find('\n', row) - row);
  CHECK(line ==
        "| 192.168.178.100 | 00:11:22:33:44:55 | Evil\\\\x1b\\[31mCorp "
        "\\<script\\>alert(1)\\</script\\> "
        "\\| \\*x\\* \\[y\\](http://evil.example) \\\\xff | Evil\\\\x1b\\[31mCorp "
        "\\<script\\>alert(1)\\</script\\> "
        "\\| \\*x\\* \\[y\\](http://evil.example) \\\\xff | unknown | arp-sweep |");
  // The row still has exactly the table's columns: 7 unescaped pipes.
  int pipes = 0;
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
  CHECK(pipes == 7);
}

TEST_CASE("markdown: a value cannot break out of a code span", "[report][markdown]") {
  Fixture f;
  f.diagnosis.findings[0].params["resolver"] = "1.1.1.1` <b>x</b> `";
  std::string md = RenderMarkdown(f.report(Lang::kEn));
  PositionOf(md, "``dig @1.1.1.1` <b>x</b> ` example.com``");
}

}  // namespace
}  // namespace netfix::report
