// igmp-querier-missing: netfix joined and left a multicast group and no
// query answered (nor did the passive listener hear one), in a home where
// multicast matters: an IPTV receiver (profile "iptv") or other hosts'
// reports for groups beyond the ever-present discovery ones. A home without
// TV multicast does not need a querier, so the check stays quiet there.
#include "check/check.h"

#include <algorithm>
#include <set>

#include "link/quality.h"
#include "profile/profile.h"
#include "util/strings.h"

namespace netfix::checks {

namespace {

// Groups every home has (SSDP, and 224.0.0.0/24, which switches always
// flood, RFC 4541 §2.1.2): their reports say nothing about TV.
bool DiscoveryGroup(const std::string& group) {
  return group == "239.255.255.250" || util::StartsWith(group, "224.0.0.");
}

}  // namespace

void IgmpQuerierMissing(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const auto& test = s.measurements.igmp_querier;
  if (!test || !test->joined || !test->left || test->window_ms < context.Param("min-window-ms")) {
    out.Skip(link::kNoIgmpTest);
    return;
  }
  if (!test->queries.empty()) return;
  if (s.measurements.passive)
    for (const auto& m : s.measurements.passive->igmp)
      if (m.type == "query") return;

  // Why it matters here: an IPTV receiver, else multicast others asked for.
  const inventory::Device* iptv = nullptr;
  for (const auto& d : context.inventory().devices) {
    if (d.profile_id.empty()) continue;
    const profile::Profile* p = profile::ProfileDb::Builtin().Find(d.profile_id);
    if (p && p->iptv) {
      iptv = &d;
      break;
    }
  }
  std::set<std::string> groups, hosts;
  auto note = [&](const model::IgmpMessage& m) {
    if (m.type != "report" || m.group.empty() || m.group == test->group || DiscoveryGroup(m.group))
      return;
    groups.insert(m.group);
    if (!m.from_ip.empty()) hosts.insert(m.from_ip);
  };
  for (const auto& m : test->reports) note(m);
  if (s.measurements.passive)
    for (const auto& m : s.measurements.passive->igmp) note(m);
  if (iptv == nullptr && groups.empty()) return;

  std::string subject = !s.default_gateway.empty()  ? s.default_gateway
                        : !s.scan_interface.empty() ? s.scan_interface
                                                    : "lan";
  auto& f = out.Add(subject);
  f.params["group"] = test->group;
  f.params["window-ms"] = util::FormatFixed(test->window_ms, 0);
  f.params["interface"] = s.scan_interface.empty() ? "IFACE" : s.scan_interface;
  if (iptv != nullptr) {
    std::string ip = iptv->ipv4.empty() ? "" : " (" + iptv->ipv4.front() + ")";
    f.params["device"] = iptv->DisplayName() + ip;
    f.evidence.push_back({"inventory", "IPTV receiver" + ip, iptv->DisplayName()});
  } else {
    f.variant = "multicast";
    f.params["groups"] = util::Join({groups.begin(), groups.end()}, ", ");
    f.params["hosts"] = hosts.empty() ? "-" : util::Join({hosts.begin(), hosts.end()}, ", ");
  }
  f.evidence.push_back({"igmp-querier", "join and leave " + test->group,
                        "no query within " + util::FormatFixed(test->window_ms, 0) + " ms"});
  if (s.measurements.passive)
    f.evidence.push_back({"passive",
                          "IGMP during " +
                              util::FormatFixed(s.measurements.passive->window_ms / 1000, 1) +
                              " s of listening",
                          "no query"});
  for (const auto& group : groups) f.evidence.push_back({"igmp-querier", "report", group});
}

}  // namespace netfix::checks
