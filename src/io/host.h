// Facts about this machine: name, kernel, privilege, wall-clock time.
#pragma once

#include <chrono>
#include <string>

namespace netfix::io {

struct HostFacts {
  std::string hostname;
  std::string os;           ///< "Linux 6.1.0-18-amd64"
  bool privileged = false;  ///< CAP_NET_RAW in the effective set
};

HostFacts ReadHostFacts();

/// Whether this process has CAP_NET_RAW in its effective set (capget).
bool HasCapNetRaw();

/// "2024-05-01T12:34:56Z".
std::string FormatRfc3339Utc(std::chrono::system_clock::time_point when);

}  // namespace netfix::io
