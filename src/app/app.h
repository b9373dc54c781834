// Orchestration: one function per subcommand, each reading like the data
// flow it implements.
#pragma once

#include "app/exit_code.h"
#include "app/options.h"

namespace netfix::app {

/// Runs the command. Errors are reported on stderr in netfix's one shape
/// ("netfix: error: ..." then "netfix: hint: ...") and mapped to an exit code.
ExitCode Run(const Options& options);

/// The report language: --lang, else from the locale.
model::Lang ChooseLang(const Options& options);

/// Reads a snapshot, or the snapshot inside a JSON report, from `path` ("-" =
/// stdin); on failure prints the error and returns false.
bool LoadSnapshot(const std::string& path, model::Snapshot* snapshot);

/// Prints "netfix: error: MESSAGE" (and the hint, if any) to stderr.
void PrintError(const std::string& message, const std::string& hint = "");

}  // namespace netfix::app
