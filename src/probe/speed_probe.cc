// The internet leg (speed) and the home leg (peer). Both plan their time
// the same way: the whole leg, idle round trips included, fits into
// --load-duration and ends before the global deadline (probe/load_leg.h).
#include "probe/speed_probe.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "inventory/build.h"
#include "io/peer_server.h"
#include "probe/link_phase.h"
#include "probe/load_leg.h"
#include "probe/record.h"
#include "profile/profile.h"
#include "wire/addr.h"
#include "wire/upnp_url.h"

namespace netfix::probe {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kConnectTimeout{3000};
// The leg ends this long before the global deadline, so that the scan can
// still assemble the snapshot.
constexpr milliseconds kDeadlineMargin{500};
// Each download request of the peer: more than a second at 1 Gbit/s; a
// stream asks again when it is done before the time is up.
constexpr long long kPeerDownloadBytes = 1LL << 30;
constexpr std::size_t kMaxVersionLength = 40;

io::TimePoint LegEnd(const LinkContext& context) {
  io::TimePoint now = context.system.clock().Now();
  return std::min(now + context.options.load_duration, context.deadline - kDeadlineMargin);
}

// "host" or "host:port" as a URL names the server (the port only when it is
// not the scheme's default).
std::string ServerOf(const wire::HttpUrl& url) {
  std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  int standard = url.scheme == "https" ? 443 : 80;
  return url.port == standard ? host : host + ":" + std::to_string(url.port);
}

bool IsIpv4(const std::string& text) {
  return wire::ParseIpv4(text).has_value();
}

// A peer's version is text from the network: printable ASCII, bounded.
std::string CleanVersion(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= kMaxVersionLength) break;
    if (c > 0x20 && c < 0x7f) out += c;
  }
  return out;
}

model::Transfer NotRun(const char* direction, const std::string& url, int streams,
                       const std::string& error) {
  model::Transfer t;
  t.direction = direction;
  t.url = url;
  t.streams = streams;
  t.status = "failed";
  t.error = error;
  return t;
}

}  // namespace

