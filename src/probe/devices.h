// Collects every sighting of a device (MAC + IP + how it was seen) and
// turns them into the snapshot's device list.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/snapshot.h"
#include "wire/oui.h"

namespace netfix::probe {

class DeviceTable {
 public:
  /// `ip` may be empty (a device known only by its MAC). MACs are normalised
  /// to lower case; invalid MACs are ignored.
  void Add(const std::string& mac, const std::string& ip, const std::string& how);
  /// An IPv6 address seen for `mac` (`how` may be empty).
  void AddIpv6(const std::string& mac, const std::string& ip, const std::string& how);
  void MarkSelf(const std::string& mac);
  /// Every device that claimed `ip` is the gateway.
  void MarkGateway(const std::string& ip);

  int size() const { return static_cast<int>(devices_.size()); }
  /// Whether some device was seen with IPv4 `ip` in the way `how`.
  bool Seen(const std::string& ip, const std::string& how) const {
    return sightings_.count({ip, how}) > 0;
  }

  /// Sorted by first IPv4 address (numerically; devices without one last),
  /// with vendors from `oui` (may be null) and the U/L bit.
  std::vector<model::Device> Finish(const wire::OuiTable* oui) const;

 private:
  model::Device& Find(const std::string& mac);
  std::vector<model::Device> devices_;
  std::set<std::pair<std::string, std::string>> sightings_;  // (ip, how)
};

}  // namespace netfix::probe
