#include "probe/gateway_ping.h"

#include <algorithm>
#include <random>

#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeRecord;
using model::ProbeStatus;

constexpr const char* kId = "gateway-ping";

}  // namespace

PingSeries RunPingSeries(io::IcmpSocket& socket, const io::Clock& clock, wire::Ipv4 target,
                         int count, std::uint16_t id, const PingTiming& timing,
                         const std::atomic<bool>& cancel) {
  PingSeries out;
  count = std::clamp(count, 0, 1000);
  std::vector<std::optional<TimePoint>> sent_at(static_cast<std::size_t>(count));
  std::vector<std::optional<double>> rtt(static_cast<std::size_t>(count));
  bool raw = socket.kind() == io::IcmpSocketKind::kRaw;
  std::vector<std::uint8_t> payload = {'n', 'e', 't', 'f', 'i', 'x', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  TimePoint start = clock.Now();
  TimePoint last_sent = start;
  int next = 0;

  auto handle = [&](const io::IcmpReceived& reply) {
    if (reply.type != 0 || reply.from != target) return;  // echo replies from the target only
    if (raw && reply.id != id) return;                    // someone else's ping
    int seq = reply.sequence - 1;                         // sequences start at 1
    if (seq < 0 || seq >= count || !sent_at[seq] || rtt[seq]) return;
    if (reply.at - *sent_at[seq] > timing.reply_timeout) return;  // too late to count
    rtt[seq] = io::MillisecondsBetween(*sent_at[seq], reply.at);
  };
  auto all_answered = [&] {
    for (int i = 0; i < next; ++i)
      if (sent_at[i] && !rtt[i]) return false;
    return true;
  };

  // Bounded by time: every wait has a deadline, and the last one is the
  // final request's reply timeout.
  for (int guard = 0; guard < 1000000; ++guard) {
    if (cancel.load()) {
      out.cancelled = true;
      break;
    }
    TimePoint now = clock.Now();
    if (next < count && now >= start + timing.interval * next) {
      // Timestamped before sending: on a fast link the reply can be queued
      // before sendto() even returns.
      TimePoint before = clock.Now();
      auto sent = socket.SendEcho(target, id, static_cast<std::uint16_t>(next + 1), payload);
      ++out.sent;
      if (sent.ok()) {
        sent_at[next] = before;
      } else {
        ++out.send_errors;
        if (out.first_send_error.empty()) out.first_send_error = sent.error().message;
      }
      last_sent = clock.Now();
      ++next;
      continue;
    }
    TimePoint until =
        next < count ? start + timing.interval * next : last_sent + timing.reply_timeout;
    if (next >= count && (all_answered() || now >= until)) break;
    auto received = socket.Receive(std::min(until, now + timing.slice));
    if (!received.ok()) {
      out.error = received.error();
      break;
    }
    if (*received) handle(**received);
  }
  for (const auto& r : rtt)
    if (r) out.rtt_ms.push_back(*r);
  out.received = static_cast<int>(out.rtt_ms.size());
  return out;
}

GatewayPingOutcome PingGateway(io::System& system, const std::string& gateway, int count,
                               const PingTiming& timing, const std::atomic<bool>& cancel) {
  GatewayPingOutcome out;
  auto target = wire::ParseIpv4(gateway);
  if (!target) {
    out.record = Record(kId, ProbeStatus::kSkipped, "no IPv4 default gateway");
    return out;
  }
  auto socket = system.OpenIcmpSocket(io::IcmpSocketKind::kRaw);
  std::string raw_error = socket.ok() ? "" : socket.error().message;
  if (!socket.ok()) socket = system.OpenIcmpSocket(io::IcmpSocketKind::kDatagram);
  if (!socket.ok()) {
    bool permission = socket.error().kind == io::ErrorKind::kPermission;
    if (permission)
      out.record = Record(kId, ProbeStatus::kSkipped,
                          "no permission for raw or unprivileged ICMP sockets "
                          "(net.ipv4.ping_group_range excludes this user's group)",
                          kPrivilegeHint);
    else
      out.record = Record(kId, ProbeStatus::kFailed, raw_error + "; " + socket.error().message);
    return out;
  }
  std::uint16_t id = static_cast<std::uint16_t>(std::random_device{}());
  PingSeries series = RunPingSeries(**socket, system.clock(), *target, count, id, timing, cancel);

  model::PingResult result;
  result.target = gateway;
  result.role = "gateway";
  result.method = io::MethodName((*socket)->kind());
  result.sent = series.sent;
  result.received = series.received;
  result.rtt_ms = series.rtt_ms;
  out.result = result;
  out.cancelled = series.cancelled;

  if (series.error) {
    out.record = Record(kId, ProbeStatus::kFailed, series.error->message);
    return out;
  }
  if (series.sent > 0 && series.send_errors == series.sent) {
    out.record = Record(kId, ProbeStatus::kFailed,
                        "no echo request could be sent: " + series.first_send_error);
    return out;
  }
  std::string summary = std::to_string(series.received) + "/" + std::to_string(series.sent) +
                        " replies via " + result.method;
  if (!series.rtt_ms.empty()) {
    double sum = 0;
    for (double r : series.rtt_ms) sum += r;
    summary +=
        ", avg " + util::FormatFixed(sum / static_cast<double>(series.rtt_ms.size()), 2) + " ms";
  }
  if (series.send_errors > 0)
    summary +=
        "; " + std::to_string(series.send_errors) + " not sent (" + series.first_send_error + ")";
  out.record = Record(kId, ProbeStatus::kOk, summary);
  return out;
}

namespace {

class GatewayPingProbe final : public LanProbe {
 public:
  const char* id() const override { return kId; }

  std::optional<ProbeRecord> Precheck(const LanContext& context) const override {
    if (context.base.default_gateway.empty())
      return Record(kId, ProbeStatus::kSkipped, "no default gateway");
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    outcome_ = PingGateway(context.system, context.base.default_gateway, context.options.ping_count,
                           context.tuning.ping, context.cancel);
  }

  ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                     DeviceTable* devices) override {
    ProbeRecord record = outcome_.record;
    if (outcome_.cancelled) {
      record.status = ProbeStatus::kFailed;
      record.reason = stop.reason;
    }
    if (auto result = outcome_.result) {
      // The ARP sweep finished before us: an answer to it is a yes; a sweep
      // that ran to the end without one is a no; otherwise we do not know.
      if (devices->Seen(result->target, "arp-reply") ||
          devices->Seen(result->target, "arp-late-reply")) {
        result->answers_arp = true;
      } else if (const auto* arp = snapshot->FindProbe("arp-sweep");
                 arp != nullptr && arp->status == ProbeStatus::kOk && snapshot->measurements.arp) {
        result->answers_arp = false;
      }
      snapshot->measurements.ping.push_back(*result);
    }
    return record;
  }

 private:
  GatewayPingOutcome outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeGatewayPingProbe() {
  return std::make_unique<GatewayPingProbe>();
}

}  // namespace netfix::probe
