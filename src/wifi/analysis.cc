#include "wifi/analysis.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace netfix::wifi {

using model::ByteString;
using model::WifiBss;
using model::WifiScan;

const char* ToString(ApRole role) {
  switch (role) {
    case ApRole::kRouter: return "router";
    case ApRole::kRepeater: return "repeater";
    case ApRole::kUnknown: break;
  }
  return "unknown";
}

namespace {

std::optional<std::array<int, 6>> ParseMac(const std::string& text) {
  std::array<int, 6> out{};
  if (text.size() != 17) return std::nullopt;
  for (int i = 0; i < 6; ++i) {
    char* end = nullptr;
    std::string part = text.substr(i * 3, 2);
    long v = std::strtol(part.c_str(), &end, 16);
    if (end != part.c_str() + 2) return std::nullopt;
    out[i] = static_cast<int>(v);
  }
  return out;
}

/// Key of a BSS within a room: the BSSID, or SSID and channel when the
/// source hides BSSIDs (macOS Monterey's airport).
std::string KeyOf(const WifiBss& b) {
  if (!b.bssid.empty()) return b.bssid;
  return "ssid:" + b.ssid.bytes + "/" + std::to_string(b.channel) + "/" + b.band;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double SignalOr(const WifiBss& b, double fallback) {
  return b.signal_dbm.value_or(fallback);
}

/// One room's samples merged into sightings, strongest first.
std::vector<Sighting> MergeSamples(const std::vector<WifiScan>& samples) {
  std::map<std::string, std::pair<Sighting, std::vector<double>>> by_key;
  std::vector<std::string> order;
  for (const auto& scan : samples) {
    std::set<std::string> in_this_sample;
    for (const auto& b : scan.networks) {
      std::string key = KeyOf(b);
      auto [it, inserted] = by_key.try_emplace(key);
      if (inserted) {
        it->second.first.bss = b;
        order.push_back(key);
      }
      auto& [sighting, signals] = it->second;
      if (b.associated) sighting.bss.associated = true;
      if (b.signal_dbm) signals.push_back(*b.signal_dbm);
      if (in_this_sample.insert(key).second) ++sighting.samples_seen;
    }
  }
  std::vector<Sighting> out;
  for (const auto& key : order) {
    auto& [sighting, signals] = by_key[key];
    if (!signals.empty()) sighting.bss.signal_dbm = Median(signals);
    out.push_back(std::move(sighting));
  }
  std::stable_sort(out.begin(), out.end(), [](const Sighting& a, const Sighting& b) {
    return SignalOr(a.bss, -200) > SignalOr(b.bss, -200);
  });
  return out;
}

bool Contains(const std::vector<ByteString>& list, const ByteString& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void AddUnique(std::vector<ByteString>* list, const ByteString& item) {
  if (!item.empty() && !Contains(*list, item)) list->push_back(item);
}

/// Every scan in the snapshot: the survey's samples and this computer's own.
std::vector<const WifiScan*> AllScans(const model::Snapshot& s) {
  std::vector<const WifiScan*> out;
  if (s.survey)
    for (const auto& room : s.survey->rooms)
      for (const auto& sample : room.samples) out.push_back(&sample);
  if (s.measurements.wifi) out.push_back(&*s.measurements.wifi);
  return out;
}

const inventory::Device* HomeApDevice(const inventory::Inventory& inv, const std::string& bssid) {
  for (const auto& d : inv.devices) {
    bool ap = d.is_gateway || d.role.role == inventory::Role::kRouter ||
              d.role.role == inventory::Role::kRepeater;
    if (ap && !d.mac.empty() && NeighbouringMacs(d.mac, bssid)) return &d;
  }
  return nullptr;
}

class Analyser {
 public:
  Analyser(const model::Snapshot& s, const inventory::Inventory& inv) : s_(s), inv_(inv) {}

  Analysis Run() {
    BuildRooms();
    if (a_.rooms.empty()) return std::move(a_);
    CollectNetworks();
    RecogniseOwnSsids();
    GroupAccessPoints();
    AssignRoles();
    FindBestOwn();
    return std::move(a_);
  }

 private:
  void BuildRooms() {
    if (s_.survey && !s_.survey->rooms.empty()) {
      a_.from_survey = true;
      for (const auto& r : s_.survey->rooms) {
        Room room{r.name, r.near, static_cast<int>(r.samples.size()), MergeSamples(r.samples), {}};
        a_.rooms.push_back(std::move(room));
      }
    } else if (s_.measurements.wifi && !s_.measurements.wifi->networks.empty()) {
      a_.rooms.push_back(Room{"", "", 1, MergeSamples({*s_.measurements.wifi}), {}});
    }
  }

  void CollectNetworks() {
    std::map<std::string, size_t> index;
    for (const auto* scan : AllScans(s_))
      for (const auto& b : scan->networks) {
        auto [it, inserted] = index.try_emplace(KeyOf(b), a_.networks.size());
        if (inserted)
          a_.networks.push_back(b);
        else if (SignalOr(b, -200) > SignalOr(a_.networks[it->second], -200))
          a_.networks[it->second] = b;
      }
  }

  void RecogniseOwnSsids() {
    if (s_.survey && !s_.survey->own_ssids.empty()) {
      a_.own_ssids = s_.survey->own_ssids;
      a_.own_how = "named";
      return;
    }
    for (const auto& b : a_.networks)
      if (!b.hidden && HomeApDevice(inv_, b.bssid) != nullptr) AddUnique(&a_.own_ssids, b.ssid);
    if (!a_.own_ssids.empty()) {
      a_.own_how = "device";
      return;
    }
    for (const auto* scan : AllScans(s_)) {
      if (scan->link) AddUnique(&a_.own_ssids, scan->link->ssid);
      for (const auto& b : scan->networks)
        if (b.associated && !b.hidden) AddUnique(&a_.own_ssids, b.ssid);
    }
    if (!a_.own_ssids.empty()) {
      a_.own_how = "connected";
      return;
    }
    const WifiBss* strongest = nullptr;
    for (const auto& b : a_.networks)
      if (!b.hidden && !b.ssid.empty() &&
          (strongest == nullptr || SignalOr(b, -200) > SignalOr(*strongest, -200)))
        strongest = &b;
    if (strongest != nullptr) {
      a_.own_ssids.push_back(strongest->ssid);
      a_.own_how = "strongest";
    }
  }

  /// BSSIDs of the home network: those with its SSIDs, those of known
  /// router/repeater devices, and the strongest one where a room was surveyed
  /// next to the router or a repeater.
  std::vector<const WifiBss*> OwnBssids() {
    std::vector<const WifiBss*> out;
    for (const auto& b : a_.networks) {
      if (b.bssid.empty()) continue;
      if (Contains(a_.own_ssids, b.ssid) || HomeApDevice(inv_, b.bssid) != nullptr)
        out.push_back(&b);
    }
    for (const auto& room : a_.rooms) {
      if (room.near.empty() || room.seen.empty()) continue;
      const WifiBss& top = room.seen.front().bss;
      for (const auto& b : a_.networks)
        if (b.bssid == top.bssid && std::find(out.begin(), out.end(), &b) == out.end())
          out.push_back(&b);
    }
    return out;
  }

  void GroupAccessPoints() {
    for (const WifiBss* b : OwnBssids()) {
      AccessPoint* home = nullptr;
      for (auto& ap : a_.access_points)
        for (const auto& other : ap.bssids)
          if (NeighbouringMacs(other, b->bssid)) home = &ap;
      if (home == nullptr) home = &a_.access_points.emplace_back();
      home->bssids.push_back(b->bssid);
      AddUnique(&home->ssids, b->ssid);
    }
    for (auto& ap : a_.access_points) {
      std::sort(ap.bssids.begin(), ap.bssids.end());
      ap.id = ap.bssids.front();
    }
    std::sort(a_.access_points.begin(), a_.access_points.end(),
              [](const AccessPoint& x, const AccessPoint& y) { return x.id < y.id; });
  }

  void AssignRoles() {
    for (auto& ap : a_.access_points) {
      for (const auto& bssid : ap.bssids) {
        const inventory::Device* d = HomeApDevice(inv_, bssid);
        if (d == nullptr) continue;
        bool router = d->is_gateway || d->role.role == inventory::Role::kRouter;
        ap.role = router ? ApRole::kRouter : ApRole::kRepeater;
        ap.device_key = d->key;
        ap.name = d->DisplayName();
        ap.how = "BSSID " + bssid + " next to " + d->mac + " (" + ToString(d->role.role) + ")";
        break;
      }
    }
    for (const auto& room : a_.rooms) {
      if (room.near.empty() || room.seen.empty()) continue;
      AccessPoint* ap = Mutable(room.seen.front().bss.bssid);
      if (ap == nullptr || ap->role != ApRole::kUnknown) continue;
      ap->role = room.near == "router" ? ApRole::kRouter : ApRole::kRepeater;
      ap->how = "strongest in room '" + room.name + "', surveyed next to the " + room.near;
    }
    if (a_.access_points.size() == 1 && a_.access_points[0].role == ApRole::kUnknown) {
      a_.access_points[0].role = ApRole::kRouter;
      a_.access_points[0].how = "the only access point of the home network";
    }
  }

  void FindBestOwn() {
    for (auto& room : a_.rooms)
      for (size_t i = 0; i < room.seen.size(); ++i) {
        const WifiBss& b = room.seen[i].bss;
        if (!b.signal_dbm || b.band.empty() || !a_.IsOwn(b)) continue;
        room.best_own.try_emplace(b.band, i);  // `seen` is strongest first
      }
  }

  AccessPoint* Mutable(const std::string& bssid) {
    for (auto& ap : a_.access_points)
      if (std::find(ap.bssids.begin(), ap.bssids.end(), bssid) != ap.bssids.end()) return &ap;
    return nullptr;
  }

  const model::Snapshot& s_;
  const inventory::Inventory& inv_;
  Analysis a_;
};

}  // namespace

std::optional<double> Room::BestOwnDbm() const {
  std::optional<double> best;
  for (const auto& [band, i] : best_own)
    if (!best || *seen[i].bss.signal_dbm > *best) best = seen[i].bss.signal_dbm;
  return best;
}

const Sighting* Room::BestOwn(const std::string& band) const {
  auto it = best_own.find(band);
  return it == best_own.end() ? nullptr : &seen[it->second];
}

bool Analysis::IsOwn(const WifiBss& bss) const {
  if (!bss.bssid.empty() && AccessPointOf(bss.bssid) != nullptr) return true;
  return bss.bssid.empty() && Contains(own_ssids, bss.ssid);
}

const AccessPoint* Analysis::AccessPointOf(const std::string& bssid) const {
  for (const auto& ap : access_points)
    if (std::find(ap.bssids.begin(), ap.bssids.end(), bssid) != ap.bssids.end()) return &ap;
  return nullptr;
}

const AccessPoint* Analysis::Router() const {
  for (const auto& ap : access_points)
    if (ap.role == ApRole::kRouter) return &ap;
  return nullptr;
}

Analysis Analyse(const model::Snapshot& snapshot, const inventory::Inventory& inventory) {
  return Analyser(snapshot, inventory).Run();
}

bool NeighbouringMacs(const std::string& a, const std::string& b) {
  auto x = ParseMac(a), y = ParseMac(b);
  if (!x || !y) return false;
  bool virtual_mac = ((*x)[0] & 0x02) != 0 || ((*y)[0] & 0x02) != 0;
  if (!virtual_mac && (*x)[0] != (*y)[0]) return false;
  long long tx = 0, ty = 0;
  for (int i = 1; i < 6; ++i) {
    tx = tx << 8 | (*x)[i];
    ty = ty << 8 | (*y)[i];
  }
  return std::llabs(tx - ty) <= 16;
}

bool IsDfsChannel(int channel) {
  return channel >= 52 && channel <= 144;
}

bool Overlapping24(int a, int b) {
  int d = std::abs(a - b);
  return d >= 1 && d <= 3;
}

bool OnChannelGrid24(int channel) {
  for (int c : {1, 5, 6, 9, 11, 13})
    if (c == channel) return true;
  return false;
}

namespace {

std::string BandOfBss(const WifiBss& bss) {
  return bss.band.empty() ? model::BandOf(bss.frequency_mhz) : bss.band;
}

int ChannelOfBss(const WifiBss& bss) {
  return bss.channel != 0 ? bss.channel : model::ChannelOf(bss.frequency_mhz);
}

/// The 2.4 GHz plans first (1/6/11, then 1/5/9/13), then the EU's 5 GHz
/// channels (36-64 without DFS first, 100-140) and the EU's 6 GHz channels
/// (1-93), as first channels of blocks of `width`.
std::vector<int> CandidateChannels(const std::string& band, int width) {
  if (band == "2.4") return {1, 6, 11, 5, 9, 13};
  std::vector<int> out;
  int step = std::max(20, width) / 5;  // channel numbers per block
  auto add = [&](int first, int last) {
    for (int c = first; c + step - 4 <= last; c += step) out.push_back(c);
  };
  if (band == "5") {
    add(36, 64);
    add(100, 140);
  } else if (band == "6") {
    add(1, 93);
  }
  return out;
}

}  // namespace

MhzRange Occupied(const WifiBss& bss) {
  std::string band = BandOfBss(bss);
  int channel = ChannelOfBss(bss);
  int centre = model::FrequencyOf(channel, band);
  if (centre == 0) return {};
  if (band == "60") return {centre - 1080, centre + 1080};
  int width = bss.width_mhz > 20 ? bss.width_mhz : 20;
  int base = band == "6" ? 1 : channel >= 149 ? 149 : 36;
  if (band == "2.4" || width == 20 || channel < base || (band == "6" && channel == 2))
    return {centre - 10, centre + 10};
  int step = width / 5;
  int first = base + (channel - base) / step * step;
  int low = model::FrequencyOf(first, band) - 10;
  return {low, low + width};
}

bool UsesDfs(const WifiBss& bss) {
  // Channels 52 (5250-5270 MHz) to 144 (5710-5730 MHz).
  return BandOfBss(bss) == "5" && Occupied(bss).Overlaps({5250, 5730});
}

std::string ChannelText(const WifiBss& bss) {
  int channel = ChannelOfBss(bss);
  if (channel == 0) return "ch ?";
  int mhz =
      bss.frequency_mhz != 0 ? bss.frequency_mhz : model::FrequencyOf(channel, BandOfBss(bss));
  std::string out = "ch " + std::to_string(channel);
  if (mhz != 0) out += " (" + std::to_string(mhz) + " MHz)";
  if (bss.width_mhz != 0) out += ", " + std::to_string(bss.width_mhz) + " MHz";
  return out;
}

std::vector<WifiBss> Neighbours(const Analysis& analysis) {
  std::map<std::string, size_t> index;
  std::vector<WifiBss> out;
  for (const auto& room : analysis.rooms)
    for (const auto& seen : room.seen) {
      if (analysis.IsOwn(seen.bss)) continue;
      auto [it, inserted] = index.try_emplace(KeyOf(seen.bss), out.size());
      if (inserted)
        out.push_back(seen.bss);
      else if (SignalOr(seen.bss, -200) > SignalOr(out[it->second], -200))
        out[it->second] = seen.bss;
    }
  std::stable_sort(out.begin(), out.end(), [](const WifiBss& a, const WifiBss& b) {
    return SignalOr(a, -200) > SignalOr(b, -200);
  });
  return out;
}

double ChannelLoad(const WifiBss& bss, const std::vector<WifiBss>& neighbours) {
  MhzRange own = Occupied(bss);
  double load = 0;
  for (const auto& n : neighbours) {
    if (!n.signal_dbm || (!n.bssid.empty() && n.bssid == bss.bssid)) continue;
    MhzRange theirs = Occupied(n);
    if (theirs.high != 0 && own.Overlaps(theirs)) load += std::max(0.0, *n.signal_dbm + 100);
  }
  return load;
}

ChannelChoice QuietestChannel(const WifiBss& bss, const std::vector<WifiBss>& neighbours) {
  std::string band = BandOfBss(bss);
  MhzRange now = Occupied(bss);
  ChannelChoice best;
  for (int channel : CandidateChannels(band, bss.width_mhz)) {
    WifiBss there = bss;
    there.band = band;
    there.channel = channel;
    there.frequency_mhz = model::FrequencyOf(channel, band);
    MhzRange range = Occupied(there);
    if (range.low == now.low && range.high == now.high) continue;
    double load = ChannelLoad(there, neighbours);
    if (best.channel == 0 || load < best.load) best = {channel, load};
  }
  return best;
}

std::string ChannelSummary(const std::vector<WifiBss>& neighbours, const std::string& band) {
  struct PerChannel {
    int channel = 0;
    int count = 0;
    double strongest = -200;
  };
  std::vector<PerChannel> channels;
  for (const auto& n : neighbours) {
    if (BandOfBss(n) != band || ChannelOfBss(n) == 0) continue;
    auto it = std::find_if(channels.begin(), channels.end(),
                           [&](const PerChannel& c) { return c.channel == ChannelOfBss(n); });
    if (it == channels.end()) it = channels.insert(channels.end(), {ChannelOfBss(n), 0, -200});
    ++it->count;
    it->strongest = std::max(it->strongest, SignalOr(n, -200));
  }
  if (channels.empty()) return "-";
  std::stable_sort(channels.begin(), channels.end(), [](const PerChannel& a, const PerChannel& b) {
    return a.count != b.count ? a.count > b.count : a.channel < b.channel;
  });
  std::string out;
  for (const auto& c : channels) {
    if (!out.empty()) out += ", ";
    out += "ch " + std::to_string(c.channel) + ": " + std::to_string(c.count);
    if (c.strongest > -200) out += " (" + DbmText(c.strongest) + " dBm)";
  }
  return out;
}

std::string DbmText(double dbm) {
  long rounded = std::lround(dbm);
  return std::to_string(rounded == 0 ? 0 : rounded);
}

std::string BandLabel(const std::string& band) {
  return (band.empty() ? "?" : band) + " GHz";
}

std::string NetworkName(const model::WifiBss& bss) {
  std::string ssid = model::DisplaySsid(bss.ssid);
  return ssid.empty() ? bss.bssid : ssid;
}

std::string Describe(const WifiBss& bss) {
  std::string out = bss.signal_dbm ? DbmText(*bss.signal_dbm) + " dBm" : "? dBm";
  std::string where = bss.bssid.empty() ? model::DisplaySsid(bss.ssid) : bss.bssid;
  if (bss.channel != 0) where += (where.empty() ? "ch " : ", ch ") + std::to_string(bss.channel);
  return where.empty() ? out : out + " (" + where + ")";
}

std::string RoomLabel(const Room& room) {
  return room.name.empty() ? "own scan" : "room " + room.name;
}

std::string RoomSubject(const model::Snapshot& snapshot, const Room& room) {
  if (!room.name.empty()) return room.name;
  if (snapshot.measurements.wifi && !snapshot.measurements.wifi->interface.empty())
    return snapshot.measurements.wifi->interface;
  return "wifi";
}

const char* EvidenceProbe(const Analysis& analysis) {
  return analysis.from_survey ? "survey" : "wifi";
}

std::string SecurityLabel(const WifiBss& bss) {
  static const std::map<std::string, std::string> labels = {{"open", "open"},
                                                            {"owe", "OWE"},
                                                            {"wep", "WEP"},
                                                            {"wpa", "WPA"},
                                                            {"wpa-wpa2", "WPA/WPA2"},
                                                            {"wpa2", "WPA2"},
                                                            {"wpa2-wpa3", "WPA2/WPA3"},
                                                            {"wpa3", "WPA3"}};
  auto it = labels.find(bss.security);
  std::string out = it == labels.end() ? "?" : it->second;
  if (bss.enterprise && bss.security != "open" && bss.security != "owe") out += "-Enterprise";
  if (bss.tkip.value_or(false)) out += " TKIP";
  return out;
}

}  // namespace netfix::wifi
