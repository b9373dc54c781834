// receiver-bandwidth-insufficient: for each receiver in the inventory, what
// its streams need (its profile's "streams", else one HD stream) against what
// its path delivers: the internet leg's download, and the home leg's when
// the peer ran on the receiver's own address; the slower leg limits. Also
// fires when the round trips to the receiver show a path too unstable for
// live TV (loss or jitter), whatever the speed.
#include "check/check.h"

#include "link/quality.h"
#include "profile/profile.h"
#include "util/strings.h"

namespace netfix::checks {

void ReceiverBandwidthInsufficient(const check::CheckContext& context, check::FindingSink& out) {
  const auto& s = context.snapshot();
  const link::StreamRates rates = link::RatesFrom(context.info().params);
  const auto receivers =
      link::AssessReceivers(s, context.inventory(), profile::ProfileDb::Builtin(), rates,
                            context.Param("min-confidence"));
  if (receivers.empty()) {
    out.Skip(link::kNoReceivers);
    return;
  }
  const double max_loss = context.Param("max-loss-pct");
  const double min_lost = context.Param("min-lost");
  const double max_jitter = context.Param("max-jitter-ms");
  const double min_replies = context.Param("min-replies");

  bool measured = false;
  for (const auto& r : receivers) {
    if (!r.available_mbit && !r.path) continue;
    measured = true;
    const std::string streams = link::StreamsLabel(r.stream_class, r.parallel);
    auto start = [&](const std::string& variant) -> model::Finding& {
      auto& f = out.Add(r.ip);
      f.device = r.device->key;
      f.variant = variant;
      f.params["device"] = r.name == r.ip ? r.ip : r.name + " (" + r.ip + ")";
      f.params["need-mbit"] = link::Short(r.need_mbit);
      f.params["streams"] = streams;
      f.evidence.push_back({"inventory", "streams of " + r.ip,
                            streams + " = " + link::Short(r.need_mbit) + " Mbit/s" +
                                (r.from_profile ? " (profile " + r.device->profile_id + ")"
                                                : " (default for a receiver)")});
      return f;
    };

    if (r.available_mbit && *r.available_mbit < r.need_mbit) {
      std::string variant;
      if (r.limit == "internet") variant = r.home_mbit ? "internet-both" : "";
      if (r.limit == "home") variant = r.internet_mbit ? "home" : "home-only";
      auto& f = start(variant);
      f.params["internet-mbit"] = r.internet_mbit ? link::Short(*r.internet_mbit) : "-";
      f.params["home-mbit"] = r.home_mbit ? link::Short(*r.home_mbit) : "-";
      if (r.internet_mbit)
        f.evidence.push_back(
            {"speed", "internet leg download", link::Short(*r.internet_mbit) + " Mbit/s"});
      else if (r.home_source)
        f.evidence.push_back({"inventory", "internet leg", "not used: streams from the home"});
      if (r.home_mbit)
        f.evidence.push_back({"peer", "home leg download (peer " + r.ip + ")",
                              link::Short(*r.home_mbit) + " Mbit/s"});
      f.evidence.push_back({r.limit == "home" ? "peer" : "speed", "limiting leg",
                            r.limit + ": " + link::Short(*r.available_mbit) + " < " +
                                link::Short(r.need_mbit) + " Mbit/s"});
    }

    if (r.path) {
      const link::RttSummary& p = *r.path;
      bool lossy = p.received > 0 && p.lost >= min_lost && p.loss_pct > max_loss;
      bool jittery = p.jitter_ms && p.received >= min_replies && *p.jitter_ms > max_jitter;
      if (lossy || jittery) {
        auto& f = start("unstable");
        f.params["lost"] = std::to_string(p.lost);
        f.params["sent"] = std::to_string(p.sent);
        f.params["loss-pct"] = link::Short(p.loss_pct);
        f.params["jitter-ms"] = p.jitter_ms ? link::Short(*p.jitter_ms) : "-";
        f.params["max-loss-pct"] = link::Short(max_loss);
        f.params["max-jitter-ms"] = link::Short(max_jitter);
        f.evidence.push_back(
            {"latency", "round trips to " + r.ip,
             std::to_string(p.received) + "/" + std::to_string(p.sent) + " replies, jitter " +
                 (p.jitter_ms ? link::Short(*p.jitter_ms) + " ms" : std::string("-")) +
                 ", median " +
                 (p.median_ms ? link::Short(*p.median_ms) + " ms" : std::string("-"))});
      }
    }
  }
  if (!measured) out.Skip(link::kNoReceiverMeasurements);
}

}  // namespace netfix::checks
