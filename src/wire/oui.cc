#include "wire/oui.h"

#include <vector>

#include "util/strings.h"

namespace netfix::wire {

namespace {

// One CSV record starting at `pos`; advances `pos` past its line end.
std::vector<std::string> ReadCsvRecord(std::string_view text, std::size_t& pos) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  while (pos < text.size()) {
    char c = text[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < text.size() && text[pos] == '"') {
          field += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return fields;
}

std::optional<std::uint32_t> ParseHex24(std::string_view text) {
  if (text.size() != 6) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : text) {
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
    if (digit < 0) return std::nullopt;
    value = value << 4 | static_cast<std::uint32_t>(digit);
  }
  return value;
}

}  // namespace

OuiTable OuiTable::ParseCsv(std::string_view text) {
  OuiTable table;
  std::size_t pos = 0;
  bool header = true;
  while (pos < text.size()) {
    std::vector<std::string> fields = ReadCsvRecord(text, pos);
    if (header) {
      header = false;
      if (!fields.empty() && fields[0] == "Registry") continue;
    }
    if (fields.size() == 1 && util::Trim(fields[0]).empty()) continue;  // blank line
    std::optional<std::uint32_t> prefix;
    if (fields.size() >= 3 && fields[0] == "MA-L") prefix = ParseHex24(fields[1]);
    std::string vendor = fields.size() >= 3 ? util::Trim(fields[2]) : "";
    if (!prefix || vendor.empty()) {
      ++table.skipped_rows_;
      continue;
    }
    table.vendors_.emplace(*prefix, std::move(vendor));
  }
  return table;
}

std::optional<std::string> OuiTable::Lookup(std::uint32_t prefix) const {
  auto it = vendors_.find(prefix);
  if (it == vendors_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> OuiTable::Lookup(const MacAddress& mac) const {
  if (IsLocallyAdministered(mac)) return std::nullopt;
  return Lookup(OuiPrefix(mac));
}

}  // namespace netfix::wire
