// Small helpers shared by the Wi-Fi import parsers (wifi_import_*.cc): lines,
// labels, numbers, MAC addresses, security facts, and the finishing touches
// every imported BSS gets. Internal to src/wire.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/wifi.h"
#include "wire/wifi_import.h"

namespace netfix::wire::wifi_text {

/// Lines without their "\r\n" / "\n".
std::vector<std::string_view> SplitLines(std::string_view text);
std::string_view Trim(std::string_view s);
std::string_view TrimLeft(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool Contains(std::string_view s, std::string_view part);
/// ASCII letters (lower-cased) and digits only: "Verschlüsselung" folds to
/// "verschlsselung" in UTF-8, cp850 and cp1252 alike.
std::string FoldLabel(std::string_view label);
/// "key : value" split at the first separator; both parts trimmed.
bool SplitKeyValue(std::string_view line, std::string_view* key, std::string_view* value,
                   char separator = ':');
/// A shell prompt line that some tools' logs start with ("$ nmcli ...").
bool IsCommandEcho(std::string_view line);

std::optional<int> ParseInt(std::string_view s);        ///< leading integer, e.g. "86%" -> 86
std::optional<double> ParseNumber(std::string_view s);  ///< leading decimal, e.g. "-54.00 dBm"

/// Signal quality in percent (nmcli, netsh) to dBm. NetworkManager computes
/// percent = clamp(2 * (dBm + 100), 0, 100) and Windows maps quality
/// linearly over the same -100..-50 dBm range, so dBm = percent / 2 - 100.
double PercentToDbm(int percent);

/// "AA:BB:cc:1:2:3" (1-2 characters per group; 'x' masking kept) to
/// "aa:bb:cc:01:02:03"; "" when it is not shaped like a MAC address.
std::string NormalizeMac(std::string_view s);

/// What a source says about a network's protection; ApplySecurity turns it
/// into WifiBss::security, enterprise and tkip.
struct SecurityFacts {
  bool open = false;  ///< the source says there is no protection
  bool wep = false;
  bool wpa1 = false;
  bool wpa2 = false;  ///< RSN with a WPA2 AKM (PSK, 802.1X, FT-PSK ...)
  bool wpa3 = false;  ///< SAE, Suite-B or a source saying "WPA3"
  bool owe = false;
  bool eap = false;
  std::optional<bool> tkip;
};
void ApplySecurity(const SecurityFacts& facts, model::WifiBss* bss);

/// Adds a standard once; keeps WifiBss::standards in "n, ac, ax, be" order.
void AddStandard(model::WifiBss* bss, const std::string& standard);

/// Fills what follows from what the source said: channel <-> frequency,
/// band, hidden, the standards a newer one implies, source.
void FinishBss(model::WifiBss* bss, WifiTextFormat format);

/// Notes are capped so that a huge broken file cannot produce a huge report.
void AddNote(model::WifiScan* scan, std::string note);

/// UTF-16 text (PowerShell's `>` writes UTF-16LE with a BOM) to UTF-8; a
/// UTF-8 BOM is dropped. Other bytes pass through unchanged.
std::string NormalizeEncoding(std::string_view text);

// The parsers, one per format (wifi_import_<format>.cc). They fill
// result->scan and set ok / error.
void ParseIw(std::string_view text, WifiImportResult* result);
void ParseNmcli(std::string_view text, WifiImportResult* result);
void ParseNetsh(std::string_view text, WifiImportResult* result);
void ParseAirport(std::string_view text, WifiImportResult* result);
void ParseSystemProfiler(std::string_view text, WifiImportResult* result);

/// Format sniffers used by DetectWifiTextFormat.
bool LooksLikeNmcli(std::string_view text);

}  // namespace netfix::wire::wifi_text
