// wifi-leg-bottleneck: both legs were measured and the home leg (this
// computer to `netfix serve` on the peer) downloads much slower than the
// internet leg, or slower than a receiver in the home needs. The stream
// rates are receiver-bandwidth-insufficient's parameters, read from the
// catalog, so that both checks count a UHD stream the same.
#include "check/check.h"

#include <algorithm>

#include "link/quality.h"
#include "profile/profile.h"
#include "util/strings.h"

namespace netfix::checks {

void WifiLegBottleneck(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const model::SpeedTest* internet = link::FindLeg(s, "internet");
  const model::SpeedTest* home = link::FindLeg(s, "home");
  std::optional<double> internet_down = internet ? link::Mbit(*internet, "download") : std::nullopt;
  std::optional<double> home_down = home ? link::Mbit(*home, "download") : std::nullopt;
  if (!internet_down || !home_down) {
    out.Skip(link::kNoThroughput);
    return;
  }
  const double internet_mbit = *internet_down, home_mbit = *home_down;
  const double ratio = context.Param("ratio");

  link::StreamRates rates;
  if (const auto* info = check::Catalog::Builtin().Find(link::kRatesCheck))
    rates = link::RatesFrom(info->params);
  auto receivers = link::AssessReceivers(s, context.inventory(), profile::ProfileDb::Builtin(),
                                         rates, context.Param("min-confidence"));
  const link::ReceiverPath* neediest = nullptr;
  for (const auto& r : receivers)
    if (neediest == nullptr || r.need_mbit > neediest->need_mbit) neediest = &r;

  const bool below_ratio = home_mbit < ratio * internet_mbit;
  const bool below_need = neediest != nullptr && home_mbit < neediest->need_mbit;
  if (!below_ratio && !below_need) return;

  const std::string peer = link::HostOf(home->server);
  auto& f = out.Add(peer.empty() ? "home" : peer);
  f.params["peer"] = peer.empty() ? "-" : peer;
  f.params["home-mbit"] = link::Short(home_mbit);
  f.params["internet-mbit"] = link::Short(internet_mbit);
  f.params["share-pct"] = util::FormatFixed(100 * home_mbit / internet_mbit, 0);
  f.params["ratio-pct"] = util::FormatFixed(100 * ratio, 0);
  if (below_need) {
    f.variant = "receiver";
    f.params["device"] = neediest->name + " (" + neediest->ip + ")";
    f.params["need-mbit"] = link::Short(neediest->need_mbit);
    f.params["streams"] = link::StreamsLabel(neediest->stream_class, neediest->parallel);
    f.evidence.push_back({"inventory", "receiver " + neediest->ip + " (" + neediest->name + ")",
                          f.params["streams"] + " = " + link::Short(neediest->need_mbit) +
                              " Mbit/s" + (neediest->from_profile ? "" : " (default)")});
  }
  f.evidence.push_back(
      {"peer", "home leg download from " + home->server, link::Short(home_mbit) + " Mbit/s"});
  f.evidence.push_back({"speed", "internet leg download from " + internet->server,
                        link::Short(internet_mbit) + " Mbit/s"});
}

}  // namespace netfix::checks
