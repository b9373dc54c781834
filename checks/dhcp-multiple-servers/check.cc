// dhcp-multiple-servers: more than one DHCP server answered (to netfix's own
// DISCOVER/INFORM, or seen answering others). The one that is not the
// default gateway is named.
#include "check/check.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "util/strings.h"

namespace netfix::checks {

namespace {

struct Server {
  std::string id;  // server identifier (option 54), else the source address
  std::string mac;
  const model::DhcpMessage* example = nullptr;  // an offer if there is one
};

// The message in DHCP's own terms (yiaddr, options), for the evidence.
std::string Describe(const model::DhcpMessage& m) {
  std::vector<std::string> parts;
  if (!m.offered_ip.empty()) parts.push_back("yiaddr " + m.offered_ip);
  if (!m.subnet_mask.empty()) parts.push_back("subnet " + m.subnet_mask);
  if (!m.routers.empty()) parts.push_back("router " + util::Join(m.routers, " "));
  if (!m.dns_servers.empty()) parts.push_back("dns " + util::Join(m.dns_servers, " "));
  if (m.lease_s) parts.push_back("lease " + std::to_string(*m.lease_s) + " s");
  return parts.empty() ? "-" : util::Join(parts, ", ");
}

// "192.168.0.150/24", or "-".
std::string Offered(const model::DhcpMessage& m) {
  if (m.offered_ip.empty()) return "-";
  int bits = 0;
  unsigned a, b, c, d;
  if (std::sscanf(m.subnet_mask.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) == 4) {
    for (unsigned long mask = (a << 24) | (b << 16) | (c << 8) | d; mask & 0x80000000UL;
         mask = (mask << 1) & 0xffffffffUL)
      ++bits;
    return m.offered_ip + "/" + std::to_string(bits);
  }
  return m.offered_ip;
}

}  // namespace

void DhcpMultipleServers(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  if (!s.measurements.dhcp) return;
  std::vector<Server> servers;
  for (const auto& m : s.measurements.dhcp->messages) {
    if (m.message_type != "OFFER" && m.message_type != "ACK") continue;
    std::string id = !m.server_id.empty() ? m.server_id : m.server_ip;
    if (id.empty()) continue;
    auto it = std::find_if(servers.begin(), servers.end(), [&](const Server& srv) {
      return srv.id == id || (!m.server_mac.empty() && srv.mac == m.server_mac);
    });
    if (it == servers.end()) {
      servers.push_back({id, m.server_mac, &m});
    } else if (m.message_type == "OFFER" && it->example->message_type != "OFFER") {
      it->example = &m;
    }
  }
  if (servers.size() < 2) return;

  const auto& inventory = context.inventory();
  auto is_gateway = [&](const Server& srv) {
    if (!s.default_gateway.empty() && srv.id == s.default_gateway) return true;
    const auto* device = srv.mac.empty() ? nullptr : inventory.FindByMac(srv.mac);
    return device != nullptr && device->is_gateway;
  };
  auto describe = [&](const Server& srv) {
    const auto* device =
        srv.mac.empty() ? inventory.FindByIp(srv.id) : inventory.FindByMac(srv.mac);
    return device ? device->DisplayName() : srv.mac.empty() ? std::string("-") : srv.mac;
  };
  auto evidence = [&](model::Finding& f) {
    for (const auto& srv : servers) {
      const auto& m = *srv.example;
      f.evidence.push_back({"dhcp",
                            "DHCP " + m.message_type + " from " + srv.id +
                                (srv.mac.empty() ? "" : " (" + srv.mac + ")"),
                            Describe(m)});
    }
  };

  auto gateway = std::find_if(servers.begin(), servers.end(), is_gateway);
  if (gateway == servers.end()) {
    auto& f = out.Add("dhcp");
    f.variant = "unclear";
    std::vector<std::string> names;
    for (const auto& srv : servers) names.push_back(srv.id + " (" + describe(srv) + ")");
    f.params["servers"] = util::Join(names, ", ");
    f.params["count"] = std::to_string(servers.size());
    evidence(f);
    return;
  }
  for (const auto& srv : servers) {
    if (&srv == &*gateway) continue;
    auto& f = out.Add(srv.id);
    f.device = srv.mac.empty() ? "ip:" + srv.id : srv.mac;
    f.params["count"] = std::to_string(servers.size());
    f.params["gateway"] = gateway->id;
    f.params["server"] = srv.id;
    f.params["device"] = describe(srv);
    f.params["offered"] = Offered(*srv.example);
    f.params["offer-router"] = srv.example->routers.empty() ? "-" : srv.example->routers.front();
    evidence(f);
  }
}

}  // namespace netfix::checks
