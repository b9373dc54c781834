// `nmcli dev wifi list` in its three modes:
//  - terse (-t): colon-separated values with "\:" and "\\" escapes and no
//    header, so the columns are recognised by their values (see TypeOf);
//  - multiline (-m multiline): "FIELD:value" lines, one record after another;
//  - tabular (the default): a header of field names (English in every
//    locale) whose positions give the columns.
// SIGNAL is a percentage; see PercentToDbm for the mapping back to dBm.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "wire/wifi_import_text.h"

namespace netfix::wire::wifi_text {
namespace {

using Record = std::map<std::string, std::string>;

const std::set<std::string_view>& KnownFields() {
  static const std::set<std::string_view> kFields = {
      "NAME",   "SSID",   "SSID-HEX",  "BSSID",    "MODE",      "CHAN",      "FREQ",
      "RATE",   "SIGNAL", "BARS",      "SECURITY", "WPA-FLAGS", "RSN-FLAGS", "DEVICE",
      "ACTIVE", "IN-USE", "DBUS-PATH", "BAND",     "BANDWIDTH"};
  return kFields;
}

bool IsKnownField(std::string_view name) {
  return KnownFields().count(name) > 0;
}

bool IsRule(std::string_view line) {
  line = Trim(line);
  return !line.empty() &&
         std::all_of(line.begin(), line.end(), [](char c) { return c == '=' || c == '-'; });
}

std::optional<std::string> DecodeHex(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    auto [end, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (ec != std::errc() || end != hex.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

SecurityFacts SecurityOf(const Record& r) {
  SecurityFacts f;
  auto it = r.find("SECURITY");
  if (it != r.end()) {
    std::string_view s = it->second;
    f.wpa1 = Contains(s, "WPA1");
    f.wpa2 = Contains(s, "WPA2");
    f.wpa3 = Contains(s, "WPA3");
    f.eap = Contains(s, "802.1X");
    f.wep = Contains(s, "WEP");
    f.owe = Contains(s, "OWE");
    f.open = Trim(s).empty() || Trim(s) == "--";
  }
  auto wpa = r.find("WPA-FLAGS"), rsn = r.find("RSN-FLAGS");
  if (wpa != r.end() || rsn != r.end()) {
    std::string flags =
        (wpa != r.end() ? wpa->second : "") + " " + (rsn != r.end() ? rsn->second : "");
    f.tkip = Contains(flags, "tkip");
    if (Contains(flags, "sae")) f.wpa3 = true;
  }
  return f;
}

std::optional<model::WifiBss> BssOf(const Record& r, model::WifiScan* scan) {
  auto get = [&](const char* key) -> std::string_view {
    auto it = r.find(key);
    return it == r.end() ? std::string_view() : std::string_view(it->second);
  };
  model::WifiBss bss;
  bss.bssid = NormalizeMac(get("BSSID"));
  auto hex = DecodeHex(Trim(get("SSID-HEX")));
  std::string_view ssid = get("SSID");
  bss.ssid.bytes = hex ? *hex : ssid == "--" ? "" : std::string(ssid);
  if (bss.bssid.empty() && ssid.empty() && !hex) return std::nullopt;
  bss.channel = ParseInt(get("CHAN")).value_or(0);
  bss.frequency_mhz = ParseInt(get("FREQ")).value_or(0);
  bss.width_mhz = ParseInt(get("BANDWIDTH")).value_or(0);
  std::string band = FoldLabel(get("BAND"));
  bss.band = band == "24ghz" ? "2.4" : band == "5ghz" ? "5" : band == "6ghz" ? "6" : "";
  if (auto pct = ParseInt(get("SIGNAL"))) bss.signal_dbm = PercentToDbm(*pct);
  ApplySecurity(SecurityOf(r), &bss);
  bss.associated = Trim(get("IN-USE")) == "*" || get("ACTIVE") == "yes";
  if (scan->interface.empty()) scan->interface = std::string(Trim(get("DEVICE")));
  FinishBss(&bss, WifiTextFormat::kNmcli);
  return bss;
}

void AddRecord(const Record& r, size_t line_no, model::WifiScan* scan) {
  if (r.empty()) return;
  if (auto bss = BssOf(r, scan))
    scan->networks.push_back(std::move(*bss));
  else
    AddNote(scan, "line " + std::to_string(line_no) + ": record without SSID or BSSID skipped");
}

// ---- multiline -------------------------------------------------------------

bool IsMultilineField(std::string_view line, std::string_view* key, std::string_view* value) {
  return SplitKeyValue(line, key, value) && IsKnownField(*key);
}

void ParseMultiline(const std::vector<std::string_view>& lines, model::WifiScan* scan) {
  Record record;
  size_t line_no = 0;
  for (std::string_view line : lines) {
    ++line_no;
    std::string_view key, value;
    if (!IsMultilineField(line, &key, &value)) continue;
    if (record.count(std::string(key)) > 0) {
      AddRecord(record, line_no, scan);
      record.clear();
    }
    record[std::string(key)] = std::string(value);
  }
  AddRecord(record, line_no, scan);
}

// ---- tabular ----------------------------------------------------------------

struct Column {
  std::string name;
  size_t start;  ///< in characters (nmcli pads by character, not by byte)
};

std::optional<std::vector<Column>> HeaderOf(std::string_view line) {
  std::vector<Column> columns;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i == start) break;
    std::string name(line.substr(start, i - start));
    if (!IsKnownField(name)) return std::nullopt;
    columns.push_back({name, start});
  }
  if (columns.size() < 2) return std::nullopt;
  return columns;
}

// Byte offsets of each character start, plus the end.
std::vector<size_t> CharStarts(std::string_view line) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(line.size());
  return starts;
}

Record RowOf(std::string_view line, const std::vector<Column>& columns) {
  auto starts = CharStarts(line);
  auto byte_at = [&](size_t ch) { return starts[std::min(ch, starts.size() - 1)]; };
  Record r;
  for (size_t c = 0; c < columns.size(); ++c) {
    size_t from = byte_at(columns[c].start);
    size_t to = c + 1 < columns.size() ? byte_at(columns[c + 1].start) : line.size();
    r[columns[c].name] = std::string(Trim(line.substr(from, to - from)));
  }
  return r;
}

void ParseTabular(const std::vector<std::string_view>& lines, model::WifiScan* scan) {
  std::optional<std::vector<Column>> header;
  size_t line_no = 0;
  for (std::string_view line : lines) {
    ++line_no;
    if (auto h = HeaderOf(line)) {
      header = std::move(h);
      continue;
    }
    if (Trim(line).empty()) {
      header.reset();  // tables end with a blank line; titles follow
      continue;
    }
    if (header && !IsRule(line)) AddRecord(RowOf(line, *header), line_no, scan);
  }
}

// ---- terse ------------------------------------------------------------------

std::vector<std::string> SplitTerse(std::string_view line) {
  std::vector<std::string> fields(1);
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      fields.back() += line[++i];
    } else if (line[i] == ':') {
      fields.emplace_back();
    } else {
      fields.back() += line[i];
    }
  }
  return fields;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsSecurityList(std::string_view s) {
  static const std::set<std::string_view> kTokens = {"WPA1", "WPA2", "WPA3",   "802.1X",
                                                     "WEP",  "OWE",  "OWE-TM", "--"};
  size_t i = 0;
  while (i < s.size()) {
    size_t end = std::min(s.find(' ', i), s.size());
    if (end > i && kTokens.count(s.substr(i, end - i)) == 0) return false;
    i = end + 1;
  }
  return true;
}

bool IsBars(std::string_view s) {
  // "****", "**  ", or the block characters U+2582..U+2588 and '_'.
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '*' || s[i] == ' ' || s[i] == '_') continue;
    if (StartsWith(s.substr(i), "\xE2\x96") && i + 2 < s.size()) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

// What a terse value looks like; "" when it could be anything (an SSID).
std::string TypeOf(std::string_view v) {
  static const std::set<std::string_view> kYesNo = {"yes",  "no",  "tak", "nie", "ja",
                                                    "nein", "oui", "non", "si"};
  if (StartsWith(v, "AP[")) return "NAME";
  if (!NormalizeMac(v).empty()) return "BSSID";
  if (StartsWith(v, "/org/freedesktop")) return "DBUS-PATH";
  if (Contains(v, "Mbit/s") || Contains(v, "Mb/s")) return "RATE";
  // The unit follows a space, or U+2009 (thin space) in some locales.
  if (Contains(v, "MHz")) return ParseInt(v).value_or(0) >= 1000 ? "FREQ" : "BANDWIDTH";
  if (Contains(v, "GHz")) return "BAND";
  if (v == "*" || v == " ") return "IN-USE";
  if (kYesNo.count(v) > 0) return "ACTIVE";
  if (StartsWith(v, "Infra") || v == "Ad-Hoc" || v == "Mesh") return "MODE";
  if (StartsWith(v, "(") || Contains(v, "pair_") || Contains(v, "group_")) return "FLAGS";
  if (IsDigits(v)) return "INT";
  if (IsSecurityList(v)) return "SECURITY";
  if (IsBars(v)) return "BARS";
  bool hex = v.size() % 2 == 0 && std::all_of(v.begin(), v.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
             });
  return hex ? "HEX" : "";
}