std::string PeerAddress::ToString() const {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

std::optional<PeerAddress> ParsePeerAddress(std::string_view text, int default_port) {
  if (text.empty() || text.size() > 255) return std::nullopt;
  PeerAddress out{"", default_port};
  std::string_view port;
  if (text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(text.substr(1, close - 1));
    if (!wire::ParseIpv6(out.host)) return std::nullopt;
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else if (std::count(text.begin(), text.end(), ':') > 1) {
    out.host = std::string(text);  // a bare IPv6 address
    if (!wire::ParseIpv6(out.host)) return std::nullopt;
  } else {
    std::size_t colon = text.find(':');
    out.host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = text.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    if (out.host.empty()) return std::nullopt;
    for (char c : out.host)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
        return std::nullopt;
  }
  if (!port.empty()) {
    if (port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    out.port = std::stoi(std::string(port));
    if (out.port < 1 || out.port > 65535) return std::nullopt;
  }
  return out;
}

model::ProbeRecord RunSpeedProbe(const LinkContext& context, model::Snapshot* snapshot) {
  // The user's server, else the one the router's profile names (its
  // provider's); otherwise nobody is contacted.
  ScanOptions o = context.options;
  std::string source = "option";
  if (o.speed_url.empty() && o.upload_url.empty()) {
    auto named =
        profile::RouterSpeedServer(inventory::Build(*snapshot), profile::ProfileDb::Builtin());
    if (!named)
      return Record("speed", model::ProbeStatus::kSkipped,
                    "no --speed-url given and the router's profile names no speed test server "
                    "(netfix contacts no speed server unless told)");
    o.speed_url = named->speed_url;
    o.upload_url = named->upload_url;
    source = "profile:" + named->profile_id;
  }
  model::SpeedTest test;
  test.leg = "internet";
  test.source = source;
  const io::TimePoint end = LegEnd(context);
  const std::string& first_url = o.speed_url.empty() ? o.upload_url : o.speed_url;
  auto fail = [&](const std::string& error) {
    test.error = error;
    if (!o.speed_url.empty())
      test.transfers.push_back(NotRun("download", o.speed_url, o.streams, error));
    if (!o.upload_url.empty())
      test.transfers.push_back(NotRun("upload", o.upload_url, o.streams, error));
    snapshot->measurements.speed.push_back(test);
    return Record("speed", model::ProbeStatus::kFailed, error);
  };
  auto url = wire::ParseHttpUrl(first_url);
  if (!url) return fail("not an http:// or https:// URL: " + first_url);
  test.server = ServerOf(*url);

  context.progress("speed: connecting");
  auto endpoint = context.system.MakeLoadGenerator()->Connect(first_url, kConnectTimeout);
  if (!endpoint.ok()) return fail("cannot reach " + test.server + ": " + endpoint.error().message);

  LegPlan plan;
  plan.download_url = o.speed_url;
  plan.upload_url = o.upload_url;
  // Round trips go to the address the transfers use; IPv4 only (round_trip.h).
  if (IsIpv4(endpoint->ip)) plan.target = endpoint->ip;
  plan.method = o.ping_method == "auto" ? "icmp" : o.ping_method;
  plan.port = plan.method == "tcp" ? endpoint->port : 0;
  if (plan.method != "tcp") {
    plan.fallback_method = "tcp";
    plan.fallback_port = endpoint->port;
  }
  plan.streams = o.streams;
  plan.end = end;
  plan.label = "speed";
  RunLeg(context, plan, &test);
  if (plan.target.empty() && !endpoint->ip.empty())
    test.latency_target = endpoint->ip;  // named, not measured (IPv6)
  std::string summary;
  model::ProbeStatus status = LegStatus(test, &summary);
  snapshot->measurements.speed.push_back(std::move(test));
  return Record("speed", status, summary);
}

model::ProbeRecord RunPeerProbe(const LinkContext& context, model::Snapshot* snapshot) {
  const ScanOptions& o = context.options;
  if (o.peer.empty())
    return Record(
        "peer", model::ProbeStatus::kSkipped,
        "no --peer given (run `netfix serve` on a second machine to measure the home leg)");
  model::SpeedTest test;
  test.leg = "home";
  test.source = "peer";
  const io::TimePoint end = LegEnd(context);
  auto peer = ParsePeerAddress(o.peer, io::kPeerServerPort);
  auto fail = [&](const std::string& error, const std::string& hint) {
    test.error = error;
    snapshot->measurements.speed.push_back(test);
    return Record("peer", model::ProbeStatus::kFailed, error, hint);
  };
  if (!peer) return fail("not HOST[:PORT]: " + o.peer, "");
  test.server = peer->ToString();
  const std::string base = "http://" + test.server;

  // netfix serve answers GET / with {"service":"netfix-serve",...}.
  context.progress("peer: connecting");
  io::HttpLimits limits{milliseconds(2000), milliseconds(3000), 4096, nullptr};
  io::HttpResponse response = context.system.MakeHttpClient()->Get(base + "/", limits);
  if (!response.ok())
    return fail(test.server + " did not answer: " + response.error_message,
                "start `netfix serve` on the other machine and let TCP and UDP port " +
                    std::to_string(peer->port) + " through its firewall");
  nlohmann::json info = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (response.status != 200 || info.is_discarded() || !info.is_object() ||
      !info.contains("service") || info["service"] != io::kPeerServiceName)
    return fail(test.server + " is not netfix serve",
                "check the address and port; `netfix serve` prints the command to run here");
  if (info.contains("version") && info["version"].is_string())
    test.peer_version = CleanVersion(info["version"].get<std::string>());

  std::string ip = peer->host;
  if (!IsIpv4(ip)) {
    auto endpoint = context.system.MakeLoadGenerator()->Connect(base + "/", kConnectTimeout);
    ip = endpoint.ok() && IsIpv4(endpoint->ip) ? endpoint->ip : "";
  }
  LegPlan plan;
  plan.download_url = base + "/download?bytes=" + std::to_string(kPeerDownloadBytes);
  plan.upload_url = base + "/upload";
  plan.target = ip;
  plan.method = "udp-echo";
  plan.port = peer->port;
  plan.fallback_method = "icmp";
  plan.streams = o.streams;
  plan.end = end;
  plan.label = "peer";
  LegOutcome outcome = RunLeg(context, plan, &test);

  // The home leg's latency, jitter and loss, from the idle round trips.
  if (test.idle_sent > 0) {
    model::PingResult ping;
    ping.target = ip;
    ping.role = "peer";
    ping.method = test.latency_method;
    ping.port = test.latency_port;
    ping.sent = test.idle_sent;
    ping.received = static_cast<int>(test.idle_rtt_ms.size());
    ping.rtt_ms = test.idle_rtt_ms;
    ping.note = outcome.idle_note;
    ping.interval_ms = outcome.idle_interval_ms;
    ping.name = "netfix serve" + (test.peer_version.empty() ? "" : " " + test.peer_version);
    snapshot->measurements.ping.push_back(std::move(ping));
  }
  std::string summary;
  model::ProbeStatus status = LegStatus(test, &summary);
  snapshot->measurements.speed.push_back(std::move(test));
  return Record("peer", status, summary);
}

}  // namespace netfix::probe
