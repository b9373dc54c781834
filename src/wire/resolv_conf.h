// /etc/resolv.conf as the C library reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netfix::wire {

/// glibc's MAXNS: nameservers after the third are ignored by the C library.
inline constexpr int kLibcMaxNameservers = 3;

struct ResolvConf {
  /// Every valid nameserver in file order, including those after the third
  /// (see notes) and IPv6 addresses with a "%scope" suffix.
  std::vector<std::string> nameservers;
  std::vector<std::string> search;   ///< the last search/domain line wins, as in libc
  std::vector<std::string> options;  ///< e.g. "rotate", "ndots:1", "timeout:1"
  /// What a reader should know: ignored entries, invalid addresses,
  /// nameservers the C library will not use.
  std::vector<std::string> notes;
};

/// Comments start with '#' or ';' at the beginning of a line or after a value.
/// A keyword line indented with whitespace is accepted (tools write them), but
/// noted: glibc and musl only recognise keywords at the start of a line.
ResolvConf ParseResolvConf(std::string_view text);

/// systemd-resolved's local stub listeners (127.0.0.53, 127.0.0.54).
bool IsSystemdResolvedStub(std::string_view address);
/// A resolver on this machine (127.0.0.0/8, ::1): it forwards elsewhere.
bool IsLocalResolver(std::string_view address);

}  // namespace netfix::wire
