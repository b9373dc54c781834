// wifi-dfs-channel: a 5 GHz radio of the home network uses a DFS channel
// (52-144, radar detection): after a restart 5 GHz waits up to 10 minutes,
// and radar forces channel changes that drop the clients for a moment.
#include "check/check.h"

#include <set>

#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

struct OnDfs {
  const model::WifiBss* bss;
  const wifi::AccessPoint* ap;  // nullptr: not matched to an access point
};

}  // namespace

void WifiDfsChannel(const check::CheckContext& context, check::FindingSink& out) {
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  // The channel is the same in every sighting: `networks` has each BSS once.
  // One entry per access point: its radios' virtual networks share the channel.
  std::vector<OnDfs> routers, repeaters;
  std::set<std::string> seen;
  for (const auto& bss : a.networks) {
    if (!a.IsOwn(bss) || !wifi::UsesDfs(bss)) continue;
    const wifi::AccessPoint* ap = a.AccessPointOf(bss.bssid);
    if (!seen.insert(ap ? ap->id : bss.bssid).second) continue;
    (ap != nullptr && ap->role == wifi::ApRole::kRepeater ? repeaters : routers)
        .push_back({&bss, ap});
  }

  auto add = [&](const OnDfs& on, const std::string& variant) -> model::Finding& {
    auto& f = out.Add(on.bss->bssid);
    f.variant = variant;
    if (on.ap != nullptr && !on.ap->device_key.empty()) f.device = on.ap->device_key;
    f.params["ssid"] = wifi::NetworkName(*on.bss);
    f.params["ap"] = on.ap != nullptr && !on.ap->name.empty() ? on.ap->name : on.bss->bssid;
    f.params["channel"] = std::to_string(on.bss->channel);
    f.params["width"] = on.bss->width_mhz != 0 ? std::to_string(on.bss->width_mhz) : "20";
    f.evidence.push_back({probe, on.bss->bssid + " channel", wifi::ChannelText(*on.bss) + ", DFS"});
    return f;
  };
  // A repeater on DFS behind a router on DFS is the same cause (in a mesh the
  // repeater follows the router's 5 GHz channel): one finding, at the router.
  std::vector<std::string> names;
  for (const auto& r : repeaters)
    names.push_back(r.ap != nullptr && !r.ap->name.empty() ? r.ap->name : r.bss->bssid);
  for (const auto& on : routers) {
    auto& f = add(on, repeaters.empty() ? "" : "mesh");
    f.params["repeaters"] = names.empty() ? "-" : util::Join(names, ", ");
    for (const auto& r : repeaters)
      f.evidence.push_back({probe, r.bss->bssid + " channel", wifi::ChannelText(*r.bss) + ", DFS"});
  }
  if (routers.empty())
    for (size_t i = 0; i < repeaters.size(); ++i)
      add(repeaters[i], "repeater").params["repeaters"] = names[i];
}

}  // namespace netfix::checks
