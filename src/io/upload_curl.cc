// Uploader on libcurl's easy interface: one POST per call, https only,
// verification always on, every failure mapped to an UploadError from
// libcurl's code, the socket's errno and OpenSSL's verify result.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "io/curl_handles.h"
#include "io/upload.h"
#include "version.h"

namespace netfix::io {

namespace {

using curl::EasyHandle;
using curl::GlobalInitOnce;
using curl::Slist;

// X509_V_ERR_* (openssl/x509_vfy.h), as CURLINFO_SSL_VERIFYRESULT reports them.
constexpr long kX509UnableToGetIssuerCert = 2;
constexpr long kX509NotYetValid = 9;
constexpr long kX509Expired = 10;
constexpr long kX509SelfSigned = 18;
constexpr long kX509SelfSignedInChain = 19;
constexpr long kX509UnableToGetIssuerCertLocally = 20;
constexpr long kX509UnableToVerifyLeaf = 21;
constexpr long kX509HostnameMismatch = 62;

struct Received {
  UploadResponse* out = nullptr;
  std::size_t max = 0;
  bool too_large = false;
};

std::size_t WriteBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Received*>(user);
  std::size_t n = size * count;
  std::size_t room = r->max - std::min(r->max, r->out->body.size());
  if (n > room) {
    r->out->body.append(data, room);
    r->too_large = true;
    return 0;  // CURLE_WRITE_ERROR
  }
  r->out->body.append(data, n);
  return n;
}

std::string Trim(std::string s) {
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(s.back())) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && space(s[start])) ++start;
  return s.substr(start);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// One header line at a time; a new status line (after a 1xx) starts afresh.
std::size_t WriteHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Received*>(user);
  std::size_t n = size * count;
  std::string line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    r->out->content_type.clear();
    r->out->retry_after_s.reset();
    r->out->location.clear();
    return n;
  }
  std::size_t colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = Lower(Trim(line.substr(0, colon)));
  std::string value = Trim(line.substr(colon + 1));
  if (name == "content-type") {
    r->out->content_type = Lower(Trim(value.substr(0, value.find(';'))));
  } else if (name == "retry-after") {
    // Only the delta-seconds form; an HTTP date is ignored (the default backoff applies).
    if (!value.empty() && value.size() <= 6 &&
        std::all_of(value.begin(), value.end(),
                    [](unsigned char c) { return std::isdigit(c) != 0; }))
      r->out->retry_after_s = std::stoi(value);
  } else if (name == "location") {
    r->out->location = value;
  }
  return n;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel != nullptr && cancel->load() ? 1 : 0;
}

bool IsHttpsUrl(const std::string& url) {
  return Lower(url.substr(0, 8)) == "https://";
}

bool Append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return false;
  (void)list.release();
  list.reset(grown);
  return true;
}

UploadError CertificateError(CURL* h, const std::string& detail) {
  long verify = 0;
  curl_easy_getinfo(h, CURLINFO_SSL_VERIFYRESULT, &verify);
  switch (verify) {
    case kX509NotYetValid:
    case kX509Expired: return UploadError::kCertExpired;
    case kX509UnableToGetIssuerCert:
    case kX509SelfSigned:
    case kX509SelfSignedInChain:
    case kX509UnableToGetIssuerCertLocally:
    case kX509UnableToVerifyLeaf: return UploadError::kCertUntrusted;
    case kX509HostnameMismatch: return UploadError::kCertNameMismatch;
    default: break;
  }
  // libcurl checks the name itself after OpenSSL accepted the chain.
  std::string d = Lower(detail);
  if (d.find("subject name") != std::string::npos || d.find("does not match") != std::string::npos)
    return UploadError::kCertNameMismatch;
  return UploadError::kCertInvalid;
}

UploadError ConnectError(CURL* h) {
  long os_errno = 0;
  curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
  switch (os_errno) {
    case ECONNREFUSED: return UploadError::kRefused;
    case ETIMEDOUT: return UploadError::kConnectTimeout;
    default: return UploadError::kUnreachable;  // ENETUNREACH, EHOSTUNREACH, ...
  }
}

class CurlUploader final : public Uploader {
 public:
  CurlUploader() : easy_(curl_easy_init()) {}

