// `iw dev X scan`: one "BSS aa:bb:..(on wlan0)" block per BSS; top-level
// fields one indent deep, element details deeper (tabs in new iw, spaces in
// old). iw dumps every information element it received, so an element that
// is missing (RM capabilities, WPS, Mobility Domain) means "not advertised".
#include <algorithm>
#include <cstdlib>
#include <string>

#include "wire/wifi_import_text.h"

namespace netfix::wire::wifi_text {
namespace {

// Indentation width with tabs counted as 8, enough to tell levels apart.
int IndentOf(std::string_view line) {
  int width = 0;
  for (char c : line) {
    if (c == ' ')
      width += 1;
    else if (c == '\t')
      width += 8;
    else
      break;
  }
  return width;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// iw prints SSID bytes outside printable ASCII (and '\\' itself) as \xNN.
std::string UnescapeIwSsid(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' && HexDigit(s[i + 2]) >= 0 &&
        HexDigit(s[i + 3]) >= 0) {
      out += static_cast<char>(HexDigit(s[i + 2]) * 16 + HexDigit(s[i + 3]));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct IwBlock {
  model::WifiBss bss;
  SecurityFacts security;
  bool saw_rsn = false, saw_wpa = false, saw_ies = false;
  std::optional<bool> privacy;  ///< the capability field's Privacy bit
  int ht_secondary = -1;        ///< 0 none, 1 above/below; -1 no HT operation
  int vht_width = -1;           ///< VHT operation channel width code
  int vht_seg1 = 0, vht_seg2 = 0;
};

// RSN/WPA authentication suites, by name or as iw prints unknown ones
// ("00-0f-ac:8"), mapped onto security facts.
void ApplyAkms(std::string_view suites, bool rsn, IwBlock* b) {
  auto has = [&](std::string_view s) { return Contains(suites, s); };
  bool sae = has("SAE") || has("00-0f-ac:8") || has("00-0f-ac:9") || has("00-0f-ac:24");
  bool suite_b = has("00-0f-ac:11") || has("00-0f-ac:12") || has("00-0f-ac:13");
  bool eap = has("802.1X") || suite_b;
  bool psk = has("PSK");
  bool owe = has("OWE") || has("00-0f-ac:18");
  if (has("FT/") || has("00-0f-ac:3") || has("00-0f-ac:4") || has("00-0f-ac:9")) b->bss.ft = true;
  if (eap) b->security.eap = true;
  if (owe) b->security.owe = true;
  if (!rsn) {
    b->security.wpa1 = true;
    return;
  }
  if (sae || suite_b) b->security.wpa3 = true;
  if (psk || (eap && !suite_b) || (!sae && !suite_b && !owe)) b->security.wpa2 = true;
}

void ApplyCiphers(std::string_view value, IwBlock* b) {
  if (Contains(value, "TKIP")) b->security.tkip = true;
}

void HandleSub(std::string_view section, std::string_view key, std::string_view value, IwBlock* b) {
  bool rsn = section == "RSN";
  if (rsn || section == "WPA") {
    if (key == "Authentication suites") ApplyAkms(value, rsn, b);
    if (key == "Group cipher" || key == "Pairwise ciphers") ApplyCiphers(value, b);
  } else if (section == "HT operation" && key == "secondary channel offset") {
    b->ht_secondary = value == "no secondary" ? 0 : 1;
  } else if (section == "VHT operation") {
    if (key == "channel width") b->vht_width = ParseInt(value).value_or(-1);
    if (key == "center freq segment 1") b->vht_seg1 = ParseInt(value).value_or(0);
    if (key == "center freq segment 2") b->vht_seg2 = ParseInt(value).value_or(0);
  } else if (section == "BSS Load") {
    if (key == "station count") b->bss.station_count = ParseInt(value);
    if (key == "channel utilisation") {
      if (auto busy = ParseInt(value)) b->bss.channel_utilization_pct = *busy * 100.0 / 255.0;
    }
  } else if (section == "Extended capabilities" && Contains(key, "BSS Transition")) {
    b->bss.btm = true;
  }
}

void HandleTop(std::string_view key, std::string_view value, IwBlock* b) {
  if (key == "freq") {
    if (auto mhz = ParseNumber(value)) b->bss.frequency_mhz = static_cast<int>(*mhz + 0.5);
  } else if (key == "signal") {
    b->bss.signal_dbm = ParseNumber(value);
  } else if (key == "SSID") {
    b->bss.ssid.bytes = UnescapeIwSsid(value);
    b->saw_ies = true;
  } else if (key == "capability") {
    b->privacy = Contains(value, "Privacy");
  } else if (key == "DS Parameter set") {
    size_t digit = std::min(value.find_first_of("0123456789"), value.size());
    if (auto ch = ParseInt(value.substr(digit))) b->bss.channel = *ch;
  } else if (key == "RSN") {
    b->saw_rsn = true;
  } else if (key == "WPA") {
    b->saw_wpa = true;
  } else if (key == "WPS") {
    b->bss.wps = true;
  } else if (key == "RM enabled capabilities") {
    b->bss.rrm = true;
  } else if (FoldLabel(key) == "mobilitydomain" || key == "MD") {
    b->bss.ft = true;
  } else if (StartsWith(key, "HT ")) {
    AddStandard(&b->bss, "n");
  } else if (StartsWith(key, "VHT ")) {
    AddStandard(&b->bss, "ac");
  } else if (StartsWith(key, "HE ")) {
    AddStandard(&b->bss, "ax");
  } else if (StartsWith(key, "EHT ")) {
    AddStandard(&b->bss, "be");
  }
  if (key == "Extended capabilities" && Contains(value, "BSS Transition")) b->bss.btm = true;
}

int WidthOf(const IwBlock& b) {
  if (b.vht_width == 1) {
    bool is160 = b.vht_seg2 != 0 && std::abs(b.vht_seg2 - b.vht_seg1) == 8;
    return is160 ? 160 : 80;
  }
  if (b.vht_width == 2 || b.vht_width == 3) return 160;
  if (b.ht_secondary == 1) return 40;
  if (b.ht_secondary == 0) return 20;
  return 0;
}

void FinishBlock(IwBlock* b, model::WifiScan* scan) {
  if (b->saw_ies) {
    // A full element dump: what is absent is not advertised.
    if (!b->bss.rrm) b->bss.rrm = false;
    if (!b->bss.btm) b->bss.btm = false;
    if (!b->bss.wps) b->bss.wps = false;
    if (!b->bss.ft) b->bss.ft = false;
    if ((b->saw_rsn || b->saw_wpa) && !b->security.tkip) b->security.tkip = false;
  }
  if (b->saw_rsn && !b->security.wpa2 && !b->security.wpa3 && !b->security.owe)
    b->security.wpa2 = true;  // RSN element without a suite line: still RSN
  if (b->saw_wpa && !b->security.wpa1) b->security.wpa1 = true;
  if (!b->saw_rsn && !b->saw_wpa && b->privacy) {
    b->security.wep = *b->privacy;
    b->security.open = !*b->privacy;
    b->security.tkip = false;
  }
  ApplySecurity(b->security, &b->bss);
  b->bss.width_mhz = WidthOf(*b);
  // iw shows VHT elements on 2.4 GHz too (vendor "TurboQAM"); 802.11ac is 5 GHz only.
  FinishBss(&b->bss, WifiTextFormat::kIw);
  if (b->bss.band == "2.4") std::erase(b->bss.standards, "ac");
  scan->networks.push_back(std::move(b->bss));
}

// "BSS aa:bb:cc:dd:ee:ff(on wlan0) -- associated"
bool StartBlock(std::string_view line, IwBlock* b, model::WifiScan* scan) {
  std::string mac = NormalizeMac(line.substr(4, 17));
  if (mac.empty()) return false;
  *b = IwBlock{};
  b->bss.bssid = mac;
  b->bss.associated = Contains(line, "-- associated");
  size_t on = line.find("(on ");
  if (on != std::string_view::npos && scan->interface.empty()) {
    size_t end = line.find(')', on);
    if (end != std::string_view::npos)
      scan->interface = std::string(line.substr(on + 4, end - on - 4));
  }
  return true;
}

}  // namespace

void ParseIw(std::string_view text, WifiImportResult* result) {
  model::WifiScan& scan = result->scan;
  std::optional<IwBlock> block;
  int top_indent = -1;
  std::string section;
  bool skipping = false;  // the lines of an unreadable BSS block
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    if (StartsWith(line, "BSS ")) {
      if (block) FinishBlock(&*block, &scan);
      block.emplace();
      skipping = !StartBlock(line, &*block, &scan);
      if (skipping) {
        block.reset();
        AddNote(&scan, "line " + std::to_string(line_no) + ": unreadable BSS line, block skipped");
      }
      top_indent = -1;
      continue;
    }
    if (!block) {
      if (!IsCommandEcho(line) && !skipping)
        AddNote(&scan, "line " + std::to_string(line_no) + ": text before the first BSS skipped");
      continue;
    }
    int indent = IndentOf(line);
    if (top_indent < 0) top_indent = indent;
    std::string_view content = Trim(line);
    std::string_view key, value;
    if (indent <= top_indent) {
      if (!SplitKeyValue(content, &key, &value)) continue;
      section = std::string(key);
      HandleTop(key, value, &*block);
      content = value;  // "RSN:\t * Version: 1": the first detail on the same line
      if (!StartsWith(content, "*")) continue;
    }
    if (StartsWith(content, "*")) content = Trim(content.substr(1));
    if (SplitKeyValue(content, &key, &value))
      HandleSub(section, key, value, &*block);
    else
      HandleSub(section, content, "", &*block);
  }
  if (block) FinishBlock(&*block, &scan);
  result->ok = !scan.networks.empty();
  if (!result->ok) result->error = "no BSS blocks found (is this `iw dev <if> scan` output?)";
}

}  // namespace netfix::wire::wifi_text
