#include "probe/mdns_probe.h"

#include <random>

#include "probe/record.h"
#include "probe/scan_runner.h"
#include "probe/ssdp_probe.h"
#include "wire/dns.h"
#include "wire/mdns.h"
#include "wire/mdns_browse.h"

namespace netfix::probe {

namespace {

using model::ProbeStatus;

// One question per datagram for browsing, so that no answer grows past the
// 512 bytes a legacy unicast reply may be cut at; follow-ups for one name go
// together (SRV+TXT, A+AAAA).
std::vector<std::vector<wire::MdnsQuestion>> Batches(std::vector<wire::MdnsQuestion> questions) {
  std::vector<std::vector<wire::MdnsQuestion>> out;
  for (auto& q : questions) {
    if (!out.empty() && out.back().size() == 1 && wire::DnsNamesEqual(out.back()[0].name, q.name)) {
      out.back().push_back(std::move(q));
      continue;
    }
    out.push_back({std::move(q)});
  }
  return out;
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

const std::vector<std::string>& MdnsHomeServiceTypes() {
  static const std::vector<std::string> types = {
      "_googlecast._tcp",
      "_airplay._tcp",
      "_raop._tcp",
      "_spotify-connect._tcp",
      "_sonos._tcp",
      "_ipp._tcp",
      "_ipps._tcp",
      "_printer._tcp",
      "_pdl-datastream._tcp",
      "_scanner._tcp",
      "_uscan._tcp",
      "_http._tcp",
      "_hap._tcp",
      "_homekit._tcp",
      "_smb._tcp",
      "_afpovertcp._tcp",
      "_device-info._tcp",
      "_companion-link._tcp",
      "_amzn-wplay._tcp",
      "_androidtvremote2._tcp",
      "_matter._tcp",
      "_meshcop._udp",
      "_sleep-proxy._udp",
      "_workstation._tcp",
  };
  return types;
}

MdnsOutcome RunMdnsProbe(io::System& system, const io::MulticastSocketOptions& where,
                         const MdnsTiming& timing, const std::atomic<bool>& cancel,
                         std::uint16_t query_id) {
  MdnsOutcome out;
  const io::Clock& clock = system.clock();
  io::TimePoint start = clock.Now();
  auto socket = system.OpenMulticastSocket(where);
  if (!socket.ok()) {
    out.record = Record("mdns", ProbeStatus::kFailed, socket.error().message);
    return out;
  }
  std::vector<wire::MdnsQuestion> first_round = {{wire::kDnsSdServices, wire::kDnsTypePtr, false}};
  for (const auto& type : MdnsHomeServiceTypes())
    first_round.push_back({type + ".local", wire::kDnsTypePtr, false});

  int sent = 0;
  std::string send_error;
  auto send = [&](std::vector<wire::MdnsQuestion> questions) {
    for (const auto& batch : Batches(std::move(questions))) {
      auto query = wire::BuildMdnsQuery(query_id, batch);
      if (!query) continue;  // a name from the wire that cannot be asked back
      auto r = (*socket)->SendTo(wire::kMdnsGroup, wire::kMdnsPort, *query);
      if (r.ok())
        ++sent;
      else
        send_error = r.error().message;
    }
  };
  wire::MdnsBrowse browse;
  browse.MarkAsked(first_round);
  send(first_round);
  if (sent == 0) {
    out.record = Record("mdns", ProbeStatus::kFailed, "cannot send mDNS queries: " + send_error);
    return out;
  }

  io::TimePoint end = start + timing.window;
  io::TimePoint next_follow_up = start + timing.follow_up_every;
  bool resent = false;
  int ignored = 0, damaged = 0;
  std::string receive_error;
  for (int guard = 0; guard < 1000000 && !cancel.load(); ++guard) {
    io::TimePoint now = clock.Now();
    if (now >= end) break;
    if (!resent && now >= start + timing.resend_after) {
      send(first_round);
      resent = true;
    }
    if (now >= next_follow_up) {
      send(browse.FollowUps());
      next_follow_up = now + timing.follow_up_every;
    }
    io::TimePoint until = std::min({end, next_follow_up, now + std::chrono::milliseconds(50)});
    if (!resent) until = std::min(until, start + timing.resend_after);
    auto got = (*socket)->Receive(until);
    if (!got.ok()) {
      receive_error = got.error().message;
      break;
    }
    if (!*got) continue;
    auto message = wire::ParseMdnsMessage((*got)->bytes);
    if (!message || !message->is_response) {
      ++ignored;
      continue;
    }
    if (!message->complete) ++damaged;
    browse.Add(*message, (*got)->from_ip);
  }
  out.cancelled = cancel.load();
  out.result = browse.Result();
  out.result.window_ms = io::MillisecondsBetween(start, clock.Now());

  std::string summary;
  if (out.result.responders == 0) {
    summary = "no mDNS responder answered";
  } else {
    std::size_t types = out.result.service_types.size();
    summary = Plural(out.result.services.size(), "service", "services") + " from " +
              Plural(static_cast<std::size_t>(out.result.responders), "responder", "responders") +
              ", " + Plural(types, "service type", "service types") + " announced";
  }
  if (damaged > 0)
    summary +=
        "; " + Plural(damaged, "damaged answer", "damaged answers") + " (kept what was readable)";
  if (ignored > 0)
    summary += "; " + Plural(ignored, "other datagram", "other datagrams") + " ignored";
  if (!receive_error.empty()) {
    out.record = Record("mdns", ProbeStatus::kFailed, receive_error + " (" + summary + ")");
    return out;
  }
  out.record = Record("mdns", ProbeStatus::kOk, summary);
  return out;
}

namespace {

class MdnsLanProbe final : public LanProbe {
 public:
  const char* id() const override { return "mdns"; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    std::string why;
    if (!LanMulticastOptions(context, kTtl, &why)) return Record(id(), ProbeStatus::kSkipped, why);
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    auto where = LanMulticastOptions(context, kTtl, nullptr);
    if (!where) return;
    std::random_device seed;
    auto id = static_cast<std::uint16_t>(seed() % 0xfffe + 1);  // legacy unicast: non-zero
    outcome_ = RunMdnsProbe(context.system, *where, context.tuning.mdns, context.cancel, id);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot, DeviceTable*) override {
    model::ProbeRecord record = outcome_.record;
    if (record.id.empty()) record = Record(id(), ProbeStatus::kFailed, "did not run");
    if (outcome_.cancelled || stop.stopped) {
      record.status = ProbeStatus::kFailed;
      record.reason = stop.reason.empty() ? "stopped" : stop.reason;
    }
    auto& section = snapshot->measurements.mdns;
    if (!section) {
      section = std::move(outcome_.result);
    } else {  // another probe (the passive listener) wrote first: add to it
      section->window_ms = std::max(section->window_ms, outcome_.result.window_ms);
      for (auto& t : outcome_.result.service_types)
        if (std::find(section->service_types.begin(), section->service_types.end(), t) ==
            section->service_types.end())
          section->service_types.push_back(std::move(t));
      for (auto& s : outcome_.result.services) section->services.push_back(std::move(s));
      section->responders = std::max(section->responders, outcome_.result.responders);
    }
    return record;
  }

 private:
  static constexpr int kTtl = 255;  // RFC 6762 §11
  MdnsOutcome outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeMdnsProbe() {
  return std::make_unique<MdnsLanProbe>();
}

}  // namespace netfix::probe
