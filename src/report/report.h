// The report: a snapshot, its diagnosis and the catalog texts, ready to be
// rendered. Renderers are pure functions Report -> text, one file per format.
#pragma once

#include <optional>
#include <string>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/inventory.h"
#include "model/lang.h"
#include "model/snapshot.h"

namespace netfix::profile {
class ProfileDb;
}  // namespace netfix::profile

namespace netfix::report {

inline constexpr const char* kReportSchema = "netfix.report/1";

/// Finding texts: take them with check::SectionText(info.Texts(lang), "found",
/// finding.variant) (a check may have variant sections such as
/// "found:no-route"), then fill with check::FillPlaceholders(text, finding.params).
struct Report {
  const model::Snapshot& snapshot;
  /// The devices (inventory::Build of the snapshot): the report's device map.
  const inventory::Inventory& inventory;
  const check::Diagnosis& diagnosis;
  const check::Catalog& catalog;
  model::Lang lang = model::Lang::kEn;
  /// Device knowledge for device-specific fix steps; null: none.
  const profile::ProfileDb* profiles = nullptr;
};

enum class Format { kText, kJson, kMarkdown, kHtml };

const char* ToString(Format format);  ///< "text" | "json" | "markdown" | "html"
std::optional<Format> FormatFromString(const std::string& text);
/// From a file name: .json .md .markdown .html .htm .txt; nullopt otherwise.
std::optional<Format> FormatFromPath(const std::string& path);

struct TextOptions {
  bool color = false;  ///< ANSI colors (decided once by the caller)
  int width = 80;
};

std::string RenderText(const Report& report, const TextOptions& options);
std::string RenderJson(const Report& report);
std::string RenderMarkdown(const Report& report);
std::string RenderHtml(const Report& report);

/// Dispatches on `format` (color only applies to text).
std::string Render(const Report& report, Format format, const TextOptions& options);

}  // namespace netfix::report
