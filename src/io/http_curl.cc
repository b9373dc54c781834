// HttpClient on libcurl: one easy handle driven through a multi handle, so
// that the transfer can be polled in short slices and cancelled within
// ~50 ms (the easy interface would only look at a cancel flag about once a
// second while it waits).
#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "io/curl_handles.h"
#include "io/http.h"
#include "version.h"

namespace netfix::io {

namespace {

constexpr int kPollSliceMs = 50;

using curl::EasyHandle;
using curl::GlobalInitOnce;
using curl::MultiHandle;
using curl::Slist;

struct Sink {
  std::string* body = nullptr;
  std::size_t max = 0;
  bool truncated = false;
};

std::size_t Write(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t n = size * count;
  std::size_t room = sink->max - std::min(sink->max, sink->body->size());
  if (n > room) {
    sink->body->append(data, room);
    sink->truncated = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

bool IsHttpUrl(const std::string& url) {
  if (url.size() < 8) return false;
  std::string scheme = url.substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "http://";
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient() : easy_(curl_easy_init()), multi_(curl_multi_init()) {}

  HttpResponse Get(const std::string& url, const HttpLimits& limits) override {
    return Perform("GET", url, {}, nullptr, limits);
  }
  HttpResponse Post(const std::string& url, const HttpHeaders& headers, const std::string& body,
                    const HttpLimits& limits) override {
    return Perform("POST", url, headers, &body, limits);
  }

 private:
  HttpResponse Perform(const char* method, const std::string& url, const HttpHeaders& headers,
                       const std::string* body, const HttpLimits& limits) {
    HttpResponse out;
    std::string where = std::string(method) + " " + url + ": ";
    auto fail = [&](HttpErrorKind kind, const std::string& message) {
      out.error = kind;
      out.error_message = where + message;
      return out;
    };
    if (!IsHttpUrl(url)) return fail(HttpErrorKind::kBadUrl, "not an http:// URL");
    if (!easy_ || !multi_) return fail(HttpErrorKind::kOther, "cannot initialise libcurl");
    CURL* h = easy_.get();
    curl_easy_reset(h);
    char errors[CURL_ERROR_SIZE] = {};
    Sink sink{&out.body, limits.max_body_bytes, false};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP));
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP));
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(limits.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total_timeout.count()));
    // No CURLOPT_MAXFILESIZE: an oversized body is read up to the limit and
    // cut there (Write), whether or not it announced its length, so that the
    // caller can still read what fits.
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "netfix/" NETFIX_VERSION " UPnP/1.1");
    Slist list;
    for (const auto& [name, value] : headers) {
      std::string line = name + ": " + value;
      curl_slist* grown = curl_slist_append(list.get(), line.c_str());
      if (grown == nullptr) return fail(HttpErrorKind::kOther, "out of memory");
      (void)list.release();
      list.reset(grown);
    }
    if (body != nullptr) {
      // No "Expect: 100-continue" round trip: devices handle it badly.
      curl_slist* grown = curl_slist_append(list.get(), "Expect:");
      if (grown == nullptr) return fail(HttpErrorKind::kOther, "out of memory");
      (void)list.release();
      list.reset(grown);
      curl_easy_setopt(h, CURLOPT_POST, 1L);
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->c_str());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    }
    if (list) curl_easy_setopt(h, CURLOPT_HTTPHEADER, list.get());

    CURLcode code = Run(limits);
    if (code == CURLE_ABORTED_BY_CALLBACK) return fail(HttpErrorKind::kCancelled, "stopped");
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    out.truncated = sink.truncated;
    std::string detail = errors[0] != '\0' ? errors : curl_easy_strerror(code);
    switch (code) {
      case CURLE_OK: break;
      case CURLE_WRITE_ERROR:
      case CURLE_FILESIZE_EXCEEDED:
        out.truncated = true;
        return fail(HttpErrorKind::kTooLarge,
                    "body larger than " + std::to_string(limits.max_body_bytes / 1024) + " KiB");
      case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connected = 0;
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connected);
        if (connected == 0)
          return fail(
              HttpErrorKind::kConnect,
              "no connection within " + std::to_string(limits.connect_timeout.count()) + " ms");
        return fail(
            HttpErrorKind::kTimeout,
            "no complete answer within " + std::to_string(limits.total_timeout.count()) + " ms");
      }
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST: return fail(HttpErrorKind::kConnect, detail);
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL: return fail(HttpErrorKind::kBadUrl, detail);
      case CURLE_WEIRD_SERVER_REPLY:
      case CURLE_GOT_NOTHING:
      case CURLE_RECV_ERROR:
      case CURLE_PARTIAL_FILE:
      case CURLE_HTTP2:
      case CURLE_BAD_CONTENT_ENCODING: return fail(HttpErrorKind::kProtocol, detail);
      default: return fail(HttpErrorKind::kOther, detail);
    }
    if (status >= 300 && status < 400) {
      char* location = nullptr;
      curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location);
      return fail(HttpErrorKind::kRedirect,
                  "redirect refused (HTTP " + std::to_string(status) +
                      (location ? std::string(" to ") + location : std::string()) + ")");
    }
    return out;
  }

  // Drives the transfer in slices; CURLE_ABORTED_BY_CALLBACK when cancelled.
  CURLcode Run(const HttpLimits& limits) {
    CURL* h = easy_.get();
    if (curl_multi_add_handle(multi_.get(), h) != CURLM_OK) return CURLE_FAILED_INIT;
    CURLcode result = CURLE_OK;
    int running = 1;
    while (true) {
      if (limits.cancel != nullptr && limits.cancel->load()) {
        result = CURLE_ABORTED_BY_CALLBACK;
        break;
      }
      if (curl_multi_perform(multi_.get(), &running) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
      if (running == 0) {
        int left = 0;
        result = CURLE_GOT_NOTHING;
        while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left))
          if (msg->msg == CURLMSG_DONE && msg->easy_handle == h) result = msg->data.result;
        break;
      }
      int fds = 0;
      curl_multi_poll(multi_.get(), nullptr, 0, kPollSliceMs, &fds);
    }
    curl_multi_remove_handle(multi_.get(), h);
    return result;
  }

  EasyHandle easy_;
  MultiHandle multi_;
};

}  // namespace

const char* ToString(HttpErrorKind kind) {
  switch (kind) {
    case HttpErrorKind::kNone: return "none";
    case HttpErrorKind::kBadUrl: return "bad-url";
    case HttpErrorKind::kConnect: return "connect";
    case HttpErrorKind::kTimeout: return "timeout";
    case HttpErrorKind::kTooLarge: return "too-large";
    case HttpErrorKind::kRedirect: return "redirect";
    case HttpErrorKind::kProtocol: return "protocol";
    case HttpErrorKind::kCancelled: return "cancelled";
    case HttpErrorKind::kOther: return "other";
  }
  return "other";
}

std::unique_ptr<HttpClient> MakeCurlHttpClient() {
  GlobalInitOnce();
  return std::make_unique<CurlHttpClient>();
}

}  // namespace netfix::io
