// `netfix diff BEFORE AFTER`: what got fixed, what is new, what changed.
#pragma once

#include "app/exit_code.h"
#include "app/options.h"

namespace netfix::app {

/// Diagnoses both files (snapshots or JSON reports) with the builtin catalog
/// and prints the comparison. Exit status: 0 nothing got worse, 1 a new
/// problem at or above --fail-on or a measurement got worse beyond its noise
/// threshold, 2 a file could not be read or written.
ExitCode RunDiff(const Options& options);

}  // namespace netfix::app
