// The exit status contract, decided only in main (see man/netfix.1, EXIT STATUS).
#pragma once

namespace netfix::app {

enum ExitCode : int {
  kExitClean = 0,         ///< ran, no problem at or above --fail-on
  kExitProblems = 1,      ///< ran, found problems at or above --fail-on
  kExitCannotRun = 2,     ///< usage error, missing permission, unreadable or invalid file
  kExitInterrupted = 130  ///< stopped by Ctrl-C (what was collected is still written)
};

}  // namespace netfix::app
