// repeater-placement: the router's signal where a repeater stands (the
// repeater's backhaul over Wi-Fi) is too weak, or so strong that the
// repeater adds little coverage.
#include "check/check.h"

#include <algorithm>

#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

bool Belongs(const wifi::AccessPoint& ap, const std::string& bssid) {
  return std::find(ap.bssids.begin(), ap.bssids.end(), bssid) != ap.bssids.end();
}

// The strongest sighting of `ap` in `room` (`seen` is strongest first).
const wifi::Sighting* StrongestOf(const wifi::Room& room, const wifi::AccessPoint& ap) {
  for (const auto& s : room.seen)
    if (s.bss.signal_dbm && Belongs(ap, s.bss.bssid)) return &s;
  return nullptr;
}

// The room where `repeater` stands: one surveyed next to a repeater whose
// strongest home access point is this one; else the room where this
// repeater is strongest, if it is at least `at_repeater_dbm` there.
const wifi::Room* RoomOf(const wifi::Analysis& a, const wifi::AccessPoint& repeater,
                         double at_repeater_dbm) {
  for (const auto& room : a.rooms) {
    if (room.near != "repeater") continue;
    for (const auto& s : room.seen)
      if (a.IsOwn(s.bss)) {
        if (Belongs(repeater, s.bss.bssid)) return &room;
        break;
      }
  }
  const wifi::Room* best = nullptr;
  double best_dbm = at_repeater_dbm;
  for (const auto& room : a.rooms) {
    const wifi::Sighting* s = StrongestOf(room, repeater);
    if (s != nullptr && *s->bss.signal_dbm >= best_dbm) {
      best = &room;
      best_dbm = *s->bss.signal_dbm;
    }
  }
  return best;
}

}  // namespace

void RepeaterPlacement(const check::CheckContext& context, check::FindingSink& out) {
  const double at_repeater = context.Param("at-repeater-dbm");
  const double backhaul_min = context.Param("backhaul-min-dbm");
  const double backhaul_max = context.Param("backhaul-max-dbm");
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  std::vector<const wifi::AccessPoint*> repeaters;
  for (const auto& ap : a.access_points)
    if (ap.role == wifi::ApRole::kRepeater) repeaters.push_back(&ap);
  if (repeaters.empty()) {
    out.Skip(
        "no repeater of the home network is known (netfix recognises one by its device "
        "profile, or by a survey room taken with --near repeater)");
    return;
  }
  const wifi::AccessPoint* router = a.Router();
  if (router == nullptr) {
    out.Skip("the router's Wi-Fi was not recognised, so the repeaters' link to it is unknown");
    return;
  }

  const char* probe = wifi::EvidenceProbe(a);
  int judged = 0;
  for (const auto* repeater : repeaters) {
    const wifi::Room* room = RoomOf(a, *repeater, at_repeater);
    if (room == nullptr) continue;
    ++judged;
    const wifi::Sighting* backhaul = StrongestOf(*room, *router);
    double signal = backhaul ? *backhaul->bss.signal_dbm : -200;
    if (signal >= backhaul_min && signal <= backhaul_max) continue;

    const auto* device = context.inventory().FindByKey(repeater->device_key);
    std::string subject = repeater->id;
    if (device != nullptr && !device->ipv4.empty()) subject = device->ipv4.front();
    auto& f = out.Add(subject);
    f.variant = backhaul == nullptr     ? "no-router-signal"
                : signal < backhaul_min ? "too-weak"
                                        : "too-close";
    f.device = repeater->device_key;
    f.params["repeater"] = repeater->name.empty() ? repeater->id : repeater->name;
    f.params["room"] = room->name;
    f.params["signal"] = backhaul ? wifi::DbmText(signal) : "-";
    f.params["min"] = wifi::DbmText(backhaul_min);
    f.params["max"] = wifi::DbmText(backhaul_max);

    std::string where = wifi::RoomLabel(*room);
    f.evidence.push_back({"inventory", "repeater " + repeater->id, repeater->how});
    if (const wifi::Sighting* own = StrongestOf(*room, *repeater))
      f.evidence.push_back(
          {probe, where + " repeater",
           wifi::Describe(own->bss) + (room->near == "repeater" ? ", surveyed next to it" : "")});
    for (const auto& band : {"2.4", "5", "6"}) {
      for (const auto& s : room->seen)
        if (s.bss.band == band && s.bss.signal_dbm && Belongs(*router, s.bss.bssid)) {
          f.evidence.push_back(
              {probe, where + " router " + wifi::BandLabel(band), wifi::Describe(s.bss)});
          break;
        }
    }
    if (backhaul == nullptr)
      f.evidence.push_back({probe, where + " router " + router->id, "not seen"});
  }
  if (judged == 0)
    out.Skip(
        "no room was surveyed next to a repeater: take a sample there with `netfix survey "
        "--room NAME --near repeater`");
}

}  // namespace netfix::checks
