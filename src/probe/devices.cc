#include "probe/devices.h"

#include <algorithm>

#include "wire/addr.h"

namespace netfix::probe {

namespace {

template <typename T>
void AddUnique(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

model::Device& DeviceTable::Find(const std::string& mac) {
  for (auto& d : devices_)
    if (d.mac == mac) return d;
  model::Device& d = devices_.emplace_back();
  d.mac = mac;
  return d;
}

void DeviceTable::Add(const std::string& mac, const std::string& ip, const std::string& how) {
  auto parsed = wire::ParseMac(mac);
  if (!parsed) return;
  model::Device& d = Find(wire::FormatMac(*parsed));
  if (!ip.empty()) AddUnique(d.ipv4, ip);
  if (!how.empty()) AddUnique(d.seen_by, how);
  if (!ip.empty() && !how.empty()) sightings_.insert({ip, how});
}

void DeviceTable::AddIpv6(const std::string& mac, const std::string& ip, const std::string& how) {
  auto parsed = wire::ParseMac(mac);
  if (!parsed || wire::IsMulticastMac(*parsed) || *parsed == wire::kZeroMac) return;
  model::Device& d = Find(wire::FormatMac(*parsed));
  if (!ip.empty()) AddUnique(d.ipv6, ip);
  if (!how.empty()) AddUnique(d.seen_by, how);
}

void DeviceTable::MarkSelf(const std::string& mac) {
  auto parsed = wire::ParseMac(mac);
  if (!parsed) return;
  model::Device& d = Find(wire::FormatMac(*parsed));
  d.is_self = true;
  AddUnique(d.seen_by, std::string("self"));
}

void DeviceTable::MarkGateway(const std::string& ip) {
  for (auto& d : devices_)
    if (std::find(d.ipv4.begin(), d.ipv4.end(), ip) != d.ipv4.end()) d.is_gateway = true;
}

std::vector<model::Device> DeviceTable::Finish(const wire::OuiTable* oui) const {
  std::vector<model::Device> out = devices_;
  for (auto& d : out) {
    auto mac = wire::ParseMac(d.mac);
    if (!mac) continue;
    d.locally_administered = wire::IsLocallyAdministered(*mac);
    if (oui != nullptr) d.vendor = oui->Lookup(*mac).value_or("");
  }
  auto key = [](const model::Device& d) {
    std::uint64_t ip = std::uint64_t{1} << 32;  // no address: last
    if (!d.ipv4.empty())
      if (auto parsed = wire::ParseIpv4(d.ipv4.front())) ip = *parsed;
    return std::make_pair(ip, d.mac);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const model::Device& a, const model::Device& b) { return key(a) < key(b); });
  return out;
}

}  // namespace netfix::probe
