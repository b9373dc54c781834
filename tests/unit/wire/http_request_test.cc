#include "wire/http_request.h"

#include <catch2/catch.hpp>

namespace netfix::wire {
namespace {

constexpr std::size_t kMax = 8192;

TEST_CASE("http request: a GET with a query", "[http_request]") {
  std::string text =
      "GET /download?bytes=1000&x=1 HTTP/1.1\r\nHost: 192.168.1.30:8086\r\n"
      "User-Agent: netfix/0.1\r\nAccept: */*\r\n\r\nNEXT";
  HeadParse p = ParseHttpRequestHead(text, kMax);
  REQUIRE(p.status == HeadStatus::kComplete);
  CHECK(p.head.method == "GET");
  CHECK(p.head.target == "/download?bytes=1000&x=1");
  CHECK(p.head.path == "/download");
  CHECK(p.head.query == "bytes=1000&x=1");
  CHECK(p.head.minor_version == 1);
  CHECK(p.head.keep_alive);
  CHECK_FALSE(p.head.content_length);
  CHECK(p.head.head_bytes == text.size() - 4);  // "NEXT" is the next request
  REQUIRE(p.head.fields.size() == 3);
  CHECK(p.head.fields[0] == std::pair<std::string, std::string>{"host", "192.168.1.30:8086"});
  CHECK(QueryParameter(p.head.query, "bytes") == "1000");
  CHECK(QueryParameter(p.head.query, "x") == "1");
  CHECK_FALSE(QueryParameter(p.head.query, "byte"));
  CHECK(QueryParameter("a&bytes", "bytes") == "");
}

TEST_CASE("http request: a POST with a body length, 100-continue and close", "[http_request]") {
  HeadParse p = ParseHttpRequestHead(
      "POST /upload HTTP/1.1\r\nContent-Length: 1073741824\r\nExpect: 100-Continue\r\n"
      "Connection: Close\r\n\r\n",
      kMax);
  REQUIRE(p.status == HeadStatus::kComplete);
  CHECK(p.head.content_length == 1073741824LL);
  CHECK(p.head.expect_continue);
  CHECK_FALSE(p.head.keep_alive);
  CHECK_FALSE(p.head.chunked);
}

TEST_CASE("http request: HTTP/1.0 keeps the connection only when asked, bare LF line ends",
          "[http_request]") {
  HeadParse plain = ParseHttpRequestHead("GET / HTTP/1.0\n\n", kMax);
  REQUIRE(plain.status == HeadStatus::kComplete);
  CHECK(plain.head.minor_version == 0);
  CHECK_FALSE(plain.head.keep_alive);
  HeadParse kept = ParseHttpRequestHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", kMax);
  REQUIRE(kept.status == HeadStatus::kComplete);
  CHECK(kept.head.keep_alive);
}

TEST_CASE("http request: empty lines before the request line are ignored", "[http_request]") {
  HeadParse p = ParseHttpRequestHead("\r\n\r\nGET / HTTP/1.1\r\n\r\n", kMax);
  REQUIRE(p.status == HeadStatus::kComplete);
  CHECK(p.head.path == "/");
  CHECK(ParseHttpRequestHead("\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n", kMax).status ==
        HeadStatus::kBad);
}

TEST_CASE("http request: incomplete heads wait for more, oversized ones are refused",
          "[http_request]") {
  CHECK(ParseHttpRequestHead("", kMax).status == HeadStatus::kIncomplete);
  CHECK(ParseHttpRequestHead("GET / HTTP/1.1\r\nHost: x\r\n", kMax).status ==
        HeadStatus::kIncomplete);
  std::string huge = "GET / HTTP/1.1\r\nX-Pad: " + std::string(10000, 'a') + "\r\n\r\n";
  CHECK(ParseHttpRequestHead(huge, kMax).status == HeadStatus::kTooLarge);
  // Exactly at the limit: the empty line must be inside it.
  std::string head = "GET / HTTP/1.1\r\n\r\n";
  CHECK(ParseHttpRequestHead(head, head.size()).status == HeadStatus::kComplete);
  CHECK(ParseHttpRequestHead(head, head.size() - 1).status == HeadStatus::kTooLarge);
}

TEST_CASE("http request: malformed heads are bad requests", "[http_request]") {
  const char* bad[] = {
      "GET /\r\n\r\n",                              // no version
      "GET  / HTTP/1.1\r\n\r\n",                    // two spaces
      "GET / HTTP/1.1 \r\n\r\n",                    // trailing space
      "GET / HTTP/2.0\r\n\r\n",                     // not HTTP/1.x
      "GET http://x/ HTTP/1.1\r\n\r\n",             // absolute-form
      "GET /a\x01 HTTP/1.1\r\n\r\n",                // control character
      "GET /\xc3\xa4 HTTP/1.1\r\n\r\n",             // raw non-ASCII
      "G(T / HTTP/1.1\r\n\r\n",                     // not a token
      "GET / HTTP/1.1\r\nHost x\r\n\r\n",           // no colon
      "GET / HTTP/1.1\r\nHost : x\r\n\r\n",         // space before the colon
      "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",  // obs-fold
      "POST /upload HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST /upload HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n",
      "POST /upload HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n",
      "POST /upload HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
      "POST /upload HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
      "POST /upload HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
  };
  for (const char* text : bad) {
    std::string s(text);
    INFO(s);
    HeadParse p = ParseHttpRequestHead(s, kMax);
    CHECK(p.status == HeadStatus::kBad);
    CHECK_FALSE(p.error.empty());
  }
  const char kNul[] = "GET / HTTP/1.1\r\nA: b\0c\r\n\r\n";  // NUL in a value
  std::string nul(kNul, sizeof kNul - 1);
  CHECK(ParseHttpRequestHead(nul, kMax).status == HeadStatus::kBad);
}

TEST_CASE("http request: the same Content-Length twice is one", "[http_request]") {
  HeadParse p = ParseHttpRequestHead(
      "POST /upload HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n", kMax);
  REQUIRE(p.status == HeadStatus::kComplete);
  CHECK(p.head.content_length == 5);
}

TEST_CASE("http request: too many header fields", "[http_request]") {
  std::string text = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) text += "X-" + std::to_string(i) + ": y\r\n";
  text += "\r\n";
  CHECK(ParseHttpRequestHead(text, 1 << 20).status == HeadStatus::kBad);
}

}  // namespace
}  // namespace netfix::wire
