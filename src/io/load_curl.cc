// LoadGenerator on libcurl's multi interface: one easy handle per stream,
// all driven on the calling thread in slices of a few milliseconds, so that
// the time cap, the byte cap and a stop are honoured within ~5 ms.
#include <curl/curl.h>
#include <linux/sockios.h>  // SIOCOUTQ
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "io/curl_handles.h"
#include "io/incompressible.h"
#include "io/load.h"
#include "version.h"
#include "wire/upnp_url.h"

namespace netfix::io {

const char* ToString(LoadDirection direction) {
  return direction == LoadDirection::kUpload ? "upload" : "download";
}

long long LoadRun::total_bytes() const {
  long long sum = 0;
  for (long long b : bytes) sum += b;
  return sum;
}

namespace {

constexpr long kPollSliceMs = 5;
constexpr auto kTickEvery = std::chrono::milliseconds(250);
constexpr int kMaxRequestsPerStream = 10000;
constexpr int kMaxRedirects = 5;
constexpr long kReceiveBuffer = 256 * 1024;
constexpr long kSendBuffer = 256 * 1024;

using curl::EasyHandle;
using curl::GlobalInitOnce;
using curl::MultiHandle;
using curl::Slist;

// Scheme, host and port: a redirect may change the path, nothing else.
std::string Origin(const std::string& url) {
  auto parsed = wire::ParseHttpUrl(url);
  if (!parsed) return "";
  std::string host = parsed->host;
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return parsed->scheme + "://" + host + ":" + std::to_string(parsed->port);
}

void CommonOptions(CURL* h, const std::string& url, std::chrono::milliseconds connect_timeout,
                   char* errors) {
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errors);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_PROXY, "");
  curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_USERAGENT, "netfix/" NETFIX_VERSION);
  // One TCP connection per stream: HTTP/2 would multiplex the streams onto
  // one connection and measure one congestion window instead of N.
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
}

// Why a transfer or a connect failed, in words for the snapshot.
std::string Describe(CURLcode code, CURL* h, const char* errors,
                     std::chrono::milliseconds connect_timeout) {
  std::string detail = errors[0] != '\0' ? errors : curl_easy_strerror(code);
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: return "cannot resolve the host name (" + detail + ")";
    case CURLE_COULDNT_CONNECT: return "cannot connect (" + detail + ")";
    case CURLE_OPERATION_TIMEDOUT: {
      curl_off_t connected = 0;
      curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connected);
      if (connected == 0)
        return "connect timeout: no connection within " + std::to_string(connect_timeout.count()) +
               " ms";
      return "timeout (" + detail + ")";
    }
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL: return "not an HTTP answer (" + detail + ")";
    case CURLE_GOT_NOTHING: return "the server closed the connection without an answer";
    case CURLE_URL_MALFORMAT: return "bad URL (" + detail + ")";
    default: return detail;
  }
}

class Runner;

struct Stream {
  Runner* runner = nullptr;
  EasyHandle easy;
  std::string url;
  std::array<char, CURL_ERROR_SIZE> errors{};
  LoadStream out;
  bool active = false;
  int redirects = 0;
  long long request_bytes = 0;  // payload counted for the current request
  long long upload_left = 0;    // bytes of the current request body not yet handed to curl
  std::size_t pattern_at = 0;
  // Upload: this stream's open sockets (curl may try more than one address
  // at once), for the bytes not yet acknowledged.
  std::vector<curl_socket_t> sockets;
};

class Runner {
 public:
  Runner(const LoadSpec& spec, LoadRun* run) : spec_(spec), run_(run) {}
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;
  // The multi handle first: closing its connections calls OnSocketClosed
  // with a stream, which must still be there.
  ~Runner() { multi_.reset(); }

