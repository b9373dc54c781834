// The IEEE MA-L (OUI) registry as shipped by ieee-data: the vendor behind
// the first three bytes of a MAC address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "wire/addr.h"

namespace netfix::wire {

class OuiTable {
 public:
  /// Reads oui.csv ("Registry,Assignment,Organization Name,Organization
  /// Address", RFC 4180 quoting, quoted newlines allowed). Rows that are not
  /// MA-L with a 6-hex-digit assignment are counted in skipped_rows().
  static OuiTable ParseCsv(std::string_view text);

  /// The organisation for the MAC's prefix. Locally administered MACs have no
  /// registered vendor and always return nullopt.
  std::optional<std::string> Lookup(const MacAddress& mac) const;
  std::optional<std::string> Lookup(std::uint32_t prefix) const;

  std::size_t size() const { return vendors_.size(); }
  std::size_t skipped_rows() const { return skipped_rows_; }

 private:
  std::unordered_map<std::uint32_t, std::string> vendors_;
  std::size_t skipped_rows_ = 0;
};

}  // namespace netfix::wire
