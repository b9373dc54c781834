#include "probe/arp_sweep.h"

#include <algorithm>
#include <map>

#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "wire/arp.h"
#include "wire/ethernet.h"

namespace netfix::probe {

namespace {

using io::Duration;
using io::TimePoint;

constexpr int kMaxSendErrorsWithoutSuccess = 10;

int Log2Floor(std::uint64_t value) {
  int bits = 0;
  while (value > 1) {
    value >>= 1;
    ++bits;
  }
  return bits;
}

enum class Phase { kRequests, kSettle };

class Sweep {
 public:
  Sweep(io::PacketIo& packets, const io::Clock& clock, const ArpSweepPlan& plan,
        const ArpSweepTiming& timing, const std::atomic<bool>& cancel,
        std::atomic<int>* devices_found)
      : packets_(packets),
        clock_(clock),
        plan_(plan),
        timing_(timing),
        cancel_(cancel),
        devices_found_(devices_found) {}

  ArpSweepOutcome Run() {
    TimePoint start = clock_.Now();
    int rate = std::clamp(timing_.rate_pps, 1, 10000);
    Duration interval = std::chrono::duration_cast<Duration>(std::chrono::seconds(1)) / rate;
    out_.sweep.interface = plan_.interface;
    out_.sweep.subnet = plan_.subnet.ToString();
    out_.sweep.addresses_probed = static_cast<int>(plan_.targets.size());
    out_.sweep.rate_pps = rate;

    TimePoint last_request = start;
    for (int round = 0; round < std::max(1, timing_.rounds) && Running(); ++round) {
      if (round > 0 && !ListenUntil(last_request + timing_.retry_gap)) break;
      std::vector<wire::Ipv4> batch;
      for (wire::Ipv4 ip : plan_.targets)
        if (!out_.answered.count(ip)) batch.push_back(ip);
      bool probe_self = plan_.probe_own_address && !self_answered_;
      if (batch.empty() && !probe_self) break;
      if (!SendRound(batch, probe_self, interval)) break;
      last_request = clock_.Now();
    }
    phase_ = Phase::kSettle;
    if (Running()) {
      settle_until_ = last_request + timing_.settle;
      settle_cap_ = last_request + std::max(timing_.settle, timing_.max_settle);
      extend_settle_ = true;
      ListenUntil(settle_until_);
    }

    out_.completed = Running();
    out_.cancelled = cancel_.load();
    out_.sweep.duration_ms = io::MillisecondsBetween(start, clock_.Now());
    FindConflicts();
    if (out_.garbage_frames > 0)
      out_.notes.push_back(std::to_string(out_.garbage_frames) +
                           " captured frames were not Ethernet/IPv4 ARP and were ignored");
    if (out_.send_errors > 0)
      out_.notes.push_back(std::to_string(out_.send_errors) + " ARP requests could not be sent" +
                           (first_send_error_.empty() ? "" : " (" + first_send_error_ + ")"));
    return std::move(out_);
  }

 private:
  bool Running() const { return !cancel_.load() && !out_.error; }

  // Sends `batch` (and the probe for our own address) paced at `interval`,
  // listening between requests.
  bool SendRound(const std::vector<wire::Ipv4>& batch, bool probe_self, Duration interval) {
    std::size_t total = batch.size() + (probe_self ? 1 : 0);
    TimePoint round_start = clock_.Now();
    for (std::size_t i = 0; i < total; ++i) {
      TimePoint due = round_start + interval * static_cast<long>(i);
      if (!ListenUntil(due)) return false;
      bool self = i == batch.size();
      wire::Ipv4 target = self ? plan_.our_ip : batch[i];
      auto frame = wire::BuildArpRequest(plan_.our_mac, self ? 0 : plan_.our_ip, target);
      auto sent = packets_.Send(frame);
      if (!sent.ok()) {
        ++out_.send_errors;
        if (first_send_error_.empty()) first_send_error_ = sent.error().message;
        if (out_.sweep.requests_sent == 0 && out_.send_errors >= kMaxSendErrorsWithoutSuccess) {
          out_.error = sent.error();
          return false;
        }
        continue;
      }
      ++out_.sweep.requests_sent;
      last_request_to_[target] = clock_.Now();
    }
    return true;
  }

  // Receives and handles frames until `until` (or the extended settle time).
  // false when the sweep must stop.
  bool ListenUntil(TimePoint until) {
    // Bounded by time; the count only guards against a clock that stands still.
    for (int i = 0; i < 1000000; ++i) {
      if (!Running()) return false;
      if (extend_settle_) until = settle_until_;
      TimePoint now = clock_.Now();
      if (now >= until) return true;
      auto frames = packets_.Receive(std::min(until, now + timing_.slice));
      if (!frames.ok()) {
        out_.error = frames.error();
        return false;
      }
      for (const auto& frame : *frames) Handle(frame);
    }
    return true;
  }

