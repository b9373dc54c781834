// wifi-channel-overlap: a 2.4 GHz radio of the home network sits on a
// channel that overlaps a neighbour network's (1 to 3 channels apart), or off
// the plans of non-overlapping channels (1/6/11, 1/5/9/13) while neighbours
// are around.
#include "check/check.h"

#include <set>

#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

constexpr size_t kListed = 6;  // neighbours named in the text; the evidence has them all

}  // namespace

void WifiChannelOverlap(const check::CheckContext& context, check::FindingSink& out) {
  const double min_dbm = context.Param("neighbour-dbm");
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  // Neighbours at their strongest room median: a neighbour disturbs the home
  // network where it is loudest, and a room's median is not fooled by one
  // scan's spike.
  std::vector<model::WifiBss> neighbours;
  for (const auto& n : wifi::Neighbours(a))
    if (n.band == "2.4" && n.channel != 0 && n.signal_dbm && *n.signal_dbm >= min_dbm)
      neighbours.push_back(n);

  // The home network's own radios from `networks`: channel and width are the
  // same in every sighting, the strongest one is simply the best decoded.
  std::set<std::string> judged;  // one finding per radio (a guest network shares it)
  for (const auto& bss : a.networks) {
    if (bss.band != "2.4" || bss.channel == 0 || !a.IsOwn(bss)) continue;
    const wifi::AccessPoint* ap = a.AccessPointOf(bss.bssid);
    if (!judged.insert((ap ? ap->id : bss.bssid) + "/" + std::to_string(bss.channel)).second)
      continue;

    std::vector<const model::WifiBss*> overlapping;
    for (const auto& n : neighbours)
      if (wifi::Overlapping24(bss.channel, n.channel)) overlapping.push_back(&n);
    bool off_grid = !wifi::OnChannelGrid24(bss.channel) && !neighbours.empty();
    if (overlapping.empty() && !off_grid) continue;

    double load = wifi::ChannelLoad(bss, neighbours);
    wifi::ChannelChoice choice = wifi::QuietestChannel(bss, neighbours);
    std::string variant;
    if (!overlapping.empty()) {
      if (choice.channel == 0 || choice.load >= load) variant = "crowded";
    } else {
      // Off the grid without an overlapping neighbour: worth a change only
      // when a channel of the grid is at least as quiet.
      if (choice.channel == 0 || choice.load > load) continue;
      variant = "off-grid";
    }

    auto& f = out.Add(bss.bssid);
    f.variant = variant;
    if (ap != nullptr && !ap->device_key.empty()) f.device = ap->device_key;
    std::vector<std::string> names;
    for (const auto* n : overlapping) {
      if (names.size() == kListed) {
        names.push_back("(+" + std::to_string(overlapping.size() - kListed) + ")");
        break;
      }
      names.push_back(wifi::NetworkName(*n) + " (" + std::to_string(n->channel) + ", " +
                      wifi::DbmText(*n->signal_dbm) + " dBm)");
    }
    f.params["ssid"] = wifi::NetworkName(bss);
    f.params["ap"] = ap != nullptr && !ap->name.empty() ? ap->name : bss.bssid;
    f.params["channel"] = std::to_string(bss.channel);
    f.params["count"] =
        std::to_string(overlapping.empty() ? neighbours.size() : overlapping.size());
    f.params["neighbours"] = names.empty() ? "-" : util::Join(names, ", ");
    f.params["suggested"] = std::to_string(choice.channel);
    f.params["threshold"] = wifi::DbmText(min_dbm);

    f.evidence.push_back({probe, bss.bssid + " channel", wifi::ChannelText(bss)});
    for (const auto* n : overlapping)
      f.evidence.push_back({probe, n->bssid + " " + model::DisplaySsid(n->ssid),
                            wifi::ChannelText(*n) + ", " + wifi::DbmText(*n->signal_dbm) + " dBm"});
    f.evidence.push_back({probe, "2.4 GHz neighbours >= " + wifi::DbmText(min_dbm) + " dBm",
                          wifi::ChannelSummary(neighbours, "2.4")});
  }
}

}  // namespace netfix::checks
