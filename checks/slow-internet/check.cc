// slow-internet: the internet leg's throughput is below 90 % of the contract
// (--contract) or, without one, below the legal minimum supply (TKMV). Only
// the internet leg counts: the home leg is wifi-leg-bottleneck's business.
#include "check/check.h"

#include "link/quality.h"
#include "util/strings.h"

namespace netfix::checks {

void SlowInternet(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const model::SpeedTest* test = link::FindLeg(s, "internet");
  std::optional<double> down = test ? link::Mbit(*test, "download") : std::nullopt;
  std::optional<double> up = test ? link::Mbit(*test, "upload") : std::nullopt;
  if (!down && !up) {
    out.Skip(link::kNoThroughput);
    return;
  }
  const double share = context.Param("contract-share");
  const double min_down = context.Param("min-down-mbit");
  const double min_up = context.Param("min-up-mbit");

  // The limit per direction, and the variant that names that direction.
  std::optional<double> down_limit, up_limit;
  if (s.contract) {
    if (s.contract->down_mbit > 0) down_limit = share * s.contract->down_mbit;
    if (s.contract->up_mbit && *s.contract->up_mbit > 0) up_limit = share * *s.contract->up_mbit;
  } else {
    down_limit = min_down;
    up_limit = min_up;
  }
  const bool down_short = down && down_limit && *down < *down_limit;
  const bool up_short = up && up_limit && *up < *up_limit;
  if (!down_short && !up_short) return;

  const std::string server = link::HostOf(test->server);
  auto& f = out.Add(server.empty() ? "internet" : server);
  f.params["server"] = server.empty() ? "-" : server;
  f.params["down-mbit"] = down ? link::Short(*down) : "-";
  f.params["up-mbit"] = up ? link::Short(*up) : "-";
  if (s.contract) {
    f.variant = down_short ? "contract" : "contract-upload";
    double measured = down_short ? *down : *up;
    double contracted = down_short ? s.contract->down_mbit : *s.contract->up_mbit;
    f.params["share-pct"] = util::FormatFixed(100 * measured / contracted, 0);
    f.params["contract-pct"] = util::FormatFixed(100 * share, 0);
    f.params["contract-down"] = link::Short(s.contract->down_mbit);
    f.params["contract-up"] = s.contract->up_mbit ? link::Short(*s.contract->up_mbit) : "-";
    f.evidence.push_back(
        {"speed", "contract (--contract)",
         link::Short(s.contract->down_mbit) + " Mbit/s down" +
             (s.contract->up_mbit ? " / " + link::Short(*s.contract->up_mbit) + " Mbit/s up"
                                  : std::string())});
  } else {
    f.variant = down_short ? "" : "upload";
    f.params["min-down"] = link::Short(min_down);
    f.params["min-up"] = link::Short(min_up);
  }
  for (const auto& t : test->transfers) {
    if (t.direction != "download" && t.direction != "upload") continue;
    std::string value = t.status == "failed" ? "failed: " + t.error
                                             : link::Short(t.mbit_s) + " Mbit/s over " +
                                                   util::FormatFixed(t.window_ms / 1000, 1) +
                                                   " s, " + std::to_string(t.streams) + " streams";
    f.evidence.push_back({"speed", t.direction + " " + t.url, value});
  }
  if (const auto* iface =
          s.FindInterface(s.scan_interface.empty() ? s.default_interface : s.scan_interface))
    f.evidence.push_back({"host-config", "measured over " + iface->name, iface->kind});
}

}  // namespace netfix::checks
