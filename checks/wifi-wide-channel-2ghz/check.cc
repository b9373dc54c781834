// wifi-wide-channel-2ghz: a 2.4 GHz radio of the home network uses a channel
// wider than 20 MHz (40 MHz takes two of the band's three clean channels).
#include "check/check.h"

#include <set>

#include "wifi/analysis.h"

namespace netfix::checks {

void WifiWideChannel2ghz(const check::CheckContext& context, check::FindingSink& out) {
  const double max_width = context.Param("max-width-mhz");
  const double min_dbm = context.Param("neighbour-dbm");
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  // Every 2.4 GHz neighbour counts: a 40 MHz channel spans most of the band,
  // and scans do not say on which side its second half lies. Strength at the
  // strongest room median (see wifi::Neighbours).
  std::vector<model::WifiBss> neighbours;
  for (const auto& n : wifi::Neighbours(a))
    if (n.band == "2.4" && n.signal_dbm && *n.signal_dbm >= min_dbm) neighbours.push_back(n);

  // The width is the same in every sighting: `networks` has each BSS once.
  std::set<std::string> judged;  // one finding per radio (a guest network shares it)
  bool width_known = false, own_24 = false;
  for (const auto& bss : a.networks) {
    if (bss.band != "2.4" || !a.IsOwn(bss)) continue;
    own_24 = true;
    width_known = width_known || bss.width_mhz != 0;
    if (bss.width_mhz <= max_width) continue;
    const wifi::AccessPoint* ap = a.AccessPointOf(bss.bssid);
    if (!judged.insert((ap ? ap->id : bss.bssid) + "/" + std::to_string(bss.channel)).second)
      continue;
    auto& f = out.Add(bss.bssid);
    if (neighbours.empty()) f.variant = "no-neighbours";
    if (ap != nullptr && !ap->device_key.empty()) f.device = ap->device_key;
    f.params["ssid"] = wifi::NetworkName(bss);
    f.params["ap"] = ap != nullptr && !ap->name.empty() ? ap->name : bss.bssid;
    f.params["channel"] = std::to_string(bss.channel);
    f.params["width"] = std::to_string(bss.width_mhz);
    f.params["count"] = std::to_string(neighbours.size());
    f.params["threshold"] = wifi::DbmText(min_dbm);
    f.evidence.push_back({probe, bss.bssid + " channel", wifi::ChannelText(bss)});
    f.evidence.push_back({probe, "2.4 GHz neighbours >= " + wifi::DbmText(min_dbm) + " dBm",
                          wifi::ChannelSummary(neighbours, "2.4")});
  }
  if (own_24 && !width_known)
    out.Skip("the Wi-Fi scan does not say how wide the home network's 2.4 GHz channel is");
}

}  // namespace netfix::checks
