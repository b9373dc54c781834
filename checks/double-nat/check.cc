// double-nat: an Internet Gateway Device on the LAN reports a private or
// carrier-grade-NAT address as its internet side.
#include "check/check.h"

#include <cstdio>

namespace netfix::checks {

namespace {

enum class AddressKind { kPublic, kPrivate, kCgnat, kInvalid };

AddressKind Classify(const std::string& ip) {
  unsigned a, b, c, d;
  char extra;
  if (std::sscanf(ip.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) != 4 || a > 255 || b > 255 ||
      c > 255 || d > 255)
    return AddressKind::kInvalid;
  if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168))
    return AddressKind::kPrivate;
  if (a == 100 && b >= 64 && b <= 127) return AddressKind::kCgnat;
  if (a == 0 || a == 127 || (a == 169 && b == 254)) return AddressKind::kInvalid;
  return AddressKind::kPublic;
}

// Whether this computer demonstrably reaches the internet: some resolver
// answered a query for an internet name.
bool InternetWorks(const model::Snapshot& s) {
  for (const auto& r : s.measurements.dns)
    for (const auto& q : r.queries)
      if (q.outcome == "ok") return true;
  return false;
}

}  // namespace

void DoubleNat(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  if (!s.measurements.ssdp || s.measurements.ssdp->gateways.empty()) {
    out.Skip("no UPnP internet gateway answered, so its internet address is unknown");
    return;
  }
  for (const auto& g : s.measurements.ssdp->gateways) {
    AddressKind kind = Classify(g.external_ip);
    // Some routers (miniupnpd, so OpenWrt, ASUS, ...) refuse to report a
    // private internet address and answer with none: if that router is our
    // gateway and the internet still works through it, it sits behind NAT.
    bool hidden = g.external_ip.empty() &&
                  g.error.find("GetExternalIPAddress") == std::string::npos &&
                  g.from_ip == s.default_gateway && InternetWorks(s);
    if (kind != AddressKind::kPrivate && kind != AddressKind::kCgnat && !hidden) continue;
    auto& f = out.Add(g.from_ip);
    if (kind == AddressKind::kCgnat) f.variant = "cgnat";
    if (hidden) {
      f.variant = "no-external-address";
      f.params["status"] = g.connection_status.empty() ? "-" : g.connection_status;
    }
    const auto* device = context.inventory().FindByIp(g.from_ip);
    if (device) f.device = device->key;
    f.params["router"] = g.from_ip;
    f.params["device"] = device ? device->DisplayName() : g.from_ip;
    f.params["external"] = g.external_ip;
    f.evidence.push_back({"ssdp", "UPnP " + g.service_type + " GetExternalIPAddress @" + g.from_ip,
                          g.external_ip.empty() ? "\"\"" : g.external_ip});
    if (hidden) {
      for (const auto& r : s.measurements.dns)
        for (const auto& q : r.queries)
          if (q.outcome == "ok") {
            f.evidence.push_back({"dns", r.resolver + " A " + q.name, "NOERROR"});
            break;
          }
    }
    if (!g.connection_status.empty())
      f.evidence.push_back({"ssdp", "UPnP GetStatusInfo @" + g.from_ip, g.connection_status});
  }
}

}  // namespace netfix::checks
