#include "probe/dhcp_probe.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "probe/lan_link.h"
#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "wire/ipv4.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::ProbeStatus;

constexpr const char* kId = "dhcp";
constexpr std::uint8_t kParameterList[] = {1, 3, 6, 15, 26, 28, 42, 51, 54, 58, 59, 119, 121};

wire::DhcpPacket Request(std::uint32_t xid, const wire::MacAddress& chaddr) {
  wire::DhcpPacket p;
  p.op = wire::kBootRequest;
  p.xid = xid;
  std::copy(chaddr.begin(), chaddr.end(), p.chaddr.begin());
  return p;
}

double ToMs(io::Duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

std::string ServerKey(const model::DhcpMessage& m) {
  return !m.server_id.empty() ? m.server_id : m.server_ip;
}

}  // namespace

wire::MacAddress ProbeClientMac(const wire::MacAddress& host_mac) {
  // FNV-1a over a fixed label and the MAC: stable, and unlike the MAC.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&](std::uint8_t byte) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  };
  for (char c : std::string("netfix-dhcp-probe")) mix(static_cast<std::uint8_t>(c));
  for (std::uint8_t b : host_mac) mix(b);
  wire::MacAddress mac;
  for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = static_cast<std::uint8_t>(hash >> (8 * i));
  mac[0] = static_cast<std::uint8_t>((mac[0] & 0xfc) | 0x02);  // local, unicast
  if (mac == host_mac) mac[5] ^= 0x01;
  return mac;
}

DhcpPlan PlanDhcp(const std::string& interface, const wire::MacAddress& host_mac,
                  std::optional<wire::Ipv4> host_ip, std::uint32_t xid) {
  DhcpPlan plan;
  plan.interface = interface;
  plan.host_mac = host_mac;
  plan.host_ip = host_ip;
  plan.probe_mac = ProbeClientMac(host_mac);
  plan.discover_xid = xid;
  plan.inform_xid = xid + 1;
  return plan;
}

std::vector<std::uint8_t> BuildDiscoverFrame(const DhcpPlan& plan) {
  wire::DhcpPacket p = Request(plan.discover_xid, plan.probe_mac);
  p.flags = wire::kDhcpBroadcastFlag;      // answer to 255.255.255.255: the chaddr is not ours
  std::vector<std::uint8_t> client_id{1};  // type 1: an Ethernet address
  client_id.insert(client_id.end(), plan.probe_mac.begin(), plan.probe_mac.end());
  p.options = {{wire::kDhcpOptMessageType, {wire::kDhcpDiscover}},
               {wire::kDhcpOptClientId, client_id},
               {wire::kDhcpOptMaxMessageSize, {0x05, 0xdc}},  // 1500
               {wire::kDhcpOptParameterList,
                std::vector<std::uint8_t>(std::begin(kParameterList), std::end(kParameterList))}};
  return wire::BuildUdpFrame(wire::kBroadcastMac, plan.host_mac, 0, 0xffffffff,
                             wire::kDhcpClientPort, wire::kDhcpServerPort, wire::BuildDhcp(p));
}

std::vector<std::uint8_t> BuildInformFrame(const DhcpPlan& plan) {
  wire::DhcpPacket p = Request(plan.inform_xid, plan.host_mac);
  p.ciaddr = plan.host_ip.value_or(0);
  p.options = {{wire::kDhcpOptMessageType, {wire::kDhcpInform}},
               {wire::kDhcpOptMaxMessageSize, {0x05, 0xdc}},
               {wire::kDhcpOptParameterList,
                std::vector<std::uint8_t>(std::begin(kParameterList), std::end(kParameterList))}};
  return wire::BuildUdpFrame(wire::kBroadcastMac, plan.host_mac, p.ciaddr, 0xffffffff,
                             wire::kDhcpClientPort, wire::kDhcpServerPort, wire::BuildDhcp(p));
}

model::DhcpMessage ToDhcpMessage(const wire::DhcpFrame& frame, const std::string& how,
                                 double after_ms) {
  const wire::DhcpPacket& p = frame.dhcp;
  model::DhcpMessage m;
  m.how = how;
  if (auto type = p.message_type())
    m.message_type = wire::DhcpMessageTypeName(*type);
  else
    m.message_type = p.op == wire::kBootReply ? "BOOTREPLY" : "BOOTREQUEST";
  if (auto id = p.Ipv4Option(wire::kDhcpOptServerId)) m.server_id = wire::FormatIpv4(*id);
  m.server_ip = wire::FormatIpv4(frame.ip_source);
  m.server_mac = wire::FormatMac(frame.eth_source);
  if (auto mac = p.client_mac()) m.client_mac = wire::FormatMac(*mac);
  if (p.yiaddr != 0) m.offered_ip = wire::FormatIpv4(p.yiaddr);
  if (auto mask = p.Ipv4Option(wire::kDhcpOptSubnetMask)) m.subnet_mask = wire::FormatIpv4(*mask);
  for (auto a : p.Ipv4ListOption(wire::kDhcpOptRouter)) m.routers.push_back(wire::FormatIpv4(a));
  for (auto a : p.Ipv4ListOption(wire::kDhcpOptDnsServer))
    m.dns_servers.push_back(wire::FormatIpv4(a));
  m.domain = p.TextOption(wire::kDhcpOptDomainName);
  m.hostname = p.TextOption(wire::kDhcpOptHostName);
  m.vendor_class = p.TextOption(wire::kDhcpOptVendorClass);
  if (auto lease = p.U32Option(wire::kDhcpOptLeaseTime)) m.lease_s = *lease;
  m.after_ms = after_ms;
  return m;
}

