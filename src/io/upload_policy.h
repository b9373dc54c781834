// The rules around an upload to a support server, apart from the transport
// (io/upload.h): which URLs and tokens are acceptable, what a file is sent
// as, which failures are worth another attempt and how long to wait before
// it, and what the user is told when it fails. Pure but for the Sleeper,
// which tests replace.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "io/upload.h"

namespace netfix::io {

struct RetryPolicy {
  int max_attempts = 3;
  /// Before the second attempt; doubled before each further one (1 s, 2 s).
  std::chrono::milliseconds first_backoff{1000};
  /// A server's Retry-After is honoured up to this; beyond it, this.
  std::chrono::milliseconds max_backoff{10000};
};

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepFor(std::chrono::milliseconds duration) = 0;
};

/// std::this_thread::sleep_for.
Sleeper& RealSleeper();

struct UploadOutcome {
  UploadResponse last;  ///< the last attempt's answer
  int attempts = 0;
  bool ok() const;  ///< the last attempt got a 2xx
};

/// A 2xx answer.
bool Succeeded(const UploadResponse& response);

/// Worth another attempt: the server could not be reached or was too slow
/// (DNS, no route, refused, timeouts) or said "later" (5xx, 429). Never a
/// 4xx, a certificate problem, a redirect or a broken-off answer (the server
/// may already have the file).
bool IsRetryable(const UploadResponse& response);

/// Called after a failed attempt that will be retried, with the wait before the next one.
using RetryObserver =
    std::function<void(int attempt, const UploadResponse& failed, std::chrono::milliseconds wait)>;

/// Up to policy.max_attempts attempts, with backoff in between for
/// retryable failures only.
UploadOutcome PostWithRetries(Uploader& uploader, const UploadRequest& request,
                              const RetryPolicy& policy, Sleeper& sleeper,
                              const RetryObserver& on_retry = {});

/// What went wrong, for "netfix: error: MESSAGE" and "netfix: hint: HINT".
struct UploadProblem {
  std::string message;
  std::string hint;
};

/// The user's message for a failed outcome (!outcome.ok()). Names the
/// server, the libcurl reason or the HTTP status, and quotes the server's
/// short answer when it is text. Never contains the token.
UploadProblem ExplainFailure(const UploadOutcome& outcome, const UploadRequest& request);

/// Why `url` is not acceptable as a destination ("" when it is): https://
/// only, a host, no user name or password in it, no token-like query
/// parameter, and not `token` itself anywhere in it.
std::string CheckUploadUrl(const std::string& url, const std::string& token);

/// Why `token` cannot go into an Authorization header ("" when it can).
std::string CheckToken(const std::string& token);

/// The host (and port, when given) of an http(s) URL, for messages.
std::string HostOf(const std::string& url);

/// What a file is sent as.
struct UploadContent {
  std::string content_type;  ///< "application/json", "text/html; charset=utf-8", ...
  std::string schema;        ///< JSON: the file's "schema" field ("netfix.report/1"); else ""
};

/// The content type of a netfix file from its name and first bytes: JSON with
/// a "netfix.*" schema (snapshot, report, survey), HTML, Markdown or text.
/// nullopt with `error` set for anything else.
std::optional<UploadContent> ClassifyUpload(const std::string& path, const std::string& bytes,
                                            std::string* error);

}  // namespace netfix::io
