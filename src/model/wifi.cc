#include "model/wifi.h"

#include <cstdio>

#include "model/wifi_json.h"

namespace netfix::model {

using nlohmann::json;

SurveyRoom* Survey::FindRoom(const std::string& name) {
  for (auto& room : rooms)
    if (room.name == name) return &room;
  return nullptr;
}

std::string BandOf(int mhz) {
  if (mhz >= 2400 && mhz <= 2500) return "2.4";
  if (mhz >= 5150 && mhz <= 5925) return "5";
  if (mhz > 5925 && mhz <= 7125) return "6";
  if (mhz >= 57000 && mhz <= 71000) return "60";
  return "";
}

int ChannelOf(int mhz) {
  if (mhz == 2484) return 14;
  if (mhz >= 2412 && mhz < 2484) return (mhz - 2407) / 5;
  if (mhz == 5935) return 2;  // 6 GHz channel 2 sits below the 5 ms grid
  if (mhz > 5950 && mhz <= 7125) return (mhz - 5950) / 5;
  if (mhz >= 5000 && mhz <= 5925) return (mhz - 5000) / 5;
  if (mhz >= 57000 && mhz <= 71000) return (mhz - 56160) / 2160;
  return 0;
}

int FrequencyOf(int channel, const std::string& band) {
  if (channel <= 0) return 0;
  if (band == "2.4" || (band.empty() && channel <= 14))
    return channel == 14 ? 2484 : 2407 + 5 * channel;
  if (band == "6") return channel == 2 ? 5935 : 5950 + 5 * channel;
  if (band == "60") return 56160 + 2160 * channel;
  if (band == "5" || band.empty()) return channel <= 196 ? 5000 + 5 * channel : 0;
  return 0;
}

bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80           ? 0
                : (c >> 5) == 0x6  ? 1
                : (c >> 4) == 0xE  ? 2
                : (c >> 3) == 0x1E ? 3
                                   : -1;
    if (extra < 0 || (extra == 1 && c < 0xC2) || (extra == 3 && c > 0xF4)) return false;
    if (i + extra >= s.size() && extra > 0) return false;  // cut short
    unsigned cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 0x2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += extra + 1;
  }
  return true;
}

std::string DisplaySsid(const ByteString& ssid) {
  if (IsValidUtf8(ssid.bytes)) return ssid.bytes;
  std::string out;
  // Keep the valid UTF-8 runs, escape the rest.
  size_t i = 0;
  while (i < ssid.bytes.size()) {
    auto c = static_cast<unsigned char>(ssid.bytes[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len > 0 && i + len <= ssid.bytes.size() && IsValidUtf8(ssid.bytes.substr(i, len))) {
      out += ssid.bytes.substr(i, len);
      i += len;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
      ++i;
    }
  }
  return out;
}

json ByteStringToJson(const ByteString& value) {
  if (IsValidUtf8(value.bytes)) return value.bytes;
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : value.bytes) {
    hex += kHex[c >> 4];
    hex += kHex[c & 0xF];
  }
  return {{"hex", hex}, {"text", DisplaySsid(value)}};
}

bool ByteStringFromJson(const json& j, ByteString* out, std::string* problem) {
  if (j.is_string()) {
    out->bytes = j.get<std::string>();
    return true;
  }
  if (!j.is_object() || !j.contains("hex") || !j["hex"].is_string()) {
    *problem = "expected a string or {\"hex\": ...}";
    return false;
  }
  const std::string hex = j["hex"].get<std::string>();
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) {
    *problem = "hex of odd length";
    return false;
  }
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      *problem = "not a hex digit in \"hex\"";
      return false;
    }
    bytes += static_cast<char>(hi << 4 | lo);
  }
  out->bytes = std::move(bytes);
  return true;
}

json SurveyToJson(const Survey& survey) {
  json j = ToJsonFields(survey);
  if (survey.redacted) j["redacted"] = true;
  return j;
}

bool ParseSurvey(const std::string& text, Survey* survey, std::string* error) {
  error->clear();
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    std::string what = e.what();
    auto pos = what.find("] ");
    *error = "not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2));
    return false;
  }
  *survey = Survey{};
  JsonReader r(j, "", error);
  if (!r.IsObject()) return false;
  Fields(*survey, FieldReader(&r));
  r.Bool("redacted", &survey->redacted);
  if (r.ok() && survey->schema != kSurveySchema)
    r.Fail("/schema",
           "this netfix reads '" + std::string(kSurveySchema) + "', not '" + survey->schema + "'");
  return r.ok();
}

}  // namespace netfix::model
