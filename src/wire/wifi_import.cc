#include "wire/wifi_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include "wire/wifi_import_text.h"

namespace netfix::wire {
namespace wifi_text {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view Trim(std::string_view s) {
  s = TrimLeft(s);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

std::string FoldLabel(std::string_view label) {
  std::string out;
  for (char c : label) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

bool SplitKeyValue(std::string_view line, std::string_view* key, std::string_view* value,
                   char separator) {
  size_t at = line.find(separator);
  if (at == std::string_view::npos) return false;
  *key = Trim(line.substr(0, at));
  *value = Trim(line.substr(at + 1));
  return true;
}

bool IsCommandEcho(std::string_view line) {
  return StartsWith(line, "$ ");
}

std::optional<int> ParseInt(std::string_view s) {
  s = TrimLeft(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data()) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(std::string_view s) {
  s = TrimLeft(s);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data() || !std::isfinite(value)) return std::nullopt;
  return value;
}

double PercentToDbm(int percent) {
  return std::clamp(percent, 0, 100) / 2.0 - 100.0;
}

std::string NormalizeMac(std::string_view s) {
  s = Trim(s);
  std::string out;
  int groups = 0;
  while (groups < 6) {
    auto mac_char = [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == 'x' || c == 'X';
    };
    size_t len = 0;
    while (len < s.size() && len < 3 && mac_char(s[len])) ++len;
    if (len == 0 || len > 2) return "";
    std::string group(s.substr(0, len));
    if (len == 1) group = "0" + group;
    for (char& c : group) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += (groups > 0 ? ":" : "") + group;
    s.remove_prefix(len);
    ++groups;
    if (groups < 6) {
      if (s.empty() || (s.front() != ':' && s.front() != '-')) return "";
      s.remove_prefix(1);
    }
  }
  return s.empty() ? out : "";
}

void ApplySecurity(const SecurityFacts& f, model::WifiBss* bss) {
  bool wpa2_or_1 = f.wpa2 || f.wpa1;
  if (f.wpa3 && wpa2_or_1)
    bss->security = "wpa2-wpa3";
  else if (f.wpa3)
    bss->security = "wpa3";
  else if (f.wpa1 && f.wpa2)
    bss->security = "wpa-wpa2";
  else if (f.wpa2)
    bss->security = "wpa2";
  else if (f.wpa1)
    bss->security = "wpa";
  else if (f.owe)
    bss->security = "owe";
  else if (f.wep)
    bss->security = "wep";
  else if (f.open)
    bss->security = "open";
  else
    bss->security = "unknown";
  bss->enterprise = f.eap;
  bss->tkip = f.tkip;
}

void AddStandard(model::WifiBss* bss, const std::string& standard) {
  static const std::array<const char*, 4> kOrder = {"n", "ac", "ax", "be"};
  auto& list = bss->standards;
  if (std::find(list.begin(), list.end(), standard) != list.end()) return;
  list.push_back(standard);
  auto rank = [](const std::string& s) {
    return std::find(kOrder.begin(), kOrder.end(), s) - kOrder.begin();
  };
  std::sort(list.begin(), list.end(),
            [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
}

namespace {

bool Has(const model::WifiBss& bss, const char* standard) {
  return std::find(bss.standards.begin(), bss.standards.end(), standard) != bss.standards.end();
}

// A newer standard implies the older ones on the same band: 802.11ac
// requires HT, 802.11ax on 5 GHz requires VHT; 6 GHz has neither HT nor VHT.
void AddImpliedStandards(model::WifiBss* bss) {
  if (Has(*bss, "be")) AddStandard(bss, "ax");
  if (Has(*bss, "ax") && bss->band == "5") AddStandard(bss, "ac");
  if ((Has(*bss, "ac") || Has(*bss, "ax")) && bss->band != "6") AddStandard(bss, "n");
}

bool AllZero(const std::string& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

}  // namespace

void FinishBss(model::WifiBss* bss, WifiTextFormat format) {
  if (bss->frequency_mhz > 0) {
    if (bss->band.empty()) bss->band = model::BandOf(bss->frequency_mhz);
    if (bss->channel == 0) bss->channel = model::ChannelOf(bss->frequency_mhz);
  } else if (bss->channel > 0) {
    // Without a band, channels 1-14 are 2.4 GHz and the rest 5 GHz: the
    // tools that print no band (old netsh, airport -s) predate 6 GHz.
    if (bss->band.empty()) bss->band = bss->channel <= 14 ? "2.4" : "5";
    bss->frequency_mhz = model::FrequencyOf(bss->channel, bss->band);
  }
  bss->hidden = AllZero(bss->ssid.bytes);
  AddImpliedStandards(bss);
  bss->source = ToString(format);
}

void AddNote(model::WifiScan* scan, std::string note) {
  constexpr size_t kMaxNotes = 50;
  if (scan->notes.size() < kMaxNotes)
    scan->notes.push_back(std::move(note));
  else if (scan->notes.size() == kMaxNotes)
    scan->notes.push_back("more problems were not listed");
}

namespace {

void AppendUtf8(unsigned cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Utf16ToUtf8(std::string_view text, bool little_endian) {
  std::string out;
  out.reserve(text.size() / 2);
  auto unit = [&](size_t i) -> unsigned {
    auto a = static_cast<unsigned char>(text[i]), b = static_cast<unsigned char>(text[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  for (size_t i = 0; i + 1 < text.size(); i += 2) {
    unsigned cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < text.size()) {
      unsigned low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

}  // namespace

std::string NormalizeEncoding(std::string_view text) {
  if (StartsWith(text, "\xEF\xBB\xBF")) return std::string(text.substr(3));
  if (StartsWith(text, "\xFF\xFE")) return Utf16ToUtf8(text.substr(2), true);
  if (StartsWith(text, "\xFE\xFF")) return Utf16ToUtf8(text.substr(2), false);
  // UTF-16LE without a BOM: ASCII text with every other byte NUL.
  if (text.size() >= 4 && text[0] != '\0' && text[1] == '\0' && text[3] == '\0')
    return Utf16ToUtf8(text, true);
  return std::string(text);
}

}  // namespace wifi_text

using namespace wifi_text;

namespace {

struct FormatName {
  WifiTextFormat format;
  const char* name;
};
constexpr std::array<FormatName, 5> kFormats = {
    {{WifiTextFormat::kIw, "iw"},
     {WifiTextFormat::kNmcli, "nmcli"},
     {WifiTextFormat::kNetsh, "netsh"},
     {WifiTextFormat::kAirport, "airport"},
     {WifiTextFormat::kSystemProfiler, "system_profiler"}}};
constexpr const char* kReadable = "netfix reads iw, nmcli, netsh, airport, system_profiler";

bool AnyLine(const std::vector<std::string_view>& lines, bool (*test)(std::string_view)) {
  return std::any_of(lines.begin(), lines.end(), test);
}

bool IsIwBssLine(std::string_view line) {
  return StartsWith(line, "BSS ") && !NormalizeMac(line.substr(4, 17)).empty();
}

bool IsNetshSsidLine(std::string_view line) {
  // "SSID 1 : name" at the start of a line (English and German alike).
  return StartsWith(line, "SSID ") && ParseInt(line.substr(5)).has_value() && Contains(line, ":");
}

bool IsNetshHeaderLine(std::string_view line) {
  std::string label = FoldLabel(line.substr(0, line.find(':')));
  return label == "interfacename" || label == "schnittstellenname";
}

bool IsAirportHeader(std::string_view line) {
  return Contains(line, "SSID BSSID") && Contains(line, "RSSI") && Contains(line, "CHANNEL");
}

std::optional<WifiTextFormat> DetectJson(std::string_view text, std::string* why_not) {
  if (Contains(text, "SPAirPortDataType") || Contains(text, "spairport_"))
    return WifiTextFormat::kSystemProfiler;
  if (Contains(text, "\"frequency_mhz\""))
    *why_not = "looks like Android termux-wifi-scaninfo JSON";
  else
    *why_not = "JSON that is not system_profiler SPAirPortDataType output";
  return std::nullopt;
}

// Outputs of neighbouring tools that are not a scan netfix reads, and what
// to call them.
struct Lookalike {
  const char* marker;
  const char* what;
};
constexpr std::array<Lookalike, 12> kLookalikes = {{
    {"Scan completed", "iwlist output"},
    {" - Address: ", "iwlist output"},
    {"IEEE 802.11", "iwconfig output (the current link, not a scan)"},
    {"BSSID, First time seen", "airodump-ng CSV"},
    {"PHY\tInterface\tDriver", "airmon-ng output"},
    {"agrCtlRSSI", "airport -I output (the current link, not a scan)"},
    {"GENERAL.DEVICE", "nmcli device show output (not a Wi-Fi list)"},
    {"DEVICE   TYPE", "nmcli device status output (not a Wi-Fi list)"},
    {"RUNNING  VERSION", "nmcli general output (not a Wi-Fi list)"},
    {"DNS configuration:", "nmcli overview output (not a Wi-Fi list)"},
    {"networksetup", "networksetup output"},
    {"preferred networks", "networksetup output"},
}};

const Lookalike* FindLookalike(std::string_view text) {
  for (const auto& l : kLookalikes)
    if (Contains(text, l.marker)) return &l;
  return nullptr;
}

}  // namespace

std::optional<WifiTextFormat> WifiTextFormatFromName(std::string_view name) {
  for (const auto& f : kFormats)
    if (name == f.name) return f.format;
  return std::nullopt;
}

const char* ToString(WifiTextFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "unknown";
}

std::optional<WifiTextFormat> DetectWifiTextFormat(std::string_view raw, std::string* why_not) {
  std::string scratch;
  std::string* reason = why_not != nullptr ? why_not : &scratch;
  std::string text = NormalizeEncoding(raw.substr(0, std::min(raw.size(), kMaxWifiImportBytes)));
  std::string_view body = Trim(text);
  std::optional<WifiTextFormat> found;
  auto lines = SplitLines(text);
  if (body.empty()) {
    *reason = "the file is empty";
  } else if (body.front() == '{' || body.front() == '[') {
    found = DetectJson(body, reason);
  } else if (AnyLine(lines, IsIwBssLine)) {
    found = WifiTextFormat::kIw;
  } else if (AnyLine(lines, IsAirportHeader)) {
    found = WifiTextFormat::kAirport;
  } else if (AnyLine(lines, IsNetshSsidLine) || AnyLine(lines, IsNetshHeaderLine)) {
    found = WifiTextFormat::kNetsh;
  } else if (const Lookalike* like = FindLookalike(text)) {
    *reason = std::string("looks like ") + like->what;
  } else if (LooksLikeNmcli(text)) {
    found = WifiTextFormat::kNmcli;
  } else {
    *reason = "not a Wi-Fi scan netfix recognises";
  }
  if (found) {
    reason->clear();
  } else {
    *reason += "; ";
    *reason += kReadable;
  }
  return found;
}

WifiImportResult ParseWifiText(std::string_view raw, WifiTextFormat format) {
  WifiImportResult result;
  result.scan.source = ToString(format);
  result.scan.format = ToString(format);
  result.scan.method = "import";
  if (raw.size() > kMaxWifiImportBytes) {
    result.error = "the file is larger than " + std::to_string(kMaxWifiImportBytes >> 20) +
                   " MiB; a Wi-Fi scan is much smaller";
    return result;
  }
  std::string text = NormalizeEncoding(raw);
  if (!model::IsValidUtf8(text))
    AddNote(&result.scan,
            "the file is not UTF-8 (probably a Windows code page); names are kept as raw bytes");
  switch (format) {
    case WifiTextFormat::kIw: ParseIw(text, &result); break;
    case WifiTextFormat::kNmcli: ParseNmcli(text, &result); break;
    case WifiTextFormat::kNetsh: ParseNetsh(text, &result); break;
    case WifiTextFormat::kAirport: ParseAirport(text, &result); break;
    case WifiTextFormat::kSystemProfiler: ParseSystemProfiler(text, &result); break;
  }
  if (!result.ok && result.error.empty()) result.error = "no Wi-Fi networks found";
  return result;
}

}  // namespace netfix::wire
