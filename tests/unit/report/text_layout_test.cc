#include "report/text_layout.h"

#include <catch2/catch.hpp>

#include "report/sanitize.h"
#include "util/strings.h"

namespace netfix::report {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  return util::SplitLines(text);
}

TEST_CASE("Wrap fills lines up to the width", "[report][layout]") {
  auto lines = Wrap({{"the quick brown fox jumps over the lazy dog"}}, 15);
  std::vector<std::string> painted;
  for (const auto& line : lines) painted.push_back(Paint(line, false));
  CHECK(painted == std::vector<std::string>{"the quick brown", "fox jumps over", "the lazy dog"});
}

TEST_CASE("Wrap keeps an unbreakable word whole", "[report][layout]") {
  auto lines = Wrap({{"see https://example.com/a/very/long/path now"}}, 10);
  REQUIRE(lines.size() == 3);
  CHECK(Paint(lines[1], false) == "https://example.com/a/very/long/path");
}

TEST_CASE("Wrap keeps styles and counts umlauts as one column", "[report][layout]") {
  auto lines = Wrap({{"Prüfen Sie mit "}, {"ping", Style::kCode}, {", dann weiter."}}, 20);
  REQUIRE(lines.size() == 2);
  CHECK(Paint(lines[0], false) == "Prüfen Sie mit ping,");
  CHECK(Paint(lines[0], true) == "Prüfen Sie mit \x1b[36mping\x1b[0m,");
}

TEST_CASE("Paragraph hangs continuation lines under the marker", "[report][layout]") {
  TextWriter out(24, false);
  out.Paragraph({{"Starten Sie den Router neu und warten Sie."}}, 2, {{"1. "}});
  CHECK(Lines(out.str()) == std::vector<std::string>{"  1. Starten Sie den", "     Router neu und",
                                                     "     warten Sie."});
}

TEST_CASE("everything written is escaped", "[report][layout]") {
  TextWriter out(80, false);
  out.Paragraph({{"Evil\x1b[31mCorp"}}, 0);
  out.Table({{"h"}}, {{{"x\x9b\xff"}}}, 0);
  CHECK(out.str().find('\x1b') == std::string::npos);
  CHECK(out.str().find("Evil\\x1b[31mCorp") != std::string::npos);
  CHECK(out.str().find("x\\x9b\\xff") != std::string::npos);
}

TEST_CASE("Table shrinks columns to fit and wraps cells", "[report][layout]") {
  TextWriter out(40, false);
  out.Table({{"IP address"}, {"Manufacturer"}},
            {{{"192.168.178.1"}, {"AVM Audiovisuelles Marketing und Computersysteme GmbH"}},
             {{"192.168.178.100"}, {"Supercalifragilisticexpialidocious-Networks"}}},
            2);
  auto lines = Lines(out.str());
  for (const auto& line : lines) {
    INFO(line);
    CHECK(DisplayWidth(line) <= 40);
  }
  CHECK(lines[0] == "  IP address       Manufacturer");
  CHECK(lines[2] == "  192.168.178.1    AVM Audiovisuelles");
  CHECK(lines[3] == "                   Marketing und");
}

TEST_CASE("Table keeps addresses whole and cuts truncating columns", "[report][layout]") {
  TextWriter out(57, false);
  out.Table({{"IP address"}, {"MAC address"}, {"Manufacturer", true}, {"Notes"}},
            {{{"192.168.178.1"},
              {"3c:a6:2f:00:00:01"},
              {"AVM Audiovisuelles Marketing und Computersysteme GmbH"},
              {"router (gateway)"}}},
            0);
  auto lines = Lines(out.str());
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "IP address     MAC address        Manufacturer  Notes");
  CHECK(lines[2] == "192.168.178.1  3c:a6:2f:00:00:01  AVM Audiovi…  router");
  CHECK(lines[3] == "                                                (gateway)");
}

TEST_CASE("Table without headers has no header row", "[report][layout]") {
  TextWriter out(80, false);
  out.Table({{}, {}}, {{{"DNS servers"}, {"192.168.178.1"}}}, 2);
  CHECK(out.str() == "  DNS servers  192.168.178.1\n");
}

TEST_CASE("Heading underlines the title with a rule of its width", "[report][layout]") {
  TextWriter out(80, false);
  out.Paragraph({{"x"}}, 0);
  out.Heading("Geräte");
  CHECK(out.str() == "x\n\nGeräte\n──────\n");
}

}  // namespace
}  // namespace netfix::report