  void Go() {
    run_->bucket = spec_.bucket.count() > 0 ? spec_.bucket : std::chrono::milliseconds(10);
    run_->streams.assign(static_cast<std::size_t>(std::max(1, spec_.streams)), {});
    if (!wire::ParseHttpUrl(spec_.url)) return FailAll("not an http:// or https:// URL");
    multi_.reset(curl_multi_init());
    if (!multi_) return FailAll("cannot initialise libcurl");
    curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_NOTHING));
    if (spec_.direction == LoadDirection::kUpload) {
      for (const char* line : {"Expect:", "Content-Type: application/octet-stream"}) {
        curl_slist* grown = curl_slist_append(headers_.get(), line);
        if (grown == nullptr) return FailAll("out of memory");
        (void)headers_.release();
        headers_.reset(grown);
      }
    }
    streams_.resize(run_->streams.size());
    for (auto& s : streams_) {
      s.runner = this;
      s.url = spec_.url;
      s.easy.reset(curl_easy_init());
      if (!s.easy) return FailAll("cannot initialise libcurl");
      Configure(s);
    }

    run_->started = SteadyClock::now();
    const TimePoint end_at = run_->started + spec_.duration;
    TimePoint next_tick = run_->started + kTickEvery;
    for (auto& s : streams_) Start(s);
    for (int slice = 0; slice < 100000000; ++slice) {
      if (spec_.stopped && spec_.stopped()) {
        run_->cancelled = true;
        break;
      }
      TimePoint now = SteadyClock::now();
      if (now >= end_at) break;
      int running = 0;
      if (curl_multi_perform(multi_.get(), &running) != CURLM_OK) {
        FailActive("libcurl failed");
        break;
      }
      now = SteadyClock::now();
      CountAcknowledged(now);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Stream* s = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&s));
        if (s != nullptr) Done(*s, msg->data.result, now);
      }
      if (total_ >= spec_.max_bytes) {
        run_->byte_cap = true;
        break;
      }
      if (std::none_of(streams_.begin(), streams_.end(), [](const Stream& s) { return s.active; }))
        break;
      if (spec_.tick && now >= next_tick) {
        next_tick += kTickEvery;
        Publish();
        spec_.tick(*run_);
      }
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(end_at - now).count();
      curl_multi_poll(multi_.get(), nullptr, 0,
                      static_cast<int>(std::clamp<long long>(wait, 1, kPollSliceMs)), nullptr);
    }
    TimePoint stop = SteadyClock::now();
    CountAcknowledged(stop);
    for (auto& s : streams_) {
      if (!s.active) continue;
      curl_multi_remove_handle(multi_.get(), s.easy.get());
      s.active = false;
      s.out.ended = stop - run_->started;
    }
    run_->elapsed = stop - run_->started;
    Publish();
  }

 private:
  static std::size_t OnWrite(char*, std::size_t size, std::size_t count, void* user) {
    auto* s = static_cast<Stream*>(user);
    return s->runner->Received(*s, size * count);
  }

  static std::size_t OnRead(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* s = static_cast<Stream*>(user);
    const auto& pattern = IncompressibleBlock();
    std::size_t n = static_cast<std::size_t>(
        std::min<long long>(static_cast<long long>(size * count), s->upload_left));
    for (std::size_t done = 0; done < n;) {
      std::size_t chunk = std::min(n - done, pattern.size() - s->pattern_at);
      std::memcpy(buffer + done, pattern.data() + s->pattern_at, chunk);
      done += chunk;
      s->pattern_at = (s->pattern_at + chunk) % pattern.size();
    }
    s->upload_left -= static_cast<long long>(n);
    return n;
  }

  static int OnSocketOpened(void* user, curl_socket_t socket, curlsocktype purpose) {
    if (purpose == CURLSOCKTYPE_IPCXN) static_cast<Stream*>(user)->sockets.push_back(socket);
    return CURL_SOCKOPT_OK;
  }

  static int OnSocketClosed(void* user, curl_socket_t socket) {
    std::erase(static_cast<Stream*>(user)->sockets, socket);
    return ::close(socket);
  }

  void Configure(Stream& s) {
    CURL* h = s.easy.get();
    CommonOptions(h, s.url, spec_.connect_timeout, s.errors.data());
    curl_easy_setopt(h, CURLOPT_PRIVATE, &s);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnWrite);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(h, CURLOPT_BUFFERSIZE, kReceiveBuffer);
    if (spec_.direction == LoadDirection::kUpload) {
      curl_easy_setopt(h, CURLOPT_POST, 1L);
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(spec_.upload_request_bytes));
      curl_easy_setopt(h, CURLOPT_READFUNCTION, &OnRead);
      curl_easy_setopt(h, CURLOPT_READDATA, &s);
      curl_easy_setopt(h, CURLOPT_UPLOAD_BUFFERSIZE, kSendBuffer);
      curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_.get());
      // A connection per request and these callbacks: a socket belongs to
      // one stream, so its unacknowledged bytes are that stream's.
      curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
      curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, &OnSocketOpened);
      curl_easy_setopt(h, CURLOPT_SOCKOPTDATA, &s);
      curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, &OnSocketClosed);
      curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, &s);
    } else {
      curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
  }

  void Start(Stream& s) {
    if (s.out.requests >= kMaxRequestsPerStream) {
      s.out.error = "more than " + std::to_string(kMaxRequestsPerStream) + " requests";
      return Ended(s);
    }
    s.errors[0] = '\0';
    s.request_bytes = 0;
    s.upload_left = spec_.upload_request_bytes;
    ++s.out.requests;
    if (curl_multi_add_handle(multi_.get(), s.easy.get()) != CURLM_OK) {
      s.out.error = "cannot start a transfer";
      return Ended(s);
    }
    s.active = true;
  }

  void Ended(Stream& s) { s.out.ended = SteadyClock::now() - run_->started; }

  std::size_t Received(Stream& s, std::size_t n) {
    long status = 0;
    curl_easy_getinfo(s.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    s.out.http_status = static_cast<int>(status);
    if (status >= 300 && status < 400) return n;              // a redirect's body: judged in Done
    if (status < 200 || status >= 300) return 0;              // an error page is no payload: abort
    if (spec_.direction == LoadDirection::kUpload) return n;  // the answer to a POST
    Count(s, SteadyClock::now(), static_cast<long long>(n));
    return n;
  }

  void Count(Stream& s, TimePoint at, long long n) {
    if (n <= 0) return;
    auto index = std::max<long long>(0, (at - run_->started) / run_->bucket);
    if (static_cast<std::size_t>(index) >= buckets_.size())
      buckets_.resize(static_cast<std::size_t>(index) + 1, 0);
    buckets_[static_cast<std::size_t>(index)] += n;
    total_ += n;
    s.out.bytes += n;
    s.out.moved = true;
    s.request_bytes += n;
  }

  // Upload: the body bytes curl sent minus what the kernel still holds
  // unacknowledged (SIOCOUTQ) is what reached the peer.
  void CountAcknowledged(TimePoint now) {
    if (spec_.direction != LoadDirection::kUpload) return;
    for (auto& s : streams_) {
      curl_off_t sent = 0;
      if (!s.active || s.sockets.empty() ||
          curl_easy_getinfo(s.easy.get(), CURLINFO_SIZE_UPLOAD_T, &sent) != CURLE_OK)
        continue;
      long long unacknowledged = 0;
      bool known = false;
      for (curl_socket_t socket : s.sockets) {
        int queued = 0;
        if (::ioctl(socket, SIOCOUTQ, &queued) != 0) continue;
        unacknowledged += queued;
        known = true;
      }
      if (known) Count(s, now, static_cast<long long>(sent) - unacknowledged - s.request_bytes);
    }
  }

  void Done(Stream& s, CURLcode code, TimePoint now) {
    CURL* h = s.easy.get();
    curl_multi_remove_handle(multi_.get(), h);
    s.active = false;
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status != 0) s.out.http_status = static_cast<int>(status);
    bool answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && status >= 300) ||
                    (code == CURLE_PARTIAL_FILE && status >= 200 && status < 300);
    if (!answered) {
      s.out.error = Describe(code, h, s.errors.data(), spec_.connect_timeout);
      return Ended(s);
    }
    if (status >= 300 && status < 400) return Redirect(s, status);
    if (status < 200 || status >= 300) {
      s.out.error = "HTTP " + std::to_string(status);
      return Ended(s);
    }
    if (spec_.direction == LoadDirection::kUpload) {
      // The server answered after the whole body: every byte arrived.
      curl_off_t sent = 0;
      curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &sent);
      Count(s, now, static_cast<long long>(sent) - s.request_bytes);
    } else if (s.request_bytes == 0) {
      s.out.error = "the server sent an empty body";
      return Ended(s);
    }
    Start(s);  // the body ended before the time was up: ask again
  }

  void Redirect(Stream& s, long status) {
    char* location = nullptr;
    curl_easy_getinfo(s.easy.get(), CURLINFO_REDIRECT_URL, &location);
    std::string target = location != nullptr ? location : "";
    if (target.empty() || Origin(target).empty() || Origin(target) != Origin(s.url)) {
      s.out.error = "HTTP " + std::to_string(status) + ": redirect" +
                    (target.empty() ? "" : " to " + target) + " refused (another host)";
      return Ended(s);
    }
    if (++s.redirects > kMaxRedirects) {
      s.out.error = "more than " + std::to_string(kMaxRedirects) + " redirects";
      return Ended(s);
    }
    s.url = target;
    curl_easy_setopt(s.easy.get(), CURLOPT_URL, s.url.c_str());
    Start(s);
  }

  void FailAll(const std::string& error) {
    for (auto& out : run_->streams) out.error = error;
  }

  void FailActive(const std::string& error) {
    for (auto& s : streams_)
      if (s.active) s.out.error = error;
  }

  void Publish() {
    run_->bytes = buckets_;
    for (std::size_t i = 0; i < streams_.size(); ++i) run_->streams[i] = streams_[i].out;
  }

  const LoadSpec& spec_;
  LoadRun* run_;
  MultiHandle multi_;
  Slist headers_;
  // Declared after multi_: the easy handles go first.
  std::vector<Stream> streams_;
  std::vector<long long> buckets_;
  long long total_ = 0;
};

