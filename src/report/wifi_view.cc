#include "report/wifi_view.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "report/strings.h"
#include "util/strings.h"
#include "wifi/analysis.h"

namespace netfix::report {

using model::Lang;

namespace {

const char* OwnHowKey(const std::string& how, Lang lang) {
  if (how == "named") return Text(Str::kWifiOwnNamed, lang);
  if (how == "device") return Text(Str::kWifiOwnDevice, lang);
  if (how == "connected") return Text(Str::kWifiOwnConnected, lang);
  return Text(Str::kWifiOwnStrongest, lang);
}

std::string ApRoleText(const wifi::AccessPoint& ap, Lang lang) {
  switch (ap.role) {
    case wifi::ApRole::kRouter: return Text(Str::kRoleRouter, lang);
    case wifi::ApRole::kRepeater: return Text(Str::kRoleRepeater, lang);
    case wifi::ApRole::kUnknown: break;
  }
  return Text(Str::kWifiApUnknown, lang);
}

std::string LevelText(SignalLevel level, Lang lang) {
  switch (level) {
    case SignalLevel::kVideo: return Text(Str::kLevelVideo, lang);
    case SignalLevel::kBrowsing: return Text(Str::kLevelBrowsing, lang);
    case SignalLevel::kWeak: return Text(Str::kLevelWeak, lang);
    case SignalLevel::kUnusable: return Text(Str::kLevelUnusable, lang);
    case SignalLevel::kNone: break;
  }
  return Text(Str::kLevelNone, lang);
}

void TakeThresholds(const check::Catalog& catalog, WifiSectionView* view) {
  const check::CheckInfo* info = catalog.Find("wifi-weak-signal");
  if (info == nullptr) return;
  auto param = [&](const char* name, double* out) {
    auto it = info->params.find(name);
    if (it != info->params.end()) *out = it->second;
  };
  param("video-dbm", &view->video_dbm);
  param("browsing-dbm", &view->browsing_dbm);
  param("unusable-dbm", &view->unusable_dbm);
}

std::vector<std::string> OwnBands(const wifi::Analysis& a) {
  std::vector<std::string> bands;
  for (const char* band : {"2.4", "5", "6"})
    for (const auto& room : a.rooms)
      if (room.best_own.count(band) != 0) {
        bands.push_back(band);
        break;
      }
  return bands;
}

WifiRoomView BuildRoom(const wifi::Analysis& a, const wifi::Room& room,
                       const std::vector<std::string>& bands, const WifiSectionView& view,
                       Lang lang) {
  WifiRoomView r;
  r.name = room.name.empty() ? Text(Str::kWifiHere, lang) : room.name;
  r.samples = room.samples;
  for (const auto& band : bands) {
    WifiBandCell cell{band, std::nullopt, "", 0, ""};
    if (const wifi::Sighting* s = room.BestOwn(band)) {
      cell.dbm = s->bss.signal_dbm;
      cell.bssid = s->bss.bssid;
      cell.channel = s->bss.channel;
      if (const wifi::AccessPoint* ap = a.AccessPointOf(s->bss.bssid))
        cell.access_point = ap->name.empty() ? ApRoleText(*ap, lang) : ap->name;
    }
    r.bands.push_back(cell);
  }
  r.best_dbm = room.BestOwnDbm();
  r.level = LevelOf(r.best_dbm, view);
  r.verdict = LevelText(r.level, lang);
  return r;
}

// Bands in frequency order. A snapshot is untrusted input: a band this
// version does not know sorts last rather than being parsed as a number.
int BandRank(const std::string& band) {
  static const char* const kBands[] = {"2.4", "5", "6", "60"};
  for (int i = 0; i < 4; ++i)
    if (band == kBands[i]) return i;
  return 4;
}

std::vector<WifiChannelView> BuildChannels(const wifi::Analysis& a) {
  // By (band, band name, channel), so that unknown bands stay apart.
  std::map<std::tuple<int, std::string, int>, WifiChannelView> by_channel;
  for (const auto& b : a.networks) {
    if (b.channel == 0 || b.band.empty()) continue;
    auto& c = by_channel[{BandRank(b.band), b.band, b.channel}];
    c.band = b.band;
    c.channel = b.channel;
    c.networks.push_back(
        {model::DisplaySsid(b.ssid), b.bssid, b.signal_dbm, b.width_mhz, a.IsOwn(b)});
  }
  std::vector<WifiChannelView> out;
  for (auto& [key, c] : by_channel) {
    std::stable_sort(c.networks.begin(), c.networks.end(), [](const auto& x, const auto& y) {
      return x.dbm.value_or(-200) > y.dbm.value_or(-200);
    });
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

SignalLevel LevelOf(std::optional<double> dbm, const WifiSectionView& view) {
  if (!dbm) return SignalLevel::kNone;
  if (*dbm >= view.video_dbm) return SignalLevel::kVideo;
  if (*dbm >= view.browsing_dbm) return SignalLevel::kBrowsing;
  if (*dbm >= view.unusable_dbm) return SignalLevel::kWeak;
  return SignalLevel::kUnusable;
}

std::string BandLabel(const std::string& band, Lang lang) {
  std::string number = band;
  if (lang == Lang::kDe) std::replace(number.begin(), number.end(), '.', ',');
  return number + " GHz";
}

std::string DbmLabel(std::optional<double> dbm) {
  if (!dbm) return "–";
  long rounded = std::lround(*dbm);
  return (rounded < 0 ? "−" + std::to_string(-rounded) : std::to_string(rounded)) + " dBm";
}

WifiTables MakeWifiTables(const WifiSectionView& view, Lang lang) {
  WifiTables t;
  t.room_headers.push_back(Text(Str::kColRoom, lang));
  for (const auto& band : view.bands) t.room_headers.push_back(BandLabel(band, lang));
  t.room_headers.push_back(Text(Str::kColGoodFor, lang));
  for (const auto& room : view.rooms) {
    std::vector<std::string> row{room.name};
    for (const auto& cell : room.bands) row.push_back(DbmLabel(cell.dbm));
    row.push_back(room.verdict);
    t.rooms.push_back(std::move(row));
  }
  t.channel_headers = {"Band", Text(Str::kColChannel, lang), Text(Str::kColNetworks, lang)};
  for (const auto& c : view.channels) {
    std::vector<std::string> names;
    for (const auto& n : c.networks) {
      std::string name = n.ssid.empty() ? "(" + n.bssid + ")" : n.ssid;
      if (n.own) name += " [" + std::string(Text(Str::kWifiYours, lang)) + "]";
      names.push_back(name + " " + DbmLabel(n.dbm));
    }
    t.channels.push_back(
        {BandLabel(c.band, lang), std::to_string(c.channel), util::Join(names, ", ")});
  }
  return t;
}

std::vector<std::string> AccessPointLines(const WifiSectionView& view) {
  std::vector<std::string> lines;
  for (const auto& ap : view.access_points) {
    std::string line = ap.role;
    if (!ap.name.empty()) line += " " + ap.name;
    line += ": " + util::Join(ap.bssids, ", ");
    if (!ap.ssids.empty()) line += " (" + ap.ssids + ")";
    lines.push_back(line);
  }
  return lines;
}

std::optional<WifiSectionView> BuildWifiView(const model::Snapshot& snapshot,
                                             const inventory::Inventory& inventory,
                                             const check::Catalog& catalog, Lang lang) {
  wifi::Analysis a = wifi::Analyse(snapshot, inventory);
  if (!a.has_data()) return std::nullopt;
  WifiSectionView view;
  TakeThresholds(catalog, &view);
  view.from_survey = a.from_survey;
  std::vector<std::string> ssids;
  for (const auto& s : a.own_ssids) ssids.push_back(model::DisplaySsid(s));
  view.own_ssids = util::Join(ssids, ", ");
  if (!a.own_how.empty()) view.own_how = OwnHowKey(a.own_how, lang);
  for (const auto& ap : a.access_points) {
    std::vector<std::string> names;
    for (const auto& s : ap.ssids) names.push_back(model::DisplaySsid(s));
    view.access_points.push_back({wifi::ToString(ap.role), ApRoleText(ap, lang), ap.name, ap.bssids,
                                  util::Join(names, ", ")});
  }
  view.bands = OwnBands(a);
  for (const auto& room : a.rooms) view.rooms.push_back(BuildRoom(a, room, view.bands, view, lang));
  view.channels = BuildChannels(a);
  return view;
}

}  // namespace netfix::report
