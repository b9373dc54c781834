// Merge: the snapshot's observations, device by device. Sources that carry a
// MAC address come first (they create devices); sources that only know an IP
// address (SSDP, UPnP, mDNS) attach to the device that has it, or create an
// "ip:<address>" device when nothing on the link claimed it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

#include "inventory/facts.h"
#include "inventory/inventory.h"
#include "util/strings.h"

namespace netfix::inventory {

namespace {

// "arp-reply" (how a device was seen) -> "arp-sweep" (the probe that saw it).
std::string ProbeOf(const std::string& how) {
  if (how == "arp-passive" || how == "dhcp-passive" || how == "ssdp-notify" ||
      how == "mdns-passive" || how == "igmp" || how == "lldp")
    return "passive";
  if (util::StartsWith(how, "arp")) return "arp-sweep";
  if (how == "self" || how == "neighbour-table") return "host-config";
  if (util::StartsWith(how, "ipv6") || how == "echo-reply" || how == "ndp") return "ipv6";
  if (util::StartsWith(how, "dhcp")) return "dhcp";
  return how;
}

std::optional<std::uint32_t> ParseIpv4(const std::string& text) {
  unsigned a, b, c, d;
  char extra;
  if (std::sscanf(text.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) != 4) return std::nullopt;
  if (a > 255 || b > 255 || c > 255 || d > 255) return std::nullopt;
  return (a << 24) | (b << 16) | (c << 8) | d;
}

std::string FormatIpv4(std::uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 255) + "." +
         std::to_string((v >> 8) & 255) + "." + std::to_string(v & 255);
}

// "192.168.0.17" + "255.255.255.0" -> "192.168.0.0/24"; "" when unusable.
std::string Subnet(const std::string& ip, const std::string& mask) {
  auto address = ParseIpv4(ip);
  auto netmask = ParseIpv4(mask);
  if (!address || !netmask || *address == 0) return "";
  int length = 0;
  for (std::uint32_t m = *netmask; m & 0x80000000u; m <<= 1) ++length;
  if (length == 0 || length > 32) return "";
  return FormatIpv4(*address & *netmask) + "/" + std::to_string(length);
}

bool IsIpv6(const std::string& address) {
  return address.find(':') != std::string::npos;
}

// "Living Room TV._googlecast._tcp.local" with type "_googlecast._tcp" -> "Living Room TV".
std::string InstanceLabel(const std::string& instance, const std::string& type) {
  std::string suffix = "." + type + ".local";
  if (!type.empty() && util::EndsWith(instance, suffix))
    return instance.substr(0, instance.size() - suffix.size());
  auto dot = instance.find("._");
  return dot == std::string::npos ? instance : instance.substr(0, dot);
}

std::string HostLabel(std::string host) {
  if (util::EndsWith(host, ".")) host.pop_back();
  if (util::EndsWith(host, ".local")) host.resize(host.size() - 6);
  return host;
}

class Builder {
 public:
  Device& ByMac(const std::string& raw_mac) {
    std::string mac = util::ToLower(raw_mac);
    for (auto& d : devices_)
      if (d.mac == mac) return d;
    // An "ip:" device created earlier for an address this MAC now claims is
    // not merged here: MAC sources run first, so that does not happen.
    Device d;
    d.key = mac;
    d.mac = mac;
    devices_.push_back(std::move(d));
    return devices_.back();
  }

  Device& ByIp(const std::string& ip) {
    for (auto& d : devices_) {
      if (std::find(d.ipv4.begin(), d.ipv4.end(), ip) != d.ipv4.end()) return d;
      if (std::find(d.ipv6.begin(), d.ipv6.end(), ip) != d.ipv6.end()) return d;
    }
    Device d;
    d.key = "ip:" + ip;
    devices_.push_back(std::move(d));
    AddAddress(devices_.back(), ip, "");
    return devices_.back();
  }

  static void AddFact(Device& d, std::string_view key, const std::string& value,
                      const std::string& source) {
    if (value.empty()) return;
    for (const auto& f : d.facts)
      if (f.key == key && f.value == value && f.source == source) return;
    d.facts.push_back({std::string(key), value, source});
  }