bool IsOwnDhcp(const wire::DhcpPacket& packet, const wire::MacAddress& host_mac) {
  auto chaddr = packet.client_mac();
  if (!chaddr) return false;
  if (*chaddr == ProbeClientMac(host_mac)) return true;
  if (*chaddr != host_mac) return false;
  auto type = packet.message_type();
  return type == wire::kDhcpInform ||
         (type == wire::kDhcpAck && packet.yiaddr == 0 && packet.ciaddr != 0);
}

DhcpOutcome RunDhcpExchange(io::PacketIo& packets, const io::Clock& clock, const DhcpPlan& plan,
                            const DhcpTiming& timing, const std::atomic<bool>& cancel,
                            const std::atomic<bool>* others_done) {
  DhcpOutcome out;
  out.result.interface = plan.interface;
  out.result.client_mac = wire::FormatMac(plan.probe_mac);
  const TimePoint start = clock.Now();

  // The INFORM goes first: a single-threaded server (dnsmasq) that
  // ping-checks the address for the DISCOVER handles nothing else for those
  // 3 s, so an INFORM queued behind the DISCOVER would be answered as late.
  std::vector<std::string> send_errors;
  if (plan.host_ip) {
    if (auto sent = packets.Send(BuildInformFrame(plan)); sent.ok())
      out.sent_inform = true;
    else
      send_errors.push_back("INFORM: " + sent.error().message);
  } else {
    out.notes.push_back("no IPv4 address on '" + plan.interface + "': no DHCPINFORM sent");
  }
  if (auto sent = packets.Send(BuildDiscoverFrame(plan)); sent.ok())
    out.sent_discover = true;
  else
    send_errors.push_back("DISCOVER: " + sent.error().message);
  if (!out.sent_discover && !out.sent_inform) {
    out.error =
        io::Error{io::ErrorKind::kOther, "nothing could be sent: " + util::Join(send_errors, "; ")};
    return out;
  }
  for (const auto& e : send_errors) out.notes.push_back("could not send the " + e);

  const TimePoint min_end = start + timing.min_window;
  const TimePoint max_end = start + std::max(timing.min_window, timing.max_window);
  std::set<std::string> seen;  // one record per (how, server, offered address)
  TimePoint first_answer{};
  // Bounded by time; the count only guards against a clock that stands still.
  for (int i = 0; i < 1000000; ++i) {
    if (cancel.load()) {
      out.cancelled = true;
      break;
    }
    TimePoint now = clock.Now();
    if (now >= max_end) break;
    // Past the minimum, an answer that came late is given a moment for the
    // ones queued behind it at the same busy server.
    bool heard = !out.result.messages.empty() &&
                 (first_answer + timing.after_late_answer <= now || first_answer <= min_end);
    if (now >= min_end && (others_done == nullptr || others_done->load()) &&
        (heard || !timing.wait_for_first_answer))
      break;
    auto frames = packets.Receive(std::min(max_end, now + timing.slice));
    if (!frames.ok()) {
      out.error = frames.error();
      break;
    }
    double after_ms = io::MillisecondsBetween(start, clock.Now());
    for (const auto& bytes : *frames) {
      auto frame = wire::ParseDhcpFrame(bytes);
      if (!frame || frame->dhcp.op != wire::kBootReply) continue;
      const wire::DhcpPacket& p = frame->dhcp;
      auto chaddr = p.client_mac();
      std::string how;
      if (out.sent_discover && p.xid == plan.discover_xid && chaddr == plan.probe_mac)
        how = "offer";
      else if (out.sent_inform && p.xid == plan.inform_xid && chaddr == plan.host_mac)
        how = "inform-ack";
      else
        continue;  // someone else's exchange: the passive listener's
      model::DhcpMessage m = ToDhcpMessage(*frame, how, after_ms);
      if (!seen.insert(how + " " + m.server_mac + " " + ServerKey(m) + " " + m.offered_ip).second)
        continue;
      if (out.result.messages.empty()) first_answer = clock.Now();
      out.result.messages.push_back(std::move(m));
    }
  }
  out.result.window_ms = io::MillisecondsBetween(start, clock.Now());
  if (!out.result.messages.empty() &&
      out.result.messages.front().after_ms >= ToMs(timing.min_window)) {
    out.notes.push_back("the first DHCP answer came after " +
                        util::FormatFixed(out.result.messages.front().after_ms, 0) +
                        " ms (a server busy ping-checking an address for another request "
                        "answers nothing else for up to 3 s)");
  }

  // A server that answered the INFORM but not (yet) the DISCOVER is most
  // likely ping-checking the address it will offer.
  std::set<std::string> offered;
  for (const auto& m : out.result.messages)
    if (m.how == "offer") offered.insert(ServerKey(m));
  std::set<std::string> noted;
  for (const auto& m : out.result.messages) {
    std::string key = ServerKey(m);
    if (m.how != "inform-ack" || offered.count(key) || !noted.insert(key).second) continue;
    if (!out.sent_discover) continue;
    out.notes.push_back(key + " answered the INFORM but sent no OFFER within " +
                        util::FormatFixed(out.result.window_ms, 0) +
                        " ms (servers that ping-check an address first take up to 3 s)");
  }
  return out;
}

