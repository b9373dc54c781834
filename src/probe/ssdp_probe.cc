#include "probe/ssdp_probe.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "version.h"
#include "wire/addr.h"
#include "wire/ssdp.h"

namespace netfix::probe {

namespace {

using model::ProbeStatus;

constexpr const char* kUserAgent = "Linux UPnP/1.1 netfix/" NETFIX_VERSION;

struct FetchJob {
  std::string location;
  std::string from_ip;
};

// A few threads that fetch descriptions (and query gateways) while the probe
// keeps listening. Threads start on demand, up to `max_threads`.
class FetchPool {
 public:
  FetchPool(io::System& system, const SsdpTiming& timing)
      : system_(system), timing_(timing), limits_(timing.upnp) {
    limits_.description.cancel = &stop_;
    limits_.soap.cancel = &stop_;
  }
  ~FetchPool() { Stop(); }

  void Add(FetchJob job) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
    if (idle_ == 0 && static_cast<int>(threads_.size()) < timing_.fetch_threads) {
      try {
        threads_.emplace_back([this] { Work(); });
      } catch (const std::system_error&) {
        // No thread to be had: the jobs wait for Finish, which runs them itself.
      }
    }
    changed_.notify_all();
  }

  // Waits for every job until `until` (or cancel), then stops what still runs.
  void Finish(io::TimePoint until, const std::atomic<bool>& cancel) {
    const io::Clock& clock = system_.clock();
    {
      std::unique_lock lock(mutex_);
      if (threads_.empty() && !queue_.empty()) {
        lock.unlock();
        auto http = system_.MakeHttpClient();
        while (true) {
          lock.lock();
          if (queue_.empty() || cancel.load() || clock.Now() >= until) break;
          FetchJob job = std::move(queue_.front());
          queue_.pop_front();
          lock.unlock();
          Process(*http, job);
        }
        lock.unlock();
      } else {
        while (queue_.size() + static_cast<std::size_t>(busy_) > 0) {
          if (cancel.load() || clock.Now() >= until) break;
          changed_.wait_for(lock, std::chrono::milliseconds(20));
        }
      }
    }
    Stop();
    std::lock_guard lock(mutex_);
    for (const auto& job : queue_) {  // never started
      model::UpnpDescription d;
      d.location = job.location;
      d.from_ip = job.from_ip;
      d.status = "failed";
      d.error = "not fetched: the probe ended first";
      descriptions_.push_back(std::move(d));
    }
    queue_.clear();
  }

  std::vector<model::UpnpDescription> TakeDescriptions() { return std::move(descriptions_); }
  std::vector<model::UpnpGateway> TakeGateways() { return std::move(gateways_); }

 private:
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      closing_ = true;
    }
    changed_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

  void Work() {
    std::unique_ptr<io::HttpClient> http = system_.MakeHttpClient();
    std::unique_lock lock(mutex_);
    while (true) {
      ++idle_;
      changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      --idle_;
      if (closing_) return;  // Finish records what was not started
      FetchJob job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
      lock.unlock();
      Process(*http, job);
      lock.lock();
      --busy_;
      changed_.notify_all();
    }
  }

  void Process(io::HttpClient& http, const FetchJob& job) {
    model::UpnpDescription d =
        FetchDescription(http, system_.clock(), job.location, job.from_ip, limits_.description);
    std::vector<model::UpnpGateway> gateways;
    for (const auto& service : GatewayConnectionServices(d))
      gateways.push_back(QueryGateway(http, job.from_ip, service, limits_));
    std::lock_guard lock(mutex_);
    descriptions_.push_back(std::move(d));
    for (auto& g : gateways) gateways_.push_back(std::move(g));
  }

  io::System& system_;
  const SsdpTiming& timing_;
  UpnpLimits limits_;
  std::atomic<bool> stop_{false};

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<FetchJob> queue_;                        // guarded by mutex_
  std::vector<std::thread> threads_;                  // guarded by mutex_ (joined by Stop)
  int idle_ = 0;                                      // guarded by mutex_
  int busy_ = 0;                                      // guarded by mutex_
  bool closing_ = false;                              // guarded by mutex_
  std::vector<model::UpnpDescription> descriptions_;  // guarded by mutex_
  std::vector<model::UpnpGateway> gateways_;          // guarded by mutex_
};

