#include "probe/passive_probe.h"

#include <algorithm>
#include <set>

#include "probe/dhcp_probe.h"
#include "probe/lan_link.h"
#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "wire/arp.h"
#include "wire/dhcp.h"
#include "wire/ethernet.h"
#include "wire/igmp.h"
#include "wire/ipv4.h"
#include "wire/lldp.h"
#include "wire/ssdp.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeStatus;

constexpr const char* kId = "passive";
constexpr std::uint16_t kMdnsPort = 5353;

class Listener {
 public:
  Listener(const wire::MacAddress& host_mac, const PassiveTiming& timing)
      : host_mac_(host_mac), timing_(timing) {}

  void Handle(const io::Frame& bytes, double after_ms) {
    auto ethernet = wire::ParseEthernet(bytes);
    if (!ethernet) return Count("other");
    if (ethernet->source == host_mac_) return;  // our own, looped back
    switch (ethernet->ether_type) {
      case wire::kEtherTypeArp: return HandleArp(bytes);
      case wire::kEtherTypeLldp: return HandleLldp(bytes);
      case wire::kEtherTypeIpv4: return HandleIpv4(bytes, *ethernet, after_ms);
      default: return Count("other");
    }
  }

  PassiveOutcome& out() { return out_; }

 private:
  void Count(const std::string& protocol) { ++out_.result.frames[protocol]; }
  bool Room(std::size_t size) const { return size < timing_.max_records; }

  void Sight(const std::string& mac, const std::string& ip, const std::string& how) {
    if (ip == "0.0.0.0" || !Room(out_.sightings.size())) return;
    if (sighted_.insert(mac + " " + ip + " " + how).second)
      out_.sightings.push_back({mac, ip, how});
  }

  void HandleArp(const io::Frame& bytes) {
    Count("arp");
    auto arp = wire::ParseArpFrame(bytes);
    if (!arp || arp->sender_ip == 0) return;  // broken, or an ARP probe claiming nothing
    // Answers to the ARP sweep are the sweep's.
    if (arp->operation == wire::kArpReply && arp->target_mac == host_mac_) return;
    Sight(wire::FormatMac(arp->sender_mac), wire::FormatIpv4(arp->sender_ip), "arp-passive");
  }

  void HandleLldp(const io::Frame& bytes) {
    Count("lldp");
    auto lldp = wire::ParseLldpFrame(bytes);
    if (!lldp || lldp->chassis_id.empty() || !Room(out_.result.lldp.size())) return;
    model::LldpNeighbour n;
    n.from_mac = wire::FormatMac(lldp->eth_source);
    n.chassis_id = lldp->chassis_id;
    n.port_id = lldp->port_id;
    n.port_description = lldp->port_description;
    n.system_name = lldp->system_name;
    n.system_description = lldp->system_description;
    n.capabilities = wire::LldpCapabilityNames(lldp->enabled_capabilities);
    for (const auto& a : lldp->management_addresses)
      if (wire::ParseIpv4(a) || wire::IsIpv6Text(a)) {
        n.management_ip = a;
        break;
      }
    n.ttl_s = lldp->ttl_s.value_or(0);
    if (!lldp_seen_.insert(n.from_mac + " " + n.chassis_id + " " + n.port_id).second) return;
    Sight(n.from_mac, wire::ParseIpv4(n.management_ip) ? n.management_ip : "", "lldp");
    out_.result.lldp.push_back(std::move(n));
  }

