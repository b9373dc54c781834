// Wi-Fi analysis: from the scans in a snapshot (the survey's rooms, or this
// computer's own scan) to what the Wi-Fi checks and the report's charts
// judge: which networks are the home's own, which access points carry them
// (router, repeaters), and per room the best signal of the home's network per
// band. Pure: a function of the snapshot and the inventory computed from it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "model/snapshot.h"

namespace netfix::wifi {

/// One BSS as seen in one room, its signal the median over the room's
/// samples (single scans swing by several dB; the median of a few is what a
/// device placed there would mostly get).
struct Sighting {
  model::WifiBss bss;
  int samples_seen = 0;  ///< in how many of the room's samples it appeared
};

enum class ApRole { kRouter, kRepeater, kUnknown };
const char* ToString(ApRole role);  ///< "router", "repeater", "unknown"

/// One physical access point of the home's own network and its BSSIDs
/// (radios and virtual networks of one device have neighbouring MACs).
struct AccessPoint {
  std::string id;  ///< its lowest BSSID
  std::vector<std::string> bssids;
  std::vector<model::ByteString> ssids;
  ApRole role = ApRole::kUnknown;
  std::string device_key;  ///< the inventory device it belongs to ("" = not matched)
  std::string name;        ///< the device's display name, else ""
  std::string how;         ///< why it has its role, for the evidence
};

struct Room {
  std::string name;  ///< "" = where this computer is (its own scan, no survey)
  std::string near;  ///< "router" | "repeater" | ""
  int samples = 0;
  std::vector<Sighting> seen;  ///< strongest first
  /// Index into `seen` of the home network's strongest BSS per band ("2.4", "5", "6").
  std::map<std::string, std::size_t> best_own;

  /// The home network's strongest signal in this room over all bands.
  std::optional<double> BestOwnDbm() const;
  const Sighting* BestOwn(const std::string& band) const;
};

struct Analysis {
  std::vector<model::ByteString> own_ssids;
  /// How the own SSIDs were recognised: "named" (--ssid), "device" (BSSIDs
  /// of the router or a repeater from the inventory), "connected" (the
  /// network the scanning computer is connected to), "strongest" (no other
  /// clue: the strongest network), or "" when there is no Wi-Fi data.
  std::string own_how;
  std::vector<AccessPoint> access_points;
  std::vector<Room> rooms;
  /// Every BSS seen anywhere, once per BSSID, at its strongest.
  std::vector<model::WifiBss> networks;
  /// Whether the data comes from a survey (rooms) or one scan of this computer.
  bool from_survey = false;

