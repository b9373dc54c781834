#include "app/serve.h"

#include <atomic>
#include <csignal>
#include <cstdio>

#include "app/app.h"
#include "app/terminal.h"
#include "io/peer_server.h"
#include "io/system.h"
#include "version.h"

namespace netfix::app {

namespace {

std::atomic<bool> g_serve_stop{false};

extern "C" void OnServeSignal(int) {
  g_serve_stop.store(true);
}

// Ctrl-C and SIGTERM end the server; a second Ctrl-C ends netfix at once.
void InstallServeSignals() {
  struct sigaction action {};
  action.sa_handler = OnServeSignal;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool IsWildcard(const std::string& bind) {
  return bind == "0.0.0.0" || bind == "::";
}

// The address the other machine should use: the one bound to, else this
// machine's IPv4 address on the interface of the default route, else its
// first IPv4 address that is not loopback.
std::string AddressToTell(const std::string& bind) {
  if (!IsWildcard(bind)) return bind;
  auto config = io::MakeRealSystem()->ReadNetworkConfig();
  if (!config.ok()) return "";
  std::string default_interface;
  for (const auto& route : config->routes)
    if (route.family == "ipv4" && route.destination == "default") {
      default_interface = route.interface;
      break;
    }
  std::string first;
  for (const auto& interface : config->interfaces) {
    if (interface.loopback) continue;
    for (const auto& address : interface.addresses) {
      if (address.family != "ipv4") continue;
      if (interface.name == default_interface) return address.address;
      if (first.empty()) first = address.address;
    }
  }
  return first;
}

std::string ReadyLine(const Options& o, int port) {
  bool de = ChooseLang(o) == model::Lang::kDe;
  std::string address = AddressToTell(o.serve_bind);
  if (address.empty()) address = de ? "ADRESSE-DIESES-RECHNERS" : "ADDRESS-OF-THIS-MACHINE";
  if (address.find(':') != std::string::npos) address = "[" + address + "]";
  std::string peer = port == io::kPeerServerPort ? address : address + ":" + std::to_string(port);
  std::string until = o.serve_timeout_s > 0
                          ? (de ? "für " : "for ") +
                                std::to_string(static_cast<long long>(o.serve_timeout_s)) + " s"
                          : (de ? "bis Strg+C" : "until Ctrl-C");
  if (de)
    return "netfix: bereit für den Test der Heimstrecke auf Port " + std::to_string(port) +
           " (TCP und UDP) " + until + "; auf dem anderen Rechner ausführen: netfix check --peer " +
           peer;
  return "netfix: serving the home-leg test on port " + std::to_string(port) + " (TCP and UDP) " +
         until + "; on the other machine run: netfix check --peer " + peer;
}

}  // namespace

ExitCode RunServe(const Options& o) {
  io::PeerServerOptions options;
  options.bind = o.serve_bind;
  options.port = o.serve_port;
  options.version = NETFIX_VERSION;
  auto server = io::OpenPeerServer(options);
  if (!server.ok()) {
    PrintError(server.error().message,
               "is another program using the port? choose another one with --port");
    return kExitCannotRun;
  }
  InstallServeSignals();
  if (!o.quiet) std::fprintf(stderr, "%s\n", ReadyLine(o, (*server)->port()).c_str());
  std::optional<io::TimePoint> until;
  if (o.serve_timeout_s > 0)
    until = io::SteadyClock::now() +
            std::chrono::milliseconds(static_cast<long long>(o.serve_timeout_s * 1000));
  (*server)->Run([] { return g_serve_stop.load(); }, until);
  io::PeerServerStats stats = (*server)->stats();
  PrintVerbose("served " + std::to_string(stats.connections) + " connections, " +
               std::to_string(stats.requests) + " requests, " + std::to_string(stats.echoes) +
               " echoes; sent " + std::to_string(stats.bytes_sent) + " bytes, received " +
               std::to_string(stats.bytes_received) + " bytes");
  return g_serve_stop.load() ? kExitInterrupted : kExitClean;
}

}  // namespace netfix::app
