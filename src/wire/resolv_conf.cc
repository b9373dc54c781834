#include "wire/resolv_conf.h"

#include "util/strings.h"
#include "wire/addr.h"

namespace netfix::wire {

namespace {

// Drops an inline comment: glibc ends a nameserver value at ';' or '#'.
std::string_view StripComment(std::string_view line) {
  std::size_t hash = line.find_first_of("#;");
  return hash == std::string_view::npos ? line : line.substr(0, hash);
}

std::string Quote(std::string_view line) {
  return "'" + util::Trim(line) + "'";
}

}  // namespace

ResolvConf ParseResolvConf(std::string_view text) {
  ResolvConf out;
  std::vector<std::string> lines = util::SplitLines(text);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view raw = lines[n];
    std::string where = "line " + std::to_string(n + 1);
    std::vector<std::string> words = util::SplitWords(StripComment(raw));
    if (words.empty()) continue;
    const std::string& keyword = words[0];
    bool indented = raw.front() == ' ' || raw.front() == '\t';
    bool known = keyword == "nameserver" || keyword == "search" || keyword == "domain" ||
                 keyword == "options" || keyword == "sortlist";
    if (!known) {
      out.notes.push_back(where + ": unknown keyword " + Quote(raw) + " ignored");
      continue;
    }
    if (indented)
      out.notes.push_back(where + ": " + Quote(raw) +
                          " is indented; glibc and musl only read keywords at the start of a line");
    if (keyword == "nameserver") {
      if (words.size() < 2) {
        out.notes.push_back(where + ": nameserver without an address");
        continue;
      }
      const std::string& address = words[1];
      if (!ParseIpv4(address) && !IsIpv6Text(address)) {
        out.notes.push_back(where + ": " + Quote(address) + " is not an IP address; ignored");
        continue;
      }
      out.nameservers.push_back(address);
    } else if (keyword == "search" || keyword == "domain") {
      out.search.assign(words.begin() + 1, words.end());
    } else if (keyword == "options") {
      out.options.insert(out.options.end(), words.begin() + 1, words.end());
    }
  }
  if (out.nameservers.size() > kLibcMaxNameservers) {
    std::vector<std::string> unused(out.nameservers.begin() + kLibcMaxNameservers,
                                    out.nameservers.end());
    out.notes.push_back(std::to_string(out.nameservers.size()) +
                        " nameservers listed; the C library uses only the first " +
                        std::to_string(kLibcMaxNameservers) + " (ignores " +
                        util::Join(unused, ", ") + ")");
  }
  return out;
}

bool IsSystemdResolvedStub(std::string_view address) {
  return address == "127.0.0.53" || address == "127.0.0.54";
}

bool IsLocalResolver(std::string_view address) {
  if (auto v4 = ParseIpv4(address)) return (*v4 >> 24) == 127;
  return address == "::1";
}

}  // namespace netfix::wire
