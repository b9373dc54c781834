// The room-by-room Wi-Fi survey: `netfix survey` adds samples to a survey
// file; `check` and `report` read it with --survey.
#pragma once

#include <string>

#include "app/exit_code.h"
#include "app/options.h"
#include "model/snapshot.h"

namespace netfix::app {

ExitCode RunSurvey(const Options& options);

/// Reads a survey file; on failure prints the error and returns false.
bool LoadSurvey(const std::string& path, model::Survey* survey);

}  // namespace netfix::app
