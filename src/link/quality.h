// Link quality from the snapshot's raw measurements: summary statistics of
// round trips, throughput and responsiveness per speed-test leg, the
// bufferbloat grade, and what each receiver needs against what its path
// delivers. Pure functions: the checks and the report read the same numbers,
// so a check's finding and the report's table can never disagree.
//
// Sources (../shared/reference/field-research.md §4.3, §4.4):
//  - bufferbloat grade bands: DSLReports, https://www.dslreports.com/faq/17930
//    (the same bands Waveform's and the LibreQoS test pages use); other tools
//    grade more leniently, e.g. v.recipes: A+ < 15, A < 50, B < 100, C < 300,
//    D < 500, F > 500 ms (https://v.recipes/bufferbloat/), so one line can get
//    different letters from different tests;
//  - RPM: draft-ietf-ippm-responsiveness (see Rpm() for how netfix simplifies it);
//  - jitter: RFC 3550 §6.4.1 interarrival jitter, without its 1/16 smoothing;
//  - stream rates: MagentaTV, SD 4 / HD 9 / UHD 28 Mbit/s per stream.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/inventory.h"
#include "model/snapshot.h"

namespace netfix::profile {
class ProfileDb;
}  // namespace netfix::profile

namespace netfix::link {

// ---- round trips -----------------------------------------------------------

/// Median (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> Median(std::vector<double> values);
std::optional<double> Mean(const std::vector<double>& values);
/// The p-th percentile (0 < p <= 100) by the nearest-rank method: the
/// smallest value with at least p % of the values at or below it.
std::optional<double> Percentile(std::vector<double> values, double p);
/// Mean absolute difference of consecutive round trips: RFC 3550's
/// interarrival jitter without the 1/16 smoothing, which would make the
/// value depend on how many samples came before. Lost replies are skipped
/// (the replies that came are consecutive). nullopt with fewer than two.
std::optional<double> Jitter(const std::vector<double>& rtt_ms);

struct RttSummary {
  int sent = 0;
  int received = 0;
  int lost = 0;         ///< sent - received, never negative
  double loss_pct = 0;  ///< 0 when nothing was sent
  std::optional<double> min_ms;
  std::optional<double> median_ms;
  std::optional<double> mean_ms;
  std::optional<double> p90_ms;
  std::optional<double> max_ms;
  std::optional<double> jitter_ms;
};

/// `sent` requests that got the replies `rtt_ms`.
RttSummary Summarize(const std::vector<double>& rtt_ms, int sent);
RttSummary Summarize(const model::PingResult& ping);

/// Where a round-trip target is, for thresholds: "lan" (the router, the
/// peer, a resolver in the home), "receiver", or "internet" (the internet
/// target, a resolver outside the home).
std::string Scope(const model::Snapshot& snapshot, const model::PingResult& ping);
/// The round-trip results, one per role and target: when two probes measured
/// the same target (gateway-ping and latency), the one with more requests.
std::vector<const model::PingResult*> RoundTrips(const model::Snapshot& snapshot);
/// The round trips to the default gateway (the most requests), or nullptr.
const model::PingResult* GatewayPing(const model::Snapshot& snapshot);
/// The target's name for a reader: the probe's name for it, else the
/// device's name in the inventory, else the address.
std::string TargetName(const model::PingResult& ping, const inventory::Inventory& inventory);
/// "LG OLED55C1 (192.168.1.30)", or the address alone when it has no name.
std::string Who(const model::PingResult& ping, const inventory::Inventory& inventory);

// ---- throughput and responsiveness -------------------------------------------

/// Bufferbloat grade of the latency a load adds (DSLReports bands):
/// A+ < 5 ms, A < 30, B < 60, C < 200, D < 400, F >= 400.
enum class Grade { kAPlus, kA, kB, kC, kD, kF };

const char* ToString(Grade grade);  ///< "A+", "A", "B", "C", "D", "F"
Grade BufferbloatGrade(double added_ms);
/// The upper bound of `grade`'s band in ms (exclusive); F has none (nullopt).
std::optional<double> GradeUpperBound(Grade grade);
/// Where the bands come from, for reports.
inline constexpr const char* kGradeSource = "https://www.dslreports.com/faq/17930";

/// Round trips per minute under working conditions, from the loaded round
/// trip in ms: RPM = 60000 / loaded RTT.
///
/// draft-ietf-ippm-responsiveness measures with HTTP/2 and HTTP/3 probes,
/// both on separate connections ("foreign") and on the loaded connections
/// themselves ("self"), counts the TCP and TLS handshakes and the HTTP
/// request in each probe, and takes a trimmed mean while it ramps the load
/// until it saturates. netfix simplifies: the loaded round trip is the
/// median of the round trips of one foreign flow (ICMP, UDP or TCP connect,
/// as the latency probe measured) during a fixed number of parallel
/// transfers in one direction at a time. So netfix's RPM reads higher than
/// Apple's networkQuality or goresponsiveness on the same line: no
/// handshakes are counted. It is for comparing directions, legs and before
/// and after a fix, not for comparing with other tools.
std::optional<double> Rpm(std::optional<double> loaded_ms);

/// One direction of a SpeedTest, summarised.
struct DirectionQuality {
  std::string direction;  ///< "download" | "upload"
  std::string status;     ///< the transfer's: "ok", "partial", "failed"
  std::string error;
  /// Goodput; nullopt when the transfer failed or moved nothing.
  std::optional<double> mbit_s;
  int loaded_samples = 0;
  int loaded_sent = 0;
  std::optional<double> loaded_ms;  ///< median round trip under this load
  std::optional<double> added_ms;   ///< loaded - idle, never below 0
  std::optional<double> rpm;
  std::optional<Grade> grade;
};

struct SpeedSummary {
  std::string leg;  ///< "internet" | "home"
  std::string server;
  std::string error;  ///< the test could not start
  int idle_samples = 0;
  std::optional<double> idle_ms;  ///< median idle round trip
  std::optional<DirectionQuality> download;
  std::optional<DirectionQuality> upload;
  /// The worse direction (the more added latency), as DSLReports grades by
  /// both directions; "" when neither has loaded round trips.
  std::string worse_direction;
  std::optional<double> added_ms;
  std::optional<double> loaded_ms;
  std::optional<double> rpm;
  std::optional<Grade> grade;
};

SpeedSummary Summarize(const model::SpeedTest& test);

/// The first speed test of `leg` ("internet" | "home"), or nullptr.
const model::SpeedTest* FindLeg(const model::Snapshot& snapshot, std::string_view leg);
/// The goodput of the first transfer in `direction` that moved data.
std::optional<double> Mbit(const model::SpeedTest& test, std::string_view direction);
/// "192.168.1.20:8377" -> "192.168.1.20"; "[fd00::2]:8377" -> "fd00::2".
std::string HostOf(const std::string& server);

// ---- receivers -------------------------------------------------------------------

/// Mbit/s per stream class (the receiver-bandwidth-insufficient check's
/// parameters, so that the check and the report use the same numbers).
struct StreamRates {
  double sd = 4;
  double hd = 9;
  double uhd = 28;
  double audio = 1.5;
  double Of(std::string_view stream_class) const;
};

/// The rates from the receiver-bandwidth-insufficient check's parameters
/// (sd-mbit, hd-mbit, uhd-mbit, audio-mbit); a missing one keeps its default.
StreamRates RatesFrom(const std::map<std::string, double>& params);
inline constexpr const char* kRatesCheck = "receiver-bandwidth-insufficient";
/// "1 × UHD", "2 × HD".
std::string StreamsLabel(const std::string& stream_class, int parallel);

/// One receiver's path: what it needs, what each leg delivered, which limits.
struct ReceiverPath {
  const inventory::Device* device = nullptr;
  std::string ip;
  std::string name;
  std::string stream_class;  ///< "sd" | "hd" | "uhd" | "audio"
  int parallel = 1;
  bool from_profile = false;  ///< false: the default (one HD stream)
  double need_mbit = 0;
  /// The streams come from the home (a Sat>IP server's dish), not the
  /// internet: the internet leg does not count.
  bool home_source = false;
  std::optional<double> internet_mbit;  ///< internet-leg download (when it counts)
  std::optional<double> home_mbit;      ///< home-leg download, when the peer is this receiver
  std::optional<double> available_mbit;
  std::string limit;  ///< "internet" | "home" | "" (nothing measured)
  /// Round trips to this receiver (latency probe, role "receiver").
  std::optional<RttSummary> path;
};

/// The receivers of the inventory (role receiver, confidence >= `min_confidence`,
/// with an IPv4 address), in inventory order.
std::vector<ReceiverPath> AssessReceivers(const model::Snapshot& snapshot,
                                          const inventory::Inventory& inventory,
                                          const profile::ProfileDb& profiles,
                                          const StreamRates& rates, double min_confidence);

/// The stream class in a reader's words: "SD", "HD", "UHD", "Audio".
std::string StreamLabel(std::string_view stream_class);

/// A measured value for a finding's text, language-neutral: one decimal
/// below 10 unless it is whole ("8.1", "0.4", "2"), none from 10 on ("62",
/// "149"): more digits than the measurement's precision only distract.
std::string Short(double value);

// ---- check skip reasons (English, stable; the report translates them) ---------

inline constexpr const char* kNoSpeedTest =
    "neither the internet leg (--speed-url) nor the home leg (--peer) was measured";
inline constexpr const char* kNoLoadedRoundTrips =
    "the speed tests measured too few round trips while idle and under load to grade them";
inline constexpr const char* kNoThroughput = "the speed test moved no data";
inline constexpr const char* kNoIgmpTest =
    "the IGMP querier test did not join and leave a group, so it could not listen for an answer";
inline constexpr const char* kNoReceivers = "no TV or receiver was found on the network";
inline constexpr const char* kNoReceiverMeasurements =
    "neither the throughput to a receiver's path nor the round trips to a receiver were measured";

}  // namespace netfix::link
