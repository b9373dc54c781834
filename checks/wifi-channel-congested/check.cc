// wifi-channel-congested: on the channel of a home network radio (any band)
// too many neighbour networks are heard, or one nearly as strong as the home
// network itself, or the access point reports the channel as busy (BSS Load).
#include "check/check.h"

#include <algorithm>
#include <optional>
#include <set>

#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::checks {

namespace {

constexpr size_t kListed = 6;  // neighbour radios named in the text; the evidence has them all

// Whether a neighbour shares the channel of `own`. At 2.4 GHz that is the
// same primary channel (overlapping channels are wifi-channel-overlap's
// finding); at 5 and 6 GHz any overlap of the two channels' whole width.
bool SharesChannel(const model::WifiBss& own, const model::WifiBss& n) {
  if (n.band != own.band) return false;
  if (own.band == "2.4") return n.channel == own.channel;
  return wifi::Occupied(own).Overlaps(wifi::Occupied(n));
}

// One neighbour radio: the BSSs a neighbour's access point sends on one
// channel (a Speedport sends its own network and Telekom_FON): they share one
// radio's airtime, so they count once.
struct Radio {
  std::vector<const model::WifiBss*> bsss;  // strongest first
};

std::vector<Radio> GroupRadios(const std::vector<const model::WifiBss*>& bsss) {
  std::vector<Radio> radios;
  for (const auto* b : bsss) {
    auto it = std::find_if(radios.begin(), radios.end(), [&](const Radio& r) {
      const auto* first = r.bsss.front();
      return first->channel == b->channel && !b->bssid.empty() &&
             wifi::NeighbouringMacs(first->bssid, b->bssid);
    });
    if (it == radios.end())
      radios.push_back({{b}});
    else
      it->bsss.push_back(b);
  }
  return radios;
}

std::string RadioText(const Radio& r) {
  std::vector<std::string> names;
  for (const auto* b : r.bsss) names.push_back(wifi::NetworkName(*b));
  const auto* first = r.bsss.front();
  return util::Join(names, " / ") + " (" + std::to_string(first->channel) + ", " +
         wifi::DbmText(*first->signal_dbm) + " dBm)";
}

// The median channel utilisation the access point reported for `bssid` over
// every scan: the BSS Load element is the access point's own measurement, the
// same wherever it is heard, but it swings from moment to moment.
std::optional<double> Utilisation(const model::Snapshot& s, const std::string& bssid) {
  std::vector<double> values;
  auto collect = [&](const model::WifiScan& scan) {
    for (const auto& b : scan.networks)
      if (b.bssid == bssid && b.channel_utilization_pct)
        values.push_back(*b.channel_utilization_pct);
  };
  if (s.survey)
    for (const auto& room : s.survey->rooms)
      for (const auto& sample : room.samples) collect(sample);
  if (s.measurements.wifi) collect(*s.measurements.wifi);
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// A co-channel neighbour nearly as strong as the home network where the home
// network serves: compared within one room (the same spot), in the rooms
// where this access point is the home network's strongest in the band.
struct StrongNeighbour {
  const wifi::Room* room = nullptr;
  double own_dbm = 0;
  model::WifiBss neighbour;
};

std::optional<StrongNeighbour> FindStrongNeighbour(const wifi::Analysis& a,
                                                   const model::WifiBss& own,
                                                   const wifi::AccessPoint* ap, double min_dbm,
                                                   double separation_db) {
  std::optional<StrongNeighbour> worst;
  for (const auto& room : a.rooms) {
    const wifi::Sighting* best = room.BestOwn(own.band);
    if (best == nullptr || best->bss.channel != own.channel) continue;
    if (best->bss.bssid != own.bssid && (ap == nullptr || a.AccessPointOf(best->bss.bssid) != ap))
      continue;
    double own_dbm = *best->bss.signal_dbm;
    for (const auto& seen : room.seen) {
      const auto& n = seen.bss;
      if (!n.signal_dbm || *n.signal_dbm < min_dbm || a.IsOwn(n) || !SharesChannel(own, n))
        continue;
      if (*n.signal_dbm < own_dbm - separation_db) continue;
      if (!worst || *n.signal_dbm - own_dbm > *worst->neighbour.signal_dbm - worst->own_dbm)
        worst = StrongNeighbour{&room, own_dbm, n};
    }
  }
  return worst;
}

}  // namespace

void WifiChannelCongested(const check::CheckContext& context, check::FindingSink& out) {
  const double min_dbm = context.Param("neighbour-dbm");
  const double max_neighbours = context.Param("max-neighbours");
  const double separation_db = context.Param("separation-db");
  const double max_utilisation = context.Param("max-utilization-pct");
  const model::Snapshot& s = context.snapshot();
  const wifi::Analysis& a = context.wifi();
  if (!a.has_data()) {
    out.Skip(wifi::kNoWifiData);
    return;
  }
  const char* probe = wifi::EvidenceProbe(a);
  // Neighbours at their strongest room median (see wifi::Neighbours): a
  // neighbour takes airtime where it is loudest.
  std::vector<model::WifiBss> neighbours;
  for (const auto& n : wifi::Neighbours(a))
    if (n.channel != 0 && n.signal_dbm && *n.signal_dbm >= min_dbm) neighbours.push_back(n);

  // The home network's radios from `networks` (channel data is the same in
  // every sighting); one finding per radio, a guest network shares it.
  std::set<std::string> judged;
  for (const auto& own : a.networks) {
    if (own.channel == 0 || own.band.empty() || !a.IsOwn(own)) continue;
    const wifi::AccessPoint* ap = a.AccessPointOf(own.bssid);
    std::string radio =
        (ap ? ap->id : own.bssid) + "/" + own.band + "/" + std::to_string(own.channel);
    if (!judged.insert(radio).second) continue;

    std::vector<const model::WifiBss*> sharing;
    for (const auto& n : neighbours)
      if (SharesChannel(own, n)) sharing.push_back(&n);
    std::vector<Radio> radios = GroupRadios(sharing);
    std::optional<double> utilisation = Utilisation(s, own.bssid);
    auto strong = FindStrongNeighbour(a, own, ap, min_dbm, separation_db);
    bool busy = utilisation && *utilisation >= max_utilisation;
    bool many = static_cast<double>(radios.size()) >= max_neighbours;
    if (!busy && !many && !strong) continue;

    double load = wifi::ChannelLoad(own, neighbours);
    wifi::ChannelChoice choice = wifi::QuietestChannel(own, neighbours);
    bool better = choice.channel != 0 && choice.load < load;

    auto& f = out.Add(own.bssid);
    if (busy)
      f.variant = radios.empty() ? "busy-own" : "busy";
    else if (!better)
      f.variant = "crowded";
    else if (!many)
      f.variant = "strong-neighbour";
    if (ap != nullptr && !ap->device_key.empty()) f.device = ap->device_key;

    std::vector<std::string> names;
    for (const auto& r : radios) {
      if (names.size() == kListed) {
        names.push_back("(+" + std::to_string(radios.size() - kListed) + ")");
        break;
      }
      names.push_back(RadioText(r));
    }
    f.params["ssid"] = wifi::NetworkName(own);
    f.params["ap"] = ap != nullptr && !ap->name.empty() ? ap->name : own.bssid;
    f.params["channel"] = std::to_string(own.channel);
    f.params["count"] = std::to_string(radios.size());
    f.params["neighbours"] = names.empty() ? "-" : util::Join(names, ", ");
    f.params["suggested"] = std::to_string(choice.channel);
    f.params["threshold"] = wifi::DbmText(min_dbm);
    f.params["utilization"] = utilisation ? wifi::DbmText(*utilisation) : "-";
    f.params["max_utilization"] = wifi::DbmText(max_utilisation);
    f.params["neighbour"] = strong ? wifi::NetworkName(strong->neighbour) : "-";
    f.params["neighbour_dbm"] = strong ? wifi::DbmText(*strong->neighbour.signal_dbm) : "-";
    f.params["own_dbm"] = strong ? wifi::DbmText(strong->own_dbm) : "-";
    f.params["separation"] = wifi::DbmText(separation_db);

    f.evidence.push_back({probe, own.bssid + " channel", wifi::ChannelText(own)});
    for (const auto& r : radios)
      for (const auto* n : r.bsss)
        f.evidence.push_back(
            {probe, n->bssid + " " + model::DisplaySsid(n->ssid),
             wifi::ChannelText(*n) + ", " + wifi::DbmText(*n->signal_dbm) + " dBm"});
    if (utilisation)
      f.evidence.push_back({probe, own.bssid + " BSS load",
                            "channel utilization " + wifi::DbmText(*utilisation) + " %"});
    if (strong)
      f.evidence.push_back({probe, wifi::RoomLabel(*strong->room) + " " + strong->neighbour.bssid,
                            wifi::DbmText(*strong->neighbour.signal_dbm) + " dBm vs own " +
                                wifi::DbmText(strong->own_dbm) + " dBm, separation " +
                                wifi::DbmText(strong->own_dbm - *strong->neighbour.signal_dbm) +
                                " dB"});
    f.evidence.push_back(
        {probe, wifi::BandLabel(own.band) + " neighbours >= " + wifi::DbmText(min_dbm) + " dBm",
         wifi::ChannelSummary(neighbours, own.band)});
  }
}

}  // namespace netfix::checks
