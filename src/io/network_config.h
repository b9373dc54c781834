// The host's interfaces, addresses, routes and neighbour table, as the model
// describes them.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "io/result.h"
#include "model/snapshot.h"
#include "wire/rtnetlink.h"

namespace netfix::io {

/// An entry of the kernel's ARP cache (or, for IPv6, its NDP cache).
struct Neighbour {
  std::string interface;
  std::string ip;
  std::string mac;
};

struct NetworkConfig {
  std::vector<model::Interface> interfaces;
  std::vector<model::Route> routes;    ///< main table, unicast, IPv4 and IPv6
  std::vector<Neighbour> neighbours;   ///< IPv4 entries with a MAC (not failed/incomplete)
  std::vector<Neighbour> neighbours6;  ///< the same for IPv6 (NDP)
  std::vector<std::string> notes;      ///< e.g. that routes came from /proc/net/route
};

/// Everything a netlink dump returned, before conversion.
struct NetlinkDump {
  std::vector<wire::NlLink> links;
  std::vector<wire::NlAddress> addresses;
  std::vector<wire::NlRoute> routes;
  std::vector<wire::NlNeighbour> neighbours;
};

/// Pure conversion to the model. `is_wireless(name)` decides kind "wifi".
NetworkConfig BuildNetworkConfig(const NetlinkDump& dump,
                                 const std::function<bool(const std::string&)>& is_wireless);

/// Reads links, addresses, routes and neighbours over NETLINK_ROUTE, each
/// dump bounded by `timeout`. When the route dump fails, /proc/net/route is
/// the fallback (IPv4 only, noted).
Result<NetworkConfig> ReadKernelNetworkConfig(std::chrono::milliseconds timeout);

}  // namespace netfix::io
