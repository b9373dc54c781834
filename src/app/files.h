// Reading and writing the user's files.
#pragma once

#include <string>

namespace netfix::app {

/// Reads a whole file ("-" = stdin). On failure `error` says why, e.g.
/// "cannot read 'x.json': No such file or directory".
bool ReadWholeFile(const std::string& path, std::string* contents, std::string* error);

/// Whether `path` names an existing file ("-" never does).
bool FileExists(const std::string& path);

/// Writes atomically (a temporary file in the same directory, then rename),
/// so an interrupted run never leaves half a report behind.
bool WriteFileAtomically(const std::string& path, const std::string& contents, std::string* error);

}  // namespace netfix::app
