#include "link/quality.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "profile/profile.h"

namespace netfix::link {

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::optional<double> Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

std::optional<double> Percentile(std::vector<double> values, double p) {
  if (values.empty() || !(p > 0) || p > 100) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

std::optional<double> Jitter(const std::vector<double>& rtt_ms) {
  if (rtt_ms.size() < 2) return std::nullopt;
  double sum = 0;
  for (size_t i = 1; i < rtt_ms.size(); ++i) sum += std::fabs(rtt_ms[i] - rtt_ms[i - 1]);
  return sum / static_cast<double>(rtt_ms.size() - 1);
}

RttSummary Summarize(const std::vector<double>& rtt_ms, int sent) {
  RttSummary s;
  s.sent = std::max(sent, 0);
  s.received = static_cast<int>(rtt_ms.size());
  s.lost = std::max(s.sent - s.received, 0);
  s.loss_pct = s.sent > 0 ? 100.0 * s.lost / s.sent : 0;
  if (!rtt_ms.empty()) {
    s.min_ms = *std::min_element(rtt_ms.begin(), rtt_ms.end());
    s.max_ms = *std::max_element(rtt_ms.begin(), rtt_ms.end());
  }
  s.median_ms = Median(rtt_ms);
  s.mean_ms = Mean(rtt_ms);
  s.p90_ms = Percentile(rtt_ms, 90);
  s.jitter_ms = Jitter(rtt_ms);
  return s;
}

RttSummary Summarize(const model::PingResult& ping) {
  // The replies are what was measured; a snapshot from elsewhere may claim
  // fewer requests than replies.
  return Summarize(ping.rtt_ms, std::max(ping.sent, static_cast<int>(ping.rtt_ms.size())));
}

std::string Scope(const model::Snapshot& snapshot, const model::PingResult& ping) {
  if (ping.role == "receiver") return "receiver";
  if (ping.role == "gateway" || ping.role == "peer") return "lan";
  if (ping.role == "resolver" &&
      (ping.target == snapshot.default_gateway || !snapshot.FindDevicesByIp(ping.target).empty()))
    return "lan";
  return "internet";
}

std::vector<const model::PingResult*> RoundTrips(const model::Snapshot& snapshot) {
  std::vector<const model::PingResult*> results;
  for (const auto& ping : snapshot.measurements.ping) {
    auto same = std::find_if(results.begin(), results.end(), [&](const model::PingResult* r) {
      return r->role == ping.role && r->target == ping.target;
    });
    if (same == results.end())
      results.push_back(&ping);
    else if (ping.sent > (*same)->sent)
      *same = &ping;
  }
  return results;
}

const model::PingResult* GatewayPing(const model::Snapshot& snapshot) {
  for (const auto* ping : RoundTrips(snapshot))
    if (ping->role == "gateway" && ping->sent > 0) return ping;
  return nullptr;
}

std::string TargetName(const model::PingResult& ping, const inventory::Inventory& inventory) {
  if (!ping.name.empty()) return ping.name;
  if (const auto* device = inventory.FindByIp(ping.target)) return device->DisplayName();
  return ping.target;
}

std::string Who(const model::PingResult& ping, const inventory::Inventory& inventory) {
  std::string name = TargetName(ping, inventory);
  return name == ping.target ? name : name + " (" + ping.target + ")";
}

// ---- throughput and responsiveness -------------------------------------------

namespace {

struct Band {
  Grade grade;
  double below_ms;
};

// DSLReports, https://www.dslreports.com/faq/17930 (field-research.md §4.3).
constexpr Band kBands[] = {
    {Grade::kAPlus, 5}, {Grade::kA, 30}, {Grade::kB, 60}, {Grade::kC, 200}, {Grade::kD, 400}};

}  // namespace

const char* ToString(Grade grade) {
  switch (grade) {
    case Grade::kAPlus: return "A+";
    case Grade::kA: return "A";
    case Grade::kB: return "B";
    case Grade::kC: return "C";
    case Grade::kD: return "D";
    case Grade::kF: break;
  }
  return "F";
}

Grade BufferbloatGrade(double added_ms) {
  for (const Band& band : kBands)
    if (added_ms < band.below_ms) return band.grade;
  return Grade::kF;
}

std::optional<double> GradeUpperBound(Grade grade) {
  for (const Band& band : kBands)
    if (band.grade == grade) return band.below_ms;
  return std::nullopt;
}

std::optional<double> Rpm(std::optional<double> loaded_ms) {
  if (!loaded_ms || !(*loaded_ms > 0)) return std::nullopt;
  return 60000.0 / *loaded_ms;
}

namespace {

DirectionQuality SummarizeTransfer(const model::Transfer& t, std::optional<double> idle_ms) {
  DirectionQuality d;
  d.direction = t.direction;
  d.status = t.status;
  d.error = t.error;
  if (t.status != "failed" && t.bytes > 0 && t.mbit_s > 0) d.mbit_s = t.mbit_s;
  d.loaded_samples = static_cast<int>(t.loaded_rtt_ms.size());
  d.loaded_sent = t.loaded_sent;
  d.loaded_ms = Median(t.loaded_rtt_ms);
  d.rpm = Rpm(d.loaded_ms);
  if (d.loaded_ms && idle_ms) {
    d.added_ms = std::max(0.0, *d.loaded_ms - *idle_ms);
    d.grade = BufferbloatGrade(*d.added_ms);
  }
  return d;
}

}  // namespace

SpeedSummary Summarize(const model::SpeedTest& test) {
  SpeedSummary s;
  s.leg = test.leg;
  s.server = test.server;
  s.error = test.error;
  s.idle_samples = static_cast<int>(test.idle_rtt_ms.size());
  s.idle_ms = Median(test.idle_rtt_ms);
  for (const auto& t : test.transfers) {
    auto& slot = t.direction == "upload" ? s.upload : s.download;
    if (t.direction != "upload" && t.direction != "download") continue;
    if (!slot) slot = SummarizeTransfer(t, s.idle_ms);
  }
  for (const auto* d : {s.download ? &*s.download : nullptr, s.upload ? &*s.upload : nullptr}) {
    if (d == nullptr || !d->added_ms) continue;
    if (!s.added_ms || *d->added_ms > *s.added_ms) {
      s.worse_direction = d->direction;
      s.added_ms = d->added_ms;
      s.loaded_ms = d->loaded_ms;
      s.rpm = d->rpm;
      s.grade = d->grade;
    }
  }
  return s;
}

const model::SpeedTest* FindLeg(const model::Snapshot& snapshot, std::string_view leg) {
  for (const auto& test : snapshot.measurements.speed)
    if (test.leg == leg) return &test;
  return nullptr;
}

std::optional<double> Mbit(const model::SpeedTest& test, std::string_view direction) {
  for (const auto& t : test.transfers)
    if (t.direction == direction && t.status != "failed" && t.bytes > 0 && t.mbit_s > 0)
      return t.mbit_s;
  return std::nullopt;
}

std::string HostOf(const std::string& server) {
  if (!server.empty() && server.front() == '[') {
    auto close = server.find(']');
    return close == std::string::npos ? server.substr(1) : server.substr(1, close - 1);
  }
  // One colon: host:port. More: a bare IPv6 address.
  auto colon = server.find(':');
  if (colon != std::string::npos && server.find(':', colon + 1) == std::string::npos)
    return server.substr(0, colon);
  return server;
}

// ---- receivers -------------------------------------------------------------------

double StreamRates::Of(std::string_view stream_class) const {
  if (stream_class == "sd") return sd;
  if (stream_class == "uhd") return uhd;
  if (stream_class == "audio") return audio;
  return hd;
}

StreamRates RatesFrom(const std::map<std::string, double>& params) {
  StreamRates rates;
  auto take = [&](const char* key, double* value) {
    if (auto it = params.find(key); it != params.end() && it->second > 0) *value = it->second;
  };
  take("sd-mbit", &rates.sd);
  take("hd-mbit", &rates.hd);
  take("uhd-mbit", &rates.uhd);
  take("audio-mbit", &rates.audio);
  return rates;
}

std::string StreamsLabel(const std::string& stream_class, int parallel) {
  return std::to_string(parallel) + " × " + StreamLabel(stream_class);
}

std::string StreamLabel(std::string_view stream_class) {
  if (stream_class == "audio") return "Audio";
  std::string label(stream_class);
  for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return label;
}

std::vector<ReceiverPath> AssessReceivers(const model::Snapshot& snapshot,
                                          const inventory::Inventory& inventory,
                                          const profile::ProfileDb& profiles,
                                          const StreamRates& rates, double min_confidence) {
  const model::SpeedTest* internet = FindLeg(snapshot, "internet");
  const model::SpeedTest* home = FindLeg(snapshot, "home");
  std::optional<double> internet_mbit = internet ? Mbit(*internet, "download") : std::nullopt;

  std::vector<ReceiverPath> paths;
  for (const auto& device : inventory.devices) {
    if (device.is_self || device.role.role != inventory::Role::kReceiver ||
        device.role.confidence < min_confidence || device.ipv4.empty())
      continue;
    ReceiverPath path;
    path.device = &device;
    path.ip = device.ipv4.front();
    path.name = device.DisplayName();
    path.stream_class = "hd";  // one HD stream unless the profile knows better
    const profile::Profile* p =
        device.profile_id.empty() ? nullptr : profiles.Find(device.profile_id);
    if (p && p->streams) {
      path.stream_class = p->streams->stream_class;
      path.parallel = p->streams->parallel;
      path.from_profile = true;
    }
    path.home_source = p && p->receiver_kind == "satip";
    path.need_mbit = rates.Of(path.stream_class) * path.parallel;

    if (!path.home_source) path.internet_mbit = internet_mbit;
    if (home) {
      const std::string peer = HostOf(home->server);
      if (std::find(device.ipv4.begin(), device.ipv4.end(), peer) != device.ipv4.end())
        path.home_mbit = Mbit(*home, "download");
    }
    if (path.internet_mbit && (!path.home_mbit || *path.internet_mbit <= *path.home_mbit)) {
      path.available_mbit = path.internet_mbit;
      path.limit = "internet";
    } else if (path.home_mbit) {
      path.available_mbit = path.home_mbit;
      path.limit = "home";
    }

    for (const auto& ping : snapshot.measurements.ping) {
      if (ping.role != "receiver" || ping.sent == 0) continue;
      if (std::find(device.ipv4.begin(), device.ipv4.end(), ping.target) == device.ipv4.end())
        continue;
      path.path = Summarize(ping);
      break;
    }
    paths.push_back(std::move(path));
  }
  return paths;
}

std::string Short(double value) {
  char buffer[32];
  bool whole = std::fabs(value - std::round(value)) < 0.05;
  std::snprintf(buffer, sizeof buffer, "%.*f", value < 10 && !whole ? 1 : 0, value);
  return buffer;
}

}  // namespace netfix::link
