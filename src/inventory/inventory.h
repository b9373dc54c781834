// The inventory: one entry per device, merged from everything the probes
// recorded (ARP, DHCP, SSDP/UPnP, mDNS, IPv6, LLDP), each fact with the probe
// that saw it; then a role and, where a profile knows it, the product.
//
// The inventory is computed from the snapshot (pure, no I/O), so a snapshot
// diagnosed anywhere gives the same inventory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/snapshot.h"

namespace netfix::inventory {

/// One observation about a device.
struct Fact {
  std::string key;  ///< from facts.h
  std::string value;
  std::string source;  ///< the probe that saw it ("arp-sweep", "ssdp", ...)
};

enum class Role {
  kRouter,       ///< router / gateway
  kRepeater,     ///< repeater, mesh node, access point
  kReceiver,     ///< TV, set-top or IPTV box, Sat>IP server, media renderer, cast target, speaker
  kMediaServer,  ///< media server, NAS
  kPrinter,
  kComputer,  ///< computer, phone, tablet
  kUnknown,
};

const char* ToString(Role role);  ///< "router", "repeater", "receiver", "media-server", ...
std::optional<Role> RoleFromString(const std::string& text);

struct RoleGuess {
  Role role = Role::kUnknown;
  double confidence = 0;  ///< 0..1
  /// What the guess rests on, as facts ("upnp.device_type = ...MediaRenderer:1").
  std::vector<std::string> evidence;
};

struct Device {
  /// The MAC address, or "ip:<address>" for a device seen only by address
  /// (behind a router, or through a probe that does not see MACs).
  std::string key;
  std::string mac;
  bool locally_administered = false;
  bool is_self = false;
  bool is_gateway = false;
  std::vector<std::string> ipv4;
  std::vector<std::string> ipv6;
  std::vector<std::string> hostnames;
  std::string vendor;
  std::vector<Fact> facts;  ///< every fact, with its source, in the order seen

  RoleGuess role;
  std::string profile_id;  ///< the matched profile ("" = none)
  std::string product;     ///< the profile's product name, with the model if known

  /// Values of `key`, without duplicates, in the order seen.
  std::vector<std::string> Values(std::string_view key) const;
  /// The first value of `key`, or "".
  std::string Value(std::string_view key) const;
  bool Has(std::string_view key) const;
  /// A short name a technician would use: product, else UPnP friendly name,
  /// else hostname, else vendor, else the address.
  std::string DisplayName() const;
};

struct Inventory {
  std::vector<Device> devices;  ///< sorted like the snapshot's devices (by IPv4)

  const Device* FindByIp(const std::string& ip) const;
  const Device* FindByMac(const std::string& mac) const;
  const Device* FindByKey(const std::string& key) const;
};

/// Merges the snapshot's observations into devices (facts only: no roles).
Inventory Merge(const model::Snapshot& snapshot);

}  // namespace netfix::inventory
