// Privacy: `netfix redact FILE` and the --redact option of the commands that
// write a snapshot or a report (the pseudonyms: model/redact.h).
#pragma once

#include <string>

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

/// --redact for two files compared with each other (diff): one set of
/// pseudonyms, so that the same device has the same pseudonym on both sides.
void RedactBothIfAsked(const Options& options, model::Snapshot* before, model::Snapshot* after);

/// A snapshot, JSON report or survey (`text`, read from `path`) with
/// pseudonyms; false (and an error printed) when it is none of them.
bool RedactJsonText(const std::string& path, const std::string& text, model::Lang lang,
                    std::string* out);

}  // namespace netfix::app
