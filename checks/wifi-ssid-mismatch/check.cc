// wifi-ssid-mismatch: the home's access points (router, repeaters) do not
// offer the same SSID with the same security on a band, so clients cannot
// roam between them; or they do, but none helps clients roam (802.11k/v).
#include "check/check.h"

#include <algorithm>
#include <set>

#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

using Offers = std::map<std::string, std::vector<const model::WifiBss*>>;  // by band

// The named networks an access point sends, by band.
Offers OffersOf(const wifi::Analysis& a, const wifi::AccessPoint& ap) {
  Offers out;
  for (const auto& b : a.networks) {
    if (b.hidden || b.ssid.empty()) continue;
    if (std::find(ap.bssids.begin(), ap.bssids.end(), b.bssid) != ap.bssids.end())
      out[b.band].push_back(&b);
  }
  return out;
}

// Same SSID and security ("unknown" security is given the benefit of the doubt).
bool Roamable(const model::WifiBss& x, const model::WifiBss& y) {
  return x.ssid == y.ssid &&
         (x.security == y.security || x.security == "unknown" || y.security == "unknown");
}

bool SharesOne(const std::vector<const model::WifiBss*>& xs,
               const std::vector<const model::WifiBss*>& ys) {
  for (const auto* x : xs)
    for (const auto* y : ys)
      if (Roamable(*x, *y)) return true;
  return false;
}

// "\"FRITZ!Box 7590 XY\" (WPA2/WPA3)", each SSID and security once.
std::string Names(const std::vector<const model::WifiBss*>& list) {
  std::vector<std::string> out;
  for (const auto* b : list) {
    std::string name = "\"" + model::DisplaySsid(b->ssid) + "\" (" + wifi::SecurityLabel(*b) + ")";
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return util::Join(out, ", ");
}

std::string EvidenceValue(const std::vector<const model::WifiBss*>& list) {
  std::vector<std::string> out;
  for (const auto* b : list)
    out.push_back("\"" + model::DisplaySsid(b->ssid) + "\" " + wifi::SecurityLabel(*b) + " (" +
                  b->bssid + ")");
  return util::Join(out, ", ");
}

std::string NameOf(const wifi::AccessPoint& ap) {
  return ap.name.empty() ? ap.id : ap.name;
}

std::string SubjectOf(const check::CheckContext& context, const wifi::AccessPoint& ap) {
  const auto* device = context.inventory().FindByKey(ap.device_key);
  if (!ap.device_key.empty() && device != nullptr && !device->ipv4.empty())
    return device->ipv4.front();
  return ap.id;
}

// An SSID that several access points share, but none of their BSSs
// announces 802.11k or 802.11v (and all of them say so).
void NoRoamingSupport(const wifi::Analysis& a, const wifi::AccessPoint& ref, const char* probe,
                      check::FindingSink& out) {
  std::map<model::ByteString, std::pair<std::set<std::string>, std::vector<const model::WifiBss*>>>
      by_ssid;
  for (const auto& ap : a.access_points)
    for (const auto& [band, list] : OffersOf(a, ap))
      for (const auto* b : list) {
        by_ssid[b->ssid].first.insert(ap.id);
        by_ssid[b->ssid].second.push_back(b);
      }
  for (const auto& [ssid, entry] : by_ssid) {
    const auto& [aps, bsss] = entry;
    if (aps.size() < 2) continue;
    bool all_known = std::all_of(bsss.begin(), bsss.end(), [](const model::WifiBss* b) {
      return b->rrm.has_value() && b->btm.has_value();
    });
    bool any_support = std::any_of(bsss.begin(), bsss.end(), [](const model::WifiBss* b) {
      return b->rrm.value_or(false) || b->btm.value_or(false);
    });
    if (!all_known || any_support) continue;
    auto& f = out.Add(model::DisplaySsid(ssid));
    f.variant = "no-roaming-support";
    if (!ref.device_key.empty()) f.device = ref.device_key;
    f.params["network"] = model::DisplaySsid(ssid);
    f.params["count"] = std::to_string(aps.size());
    for (const auto* b : bsss)
      f.evidence.push_back(
          {probe, "bss " + b->bssid + " " + wifi::BandLabel(b->band), "802.11k no, 802.11v no"});
  }
}

}  // namespace

void WifiSsidMismatch(const check::CheckContext& context, check::FindingSink& out) {
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  if (a.access_points.size() < 2) return;  // one access point: nothing to roam between
  const wifi::AccessPoint* ref = a.Router();
  if (ref == nullptr) ref = &a.access_points.front();
  const Offers ref_offers = OffersOf(a, *ref);
  const char* probe = wifi::EvidenceProbe(a);

  for (const auto& ap : a.access_points) {
    if (&ap == ref) continue;
    const Offers offers = OffersOf(a, ap);
    // Compare band by band where both were seen; an access point seen on
    // different bands only is compared over all its networks.
    std::vector<std::string> bands;
    for (const auto& [band, list] : offers)
      if (ref_offers.count(band)) bands.push_back(band);
    std::vector<std::string> mismatched;
    std::vector<const model::WifiBss*> ref_all, ap_all;
    if (bands.empty()) {
      for (const auto& [band, list] : ref_offers)
        ref_all.insert(ref_all.end(), list.begin(), list.end());
      for (const auto& [band, list] : offers) ap_all.insert(ap_all.end(), list.begin(), list.end());
      if (ref_all.empty() || ap_all.empty() || SharesOne(ref_all, ap_all)) continue;
      mismatched.push_back("");
    } else {
      for (const auto& band : bands)
        if (!SharesOne(ref_offers.at(band), offers.at(band))) {
          mismatched.push_back(band);
          const auto& r = ref_offers.at(band);
          const auto& o = offers.at(band);
          ref_all.insert(ref_all.end(), r.begin(), r.end());
          ap_all.insert(ap_all.end(), o.begin(), o.end());
        }
      if (mismatched.empty()) continue;
    }

    auto& f = out.Add(SubjectOf(context, ap));
    f.device = ap.device_key.empty() ? ref->device_key : ap.device_key;
    f.params["router"] = NameOf(*ref);
    f.params["ap"] = NameOf(ap);
    f.params["router_networks"] = Names(ref_all);
    f.params["ap_networks"] = Names(ap_all);
    for (const auto& band : mismatched) {
      std::string on = band.empty() ? "" : " " + wifi::BandLabel(band);
      const auto& r = band.empty() ? ref_all : ref_offers.at(band);
      const auto& o = band.empty() ? ap_all : offers.at(band);
      f.evidence.push_back(
          {probe, std::string(wifi::ToString(ref->role)) + " " + ref->id + on, EvidenceValue(r)});
      f.evidence.push_back(
          {probe, std::string(wifi::ToString(ap.role)) + " " + ap.id + on, EvidenceValue(o)});
    }
  }
  if (out.findings().empty()) NoRoamingSupport(a, *ref, probe, out);
}

}  // namespace netfix::checks
