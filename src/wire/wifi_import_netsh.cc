// Windows `netsh wlan show networks mode=bssid`, English and German. Labels
// are matched after FoldLabel (ASCII letters and digits only), so UTF-8,
// cp850 and cp1252 files read alike ("Verschlüsselung" -> "verschlsselung"),
// and German Windows' "BSSIDD 1" reads as "BSSID 1".
#include <string>

#include "wire/wifi_import_text.h"

namespace netfix::wire::wifi_text {
namespace {

enum class Label {
  kIgnored,
  kSsid,
  kBssid,
  kAuth,
  kCipher,
  kSignal,
  kRadio,
  kBand,
  kChannel,
  kStations,
  kUtilization
};

bool StartsWithDigit(std::string_view s) {
  return !s.empty() && s[0] >= '0' && s[0] <= '9';
}

Label LabelOf(const std::string& folded) {
  struct Entry {
    const char* prefix;
    Label label;
  };
  static const Entry kEntries[] = {
      {"authentication", Label::kAuth},
      {"authentifizierung", Label::kAuth},
      {"encryption", Label::kCipher},
      {"verschl", Label::kCipher},
      {"signal", Label::kSignal},
      {"radiotype", Label::kRadio},
      {"funktyp", Label::kRadio},
      {"connectedstations", Label::kStations},
      {"verbundenestationen", Label::kStations},
      {"channelutilization", Label::kUtilization},
      {"kanalauslastung", Label::kUtilization},
  };
  std::string_view f = folded;
  if (StartsWith(f, "bssid")) return Label::kBssid;  // "bssid1", "bssidd1"
  if (StartsWith(f, "ssid") && StartsWithDigit(f.substr(4))) return Label::kSsid;
  if (f == "band") return Label::kBand;
  if (f == "channel" || f == "kanal") return Label::kChannel;
  for (const auto& e : kEntries)
    if (StartsWith(f, e.prefix)) return e.label;
  return Label::kIgnored;
}

// "WPA2-Personal", "WPA3-Enterprise 192 Bit", "Open"/"Offen", "Shared"/
// "Gemeinsam" (WEP), "OWE", "WPA2-Personal, WPA3-Personal" ...
SecurityFacts AuthFacts(std::string_view auth) {
  std::string f = FoldLabel(auth);
  SecurityFacts facts;
  facts.wpa3 = Contains(f, "wpa3");
  facts.wpa2 = Contains(f, "wpa2");
  facts.wpa1 = Contains(f, "wpapersonal") || Contains(f, "wpaenterprise") ||
               (Contains(f, "wpa") && !facts.wpa2 && !facts.wpa3);
  facts.eap = Contains(f, "enterprise") || Contains(f, "unternehmen");
  facts.owe = Contains(f, "owe");
  facts.open = f == "open" || f == "offen";
  facts.wep = Contains(f, "shared") || Contains(f, "gemeinsam");
  return facts;
}

struct NetshNetwork {
  model::ByteString ssid;
  SecurityFacts facts;
};

void ApplyCipher(std::string_view cipher, SecurityFacts* facts) {
  std::string f = FoldLabel(cipher);
  // netsh names only one cipher (the best), so "CCMP" does not rule out TKIP.
  if (Contains(f, "tkip")) facts->tkip = true;
  if (Contains(f, "wep")) facts->wep = true;
}

void ApplyRadio(std::string_view radio, model::WifiBss* bss) {
  std::string f = FoldLabel(radio);
  if (f == "80211n") AddStandard(bss, "n");
  if (f == "80211ac") AddStandard(bss, "ac");
  if (f == "80211ax") AddStandard(bss, "ax");
  if (f == "80211be") AddStandard(bss, "be");
}

class NetshReader {
 public:
  explicit NetshReader(model::WifiScan* scan) : scan_(scan) {}

  void Line(std::string_view line, size_t line_no) {
    std::string_view key, value;
    if (!SplitKeyValue(line, &key, &value)) return;
    Label label = LabelOf(FoldLabel(key));
    if (label == Label::kSsid) {
      Flush();
      network_ = NetshNetwork{};
      network_->ssid.bytes = std::string(value);
      return;
    }
    if (label == Label::kIgnored) return;
    if (!network_) {
      AddNote(scan_, "line " + std::to_string(line_no) + ": field before the first SSID skipped");
      return;
    }
    if (label == Label::kBssid) {
      Flush();
      StartBss(value, line_no);
    } else if (label == Label::kAuth) {
      auto facts = AuthFacts(value);
      facts.tkip = network_->facts.tkip;
      network_->facts = facts;
    } else if (label == Label::kCipher) {
      ApplyCipher(value, &network_->facts);
    } else if (bss_) {
      BssField(label, value);
    }
  }

  void Flush() {
    if (!bss_) return;
    ApplySecurity(network_->facts, &*bss_);
    FinishBss(&*bss_, WifiTextFormat::kNetsh);
    scan_->networks.push_back(std::move(*bss_));
    bss_.reset();
  }

 private:
  void StartBss(std::string_view value, size_t line_no) {
    std::string mac = NormalizeMac(value);
    if (mac.empty()) {
      AddNote(scan_, "line " + std::to_string(line_no) + ": unreadable BSSID '" +
                         std::string(value.substr(0, 40)) + "' skipped");
      return;
    }
    bss_.emplace();
    bss_->bssid = mac;
    bss_->ssid = network_->ssid;
  }

  void BssField(Label label, std::string_view value) {
    switch (label) {
      case Label::kSignal:
        if (auto pct = ParseInt(value)) bss_->signal_dbm = PercentToDbm(*pct);
        break;
      case Label::kRadio: ApplyRadio(value, &*bss_); break;
      case Label::kChannel: bss_->channel = ParseInt(value).value_or(0); break;
      case Label::kBand: {
        std::string f = FoldLabel(value);  // "2,4 GHz" and "2.4 GHz" both fold to "24ghz"
        bss_->band = f == "24ghz" ? "2.4" : f == "5ghz" ? "5" : f == "6ghz" ? "6" : "";
        break;
      }
      case Label::kStations: bss_->station_count = ParseInt(value); break;
      case Label::kUtilization:
        // "20 (7 %)": the BSS Load element's raw 0-255 value, then Windows' rounding.
        if (auto busy = ParseInt(value)) bss_->channel_utilization_pct = *busy * 100.0 / 255.0;
        break;
      default: break;
    }
  }

  model::WifiScan* scan_;
  std::optional<NetshNetwork> network_;
  std::optional<model::WifiBss> bss_;
};

}  // namespace

void ParseNetsh(std::string_view text, WifiImportResult* result) {
  NetshReader reader(&result->scan);
  size_t line_no = 0;
  bool saw_header = false;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    std::string_view key, value;
    if (SplitKeyValue(line, &key, &value)) {
      std::string f = FoldLabel(key);
      if (f == "interfacename" || f == "schnittstellenname") {
        saw_header = true;
        if (result->scan.interface.empty()) result->scan.interface = std::string(value);
        continue;
      }
    }
    reader.Line(line, line_no);
  }
  reader.Flush();
  // A header and no networks is a valid scan of an empty neighbourhood.
  result->ok = !result->scan.networks.empty() || saw_header;
  if (!result->ok)
    result->error =
        "no 'SSID n :' / 'BSSID n :' lines found (is this netsh wlan show networks "
        "mode=bssid output?)";
}

}  // namespace netfix::wire::wifi_text
