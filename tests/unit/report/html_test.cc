#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "report/report.h"
#include "unit/report/report_fixture.h"

namespace netfix::report {
namespace {

using model::Lang;
using testing::Fixture;
using testing::PositionOf;

int Count(const std::string& haystack, const std::string& needle) {
  int count = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++count;
  return count;
}

// Every element opened is closed, in order (void elements aside). Not a
// validator, but it catches a forgotten </ul> or </section>.
std::string UnbalancedTag(const std::string& html) {
  std::vector<std::string> open;
  size_t style_end = html.find("</style>");
  for (size_t pos = html.find('<'); pos != std::string::npos; pos = html.find('<', pos + 1)) {
    if (pos < style_end && html.compare(pos, 7, "<style>") != 0 && pos > html.find("<style>"))
      continue;  // inside the stylesheet
    if (html.compare(pos, 2, "<!") == 0) continue;
    size_t end = html.find('>', pos);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = html.substr(pos + 1, end - pos - 1);
    bool closing = !tag.empty() && tag[0] == '/';
    std::string name =
        tag.substr(closing ? 1 : 0, tag.find_first_of(" >", closing ? 1 : 0) - (closing ? 1 : 0));
    if (name == "meta" || name == "br") continue;
    if (!closing) {
      open.push_back(name);
    } else if (open.empty() || open.back() != name) {
      return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">";
    } else {
      open.pop_back();
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

TEST_CASE("html: a complete, self-contained page", "[report][html]") {
  Fixture f;
  std::string html = RenderHtml(f.report(Lang::kDe));
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"de\">", 0) == 0);
  PositionOf(html, "<meta charset=\"utf-8\">");
  PositionOf(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  PositionOf(html, "<title>Netzwerkprüfung – wohnzimmer-pc</title>");
  PositionOf(html, "@media print");
  CHECK(UnbalancedTag(html) == "");
  CHECK(RenderHtml(f.report(Lang::kEn)).find("<html lang=\"en\">") != std::string::npos);
}

TEST_CASE("html: nothing is loaded from anywhere", "[report][html]") {
  Fixture f;
  for (Lang lang : model::kAllLangs) {
    std::string html = RenderHtml(f.report(lang));
    for (const char* reference : {"src=", "href=\"http", "href='http", "@import", "url(", "<script",
                                  "<link", "<img", "<iframe", "<object", "<embed", "<svg"}) {
      INFO(reference);
      CHECK(html.find(reference) == std::string::npos);
    }
    // No tag mentions another place (URLs may appear as escaped text only).
    for (size_t pos = html.find('<'); pos != std::string::npos; pos = html.find('<', pos + 1)) {
      std::string tag = html.substr(pos, html.find('>', pos) - pos);
      INFO(tag);
      CHECK(tag.find("//") == std::string::npos);
    }
  }
}

TEST_CASE("html: device strings and catalog texts are escaped", "[report][html]") {
  Fixture f;
  f.diagnosis.findings[0].params["resolver"] = "<img src=x onerror=alert(1)>";
  std::string html = RenderHtml(f.report(Lang::kEn));
  PositionOf(html, "Evil\\x1b[31mCorp &lt;script&gt;alert(1)&lt;/script&gt; | *x* [y](http:");
  CHECK(html.find('\x1b') == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  PositionOf(html, "<code>dig @&lt;img src=x onerror=alert(1)&gt; example.com</code>");
  PositionOf(html, "FRITZ!Box see Internet &gt; Zugangsdaten &gt; DNS-Server.");
  PositionOf(html, "say &quot;DNS does not answer&quot;.");
}

TEST_CASE("html: verdict, finding cards worst first, devices, probe log", "[report][html]") {
  Fixture f;
  std::string html = RenderHtml(f.report(Lang::kEn));
  size_t verdict = PositionOf(html, "<div class=\"box verdict error\">");
  size_t headline = PositionOf(html, "2 problems found: 1 error, 1 warning.</p>");
  size_t first_fix =
      PositionOf(html,
                 "Fix this first: <a href=\"#finding-1\"><strong>The router does not answer name "
                 "lookups (DNS)</strong></a> (192.168.178.1)");
  size_t dns = PositionOf(html,
                          "<article class=\"box finding error\" id=\"finding-1\">\n<h3><span "
                          "class=\"badge error\">Error</span>The router does not answer name "
                          "lookups (DNS)</h3>");
  size_t conflict = PositionOf(html, "<article class=\"box finding warning\" id=\"finding-2\">");
  size_t follow_on = PositionOf(html, "<section id=\"follow-on\">");
  size_t network = PositionOf(html, "<section id=\"network\">");
  size_t devices = PositionOf(html, "<section id=\"devices\">");
  size_t lights =
      PositionOf(html,
                 "<ul class=\"lights\">\n<li class=\"light error\" data-area=\"internet\">"
                 "<span class=\"dot\" aria-hidden=\"true\">✖</span> "
                 "<strong>Internet:</strong> problem</li>");
  size_t effect = PositionOf(html,
                             "<h4>Expected effect</h4>\n<p>Websites and apps load again; "
                             "192.168.178.1 answers within a second.</p>\n</article>");
  size_t measurements = PositionOf(html, "<section id=\"measurements\">");
  size_t appendix = PositionOf(html, "<section id=\"appendix\">");
  size_t checks = PositionOf(html, "<section id=\"checks\">");
  size_t probes = PositionOf(html, "<section id=\"probes\">");
  CHECK(verdict < headline);
  CHECK(headline < first_fix);
  CHECK(first_fix < lights);
  CHECK(first_fix < dns);
  CHECK(dns < effect);
  CHECK(effect < conflict);
  CHECK(conflict < follow_on);
  CHECK(follow_on < network);
  CHECK(network < devices);
  CHECK(devices < measurements);
  CHECK(measurements < appendix);
  CHECK(appendix < checks);
  CHECK(checks < probes);
  PositionOf(html, "<h3 class=\"sub\" id=\"devices-router\">Router</h3>");
}

TEST_CASE("html: steps are ordered lists, texts become paragraphs", "[report][html]") {
  Fixture f;
  std::string html = RenderHtml(f.report(Lang::kDe));
  PositionOf(html,
             "<h4>Was Sie tun können</h4>\n<ol>\n<li>Starten Sie den Router neu: Stecker ziehen, "
             "30 Sekunden warten, wieder einstecken und warten, bis die Lämpchen ruhig leuchten "
             "(etwa 3 Minuten).</li>\n<li>Starten Sie netfix erneut.</li>\n");
  PositionOf(html,
             "<h4>Für Techniker</h4>\n<ul>\n<li>Den DNS-Server direkt fragen: "
             "<code>dig @192.168.178.1 example.com</code>.</li>");
  PositionOf(html, "<h4>Warum das wichtig ist</h4>\n<p>Ohne Namensauflösung (DNS)");
  PositionOf(html, "<h4>Was sich danach bessert</h4>\n<p>Webseiten und Apps laden wieder");
  PositionOf(html, "<strong>Heimnetz:</strong> verbesserungswürdig</li>");
  PositionOf(html,
             "<h4>Belege</h4>\n<ul>\n<li>resolver 192.168.178.1: example.com A: "
             "<strong>timeout after 2000 ms</strong>");
}

TEST_CASE("html: every table scrolls inside its wrapper", "[report][html]") {
  Fixture f;
  std::string html = RenderHtml(f.report(Lang::kEn));
  // Devices (router, others), checks, probe log.
  CHECK(Count(html, "<table>") == 4);
  CHECK(Count(html, "<div class=\"table-wrap\"><table>") == 4);
  PositionOf(html, ".table-wrap{overflow-x:auto");
  PositionOf(html, "<th scope=\"col\">MAC address</th>");
  PositionOf(html,
             "<td class=\"addr\">192.168.178.9</td><td class=\"addr\">00:0e:58:12:34:56</td>"
             "<td><strong>Müller Netzwerktechnik GmbH</strong></td>");
}

TEST_CASE("html: a clean network", "[report][html]") {
  Fixture f = testing::CleanFixture();
  std::string html = RenderHtml(f.report(Lang::kDe));
  PositionOf(html, "<div class=\"box verdict ok\">");
  PositionOf(html, "Keine Probleme gefunden.</p>");
  CHECK(html.find("<section id=\"fixes\">") == std::string::npos);
  CHECK(UnbalancedTag(html) == "");
}

}  // namespace
}  // namespace netfix::report