  void HandleIpv4(const io::Frame& bytes, const wire::EthernetFrame& ethernet, double after_ms) {
    auto ip = wire::ParseIpv4(ethernet.payload);
    if (!ip) return Count("other");
    std::string mac = wire::FormatMac(ethernet.source);
    std::string from = wire::FormatIpv4(ip->source);
    if (ip->protocol == wire::kIpProtoIgmp) return HandleIgmp(bytes, mac);
    if (ip->protocol != wire::kIpProtoUdp || ip->fragment) return Count("other");
    auto udp = wire::ParseUdp(ip->payload);
    if (!udp) return Count("other");
    auto port = [&](std::uint16_t p) {
      return udp->source_port == p || udp->destination_port == p;
    };
    if (port(wire::kDhcpServerPort) || port(wire::kDhcpClientPort))
      return HandleDhcp(bytes, after_ms);
    if (port(wire::kSsdpPort)) {
      Count("ssdp");
      auto ssdp = wire::ParseSsdp(udp->payload);
      if (!ssdp || ssdp->kind != wire::SsdpKind::kNotify || !Room(out_.notify.size())) return;
      out_.notify.push_back(wire::ToSsdpMessage(*ssdp, "notify", from, udp->source_port, after_ms));
      Sight(mac, from, "ssdp-notify");
      return;
    }
    if (port(kMdnsPort)) {
      Count("mdns");
      Sight(mac, from, "mdns-passive");
      return;
    }
    Count("other");
  }

  void HandleDhcp(const io::Frame& bytes, double after_ms) {
    Count("dhcp");
    auto frame = wire::ParseDhcpFrame(bytes);
    if (!frame || IsOwnDhcp(frame->dhcp, host_mac_) || !Room(out_.dhcp.size())) return;
    model::DhcpMessage m = ToDhcpMessage(*frame, "passive", after_ms);
    // A client and its address: what it was given, or what it uses.
    if (!m.client_mac.empty()) {
      std::string ip = !m.offered_ip.empty() && m.message_type == "ACK" ? m.offered_ip
                       : frame->dhcp.ciaddr != 0 ? wire::FormatIpv4(frame->dhcp.ciaddr)
                                                 : "";
      Sight(m.client_mac, ip, "dhcp-passive");
    }
    out_.dhcp.push_back(std::move(m));
  }

  void HandleIgmp(const io::Frame& bytes, const std::string& mac) {
    Count("igmp");
    auto f = wire::ParseIgmpFrame(bytes);
    if (!f || f->igmp.version == 0) return;
    std::string from = wire::FormatIpv4(f->ip_source);
    Sight(mac, from, "igmp");
    auto add = [&](const std::string& type, wire::Ipv4 group) {
      if (!Room(out_.result.igmp.size())) return;
      std::string group_text = group == 0 ? "" : wire::FormatIpv4(group);
      if (!igmp_seen_
               .insert(from + " " + type + " " + std::to_string(f->igmp.version) + " " + group_text)
               .second)
        return;
      out_.result.igmp.push_back(
          {from, mac, type, f->igmp.version, group_text, f->igmp.max_response_s});
    };
    switch (f->igmp.type) {
      case wire::kIgmpQuery: add("query", f->igmp.group); break;
      case wire::kIgmpV1Report:
      case wire::kIgmpV2Report: add("report", f->igmp.group); break;
      case wire::kIgmpV2Leave: add("leave", f->igmp.group); break;
      case wire::kIgmpV3Report:
        for (const auto& r : f->igmp.records) {
          // Changing to "include nothing" is how a v3 member leaves.
          bool leave = r.type == wire::kIgmpChangeToInclude && r.sources == 0;
          add(leave ? "leave" : "report", r.group);
        }
        break;
      default: break;
    }
  }

  wire::MacAddress host_mac_;
  const PassiveTiming& timing_;
  PassiveOutcome out_;
  std::set<std::string> sighted_, lldp_seen_, igmp_seen_;
};

}  // namespace

PassiveOutcome RunPassiveListener(io::PacketIo& packets, const io::Clock& clock,
                                  const wire::MacAddress& host_mac, const PassiveTiming& timing,
                                  const std::atomic<bool>& cancel,
                                  const std::atomic<bool>& active_done) {
  Listener listener(host_mac, timing);
  const TimePoint start = clock.Now();
  // Bounded by the active probes, which are bounded by the scan's deadline;
  // the count only guards against a clock that stands still.
  for (int i = 0; i < 100000000; ++i) {
    if (cancel.load()) {
      listener.out().cancelled = true;
      break;
    }
    if (active_done.load()) break;
    auto frames = packets.Receive(clock.Now() + timing.slice);
    if (!frames.ok()) {
      listener.out().error = frames.error();
      break;
    }
    double after_ms = io::MillisecondsBetween(start, clock.Now());
    for (const auto& frame : *frames) listener.Handle(frame, after_ms);
  }
  PassiveOutcome out = std::move(listener.out());
  out.result.window_ms = io::MillisecondsBetween(start, clock.Now());
  return out;
}

