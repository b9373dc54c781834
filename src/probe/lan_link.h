// The Ethernet link that the DHCP, IPv6 and passive probes listen and send
// on. Unlike the ARP sweep they do not need an IPv4 address: a machine
// without one is exactly when DHCP matters most.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/snapshot.h"
#include "probe/interface_choice.h"
#include "wire/addr.h"

namespace netfix::probe {

struct LanLink {
  std::string name;
  wire::MacAddress mac{};
  /// A usable IPv4 address (not 169.254/16): DHCPINFORM needs one.
  std::optional<wire::Ipv4> ipv4;
  std::vector<model::InterfaceAddress> addresses;  ///< every address of the interface
};

struct LanLinkChoice {
  std::optional<LanLink> link;
  std::string reason;  ///< why there is none (a skipped probe's reason)
};

/// The scan interface (choice.name); when there is none, `requested` if it
/// exists, else the first up, running, non-loopback interface. It must have
/// an Ethernet address.
LanLinkChoice ChooseLanLink(const model::Snapshot& snapshot, const InterfaceChoice& choice,
                            const std::string& requested);

}  // namespace netfix::probe
