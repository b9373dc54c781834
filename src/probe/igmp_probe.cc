#include "probe/igmp_probe.h"

#include <random>
#include <set>

#include "probe/lan_link.h"
#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "probe/ssdp_probe.h"
#include "util/strings.h"
#include "wire/ethernet.h"
#include "wire/igmp.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeStatus;

constexpr const char* kId = "igmp-querier";

class IgmpRecorder {
 public:
  IgmpRecorder(const wire::MacAddress& host_mac, const IgmpTiming& timing, IgmpOutcome* out)
      : host_mac_(host_mac), timing_(timing), out_(out) {}

  void Handle(const io::Frame& bytes) {
    auto f = wire::ParseIgmpFrame(bytes);
    if (!f || f->igmp.version == 0 || f->eth_source == host_mac_) return;
    std::string from = wire::FormatIpv4(f->ip_source);
    std::string mac = wire::FormatMac(f->eth_source);
    auto add = [&](std::vector<model::IgmpMessage>* list, const std::string& type,
                   wire::Ipv4 group) {
      std::string group_text = group == 0 ? "" : wire::FormatIpv4(group);
      // Queriers and members repeat themselves: each message once.
      std::string key =
          from + " " + type + " " + std::to_string(f->igmp.version) + " " + group_text;
      if (list->size() >= timing_.max_records || !seen_.insert(key).second) return;
      list->push_back({from, mac, type, f->igmp.version, group_text, f->igmp.max_response_s});
    };
    auto& test = out_->test;
    switch (f->igmp.type) {
      case wire::kIgmpQuery: add(&test.queries, "query", f->igmp.group); break;
      case wire::kIgmpV1Report:
      case wire::kIgmpV2Report: add(&test.reports, "report", f->igmp.group); break;
      case wire::kIgmpV2Leave: add(&test.reports, "leave", f->igmp.group); break;
      case wire::kIgmpV3Report:
        for (const auto& r : f->igmp.records) {
          // Changing to "include nothing" is how a v3 member leaves.
          bool leave = r.type == wire::kIgmpChangeToInclude && r.sources == 0;
          add(&test.reports, leave ? "leave" : "report", r.group);
        }
        break;
      default: break;
    }
  }

 private:
  wire::MacAddress host_mac_;
  const IgmpTiming& timing_;
  IgmpOutcome* out_;
  std::set<std::string> seen_;
};

}  // namespace

std::string RandomIgmpTestGroup() {
  std::random_device random;
  std::uniform_int_distribution<int> third(0, 254), fourth(1, 254);
  return "239.255." + std::to_string(third(random)) + "." + std::to_string(fourth(random));
}

IgmpOutcome RunIgmpQuerierTest(io::System& system, io::PacketIo& packets,
                               const io::MulticastSocketOptions& where, const std::string& group,
                               const wire::MacAddress& host_mac, const IgmpTiming& timing,
                               const std::atomic<bool>& cancel) {
  IgmpOutcome out;
  out.test.group = group;
  const io::Clock& clock = system.clock();
  IgmpRecorder recorder(host_mac, timing, &out);
  // Listens until `until`; false when stopped or the capture failed.
  auto listen = [&](TimePoint until) {
    // Bounded by `until`; the count only guards against a clock that stands still.
    for (int i = 0; i < 10000000; ++i) {
      if (cancel.load()) {
        out.cancelled = true;
        return false;
      }
      TimePoint now = clock.Now();
      if (now >= until) return true;
      auto frames = packets.Receive(std::min(until, now + timing.slice));
      if (!frames.ok()) {
        out.error = frames.error();
        return false;
      }
      for (const auto& frame : *frames) recorder.Handle(frame);
    }
    return true;
  };

  auto membership = system.JoinMulticastGroup(where, group);
  out.test.joined = membership.ok();
  if (!membership.ok()) out.join_error = membership.error().message;
  if (!listen(clock.Now() + timing.hold)) return out;
  if (membership.ok()) {
    auto left = (*membership)->Leave();
    out.test.left = left.ok();
    if (!left.ok()) out.leave_error = left.error().message;
  }
  TimePoint left_at = clock.Now();
  listen(left_at + timing.window);
  out.test.window_ms = io::MillisecondsBetween(left_at, clock.Now());
  return out;
}

namespace {

class IgmpQuerierProbe final : public LanProbe {
 public:
  const char* id() const override { return kId; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    std::string why;
    if (!LanMulticastOptions(context, 1, &why)) return Record(kId, ProbeStatus::kSkipped, why);
    LanLinkChoice link = ChooseLanLink(context.base, context.choice, context.options.interface);
    if (!link.link) return Record(kId, ProbeStatus::kSkipped, link.reason);
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    io::MulticastSocketOptions where = *LanMulticastOptions(context, 1, nullptr);
    LanLink link = *ChooseLanLink(context.base, context.choice, context.options.interface).link;
    // The capture first: the querier may answer the join already.
    auto packets = context.system.OpenPacketIo(link.name, kIgmpFilter);
    if (!packets.ok()) {
      io::ErrorKind kind = packets.error().kind;
      bool permission = kind == io::ErrorKind::kPermission;
      bool cannot = kind == io::ErrorKind::kUnsupported || kind == io::ErrorKind::kNotFound;
      open_error_ = Record(kId, permission || cannot ? ProbeStatus::kSkipped : ProbeStatus::kFailed,
                           packets.error().message, permission ? kPrivilegeHint : "");
      return;
    }
    outcome_ = RunIgmpQuerierTest(context.system, **packets, where, RandomIgmpTestGroup(), link.mac,
                                  context.tuning.igmp, context.cancel);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                            DeviceTable* devices) override {
    (void)devices;
    if (open_error_) return *open_error_;
    const IgmpOutcome& o = *outcome_;
    const model::IgmpQuerierTest& test = o.test;
    snapshot->measurements.igmp_querier = test;
    if (o.error) return Record(kId, ProbeStatus::kFailed, o.error->message);
    if (o.cancelled) return Record(kId, ProbeStatus::kFailed, stop.reason);
    if (!test.joined) return Record(kId, ProbeStatus::kFailed, o.join_error);

    const model::IgmpMessage* specific = nullptr;
    const model::IgmpMessage* general = nullptr;
    for (const auto& q : test.queries) {
      if (q.group == test.group && specific == nullptr) specific = &q;
      if (q.group.empty() && general == nullptr) general = &q;
    }
    std::string summary;
    if (specific != nullptr) {
      summary = "querier " + specific->from_ip + " (IGMPv" + std::to_string(specific->version) +
                ") answered the leave of " + test.group;
    } else if (general != nullptr) {
      summary = "general query from " + general->from_ip + " (IGMPv" +
                std::to_string(general->version) + "), no answer to the leave of " + test.group;
    } else if (!test.queries.empty()) {
      summary = "queries for other groups only, none for " + test.group;
    } else {
      summary =
          "no IGMP query within " + FormatDuration(test.window_ms) + " after leaving " + test.group;
    }
    if (!test.reports.empty())
      summary += "; " + std::to_string(test.reports.size()) + " report" +
                 (test.reports.size() == 1 ? "" : "s") + " of other hosts";
    if (!o.leave_error.empty()) summary += "; " + o.leave_error;
    return Record(kId, ProbeStatus::kOk, summary);
  }

 private:
  std::optional<model::ProbeRecord> open_error_;
  std::optional<IgmpOutcome> outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeIgmpQuerierProbe() {
  return std::make_unique<IgmpQuerierProbe>();
}

}  // namespace netfix::probe
