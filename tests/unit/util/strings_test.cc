#include "util/strings.h"

#include <catch2/catch.hpp>

using namespace netfix::util;

TEST_CASE("did you mean: close typos match, unrelated words do not") {
  std::vector<std::string> commands = {"check", "scan", "report", "checks", "explain"};
  CHECK(ClosestMatch("chekc", commands) == "check");
  CHECK(ClosestMatch("reprot", commands) == "report");
  CHECK(ClosestMatch("explian", commands) == "explain");
  CHECK(ClosestMatch("xyz", commands).empty());
  CHECK(ClosestMatch("dns-failng", {"dns-failing", "dns-slow"}) == "dns-failing");
}

TEST_CASE("string helpers") {
  CHECK(Trim("  a b \r\n") == "a b");
  CHECK(SplitWords("a, b\tc  d") == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(SplitLines("a\r\nb\n\nc") == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(SplitLines("a\n") == std::vector<std::string>{"a"});
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("chekc", "check") == 1);
  CHECK(FormatFixed(2.345, 1) == "2.3");
}