namespace {

class DhcpProbe final : public LanProbe {
 public:
  const char* id() const override { return kId; }
  bool stretches() const override { return true; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    LanLinkChoice link = ChooseLanLink(context.base, context.choice, context.options.interface);
    if (!link.link) return Record(kId, ProbeStatus::kSkipped, link.reason);
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    LanLink link = *ChooseLanLink(context.base, context.choice, context.options.interface).link;
    std::random_device random;
    plan_ = PlanDhcp(link.name, link.mac, link.ipv4, static_cast<std::uint32_t>(random()));
    auto packets = context.system.OpenPacketIo(link.name, kDhcpFilter);
    if (!packets.ok()) {
      io::ErrorKind kind = packets.error().kind;
      bool permission = kind == io::ErrorKind::kPermission;
      bool cannot = kind == io::ErrorKind::kUnsupported || kind == io::ErrorKind::kNotFound;
      open_error_ = Record(kId, permission || cannot ? ProbeStatus::kSkipped : ProbeStatus::kFailed,
                           packets.error().message, permission ? kPrivilegeHint : "");
      return;
    }
    outcome_ = RunDhcpExchange(**packets, context.system.clock(), plan_, context.tuning.dhcp,
                               context.cancel, context.others_done);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot,
                            DeviceTable* devices) override {
    if (open_error_) return *open_error_;
    DhcpOutcome& o = *outcome_;
    // The passive listener may add to this section later (it runs after us);
    // should anything have written it before, append.
    if (!snapshot->measurements.dhcp) snapshot->measurements.dhcp = model::DhcpResult{};
    model::DhcpResult& dhcp = *snapshot->measurements.dhcp;
    dhcp.interface = o.result.interface;
    dhcp.client_mac = o.result.client_mac;
    dhcp.window_ms = std::max(dhcp.window_ms, o.result.window_ms);
    for (const auto& m : o.result.messages) {
      dhcp.messages.push_back(m);
      devices->Add(m.server_mac, m.server_ip == "0.0.0.0" ? "" : m.server_ip, "dhcp-server");
    }
    for (const auto& note : o.notes) snapshot->notes.push_back("dhcp: " + note);

    if (o.error && o.result.messages.empty())
      return Record(kId, ProbeStatus::kFailed, o.error->message);
    if (o.cancelled) return Record(kId, ProbeStatus::kFailed, stop.reason);
    std::string window = FormatDuration(o.result.window_ms);
    if (o.error) snapshot->notes.push_back("dhcp: " + o.error->message);
    return Record(kId, ProbeStatus::kOk, Summary(o.result, window));
  }

 private:
  static std::string Summary(const model::DhcpResult& result, const std::string& window) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> answers;
    for (const auto& m : result.messages) {
      std::string key = ServerKey(m);
      if (!answers.count(key)) order.push_back(key);
      answers[key].push_back(m.how + " after " + FormatDuration(m.after_ms));
    }
    if (order.empty()) return "no DHCP server answered within " + window;
    std::vector<std::string> parts;
    for (const auto& key : order)
      parts.push_back(key + " (" + util::Join(answers[key], ", ") + ")");
    return std::to_string(order.size()) + (order.size() == 1 ? " server: " : " servers: ") +
           util::Join(parts, ", ");
  }

  DhcpPlan plan_;
  std::optional<model::ProbeRecord> open_error_;
  std::optional<DhcpOutcome> outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeDhcpProbe() {
  return std::make_unique<DhcpProbe>();
}

}  // namespace netfix::probe
