// wifi-insecure: a network of the home's own access points is open (not
// OWE), encrypted with WEP, or still offers WPA with TKIP. Neighbours'
// networks are not ours to judge.
#include "check/check.h"

#include <algorithm>
#include <vector>

#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

// "open", "wep", "tkip" or "" (fine). WPA alone means TKIP in practice;
// mixed WPA/WPA2 offers it unless the beacon says otherwise.
std::string Weakness(const model::WifiBss& b) {
  if (b.security == "wep") return "wep";
  if (b.security == "open") return "open";
  if (b.tkip.value_or(false) || b.security == "wpa") return "tkip";
  if (b.security == "wpa-wpa2" && b.tkip.value_or(true)) return "tkip";
  return "";
}

// An open network next to an encrypted one of the same access point and
// band is a guest access or public hotspot (Telekom_FON, Vodafone
// Homespot): separate from the home network by design.
bool IsGuestBeside(const wifi::Analysis& a, const model::WifiBss& open) {
  const wifi::AccessPoint* ap = a.AccessPointOf(open.bssid);
  if (ap == nullptr) return false;
  return std::any_of(a.networks.begin(), a.networks.end(), [&](const model::WifiBss& b) {
    return b.band == open.band && b.ssid != open.ssid && b.security != "open" &&
           b.security != "unknown" &&
           std::find(ap->bssids.begin(), ap->bssids.end(), b.bssid) != ap->bssids.end();
  });
}

}  // namespace

void WifiInsecure(const check::CheckContext& context, check::FindingSink& out) {
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  // One finding per network name and weakness, with every BSS as evidence.
  std::vector<std::string> keys;  // parallel to out.findings()
  for (const auto& b : a.networks) {
    if (!a.IsOwn(b)) continue;
    std::string weakness = Weakness(b);
    if (weakness.empty()) continue;
    if (weakness == "open" && IsGuestBeside(a, b)) continue;
    std::string name = b.hidden || b.ssid.empty() ? b.bssid : model::DisplaySsid(b.ssid);
    std::string key = weakness + "/" + name;
    const wifi::AccessPoint* ap = a.AccessPointOf(b.bssid);
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) {
      keys.push_back(key);
      auto& f = out.Add(name);
      f.variant = weakness;
      f.params["network"] = name;
      f.params["security"] = wifi::SecurityLabel(b);
      f.params["ap"] = ap == nullptr ? b.bssid : ap->name.empty() ? ap->id : ap->name;
      if (ap != nullptr) f.device = ap->device_key;
      it = keys.end() - 1;
    }
    auto& f = out.findings()[it - keys.begin()];
    // The router's settings usually reach the repeaters too (mesh): prefer it.
    if (ap != nullptr && ap->role == wifi::ApRole::kRouter && !ap->device_key.empty())
      f.device = ap->device_key;
    std::string role = ap == nullptr ? "bss" : wifi::ToString(ap->role);
    f.evidence.push_back({probe, role + " " + b.bssid + " " + wifi::BandLabel(b.band),
                          wifi::SecurityLabel(b) +
                              (b.security == "wpa-wpa2" && !b.tkip ? ", ciphers unknown" : "")});
  }
}

}  // namespace netfix::checks
