// A small HTTP client for talking to devices on the LAN (UPnP descriptions,
// SOAP control). Deliberately narrow: plain http only, no proxy, no
// redirects (a 3xx is an error, never followed), no cookies, no content
// decoding, and hard limits on time and size. The real implementation is
// libcurl (MakeCurlHttpClient); tests use tests/support/fake_http.h.
//
// A client is used by one thread at a time; make one per thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace netfix::io {

struct HttpLimits {
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds total_timeout{1000};
  std::size_t max_body_bytes = 256 * 1024;
  /// Set by another thread to abort the transfer (Ctrl-C, deadline).
  const std::atomic<bool>* cancel = nullptr;
};

enum class HttpErrorKind {
  kNone,       ///< a response came (any status except 3xx)
  kBadUrl,     ///< not an absolute http:// URL
  kConnect,    ///< could not connect (refused, unreachable, connect timeout)
  kTimeout,    ///< connected, but no complete answer within total_timeout
  kTooLarge,   ///< the body exceeded max_body_bytes (what fit is kept)
  kRedirect,   ///< a 3xx: refused, not followed
  kProtocol,   ///< not HTTP, or broken HTTP
  kCancelled,  ///< limits.cancel was set
  kOther,
};

const char* ToString(HttpErrorKind kind);

struct HttpResponse {
  int status = 0;  ///< 0 when no status line arrived
  std::string body;
  bool truncated = false;  ///< body cut at max_body_bytes
  HttpErrorKind error = HttpErrorKind::kNone;
  /// Names the place: "GET http://192.168.1.1:49000/igd.xml: connection refused".
  std::string error_message;
  bool ok() const { return error == HttpErrorKind::kNone; }
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual HttpResponse Get(const std::string& url, const HttpLimits& limits) = 0;
  virtual HttpResponse Post(const std::string& url, const HttpHeaders& headers,
                            const std::string& body, const HttpLimits& limits) = 0;
};

/// libcurl (one easy handle, reused for keep-alive). curl_global_init runs
/// once per process, on the first call.
std::unique_ptr<HttpClient> MakeCurlHttpClient();

}  // namespace netfix::io
