// The URLs UPnP devices hand out (LOCATION, URLBase, controlURL ...): just
// enough of RFC 3986 to split an http URL and to resolve a reference
// against a base, so that netfix can tell whose address a URL points to
// before it fetches anything.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netfix::wire {

struct HttpUrl {
  std::string scheme;  ///< lower case ("http")
  std::string host;    ///< as written, without brackets for IPv6 literals
  int port = 80;       ///< the default for the scheme when absent
  std::string path;    ///< path + query, "/" when empty
  std::string ToString() const;
};

/// An absolute http:// or https:// URL; nullopt for anything else (other
/// schemes, user info, a bad port, control characters or spaces).
std::optional<HttpUrl> ParseHttpUrl(std::string_view text);

/// `reference` resolved against the absolute `base` (RFC 3986 §5.2, with
/// dot segments removed). Empty when the reference is empty or the result
/// is not an http(s) URL.
std::string ResolveUrl(std::string_view base, std::string_view reference);

}  // namespace netfix::wire