// One type per column: the type every non-empty value has, else "" (text).
std::vector<std::string> ColumnTypes(const std::vector<std::vector<std::string>>& rows,
                                     size_t width) {
  std::vector<std::string> types(width);
  for (size_t c = 0; c < width; ++c) {
    std::optional<std::string> type;
    for (const auto& row : rows) {
      if (row[c].empty()) continue;
      std::string t = TypeOf(row[c]);
      if (!type) type = t;
      if (*type != t) type = "";
    }
    types[c] = type.value_or("EMPTY");
  }
  return types;
}

// Names the columns: integers are CHAN then SIGNAL (nmcli's field order);
// a lone integer is CHAN only right before FREQ/RATE/BANDWIDTH; the first
// text column is the SSID, a hex column right after it its SSID-HEX.
std::vector<std::string> NameColumns(std::vector<std::string> types) {
  std::vector<size_t> ints;
  for (size_t c = 0; c < types.size(); ++c)
    if (types[c] == "INT") ints.push_back(c);
  for (size_t c : ints) types[c] = "SIGNAL";
  if (ints.size() >= 2) types[ints.front()] = "CHAN";
  if (ints.size() == 1 && ints[0] + 1 < types.size()) {
    const std::string& next = types[ints[0] + 1];
    if (next == "FREQ" || next == "RATE" || next == "BANDWIDTH") types[ints[0]] = "CHAN";
  }
  bool flags_seen = false;
  for (size_t c = 0; c < types.size(); ++c) {
    if (types[c] == "FLAGS") types[c] = flags_seen ? "RSN-FLAGS" : "WPA-FLAGS";
    if (types[c] == "RSN-FLAGS" || types[c] == "WPA-FLAGS") flags_seen = true;
  }
  auto ssid = std::find(types.begin(), types.end(), "");
  if (ssid != types.end()) {
    *ssid = "SSID";
    if (ssid + 1 != types.end() && *(ssid + 1) == "HEX") *(ssid + 1) = "SSID-HEX";
  } else {
    auto hex = std::find(types.begin(), types.end(), "HEX");  // SSIDs that look like hex
    if (hex != types.end()) *hex = "SSID";
  }
  return types;
}

