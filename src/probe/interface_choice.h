// Which interface the LAN probes (ARP sweep) use, and with which address.
#pragma once

#include <optional>
#include <string>

#include "model/snapshot.h"
#include "wire/addr.h"

namespace netfix::probe {

struct LanInterface {
  std::string name;
  std::optional<wire::MacAddress> mac;  ///< none on tun/ppp links
  wire::Ipv4 address = 0;
  int prefix_len = 0;
};

struct InterfaceChoice {
  std::string name;                 ///< the chosen interface, even without IPv4 ("" if none)
  std::optional<LanInterface> lan;  ///< set when it has an IPv4 address
  std::string reason;               ///< why `lan` is empty
};

/// `requested` (ScanOptions::interface) if given, else the default route's
/// interface, else the first up, non-loopback interface with an IPv4
/// address. A self-assigned 169.254/16 address is used only when there is
/// no other.
InterfaceChoice ChooseInterface(const model::Snapshot& snapshot, const std::string& requested);

}  // namespace netfix::probe
