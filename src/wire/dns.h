// DNS messages (RFC 1035): building the queries netfix sends and reading the
// answers, which come from whatever sits at the resolver's address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint16_t kDnsTypeA = 1;
inline constexpr std::uint16_t kDnsTypeCname = 5;
inline constexpr std::uint16_t kDnsTypePtr = 12;  // DNS-SD (wire/mdns.h)
inline constexpr std::uint16_t kDnsTypeTxt = 16;  // DNS-SD
inline constexpr std::uint16_t kDnsTypeAaaa = 28;
inline constexpr std::uint16_t kDnsTypeSrv = 33;  // DNS-SD
inline constexpr std::uint16_t kDnsClassIn = 1;

inline constexpr int kRcodeNoError = 0;
inline constexpr int kRcodeFormErr = 1;
inline constexpr int kRcodeServFail = 2;
inline constexpr int kRcodeNxDomain = 3;
inline constexpr int kRcodeNotImp = 4;
inline constexpr int kRcodeRefused = 5;

/// A standard query for `name` (one question, class IN). nullopt when the
/// name cannot be encoded: empty labels, a label over 63 bytes, a name over
/// 253 characters. A trailing dot is accepted.
std::optional<std::vector<std::uint8_t>> BuildDnsQuery(std::uint16_t id, std::string_view name,
                                                       std::uint16_t qtype,
                                                       bool recursion_desired = true);

struct DnsQuestion {
  std::string name;
  std::uint16_t type = 0;
  std::uint16_t klass = 0;
};

struct DnsRecord {
  std::string name;
  std::uint16_t type = 0;
  std::uint16_t klass = 0;
  std::uint32_t ttl = 0;
  /// A/AAAA: the address as text; CNAME: the target name; otherwise empty.
  std::string data;
};

struct DnsMessage {
  std::uint16_t id = 0;
  bool is_response = false;
  int opcode = 0;
  bool authoritative = false;
  bool truncated = false;
  bool recursion_desired = false;
  bool recursion_available = false;
  int rcode = 0;
  std::uint16_t answer_count = 0;  ///< as the header claims
  std::vector<DnsQuestion> questions;
  std::vector<DnsRecord> answers;
  /// False when the question or answer section could not be read in full
  /// (cut short, a compression loop, a pointer past the end): the header is
  /// still valid, the sections hold what came before the damage.
  bool complete = true;
};

/// nullopt only when even the 12-byte header is missing; see `complete`.
std::optional<DnsMessage> ParseDnsMessage(Bytes message);

/// "NOERROR", "SERVFAIL", "NXDOMAIN", "REFUSED" ... or "RCODE17".
std::string DnsRcodeName(int rcode);

/// Case-insensitive comparison of domain names, ignoring one trailing dot.
bool DnsNamesEqual(std::string_view a, std::string_view b);

}  // namespace netfix::wire