void ParseTerse(const std::vector<std::string_view>& lines, model::WifiScan* scan) {
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> row_lines;
  std::map<size_t, size_t> widths;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (Trim(lines[i]).empty() || IsCommandEcho(lines[i])) continue;
    rows.push_back(SplitTerse(lines[i]));
    row_lines.push_back(i + 1);
    ++widths[rows.back().size()];
  }
  if (rows.empty()) return;
  size_t width = std::max_element(widths.begin(), widths.end(), [](auto& a, auto& b) {
                   return a.second < b.second;
                 })->first;
  std::vector<std::vector<std::string>> good;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() == width)
      good.push_back(std::move(rows[i]));
    else
      AddNote(scan, "line " + std::to_string(row_lines[i]) + ": " + std::to_string(rows[i].size()) +
                        " fields where the others have " + std::to_string(width) + "; skipped");
  }
  auto names = NameColumns(ColumnTypes(good, width));
  for (const auto& row : good) {
    Record r;
    for (size_t c = 0; c < width; ++c)
      if (IsKnownField(names[c])) r[names[c]] = row[c];
    AddRecord(r, 0, scan);
  }
}

enum class NmcliMode { kTerse, kMultiline, kTabular };

NmcliMode ModeOf(const std::vector<std::string_view>& lines) {
  for (std::string_view line : lines) {
    if (Trim(line).empty() || IsRule(line) || IsCommandEcho(line)) continue;
    if (HeaderOf(line)) return NmcliMode::kTabular;
    std::string_view key, value;
    if (IsMultilineField(line, &key, &value) &&
        (key == "SSID" || key == "BSSID" || key == "NAME" || key == "IN-USE"))
      return NmcliMode::kMultiline;
  }
  return NmcliMode::kTerse;
}

}  // namespace

bool LooksLikeNmcli(std::string_view text) {
  auto lines = SplitLines(text);
  if (ModeOf(lines) != NmcliMode::kTerse)
    return std::any_of(lines.begin(), lines.end(), [](std::string_view l) {
      std::string_view k, v;
      return HeaderOf(l).has_value() || (IsMultilineField(l, &k, &v) && k == "SSID");
    });
  // Terse: an escaped BSSID ("AA\:BB\:...") is nmcli's signature.
  return std::any_of(lines.begin(), lines.end(), [](std::string_view l) {
    size_t escapes = 0;
    for (size_t at = l.find("\\:"); at != std::string_view::npos; at = l.find("\\:", at + 2))
      ++escapes;
    return escapes >= 5;
  });
}

void ParseNmcli(std::string_view text, WifiImportResult* result) {
  auto lines = SplitLines(text);
  switch (ModeOf(lines)) {
    case NmcliMode::kTabular: ParseTabular(lines, &result->scan); break;
    case NmcliMode::kMultiline: ParseMultiline(lines, &result->scan); break;
    case NmcliMode::kTerse: ParseTerse(lines, &result->scan); break;
  }
  bool any_line =
      std::any_of(lines.begin(), lines.end(), [](std::string_view l) { return !Trim(l).empty(); });
  result->ok = !result->scan.networks.empty() || (any_line && ModeOf(lines) == NmcliMode::kTabular);
  if (!result->ok) result->error = "no Wi-Fi networks found in nmcli output";
}

}  // namespace netfix::wire::wifi_text
