// SSDP (UPnP discovery, UDA 1.1 §1): HTTP-like messages over UDP. Netfix
// sends M-SEARCH requests and reads the 200 OK responses; the passive
// listener reads NOTIFY announcements. Devices are sloppy: LF-only lines, a
// missing final blank line, odd header case, duplicate headers. The parser
// takes what it can read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/snapshot.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr const char* kSsdpGroup = "239.255.255.250";
inline constexpr std::uint16_t kSsdpPort = 1900;

enum class SsdpKind {
  kSearch,    ///< "M-SEARCH * HTTP/1.1"
  kNotify,    ///< "NOTIFY * HTTP/1.1"
  kResponse,  ///< "HTTP/1.1 200 OK" (any status; see status_code)
};

struct SsdpParsed {
  SsdpKind kind = SsdpKind::kResponse;
  int status_code = 0;  ///< responses only
  /// Header names in lower case, values trimmed, in message order;
  /// duplicates are kept (Find returns the first).
  std::vector<std::pair<std::string, std::string>> headers;

  /// The first header called `lower_case_name`, or nullptr.
  const std::string* Find(std::string_view lower_case_name) const;
  /// The same, "" when absent.
  std::string Get(std::string_view lower_case_name) const;
};

/// nullopt when the first line is not an SSDP start line (NOTIFY, M-SEARCH
/// or an HTTP status line). Header lines without a colon are skipped; at
/// most 64 headers are kept, each value cut at 1024 bytes.
std::optional<SsdpParsed> ParseSsdp(std::string_view message);
inline std::optional<SsdpParsed> ParseSsdp(Bytes message) {
  return ParseSsdp(std::string_view(reinterpret_cast<const char*>(message.data()), message.size()));
}

/// An M-SEARCH for `target` (ST) with the given MX, to the IPv4 group.
std::string BuildMSearch(std::string_view target, int mx_seconds, std::string_view user_agent);

/// The snapshot's view of a response or NOTIFY: ST or NT as target, USN,
/// LOCATION, SERVER, NTS, and the other headers worth keeping (everything
/// except HOST, EXT, DATE, MAN, MX and CONTENT-LENGTH) in `headers`.
model::SsdpMessage ToSsdpMessage(const SsdpParsed& parsed, std::string how, std::string from_ip,
                                 int from_port, double after_ms);

}  // namespace netfix::wire
