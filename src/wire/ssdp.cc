#include "wire/ssdp.h"

#include <cctype>

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxHeaders = 64;
constexpr std::size_t kMaxValueBytes = 1024;

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\0'))
    s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// The next line without its "\n" or "\r\n"; `rest` moves past it.
std::string_view NextLine(std::string_view& rest) {
  std::size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::optional<SsdpParsed> ParseStartLine(std::string_view line) {
  line = TrimView(line);
  SsdpParsed out;
  auto space = line.find(' ');
  std::string_view first = line.substr(0, space);
  if (EqualsNoCase(first, "M-SEARCH")) {
    out.kind = SsdpKind::kSearch;
  } else if (EqualsNoCase(first, "NOTIFY")) {
    out.kind = SsdpKind::kNotify;
  } else if (first.size() >= 5 && EqualsNoCase(first.substr(0, 5), "HTTP/")) {
    out.kind = SsdpKind::kResponse;
    if (space == std::string_view::npos) return std::nullopt;
    std::string_view code = TrimView(line.substr(space + 1));
    int value = 0, digits = 0;
    while (digits < 3 && digits < static_cast<int>(code.size()) &&
           std::isdigit(static_cast<unsigned char>(code[digits]))) {
      value = value * 10 + (code[digits] - '0');
      ++digits;
    }
    if (digits != 3) return std::nullopt;
    out.status_code = value;
  } else {
    return std::nullopt;
  }
  return out;
}

bool Dropped(std::string_view name) {
  return name == "host" || name == "ext" || name == "date" || name == "man" || name == "mx" ||
         name == "content-length" || name == "st" || name == "nt" || name == "usn" ||
         name == "location" || name == "server" || name == "nts";
}

}  // namespace

const std::string* SsdpParsed::Find(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_case_name) return &value;
  return nullptr;
}

std::string SsdpParsed::Get(std::string_view lower_case_name) const {
  const std::string* value = Find(lower_case_name);
  return value ? *value : std::string();
}

std::optional<SsdpParsed> ParseSsdp(std::string_view message) {
  std::string_view rest = message;
  // Tolerate blank lines before the start line (seen from some stacks).
  std::string_view start;
  for (int i = 0; i < 4 && start.empty() && !rest.empty(); ++i) start = TrimView(NextLine(rest));
  auto out = ParseStartLine(start);
  if (!out) return std::nullopt;
  while (!rest.empty()) {
    std::string_view line = NextLine(rest);
    if (TrimView(line).empty()) break;  // end of the headers
    if ((line.front() == ' ' || line.front() == '\t') && !out->headers.empty()) {
      // Obsolete line folding: a continuation of the previous value.
      std::string& value = out->headers.back().second;
      std::string_view more = TrimView(line);
      if (value.size() + 1 + more.size() <= kMaxValueBytes) {
        value += ' ';
        value += more;
      }
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = TrimView(line.substr(0, colon));
    if (name.empty()) continue;
    std::string_view value = TrimView(line.substr(colon + 1));
    if (value.size() > kMaxValueBytes) value = value.substr(0, kMaxValueBytes);
    if (out->headers.size() >= kMaxHeaders) break;
    out->headers.emplace_back(Lower(name), std::string(value));
  }
  return out;
}

std::string BuildMSearch(std::string_view target, int mx_seconds, std::string_view user_agent) {
  std::string out = "M-SEARCH * HTTP/1.1\r\n";
  out += "HOST: 239.255.255.250:1900\r\n";
  out += "MAN: \"ssdp:discover\"\r\n";
  out += "MX: " + std::to_string(mx_seconds) + "\r\n";
  out += "ST: ";
  out += target;
  out += "\r\n";
  if (!user_agent.empty()) {
    out += "USER-AGENT: ";
    out += user_agent;
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

model::SsdpMessage ToSsdpMessage(const SsdpParsed& parsed, std::string how, std::string from_ip,
                                 int from_port, double after_ms) {
  model::SsdpMessage m;
  m.how = std::move(how);
  m.from_ip = std::move(from_ip);
  m.from_port = from_port;
  m.target = parsed.Get(parsed.kind == SsdpKind::kNotify ? "nt" : "st");
  m.usn = parsed.Get("usn");
  m.location = parsed.Get("location");
  m.server = parsed.Get("server");
  m.nts = parsed.Get("nts");
  for (const auto& [name, value] : parsed.headers)
    if (!Dropped(name)) m.headers.emplace(name, value);  // the first of duplicates wins
  m.after_ms = after_ms;
  return m;
}

}  // namespace netfix::wire
