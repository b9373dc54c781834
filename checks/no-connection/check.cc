// no-connection: the basics that everything else depends on, an address on a
// real interface and a default route.
#include "check/check.h"

#include "util/strings.h"

namespace netfix::checks {

using model::Interface;

namespace {

bool HasUsableAddress(const Interface& interface) {
  if (interface.loopback || !interface.up) return false;
  for (const auto& a : interface.addresses) {
    // Link-local addresses (169.254/16 after a failed DHCP, fe80::/10) do not
    // reach a router. Linux gives a self-assigned 169.254 address global
    // scope unless told otherwise, so look at the address too.
    if (a.family == "ipv4" && util::StartsWith(a.address, "169.254.")) continue;
    if (a.scope == "global" || a.scope == "site") return true;
  }
  return false;
}

// In the notation of `ip -br link`.
std::string State(const Interface& interface) {
  return !interface.up ? "DOWN" : !interface.running ? "NO-CARRIER" : "UP";
}

}  // namespace

void NoConnection(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  const Interface* connected = nullptr;
  std::vector<std::string> states;
  for (const auto& interface : s.interfaces) {
    if (interface.loopback) continue;
    states.push_back(interface.name + " " + State(interface));
    if (connected == nullptr && HasUsableAddress(interface)) connected = &interface;
  }

  if (connected == nullptr) {
    auto& f = out.Add(s.scan_interface.empty() ? "this computer" : s.scan_interface);
    f.params["interfaces"] = states.empty() ? "-" : util::Join(states, ", ");
    for (const auto& interface : s.interfaces) {
      if (interface.loopback) continue;
      std::vector<std::string> addresses;
      for (const auto& a : interface.addresses)
        addresses.push_back(a.address + "/" + std::to_string(a.prefix_len) + " " + a.scope);
      f.evidence.push_back(
          {"host-config", interface.name,
           State(interface) + "; " + (addresses.empty() ? "-" : util::Join(addresses, ", "))});
    }
    if (f.evidence.empty()) f.evidence.push_back({"host-config", "interfaces", "lo"});
    return;
  }

  bool has_default = false;
  for (const auto& route : s.routes)
    if (route.destination == "default") has_default = true;
  if (has_default) return;

  std::string address;
  for (const auto& a : connected->addresses) {
    if ((a.scope == "global" || a.scope == "site") && !util::StartsWith(a.address, "169.254.")) {
      address = a.address;
      break;
    }
  }
  auto& f = out.Add(connected->name);
  f.variant = "no-route";
  f.params["interface"] = connected->name;
  f.params["address"] = address;
  f.evidence.push_back({"host-config", connected->name, State(*connected) + "; " + address});
  f.evidence.push_back({"host-config", "ip route default", "-"});
}

}  // namespace netfix::checks