  static void AddAddress(Device& d, const std::string& ip, const std::string& source) {
    if (ip.empty()) return;
    auto& list = IsIpv6(ip) ? d.ipv6 : d.ipv4;
    if (std::find(list.begin(), list.end(), ip) == list.end()) list.push_back(ip);
    if (!source.empty()) AddFact(d, IsIpv6(ip) ? facts::kIpv6 : facts::kIpv4, ip, source);
  }

  static void AddHostname(Device& d, const std::string& name, const std::string& source) {
    if (name.empty()) return;
    if (std::find(d.hostnames.begin(), d.hostnames.end(), name) == d.hostnames.end())
      d.hostnames.push_back(name);
    AddFact(d, facts::kHostname, name, source);
  }

  std::vector<Device> Finish() && {
    std::stable_sort(devices_.begin(), devices_.end(), [](const Device& a, const Device& b) {
      auto ka = a.ipv4.empty() ? std::nullopt : ParseIpv4(a.ipv4.front());
      auto kb = b.ipv4.empty() ? std::nullopt : ParseIpv4(b.ipv4.front());
      if (ka && kb) return *ka < *kb;
      if (ka || kb) return ka.has_value();
      return a.key < b.key;
    });
    return std::move(devices_);
  }

 private:
  std::vector<Device> devices_;
};

void MergeArpDevices(const model::Snapshot& s, Builder& b) {
  for (const auto& sd : s.devices) {
    Device& d = b.ByMac(sd.mac);
    std::string source = sd.seen_by.empty() ? "arp-sweep" : ProbeOf(sd.seen_by.front());
    Builder::AddFact(d, facts::kMac, d.mac, source);
    for (const auto& ip : sd.ipv4) Builder::AddAddress(d, ip, source);
    for (const auto& ip : sd.ipv6) Builder::AddAddress(d, ip, source);
    if (!sd.vendor.empty()) {
      d.vendor = sd.vendor;
      Builder::AddFact(d, facts::kMacVendor, sd.vendor, source);
    }
    d.locally_administered = sd.locally_administered;
    if (sd.locally_administered) Builder::AddFact(d, facts::kMacRandom, "yes", source);
    if (sd.is_self) {
      d.is_self = true;
      Builder::AddFact(d, facts::kSelf, "yes", "host-config");
    }
    if (sd.is_gateway) {
      d.is_gateway = true;
      Builder::AddFact(d, facts::kGateway, "yes", "host-config");
    }
  }
}

void MergeMacSources(const model::Snapshot& s, Builder& b) {
  const auto& m = s.measurements;
  if (m.ipv6) {
    for (const auto& n : m.ipv6->neighbours) {
      if (n.mac.empty()) continue;
      Builder::AddAddress(b.ByMac(n.mac), n.ip, "ipv6");
    }
    for (const auto& ra : m.ipv6->router_advertisements) {
      Device& d = ra.from_mac.empty() ? b.ByIp(ra.from_ip) : b.ByMac(ra.from_mac);
      Builder::AddAddress(d, ra.from_ip, "ipv6");
      Builder::AddFact(d, facts::kIpv6Router, "yes", "ipv6");
    }
  }
  if (m.dhcp) {
    for (const auto& msg : m.dhcp->messages) {
      bool from_server =
          msg.message_type == "OFFER" || msg.message_type == "ACK" || msg.message_type == "NAK";
      if (from_server) {
        std::string ip = msg.server_id.empty() ? msg.server_ip : msg.server_id;
        if (msg.server_mac.empty() && ip.empty()) continue;
        std::string source = msg.how == "passive" ? "passive" : "dhcp";
        Device& d = msg.server_mac.empty() ? b.ByIp(ip) : b.ByMac(msg.server_mac);
        Builder::AddAddress(d, msg.server_ip, source);
        Builder::AddFact(d, facts::kDhcpServer, "yes", source);
        for (const auto& r : msg.routers) Builder::AddFact(d, facts::kDhcpRouter, r, source);
        Builder::AddFact(
            d, facts::kDhcpSubnet,
            Subnet(msg.offered_ip.empty() ? msg.server_ip : msg.offered_ip, msg.subnet_mask),
            source);
      } else if (!msg.client_mac.empty() && msg.client_mac != m.dhcp->client_mac) {
        Device& d = b.ByMac(msg.client_mac);
        Builder::AddHostname(d, msg.hostname, "passive");
        Builder::AddFact(d, facts::kDhcpVendorClass, msg.vendor_class, "passive");
      }
    }
  }
  if (m.passive) {
    for (const auto& q : m.passive->igmp) {
      if (q.type != "query") continue;
      Device& d = q.from_mac.empty() ? b.ByIp(q.from_ip) : b.ByMac(q.from_mac);
      Builder::AddAddress(d, q.from_ip, "passive");
      Builder::AddFact(d, facts::kIgmpQuerier, "yes", "passive");
    }
    for (const auto& n : m.passive->lldp) {
      if (n.from_mac.empty()) continue;
      Device& d = b.ByMac(n.from_mac);
      Builder::AddFact(d, facts::kLldpSystemName, n.system_name, "passive");
      Builder::AddFact(d, facts::kLldpSystemDescription, n.system_description, "passive");
      for (const auto& c : n.capabilities)
        Builder::AddFact(d, facts::kLldpCapability, c, "passive");
    }
  }
}

void MergeIpSources(const model::Snapshot& s, Builder& b) {
  const auto& m = s.measurements;
  if (m.ssdp) {
    for (const auto& msg : m.ssdp->messages) {
      if (msg.from_ip.empty()) continue;
      std::string source = msg.how == "notify" ? "passive" : "ssdp";
      Device& d = b.ByIp(msg.from_ip);
      Builder::AddFact(d, facts::kSsdpServer, msg.server, source);
      Builder::AddFact(d, facts::kSsdpTarget, msg.target, source);
    }
    for (const auto& desc : m.ssdp->descriptions) {
      if (desc.from_ip.empty()) continue;
      Device& d = b.ByIp(desc.from_ip);
      for (const auto& u : desc.devices) {
        Builder::AddFact(d, facts::kUpnpDeviceType, u.device_type, "ssdp");
        Builder::AddFact(d, facts::kUpnpFriendlyName, u.friendly_name, "ssdp");
        Builder::AddFact(d, facts::kUpnpManufacturer, u.manufacturer, "ssdp");
        Builder::AddFact(d, facts::kUpnpModelName, u.model_name, "ssdp");
        Builder::AddFact(d, facts::kUpnpModelNumber, u.model_number, "ssdp");
        Builder::AddFact(d, facts::kUpnpModelDescription, u.model_description, "ssdp");
        Builder::AddFact(d, facts::kUpnpSerial, u.serial_number, "ssdp");
        Builder::AddFact(d, facts::kUpnpUdn, u.udn, "ssdp");
        Builder::AddFact(d, facts::kUpnpPresentationUrl, u.presentation_url, "ssdp");
        for (const auto& svc : u.services)
          Builder::AddFact(d, facts::kUpnpServiceType, svc.service_type, "ssdp");
      }
    }
    for (const auto& g : m.ssdp->gateways) {
      if (g.from_ip.empty()) continue;
      Builder::AddFact(b.ByIp(g.from_ip), facts::kUpnpExternalIp, g.external_ip, "ssdp");
    }
  }
  if (m.mdns) {
    for (const auto& svc : m.mdns->services) {
      std::string ip = svc.from_ip;
      if (ip.empty() && !svc.addresses.empty()) ip = svc.addresses.front();
      if (ip.empty()) continue;
      Device& d = b.ByIp(ip);
      for (const auto& a : svc.addresses) Builder::AddAddress(d, a, "mdns");
      Builder::AddFact(d, facts::kMdnsService, svc.type, "mdns");
      Builder::AddFact(d, facts::kMdnsInstance, InstanceLabel(svc.instance, svc.type), "mdns");
      Builder::AddHostname(d, HostLabel(svc.host), "mdns");
      for (const auto& [key, value] : svc.txt)
        if (!key.empty())
          Builder::AddFact(d, std::string(facts::kMdnsTxtPrefix) + util::ToLower(key), value,
                           "mdns");
    }
  }
}

}  // namespace

Inventory Merge(const model::Snapshot& snapshot) {
  Builder builder;
  MergeArpDevices(snapshot, builder);
  MergeMacSources(snapshot, builder);
  MergeIpSources(snapshot, builder);
  Inventory inventory;
  inventory.devices = std::move(builder).Finish();
  return inventory;
}

}  // namespace netfix::inventory
