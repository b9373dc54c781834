// The report view: everything a report says, in the order it says it, with
// the language already applied. Every renderer (text, JSON, Markdown, HTML)
// reads only this, so the formats cannot drift apart: a fact added here
// shows up in all of them or fails their tests.
//
// Strings from the snapshot are stored raw here; each renderer escapes them
// for its format (see sanitize.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "model/finding.h"
#include "model/lang.h"
#include "model/snapshot.h"
#include "report/link_view.h"
#include "report/report.h"
#include "report/rich_text.h"
#include "report/wifi_view.h"

namespace netfix::report {

struct EvidenceView {
  std::string probe;
  std::string what;
  std::string value;
};

struct FindingView {
  std::string check;
  model::Severity severity = model::Severity::kWarning;
  std::string area;
  std::string subject;
  std::string variant;  ///< which variant of the check's texts ("" = the plain ones)
  std::string title;    ///< one line, from the catalog (the check id if the catalog lacks it)
  RichText found;       ///< filled with the finding's params
  RichText why;
  RichText customer;
  RichText technician;
  RichText effect;  ///< what gets better once it is fixed
  std::map<std::string, std::string> params;
  std::vector<EvidenceView> evidence;
  /// For a suppressed finding: the check whose finding explains it, and its title.
  std::string explained_by;
  std::string explained_by_title;
  /// The device the finding is about (inventory key, "" = none) and, when a
  /// profile knows it, the steps on that device's own menus.
  std::string device;
  std::string device_name;           ///< "AVM FRITZ!Box 7590"
  std::string profile;               ///< profile id, "" when no steps
  std::string admin_url;             ///< "http://fritz.box", "" when unknown
  RichText device_steps;             ///< empty when the profile has none for this check
  std::string device_steps_heading;  ///< "On your AVM FRITZ!Box 7590"
  /// Breadth, for the fix order (see OrderByImpact): how many rooms or
  /// devices the finding's check affects; kWholeHome when it is about
  /// something every device depends on (the line, the router, a Wi-Fi).
  int reach = 0;
  static constexpr int kWholeHome = 1 << 20;
};

/// Sorts findings by impact, most important first: severity, then area
/// (internet, home network, Wi-Fi, TV, devices: without internet nothing
/// else matters much; a device problem hurts one device), then breadth
/// (`reach`), then check id and subject so that equal findings keep a
/// stable order. Follow-on problems are a separate list and come after.
void OrderByImpact(std::vector<FindingView>* findings);

/// A check and what became of it.
struct CheckView {
  std::string id;
  std::string title;
  model::CheckOutcome outcome = model::CheckOutcome::kPassed;
  std::string reason;       ///< as the runner wrote it (English, stable: JSON)
  std::string reason_text;  ///< for the reader, in the report's language
  int findings = 0;
};

/// The traffic light of one report area: red (an error), yellow (a
/// warning), green (its checks ran and found at most notes), grey (none of
/// its checks could run). Follow-on problems count in their own area: DNS
/// that fails because the router is down still means "no internet".
enum class Light { kRed, kYellow, kGreen, kGrey };

/// "error", "warning", "ok", "not-checked": the stable ids in JSON.
const char* LightId(Light light);
/// "✖", "▲", "●", "○": tells the lights apart without color (and in print).
const char* LightMark(Light light);

struct AreaLight {
  std::string id;     ///< catalog area: internet, network, wifi, devices, tv
  std::string label;  ///< "Home network" / "Heimnetz"
  Light light = Light::kGrey;
  std::string status;  ///< "ok" / "in Ordnung", in the report's language
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  int checks_run = 0;  ///< passed, fired or suppressed
};

struct Verdict {
  bool ok = true;  ///< no errors and no warnings
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  bool interrupted = false;
  std::string interrupt_reason;  ///< from the snapshot
  std::string headline;  ///< "2 problems found: 1 error, 1 warning." in the report's language
  /// Index into ReportView::findings of the most important fix; -1 when
  /// there is no problem (only notes, or nothing at all).
  int first = -1;
  /// Checks that could not run, so that "skipped" is never silent.
  std::vector<CheckView> not_checked;
  /// The same, grouped by reason for the reader: ten Wi-Fi checks skipped
  /// for want of a Wi-Fi scan are one line, not ten.
  struct NotCheckedGroup {
    std::vector<std::string> ids;
    std::string title;  ///< the check's title when alone, else "10 checks"
    std::string reason_text;
  };
  std::vector<NotCheckedGroup> not_checked_groups;
  /// One light per area, in check::KnownAreas() order.
  std::vector<AreaLight> areas;
};

struct DeviceView {
  std::string key;                ///< inventory key (MAC or "ip:<address>")
  std::vector<std::string> ipv4;  ///< numerically sorted
  std::vector<std::string> ipv6;
  std::string name;     ///< product, friendly name, host name or vendor (raw)
  std::string product;  ///< from a profile, "" when none matched
  inventory::Role role = inventory::Role::kUnknown;
  std::string role_label;  ///< in the report's language
  double confidence = 0;
  std::string mac;
  std::string vendor;  ///< empty when unknown
  std::vector<std::string> seen_by;
  bool is_self = false;
  bool is_gateway = false;
  bool random_mac = false;
  /// The flags as words in the report's language ("this computer", ...).
  std::vector<std::string> labels;
  /// What the device is, for the device table: the role and the flags,
  /// without repeating itself ("router (gateway)", "TV / receiver").
  std::string kind;
};

/// A labelled line of the network summary ("DNS servers: 192.168.178.1").
struct Fact {
  std::string label;
  std::string value;
};

/// The device map: devices grouped by role, in this order: router,
/// repeaters and access points, TVs and receivers, others. Empty groups
/// are left out.
struct DeviceGroup {
  std::string id;  ///< "router", "repeaters", "receivers", "others"
  std::string title;
  std::vector<DeviceView> devices;  ///< in ReportView::devices order
};

/// Minimum, median and maximum of a set of times; nullopt when there were none.
struct TimeStats {
  std::optional<double> min_ms;
  std::optional<double> median_ms;
  std::optional<double> max_ms;
};

struct PingMeasurement {
  std::string target;
  int sent = 0;
  int received = 0;
  double loss_pct = 0;
  TimeStats rtt;
};

struct DnsMeasurement {
  std::string resolver;
  std::string source;      ///< "resolv.conf", "reference", ...
  bool reference = false;  ///< asked by netfix for comparison only
  int queries = 0;
  int answered = 0;  ///< an answer came (any rcode); timeouts and errors did not
  TimeStats answer;  ///< time to the answers that came
};

/// The numbers behind the findings, compact: round trips to the router,
/// DNS answer times per resolver, how long the scan took.
struct MeasurementsView {
  std::vector<PingMeasurement> gateway;
  std::vector<DnsMeasurement> dns;
  double scan_duration_ms = 0;  ///< 0 when unknown
  /// The same as labelled lines in the report's language.
  std::vector<Fact> lines;
  bool empty() const { return lines.empty(); }
};

struct ProbeView {
  std::string id;
  model::ProbeStatus status = model::ProbeStatus::kOk;
  std::string status_text;
  double duration_ms = 0;
  std::string duration;  ///< "850 ms", in the report's language
  std::string reason;
  std::string hint;
};

struct ReportView {
  model::Lang lang = model::Lang::kEn;
  std::string netfix_version;
  std::string title;  ///< "Network check"
  /// The header line: host name, time, interface (raw; escape when rendering).
  std::vector<std::string> meta;

