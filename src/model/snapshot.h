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

#include "model/wifi.h"

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
  std::vector<std::string> ipv6;      ///< IPv6 addresses seen for it (neighbours, mDNS)
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

/// Round trips to one target: the default gateway ("gateway-ping"), and the
/// resolvers, receivers, the internet target and the peer ("latency").
struct PingResult {
  std::string target;
  /// "gateway" | "resolver" | "receiver" | "internet" | "peer"
  std::string role;
  /// "icmp-raw" | "icmp-dgram" (echo), "udp" (a DNS query to a resolver, or
  /// a datagram to a closed port answered by ICMP port unreachable),
  /// "tcp-connect" (time to SYN-ACK or RST), "udp-echo" (netfix serve).
  std::string method;
  int sent = 0;
  int received = 0;
  std::vector<double> rtt_ms;  ///< one per received reply, in order
  /// Whether the target answered ARP during the scan (nullopt: unknown).
  std::optional<bool> answers_arp;
  int port = 0;  ///< udp, tcp-connect, udp-echo: the port used
  /// Why this method: e.g. "ICMP echo not permitted (...); TCP connect to
  /// port 53". Empty when the first choice worked.
  std::string note;
  double interval_ms = 0;  ///< between requests
  std::string name;        ///< what the target is, e.g. "LG OLED55C1" (receivers)
  std::string mac;         ///< the target's MAC when it is a LAN device
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

// ---- DHCP ------------------------------------------------------------------

/// One DHCP server message netfix saw: an answer to its own DISCOVER or
/// INFORM, or one seen passively during the scan window.
struct DhcpMessage {
  /// "offer" (answer to our DISCOVER), "inform-ack" (answer to our INFORM),
  /// "passive" (another client's exchange, seen on the wire).
  std::string how;
  std::string message_type;              ///< "OFFER", "ACK", "NAK", "DISCOVER", "REQUEST", ...
  std::string server_id;                 ///< option 54
  std::string server_ip;                 ///< IPv4 source address of the packet
  std::string server_mac;                ///< Ethernet source address
  std::string client_mac;                ///< chaddr
  std::string offered_ip;                ///< yiaddr ("" when 0.0.0.0)
  std::string subnet_mask;               ///< option 1
  std::vector<std::string> routers;      ///< option 3
  std::vector<std::string> dns_servers;  ///< option 6
  std::string domain;                    ///< option 15
  std::string hostname;                  ///< option 12 (client messages seen passively)
  std::string vendor_class;              ///< option 60 (client messages seen passively)
  std::optional<long long> lease_s;      ///< option 51
  double after_ms = 0;                   ///< since the probe sent its first message
};

struct DhcpResult {
  std::string interface;
  std::string client_mac;  ///< the chaddr netfix's DISCOVER used (never the host's own)
  double window_ms = 0;
  std::vector<DhcpMessage> messages;
};

// ---- SSDP / UPnP -------------------------------------------------------------

struct SsdpMessage {
  std::string how;  ///< "response" (to our M-SEARCH) | "notify" (seen passively)
  std::string from_ip;
  int from_port = 0;
  std::string target;  ///< ST of a response, NT of a notify
  std::string usn;
  std::string location;
  std::string server;  ///< SERVER header
  std::string nts;     ///< notify: "ssdp:alive" | "ssdp:byebye"
  /// Other headers worth keeping, lower-case names (e.g. "application-url").
  std::map<std::string, std::string> headers;
  double after_ms = 0;
};

struct UpnpService {
  std::string service_type;
  std::string service_id;
  std::string control_url;  ///< absolute, resolved against the description's URL
  std::string scpd_url;
};

struct UpnpDevice {
  std::string udn;
  std::string parent_udn;  ///< "" for the root device
  std::string device_type;
  std::string friendly_name;
  std::string manufacturer;
  std::string manufacturer_url;
  std::string model_name;
  std::string model_number;
  std::string model_description;
  std::string serial_number;
  std::string presentation_url;
  std::vector<UpnpService> services;
};

/// One device description document, fetched from the responder's own address.
struct UpnpDescription {
  std::string location;
  std::string from_ip;
  /// "ok", "partial" (broken XML: what was readable was kept) or "failed".
  std::string status;
  std::string error;  ///< why partial/failed, e.g. "HTTP 404", "XML: unclosed tag at byte 812"
  int http_status = 0;
  long long bytes = 0;
  double duration_ms = 0;
  std::vector<UpnpDevice> devices;  ///< root first, then embedded devices
};

struct PortMapping {
  std::string protocol;  ///< "TCP" | "UDP"
  int external_port = 0;
  std::string internal_client;
  int internal_port = 0;
  std::string remote_host;  ///< "" = any
  std::string description;
  bool enabled = true;
  long long lease_s = 0;  ///< 0 = permanent
};

/// What an Internet Gateway Device said about its internet side (SOAP).
struct UpnpGateway {
  std::string from_ip;
  std::string control_url;
  std::string service_type;       ///< WANIPConnection:1/2 or WANPPPConnection:1
  std::string external_ip;        ///< GetExternalIPAddress; "" when it gave none
  std::string connection_status;  ///< GetStatusInfo, e.g. "Connected"
  std::vector<PortMapping> port_mappings;
  std::string error;  ///< a SOAP action that failed, and how
};

struct SsdpResult {
  double window_ms = 0;
  std::vector<SsdpMessage> messages;
  std::vector<UpnpDescription> descriptions;
  std::vector<UpnpGateway> gateways;
};

// ---- mDNS / DNS-SD -------------------------------------------------------------

struct MdnsService {
  std::string instance;  ///< "Living Room TV._googlecast._tcp.local"
  std::string type;      ///< "_googlecast._tcp"
  std::string host;      ///< SRV target, "LG-OLED55C1.local"
  int port = 0;
  std::vector<std::string> addresses;  ///< A/AAAA of the host
  /// TXT key=value pairs in order; values are device bytes (may be invalid UTF-8).
  std::vector<std::pair<std::string, std::string>> txt;
  std::string from_ip;  ///< who answered
};

struct MdnsResult {
  double window_ms = 0;
  std::vector<std::string> service_types;  ///< from _services._dns-sd._udp.local
  std::vector<MdnsService> services;
  int responders = 0;
};

// ---- IPv6 ----------------------------------------------------------------------

struct Ipv6Prefix {
  std::string prefix;  ///< "2001:db8:1::"
  int length = 0;
  bool on_link = false;
  bool autonomous = false;
  long long valid_s = 0;
  long long preferred_s = 0;
};

struct RouterAdvertisement {
  std::string from_ip;        ///< link-local source
  std::string from_mac;       ///< source link-layer option or Ethernet source
  std::string how;            ///< "solicited" | "passive"
  int router_lifetime_s = 0;  ///< 0: not a default router
  bool managed = false;       ///< M flag (addresses by DHCPv6)
  bool other = false;         ///< O flag (other settings by DHCPv6)
  int mtu = 0;
  std::vector<Ipv6Prefix> prefixes;
  std::vector<std::string> rdnss;
  std::vector<std::string> dnssl;
};

struct Ipv6Neighbour {
  std::string ip;
  std::string mac;
  std::string how;  ///< "echo-reply" (answered ff02::1), "neighbour-table", "ndp"
};

struct Ipv6Result {
  std::vector<RouterAdvertisement> router_advertisements;
  std::vector<Ipv6Neighbour> neighbours;
  std::vector<std::string> client_global_addresses;  ///< on the scan interface
};

// ---- Passive listening ------------------------------------------------------------

struct IgmpMessage {
  std::string from_ip;
  std::string from_mac;
  std::string type;   ///< "query" | "report" | "leave"
  int version = 0;    ///< 1, 2 or 3
  std::string group;  ///< "" for a general query
  double max_response_s = 0;
};

struct LldpNeighbour {
  std::string from_mac;
  std::string chassis_id;
  std::string port_id;
  std::string port_description;
  std::string system_name;
  std::string system_description;
  std::vector<std::string> capabilities;  ///< enabled ones: "bridge", "router", "wlan-ap", ...
  std::string management_ip;
  int ttl_s = 0;
};

/// What the passive listener saw during the scan window (frames of other
/// protocols it saw go to their own sections: DHCP, SSDP, devices).
struct PassiveResult {
  double window_ms = 0;
  std::map<std::string, int>
      frames;  ///< by protocol: "arp", "dhcp", "ssdp", "mdns", "igmp", "lldp", ...
  std::vector<IgmpMessage> igmp;
  std::vector<LldpNeighbour> lldp;
};

// ---- Link quality: throughput and round trips under load -------------------------

/// One direction of a throughput test: `streams` parallel HTTP transfers.
struct Transfer {
  std::string direction;  ///< "download" | "upload"
  std::string url;
  int streams = 0;
  /// "ok", "partial" (some streams failed; the others were measured) or "failed".
  std::string status;
  std::string error;  ///< why partial/failed, e.g. "HTTP 404", "connect timeout"
  int http_status = 0;
  long long bytes = 0;        ///< payload bytes moved within the measurement window
  double ramp_ms = 0;         ///< the start (TCP slow start) left out of the window
  double window_ms = 0;       ///< the measurement window
  double mbit_s = 0;          ///< goodput: bytes * 8 / window
  long long total_bytes = 0;  ///< payload bytes moved in all
  double duration_ms = 0;     ///< the whole transfer, ramp included
  /// Round trips to SpeedTest::latency_target measured while this transfer
  /// ran (after its ramp), one per answered request, in order.
  std::vector<double> loaded_rtt_ms;
  int loaded_sent = 0;
};

/// A throughput and responsiveness test on one leg: the internet leg
/// (`--speed-url`, or a URL a device profile names) or the home leg
/// (`--peer HOST`: `netfix serve` on a second machine).
struct SpeedTest {
  std::string leg;     ///< "internet" | "home"
  std::string server;  ///< host[:port] the transfers went to
  /// Where the server came from: "option" (--speed-url), "profile:<id>", "peer".
  std::string source;
  std::string peer_version;  ///< netfix serve's version (home leg)
  /// Round trips while idle and under load go to this target.
  std::string latency_target;
  std::string latency_method;  ///< as PingResult::method
  int latency_port = 0;
  std::vector<double> idle_rtt_ms;
  int idle_sent = 0;
  std::vector<Transfer> transfers;  ///< download first, then upload
  std::string error;                ///< the test could not start, e.g. "peer did not answer"
};

/// The user's internet contract (`--contract DOWN[/UP]`, Mbit/s).
struct Contract {
  double down_mbit = 0;
  std::optional<double> up_mbit;
};

/// The IGMP querier test: netfix joins a group and leaves it; a querier
/// answers the leave with a group-specific query within about a second.
struct IgmpQuerierTest {
  std::string group;  ///< the group netfix joined and left
  bool joined = false;
  bool left = false;
  double window_ms = 0;  ///< listening time after the leave
  /// Every query heard in the window (general or group-specific).
  std::vector<IgmpMessage> queries;
  /// Reports from other hosts heard in the window (who is a multicast member).
  std::vector<IgmpMessage> reports;
};

struct Measurements {
  std::optional<ArpSweep> arp;
  std::vector<PingResult> ping;
  std::vector<DnsResult> dns;
  std::optional<DhcpResult> dhcp;
  std::optional<SsdpResult> ssdp;
  std::optional<MdnsResult> mdns;
  std::optional<Ipv6Result> ipv6;
  std::optional<PassiveResult> passive;
  /// This computer's own Wi-Fi scan (nl80211), when it has a Wi-Fi interface.
  std::optional<WifiScan> wifi;
  /// Throughput and responsiveness, per leg ("speed", "peer").
  std::vector<SpeedTest> speed;
  std::optional<IgmpQuerierTest> igmp_querier;
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
  /// The room-by-room survey given to `check`/`report` (`--survey FILE`).
  std::optional<Survey> survey;
  /// The internet contract the user declared (`--contract`).
  std::optional<Contract> contract;
  std::vector<ProbeRecord> probes;
  /// Short notes for the reader (e.g. "ieee-data not installed: vendors unknown").
  std::vector<std::string> notes;
  /// Personal values are pseudonyms (`netfix redact`, `--redact`; model/redact.h).
  bool redacted = false;

  const ProbeRecord* FindProbe(const std::string& id) const;
  const Interface* FindInterface(const std::string& name) const;
  const Device* FindDeviceByMac(const std::string& mac) const;
  std::vector<const Device*> FindDevicesByIp(const std::string& ip) const;
};

}  // namespace netfix::model
