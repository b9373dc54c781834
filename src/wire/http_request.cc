#include "wire/http_request.h"

#include <cstring>

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxFields = 100;
constexpr int kMaxLeadingEmptyLines = 4;

bool IsTokenChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsTokenChar(c)) return false;
  return true;
}

bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

HeadParse Bad(std::string error) {
  HeadParse out;
  out.status = HeadStatus::kBad;
  out.error = std::move(error);
  return out;
}

bool ParseRequestLine(std::string_view line, HttpRequestHead* head, std::string* error) {
  std::size_t first = line.find(' ');
  std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    *error = "request line is not METHOD TARGET VERSION";
    return false;
  }
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, second - first - 1);
  std::string_view version = line.substr(second + 1);
  if (!IsToken(method)) {
    *error = "bad method";
    return false;
  }
  if (target.empty() || target.front() != '/') {
    *error = "target is not an absolute path";
    return false;
  }
  for (char c : target)
    if (IsControl(c) || c == ' ' || static_cast<unsigned char>(c) >= 0x80) {
      *error = "bad character in the target";
      return false;
    }
  if (version == "HTTP/1.1") {
    head->minor_version = 1;
  } else if (version == "HTTP/1.0") {
    head->minor_version = 0;
  } else {
    *error = "unsupported HTTP version";
    return false;
  }
  head->method = std::string(method);
  head->target = std::string(target);
  std::size_t question = target.find('?');
  head->path = std::string(target.substr(0, question));
  head->query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  head->keep_alive = head->minor_version == 1;
  return true;
}

bool ApplyField(const std::string& name, std::string_view value, HttpRequestHead* head,
                std::string* error) {
  if (name == "content-length") {
    if (value.empty() || value.size() > 18) {
      *error = "bad Content-Length";
      return false;
    }
    long long length = 0;
    for (char c : value) {
      if (c < '0' || c > '9') {
        *error = "bad Content-Length";
        return false;
      }
      length = length * 10 + (c - '0');
    }
    if (head->content_length && *head->content_length != length) {
      *error = "conflicting Content-Length fields";
      return false;
    }
    head->content_length = length;
  } else if (name == "transfer-encoding") {
    head->chunked = true;
  } else if (name == "connection") {
    std::string lower = Lower(value);
    std::string_view rest = lower;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string_view option = TrimOws(rest.substr(0, comma));
      if (option == "close") head->keep_alive = false;
      if (option == "keep-alive" && head->minor_version == 0) head->keep_alive = true;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  } else if (name == "expect") {
    head->expect_continue = Lower(value) == "100-continue";
  }
  return true;
}

}  // namespace

HeadParse ParseHttpRequestHead(std::string_view buffer, std::size_t max_head_bytes) {
  std::string_view window = buffer.substr(0, max_head_bytes);
  HeadParse out;
  HttpRequestHead& head = out.head;
  std::size_t at = 0;
  bool have_request_line = false;
  int leading_empty = 0;
  std::string error;
  while (true) {
    std::size_t newline = window.find('\n', at);
    if (newline == std::string_view::npos) {
      out.status =
          buffer.size() >= max_head_bytes ? HeadStatus::kTooLarge : HeadStatus::kIncomplete;
      return out;
    }
    std::string_view line = window.substr(at, newline - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = newline + 1;
    if (!have_request_line) {
      // RFC 9112 §2.2: a server SHOULD ignore empty lines before the request.
      if (line.empty()) {
        if (++leading_empty > kMaxLeadingEmptyLines) return Bad("empty lines instead of a request");
        continue;
      }
      if (!ParseRequestLine(line, &head, &error)) return Bad(error);
      have_request_line = true;
      continue;
    }
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') return Bad("folded header field");
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Bad("header field without a colon");
    std::string_view name = line.substr(0, colon);
    if (!IsToken(name)) return Bad("bad header field name");
    std::string_view value = TrimOws(line.substr(colon + 1));
    for (char c : value)
      if (IsControl(c) && c != '\t') return Bad("control character in a header field");
    if (head.fields.size() >= kMaxFields) return Bad("too many header fields");
    std::string lower = Lower(name);
    if (!ApplyField(lower, value, &head, &error)) return Bad(error);
    head.fields.emplace_back(lower, std::string(value));
  }
  if (head.chunked && head.content_length) return Bad("both Transfer-Encoding and Content-Length");
  head.head_bytes = at;
  out.status = HeadStatus::kComplete;
  return out;
}

std::optional<std::string> QueryParameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) == name)
      return std::string(equals == std::string_view::npos ? "" : pair.substr(equals + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

}  // namespace netfix::wire
