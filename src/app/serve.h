// `netfix serve`: the far end of the home-leg test (`netfix check --peer`),
// run on a second machine, for example next to the TV. The server itself is
// io/peer_server.h; this is the command: the address to tell the user, the
// signals, the exit status.
#pragma once

#include "app/exit_code.h"
#include "app/options.h"

namespace netfix::app {

ExitCode RunServe(const Options& options);

}  // namespace netfix::app
