#include "report/report.h"

#include "util/strings.h"

namespace netfix::report {

const char* ToString(Format format) {
  switch (format) {
    case Format::kText: return "text";
    case Format::kJson: return "json";
    case Format::kMarkdown: return "markdown";
    case Format::kHtml: return "html";
  }
  return "text";
}

std::optional<Format> FormatFromString(const std::string& text) {
  for (Format format : {Format::kText, Format::kJson, Format::kMarkdown, Format::kHtml})
    if (text == ToString(format)) return format;
  return std::nullopt;
}

std::optional<Format> FormatFromPath(const std::string& path) {
  std::string lower = util::ToLower(path);
  if (util::EndsWith(lower, ".json")) return Format::kJson;
  if (util::EndsWith(lower, ".md") || util::EndsWith(lower, ".markdown")) return Format::kMarkdown;
  if (util::EndsWith(lower, ".html") || util::EndsWith(lower, ".htm")) return Format::kHtml;
  if (util::EndsWith(lower, ".txt")) return Format::kText;
  return std::nullopt;
}

std::string Render(const Report& report, Format format, const TextOptions& options) {
  switch (format) {
    case Format::kText: return RenderText(report, options);
    case Format::kJson: return RenderJson(report);
    case Format::kMarkdown: return RenderMarkdown(report);
    case Format::kHtml: return RenderHtml(report);
  }
  return RenderText(report, options);
}

}  // namespace netfix::report
