// What `netfix survey` prints: after adding a sample, the room's result and
// how to go on; without --room, the survey's rooms.
#pragma once

#include <string>

#include "model/lang.h"
#include "model/wifi.h"
#include "report/report.h"

namespace netfix::report {

std::string SurveySampleText(const model::Survey& survey, const std::string& room,
                             const std::string& file, model::Lang lang, const TextOptions& options);
/// What to do next (one line, for stderr: it is a message, not data).
std::string SurveyNextHint(const std::string& file, model::Lang lang);
std::string SurveySummaryText(const model::Survey& survey, model::Lang lang,
                              const TextOptions& options);

}  // namespace netfix::report
