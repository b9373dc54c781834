// macOS `airport -s`: a header "SSID BSSID RSSI CHANNEL HT CC SECURITY
// (auth/unicast/group)", then one line per BSS with the SSID right-aligned
// to the end of the header's "SSID". Monterey and later print an empty
// BSSID column. The SSID's right edge comes from the header; when a long
// SSID shifts a line, the fields after it are found by their shape instead.
#include <algorithm>
#include <string>
#include <vector>

#include "wire/wifi_import_text.h"

namespace netfix::wire::wifi_text {
namespace {

struct Token {
  std::string_view text;
  size_t at;
};

std::vector<Token> Tokens(std::string_view line) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back({line.substr(start, i - start), start});
  }
  return out;
}

// "36", "3,+1", "9,-1", "149,80"
bool IsChannel(std::string_view s) {
  auto ch = ParseInt(s);
  if (!ch || *ch <= 0 || *ch > 233) return false;
  size_t comma = s.find(',');
  return comma == std::string_view::npos || ParseInt(s.substr(comma + 1)).has_value();
}

bool IsRssi(std::string_view s) {
  auto v = ParseInt(s);
  return v && *v <= 0 && *v >= -120 && std::to_string(*v) == s;
}

// Index of the RSSI token: RSSI, CHANNEL, HT (Y/N) and CC follow in order.
std::optional<size_t> FindRssi(const std::vector<Token>& t, size_t from) {
  for (size_t i = from; i + 3 < t.size(); ++i)
    if (IsRssi(t[i].text) && IsChannel(t[i + 1].text) &&
        (t[i + 2].text == "Y" || t[i + 2].text == "N") && t[i + 3].text.size() == 2)
      return i;
  return std::nullopt;
}

// "WPA(PSK/AES,TKIP/TKIP) WPA2(802.1x/AES/AES)", "NONE", "WEP",
// "WPA3(SAE/AES/AES)", "RSN(PSK,SAE/AES/AES)".
SecurityFacts SecurityOf(std::string_view s) {
  SecurityFacts f;
  f.open = Contains(s, "NONE");
  f.wep = Contains(s, "WEP");
  f.wpa1 = Contains(s, "WPA(");
  f.wpa3 = Contains(s, "WPA3") || Contains(s, "SAE");
  f.wpa2 = Contains(s, "WPA2(") && (Contains(s, "PSK") || Contains(s, "802.1x"));
  f.eap = Contains(s, "802.1x");
  f.owe = Contains(s, "OWE");
  if (f.wpa1 || f.wpa2 || f.wpa3) f.tkip = Contains(s, "TKIP");
  if (f.open || f.wep) f.tkip = false;
  return f;
}

void ApplyChannel(std::string_view s, model::WifiBss* bss) {
  bss->channel = ParseInt(s).value_or(0);
  size_t comma = s.find(',');
  // No suffix: a 20 MHz channel (airport marks every wider one).
  int suffix = comma == std::string_view::npos ? 0 : ParseInt(s.substr(comma + 1)).value_or(0);
  bss->width_mhz = suffix == 0 ? 20 : (suffix == 1 || suffix == -1) ? 40 : suffix;
}

bool ParseLine(std::string_view line, size_t ssid_end, model::WifiBss* bss) {
  auto tokens = Tokens(line);
  // The first token that starts after the SSID column, else the first match.
  size_t from = 0;
  while (from < tokens.size() && tokens[from].at <= ssid_end) ++from;
  auto rssi = FindRssi(tokens, from);
  if (!rssi) rssi = FindRssi(tokens, 0);
  if (!rssi) return false;
  std::string_view name = line.substr(0, tokens[*rssi].at);
  std::string mac = *rssi > 0 ? NormalizeMac(tokens[*rssi - 1].text) : "";
  if (!mac.empty()) {
    bss->bssid = mac;
    name = line.substr(0, tokens[*rssi - 1].at);
  } else if (name.size() > ssid_end && Trim(name.substr(ssid_end)).empty()) {
    name = name.substr(0, ssid_end + 1);  // an empty BSSID column
  }
  if (!name.empty() && name.back() == ' ') name.remove_suffix(1);  // the column gap
  bss->ssid.bytes = std::string(TrimLeft(name));
  bss->signal_dbm = ParseInt(tokens[*rssi].text).value_or(0);
  ApplyChannel(tokens[*rssi + 1].text, bss);
  if (tokens[*rssi + 2].text == "Y") AddStandard(bss, "n");
  std::string_view security = Trim(line.substr(tokens[*rssi + 3].at + 2));
  ApplySecurity(SecurityOf(security), bss);
  return true;
}

}  // namespace

void ParseAirport(std::string_view text, WifiImportResult* result) {
  model::WifiScan& scan = result->scan;
  std::optional<size_t> ssid_end;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (Trim(line).empty() || IsCommandEcho(line)) continue;
    if (!ssid_end) {
      size_t at = line.find("SSID BSSID");
      if (at != std::string_view::npos) ssid_end = at + 4;
      continue;
    }
    model::WifiBss bss;
    if (!ParseLine(line, *ssid_end, &bss)) {
      AddNote(&scan, "line " + std::to_string(line_no) + ": unreadable line skipped");
      continue;
    }
    FinishBss(&bss, WifiTextFormat::kAirport);
    scan.networks.push_back(std::move(bss));
  }
  if (!ssid_end) {
    result->error = "no 'SSID BSSID RSSI CHANNEL ...' header found (is this airport -s output?)";
    return;
  }
  if (std::none_of(scan.networks.begin(), scan.networks.end(),
                   [](const model::WifiBss& b) { return !b.bssid.empty(); }) &&
      !scan.networks.empty())
    AddNote(&scan, "the BSSID column is empty (macOS hides it without location permission)");
  result->ok = true;
}

}  // namespace netfix::wire::wifi_text
