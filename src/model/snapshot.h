// The snapshot: everything the probes observed, and nothing they judged.
//
// A snapshot is the contract between the probing half of netfix and the
// diagnosing half. It is written as versioned JSON ("netfix.snapshot/1",
// described by schema/snapshot.schema.json) so that a remote support agent
// can run the same checks on the same file anywhere.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace netfix::model {

inline constexpr const char* kSnapshotSchema = "netfix.snapshot/1";

/// How a probe ended. A probe that could not run is an observation, not an
/// error: it is logged as skipped (not attempted, with the reason) or failed
/// (attempted, with what went wrong).
enum class ProbeStatus { kOk, kSkipped, kFailed };

const char* ToString(ProbeStatus status);
std::optional<ProbeStatus> ProbeStatusFromString(const std::string& text);

/// The ids of the probes this version knows, in the order a scan runs them.
/// Checks name them in their `needs` list.
const std::vector<std::string>& KnownProbeIds();

/// One line of the probe log.
struct ProbeRecord {
  std::string id;  ///< e.g. "arp-sweep"
  ProbeStatus status = ProbeStatus::kOk;
  std::string reason;  ///< why skipped/failed, or a short summary when ok
  std::string hint;    ///< what the user can do about it (may be empty)
  double duration_ms = 0;
};

struct HostInfo {
  std::string hostname;
  std::string os;  ///< e.g. "Linux 6.1.0"
  std::string netfix_version;
  std::string started_at;        ///< RFC 3339 UTC
  double duration_ms = 0;        ///< wall time of the whole scan
  bool privileged = false;       ///< had CAP_NET_RAW
  bool interrupted = false;      ///< the scan was stopped early (Ctrl-C or deadline)
  std::string interrupt_reason;  ///< "interrupted by user" / "global deadline of 30 s reached"
};

struct InterfaceAddress {
  std::string family;   ///< "ipv4" | "ipv6"
  std::string address;  ///< textual address, without prefix
  int prefix_len = 0;
  std::string scope;  ///< "global" | "link" | "host" | "site"
};

struct Interface {
  std::string name;
  int index = 0;
  std::string mac;  ///< lower-case aa:bb:cc:dd:ee:ff, empty when none
  bool up = false;
  bool running = false;  ///< carrier (IFF_RUNNING / IFF_LOWER_UP)
  bool loopback = false;
  int mtu = 0;
  std::string kind;  ///< "ethernet" | "wifi" | "loopback" | "other"
  std::vector<InterfaceAddress> addresses;
};

struct Route {
  std::string family;       ///< "ipv4" | "ipv6"
  std::string destination;  ///< "default" or CIDR
  std::string gateway;      ///< empty for on-link routes
  std::string interface;
  int metric = 0;
};

struct Resolver {
  std::string address;
  /// Where it came from: "resolv.conf", "systemd-resolved" (the upstream
  /// behind the 127.0.0.53 stub) or "reference" (a well-known public resolver
  /// that netfix asks for comparison, to tell a broken resolver from a broken
  /// network).
  std::string source;
  bool is_stub = false;  ///< a local stub (127.0.0.53, ::1 ...) that forwards
};

/// A device netfix saw on the LAN.
struct Device {
  std::string mac;                    ///< key; lower-case
  std::vector<std::string> ipv4;      ///< all IPv4 addresses it claimed
  std::string vendor;                 ///< from the IEEE OUI list; empty if unknown
  bool locally_administered = false;  ///< randomised/private MAC
  /// How it was seen, e.g. "arp-reply", "arp-late-reply", "arp-unsolicited",
  /// "self", "neighbour-table".
  std::vector<std::string> seen_by;
  bool is_self = false;
  bool is_gateway = false;
};

/// One IPv4 address answered for by more than one MAC.
struct AddressConflict {
  std::string ip;
  std::vector<std::string> macs;
};

struct ArpSweep {
  std::string interface;
  std::string subnet;  ///< CIDR that was swept
  int addresses_probed = 0;
  int requests_sent = 0;
  int replies = 0;       ///< ARP replies addressed to us
  int late_replies = 0;  ///< replies after the last request round
  int unsolicited = 0;   ///< ARP packets not answering us
  double rate_pps = 0;
  double duration_ms = 0;
  std::vector<AddressConflict> conflicts;
};

/// Round trips to one target (the default gateway in issue 2).
struct PingResult {
  std::string target;
  std::string role;    ///< "gateway"
  std::string method;  ///< "icmp-raw" | "icmp-dgram"
  int sent = 0;
  int received = 0;
  std::vector<double> rtt_ms;  ///< one per received reply, in order
  /// Whether the target answered ARP during the scan (nullopt: unknown).
  std::optional<bool> answers_arp;
};

/// One DNS query sent by netfix itself.
struct DnsQuery {
  std::string name;
  std::string type = "A";
  /// "ok" (NOERROR with answers), "nodata", "nxdomain", "servfail",
  /// "refused", "timeout", "error" (malformed answer, network error).
  std::string outcome;
  std::string rcode;                 ///< textual RCODE when an answer came
  std::vector<std::string> answers;  ///< A/AAAA addresses
  double rtt_ms = 0;                 ///< time to the answer (or to giving up)
  std::string detail;                ///< e.g. "no answer within 2000 ms"
};

struct DnsResult {
  std::string resolver;
  std::string source;  ///< copied from Resolver::source
  std::vector<DnsQuery> queries;
};

struct Measurements {
  std::optional<ArpSweep> arp;
  std::vector<PingResult> ping;
  std::vector<DnsResult> dns;
};

struct Snapshot {
  std::string schema = kSnapshotSchema;
  HostInfo host;
  std::string scan_interface;  ///< the interface the LAN probes used
  std::vector<Interface> interfaces;
  std::vector<Route> routes;
  std::string default_gateway;    ///< IPv4 of the default route ("" if none)
  std::string default_interface;  ///< its interface
  std::vector<Resolver> resolvers;
  std::vector<Device> devices;
  Measurements measurements;
  std::vector<ProbeRecord> probes;
  /// Short notes for the reader (e.g. "ieee-data not installed: vendors unknown").
  std::vector<std::string> notes;

  const ProbeRecord* FindProbe(const std::string& id) const;
  const Interface* FindInterface(const std::string& name) const;
  const Device* FindDeviceByMac(const std::string& mac) const;
  std::vector<const Device*> FindDevicesByIp(const std::string& ip) const;
};

}  // namespace netfix::model
