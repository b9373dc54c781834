#include "wire/upnp_url.h"

#include <cctype>
#include <vector>

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxUrlBytes = 2048;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// RFC 3986 §5.2.4, on the path only (the query is kept apart).
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  bool absolute = !path.empty() && path.front() == '/';
  if (absolute) start = 1;
  bool trailing_slash = false;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    bool last = slash == std::string_view::npos;
    if (segment == ".") {
      trailing_slash = last;
    } else if (segment == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(segment);
      trailing_slash = false;
    }
    if (last) break;
    start = slash + 1;
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result += '/';
    result += out[i];
  }
  if (trailing_slash && (result.empty() || result.back() != '/')) result += '/';
  return result;
}

}  // namespace

std::string HttpUrl::ToString() const {
  std::string out = scheme + "://";
  bool v6 = host.find(':') != std::string::npos;
  out += v6 ? "[" + host + "]" : host;
  int default_port = scheme == "https" ? 443 : 80;
  if (port != default_port) out += ":" + std::to_string(port);
  out += path;
  return out;
}

std::optional<HttpUrl> ParseHttpUrl(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > kMaxUrlBytes) return std::nullopt;
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
  auto colon = text.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  HttpUrl url;
  url.scheme = Lower(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  url.port = url.scheme == "https" ? 443 : 80;
  std::string_view rest = text.substr(colon + 3);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view path = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
  } else {
    auto port_colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) port_text = authority.substr(port_colon + 1);
  }
  if (url.host.empty()) return std::nullopt;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return std::nullopt;
    int port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return std::nullopt;
    url.port = port;
  }
  url.path = path.empty() ? "/" : std::string(path);
  if (url.path.front() == '?') url.path = "/" + url.path;
  return url;
}

std::string ResolveUrl(std::string_view base_text, std::string_view reference) {
  reference = Trim(reference);
  if (reference.empty() || reference.size() > kMaxUrlBytes) return "";
  if (reference.find("://") != std::string_view::npos) {
    auto absolute = ParseHttpUrl(reference);
    return absolute ? absolute->ToString() : "";
  }
  auto base = ParseHttpUrl(base_text);
  if (!base) return "";
  std::string target;
  if (reference.size() >= 2 && reference.substr(0, 2) == "//") {
    auto network = ParseHttpUrl(base->scheme + ":" + std::string(reference));
    return network ? network->ToString() : "";
  }
  std::string_view query;
  std::string_view ref_path = reference;
  if (auto hash = ref_path.find('#'); hash != std::string_view::npos)
    ref_path = ref_path.substr(0, hash);
  if (auto q = ref_path.find('?'); q != std::string_view::npos) {
    query = ref_path.substr(q);
    ref_path = ref_path.substr(0, q);
  }
  std::string base_path = base->path.substr(0, base->path.find('?'));
  if (ref_path.empty()) {
    target = base_path;
    if (query.empty()) query = std::string_view(base->path).substr(base_path.size());
  } else if (ref_path.front() == '/') {
    target = std::string(ref_path);
  } else {
    auto slash = base_path.rfind('/');
    target =
        (slash == std::string::npos ? "/" : base_path.substr(0, slash + 1)) + std::string(ref_path);
  }
  base->path = RemoveDotSegments(target) + std::string(query);
  if (base->path.empty() || base->path.front() != '/') base->path = "/" + base->path;
  return base->ToString();
}

}  // namespace netfix::wire
