#include "report/report.h"

#include <catch2/catch.hpp>

#include "unit/report/report_fixture.h"

namespace netfix::report {
namespace {

TEST_CASE("format names", "[report]") {
  for (Format format : {Format::kText, Format::kJson, Format::kMarkdown, Format::kHtml})
    CHECK(FormatFromString(ToString(format)) == format);
  CHECK(std::string(ToString(Format::kMarkdown)) == "markdown");
  CHECK_FALSE(FormatFromString("md").has_value());
  CHECK_FALSE(FormatFromString("").has_value());
}

TEST_CASE("formats from file names", "[report]") {
  CHECK(FormatFromPath("report.json") == Format::kJson);
  CHECK(FormatFromPath("/tmp/Report.MD") == Format::kMarkdown);
  CHECK(FormatFromPath("a.markdown") == Format::kMarkdown);
  CHECK(FormatFromPath("a.html") == Format::kHtml);
  CHECK(FormatFromPath("a.htm") == Format::kHtml);
  CHECK(FormatFromPath("a.txt") == Format::kText);
  CHECK_FALSE(FormatFromPath("report").has_value());
  CHECK_FALSE(FormatFromPath("report.pdf").has_value());
}

TEST_CASE("Render dispatches on the format", "[report]") {
  testing::Fixture f;
  Report report = f.report(model::Lang::kEn);
  TextOptions options{false, 80};
  CHECK(Render(report, Format::kText, options) == RenderText(report, options));
  CHECK(Render(report, Format::kJson, options) == RenderJson(report));
  CHECK(Render(report, Format::kMarkdown, options) == RenderMarkdown(report));
  CHECK(Render(report, Format::kHtml, options) == RenderHtml(report));
}

TEST_CASE("every format tells the same story", "[report]") {
  // The view model is shared; this guards against a renderer that drops a part.
  testing::Fixture f;
  for (model::Lang lang : model::kAllLangs) {
    Report report = f.report(lang);
    std::vector<std::string> outputs = {RenderText(report, {false, 1000}), RenderJson(report),
                                        RenderMarkdown(report), RenderHtml(report)};
    for (const std::string& out : outputs) {
      for (const char* needle : {"dns-failing", "ip-address-conflict", "dns-slow", "192.168.178.50",
                                 "00:04:0e:00:00:03", "wohnzimmer-pc"}) {
        INFO(needle);
        CHECK(out.find(needle) != std::string::npos);
      }
    }
  }
}

}  // namespace
}  // namespace netfix::report
