// ipv6-missing: no router advertises a global IPv6 prefix, or the client has
// no global (2000::/3) address although one does.
#include "check/check.h"

#include <cctype>

#include "util/strings.h"

namespace netfix::checks {

namespace {

// 2000::/3: the global unicast addresses (ULAs in fc00::/7 do not reach the internet).
bool IsGlobal(const std::string& address) {
  if (address.empty()) return false;
  char c = static_cast<char>(std::tolower(static_cast<unsigned char>(address[0])));
  size_t group = address.find(':');
  return (c == '2' || c == '3') && group == 4;
}

}  // namespace

void Ipv6Missing(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  if (!s.measurements.ipv6) return;
  const auto& v6 = *s.measurements.ipv6;
  std::vector<std::string> prefixes;
  std::vector<model::Evidence> evidence;
  for (const auto& ra : v6.router_advertisements) {
    std::vector<std::string> announced;
    for (const auto& p : ra.prefixes) {
      announced.push_back(p.prefix + "/" + std::to_string(p.length));
      if (IsGlobal(p.prefix) && p.valid_s > 0)
        prefixes.push_back(p.prefix + "/" + std::to_string(p.length));
    }
    evidence.push_back({"ipv6", "RA from " + ra.from_ip,
                        "lifetime " + std::to_string(ra.router_lifetime_s) + " s, prefixes " +
                            (announced.empty() ? "-" : util::Join(announced, " "))});
  }
  std::vector<std::string> global;
  for (const auto& a : v6.client_global_addresses)
    if (IsGlobal(a)) global.push_back(a);
  if (!global.empty()) return;

  std::string interface = s.scan_interface.empty() ? "-" : s.scan_interface;
  auto& f = out.Add(interface);
  f.params["interface"] = interface;
  if (!prefixes.empty()) {
    f.variant = "no-address";
    f.params["prefixes"] = util::Join(prefixes, ", ");
  } else if (evidence.empty()) {
    evidence.push_back({"ipv6", "RA", "-"});
  }
  evidence.push_back(
      {"ipv6", "global addresses on " + interface,
       v6.client_global_addresses.empty() ? "-" : util::Join(v6.client_global_addresses, " ")});
  f.evidence = std::move(evidence);
}

}  // namespace netfix::checks
