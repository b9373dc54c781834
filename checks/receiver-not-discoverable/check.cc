// receiver-not-discoverable: a device that is a receiver (TV, set-top box,
// renderer, speaker) answers ARP, but neither mDNS nor SSDP from it reached
// this computer, while discovery works for other devices.
#include "check/check.h"

#include "inventory/facts.h"

namespace netfix::checks {

namespace fact = inventory::facts;

namespace {

bool Announces(const inventory::Device& d) {
  for (const auto& f : d.facts)
    if (f.source == "ssdp" || f.source == "mdns" ||
        (f.source == "passive" && (f.key == fact::kSsdpTarget || f.key == fact::kSsdpServer)))
      return true;
  return false;
}

bool AnswersArp(const inventory::Device& d) {
  for (const auto& f : d.facts)
    if (f.source == "arp-sweep") return true;
  return false;
}

}  // namespace

void ReceiverNotDiscoverable(const check::CheckContext& context, check::FindingSink& out) {
  const double min_confidence = context.Param("min-confidence");
  const auto& devices = context.inventory().devices;
  int announcing = 0;
  for (const auto& d : devices)
    if (!d.is_self && Announces(d)) ++announcing;
  if (announcing == 0) {
    out.Skip("no device answered mDNS or SSDP at all, so discovery itself may be blocked here");
    return;
  }
  for (const auto& d : devices) {
    if (d.is_self || d.role.role != inventory::Role::kReceiver ||
        d.role.confidence < min_confidence)
      continue;
    if (!AnswersArp(d) || Announces(d)) continue;
    std::string ip = d.ipv4.empty() ? d.key : d.ipv4.front();
    auto& f = out.Add(ip);
    f.device = d.key;
    f.params["device"] = d.DisplayName();
    f.params["ip"] = ip;
    f.params["others"] = std::to_string(announcing);
    f.evidence.push_back({"arp-sweep", "arp " + ip, "is-at " + d.mac});
    for (const auto& e : d.role.evidence) f.evidence.push_back({"inventory", "role receiver", e});
    f.evidence.push_back({"ssdp", "SSDP from " + ip, "-"});
    f.evidence.push_back({"mdns", "mDNS from " + ip, "-"});
  }
}

}  // namespace netfix::checks
