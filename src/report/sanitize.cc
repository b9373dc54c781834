#include "report/sanitize.h"

#include <algorithm>
#include <cstdio>

namespace netfix::report {

namespace {

bool NeedsEscape(char32_t c) {
  if (c < 0x20 || c == 0x7f) return true;       // C0 (tab and newline too), DEL
  if (c >= 0x80 && c <= 0x9f) return true;      // C1: 0x9b is a one-byte CSI
  if (c == 0x200e || c == 0x200f) return true;  // left-to-right / right-to-left mark
  if (c >= 0x202a && c <= 0x202e) return true;  // bidi embedding and override
  if (c >= 0x2066 && c <= 0x2069) return true;  // bidi isolates
  if (c == 0x2028 || c == 0x2029) return true;  // line and paragraph separator
  return false;
}

std::string Hex(const char* format, unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
         (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
         (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
         (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
}

bool IsCombining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
         (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
         (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200b || c == 0x200c || c == 0x200d;
}

// Where text that happens to begin a line would start a heading, a list or
// a rule ("# x", "- x", "+ x", "12. x", "12) x", "---", "==="); npos if not.
size_t LeadingBlockMarker(const std::string& text) {
  if (text.empty()) return std::string::npos;
  auto ends_marker = [&](size_t i) { return i >= text.size() || text[i] == ' '; };
  char first = text[0];
  if (first == '#') return ends_marker(text.find_first_not_of('#')) ? 0 : std::string::npos;
  if ((first == '-' || first == '+') && ends_marker(1)) return 0;
  if ((first == '-' || first == '=') && text.find_first_not_of(first) == std::string::npos)
    return 0;
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')') &&
      ends_marker(digits + 1))
    return digits;
  return std::string::npos;
}

}  // namespace

int DecodeUtf8(std::string_view text, size_t pos, char32_t* code_point) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  int length;
  char32_t value;
  char32_t minimum;
  if ((lead & 0xe0) == 0xc0) {
    length = 2, value = lead & 0x1f, minimum = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3, value = lead & 0x0f, minimum = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (int i = 1; i < length; ++i) {
    unsigned char next = byte(pos + i);
    if ((next & 0xc0) != 0x80) return 0;
    value = (value << 6) | (next & 0x3f);
  }
  if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0;
  *code_point = value;
  return length;
}

std::string EscapeUntrusted(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    int length = DecodeUtf8(text, i, &c);
    if (length == 0) {
      out += Hex("\\x%02x", static_cast<unsigned char>(text[i]));
      i += 1;
      continue;
    }
    if (NeedsEscape(c)) {
      out += c < 0x80 ? Hex("\\x%02x", static_cast<unsigned>(c))
                      : Hex("\\u%04x", static_cast<unsigned>(c));
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string safe = EscapeUntrusted(text);
  std::string out;
  out.reserve(safe.size());
  for (char c : safe) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeMarkdown(std::string_view text) {
  std::string safe = EscapeUntrusted(text);
  std::string out;
  out.reserve(safe.size() + 8);
  size_t block_marker = LeadingBlockMarker(safe);
  for (size_t i = 0; i < safe.size(); ++i) {
    char c = safe[i];
    bool markup = c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' ||
                  c == '<' || c == '>' || c == '|' || c == '~' || c == '&';
    if (markup || i == block_marker) out += '\\';
    out += c;
  }
  return out;
}

std::string MarkdownCodeSpan(std::string_view text) {
  std::string safe = EscapeUntrusted(text);
  size_t longest = 0, run = 0;
  for (char c : safe) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  // A space on both sides keeps a leading or trailing backtick from merging
  // with the fence; CommonMark strips exactly one space on each side.
  bool pad = safe.empty() || safe.front() == '`' || safe.back() == '`' || safe.front() == ' ';
  std::string inner = pad ? " " + safe + " " : safe;
  return fence + inner + fence;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7e)) ++i;
      if (i < text.size()) ++i;
      continue;
    }
    char32_t c = 0;
    int length = DecodeUtf8(text, i, &c);
    if (length == 0) {
      width += 1;
      i += 1;
      continue;
    }
    if (!IsCombining(c)) width += IsWide(c) ? 2 : 1;
    i += length;
  }
  return width;
}

}  // namespace netfix::report
