// wifi-weak-signal: in a surveyed room (or where this computer is) the home
// network's best signal, over all its access points and bands, is below what
// video calls need, or below what browsing needs, or not there at all.
#include "check/check.h"

#include <algorithm>
#include <optional>

#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

// How far the best signal falls short: "" (browsing only), "weak",
// "unusable" or "no-signal".
std::string Shortfall(std::optional<double> best, double browsing, double unusable) {
  if (!best) return "no-signal";
  if (*best >= browsing) return "";
  if (*best >= unusable) return "weak";
  return "unusable";
}

}  // namespace

void WifiWeakSignal(const check::CheckContext& context, check::FindingSink& out) {
  const double video = context.Param("video-dbm");
  const double browsing = context.Param("browsing-dbm");
  const double unusable = context.Param("unusable-dbm");
  const model::Snapshot& s = context.snapshot();
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  for (const auto& room : a.rooms) {
    std::optional<double> best = room.BestOwnDbm();
    if (best && *best >= video) continue;
    if (!best && std::any_of(room.seen.begin(), room.seen.end(),
                             [&](const wifi::Sighting& seen) { return a.IsOwn(seen.bss); }))
      continue;  // the home network is there, but the scan source gave no signal
    std::string variant = Shortfall(best, browsing, unusable);
    if (room.name.empty()) variant = variant.empty() ? "here" : "here-" + variant;

    auto& f = out.Add(wifi::RoomSubject(s, room));
    f.variant = variant;
    f.params["room"] = room.name;
    f.params["signal"] = best ? wifi::DbmText(*best) : "-";
    f.params["video"] = wifi::DbmText(video);
    f.params["browsing"] = wifi::DbmText(browsing);
    f.params["unusable"] = wifi::DbmText(unusable);

    // The access point that serves the room best is the one to move or
    // complement; without any, the router.
    const wifi::AccessPoint* ap = a.Router();
    const wifi::Sighting* strongest = nullptr;
    for (const auto& [band, index] : room.best_own) {
      const wifi::Sighting& seen = room.seen[index];
      f.evidence.push_back({probe, wifi::RoomLabel(room) + " " + wifi::BandLabel(band) + " best",
                            wifi::Describe(seen.bss)});
      if (strongest == nullptr || *seen.bss.signal_dbm > *strongest->bss.signal_dbm)
        strongest = &seen;
    }
    if (strongest != nullptr) {
      if (const auto* serving = a.AccessPointOf(strongest->bss.bssid)) ap = serving;
    } else {
      std::string others = std::to_string(room.seen.size()) + " other networks";
      if (!room.seen.empty())
        others += ", strongest " + model::DisplaySsid(room.seen.front().bss.ssid) + " " +
                  wifi::Describe(room.seen.front().bss);
      f.evidence.push_back({probe, wifi::RoomLabel(room) + " home network", "not seen; " + others});
    }
    if (room.samples > 1)
      f.evidence.push_back(
          {probe, wifi::RoomLabel(room) + " samples", std::to_string(room.samples) + ", median"});
    if (ap != nullptr && !ap->device_key.empty()) f.device = ap->device_key;
  }
}

}  // namespace netfix::checks
