// Privacy: `netfix redact FILE` and the --redact option of the commands that
// write a snapshot or a report (the pseudonyms: model/redact.h).
#pragma once

#include "app/exit_code.h"
#include "app/options.h"
#include "model/snapshot.h"

namespace netfix::app {

/// `netfix redact FILE`: a snapshot, a JSON report or a survey file in,
/// the same kind of file with pseudonyms out (stdout or -o FILE).
ExitCode RunRedact(const Options& options);

/// --redact: replaces the personal values of `snapshot` before anything is
/// written or printed.
void RedactIfAsked(const Options& options, model::Snapshot* snapshot);

}  // namespace netfix::app
