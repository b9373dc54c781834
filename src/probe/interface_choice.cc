#include "probe/interface_choice.h"

#include "util/strings.h"

namespace netfix::probe {

namespace {

std::optional<LanInterface> LanOf(const model::Interface& i) {
  std::optional<LanInterface> best;
  for (const auto& a : i.addresses) {
    if (a.family != "ipv4") continue;
    auto ip = wire::ParseIpv4(a.address);
    if (!ip) continue;
    bool link_local = util::StartsWith(a.address, "169.254.");
    if (best && link_local) continue;
    best = LanInterface{i.name, wire::ParseMac(i.mac), *ip, a.prefix_len};
    if (!link_local) break;
  }
  return best;
}

}  // namespace

InterfaceChoice ChooseInterface(const model::Snapshot& snapshot, const std::string& requested) {
  InterfaceChoice choice;
  auto pick = [&](const model::Interface& i) {
    choice.name = i.name;
    choice.lan = LanOf(i);
    if (!choice.lan) choice.reason = "no IPv4 address on '" + i.name + "'";
    return choice;
  };
  if (!requested.empty()) {
    if (const auto* i = snapshot.FindInterface(requested)) return pick(*i);
    choice.reason = "interface '" + requested + "' not found";
    return choice;
  }
  if (!snapshot.default_interface.empty())
    if (const auto* i = snapshot.FindInterface(snapshot.default_interface))
      if (LanOf(*i)) return pick(*i);
  const model::Interface* fallback = nullptr;
  for (const auto& i : snapshot.interfaces) {
    if (i.loopback || !i.up) continue;
    auto lan = LanOf(i);
    if (!lan) continue;
    if (!util::StartsWith(wire::FormatIpv4(lan->address), "169.254.")) return pick(i);
    if (fallback == nullptr) fallback = &i;
  }
  if (fallback != nullptr) return pick(*fallback);
  choice.reason = "no IPv4 address on any interface";
  return choice;
}

}  // namespace netfix::probe
