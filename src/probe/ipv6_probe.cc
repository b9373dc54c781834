#include "probe/ipv6_probe.h"

#include <algorithm>
#include <random>
#include <set>

#include "probe/lan_link.h"
#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "wire/icmpv6.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeStatus;

constexpr const char* kId = "ipv6";
constexpr std::uint8_t kEchoPayload[] = {'n', 'e', 't', 'f', 'i', 'x'};

model::RouterAdvertisement ToModel(const wire::Icmpv6Frame& f, const std::string& how) {
  const wire::Icmpv6Message& ra = f.icmp;
  model::RouterAdvertisement out;
  out.from_ip = wire::FormatIpv6(f.ip.source);
  out.from_mac = wire::FormatMac(ra.options.source_link_layer.value_or(f.eth_source));
  out.how = how;
  out.router_lifetime_s = ra.router_lifetime_s;
  out.managed = ra.managed;
  out.other = ra.other;
  out.mtu = static_cast<int>(std::min<std::uint32_t>(ra.options.mtu.value_or(0), 1u << 30));
  for (const auto& p : ra.options.prefixes)
    out.prefixes.push_back(
        {wire::FormatIpv6(p.prefix), p.length, p.on_link, p.autonomous, p.valid_s, p.preferred_s});
  for (const auto& a : ra.options.rdnss) out.rdnss.push_back(wire::FormatIpv6(a));
  out.dnssl = ra.options.dnssl;
  return out;
}

// Why a link has no IPv6 to probe: disabled, or simply no address.
std::string NoIpv6Reason(io::System& system, const std::string& name) {
  auto disabled = system.ReadFile("/proc/sys/net/ipv6/conf/" + name + "/disable_ipv6");
  if (disabled.ok() && util::StartsWith(*disabled, "1"))
    return "IPv6 is disabled on '" + name + "'";
  return "'" + name + "' has no IPv6 address";
}

}  // namespace

Ipv6Outcome RunIpv6Exchange(io::PacketIo& packets, const io::Clock& clock, const Ipv6Plan& plan,
                            const Ipv6Timing& timing, const std::atomic<bool>& cancel) {
  Ipv6Outcome out;
  const TimePoint start = clock.Now();
  const wire::Ipv6 source = plan.source.value_or(wire::Ipv6{});
  std::string first_error;
  if (auto sent = packets.Send(wire::BuildRouterSolicitationFrame(plan.mac, source)); sent.ok())
    out.sent_solicitation = true;
  else
    first_error = sent.error().message;
  if (plan.source) {
    auto echo = wire::BuildEcho6RequestFrame(plan.mac, source, wire::kAllNodes,
                                             wire::MulticastMac(wire::kAllNodes), plan.echo_id, 1,
                                             kEchoPayload);
    if (auto sent = packets.Send(echo); sent.ok())
      out.sent_echo = true;
    else if (first_error.empty())
      first_error = sent.error().message;
  }
  if (!out.sent_solicitation && !out.sent_echo) {
    out.error = io::Error{io::ErrorKind::kOther, "nothing could be sent: " + first_error};
    return out;
  }

  const TimePoint end = start + timing.window;
  std::set<std::string> routers, neighbours;
  auto add_neighbour = [&](const wire::Ipv6& ip, const wire::MacAddress& mac, const char* how) {
    if (mac == plan.mac || ip == wire::Ipv6{} || wire::IsMulticast(ip) ||
        wire::IsMulticastMac(mac) || mac == wire::kZeroMac)
      return;
    std::string ip_text = wire::FormatIpv6(ip), mac_text = wire::FormatMac(mac);
    if (neighbours.insert(ip_text + " " + mac_text + " " + how).second)
      out.neighbours.push_back({ip_text, mac_text, how});
  };
  // Bounded by time; the count only guards against a clock that stands still.
  for (int i = 0; i < 1000000; ++i) {
    if (cancel.load()) {
      out.cancelled = true;
      break;
    }
    TimePoint now = clock.Now();
    if (now >= end) break;
    auto frames = packets.Receive(std::min(end, now + timing.slice));
    if (!frames.ok()) {
      out.error = frames.error();
      break;
    }
    TimePoint at = clock.Now();
    for (const auto& bytes : *frames) {
      auto f = wire::ParseIcmpv6Frame(bytes);
      if (!f || f->eth_source == plan.mac || !f->icmp.checksum_ok) continue;
      switch (f->icmp.type) {
        case wire::kIcmpv6RouterAdvertisement: {
          // Only link-local sources may advertise (RFC 4861 §6.1.2).
          if (!wire::IsLinkLocal(f->ip.source) || f->ip.hop_limit != 255) break;
          ++out.advertisements_seen;
          bool to_us = plan.source && f->ip.destination == *plan.source;
          bool solicited =
              out.sent_solicitation && (to_us || at - start <= timing.solicited_within);
          if (routers.insert(wire::FormatIpv6(f->ip.source)).second)
            out.router_advertisements.push_back(ToModel(*f, solicited ? "solicited" : "passive"));
          break;
        }
        case wire::kIcmpv6EchoReply:
          if (out.sent_echo && f->icmp.id == plan.echo_id && f->ip.destination == source)
            add_neighbour(f->ip.source, f->eth_source, "echo-reply");
          break;
        case wire::kIcmpv6NeighbourSolicitation:
          if (f->icmp.options.source_link_layer)
            add_neighbour(f->ip.source, *f->icmp.options.source_link_layer, "ndp");
          break;
        case wire::kIcmpv6NeighbourAdvertisement:
          if (f->icmp.options.target_link_layer)
            add_neighbour(f->icmp.target, *f->icmp.options.target_link_layer, "ndp");
          break;
        default: break;
      }
    }
  }
  out.window_ms = io::MillisecondsBetween(start, clock.Now());
  return out;
}

