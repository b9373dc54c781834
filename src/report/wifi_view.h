// The Wi-Fi part of a report: the home's own network, its access points, a
// row per room (best signal per band and what it is good for) and the
// channel map. Built from wifi::Analyse, with the signal thresholds taken
// from the wifi-weak-signal check's parameters, so that the chart and the
// check can never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/catalog.h"
#include "inventory/inventory.h"
#include "model/lang.h"
#include "model/snapshot.h"

namespace netfix::report {

/// What a signal is good for, best first.
enum class SignalLevel { kVideo, kBrowsing, kWeak, kUnusable, kNone };

struct WifiBandCell {
  std::string band;  ///< "2.4" | "5" | "6"
  std::optional<double> dbm;
  std::string bssid;
  int channel = 0;
  std::string access_point;  ///< "router", "repeater", the device name, or ""
};

struct WifiRoomView {
  std::string name;  ///< in the report's language for the live-scan room
  int samples = 0;
  std::vector<WifiBandCell> bands;  ///< one per band of WifiSectionView::bands
  std::optional<double> best_dbm;
  SignalLevel level = SignalLevel::kNone;
  std::string verdict;  ///< the level in words
};

struct WifiChannelNetwork {
  std::string ssid;  ///< display form (escaped by the renderers)
  std::string bssid;
  std::optional<double> dbm;
  int width_mhz = 0;
  bool own = false;
};

struct WifiChannelView {
  std::string band;
  int channel = 0;
  std::vector<WifiChannelNetwork> networks;  ///< strongest first
};

struct WifiAccessPointView {
  std::string role_id;  ///< "router" | "repeater" | "unknown" (wifi::ToString(ApRole))
  std::string role;     ///< in words
  std::string name;     ///< device name, else ""
  std::vector<std::string> bssids;
  std::string ssids;
};

struct WifiSectionView {
  std::string own_ssids;  ///< "FRITZ!Box 7590 XY"
  std::string own_how;    ///< how netfix knows it, in words
  std::vector<WifiAccessPointView> access_points;
  std::vector<std::string> bands;  ///< the home network's bands, e.g. {"2.4", "5"}
  std::vector<WifiRoomView> rooms;
  std::vector<WifiChannelView> channels;  ///< by band, then channel
  double video_dbm = -67;
  double browsing_dbm = -75;
  double unusable_dbm = -80;
  bool from_survey = false;
};

/// nullopt when the snapshot holds no Wi-Fi scan.
std::optional<WifiSectionView> BuildWifiView(const model::Snapshot& snapshot,
                                             const inventory::Inventory& inventory,
                                             const check::Catalog& catalog, model::Lang lang);

/// The rooms table and the channel table as plain cells (raw strings; the
/// renderers escape and style them), with their headers, so that text,
/// Markdown and HTML show the same.
struct WifiTables {
  std::vector<std::string> room_headers;
  std::vector<std::vector<std::string>> rooms;  ///< room, one cell per band, good for
  std::vector<std::string> channel_headers;
  std::vector<std::vector<std::string>> channels;  ///< band, channel, networks
};
WifiTables MakeWifiTables(const WifiSectionView& view, model::Lang lang);
/// The access points in one line each ("router FRITZ!Box 7590: 3c:…:03, 3c:…:04").
std::vector<std::string> AccessPointLines(const WifiSectionView& view);

SignalLevel LevelOf(std::optional<double> dbm, const WifiSectionView& view);
/// "2.4 GHz" / "2,4 GHz".
std::string BandLabel(const std::string& band, model::Lang lang);
/// "−67 dBm" with a real minus sign; "–" when unknown.
std::string DbmLabel(std::optional<double> dbm);

}  // namespace netfix::report
