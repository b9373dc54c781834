// `netfix send FILE --to URL`: a snapshot or report to a support server, by
// HTTPS POST with the token from NETFIX_SEND_TOKEN. The transport and its
// rules are in io/upload.h and io/upload_policy.h; this is the command.
#pragma once

#include "app/exit_code.h"
#include "app/options.h"

namespace netfix::app {

/// The largest file netfix sends.
inline constexpr std::size_t kMaxSendBytes = 20 * 1024 * 1024;

/// The environment variable that holds the token.
inline constexpr const char* kSendTokenVariable = "NETFIX_SEND_TOKEN";

ExitCode RunSend(const Options& options);

}  // namespace netfix::app
