// The whole inventory step: merge the snapshot's observations, then name
// each device (profiles) and give it a role.
#pragma once

#include "inventory/inventory.h"
#include "model/snapshot.h"

namespace netfix::inventory {

/// Merge(snapshot), then roles and products from the built-in profiles.
Inventory Build(const model::Snapshot& snapshot);

}  // namespace netfix::inventory
