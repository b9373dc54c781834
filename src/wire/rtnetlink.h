// rtnetlink dump messages (links, addresses, routes, neighbours) as the
// kernel sends them over a NETLINK_ROUTE socket. Pure parsing; io/netlink
// owns the socket. Netlink uses host byte order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

struct NlLink {
  int index = 0;
  std::string name;
  std::uint16_t hardware_type = 0;  ///< ARPHRD_*
  std::uint32_t flags = 0;          ///< IFF_*
  int mtu = 0;
  std::optional<MacAddress> mac;  ///< when the hardware address has 6 bytes
  std::string kind;               ///< IFLA_INFO_KIND: "veth", "bridge" ... or empty
};

struct NlAddress {
  int family = 0;  ///< AF_INET / AF_INET6
  int index = 0;
  int prefix_len = 0;
  int scope = 0;  ///< RT_SCOPE_*
  std::string address;
};

struct NlRoute {
  int family = 0;
  int table = 0;
  int type = 0;  ///< RTN_*
  int dst_len = 0;
  std::string destination;  ///< empty for the default route
  std::string gateway;      ///< empty for on-link routes
  int oif = 0;
  int priority = 0;
};

struct NlNeighbour {
  int family = 0;
  int index = 0;
  std::uint16_t state = 0;  ///< NUD_*
  std::string ip;
  std::optional<MacAddress> mac;
};

/// One recv() worth of netlink messages, sorted by kind.
struct NlBatch {
  std::vector<NlLink> links;
  std::vector<NlAddress> addresses;
  std::vector<NlRoute> routes;
  std::vector<NlNeighbour> neighbours;
  bool done = false;       ///< NLMSG_DONE seen: the dump is complete
  int error = 0;           ///< errno from an NLMSG_ERROR (0: none)
  int skipped = 0;         ///< messages that were cut short or unknown
  bool truncated = false;  ///< the buffer ended inside a message header
};

/// Parses every message in `buffer`. Only messages whose sequence number is
/// `sequence` are taken (others belong to an earlier request).
NlBatch ParseNetlinkMessages(Bytes buffer, std::uint32_t sequence);

/// Rounds up to netlink's 4-byte alignment.
constexpr std::size_t NetlinkAlign(std::size_t length) {
  return (length + 3) & ~std::size_t{3};
}

/// Calls `on_attribute(type, payload)` for each netlink attribute (struct
/// nlattr / rtattr: length, type, payload, padded to 4 bytes) in
/// `attributes`, the nested and byte-order flags masked off the type; false
/// when an attribute's length runs past the end (those before it were seen).
bool ForEachNetlinkAttribute(Bytes attributes,
                             const std::function<void(std::uint16_t, Bytes)>& on_attribute);

/// A NUL-terminated (or NUL-less) netlink string attribute, up to the NUL.
std::string NetlinkString(Bytes payload);

}  // namespace netfix::wire
