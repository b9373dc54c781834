// Imported Wi-Fi scan text: what `iw dev X scan`, `nmcli dev wifi list`,
// Windows `netsh wlan show networks mode=bssid` (English and German),
// macOS `airport -s` and `system_profiler SPAirPortDataType -json` print,
// read into the same model::WifiScan records a live scan produces. Pure code:
// the caller reads the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/wifi.h"

namespace netfix::wire {

enum class WifiTextFormat { kIw, kNmcli, kNetsh, kAirport, kSystemProfiler };

/// "iw", "nmcli", "netsh", "airport", "system_profiler"; nullopt otherwise.
std::optional<WifiTextFormat> WifiTextFormatFromName(std::string_view name);
const char* ToString(WifiTextFormat format);

/// Guesses the format from the content. When the text is none of the five,
/// returns nullopt and says why in *why_not (what it looks like instead, e.g.
/// "looks like iwlist output; netfix reads iw, nmcli, netsh, airport,
/// system_profiler").
std::optional<WifiTextFormat> DetectWifiTextFormat(std::string_view text, std::string* why_not);

struct WifiImportResult {
  bool ok = false;
  std::string error;  ///< why nothing could be read (ok == false)
  /// source and format are the format's name, method "import". Lines or
  /// blocks that could not be read are skipped, each with a note.
  model::WifiScan scan;
};

/// Never throws. Input larger than kMaxWifiImportBytes is refused.
WifiImportResult ParseWifiText(std::string_view text, WifiTextFormat format);

inline constexpr size_t kMaxWifiImportBytes = 32 * 1024 * 1024;

}  // namespace netfix::wire
