#include "inventory/inventory.h"

#include <algorithm>

#include "inventory/facts.h"

namespace netfix::inventory {

const char* ToString(Role role) {
  switch (role) {
    case Role::kRouter: return "router";
    case Role::kRepeater: return "repeater";
    case Role::kReceiver: return "receiver";
    case Role::kMediaServer: return "media-server";
    case Role::kPrinter: return "printer";
    case Role::kComputer: return "computer";
    case Role::kUnknown: return "unknown";
  }
  return "unknown";
}

std::optional<Role> RoleFromString(const std::string& text) {
  for (Role role : {Role::kRouter, Role::kRepeater, Role::kReceiver, Role::kMediaServer,
                    Role::kPrinter, Role::kComputer, Role::kUnknown})
    if (text == ToString(role)) return role;
  return std::nullopt;
}

std::vector<std::string> Device::Values(std::string_view key) const {
  std::vector<std::string> values;
  for (const auto& fact : facts)
    if (fact.key == key && std::find(values.begin(), values.end(), fact.value) == values.end())
      values.push_back(fact.value);
  return values;
}

std::string Device::Value(std::string_view key) const {
  for (const auto& fact : facts)
    if (fact.key == key) return fact.value;
  return "";
}

bool Device::Has(std::string_view key) const {
  return std::any_of(facts.begin(), facts.end(), [&](const Fact& f) { return f.key == key; });
}

std::string Device::DisplayName() const {
  if (!product.empty()) return product;
  if (std::string name = Value(facts::kUpnpFriendlyName); !name.empty()) return name;
  if (std::string name = Value(facts::kMdnsInstance); !name.empty()) return name;
  if (!hostnames.empty()) return hostnames.front();
  if (!vendor.empty()) return vendor;
  if (!ipv4.empty()) return ipv4.front();
  return key;
}

const Device* Inventory::FindByIp(const std::string& ip) const {
  for (const auto& d : devices) {
    if (std::find(d.ipv4.begin(), d.ipv4.end(), ip) != d.ipv4.end()) return &d;
    if (std::find(d.ipv6.begin(), d.ipv6.end(), ip) != d.ipv6.end()) return &d;
  }
  return nullptr;
}

const Device* Inventory::FindByMac(const std::string& mac) const {
  for (const auto& d : devices)
    if (!mac.empty() && d.mac == mac) return &d;
  return nullptr;
}

const Device* Inventory::FindByKey(const std::string& key) const {
  for (const auto& d : devices)
    if (d.key == key) return &d;
  return nullptr;
}

}  // namespace netfix::inventory