// Numeric IPv4 order, other text after it.
bool IpLess(const std::string& a, const std::string& b) {
  auto x = wire::ParseIpv4(a), y = wire::ParseIpv4(b);
  if (x && y) return *x < *y;
  if (x || y) return x.has_value();
  return a < b;
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Summary(const model::SsdpResult& r, std::size_t hosts) {
  if (r.messages.empty()) return "no UPnP device answered";
  int partial = 0, failed = 0;
  for (const auto& d : r.descriptions) {
    if (d.status == "partial") ++partial;
    if (d.status == "failed") ++failed;
  }
  std::string out = Plural(hosts, "host", "hosts") + " answered (" +
                    Plural(r.messages.size(), "response", "responses") + "), " +
                    Plural(r.descriptions.size(), "description", "descriptions");
  if (!r.descriptions.empty())
    out += " (" + std::to_string(partial) + " partial, " + std::to_string(failed) + " failed)";
  out += ", " + Plural(r.gateways.size(), "gateway", "gateways");
  for (const auto& g : r.gateways)
    if (!g.external_ip.empty()) {
      out += " (external address " + g.external_ip + ")";
      break;
    }
  return out;
}

}  // namespace

const std::vector<std::string>& SsdpSearchTargets() {
  static const std::vector<std::string> targets = {
      "ssdp:all",
      "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
      "urn:schemas-upnp-org:device:InternetGatewayDevice:2",
      "urn:schemas-upnp-org:device:MediaRenderer:1",
      "urn:schemas-upnp-org:device:MediaServer:1",
      "urn:dial-multiscreen-org:service:dial:1",
      "urn:ses-com:device:SatIPServer:1",
      "urn:schemas-wifialliance-org:device:WFADevice:1",
  };
  return targets;
}

