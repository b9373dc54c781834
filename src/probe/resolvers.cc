#include "probe/resolvers.h"

#include <algorithm>

#include "probe/record.h"
#include "wire/addr.h"
#include "wire/resolv_conf.h"

namespace netfix::probe {

namespace {

using model::ProbeStatus;

bool Listed(const std::vector<model::Resolver>& list, const std::string& address,
            const std::string& source) {
  return std::any_of(list.begin(), list.end(), [&](const model::Resolver& r) {
    return r.address == address && r.source == source;
  });
}

}  // namespace

ResolversOutcome ProbeResolvers(io::System& system, const std::string& resolv_conf_path,
                                const std::vector<std::string>& reference_resolvers) {
  ResolversOutcome out;
  auto text = system.ReadFile(resolv_conf_path);
  if (!text.ok() && text.error().kind != io::ErrorKind::kNotFound) {
    out.record = Record("resolvers", ProbeStatus::kFailed, text.error().message);
  } else {
    wire::ResolvConf conf = wire::ParseResolvConf(text.ok() ? *text : "");
    if (!text.ok()) out.notes.push_back(resolv_conf_path + " does not exist");
    for (const auto& note : conf.notes)
      out.notes.emplace_back(resolv_conf_path + ": ").append(note);
    bool stub = false;
    for (const auto& address : conf.nameservers) {
      bool local = wire::IsLocalResolver(address);
      stub = stub || wire::IsSystemdResolvedStub(address);
      if (!Listed(out.resolvers, address, "resolv.conf"))
        out.resolvers.push_back({address, "resolv.conf", local});
    }
    int upstream = 0;
    if (stub) {
      auto upstream_text = system.ReadFile(kSystemdResolvedUpstream);
      if (!upstream_text.ok()) {
        out.notes.push_back(
            "systemd-resolved's stub is in use but its upstream servers are "
            "unknown: " +
            upstream_text.error().message);
      } else {
        for (const auto& address : wire::ParseResolvConf(*upstream_text).nameservers) {
          if (wire::IsSystemdResolvedStub(address) ||
              Listed(out.resolvers, address, "systemd-resolved"))
            continue;
          out.resolvers.push_back({address, "systemd-resolved", false});
          ++upstream;
        }
        if (upstream == 0)
          out.notes.push_back(
              "systemd-resolved's stub is in use; it lists no upstream servers "
              "(" +
              std::string(kSystemdResolvedUpstream) + ")");
      }
    }
    std::string summary = std::to_string(conf.nameservers.size()) + " in " + resolv_conf_path;
    if (stub) summary += " (systemd-resolved stub, " + std::to_string(upstream) + " upstream)";
    out.record = Record("resolvers", ProbeStatus::kOk, summary);
  }
  int references = 0;
  for (const auto& address : reference_resolvers) {
    if (address.empty() || Listed(out.resolvers, address, "reference")) continue;
    if (!wire::ParseIpv4(address) && !wire::IsIpv6Text(address)) {
      out.notes.push_back("reference resolver '" + address + "' is not an IP address; not used");
      continue;
    }
    out.resolvers.push_back({address, "reference", false});
    ++references;
  }
  if (out.record.status == ProbeStatus::kOk && references > 0)
    out.record.reason += ", " + std::to_string(references) + " reference";
  return out;
}

}  // namespace netfix::probe
