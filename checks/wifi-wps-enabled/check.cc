// wifi-wps-enabled: an access point of the home network advertises WPS in
// its beacons. Only a known "yes" counts: scans that do not report WPS leave
// it unknown, which is no finding.
#include "check/check.h"

#include <algorithm>
#include <map>

#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::checks {

void WifiWpsEnabled(const check::CheckContext& context, check::FindingSink& out) {
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  // WPS is a setting of the access point: one finding per access point, with
  // every BSS of it that advertises WPS. `networks` has each BSS once; the
  // WPS element is the same in every beacon of it.
  bool known = false;
  std::vector<std::string> order;
  std::map<std::string, std::vector<const model::WifiBss*>> by_ap;
  for (const auto& bss : a.networks) {
    if (!a.IsOwn(bss) || !bss.wps) continue;
    known = true;
    if (!*bss.wps) continue;
    const wifi::AccessPoint* ap = a.AccessPointOf(bss.bssid);
    std::string key = ap ? ap->id : bss.bssid;
    if (by_ap.find(key) == by_ap.end()) order.push_back(key);
    by_ap[key].push_back(&bss);
  }
  if (!known) {
    out.Skip("the Wi-Fi scan does not say whether the home network advertises WPS");
    return;
  }
  for (const auto& key : order) {
    const auto& bsss = by_ap[key];
    const wifi::AccessPoint* ap = a.AccessPointOf(bsss.front()->bssid);
    auto& f = out.Add(bsss.front()->bssid);
    if (ap != nullptr && !ap->device_key.empty()) f.device = ap->device_key;
    std::vector<std::string> ssids;
    for (const auto* b : bsss) {
      std::string name = wifi::NetworkName(*b);
      if (std::find(ssids.begin(), ssids.end(), name) == ssids.end()) ssids.push_back(name);
      f.evidence.push_back({probe, b->bssid + " WPS",
                            "advertised (" + model::DisplaySsid(b->ssid) + ", " +
                                wifi::BandLabel(b->band) + ", " + wifi::ChannelText(*b) + ")"});
    }
    f.params["ssid"] = util::Join(ssids, ", ");
    f.params["ap"] = ap != nullptr && !ap->name.empty() ? ap->name : bsss.front()->bssid;
  }
}

}  // namespace netfix::checks
