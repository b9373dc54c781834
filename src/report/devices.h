// The device inventory on its own: `netfix devices`, and the "devices" part
// of a JSON report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "inventory/inventory.h"
#include "model/lang.h"
#include "report/report.h"

namespace netfix::report {

/// What a device is, for device tables: its role and flags, without
/// repeating itself ("router (gateway)", "TV / receiver", "this computer").
std::string DeviceKind(const inventory::Device& device, model::Lang lang);

/// One device as JSON: addresses, names, role with confidence and evidence,
/// profile and product, and every fact with the probe that saw it.
nlohmann::json DeviceJson(const inventory::Device& device);

/// {"schema": "netfix.devices/1", "devices": [...]}
std::string RenderDevicesJson(const inventory::Inventory& inventory);

/// A table (IP, MAC, device, kind); with `facts`, every device's facts and
/// their sources below it.
std::string RenderDevicesText(const inventory::Inventory& inventory, model::Lang lang,
                              const TextOptions& options, bool facts);

}  // namespace netfix::report
