// Collects every sighting of a device (MAC + IPv4 + how it was seen) and
// turns them into the snapshot's device list.
#pragma once

#include <string>
#include <vector>

#include "model/snapshot.h"
#include "wire/oui.h"

namespace netfix::probe {

class DeviceTable {
 public:
  /// `ip` may be empty (a device known only by its MAC). MACs are normalised
  /// to lower case; invalid MACs are ignored.
  void Add(const std::string& mac, const std::string& ip, const std::string& how);
  void MarkSelf(const std::string& mac);
  /// Every device that claimed `ip` is the gateway.
  void MarkGateway(const std::string& ip);

  int size() const { return static_cast<int>(devices_.size()); }

  /// Sorted by first IPv4 address (numerically; devices without one last),
  /// with vendors from `oui` (may be null) and the U/L bit.
  std::vector<model::Device> Finish(const wire::OuiTable* oui) const;

 private:
  model::Device& Find(const std::string& mac);
  std::vector<model::Device> devices_;
};

}  // namespace netfix::probe
