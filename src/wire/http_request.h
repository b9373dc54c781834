// The head of an HTTP/1.x request (RFC 9112), as `netfix serve` reads it
// from the network: the request line and the header fields, bounded in
// size, with just the semantics a small server needs (Content-Length,
// Transfer-Encoding, Connection, Expect). Anything malformed is kBad, never
// a guess: request smuggling lives in lenient parsers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netfix::wire {

struct HttpRequestHead {
  std::string method;     ///< as sent (methods are case-sensitive)
  std::string target;     ///< origin-form: "/download?bytes=100"
  std::string path;       ///< the target before '?'
  std::string query;      ///< the target after '?' ("" when none)
  int minor_version = 1;  ///< HTTP/1.0 or HTTP/1.1
  /// Header fields in order; names lower case, values trimmed.
  std::vector<std::pair<std::string, std::string>> fields;
  std::optional<long long> content_length;
  bool chunked = false;          ///< any Transfer-Encoding
  bool keep_alive = true;        ///< HTTP/1.1 unless "close"; HTTP/1.0 only with "keep-alive"
  bool expect_continue = false;  ///< "Expect: 100-continue"
  std::size_t head_bytes = 0;    ///< bytes up to and including the empty line
};

enum class HeadStatus {
  kIncomplete,  ///< no empty line yet: read more
  kComplete,
  kTooLarge,  ///< no empty line within the limit
  kBad,       ///< malformed: answer 400 and close
};

struct HeadParse {
  HeadStatus status = HeadStatus::kIncomplete;
  HttpRequestHead head;  ///< when kComplete
  std::string error;     ///< when kBad: what was wrong
};

/// Parses the head at the start of `buffer` (which may hold more: the body,
/// the next request). Lines end with CRLF or a bare LF.
HeadParse ParseHttpRequestHead(std::string_view buffer, std::size_t max_head_bytes);

/// The value of `name` in "a=1&b=2" (no percent-decoding: netfix serve's
/// parameters are digits); nullopt when absent.
std::optional<std::string> QueryParameter(std::string_view query, std::string_view name);

}  // namespace netfix::wire
