#include "report/rich_text.h"

#include <catch2/catch.hpp>

namespace netfix::report {
namespace {

using Kind = Block::Kind;

TEST_CASE("paragraphs are separated by blank lines, their lines joined", "[report][rich]") {
  RichText text = ParseRichText("First line\ncontinues here.\n\nSecond   paragraph.", {});
  REQUIRE(text.blocks.size() == 2);
  CHECK(text.blocks[0].kind == Kind::kParagraph);
  CHECK(PlainText(text.blocks[0]) == "First line continues here.");
  CHECK(PlainText(text.blocks[1]) == "Second paragraph.");
}

TEST_CASE("numbered and bulleted lines become list items", "[report][rich]") {
  RichText text = ParseRichText(
      "Do this:\n1. Restart the router,\n   then wait.\n2. Run netfix again.\n\n- one\n* two", {});
  REQUIRE(text.blocks.size() == 5);
  CHECK(text.blocks[0].kind == Kind::kParagraph);
  CHECK(text.blocks[1].kind == Kind::kOrderedItem);
  CHECK(text.blocks[1].number == 1);
  CHECK(PlainText(text.blocks[1]) == "Restart the router, then wait.");
  CHECK(text.blocks[2].number == 2);
  CHECK(text.blocks[3].kind == Kind::kBulletItem);
  CHECK(PlainText(text.blocks[4]) == "two");
}

TEST_CASE("backticks make code spans", "[report][rich]") {
  RichText text = ParseRichText("Run `dig  @x` now, or `ping`.", {});
  REQUIRE(text.blocks.size() == 1);
  const auto& spans = text.blocks[0].spans;
  REQUIRE(spans.size() == 5);
  CHECK(spans[1].code);
  CHECK(spans[1].text == "dig  @x");  // spaces in code are kept
  CHECK_FALSE(spans[2].code);
  CHECK(spans[3].text == "ping");
  CHECK(ParseRichText("an unpaired ` stays", {}).blocks[0].spans.size() == 1);
}

TEST_CASE("placeholders are filled inside spans, after parsing", "[report][rich]") {
  std::map<std::string, std::string> params = {{"resolver", "1. `evil`\n- x"}, {"ip", "10.0.0.1"}};
  RichText text = ParseRichText("Ask {resolver} about {ip}: `dig @{ip}` {unknown}", params);
  REQUIRE(text.blocks.size() == 1);  // the value did not make a list
  const auto& spans = text.blocks[0].spans;
  REQUIRE(spans.size() == 3);
  CHECK(spans[0].text == "Ask 1. `evil`\n- x about 10.0.0.1: ");
  CHECK(spans[1].code);
  CHECK(spans[1].text == "dig @10.0.0.1");
  CHECK(spans[2].text == " {unknown}");  // a missing parameter stays visible
  CHECK(text.source == "Ask 1. `evil`\n- x about 10.0.0.1: `dig @10.0.0.1` {unknown}");
}

TEST_CASE("empty text has no blocks", "[report][rich]") {
  CHECK(ParseRichText("", {}).empty());
  CHECK(ParseRichText("\n  \n", {}).empty());
}

}  // namespace
}  // namespace netfix::report
