#include <catch2/catch.hpp>

#include "check/catalog.h"

using netfix::check::CheckInfo;
using netfix::check::ParseCheckDoc;

namespace {

std::string Parse(const std::string& text, CheckInfo* info) {
  std::string error;
  ParseCheckDoc(text, info, &error);
  return error;
}

const char* kMinimal =
    "---\nid: demo\nseverity: info\narea: wifi\nneeds: dns arp-sweep\nparam.limit-ms: 12.5 # "
    "why\n---\n"
    "# en\n## title\nDemo\n## found\nSaw {thing}.\n\nSecond paragraph.\n## found:other\nOther "
    "{thing}.\n"
    "## why\nW\n## customer\n1. a\n2. b\n## technician\nT\n## effect\nBetter.\n"
    "## effect:other\nOther better.\n"
    "# de\n## title\nDemo DE\n## found\nGesehen: {thing}.\n## why\nW\n## customer\nC\n## "
    "technician\nT\n";

}  // namespace

TEST_CASE("check.md: front matter, sections, variants") {
  CheckInfo info;
  REQUIRE(Parse(kMinimal, &info).empty());
  CHECK(info.id == "demo");
  CHECK(info.severity == netfix::model::Severity::kInfo);
  CHECK(info.area == "wifi");
  CHECK(info.needs == std::vector<std::string>{"dns", "arp-sweep"});
  CHECK(info.params.at("limit-ms") == 12.5);
  const auto& en = info.Texts(netfix::model::Lang::kEn);
  CHECK(en.found == "Saw {thing}.\n\nSecond paragraph.");
  CHECK(en.customer == "1. a\n2. b");
  CHECK(netfix::check::SectionText(en, "found", "other") == "Other {thing}.");
  CHECK(netfix::check::SectionText(en, "found", "missing") == en.found);
  CHECK(netfix::check::SectionText(en, "why", "other") == "W");
  CHECK(en.effect == "Better.");
  CHECK(netfix::check::SectionText(en, "effect", "other") == "Other better.");
  CHECK(netfix::check::SectionText(en, "effect", "missing") == "Better.");
  CHECK(info.Texts(netfix::model::Lang::kDe).title == "Demo DE");
}

TEST_CASE("check.md: errors name the line") {
  CheckInfo info;
  CHECK(Parse("id: x\n", &info) == "line 1: expected '---' front matter");
  CHECK(Parse("---\nid: x\narea: wifi\nseverity: fatal\n---\n", &info) ==
        "line 4: severity must be error, warning or info, not 'fatal'");
  CHECK(Parse("---\nid: x\narea: kitchen\n---\n", &info).find("line 3: unknown area 'kitchen'") ==
        0);
  CHECK(Parse("---\nid: x\narea: wifi\ncolour: red\n---\n", &info) ==
        "line 4: unknown key 'colour'");
  CHECK(Parse("---\nid: x\narea: wifi\nparam.a: fast\n---\n", &info) ==
        "line 4: parameter 'param.a' must be a number, not 'fast'");
  CHECK(Parse("---\nid: x\narea: wifi\n", &info) ==
        "line 3: front matter is not closed with '---'");
  CHECK(Parse("---\nid: x\narea: wifi\n---\n# fr\n", &info) ==
        "line 5: unknown language 'fr' (en, de)");
  CHECK(Parse("---\nid: x\narea: wifi\n---\n## title\n", &info) ==
        "line 5: section before a '# en' or '# de' heading");
  CHECK(Parse("---\nid: x\narea: wifi\n---\n# en\n## title:v\n", &info)
            .find("line 6: unknown section") == 0);
  CHECK(Parse("---\nid: x\narea: wifi\n---\n# en\n## why\na\n## why\nb\n", &info) ==
        "line 8: section 'why' appears twice");
  CHECK(Parse("---\nid: x\narea: wifi\n---\nstray\n", &info) == "line 5: text outside a section");
}

TEST_CASE("placeholders are filled, unknown ones stay visible") {
  using netfix::check::FillPlaceholders;
  CHECK(FillPlaceholders("{a} and {b}", {{"a", "1"}}) == "1 and {b}");
  CHECK(FillPlaceholders("x {unclosed", {}) == "x {unclosed");
  CHECK(FillPlaceholders("{a}{a}", {{"a", "{a}"}}) == "{a}{a}");  // no recursion
  CHECK(netfix::check::Placeholders("{a} {b-c} {a} {Not Plain}") ==
        std::vector<std::string>{"a", "b-c"});
}
