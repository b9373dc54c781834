// Wi-Fi observations: the networks (BSSs) a scan saw, the client's own link,
// and the rooms of a survey. Every scan source (nl80211, `iw`, `nmcli`,
// `netsh`, `airport`, `system_profiler`, pcap beacons) produces these same
// records; what a source cannot tell stays unset (std::optional) so that a
// check can tell "no WPS" from "unknown".
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace netfix::model {

/// Bytes that are usually text but need not be (an SSID is 0-32 arbitrary
/// octets). In JSON: a plain string when the bytes are valid UTF-8, otherwise
/// {"hex": "c654...", "text": "<lossy display form>"}.
struct ByteString {
  std::string bytes;

  bool empty() const { return bytes.empty(); }
  friend bool operator==(const ByteString& a, const ByteString& b) { return a.bytes == b.bytes; }
  friend bool operator<(const ByteString& a, const ByteString& b) { return a.bytes < b.bytes; }
};

/// One BSS (one radio of one access point, one SSID) as a scan saw it.
struct WifiBss {
  std::string bssid;      ///< lower-case aa:bb:cc:dd:ee:ff ("" when the source hides it)
  ByteString ssid;        ///< raw SSID octets
  bool hidden = false;    ///< the beacon carries an empty or all-zero SSID
  int frequency_mhz = 0;  ///< primary channel centre; 0 unknown
  int channel = 0;        ///< primary channel number; 0 unknown
  std::string band;       ///< "2.4" | "5" | "6" | "60" | "" (unknown)
  int width_mhz = 0;      ///< 20 | 40 | 80 | 160 | 320; 0 unknown
  std::optional<double> signal_dbm;
  /// "open", "owe", "wep", "wpa", "wpa-wpa2", "wpa2", "wpa2-wpa3", "wpa3",
  /// or "unknown" when the source does not say.
  std::string security = "unknown";
  bool enterprise = false;                        ///< 802.1X authentication (not a pre-shared key)
  std::optional<bool> tkip;                       ///< TKIP offered as a pairwise or group cipher
  std::optional<bool> wps;                        ///< WPS advertised
  std::vector<std::string> standards;             ///< of "n", "ac", "ax", "be" (a/b/g implied)
  std::optional<bool> rrm;                        ///< 802.11k radio resource measurement
  std::optional<bool> btm;                        ///< 802.11v BSS transition management
  std::optional<bool> ft;                         ///< 802.11r fast transition
  std::optional<int> station_count;               ///< BSS Load element
  std::optional<double> channel_utilization_pct;  ///< BSS Load element, 0-100
  /// "nl80211", "iw", "nmcli", "netsh", "airport", "system_profiler", "pcap".
  std::string source;
  std::string seen_at;      ///< RFC 3339 UTC when the source says, else ""
  bool associated = false;  ///< the scanning client is connected to this BSS
};

/// The scanning client's own connection (nl80211 station info, or what an
/// import says about the current network).
struct WifiLink {
  std::string interface;
  std::string bssid;
  ByteString ssid;
  int frequency_mhz = 0;
  std::optional<double> signal_dbm;
  std::optional<double> tx_bitrate_mbps;
  std::optional<double> rx_bitrate_mbps;
};

/// One scan: a live nl80211 scan or one imported file.
struct WifiScan {
  std::string source;     ///< as WifiBss::source
  std::string format;     ///< import format ("iw", "netsh", ...) or "nl80211"
  std::string interface;  ///< "" for imports that do not name one
  std::string taken_at;   ///< RFC 3339 UTC
  /// nl80211: "triggered" (a fresh scan) or "cached" (the kernel's last
  /// results, when triggering was not permitted); imports: "import".
  std::string method;
  std::vector<WifiBss> networks;
  std::optional<WifiLink> link;
  /// What could not be read (a line, a frame, a field), for the reader.
  std::vector<std::string> notes;
};

/// One room of a survey with all its samples.
struct SurveyRoom {
  std::string name;
  /// Where in the room the samples were taken, when the technician said:
  /// "router" (next to the router), "repeater" (next to a repeater), "".
  std::string near;
  std::vector<WifiScan> samples;
};

inline constexpr const char* kSurveySchema = "netfix.survey/1";

/// A room-by-room survey file (`netfix survey`). The same rooms are copied
/// into the snapshot so that checks stay pure functions of the snapshot.
struct Survey {
  std::string schema = kSurveySchema;
  std::string created_at;
  std::string updated_at;
  /// SSIDs the technician named as the home's own (`--ssid`); empty: netfix
  /// recognises them itself.
  std::vector<ByteString> own_ssids;
  std::vector<SurveyRoom> rooms;
  /// SSIDs and BSSIDs are pseudonyms (`netfix redact`; model/redact.h).
  bool redacted = false;

  SurveyRoom* FindRoom(const std::string& name);
};

/// Band of a frequency: "2.4", "5", "6", "60" or "".
std::string BandOf(int frequency_mhz);
/// Channel number of a frequency (0 when unknown), and back.
int ChannelOf(int frequency_mhz);
int FrequencyOf(int channel, const std::string& band);

/// SSID for people: valid UTF-8 as is, other bytes as \xNN; hidden SSIDs as "".
std::string DisplaySsid(const ByteString& ssid);
bool IsValidUtf8(const std::string& bytes);

}  // namespace netfix::model
