#include "probe/lan_link.h"

#include "util/strings.h"

namespace netfix::probe {

LanLinkChoice ChooseLanLink(const model::Snapshot& snapshot, const InterfaceChoice& choice,
                            const std::string& requested) {
  const model::Interface* chosen = nullptr;
  if (!choice.name.empty()) {
    chosen = snapshot.FindInterface(choice.name);
  } else if (!requested.empty()) {
    chosen = snapshot.FindInterface(requested);
  } else {
    for (const auto& i : snapshot.interfaces)
      if (!i.loopback && i.up && i.running && !i.mac.empty()) {
        chosen = &i;
        break;
      }
  }
  LanLinkChoice out;
  if (chosen == nullptr) {
    out.reason = !requested.empty()       ? "interface '" + requested + "' not found"
                 : !choice.reason.empty() ? choice.reason
                                          : "no interface is up";
    return out;
  }
  auto mac = wire::ParseMac(chosen->mac);
  if (!mac) {
    out.reason = "'" + chosen->name + "' has no Ethernet address";
    return out;
  }
  LanLink link;
  link.name = chosen->name;
  link.mac = *mac;
  link.addresses = chosen->addresses;
  for (const auto& a : chosen->addresses) {
    if (a.family != "ipv4" || util::StartsWith(a.address, "169.254.")) continue;
    if (auto ip = wire::ParseIpv4(a.address)) {
      link.ipv4 = *ip;
      break;
    }
  }
  out.link = std::move(link);
  return out;
}

}  // namespace netfix::probe
