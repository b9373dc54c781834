#include "probe/dns_probe.h"

#include <mutex>
#include <random>
#include <system_error>
#include <thread>

#include "probe/lan_probe.h"
#include "probe/record.h"
#include "probe/scan_runner.h"
#include "util/strings.h"
#include "wire/dns.h"

namespace netfix::probe {

namespace {

using io::TimePoint;
using model::DnsQuery;

constexpr std::size_t kMaxResolvers = 32;  // one thread each

struct Pending {
  std::uint16_t id = 0;
  std::vector<std::uint8_t> query;
  TimePoint first_sent{};
  bool retried = false;
  bool done = false;
};

void Classify(const wire::DnsMessage& answer, DnsQuery& q) {
  q.rcode = wire::DnsRcodeName(answer.rcode);
  for (const auto& record : answer.answers)
    if (record.type == wire::kDnsTypeA || record.type == wire::kDnsTypeAaaa)
      q.answers.push_back(record.data);
  switch (answer.rcode) {
    case wire::kRcodeNoError: q.outcome = q.answers.empty() ? "nodata" : "ok"; break;
    case wire::kRcodeNxDomain: q.outcome = "nxdomain"; break;
    case wire::kRcodeServFail: q.outcome = "servfail"; break;
    case wire::kRcodeRefused: q.outcome = "refused"; break;
    default:
      q.outcome = "error";
      q.detail = "answered " + q.rcode;
      break;
  }
  if (!answer.complete) {
    q.detail = "answer cut short or malformed; " + std::to_string(q.answers.size()) +
               " address(es) readable";
    if (answer.rcode == wire::kRcodeNoError && q.answers.empty()) q.outcome = "error";
  } else if (answer.truncated) {
    q.detail = "truncated answer (TC bit)";
  }
}

}  // namespace

model::DnsResult QueryResolver(io::DatagramSocket& socket, const io::Clock& clock,
                               const model::Resolver& resolver,
                               const std::vector<std::string>& names, const DnsTiming& timing,
                               const std::atomic<bool>& cancel,
                               const std::function<std::uint16_t()>& next_id) {
  model::DnsResult result;
  result.resolver = resolver.address;
  result.source = resolver.source;
  std::vector<Pending> pending(names.size());
  result.queries.resize(names.size());
  int open = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    DnsQuery& q = result.queries[i];
    q.name = names[i];
    q.type = "A";
    Pending& p = pending[i];
    // Distinct ids within this resolver, so that answers cannot be confused.
    for (int tries = 0; tries < 16; ++tries) {
      p.id = next_id();
      bool clash = false;
      for (std::size_t j = 0; j < i; ++j) clash = clash || pending[j].id == p.id;
      if (!clash) break;
    }
    auto query = wire::BuildDnsQuery(p.id, names[i], wire::kDnsTypeA);
    if (!query) {
      q.outcome = "error";
      q.detail = "'" + names[i] + "' is not a valid DNS name";
      p.done = true;
      continue;
    }
    p.query = std::move(*query);
    ++open;
  }

  int ignored = 0;
  std::string ignored_detail;
  // Ends every query still open. Unsent ones get no round-trip time.
  auto finish_all = [&](const std::string& outcome, const std::string& detail) {
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (pending[i].done) continue;
      pending[i].done = true;
      result.queries[i].outcome = outcome;
      result.queries[i].detail = detail;
      if (pending[i].first_sent != TimePoint{})
        result.queries[i].rtt_ms = io::MillisecondsBetween(pending[i].first_sent, clock.Now());
    }
    open = 0;
  };
  // An ICMP port unreachable for any query surfaces on the next send or
  // receive of the connected socket: nothing answers DNS there, for all names.
  auto unreachable = [&] {
    finish_all("error", "port 53 unreachable (ICMP port unreachable: no DNS server there)");
  };

  for (std::size_t i = 0; i < pending.size() && open > 0; ++i) {
    Pending& p = pending[i];
    if (p.done) continue;
    p.first_sent = clock.Now();
    auto sent = socket.Send(p.query);
    if (sent.ok()) continue;
    if (sent.error().kind == io::ErrorKind::kRefused) {
      unreachable();
      break;
    }
    p.done = true;
    --open;
    result.queries[i].outcome = "error";
    result.queries[i].detail = sent.error().message;
  }

  for (int guard = 0; open > 0 && guard < 1000000; ++guard) {
    if (cancel.load()) {
      finish_all("error", "stopped before an answer came");
      break;
    }
    TimePoint now = clock.Now();
    TimePoint next_event = TimePoint::max();
    for (std::size_t i = 0; i < pending.size(); ++i) {
      Pending& p = pending[i];
      if (p.done) continue;
      TimePoint give_up = p.first_sent + timing.give_up_after;
      if (now >= give_up) {
        p.done = true;
        --open;
        DnsQuery& q = result.queries[i];
        q.rtt_ms = io::MillisecondsBetween(p.first_sent, now);
        if (ignored > 0) {
          q.outcome = "error";
          q.detail = "no valid answer within " + util::FormatFixed(q.rtt_ms, 0) + " ms; " +
                     std::to_string(ignored) + " unusable datagram(s) received (" + ignored_detail +
                     ")";
        } else {
          q.outcome = "timeout";
          q.detail = "no answer within " + util::FormatFixed(q.rtt_ms, 0) + " ms" +
                     (p.retried ? " (sent twice)" : "");
        }
        continue;
      }
      if (!p.retried && now >= p.first_sent + timing.retry_after) {
        p.retried = true;
        auto resent = socket.Send(p.query);  // other failures end as a timeout
        if (!resent.ok() && resent.error().kind == io::ErrorKind::kRefused) {
          unreachable();
          break;
        }
      }
      next_event = std::min(next_event, p.retried ? give_up : p.first_sent + timing.retry_after);
    }
    if (open == 0) break;
    auto received = socket.Receive(std::min(next_event, now + timing.slice));
    if (!received.ok()) {
      if (received.error().kind == io::ErrorKind::kRefused)
        unreachable();
      else
        finish_all("error", received.error().message);
      break;
    }
    if (!*received) continue;
    const auto& datagram = **received;
    auto answer = wire::ParseDnsMessage(datagram);
    bool matched = false;
    if (answer && answer->is_response) {
      for (std::size_t i = 0; i < pending.size(); ++i) {
        Pending& p = pending[i];
        if (p.done || p.id != answer->id) continue;
        // The question must echo ours (a missing question section is
        // tolerated: some servers omit it in errors).
        if (!answer->questions.empty() &&
            !wire::DnsNamesEqual(answer->questions.front().name, names[i]))
          continue;
        DnsQuery& q = result.queries[i];
        q.rtt_ms = io::MillisecondsBetween(p.first_sent, clock.Now());
        Classify(*answer, q);
        if (p.retried && q.detail.empty()) q.detail = "answered after a resend";
        p.done = true;
        --open;
        matched = true;
        break;
      }
    }
    bool duplicate = false;  // a second answer to a query we resent
    if (answer && answer->is_response)
      for (const auto& p : pending) duplicate = duplicate || (p.done && p.id == answer->id);
    if (!matched && !duplicate) {
      ++ignored;
      ignored_detail = !answer                ? std::to_string(datagram.size()) + " bytes, not DNS"
                       : !answer->is_response ? "not a response"
                                              : "id " + std::to_string(answer->id) + " unknown";
    }
  }
  return result;
}

