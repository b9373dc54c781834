// wifi-no-5ghz-coverage: a room where the home network is usable on 2.4 GHz
// but missing or weak on 5 GHz, while the home has 5 GHz elsewhere; or a home
// network without any 5 GHz although the client sees other 5 GHz networks.
#include "check/check.h"

#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

void NoFiveGhzRadio(const wifi::Analysis& a, check::FindingSink& out) {
  std::vector<std::string> own_names;
  for (const auto& ssid : a.own_ssids) own_names.push_back(model::DisplaySsid(ssid));
  std::vector<const model::WifiBss*> own, other5;
  for (const auto& b : a.networks) {
    if (a.IsOwn(b))
      own.push_back(&b);
    else if (b.band == "5")
      other5.push_back(&b);
  }
  if (own.empty()) return;  // nothing of the home network seen: not this check's business
  const wifi::AccessPoint* router = a.Router();
  auto& f = out.Add(own_names.empty() || own_names.front().empty() ? "wifi" : own_names.front());
  f.variant = "no-5ghz-radio";
  if (router != nullptr && !router->device_key.empty()) f.device = router->device_key;
  f.params["network"] = util::Join(own_names, ", ");
  const char* probe = wifi::EvidenceProbe(a);
  for (const auto* b : own)
    f.evidence.push_back({probe, "home network " + wifi::BandLabel(b->band),
                          model::DisplaySsid(b->ssid) + " " + wifi::Describe(*b)});
  // The strongest, named ones first: an example the customer can find in a Wi-Fi list.
  const model::WifiBss* strongest = other5.front();  // non-empty: the caller checked
  for (const auto* b : other5)
    if (strongest->ssid.empty() != b->ssid.empty()
            ? strongest->ssid.empty()
            : b->signal_dbm.value_or(-200) > strongest->signal_dbm.value_or(-200))
      strongest = b;
  f.params["example"] =
      strongest->ssid.empty() ? strongest->bssid : model::DisplaySsid(strongest->ssid);
  f.evidence.push_back({probe, "other networks 5 GHz",
                        std::to_string(other5.size()) + ", strongest " +
                            model::DisplaySsid(strongest->ssid) + " " +
                            wifi::Describe(*strongest)});
}

}  // namespace

void WifiNo5ghzCoverage(const check::CheckContext& context, check::FindingSink& out) {
  const double min5 = context.Param("min-5ghz-dbm");
  const model::Snapshot& s = context.snapshot();
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  bool any5 = false, home5 = false;
  for (const auto& b : a.networks) {
    if (b.band != "5") continue;
    any5 = true;
    if (a.IsOwn(b)) home5 = true;
  }
  if (!any5) {
    out.Skip("no scan saw any 5 GHz network, so the scanning device may support 2.4 GHz only");
    return;
  }
  if (!home5) {
    NoFiveGhzRadio(a, out);
    return;
  }

  const char* probe = wifi::EvidenceProbe(a);
  for (const auto& room : a.rooms) {
    const wifi::Sighting* best24 = room.BestOwn("2.4");
    const wifi::Sighting* best5 = room.BestOwn("5");
    // Where 2.4 GHz is weak too, the room lacks Wi-Fi altogether: that is
    // wifi-weak-signal's finding, not a missing band.
    if (best24 == nullptr || *best24->bss.signal_dbm < min5) continue;
    if (best5 != nullptr && *best5->bss.signal_dbm >= min5) continue;

    auto& f = out.Add(wifi::RoomSubject(s, room));
    // This computer's own scan is the only room then, and the home's 5 GHz
    // was seen there (else: the variant without any 5 GHz): weak, not absent.
    f.variant = room.name.empty() ? "here" : best5 == nullptr ? "absent" : "";
    f.params["room"] = room.name;
    f.params["signal24"] = wifi::DbmText(*best24->bss.signal_dbm);
    f.params["signal5"] = best5 ? wifi::DbmText(*best5->bss.signal_dbm) : "-";
    f.params["min"] = wifi::DbmText(min5);
    f.evidence.push_back(
        {probe, wifi::RoomLabel(room) + " 2.4 GHz best", wifi::Describe(best24->bss)});
    f.evidence.push_back({probe, wifi::RoomLabel(room) + " 5 GHz best",
                          best5 ? wifi::Describe(best5->bss) : "not seen"});
    const wifi::AccessPoint* ap = a.AccessPointOf(best24->bss.bssid);
    if (ap == nullptr) ap = a.Router();
    if (ap != nullptr && !ap->device_key.empty()) f.device = ap->device_key;
  }
}

}  // namespace netfix::checks