  void Handle(const io::Frame& frame) {
    auto arp = wire::ParseArpFrame(frame);
    if (!arp) {
      // The capture filter only lets ARP through; anything else is noise.
      ++out_.garbage_frames;
      return;
    }
    if (arp->sender_mac == plan_.our_mac) return;  // our own request, looped back
    TimePoint now = clock_.Now();
    bool to_us = arp->operation == wire::kArpReply && arp->target_mac == plan_.our_mac;
    if (arp->sender_ip == 0) {
      // Someone's ARP probe (RFC 5227): it claims no address yet.
      ++out_.sweep.unsolicited;
      return;
    }
    std::string how = "arp-unsolicited";
    if (to_us) {
      ++out_.sweep.replies;
      how = "arp-reply";
      auto asked = last_request_to_.find(arp->sender_ip);
      if (phase_ == Phase::kSettle && asked != last_request_to_.end() &&
          now - asked->second >= timing_.late_after) {
        ++out_.sweep.late_replies;
        how = "arp-late-reply";
      }
      out_.answered.insert(arp->sender_ip);
      if (arp->sender_ip == plan_.our_ip) self_answered_ = true;
      if (phase_ == Phase::kSettle && extend_settle_)
        settle_until_ =
            std::min(settle_cap_, std::max(settle_until_, now + timing_.settle_extension));
    } else {
      ++out_.sweep.unsolicited;
    }
    Record(wire::FormatMac(arp->sender_mac), arp->sender_ip, how);
  }

  void Record(const std::string& mac, wire::Ipv4 ip, const std::string& how) {
    auto& macs = bindings_[ip];
    if (std::find(macs.begin(), macs.end(), mac) == macs.end()) macs.push_back(mac);
    if (known_macs_.insert(mac).second && devices_found_ != nullptr) devices_found_->fetch_add(1);
    std::string ip_text = wire::FormatIpv4(ip);
    if (recorded_.insert(mac + " " + ip_text + " " + how).second)
      out_.sightings.push_back({mac, ip_text, how});
  }

  void FindConflicts() {
    std::string our_mac = wire::FormatMac(plan_.our_mac);
    for (auto& [ip, macs] : bindings_) {
      std::vector<std::string> all = macs;
      // Someone else answering for our own address conflicts with us.
      if (ip == plan_.our_ip && std::find(all.begin(), all.end(), our_mac) == all.end())
        all.insert(all.begin(), our_mac);
      if (all.size() >= 2) out_.sweep.conflicts.push_back({wire::FormatIpv4(ip), all});
    }
  }

  io::PacketIo& packets_;
  const io::Clock& clock_;
  const ArpSweepPlan& plan_;
  const ArpSweepTiming& timing_;
  const std::atomic<bool>& cancel_;
  std::atomic<int>* devices_found_;

