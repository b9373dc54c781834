// The libcurl client against a tiny HTTP server in this process, on
// loopback addresses only (127.0.0.1 and 127.0.0.2): nothing leaves the
// machine. Checks the rules devices are talked to with: no redirects
// followed, no proxy, size and time limits, cancellation.
#include "io/http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <thread>

using namespace netfix::io;
using namespace std::chrono_literals;

namespace {

constexpr const char* kStall = "\x01stall";  // the handler's "never answer"

class LoopbackServer {
 public:
  using Handler = std::function<std::string(const std::string& request)>;

  LoopbackServer(const std::string& ip, Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    ::inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  int connections() const { return connections_; }
  std::vector<std::string> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      ++connections_;
      Serve(c);
      ::close(c);
    }
  }
  // One request per connection (the response says "Connection: close").
  void Serve(int c) {
    std::string request;
    auto until = std::chrono::steady_clock::now() + 2s;
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char buffer[4096];
      ssize_t n = ::recv(c, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      request.append(buffer, static_cast<std::size_t>(n));
      auto end = request.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      std::size_t body = 0;
      auto cl = request.find("Content-Length: ");
      if (cl != std::string::npos) body = std::stoul(request.substr(cl + 16));
      if (request.size() >= end + 4 + body) break;
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    std::string response = handler_(request);
    if (response == kStall) {
      while (!stop_) std::this_thread::sleep_for(5ms);  // holds the connection open
      return;
    }
    std::size_t sent = 0;
    while (sent < response.size() && !stop_) {
      ssize_t n = ::send(c, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

std::string Ok(const std::string& body, bool content_length = true) {
  std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n";
  if (content_length) head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return head + "\r\n" + body;
}

std::string Url(const LoopbackServer& s, const std::string& path, const char* ip = "127.0.0.1") {
  return "http://" + std::string(ip) + ":" + std::to_string(s.port()) + path;
}

HttpLimits Fast() {
  HttpLimits l;
  l.connect_timeout = 300ms;
  l.total_timeout = 400ms;
  return l;
}

}  // namespace

TEST_CASE("HTTP (curl): a description is fetched", "[io][http]") {
  LoopbackServer server("127.0.0.1", [](const std::string&) { return Ok("<root/>"); });
  auto client = MakeCurlHttpClient();
  auto r = client->Get(Url(server, "/desc.xml"), Fast());
  CHECK(r.ok());
  CHECK(r.status == 200);
  CHECK(r.body == "<root/>");
  CHECK_FALSE(r.truncated);
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].rfind("GET /desc.xml HTTP/1.1\r\n", 0) == 0);
  CHECK(server.requests()[0].find("User-Agent: netfix/") != std::string::npos);

  auto second = client->Get(Url(server, "/again"), Fast());  // the handle is reused
  CHECK(second.ok());
  auto not_found = [](const std::string&) {
    return std::string("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  };
  LoopbackServer missing("127.0.0.1", not_found);
  auto r404 = client->Get(Url(missing, "/x"), Fast());
  CHECK(r404.ok());  // a status is an answer; the caller decides
  CHECK(r404.status == 404);
}

TEST_CASE("HTTP (curl): redirects are refused, never followed", "[io][http]") {
  LoopbackServer elsewhere("127.0.0.2", [](const std::string&) { return Ok("elsewhere"); });
  std::string target = Url(elsewhere, "/evil.xml", "127.0.0.2");
  LoopbackServer device("127.0.0.1", [&](const std::string&) {
    return "HTTP/1.1 302 Found\r\nLocation: " + target +
           "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  });
  auto r = MakeCurlHttpClient()->Get(Url(device, "/desc.xml"), Fast());
  CHECK(r.error == HttpErrorKind::kRedirect);
  CHECK(r.status == 302);
  CHECK(r.error_message.find("redirect refused (HTTP 302 to " + target + ")") != std::string::npos);
  CHECK(elsewhere.connections() == 0);
}

TEST_CASE("HTTP (curl): size limit", "[io][http]") {
  std::string big(300 * 1024, 'x');
  HttpLimits limits = Fast();
  limits.max_body_bytes = 256 * 1024;
  SECTION("announced by Content-Length") {
    LoopbackServer server("127.0.0.1", [&](const std::string&) { return Ok(big); });
    auto r = MakeCurlHttpClient()->Get(Url(server, "/big"), limits);
    CHECK(r.error == HttpErrorKind::kTooLarge);
    CHECK(r.truncated);
    CHECK(r.status == 200);
    CHECK(r.body == big.substr(0, limits.max_body_bytes));  // what fits is kept
    CHECK(r.error_message.find("body larger than 256 KiB") != std::string::npos);
  }
  SECTION("streamed without a length: cut at the limit") {
    LoopbackServer server("127.0.0.1", [&](const std::string&) { return Ok(big, false); });
    auto r = MakeCurlHttpClient()->Get(Url(server, "/big"), limits);
    CHECK(r.error == HttpErrorKind::kTooLarge);
    CHECK(r.truncated);
    CHECK(r.body.size() == limits.max_body_bytes);
    CHECK(r.body == big.substr(0, limits.max_body_bytes));
  }
}

TEST_CASE("HTTP (curl): a body that breaks off is kept as far as it came", "[io][http]") {
  LoopbackServer server("127.0.0.1", [](const std::string&) {
    return "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n" +
           std::string(500, 'a');
  });
  auto r = MakeCurlHttpClient()->Get(Url(server, "/cut"), Fast());
  CHECK(r.error == HttpErrorKind::kProtocol);
  CHECK(r.status == 200);
  CHECK(r.body == std::string(500, 'a'));
}

TEST_CASE("HTTP (curl): time limits and cancellation", "[io][http]") {
  LoopbackServer slow("127.0.0.1", [](const std::string&) { return std::string(kStall); });
  auto client = MakeCurlHttpClient();
  SECTION("a server that never answers hits the total timeout") {
    auto start = std::chrono::steady_clock::now();
    auto r = client->Get(Url(slow, "/slow"), Fast());
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(r.error == HttpErrorKind::kTimeout);
    CHECK(r.error_message.find("no complete answer within 400 ms") != std::string::npos);
    CHECK(took >= 350ms);
    CHECK(took < 1500ms);
  }
  SECTION("cancel stops a transfer within a poll slice") {
    std::atomic<bool> cancel{false};
    HttpLimits limits;
    limits.total_timeout = 5000ms;
    limits.cancel = &cancel;
    std::thread stopper([&] {
      std::this_thread::sleep_for(100ms);  // a user pressing Ctrl-C, not synchronisation
      cancel = true;
    });
    auto start = std::chrono::steady_clock::now();
    auto r = client->Get(Url(slow, "/slow"), limits);
    auto took = std::chrono::steady_clock::now() - start;
    stopper.join();
    CHECK(r.error == HttpErrorKind::kCancelled);
    CHECK(took < 1000ms);
  }
}

TEST_CASE("HTTP (curl): refused connections, other schemes, proxies", "[io][http]") {
  auto client = MakeCurlHttpClient();
  int closed_port;
  {
    LoopbackServer gone("127.0.0.1", [](const std::string&) { return Ok(""); });
    closed_port = gone.port();
  }
  auto refused = client->Get("http://127.0.0.1:" + std::to_string(closed_port) + "/", Fast());
  CHECK(refused.error == HttpErrorKind::kConnect);
  CHECK(refused.error_message.rfind("GET http://127.0.0.1:", 0) == 0);
  CHECK(client->Get("https://127.0.0.1/", Fast()).error == HttpErrorKind::kBadUrl);
  CHECK(client->Get("file:///etc/passwd", Fast()).error == HttpErrorKind::kBadUrl);
  CHECK(client->Get("not a url", Fast()).error == HttpErrorKind::kBadUrl);

  // A proxy in the environment is not used: devices are on the LAN.
  LoopbackServer server("127.0.0.1", [](const std::string&) { return Ok("direct"); });
  const char* saved = std::getenv("http_proxy");
  std::string saved_value = saved ? saved : "";
  ::setenv("http_proxy", "http://127.0.0.2:9/", 1);
  auto r = client->Get(Url(server, "/"), Fast());
  if (saved)
    ::setenv("http_proxy", saved_value.c_str(), 1);
  else
    ::unsetenv("http_proxy");
  CHECK(r.ok());
  CHECK(r.body == "direct");
}

TEST_CASE("HTTP (curl): a SOAP POST", "[io][http]") {
  LoopbackServer server("127.0.0.1", [](const std::string&) { return Ok("<ok/>"); });
  std::string body = "<s:Envelope>" + std::string(2000, ' ') + "</s:Envelope>";
  auto r = MakeCurlHttpClient()->Post(
      Url(server, "/ctl"),
      {{"Content-Type", "text/xml; charset=\"utf-8\""},
       {"SOAPAction", "\"urn:schemas-upnp-org:service:WANIPConnection:1#GetStatusInfo\""}},
      body, Fast());
  CHECK(r.ok());
  CHECK(r.body == "<ok/>");
  REQUIRE(server.requests().size() == 1);
  const std::string request = server.requests()[0];
  CHECK(request.rfind("POST /ctl HTTP/1.1\r\n", 0) == 0);
  CHECK(request.find(
            "SOAPAction: \"urn:schemas-upnp-org:service:WANIPConnection:1#GetStatusInfo\"") !=
        std::string::npos);
  CHECK(request.find("Expect:") == std::string::npos);  // no 100-continue round trip
  CHECK(request.substr(request.find("\r\n\r\n") + 4) == body);
}