namespace {

class PassiveProbe final : public LanProbe {
 public:
  const char* id() const override { return kId; }
  bool passive() const override { return true; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    LanLinkChoice link = ChooseLanLink(context.base, context.choice, context.options.interface);
    if (!link.link) return Record(kId, ProbeStatus::kSkipped, link.reason);
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    LanLink link = *ChooseLanLink(context.base, context.choice, context.options.interface).link;
    interface_ = link.name;
    auto packets = context.system.OpenPacketIo(link.name, kPassiveFilter);
    if (!packets.ok()) {
      io::ErrorKind kind = packets.error().kind;
      bool permission = kind == io::ErrorKind::kPermission;
      bool cannot = kind == io::ErrorKind::kUnsupported || kind == io::ErrorKind::kNotFound;
      open_error_ = Record(kId, permission || cannot ? ProbeStatus::kSkipped : ProbeStatus::kFailed,
                           packets.error().message, permission ? kPrivilegeHint : "");
      return;
    }
    outcome_ = RunPassiveListener(**packets, context.system.clock(), link.mac,
                                  context.tuning.passive, context.cancel, context.active_done);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                            DeviceTable* devices) override {
    if (open_error_) return *open_error_;
    PassiveOutcome& o = *outcome_;
    snapshot->measurements.passive = o.result;
    // Sections the active probes may have written already: append.
    if (!o.dhcp.empty()) {
      if (!snapshot->measurements.dhcp) {
        snapshot->measurements.dhcp = model::DhcpResult{};
        snapshot->measurements.dhcp->interface = interface_;
        snapshot->measurements.dhcp->window_ms = o.result.window_ms;
      }
      auto& messages = snapshot->measurements.dhcp->messages;
      messages.insert(messages.end(), o.dhcp.begin(), o.dhcp.end());
    }
    if (!o.notify.empty()) {
      if (!snapshot->measurements.ssdp) {
        snapshot->measurements.ssdp = model::SsdpResult{};
        snapshot->measurements.ssdp->window_ms = o.result.window_ms;
      }
      auto& messages = snapshot->measurements.ssdp->messages;
      messages.insert(messages.end(), o.notify.begin(), o.notify.end());
    }
    for (const auto& s : o.sightings) devices->Add(s.mac, s.ip, s.how);

    if (o.error) return Record(kId, ProbeStatus::kFailed, o.error->message);
    if (o.cancelled) return Record(kId, ProbeStatus::kFailed, stop.reason);
    int total = 0;
    std::vector<std::string> counts;
    for (const auto& [protocol, n] : o.result.frames) {
      total += n;
      counts.push_back(protocol + " " + std::to_string(n));
    }
    std::string summary =
        std::to_string(total) + " frames in " + FormatDuration(o.result.window_ms);
    if (!counts.empty()) summary += " (" + util::Join(counts, ", ") + ")";
    std::vector<std::string> found;
    if (!o.dhcp.empty()) found.push_back(std::to_string(o.dhcp.size()) + " DHCP of other clients");
    if (!o.notify.empty()) found.push_back(std::to_string(o.notify.size()) + " SSDP NOTIFY");
    if (!o.result.igmp.empty()) found.push_back(std::to_string(o.result.igmp.size()) + " IGMP");
    if (!o.result.lldp.empty()) found.push_back(std::to_string(o.result.lldp.size()) + " LLDP");
    if (!found.empty()) summary += "; " + util::Join(found, ", ");
    return Record(kId, ProbeStatus::kOk, summary);
  }

 private:
  std::string interface_;
  std::optional<model::ProbeRecord> open_error_;
  std::optional<PassiveOutcome> outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakePassiveProbe() {
  return std::make_unique<PassiveProbe>();
}

}  // namespace netfix::probe