namespace {

class Ipv6Probe final : public LanProbe {
 public:
  const char* id() const override { return kId; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    LanLinkChoice link = ChooseLanLink(context.base, context.choice, context.options.interface);
    if (!link.link) return Record(kId, ProbeStatus::kSkipped, link.reason);
    bool any = std::any_of(link.link->addresses.begin(), link.link->addresses.end(),
                           [](const model::InterfaceAddress& a) { return a.family == "ipv6"; });
    if (!any)
      return Record(kId, ProbeStatus::kSkipped, NoIpv6Reason(context.system, link.link->name));
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    link_ = *ChooseLanLink(context.base, context.choice, context.options.interface).link;
    Ipv6Plan plan;
    plan.interface = link_.name;
    plan.mac = link_.mac;
    std::optional<wire::Ipv6> link_local, global;
    for (const auto& a : link_.addresses) {
      if (a.family != "ipv6") continue;
      auto ip = wire::ParseIpv6(a.address);
      if (!ip) continue;
      if (a.scope == "global") {
        global_.push_back(a.address);
        if (!global) global = ip;
      }
      if (wire::IsLinkLocal(*ip) && !link_local) link_local = ip;
    }
    plan.source = link_local ? link_local : global;
    std::random_device random;
    plan.echo_id = static_cast<std::uint16_t>(random());

    auto packets = context.system.OpenPacketIo(link_.name, kIpv6Filter);
    if (!packets.ok()) {
      io::ErrorKind kind = packets.error().kind;
      bool permission = kind == io::ErrorKind::kPermission;
      bool cannot = kind == io::ErrorKind::kUnsupported || kind == io::ErrorKind::kNotFound;
      open_error_ = Record(kId, permission || cannot ? ProbeStatus::kSkipped : ProbeStatus::kFailed,
                           packets.error().message, permission ? kPrivilegeHint : "");
    } else {
      outcome_ = RunIpv6Exchange(**packets, context.system.clock(), plan, context.tuning.ipv6,
                                 context.cancel);
    }
    // The kernel's table, after the neighbours answered our echo.
    if (auto config = context.system.ReadNetworkConfig(); config.ok()) {
      for (const auto& n : config->neighbours6)
        if (n.interface == link_.name) table_.push_back({n.ip, n.mac, "neighbour-table"});
    } else {
      table_error_ = config.error().message;
    }
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                            DeviceTable* devices) override {
    model::Ipv6Result result;
    result.client_global_addresses = global_;
    if (outcome_) {
      result.router_advertisements = outcome_->router_advertisements;
      result.neighbours = outcome_->neighbours;
    }
    result.neighbours.insert(result.neighbours.end(), table_.begin(), table_.end());
    std::string self = wire::FormatMac(link_.mac);
    for (const auto& a : link_.addresses)
      if (a.family == "ipv6") devices->AddIpv6(self, a.address, "");
    for (const auto& n : result.neighbours) devices->AddIpv6(n.mac, n.ip, "ipv6-" + n.how);
    for (const auto& ra : result.router_advertisements)
      devices->AddIpv6(ra.from_mac, ra.from_ip, "ipv6-ra");
    snapshot->measurements.ipv6 = result;
    if (!table_error_.empty())
      snapshot->notes.push_back("ipv6: neighbour table not read: " + table_error_);

    if (open_error_) {
      model::ProbeRecord record = *open_error_;
      record.reason +=
          " (no router advertisements observed; addresses and the neighbour table "
          "recorded)";
      return record;
    }
    const Ipv6Outcome& o = *outcome_;
    if (o.error && !o.sent_solicitation && !o.sent_echo)
      return Record(kId, ProbeStatus::kFailed, o.error->message);
    if (o.error) snapshot->notes.push_back("ipv6: " + o.error->message);
    if (o.cancelled) return Record(kId, ProbeStatus::kFailed, stop.reason);
    std::set<std::string> macs;
    int echo = 0;
    for (const auto& n : result.neighbours) {
      macs.insert(n.mac);
      if (n.how == "echo-reply") ++echo;
    }
    std::string summary = std::to_string(result.router_advertisements.size()) +
                          (result.router_advertisements.size() == 1 ? " router advertisement, "
                                                                    : " router advertisements, ") +
                          std::to_string(macs.size()) + " neighbours (" + std::to_string(echo) +
                          " answered ff02::1), " + std::to_string(global_.size()) +
                          (global_.size() == 1 ? " global address" : " global addresses");
    return Record(kId, ProbeStatus::kOk, summary);
  }

 private:
  LanLink link_;
  std::vector<std::string> global_;
  std::optional<model::ProbeRecord> open_error_;
  std::optional<Ipv6Outcome> outcome_;
  std::vector<model::Ipv6Neighbour> table_;
  std::string table_error_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeIpv6Probe() {
  return std::make_unique<Ipv6Probe>();
}

}  // namespace netfix::probe
