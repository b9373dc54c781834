#include "model/lang.h"

#include <catch2/catch.hpp>

using netfix::model::Lang;
using netfix::model::LangFromLocale;

TEST_CASE("the report language follows the POSIX locale precedence") {
  CHECK(LangFromLocale(nullptr, nullptr, nullptr) == Lang::kEn);
  CHECK(LangFromLocale(nullptr, nullptr, "de_DE.UTF-8") == Lang::kDe);
  CHECK(LangFromLocale(nullptr, nullptr, "de_AT") == Lang::kDe);
  CHECK(LangFromLocale(nullptr, nullptr, "de") == Lang::kDe);
  CHECK(LangFromLocale(nullptr, nullptr, "de_CH.UTF-8@euro") == Lang::kDe);
  CHECK(LangFromLocale(nullptr, nullptr, "C") == Lang::kEn);
  CHECK(LangFromLocale(nullptr, nullptr, "dexter") == Lang::kEn);
  CHECK(LangFromLocale("en_US.UTF-8", nullptr, "de_DE.UTF-8") == Lang::kEn);  // LC_ALL wins
  CHECK(LangFromLocale(nullptr, "de_DE.UTF-8", "en_GB.UTF-8") == Lang::kDe);  // then LC_MESSAGES
  CHECK(LangFromLocale("", "", "de_DE.UTF-8") == Lang::kDe);                  // empty = unset
}
