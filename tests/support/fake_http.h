// A fake of io::HttpClient: a table of URLs served by one FakeHttpServer
// that every client of a test shares (the SSDP probe makes one client per
// fetch thread). It keeps the real client's rules: no redirects followed
// (a 3xx is kRedirect), bodies cut at the size limit (kTooLarge), a server
// slower than the total timeout is kTimeout, and an unknown URL is a
// refused connection. Timeouts are reported without waiting them out.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/http.h"
#include "support/test_clock.h"

namespace netfix::testing {

struct FakeHttpRequest {
  std::string method;
  std::string url;
  io::HttpHeaders headers;
  std::string body;
};

struct FakeHttpReply {
  int status = 200;
  std::string body;
  std::string location;  ///< for a 3xx
  /// How long the server takes; beyond the client's total timeout the client
  /// reports kTimeout.
  io::Duration delay{};
  /// kConnect etc.: the transfer fails this way instead.
  io::HttpErrorKind fail = io::HttpErrorKind::kNone;
};

class FakeHttpServer {
 public:
  using Handler = std::function<FakeHttpReply(const FakeHttpRequest&)>;

  void Serve(const std::string& url, FakeHttpReply reply) {
    Handle(url, [reply](const FakeHttpRequest&) { return reply; });
  }
  void Handle(const std::string& url, Handler handler) {
    std::lock_guard lock(mutex_);
    handlers_[url] = std::move(handler);
  }
  std::vector<FakeHttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int RequestsTo(const std::string& url) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& r : requests_) n += r.url == url;
    return n;
  }
  /// Any request whose URL contains `part`.
  bool Requested(const std::string& part) const {
    std::lock_guard lock(mutex_);
    for (const auto& r : requests_)
      if (r.url.find(part) != std::string::npos) return true;
    return false;
  }

  FakeHttpReply Answer(const FakeHttpRequest& request) {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      auto it = handlers_.find(request.url);
      if (it == handlers_.end()) {
        FakeHttpReply refused;
        refused.fail = io::HttpErrorKind::kConnect;
        return refused;
      }
      handler = it->second;
    }
    return handler(request);
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Handler> handlers_;
  std::vector<FakeHttpRequest> requests_;
};

class FakeHttpClient final : public io::HttpClient {
 public:
  FakeHttpClient(std::shared_ptr<FakeHttpServer> server, TestClock& clock)
      : server_(std::move(server)), clock_(clock) {}

  io::HttpResponse Get(const std::string& url, const io::HttpLimits& limits) override {
    return Perform({"GET", url, {}, ""}, limits);
  }
  io::HttpResponse Post(const std::string& url, const io::HttpHeaders& headers,
                        const std::string& body, const io::HttpLimits& limits) override {
    return Perform({"POST", url, headers, body}, limits);
  }

 private:
  io::HttpResponse Perform(const FakeHttpRequest& request, const io::HttpLimits& limits) {
    io::HttpResponse out;
    std::string where = request.method + " " + request.url + ": ";
    auto fail = [&](io::HttpErrorKind kind, const std::string& message) {
      out.error = kind;
      out.error_message = where + message;
      return out;
    };
    if (limits.cancel != nullptr && limits.cancel->load())
      return fail(io::HttpErrorKind::kCancelled, "stopped");
    if (request.url.rfind("http://", 0) != 0)
      return fail(io::HttpErrorKind::kBadUrl, "not an http:// URL");
    FakeHttpReply reply = server_->Answer(request);
    if (reply.fail == io::HttpErrorKind::kConnect) return fail(reply.fail, "Connection refused");
    if (reply.fail != io::HttpErrorKind::kNone) {  // what arrived before it broke off
      out.status = reply.status;
      out.body = reply.body;
      return fail(reply.fail, "fake failure");
    }
    if (reply.delay >= limits.total_timeout) {
      if (clock_.simulated()) clock_.Advance(limits.total_timeout);
      return fail(
          io::HttpErrorKind::kTimeout,
          "no complete answer within " + std::to_string(limits.total_timeout.count()) + " ms");
    }
    clock_.Advance(reply.delay);
    out.status = reply.status;
    if (reply.status >= 300 && reply.status < 400)
      return fail(
          io::HttpErrorKind::kRedirect,
          "redirect refused (HTTP " + std::to_string(reply.status) + " to " + reply.location + ")");
    if (reply.body.size() > limits.max_body_bytes) {
      out.body = reply.body.substr(0, limits.max_body_bytes);
      out.truncated = true;
      return fail(io::HttpErrorKind::kTooLarge,
                  "body larger than " + std::to_string(limits.max_body_bytes / 1024) + " KiB");
    }
    out.body = std::move(reply.body);
    return out;
  }

  std::shared_ptr<FakeHttpServer> server_;
  TestClock& clock_;
};

}  // namespace netfix::testing