  ArpSweepOutcome out_;
  Phase phase_ = Phase::kRequests;
  bool extend_settle_ = false;
  TimePoint settle_until_{};
  TimePoint settle_cap_{};
  bool self_answered_ = false;
  std::string first_send_error_;
  std::map<wire::Ipv4, TimePoint> last_request_to_;
  std::map<wire::Ipv4, std::vector<std::string>> bindings_;  // ordered by address
  std::set<std::string> known_macs_;
  std::set<std::string> recorded_;
};

}  // namespace

ArpSweepPlan PlanArpSweep(const std::string& interface, const wire::MacAddress& our_mac,
                          wire::Ipv4 our_ip, int prefix_len, std::optional<wire::Ipv4> gateway,
                          int max_addresses) {
  ArpSweepPlan plan;
  plan.interface = interface;
  plan.our_mac = our_mac;
  plan.our_ip = our_ip;
  wire::Ipv4Subnet subnet = wire::Ipv4Subnet::Of(our_ip, prefix_len);
  plan.subnet = subnet;
  std::uint64_t hosts = std::uint64_t{subnet.last_host()} - subnet.first_host() + 1;
  std::uint64_t cap = static_cast<std::uint64_t>(std::clamp(max_addresses, 4, 1 << 20));
  wire::Ipv4 first = subnet.first_host(), last = subnet.last_host();
  if (hosts > cap) {
    int block_prefix = 32 - Log2Floor(cap);
    wire::Ipv4Subnet block = wire::Ipv4Subnet::Of(our_ip, block_prefix);
    first = std::max(first, block.network);
    last = std::min(last, block.broadcast());
    plan.subnet = block;
    plan.notes.push_back("subnet " + subnet.ToString() + " has " + std::to_string(hosts) +
                         " addresses; swept the " + std::to_string(block.size()) +
                         " around ours (" + block.ToString() + ")");
  }
  for (std::uint64_t ip = first; ip <= last; ++ip)
    if (ip != our_ip) plan.targets.push_back(static_cast<wire::Ipv4>(ip));
  if (gateway && *gateway != our_ip && subnet.Contains(*gateway) &&
      !std::binary_search(plan.targets.begin(), plan.targets.end(), *gateway)) {
    plan.targets.insert(std::lower_bound(plan.targets.begin(), plan.targets.end(), *gateway),
                        *gateway);
  }
  return plan;
}

ArpSweepOutcome RunArpSweep(io::PacketIo& packets, const io::Clock& clock, const ArpSweepPlan& plan,
                            const ArpSweepTiming& timing, const std::atomic<bool>& cancel,
                            std::atomic<int>* devices_found) {
  return Sweep(packets, clock, plan, timing, cancel, devices_found).Run();
}

namespace {

int CountMacs(const std::vector<ArpSighting>& sightings) {
  std::set<std::string> macs;
  for (const auto& s : sightings) macs.insert(s.mac);
  return static_cast<int>(macs.size());
}

class ArpSweepProbe final : public LanProbe {
 public:
  const char* id() const override { return "arp-sweep"; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    if (!context.choice.lan)
      return Record(id(), model::ProbeStatus::kSkipped, context.choice.reason);
    if (!context.choice.lan->mac)
      return Record(id(), model::ProbeStatus::kSkipped,
                    "'" + context.choice.name + "' has no Ethernet address");
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    const LanInterface& lan = *context.choice.lan;
    std::optional<wire::Ipv4> gateway = wire::ParseIpv4(context.base.default_gateway);
    plan_ = PlanArpSweep(lan.name, *lan.mac, lan.address, lan.prefix_len, gateway,
                         context.options.arp_max_addresses);
    ArpSweepTiming timing = context.tuning.arp;
    timing.rate_pps = context.options.arp_rate_pps;
    auto packets = context.system.OpenPacketIo(plan_.interface, io::kArpFilter);
    if (!packets.ok()) {
      // No permission, or an interface that cannot do it (down, not
      // Ethernet, gone): not attempted. Anything else went wrong trying.
      io::ErrorKind kind = packets.error().kind;
      bool permission = kind == io::ErrorKind::kPermission;
      bool cannot = kind == io::ErrorKind::kUnsupported || kind == io::ErrorKind::kNotFound;
      open_error_ = Record(
          id(), permission || cannot ? model::ProbeStatus::kSkipped : model::ProbeStatus::kFailed,
          packets.error().message, permission ? kPrivilegeHint : "");
      return;
    }
    outcome_ = RunArpSweep(**packets, context.system.clock(), plan_, timing, context.cancel,
                           &context.devices_found);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                            DeviceTable* devices) override {
    if (open_error_) return *open_error_;
    const ArpSweepOutcome& o = *outcome_;
    model::ProbeRecord record;
    if (o.error) {
      record = Record(id(), model::ProbeStatus::kFailed, o.error->message);
    } else if (o.cancelled && !o.completed) {
      record = Record(id(), model::ProbeStatus::kFailed, stop.reason);
    } else {
      std::string summary = std::to_string(CountMacs(o.sightings)) + " devices, " +
                            std::to_string(o.sweep.addresses_probed) + " addresses in " +
                            FormatDuration(o.sweep.duration_ms);
      if (!o.sweep.conflicts.empty())
        summary += ", " + std::to_string(o.sweep.conflicts.size()) + " address conflict(s)";
      record = Record(id(), model::ProbeStatus::kOk, summary);
    }
    snapshot->measurements.arp = o.sweep;
    for (const auto& s : o.sightings) devices->Add(s.mac, s.ip, s.how);
    for (const auto& note : plan_.notes) snapshot->notes.push_back("arp-sweep: " + note);
    for (const auto& note : o.notes) snapshot->notes.push_back("arp-sweep: " + note);
    return record;
  }

 private:
  ArpSweepPlan plan_;
  std::optional<model::ProbeRecord> open_error_;
  std::optional<ArpSweepOutcome> outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeArpSweepProbe() {
  return std::make_unique<ArpSweepProbe>();
}

}  // namespace netfix::probe