class CurlLoadGenerator final : public LoadGenerator {
 public:
  Result<LoadEndpoint> Connect(const std::string& url, std::chrono::milliseconds timeout) override {
    std::string where = "cannot connect to " + url + ": ";
    if (!wire::ParseHttpUrl(url))
      return Error{ErrorKind::kOther, where + "not an http:// or https:// URL"};
    EasyHandle easy(curl_easy_init());
    if (!easy) return Error{ErrorKind::kOther, where + "cannot initialise libcurl"};
    std::array<char, CURL_ERROR_SIZE> errors{};
    CURL* h = easy.get();
    CommonOptions(h, url, timeout, errors.data());
    curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()) * 2);
    CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
      ErrorKind kind = code == CURLE_COULDNT_RESOLVE_HOST ? ErrorKind::kNotFound
                       : code == CURLE_COULDNT_CONNECT    ? ErrorKind::kRefused
                                                          : ErrorKind::kOther;
      return Error{kind, Describe(code, h, errors.data(), timeout)};
    }
    char* ip = nullptr;
    long port = 0;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip);
    curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port);
    return LoadEndpoint{ip != nullptr ? ip : "", static_cast<int>(port)};
  }

  LoadRun Run(const LoadSpec& spec) override {
    LoadRun run;
    Runner runner(spec, &run);
    runner.Go();
    return run;
  }
};

}  // namespace

std::unique_ptr<LoadGenerator> MakeCurlLoadGenerator() {
  GlobalInitOnce();
  return std::make_unique<CurlLoadGenerator>();
}

}  // namespace netfix::io
