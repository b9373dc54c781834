// Multicast DNS (RFC 6762) and DNS-based service discovery (RFC 6763): the
// queries netfix sends to 224.0.0.251:5353 and the answers devices send
// back. DNS messages with mDNS's differences: every section is read (the
// useful records often come as additional records), the top bit of the
// class is the cache-flush (records) or unicast-response (questions) bit,
// names are UTF-8 with spaces ("Living Room TV._googlecast._tcp.local"),
// and TXT values are bytes.
//
// Names are kept as text with '.' between labels; a '.' or '\' inside a
// label is written "\." or "\\" (RFC 6763 §4.3), all other bytes as they
// came. Compare them with DnsNamesEqual (wire/dns.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr const char* kMdnsGroup = "224.0.0.251";
inline constexpr std::uint16_t kMdnsPort = 5353;
/// The DNS-SD meta-query: PTR records for every service type on the link.
inline constexpr const char* kDnsSdServices = "_services._dns-sd._udp.local";

struct MdnsQuestion {
  std::string name;
  std::uint16_t type = 0;
  bool unicast_response = false;  ///< the QU bit
};

/// A query with these questions (class IN). With a non-zero `id` and a
/// source port other than 5353 it is a legacy unicast query (RFC 6762 §6.7):
/// responders answer to the sender's address and port. nullopt when a name
/// cannot be encoded or the message would exceed 1400 bytes.
std::optional<std::vector<std::uint8_t>> BuildMdnsQuery(std::uint16_t id,
                                                        const std::vector<MdnsQuestion>& questions);

enum class MdnsSection { kAnswer, kAuthority, kAdditional };

struct MdnsRecord {
  MdnsSection section = MdnsSection::kAnswer;
  std::string name;
  std::uint16_t type = 0;
  std::uint16_t klass = 0;  ///< without the cache-flush bit
  bool cache_flush = false;
  std::uint32_t ttl = 0;
  std::string target;  ///< PTR: the instance (or type) name; SRV: the host
  std::uint16_t priority = 0, weight = 0, port = 0;  ///< SRV
  std::vector<std::string> txt;                      ///< TXT: the strings, as bytes
  std::string address;                               ///< A / AAAA as text
};

struct MdnsMessage {
  std::uint16_t id = 0;
  bool is_response = false;
  bool truncated = false;
  int rcode = 0;
  std::vector<MdnsQuestion> questions;
  std::vector<MdnsRecord> records;  ///< all sections, in order
  /// False when something could not be read: a record whose data was broken
  /// was skipped (the rest kept), or the message broke off (what came before
  /// kept).
  bool complete = true;
  int skipped_records = 0;
};

/// nullopt only when even the 12-byte header is missing.
std::optional<MdnsMessage> ParseMdnsMessage(Bytes message);

/// The label text for a name made of `labels` (escaping '.' and '\').
std::string JoinDnsLabels(const std::vector<std::string>& labels);
/// The reverse: splits on unescaped dots and unescapes; nullopt for an
/// empty label or a label over 63 bytes.
std::optional<std::vector<std::string>> SplitDnsName(std::string_view name);

/// TXT strings as key/value pairs (RFC 6763 §6.3): "key=value", "key" (no
/// value: empty), an empty string or one starting with '=' is skipped. A
/// key repeated is ignored after its first appearance. Values are bytes.
std::vector<std::pair<std::string, std::string>> ParseTxtStrings(
    const std::vector<std::string>& strings);

}  // namespace netfix::wire