DnsProbeOutcome RunDnsProbe(io::System& system, const std::vector<model::Resolver>& resolvers,
                            const std::vector<std::string>& names, const DnsTiming& timing,
                            const std::atomic<bool>& cancel) {
  DnsProbeOutcome out;
  out.results.resize(resolvers.size());
  std::vector<std::thread> threads;
  std::random_device seed;
  for (std::size_t i = 0; i < resolvers.size(); ++i) {
    if (i >= kMaxResolvers) {
      model::DnsResult r{resolvers[i].address, resolvers[i].source, {}};
      for (const auto& name : names)
        r.queries.push_back(
            {name,
             "A",
             "error",
             "",
             {},
             0,
             "not asked: more than " + std::to_string(kMaxResolvers) + " resolvers"});
      out.results[i] = std::move(r);
      continue;
    }
    std::uint32_t thread_seed = seed();
    auto ask = [&, i, thread_seed] {
      std::mt19937 random(thread_seed);
      auto next_id = [&] { return static_cast<std::uint16_t>(random()); };
      auto socket = system.OpenUdpSocket(resolvers[i].address, 53);
      if (!socket.ok()) {
        model::DnsResult r{resolvers[i].address, resolvers[i].source, {}};
        for (const auto& name : names)
          r.queries.push_back({name, "A", "error", "", {}, 0, socket.error().message});
        out.results[i] = std::move(r);
        return;
      }
      out.results[i] =
          QueryResolver(**socket, system.clock(), resolvers[i], names, timing, cancel, next_id);
    };
    try {
      threads.emplace_back(ask);
    } catch (const std::system_error&) {
      ask();  // no thread to be had: ask this one here, in turn
    }
  }
  for (auto& t : threads) t.join();
  out.cancelled = cancel.load();

  int ok = 0, total = 0, answering = 0;
  for (const auto& r : out.results) {
    bool any = false;
    for (const auto& q : r.queries) {
      ++total;
      if (q.outcome == "ok") ++ok;
      if (q.outcome != "timeout" && q.outcome != "error") any = true;
    }
    if (any) ++answering;
  }
  out.record = Record("dns", model::ProbeStatus::kOk,
                      std::to_string(resolvers.size()) + " resolvers (" +
                          std::to_string(answering) + " answering), " + std::to_string(ok) + "/" +
                          std::to_string(total) + " queries resolved");
  if (resolvers.empty()) out.record.reason = "no resolvers to ask";
  return out;
}

namespace {

class DnsLanProbe final : public LanProbe {
 public:
  const char* id() const override { return "dns"; }

  std::optional<model::ProbeRecord> Precheck(const LanContext& context) const override {
    if (context.base.resolvers.empty())
      return Record(id(), model::ProbeStatus::kSkipped, "no resolvers to ask");
    return std::nullopt;
  }

  void Run(const LanContext& context) override {
    outcome_ = RunDnsProbe(context.system, context.base.resolvers, context.options.dns_names,
                           context.tuning.dns, context.cancel);
  }

  model::ProbeRecord Finish(const LanStop& stop, model::Snapshot* snapshot, DeviceTable*) override {
    model::ProbeRecord record = outcome_.record;
    if (outcome_.cancelled) {
      record.status = model::ProbeStatus::kFailed;
      record.reason = stop.reason;
    }
    snapshot->measurements.dns = outcome_.results;
    return record;
  }

 private:
  DnsProbeOutcome outcome_;
};

}  // namespace

std::unique_ptr<LanProbe> MakeDnsProbe() {
  return std::make_unique<DnsLanProbe>();
}

}  // namespace netfix::probe
