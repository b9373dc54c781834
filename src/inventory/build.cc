#include "inventory/build.h"

#include "inventory/roles.h"
#include "profile/profile.h"

namespace netfix::inventory {

Inventory Build(const model::Snapshot& snapshot) {
  Inventory inventory = Merge(snapshot);
  Identify(&inventory, profile::ProfileDb::Builtin());
  return inventory;
}

}  // namespace netfix::inventory
