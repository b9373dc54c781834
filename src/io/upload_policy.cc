#include "io/upload_policy.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "report/sanitize.h"
#include "util/strings.h"

namespace netfix::io {

namespace {

class ThreadSleeper final : public Sleeper {
 public:
  void SleepFor(std::chrono::milliseconds duration) override {
    std::this_thread::sleep_for(duration);
  }
};

constexpr std::size_t kMaxQuotedAnswer = 200;

std::string Seconds(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + " s";
  return util::FormatFixed(static_cast<double>(ms.count()) / 1000.0, 1) + " s";
}

// The server's answer, when it is short text worth quoting: a JSON object's
// "error" or "message", else the text itself on one line.
std::string ShortAnswer(const UploadResponse& r) {
  const std::string& type = r.content_type;
  bool text = type.rfind("text/", 0) == 0 || type == "application/json" ||
              type == "application/problem+json";
  if (!text || r.body.empty()) return "";
  std::string answer = r.body;
  if (type.find("json") != std::string::npos) {
    auto json = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (json.is_object()) {
      for (const char* key : {"error", "message", "detail", "title"}) {
        if (json.contains(key) && json[key].is_string()) {
          answer = json[key].get<std::string>();
          break;
        }
      }
    }
  }
  std::replace(answer.begin(), answer.end(), '\n', ' ');
  std::replace(answer.begin(), answer.end(), '\r', ' ');
  answer = util::Trim(answer);
  if (answer.empty() || answer.size() > kMaxQuotedAnswer) return "";
  return report::EscapeUntrusted(answer);
}

std::string Attempts(const UploadOutcome& outcome) {
  if (outcome.attempts <= 1) return "";
  return " (" + std::to_string(outcome.attempts) + " attempts)";
}

UploadProblem ExplainStatus(const UploadOutcome& outcome, const UploadRequest& request) {
  const UploadResponse& r = outcome.last;
  std::string host = HostOf(request.url);
  std::string said = ShortAnswer(r);
  std::string quote = said.empty() ? "" : ": \"" + said + "\"";
  std::string http = "HTTP " + std::to_string(r.status);
  int s = r.status;
  if (s == 401)
    return {host + " did not accept the token (" + http + ")" + quote,
            "check NETFIX_SEND_TOKEN: use the token support gave you with the upload address"};
  if (s == 403)
    return {host + " does not allow this token to upload here (" + http + ")" + quote,
            "ask support for a token and address that fit together"};
  if (s == 404)
    return {"there is no upload address at " + request.url + " (" + http + ")" + quote,
            "check the URL given with --to"};
  if (s == 413)
    return {host + " refuses a file this large (" + http + ", " +
                std::to_string(request.body.size() / 1024) + " KiB)" + quote,
            "send the JSON snapshot or report instead of the HTML, or ask support for another way"};
  if (s == 415)
    return {host + " does not take this kind of file (" + http + ")" + quote,
            "send the JSON snapshot or report ('netfix scan -o FILE.json')"};
  if (s == 429)
    return {host + " is busy (" + http + ")" + quote + Attempts(outcome),
            "try again in a few minutes"};
  if (s >= 500)
    return {host + " failed to take the file (" + http + ")" + quote + Attempts(outcome),
            "the problem is on the server's side; try again later"};
  if (s >= 400)
    return {host + " refused the file (" + http + ")" + quote,
            "ask support whether the address and the file are right"};
  return {host + " answered " + http + quote + " instead of taking the file",
          "ask support whether the address is right"};
}

bool IsTokenParameter(std::string name) {
  name = util::ToLower(name);
  static const std::vector<std::string> kNames = {
      "token",  "access_token", "auth",     "authorization", "key",    "api_key",
      "apikey", "api-key",      "password", "passwd",        "pass",   "secret",
      "sig",    "signature",    "bearer",   "jwt",           "session"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::string Extension(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return util::ToLower(path.substr(dot));
}

}  // namespace

Sleeper& RealSleeper() {
  static ThreadSleeper sleeper;
  return sleeper;
}

bool Succeeded(const UploadResponse& response) {
  return response.ok() && response.status >= 200 && response.status < 300;
}

bool UploadOutcome::ok() const {
  return Succeeded(last);
}

bool IsRetryable(const UploadResponse& r) {
  switch (r.error) {
    case UploadError::kNone: return r.status >= 500 || r.status == 429;
    case UploadError::kResolve:
    case UploadError::kUnreachable:
    case UploadError::kRefused:
    case UploadError::kConnectTimeout:
    case UploadError::kTimeout: return true;
    default: return false;
  }
}

UploadOutcome PostWithRetries(Uploader& uploader, const UploadRequest& request,
                              const RetryPolicy& policy, Sleeper& sleeper,
                              const RetryObserver& on_retry) {
  UploadOutcome outcome;
  std::chrono::milliseconds backoff = policy.first_backoff;
  for (int attempt = 1; attempt <= std::max(1, policy.max_attempts); ++attempt) {
    outcome.last = uploader.Post(request);
    outcome.attempts = attempt;
    if (Succeeded(outcome.last) || !IsRetryable(outcome.last)) break;
    if (attempt == policy.max_attempts) break;
    if (request.cancel != nullptr && request.cancel->load()) break;
    std::chrono::milliseconds wait = backoff;
    if (outcome.last.retry_after_s)
      wait = std::chrono::milliseconds(int64_t{*outcome.last.retry_after_s} * 1000);
    wait = std::min(wait, policy.max_backoff);
    if (on_retry) on_retry(attempt, outcome.last, wait);
    sleeper.SleepFor(wait);
    backoff *= 2;
  }
  return outcome;
}

UploadProblem ExplainFailure(const UploadOutcome& outcome, const UploadRequest& request) {
  const UploadResponse& r = outcome.last;
  std::string host = HostOf(request.url);
  std::string why = r.detail.empty() ? "" : " (" + report::EscapeUntrusted(r.detail) + ")";
  std::string tries = Attempts(outcome);
  const std::string offline =
      "check the address, and that this computer is online ('netfix check' finds out why not)";
  const std::string intercept =
      "do not send anything until this is explained: someone may be intercepting the connection";
  switch (r.error) {
    case UploadError::kNone: return ExplainStatus(outcome, request);
    case UploadError::kBadUrl:
      return {"cannot send to '" + request.url + "': not a usable https:// URL" + why,
              "give the address as https://HOST/PATH"};
    case UploadError::kResolve:
      return {"cannot reach " + host + ": the name does not resolve (DNS)" + tries, offline};
    case UploadError::kUnreachable:
      return {"cannot reach " + host + ": no route to the server" + why + tries, offline};
    case UploadError::kRefused:
      return {host + " refused the connection: nothing listens there" + tries,
              "check the port in the URL; otherwise the server is down, try again later"};
    case UploadError::kConnectTimeout:
      return {"no connection to " + host + " within " + Seconds(request.connect_timeout) + tries,
              "a firewall may drop the connection, or the server is down; try again later"};
    case UploadError::kTimeout:
      return {host + " did not answer within " + Seconds(request.total_timeout) + tries,
              "try again later, or allow more time with --timeout SECONDS"};
    case UploadError::kCertUntrusted:
      return {"the certificate of " + host + " is not signed by a trusted authority" + why,
              "if support runs its own certificate authority, give its certificate with "
              "--ca-file FILE; otherwise " +
                  intercept};
    case UploadError::kCertExpired:
      return {"the certificate of " + host + " has expired or is not valid yet" + why,
              "check this computer's date and time; if they are right, tell support that their "
              "certificate has expired"};
    case UploadError::kCertNameMismatch:
      return {"the certificate of " + host + " is for another name" + why,
              "check the host name in the URL; if it is right, " + intercept};
    case UploadError::kCertInvalid:
      return {"the certificate of " + host + " is not valid" + why, intercept};
    case UploadError::kCaFile:
      return {"cannot use the CA file '" + request.ca_file + "'" + why,
              "--ca-file takes a PEM file with the certificate of support's certificate "
              "authority"};
    case UploadError::kTls:
      return {"no secure connection to " + host + why,
              "check that the URL names an HTTPS port of the server"};
    case UploadError::kRedirect:
      return {host + " answered with a redirect (HTTP " + std::to_string(r.status) +
                  (r.location.empty() ? "" : " to " + report::EscapeUntrusted(r.location)) +
                  "); netfix does not follow redirects",
              "if you trust the new address, send there with --to"};
    case UploadError::kProtocol:
      return {"the connection to " + host + " broke off" + why,
              "the file may or may not have arrived; ask support, or try again later"};
    case UploadError::kResponseTooLarge:
      return {host + "'s answer is larger than " +
                  std::to_string(request.max_response_bytes / 1024) + " KiB",
              "the file may have arrived; ask support"};
    case UploadError::kCancelled: return {"sending to " + host + " was stopped", ""};
    case UploadError::kOther: break;
  }
  return {"sending to " + host + " failed" + why, "try again later"};
}

std::string HostOf(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  std::size_t at = authority.rfind('@');
  if (at != std::string::npos) authority = authority.substr(at + 1);
  return report::EscapeUntrusted(authority);
}

std::string CheckUploadUrl(const std::string& url, const std::string& token) {
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f) return "the URL contains spaces or control characters";
  std::string lower = util::ToLower(url);
  if (lower.rfind("https://", 0) != 0) {
    if (lower.rfind("http://", 0) == 0)
      return "'" + url + "' is plain http: netfix sends only over https://";
    return "'" + url + "' is not an https:// URL";
  }
  if (!token.empty() && url.find(token) != std::string::npos)
    return "the URL contains the token: it would end up in logs and histories";
  std::size_t start = 8;
  std::size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (authority.find('@') != std::string::npos)
    return "the URL contains a user name or password: it would end up in logs and histories";
  if (authority.empty() || authority[0] == ':') return "the URL names no server";
  std::size_t query = url.find('?');
  if (query != std::string::npos) {
    std::string rest = url.substr(query + 1, url.find('#', query) - query - 1);
    std::size_t pos = 0;
    while (pos <= rest.size()) {
      std::size_t next = rest.find_first_of("&;", pos);
      std::string pair = rest.substr(pos, next == std::string::npos ? next : next - pos);
      std::string name = pair.substr(0, pair.find('='));
      if (IsTokenParameter(name))
        return "the URL carries a secret in its query ('" + name +
               "='): it would end up in logs and histories";
      if (next == std::string::npos) break;
      pos = next + 1;
    }
  }
  return "";
}

std::string CheckToken(const std::string& token) {
  if (token.empty()) return "NETFIX_SEND_TOKEN is empty";
  if (token.size() > 8192) return "NETFIX_SEND_TOKEN is longer than 8192 characters";
  for (unsigned char c : token)
    if (c <= 0x20 || c >= 0x7f)
      return "NETFIX_SEND_TOKEN contains spaces, control characters or non-ASCII characters";
  return "";
}

std::optional<UploadContent> ClassifyUpload(const std::string& path, const std::string& bytes,
                                            std::string* error) {
  std::string ext = Extension(path);
  std::size_t first = bytes.find_first_not_of(" \t\r\n");
  std::string head = util::ToLower(bytes.substr(first == std::string::npos ? 0 : first, 64));
  if (ext == ".json" || (ext.empty() && head.rfind("{", 0) == 0)) {
    auto json = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) {
      *error = "'" + path + "' is not valid JSON";
      return std::nullopt;
    }
    auto schema = json.find("schema");
    if (schema == json.end() || !schema->is_string() ||
        schema->get<std::string>().rfind("netfix.", 0) != 0) {
      *error = "'" + path + "' is not a netfix file (no \"schema\": \"netfix.…\" in it)";
      return std::nullopt;
    }
    return UploadContent{"application/json", report::EscapeUntrusted(schema->get<std::string>())};
  }
  if (ext == ".html" || ext == ".htm" ||
      (ext.empty() && (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0)))
    return UploadContent{"text/html; charset=utf-8", ""};
  if (ext == ".md" || ext == ".markdown") return UploadContent{"text/markdown; charset=utf-8", ""};
  if (ext == ".txt") return UploadContent{"text/plain; charset=utf-8", ""};
  *error = "'" + path + "' is neither JSON, HTML, Markdown nor text";
  return std::nullopt;
}

}  // namespace netfix::io