SsdpOutcome RunSsdpProbe(io::System& system, const io::MulticastSocketOptions& where,
                         const SsdpTiming& timing, const std::atomic<bool>& cancel) {
  SsdpOutcome out;
  const io::Clock& clock = system.clock();
  io::TimePoint start = clock.Now();
  out.result.window_ms = io::MillisecondsBetween(start, start + timing.window);
  auto socket = system.OpenMulticastSocket(where);
  if (!socket.ok()) {
    out.record = Record("ssdp", ProbeStatus::kFailed, socket.error().message);
    return out;
  }
  std::vector<std::string> searches;
  for (const auto& target : SsdpSearchTargets())
    searches.push_back(wire::BuildMSearch(target, timing.mx_seconds, kUserAgent));
  auto send_round = [&]() -> std::string {
    std::string error;
    int sent = 0;
    for (const auto& s : searches) {
      auto r =
          (*socket)->SendTo(wire::kSsdpGroup, wire::kSsdpPort,
                            std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
      if (r.ok())
        ++sent;
      else
        error = r.error().message;
    }
    return sent > 0 ? "" : error;
  };
  if (std::string error = send_round(); !error.empty()) {
    out.record = Record("ssdp", ProbeStatus::kFailed, "cannot send M-SEARCH: " + error);
    return out;
  }

  FetchPool pool(system, timing);
  std::set<std::string> seen_messages, seen_locations, hosts;
  std::vector<model::UpnpDescription> refused;  // not fetched, by the address rule
  std::size_t fetches = 0;
  int ignored = 0;
  std::string receive_error;
  bool resent = false;
  io::TimePoint end = start + timing.window;
  for (int guard = 0; guard < 1000000 && !cancel.load(); ++guard) {
    io::TimePoint now = clock.Now();
    if (now >= end) break;
    if (!resent && now >= start + timing.resend_after) {
      send_round();  // a failure here changes nothing: the first round went out
      resent = true;
    }
    io::TimePoint until = resent ? end : std::min(end, start + timing.resend_after);
    // Short slices, so that a cancel is seen soon.
    until = std::min(until, now + std::chrono::milliseconds(50));
    auto got = (*socket)->Receive(until);
    if (!got.ok()) {
      receive_error = got.error().message;
      break;
    }
    if (!*got) continue;
    const io::ReceivedDatagram& datagram = **got;
    auto parsed = wire::ParseSsdp(datagram.bytes);
    if (!parsed || parsed->kind != wire::SsdpKind::kResponse || parsed->status_code != 200) {
      ++ignored;
      continue;
    }
    model::SsdpMessage message =
        wire::ToSsdpMessage(*parsed, "response", datagram.from_ip, datagram.from_port,
                            io::MillisecondsBetween(start, clock.Now()));
    hosts.insert(datagram.from_ip);
    std::string key =
        message.from_ip + "\n" + message.usn + "\n" + message.target + "\n" + message.location;
    if (seen_messages.insert(key).second && out.result.messages.size() < timing.max_messages)
      out.result.messages.push_back(message);
    if (message.location.empty() || !seen_locations.insert(message.location).second) continue;
    std::string reason = ForeignHostReason(message.location, message.from_ip, "LOCATION");
    if (reason.empty() && fetches >= timing.max_descriptions)
      reason =
          "not fetched: more than " + std::to_string(timing.max_descriptions) + " descriptions";
    if (!reason.empty()) {
      model::UpnpDescription d;
      d.location = message.location;
      d.from_ip = message.from_ip;
      d.status = "failed";
      d.error = reason;
      refused.push_back(std::move(d));
      continue;
    }
    ++fetches;
    pool.Add({message.location, message.from_ip});
  }
  out.result.window_ms = io::MillisecondsBetween(start, clock.Now());
  pool.Finish(clock.Now() + timing.fetch_grace, cancel);
  out.cancelled = cancel.load();

  out.result.descriptions = pool.TakeDescriptions();
  for (auto& d : refused) out.result.descriptions.push_back(std::move(d));
  std::stable_sort(out.result.descriptions.begin(), out.result.descriptions.end(),
                   [](const auto& a, const auto& b) {
                     if (a.from_ip != b.from_ip) return IpLess(a.from_ip, b.from_ip);
                     return a.location < b.location;
                   });
  out.result.gateways = pool.TakeGateways();
  std::stable_sort(out.result.gateways.begin(), out.result.gateways.end(),
                   [](const auto& a, const auto& b) {
                     if (a.from_ip != b.from_ip) return IpLess(a.from_ip, b.from_ip);
                     return a.control_url < b.control_url;
                   });
  std::stable_sort(out.result.messages.begin(), out.result.messages.end(),
                   [](const auto& a, const auto& b) { return a.after_ms < b.after_ms; });

  std::string summary = Summary(out.result, hosts.size());
  if (ignored > 0)
    summary += "; " + Plural(ignored, "other datagram", "other datagrams") + " ignored";
  if (!receive_error.empty()) {
    out.record = Record("ssdp", ProbeStatus::kFailed, receive_error + " (" + summary + ")");
    return out;
  }
  out.record = Record("ssdp", ProbeStatus::kOk, summary);
  return out;
}

std::optional<io::MulticastSocketOptions> LanMulticastOptions(const LanContext& context, int ttl,
                                                              std::string* why) {
  if (!context.choice.lan) {
    if (why)
      *why = context.choice.reason.empty() ? "no IPv4 address on the scan interface"
                                           : context.choice.reason;
    return std::nullopt;
  }
  io::MulticastSocketOptions where;
  where.interface = context.choice.lan->name;
  where.local_ipv4 = wire::FormatIpv4(context.choice.lan->address);
  if (const auto* i = context.base.FindInterface(where.interface)) where.interface_index = i->index;
  where.ttl = ttl;
  return where;
}

namespace {

class SsdpLanProbe final : public LanProbe {
 public:
  const char* id() const override { return "ssdp"; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    std::string why;
    if (!LanMulticastOptions(context, kTtl, &why)) return Record(id(), ProbeStatus::kSkipped, why);
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    auto where = LanMulticastOptions(context, kTtl, nullptr);
    if (!where) return;
    outcome_ = RunSsdpProbe(context.system, *where, context.tuning.ssdp, context.cancel);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot, DeviceTable*) override {
    model::ProbeRecord record = outcome_.record;
    if (record.id.empty()) record = Record(id(), ProbeStatus::kFailed, "did not run");
    if (outcome_.cancelled || stop.stopped) {
      record.status = ProbeStatus::kFailed;
      record.reason = stop.reason.empty() ? "stopped" : stop.reason;
    }
    // The passive listener may have written NOTIFYs here already: append.
    auto& section = snapshot->measurements.ssdp;
    if (!section) {
      section = std::move(outcome_.result);
    } else {
      section->window_ms = std::max(section->window_ms, outcome_.result.window_ms);
      for (auto& m : outcome_.result.messages) section->messages.push_back(std::move(m));
      for (auto& d : outcome_.result.descriptions) section->descriptions.push_back(std::move(d));
      for (auto& g : outcome_.result.gateways) section->gateways.push_back(std::move(g));
    }
    return record;
  }

 private:
  static constexpr int kTtl = 2;  // UDA 1.1 §1.1.2
  SsdpOutcome outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeSsdpProbe() {
  return std::make_unique<SsdpLanProbe>();
}

}  // namespace netfix::probe
