// The command line: CLI11 wiring only.
#pragma once

#include <optional>

#include "app/exit_code.h"
#include "app/options.h"

namespace netfix::cli {

/// Parses argv into options. When parsing ends the program (help, version,
/// a usage error), returns nullopt and sets `exit_code`.
std::optional<app::Options> Parse(int argc, char** argv, app::ExitCode* exit_code);

}  // namespace netfix::cli
