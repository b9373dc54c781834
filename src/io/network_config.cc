#include "io/network_config.h"

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <map>

#include "wire/addr.h"

namespace netfix::io {

namespace {

std::string ScopeName(int scope) {
  switch (scope) {
    case RT_SCOPE_UNIVERSE: return "global";
    case RT_SCOPE_SITE: return "site";
    case RT_SCOPE_LINK: return "link";
    case RT_SCOPE_HOST: return "host";
  }
  return "scope" + std::to_string(scope);
}

std::string FamilyName(int family) {
  return family == AF_INET6 ? "ipv6" : "ipv4";
}

}  // namespace

NetworkConfig BuildNetworkConfig(const NetlinkDump& dump,
                                 const std::function<bool(const std::string&)>& is_wireless) {
  NetworkConfig config;
  std::map<int, std::string> names;
  for (const auto& link : dump.links) {
    model::Interface i;
    i.name = link.name;
    i.index = link.index;
    if (link.mac && *link.mac != wire::kZeroMac) i.mac = wire::FormatMac(*link.mac);
    i.up = (link.flags & IFF_UP) != 0;
    i.running = (link.flags & (IFF_RUNNING | IFF_LOWER_UP)) != 0;
    i.loopback = (link.flags & IFF_LOOPBACK) != 0 || link.hardware_type == ARPHRD_LOOPBACK;
    i.mtu = link.mtu;
    i.kind = i.loopback                              ? "loopback"
             : is_wireless && is_wireless(link.name) ? "wifi"
             : link.hardware_type == ARPHRD_ETHER    ? "ethernet"
                                                     : "other";
    names[link.index] = link.name;
    config.interfaces.push_back(std::move(i));
  }
  for (const auto& a : dump.addresses) {
    if (a.family != AF_INET && a.family != AF_INET6) continue;
    auto it = std::find_if(config.interfaces.begin(), config.interfaces.end(),
                           [&](const model::Interface& i) { return i.index == a.index; });
    if (it == config.interfaces.end()) continue;
    it->addresses.push_back({FamilyName(a.family), a.address, a.prefix_len, ScopeName(a.scope)});
  }
  for (const auto& r : dump.routes) {
    if (r.table != RT_TABLE_MAIN || r.type != RTN_UNICAST) continue;
    if (r.family != AF_INET && r.family != AF_INET6) continue;
    model::Route route;
    route.family = FamilyName(r.family);
    route.destination =
        r.dst_len == 0 ? "default" : r.destination + "/" + std::to_string(r.dst_len);
    route.gateway = r.gateway;
    auto name = names.find(r.oif);
    route.interface = name == names.end() ? "" : name->second;
    route.metric = r.priority;
    config.routes.push_back(std::move(route));
  }
  constexpr int kUnusable = NUD_INCOMPLETE | NUD_FAILED | NUD_NOARP | NUD_NONE;
  for (const auto& n : dump.neighbours) {
    if (n.family != AF_INET && n.family != AF_INET6) continue;
    if ((n.state & kUnusable) != 0 || n.state == 0) continue;
    if (!n.mac || *n.mac == wire::kZeroMac || wire::IsMulticastMac(*n.mac)) continue;
    auto name = names.find(n.index);
    auto& table = n.family == AF_INET ? config.neighbours : config.neighbours6;
    table.push_back({name == names.end() ? "" : name->second, n.ip, wire::FormatMac(*n.mac)});
  }
  return config;
}

}  // namespace netfix::io