  Verdict verdict;
  std::vector<FindingView> findings;    ///< worst first
  std::vector<FindingView> suppressed;  ///< follow-on problems, with explained_by
  std::vector<Fact> network;
  std::vector<DeviceView> devices;         ///< sorted by IPv4 numerically, no-IPv4 last
  std::vector<DeviceGroup> device_groups;  ///< the same devices, by role
  std::optional<WifiSectionView> wifi;     ///< rooms and channels; nullopt without a Wi-Fi scan
  MeasurementsView measurements;
  /// Round trips, throughput, bufferbloat, receivers; nullopt when nothing
  /// beyond the router's ping was measured.
  std::optional<LinkSectionView> link;
  std::vector<CheckView> checks;  ///< every check, in id order
  std::vector<ProbeView> probes;  ///< in the order they ran
  std::vector<std::string> notes;
};

ReportView BuildView(const Report& report);

/// The reason and the hint of a probe as one line ("... Hint: ...").
std::string ProbeDetails(const ProbeView& probe, model::Lang lang);

/// Median of `values` (the mean of the middle two for an even count).
std::optional<double> Median(std::vector<double> values);

/// The IPv4 address as a number for sorting, or -1 if `text` is not one.
long long Ipv4SortKey(const std::string& text);

}  // namespace netfix::report
