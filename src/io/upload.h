// Uploading a file to a support server: one HTTPS POST per attempt. Unlike
// io::HttpClient (plain http to devices on the LAN), this talks to a server
// on the internet and carries a secret, so its rules are stricter: https
// only, TLS verification always on (no option turns it off), redirects
// never followed, the token only ever in the Authorization header. The real
// implementation is libcurl (MakeCurlUploader); tests use
// tests/support/fake_uploader.h. Retries, backoff and the messages for the
// user are in io/upload_policy.h.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "io/http.h"

namespace netfix::io {

struct UploadRequest {
  std::string url;  ///< https:// only
  std::string body;
  HttpHeaders headers;       ///< Content-Type, X-Netfix-Schema ...
  std::string bearer_token;  ///< sent as "Authorization: Bearer ..."; never in a message
  std::string ca_file;       ///< PEM bundle to trust instead of the system's; "" = system
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};  ///< one attempt, connect included
  std::size_t max_response_bytes = 64 * 1024;
  const std::atomic<bool>* cancel = nullptr;
};

/// Why an attempt failed. Each kind has its own message and hint
/// (io/upload_policy.h) and its own answer to "worth another attempt?".
enum class UploadError {
  kNone,              ///< the server answered (any status; see UploadResponse::status)
  kBadUrl,            ///< not an https:// URL curl accepts
  kResolve,           ///< the server's name does not resolve
  kUnreachable,       ///< no route to the server (network down, host unreachable)
  kRefused,           ///< nothing listens on that port
  kConnectTimeout,    ///< no connection within connect_timeout
  kTimeout,           ///< connected, but no complete answer within total_timeout
  kCertUntrusted,     ///< the certificate is not signed by a trusted CA
  kCertExpired,       ///< expired or not yet valid
  kCertNameMismatch,  ///< the certificate is for another name
  kCertInvalid,       ///< any other verification failure
  kCaFile,            ///< --ca-file cannot be read or holds no certificate
  kTls,               ///< the TLS handshake failed (not TLS, no common version ...)
  kRedirect,          ///< a 3xx: refused, not followed
  kProtocol,          ///< broken HTTP, connection closed mid-answer
  kResponseTooLarge,  ///< the answer exceeded max_response_bytes
  kCancelled,         ///< request.cancel was set
  kOther,
};

const char* ToString(UploadError error);

struct UploadResponse {
  UploadError error = UploadError::kNone;
  int status = 0;  ///< the HTTP status; 0 when none arrived
  std::string body;
  std::string content_type;          ///< of the answer, lower case, without parameters
  std::optional<int> retry_after_s;  ///< a Retry-After in seconds, when the server sent one
  std::string location;              ///< a 3xx's Location
  std::string detail;                ///< libcurl's words about the failure
  bool ok() const { return error == UploadError::kNone; }
};

class Uploader {
 public:
  virtual ~Uploader() = default;
  /// One attempt: POST request.body to request.url.
  virtual UploadResponse Post(const UploadRequest& request) = 0;
};

/// libcurl. curl_global_init runs once per process, on the first call.
std::unique_ptr<Uploader> MakeCurlUploader();

}  // namespace netfix::io
