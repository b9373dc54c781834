// netfix: a home-network installation assistant.
//
// probes -> snapshot -> checks -> findings -> report. main only parses the
// command line, runs the command and returns its exit code; it is the only
// place that decides how the program ends.
#include "app/app.h"
#include "cli/cli.h"

int main(int argc, char** argv) {
  netfix::app::ExitCode exit_code = netfix::app::kExitClean;
  std::optional<netfix::app::Options> options = netfix::cli::Parse(argc, argv, &exit_code);
  if (!options) return exit_code;
  return netfix::app::Run(*options);
}
