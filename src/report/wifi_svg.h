// Inline SVG charts of the HTML report: the coverage chart (the home
// network's best signal per room and band, against the use thresholds) and
// the channel map (the home's and the neighbours' networks per channel).
// Plain SVG 1.1 with no scripts, no fonts and no links, so the report stays
// one self-contained file; every text is escaped.
#pragma once

#include <string>

#include "model/lang.h"
#include "report/wifi_view.h"

namespace netfix::report {

std::string CoverageChartSvg(const WifiSectionView& view, model::Lang lang);
/// One chart per band that has networks ("" when there is none).
std::string ChannelMapSvg(const WifiSectionView& view, const std::string& band, model::Lang lang);

}  // namespace netfix::report
