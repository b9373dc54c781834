#include "inventory/build.h"

namespace netfix::inventory {

Inventory Build(const model::Snapshot& snapshot) {
  Inventory inventory = Merge(snapshot);
  // Roles and profiles: see roles.h (wired in once profiles exist).
  return inventory;
}

}  // namespace netfix::inventory