  UploadResponse Post(const UploadRequest& request) override {
    UploadResponse out;
    auto fail = [&](UploadError error, std::string detail) {
      out.error = error;
      out.detail = std::move(detail);
      return out;
    };
    if (!IsHttpsUrl(request.url)) return fail(UploadError::kBadUrl, "not an https:// URL");
    if (!easy_) return fail(UploadError::kOther, "cannot initialise libcurl");
    CURL* h = easy_.get();
    curl_easy_reset(h);
    char errors[CURL_ERROR_SIZE] = {};
    Received received{&out, request.max_response_bytes, false};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTPS));
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    // Verification on, whatever libcurl's defaults or the environment say.
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!request.ca_file.empty()) {
      // The given bundle instead of the system's CAs, not in addition to them.
      curl_easy_setopt(h, CURLOPT_CAINFO, request.ca_file.c_str());
      curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);
    }
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &WriteHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &received);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &OnProgress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(request.cancel));
    curl_easy_setopt(h, CURLOPT_USERAGENT, "netfix/" NETFIX_VERSION);

    Slist list;
    for (const auto& [name, value] : request.headers)
      if (!Append(list, name + ": " + value)) return fail(UploadError::kOther, "out of memory");
    if (!request.bearer_token.empty() &&
        !Append(list, "Authorization: Bearer " + request.bearer_token))
      return fail(UploadError::kOther, "out of memory");
    // No "Expect: 100-continue" round trip: one request, one answer.
    if (!Append(list, "Expect:")) return fail(UploadError::kOther, "out of memory");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list.get());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));

    CURLcode code = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    std::string detail = errors[0] != '\0' ? Trim(errors) : curl_easy_strerror(code);
    switch (code) {
      case CURLE_OK: break;
      case CURLE_ABORTED_BY_CALLBACK: return fail(UploadError::kCancelled, "stopped");
      case CURLE_WRITE_ERROR:
        if (received.too_large) return fail(UploadError::kResponseTooLarge, detail);
        return fail(UploadError::kOther, detail);
      case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connected = 0;
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connected);
        return fail(connected == 0 ? UploadError::kConnectTimeout : UploadError::kTimeout, detail);
      }
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY: return fail(UploadError::kResolve, detail);
      case CURLE_COULDNT_CONNECT: return fail(ConnectError(h), detail);
      case CURLE_PEER_FAILED_VERIFICATION: return fail(CertificateError(h, detail), detail);
      case CURLE_SSL_CACERT_BADFILE: return fail(UploadError::kCaFile, detail);
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_CERTPROBLEM: return fail(UploadError::kTls, detail);
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL: return fail(UploadError::kBadUrl, detail);
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_PARTIAL_FILE:
      case CURLE_WEIRD_SERVER_REPLY:
      case CURLE_HTTP2:
      case CURLE_HTTP2_STREAM: return fail(UploadError::kProtocol, detail);
      default: return fail(UploadError::kOther, detail);
    }
    if (status >= 300 && status < 400)
      return fail(UploadError::kRedirect, "HTTP " + std::to_string(status));
    return out;
  }

 private:
  EasyHandle easy_;
};

}  // namespace

const char* ToString(UploadError error) {
  switch (error) {
    case UploadError::kNone: return "none";
    case UploadError::kBadUrl: return "bad-url";
    case UploadError::kResolve: return "resolve";
    case UploadError::kUnreachable: return "unreachable";
    case UploadError::kRefused: return "refused";
    case UploadError::kConnectTimeout: return "connect-timeout";
    case UploadError::kTimeout: return "timeout";
    case UploadError::kCertUntrusted: return "cert-untrusted";
    case UploadError::kCertExpired: return "cert-expired";
    case UploadError::kCertNameMismatch: return "cert-name-mismatch";
    case UploadError::kCertInvalid: return "cert-invalid";
    case UploadError::kCaFile: return "ca-file";
    case UploadError::kTls: return "tls";
    case UploadError::kRedirect: return "redirect";
    case UploadError::kProtocol: return "protocol";
    case UploadError::kResponseTooLarge: return "response-too-large";
    case UploadError::kCancelled: return "cancelled";
    case UploadError::kOther: return "other";
  }
  return "other";
}

std::unique_ptr<Uploader> MakeCurlUploader() {
  GlobalInitOnce();
  return std::make_unique<CurlUploader>();
}

}  // namespace netfix::io
