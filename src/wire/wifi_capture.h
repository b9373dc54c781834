// The Wi-Fi networks in a monitor-mode capture file: every beacon and probe
// response (radiotap, PRISM/AVS or raw 802.11 link types; pcap or pcapng)
// becomes one WifiBss per BSSID and SSID, with the signal and frequency the
// capturing radio saw. Everything else is counted and left alone.
#pragma once

#include <cstddef>
#include <string>

#include "model/wifi.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

struct WifiCaptureCounts {
  std::size_t frames = 0;           ///< all frames in the file
  std::size_t beacons = 0;          ///< beacons read
  std::size_t probe_responses = 0;  ///< probe responses read
  std::size_t other = 0;            ///< other 802.11 frames (counted, not read)
  std::size_t unreadable = 0;       ///< broken radio or 802.11 headers, bad FCS
  std::size_t foreign = 0;          ///< frames of a link type without 802.11 frames
};

struct WifiCapture {
  /// source "pcap", format "pcap", method "import"; taken_at is the time of
  /// the newest frame. The notes say how many frames of which kind were seen
  /// and what could not be read (each distinct note once, with its count).
  model::WifiScan scan;
  std::string link_type;  ///< LinkTypeName() of the file's first interface
  WifiCaptureCounts counts;
  /// Why the file was rejected as a whole ("" when it was read, even if it
  /// held no beacons): not a capture file, or no 802.11 link type.
  std::string error;
};

/// Reads the networks out of a capture file held in memory. Bounded: the
/// work is linear in the file size, and the numbers of networks and notes
/// are capped.
WifiCapture ParseWifiCapture(Bytes file);

}  // namespace netfix::wire
