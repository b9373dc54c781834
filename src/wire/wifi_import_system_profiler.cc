// macOS `system_profiler SPAirPortDataType -json`:
// SPAirPortDataType[].spairport_airport_interfaces[] each with
// spairport_current_network_information {...} and
// spairport_airport_other_local_wireless_networks [{...}], a network being
// {_name, spairport_network_bssid (older macOS only), spairport_network_channel
// "36 (5GHz, 80MHz)", spairport_network_phymode "802.11ax",
// spairport_security_mode "spairport_security_mode_wpa2_personal",
// spairport_signal_noise "-54 dBm / -93 dBm"}.
#include <nlohmann/json.hpp>
#include <string>

#include "wire/wifi_import_text.h"

namespace netfix::wire::wifi_text {
namespace {

using nlohmann::json;

std::string StringAt(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

SecurityFacts SecurityOf(std::string mode) {
  const std::string prefix = "spairport_security_mode_";
  if (StartsWith(mode, prefix)) mode = mode.substr(prefix.size());
  SecurityFacts f;
  f.open = mode == "none" || mode == "open";
  f.wep = StartsWith(mode, "wep");
  f.owe = StartsWith(mode, "owe");
  f.wpa3 = Contains(mode, "wpa3");
  // "wpa3_transition" is WPA2/WPA3; "wpa2_personal_mixed" is WPA/WPA2.
  f.wpa2 = Contains(mode, "wpa2") || Contains(mode, "transition");
  f.wpa1 = StartsWith(mode, "wpa_") || Contains(mode, "mixed");
  f.eap = Contains(mode, "enterprise");
  return f;
}

// "36 (5GHz, 80MHz)", "11 (2GHz, 20MHz)", "37 (6GHz, 160MHz)", or a number.
void ApplyChannel(const json& value, model::WifiBss* bss) {
  if (value.is_number_integer()) {
    bss->channel = value.get<int>();
    return;
  }
  if (!value.is_string()) return;
  std::string s = value.get<std::string>();
  bss->channel = ParseInt(s).value_or(0);
  if (Contains(s, "2GHz")) bss->band = "2.4";
  if (Contains(s, "5GHz")) bss->band = "5";
  if (Contains(s, "6GHz")) bss->band = "6";
  size_t comma = s.find(", ");
  if (comma != std::string::npos) bss->width_mhz = ParseInt(s.substr(comma + 2)).value_or(0);
}

void ApplyPhyMode(const std::string& phy, model::WifiBss* bss) {
  // "802.11a/b/g/n/ac/ax" or "802.11ax": every listed standard.
  for (const char* std : {"be", "ax", "ac"})
    if (Contains(phy, std)) AddStandard(bss, std);
  if (Contains(phy, "/n") || Contains(phy, "11n")) AddStandard(bss, "n");
}

model::WifiBss NetworkOf(const json& n) {
  model::WifiBss bss;
  bss.ssid.bytes = StringAt(n, "_name");
  bss.bssid = NormalizeMac(StringAt(n, "spairport_network_bssid"));
  if (auto it = n.find("spairport_network_channel"); it != n.end()) ApplyChannel(*it, &bss);
  std::string signal = StringAt(n, "spairport_signal_noise");
  if (!signal.empty()) bss.signal_dbm = ParseNumber(signal);
  ApplyPhyMode(StringAt(n, "spairport_network_phymode"), &bss);
  std::string mode = StringAt(n, "spairport_security_mode");
  if (!mode.empty()) ApplySecurity(SecurityOf(mode), &bss);
  FinishBss(&bss, WifiTextFormat::kSystemProfiler);
  return bss;
}

void ReadInterface(const json& iface, model::WifiScan* scan) {
  auto current = iface.find("spairport_current_network_information");
  if (current != iface.end() && current->is_object()) {
    model::WifiBss bss = NetworkOf(*current);
    bss.associated = true;
    model::WifiLink link;
    link.interface = StringAt(iface, "_name");
    link.bssid = bss.bssid;
    link.ssid = bss.ssid;
    link.frequency_mhz = bss.frequency_mhz;
    link.signal_dbm = bss.signal_dbm;
    if (auto rate = current->find("spairport_network_rate"); rate != current->end())
      if (rate->is_number()) link.tx_bitrate_mbps = rate->get<double>();
    scan->link = link;
    scan->interface = link.interface;
    scan->networks.push_back(std::move(bss));
  }
  auto others = iface.find("spairport_airport_other_local_wireless_networks");
  if (others == iface.end() || !others->is_array()) return;
  for (const json& n : *others) {
    if (n.is_object())
      scan->networks.push_back(NetworkOf(n));
    else
      AddNote(scan, "a network entry that is not an object was skipped");
  }
}

}  // namespace

void ParseSystemProfiler(std::string_view text, WifiImportResult* result) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    result->error = "not valid JSON";
    return;
  }
  auto top = doc.is_object() ? doc.find("SPAirPortDataType") : doc.end();
  if (!doc.is_object() || top == doc.end() || !top->is_array()) {
    result->error = "no SPAirPortDataType array (is this system_profiler SPAirPortDataType -json?)";
    return;
  }
  bool saw_interface = false;
  for (const json& item : *top) {
    if (!item.is_object()) continue;
    auto ifaces = item.find("spairport_airport_interfaces");
    if (ifaces == item.end() || !ifaces->is_array()) continue;
    for (const json& iface : *ifaces) {
      if (!iface.is_object()) continue;
      saw_interface = true;
      ReadInterface(iface, &result->scan);
    }
  }
  result->ok = saw_interface;
  if (!saw_interface) result->error = "no spairport_airport_interfaces in SPAirPortDataType";
}

}  // namespace netfix::wire::wifi_text
