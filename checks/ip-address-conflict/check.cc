// ip-address-conflict: the ARP sweep saw one IPv4 address answered for by
// more than one MAC address.
#include "check/check.h"

#include "util/strings.h"

namespace netfix::checks {

void IpAddressConflict(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  if (!s.measurements.arp) return;
  for (const auto& conflict : s.measurements.arp->conflicts) {
    if (conflict.macs.size() < 2) continue;
    auto& f = out.Add(conflict.ip);
    std::vector<std::string> devices;
    for (const auto& mac : conflict.macs) {
      const model::Device* device = s.FindDeviceByMac(mac);
      std::string vendor = device && !device->vendor.empty() ? device->vendor : "";
      devices.push_back(vendor.empty() ? mac : mac + " (" + vendor + ")");
      f.evidence.push_back({"arp-sweep", "arp " + conflict.ip,
                            "is-at " + mac + (vendor.empty() ? "" : " " + vendor)});
    }
    f.params["ip"] = conflict.ip;
    f.params["count"] = std::to_string(conflict.macs.size());
    f.params["devices"] = util::Join(devices, ", ");
  }
}

}  // namespace netfix::checks
