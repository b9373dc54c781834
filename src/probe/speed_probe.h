// The speed probe (the internet leg, --speed-url/--upload-url) and the peer
// probe (the home leg, --peer against `netfix serve`); both declared in
// probe/link_phase.h. This header has what the command line shares with them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netfix::probe {

struct PeerAddress {
  std::string host;  ///< a name, an IPv4 address or an IPv6 address (without brackets)
  int port = 0;
  /// "host:port", with brackets around an IPv6 address.
  std::string ToString() const;
};

/// "HOST", "HOST:PORT", "[IPV6]" or "[IPV6]:PORT"; the port defaults to
/// `default_port`. nullopt for anything else (spaces, a bad port, a path).
std::optional<PeerAddress> ParsePeerAddress(std::string_view text, int default_port);

}  // namespace netfix::probe
