// /proc/net/route: the kernel's IPv4 routing table in text form, the fallback
// when netlink is not available.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wire/addr.h"

namespace netfix::wire {

struct ProcRoute {
  std::string interface;
  Ipv4 destination = 0;
  Ipv4 gateway = 0;  ///< 0: on-link
  Ipv4 mask = 0;
  unsigned flags = 0;  ///< RTF_UP 0x1, RTF_GATEWAY 0x2, RTF_HOST 0x4 ...
  int metric = 0;

  int prefix_len() const;  ///< -1 for a non-contiguous mask
  bool up() const { return (flags & 0x1) != 0; }
};

/// Addresses in the file are the kernel's 32-bit network-order values printed
/// as host integers; `little_endian_host` says how to read them back (true on
/// x86 and arm64, which is where the fixtures come from). Malformed rows are
/// skipped.
std::vector<ProcRoute> ParseProcNetRoute(std::string_view text, bool little_endian_host);

/// Whether this machine stores integers little-endian.
bool HostIsLittleEndian();

}  // namespace netfix::wire