  bool has_data() const { return !rooms.empty(); }
  bool IsOwn(const model::WifiBss& bss) const;
  const AccessPoint* AccessPointOf(const std::string& bssid) const;
  /// The home's router among the access points, or nullptr.
  const AccessPoint* Router() const;
};

Analysis Analyse(const model::Snapshot& snapshot, const inventory::Inventory& inventory);

/// Why every Wi-Fi check skips a snapshot without any Wi-Fi scan. One text
/// for all of them, so that the report can say it once (and in its language).
inline constexpr const char* kNoWifiData =
    "there is no Wi-Fi scan: run `netfix survey` room by room, or `netfix check` on a computer "
    "with Wi-Fi";

/// Whether two MAC addresses look like the same device: the same octets 2-6
/// within 16 of each other, and the same first octet unless one of them is
/// locally administered (virtual BSSIDs set that bit and vary the first octet).
bool NeighbouringMacs(const std::string& a, const std::string& b);

/// 5 GHz channels that need radar detection (DFS) in the EU: 52-144.
bool IsDfsChannel(int channel);
/// Whether two 20 MHz 2.4 GHz channels overlap: 1 to 3 apart. Channels 4
/// apart do not (OFDM; that is why 1/5/9/13 works in Europe).
bool Overlapping24(int a, int b);
/// Whether a 2.4 GHz channel belongs to a plan of non-overlapping channels:
/// 1/6/11, or 1/5/9/13 (Europe, OFDM only).
bool OnChannelGrid24(int channel);

/// The spectrum a BSS occupies, [low, high) in MHz; {0, 0} when its channel
/// is unknown. At 5 and 6 GHz the primary channel widened to the channel
/// block of its width (80 MHz on 44: 5170-5250); at 2.4 GHz the primary 20
/// MHz (scans do not say on which side a 40 MHz channel's second half lies).
/// Unknown widths count as 20 MHz.
struct MhzRange {
  int low = 0;
  int high = 0;
  bool Overlaps(const MhzRange& other) const { return low < other.high && other.low < high; }
};
MhzRange Occupied(const model::WifiBss& bss);
/// Whether a 5 GHz BSS uses a DFS channel anywhere in its width (160 MHz on
/// channel 36 reaches up to 64).
bool UsesDfs(const model::WifiBss& bss);
/// A BSS's channel for the evidence: "ch 3 (2422 MHz), 20 MHz".
std::string ChannelText(const model::WifiBss& bss);

/// The networks that are not the home's own, once per BSSID, each at its
/// strongest room median, strongest first: a room's median is robust against
/// one scan's spike, and the strongest room is where the network disturbs
/// the home's most.
std::vector<model::WifiBss> Neighbours(const Analysis& analysis);
/// How much `neighbours` disturb a BSS on the channel and width of `bss`: the
/// sum of (signal + 100) over those in the same band whose spectrum overlaps,
/// so that fewer and weaker neighbours make a smaller number.
double ChannelLoad(const model::WifiBss& bss, const std::vector<model::WifiBss>& neighbours);
/// The channel of the band of `bss` that, at the same width, has the
/// smallest ChannelLoad, other than the channel `bss` is on (channel 0 when
/// the band has no candidates). Candidates: 2.4 GHz 1, 6, 11, 5, 9, 13; 5 GHz
/// the EU channels 36-64 and 100-140 aligned to the width (non-DFS first);
/// 6 GHz 1-93. Ties go to the earlier candidate.
struct ChannelChoice {
  int channel = 0;
  double load = 0;
};
ChannelChoice QuietestChannel(const model::WifiBss& bss,
                              const std::vector<model::WifiBss>& neighbours);
/// Neighbours of `band` per channel for the evidence, busiest channel
/// first: "ch 1: 2 (-62 dBm), ch 6: 1 (-75 dBm)" (count, strongest); "-" for none.
std::string ChannelSummary(const std::vector<model::WifiBss>& neighbours, const std::string& band);

// Formatting for findings: texts get plain numbers, evidence gets technical
// notation that reads the same in every language.

/// A signal rounded to whole dBm, with its sign: "-78".
std::string DbmText(double dbm);
/// A band for the evidence: "2.4 GHz", "5 GHz" ("?" when unknown).
std::string BandLabel(const std::string& band);
/// A network's name for people: its SSID, or its BSSID when hidden.
std::string NetworkName(const model::WifiBss& bss);
/// One BSS for the evidence: "-78 dBm (3c:a6:2f:10:00:04, ch 36)".
std::string Describe(const model::WifiBss& bss);
/// A room for the evidence: "room Küche", or "own scan" for this computer's scan.
std::string RoomLabel(const Room& room);
/// A room as a finding's subject: its name, or for this computer's own scan
/// the interface that scanned ("wlan0"; "wifi" when unknown).
std::string RoomSubject(const model::Snapshot& snapshot, const Room& room);
/// The probe id for evidence from the analysis: "survey" or "wifi".
const char* EvidenceProbe(const Analysis& analysis);
/// A security mode for the evidence and texts: "WPA2/WPA3", "open", "WEP".
std::string SecurityLabel(const model::WifiBss& bss);

}  // namespace netfix::wifi
