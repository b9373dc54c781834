#include "model/snapshot.h"

#include <algorithm>

#include "model/json_fields.h"
#include "model/json_reader.h"
#include "model/snapshot_json.h"
#include "model/wifi_json.h"

namespace netfix::model {

using nlohmann::json;

const char* ToString(ProbeStatus status) {
  switch (status) {
    case ProbeStatus::kOk: return "ok";
    case ProbeStatus::kSkipped: return "skipped";
    case ProbeStatus::kFailed: return "failed";
  }
  return "failed";
}

std::optional<ProbeStatus> ProbeStatusFromString(const std::string& text) {
  if (text == "ok") return ProbeStatus::kOk;
  if (text == "skipped") return ProbeStatus::kSkipped;
  if (text == "failed") return ProbeStatus::kFailed;
  return std::nullopt;
}

const std::vector<std::string>& KnownProbeIds() {
  static const std::vector<std::string> ids = {
      "host-config",  "resolvers", "arp-sweep", "gateway-ping", "dns",
      "dhcp",         "ssdp",      "mdns",      "ipv6",         "wifi",
      "igmp-querier", "passive",   "latency",   "speed",        "peer"};
  return ids;
}

const ProbeRecord* Snapshot::FindProbe(const std::string& id) const {
  for (const auto& p : probes)
    if (p.id == id) return &p;
  return nullptr;
}

const Interface* Snapshot::FindInterface(const std::string& name) const {
  for (const auto& i : interfaces)
    if (i.name == name) return &i;
  return nullptr;
}

const Device* Snapshot::FindDeviceByMac(const std::string& mac) const {
  for (const auto& d : devices)
    if (d.mac == mac) return &d;
  return nullptr;
}

std::vector<const Device*> Snapshot::FindDevicesByIp(const std::string& ip) const {
  std::vector<const Device*> found;
  for (const auto& d : devices)
    if (std::find(d.ipv4.begin(), d.ipv4.end(), ip) != d.ipv4.end()) found.push_back(&d);
  return found;
}

std::string DumpJson(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ---- the sections added after the first version, described once ------------

template <typename S, typename V>
void Fields(S& m, V&& v) requires std::is_same_v<std::remove_const_t<S>, DhcpMessage> {
  v("how", m.how, kRequired);
  v("message_type", m.message_type);
  v("server_id", m.server_id);
  v("server_ip", m.server_ip);
  v("server_mac", m.server_mac);
  v("client_mac", m.client_mac);
  v("offered_ip", m.offered_ip);
  v("subnet_mask", m.subnet_mask);
  v("routers", m.routers);
  v("dns_servers", m.dns_servers);
  v("domain", m.domain);
  v("hostname", m.hostname);
  v("vendor_class", m.vendor_class);
  v("lease_s", m.lease_s);
  v("after_ms", m.after_ms);
}

template <typename S, typename V>
void Fields(S& d, V&& v) requires std::is_same_v<std::remove_const_t<S>, DhcpResult> {
  v("interface", d.interface);
  v("client_mac", d.client_mac);
  v("window_ms", d.window_ms);
  v("messages", d.messages);
}

template <typename S, typename V>
void Fields(S& m, V&& v) requires std::is_same_v<std::remove_const_t<S>, SsdpMessage> {
  v("how", m.how, kRequired);
  v("from_ip", m.from_ip, kRequired);
  v("from_port", m.from_port);
  v("target", m.target);
  v("usn", m.usn);
  v("location", m.location);
  v("server", m.server);
  v("nts", m.nts);
  v("headers", m.headers);
  v("after_ms", m.after_ms);
}

template <typename S, typename V>
void Fields(S& x, V&& v) requires std::is_same_v<std::remove_const_t<S>, UpnpService> {
  v("service_type", x.service_type);
  v("service_id", x.service_id);
  v("control_url", x.control_url);
  v("scpd_url", x.scpd_url);
}

template <typename S, typename V>
void Fields(S& d, V&& v) requires std::is_same_v<std::remove_const_t<S>, UpnpDevice> {
  v("udn", d.udn);
  v("parent_udn", d.parent_udn);
  v("device_type", d.device_type);
  v("friendly_name", d.friendly_name);
  v("manufacturer", d.manufacturer);
  v("manufacturer_url", d.manufacturer_url);
  v("model_name", d.model_name);
  v("model_number", d.model_number);
  v("model_description", d.model_description);
  v("serial_number", d.serial_number);
  v("presentation_url", d.presentation_url);
  v("services", d.services);
}

template <typename S, typename V>
void Fields(S& d, V&& v) requires std::is_same_v<std::remove_const_t<S>, UpnpDescription> {
  v("location", d.location, kRequired);
  v("from_ip", d.from_ip);
  v("status", d.status, kRequired);
  v("error", d.error);
  v("http_status", d.http_status);
  v("bytes", d.bytes);
  v("duration_ms", d.duration_ms);
  v("devices", d.devices);
}

template <typename S, typename V>
void Fields(S& p, V&& v) requires std::is_same_v<std::remove_const_t<S>, PortMapping> {
  v("protocol", p.protocol);
  v("external_port", p.external_port);
  v("internal_client", p.internal_client);
  v("internal_port", p.internal_port);
  v("remote_host", p.remote_host);
  v("description", p.description);
  v("enabled", p.enabled);
  v("lease_s", p.lease_s);
}

template <typename S, typename V>
void Fields(S& g, V&& v) requires std::is_same_v<std::remove_const_t<S>, UpnpGateway> {
  v("from_ip", g.from_ip);
  v("control_url", g.control_url);
  v("service_type", g.service_type);
  v("external_ip", g.external_ip);
  v("connection_status", g.connection_status);
  v("port_mappings", g.port_mappings);
  v("error", g.error);
}

template <typename S, typename V>
void Fields(S& r, V&& v) requires std::is_same_v<std::remove_const_t<S>, SsdpResult> {
  v("window_ms", r.window_ms);
  v("messages", r.messages);
  v("descriptions", r.descriptions);
  v("gateways", r.gateways);
}

template <typename S, typename V>
void Fields(S& m, V&& v) requires std::is_same_v<std::remove_const_t<S>, MdnsService> {
  v("instance", m.instance, kRequired);
  v("type", m.type);
  v("host", m.host);
  v("port", m.port);
  v("addresses", m.addresses);
  v("txt", m.txt);
  v("from_ip", m.from_ip);
}

template <typename S, typename V>
void Fields(S& r, V&& v) requires std::is_same_v<std::remove_const_t<S>, MdnsResult> {
  v("window_ms", r.window_ms);
  v("service_types", r.service_types);
  v("services", r.services);
  v("responders", r.responders);
}

template <typename S, typename V>
void Fields(S& p, V&& v) requires std::is_same_v<std::remove_const_t<S>, Ipv6Prefix> {
  v("prefix", p.prefix, kRequired);
  v("length", p.length);
  v("on_link", p.on_link);
  v("autonomous", p.autonomous);
  v("valid_s", p.valid_s);
  v("preferred_s", p.preferred_s);
}

template <typename S, typename V>
void Fields(S& a, V&& v) requires std::is_same_v<std::remove_const_t<S>, RouterAdvertisement> {
  v("from_ip", a.from_ip, kRequired);
  v("from_mac", a.from_mac);
  v("how", a.how);
  v("router_lifetime_s", a.router_lifetime_s);
  v("managed", a.managed);
  v("other", a.other);
  v("mtu", a.mtu);
  v("prefixes", a.prefixes);
  v("rdnss", a.rdnss);
  v("dnssl", a.dnssl);
}

template <typename S, typename V>
void Fields(S& n, V&& v) requires std::is_same_v<std::remove_const_t<S>, Ipv6Neighbour> {
  v("ip", n.ip, kRequired);
  v("mac", n.mac);
  v("how", n.how);
}

template <typename S, typename V>
void Fields(S& r, V&& v) requires std::is_same_v<std::remove_const_t<S>, Ipv6Result> {
  v("router_advertisements", r.router_advertisements);
  v("neighbours", r.neighbours);
  v("client_global_addresses", r.client_global_addresses);
}

template <typename S, typename V>
void Fields(S& m, V&& v) requires std::is_same_v<std::remove_const_t<S>, IgmpMessage> {
  v("from_ip", m.from_ip);
  v("from_mac", m.from_mac);
  v("type", m.type, kRequired);
  v("version", m.version);
  v("group", m.group);
  v("max_response_s", m.max_response_s);
}

template <typename S, typename V>
void Fields(S& n, V&& v) requires std::is_same_v<std::remove_const_t<S>, LldpNeighbour> {
  v("from_mac", n.from_mac);
  v("chassis_id", n.chassis_id);
  v("port_id", n.port_id);
  v("port_description", n.port_description);
  v("system_name", n.system_name);
  v("system_description", n.system_description);
  v("capabilities", n.capabilities);
  v("management_ip", n.management_ip);
  v("ttl_s", n.ttl_s);
}

template <typename S, typename V>
void Fields(S& r, V&& v) requires std::is_same_v<std::remove_const_t<S>, PassiveResult> {
  v("window_ms", r.window_ms);
  v("frames", r.frames);
  v("igmp", r.igmp);
  v("lldp", r.lldp);
}

template <typename S, typename V>
void Fields(S& t, V&& v) requires std::is_same_v<std::remove_const_t<S>, Transfer> {
  v("direction", t.direction, kRequired);
  v("url", t.url);
  v("streams", t.streams);
  v("status", t.status, kRequired);
  v("error", t.error);
  v("http_status", t.http_status);
  v("bytes", t.bytes);
  v("ramp_ms", t.ramp_ms);
  v("window_ms", t.window_ms);
  v("mbit_s", t.mbit_s);
  v("total_bytes", t.total_bytes);
  v("duration_ms", t.duration_ms);
  v("loaded_rtt_ms", t.loaded_rtt_ms);
  v("loaded_sent", t.loaded_sent);
}

template <typename S, typename V>
void Fields(S& t, V&& v) requires std::is_same_v<std::remove_const_t<S>, SpeedTest> {
  v("leg", t.leg, kRequired);
  v("server", t.server);
  v("source", t.source);
  v("peer_version", t.peer_version);
  v("latency_target", t.latency_target);
  v("latency_method", t.latency_method);
  v("latency_port", t.latency_port);
  v("idle_rtt_ms", t.idle_rtt_ms);
  v("idle_sent", t.idle_sent);
  v("transfers", t.transfers);
  v("error", t.error);
}

template <typename S, typename V>
void Fields(S& c, V&& v) requires std::is_same_v<std::remove_const_t<S>, Contract> {
  v("down_mbit", c.down_mbit, kRequired);
  v("up_mbit", c.up_mbit);
}

template <typename S, typename V>
void Fields(S& t, V&& v) requires std::is_same_v<std::remove_const_t<S>, IgmpQuerierTest> {
  v("group", t.group);
  v("joined", t.joined);
  v("left", t.left);
  v("window_ms", t.window_ms);
  v("queries", t.queries);
  v("reports", t.reports);
}

// ---- writing ---------------------------------------------------------------

namespace {

json ToJson(const ProbeRecord& p) {
  json j = {{"id", p.id}, {"status", ToString(p.status)}, {"duration_ms", p.duration_ms}};
  if (!p.reason.empty()) j["reason"] = p.reason;
  if (!p.hint.empty()) j["hint"] = p.hint;
  return j;
}

json ToJson(const Interface& i) {
  json addresses = json::array();
  for (const auto& a : i.addresses)
    addresses.push_back({{"family", a.family},
                         {"address", a.address},
                         {"prefix_len", a.prefix_len},
                         {"scope", a.scope}});
  return {{"name", i.name}, {"index", i.index},     {"mac", i.mac},
          {"up", i.up},     {"running", i.running}, {"loopback", i.loopback},
          {"mtu", i.mtu},   {"kind", i.kind},       {"addresses", addresses}};
}

json ToJson(const Device& d) {
  json j = {{"mac", d.mac},
            {"ipv4", d.ipv4},
            {"ipv6", d.ipv6},
            {"vendor", d.vendor},
            {"locally_administered", d.locally_administered},
            {"seen_by", d.seen_by},
            {"is_self", d.is_self},
            {"is_gateway", d.is_gateway}};
  return j;
}

json ToJson(const ArpSweep& a) {
  json conflicts = json::array();
  for (const auto& c : a.conflicts) conflicts.push_back({{"ip", c.ip}, {"macs", c.macs}});
  return {{"interface", a.interface},
          {"subnet", a.subnet},
          {"addresses_probed", a.addresses_probed},
          {"requests_sent", a.requests_sent},
          {"replies", a.replies},
          {"late_replies", a.late_replies},
          {"unsolicited", a.unsolicited},
          {"rate_pps", a.rate_pps},
          {"duration_ms", a.duration_ms},
          {"conflicts", conflicts}};
}

json ToJson(const PingResult& p) {
  json j = {{"target", p.target}, {"role", p.role},         {"method", p.method},
            {"sent", p.sent},     {"received", p.received}, {"rtt_ms", p.rtt_ms}};
  if (p.port != 0) j["port"] = p.port;
  if (!p.note.empty()) j["note"] = p.note;
  if (p.interval_ms != 0) j["interval_ms"] = p.interval_ms;
  if (!p.name.empty()) j["name"] = p.name;
  if (!p.mac.empty()) j["mac"] = p.mac;
  if (p.answers_arp) j["answers_arp"] = *p.answers_arp;
  return j;
}

json ToJson(const DnsResult& r) {
  json queries = json::array();
  for (const auto& q : r.queries) {
    json jq = {{"name", q.name},
               {"type", q.type},
               {"outcome", q.outcome},
               {"answers", q.answers},
               {"rtt_ms", q.rtt_ms}};
    if (!q.rcode.empty()) jq["rcode"] = q.rcode;
    if (!q.detail.empty()) jq["detail"] = q.detail;
    queries.push_back(jq);
  }
  return {{"resolver", r.resolver}, {"source", r.source}, {"queries", queries}};
}

template <typename T>
json ArrayOf(const std::vector<T>& items) {
  json a = json::array();
  for (const auto& item : items) a.push_back(ToJson(item));
  return a;
}

}  // namespace

json SnapshotToJson(const Snapshot& s) {
  json host = {{"hostname", s.host.hostname},
               {"os", s.host.os},
               {"netfix_version", s.host.netfix_version},
               {"started_at", s.host.started_at},
               {"duration_ms", s.host.duration_ms},
               {"privileged", s.host.privileged},
               {"interrupted", s.host.interrupted}};
  if (!s.host.interrupt_reason.empty()) host["interrupt_reason"] = s.host.interrupt_reason;

  json routes = json::array();
  for (const auto& r : s.routes)
    routes.push_back({{"family", r.family},
                      {"destination", r.destination},
                      {"gateway", r.gateway},
                      {"interface", r.interface},
                      {"metric", r.metric}});
  json resolvers = json::array();
  for (const auto& r : s.resolvers)
    resolvers.push_back({{"address", r.address}, {"source", r.source}, {"is_stub", r.is_stub}});

  json measurements = {{"ping", ArrayOf(s.measurements.ping)},
                       {"dns", ArrayOf(s.measurements.dns)}};
  if (s.measurements.arp) measurements["arp"] = ToJson(*s.measurements.arp);
  FieldWriter more(&measurements);
  more("dhcp", s.measurements.dhcp);
  more("ssdp", s.measurements.ssdp);
  more("mdns", s.measurements.mdns);
  more("ipv6", s.measurements.ipv6);
  more("passive", s.measurements.passive);
  more("wifi", s.measurements.wifi);
  if (!s.measurements.speed.empty()) more("speed", s.measurements.speed);
  more("igmp_querier", s.measurements.igmp_querier);

  json out = {{"schema", s.schema},
              {"host", host},
              {"scan_interface", s.scan_interface},
              {"interfaces", ArrayOf(s.interfaces)},
              {"routes", routes},
              {"default_gateway", s.default_gateway},
              {"default_interface", s.default_interface},
              {"resolvers", resolvers},
              {"devices", ArrayOf(s.devices)},
              {"measurements", measurements},
              {"probes", ArrayOf(s.probes)},
              {"notes", s.notes}};
  FieldWriter top(&out);
  top("survey", s.survey);
  top("contract", s.contract);
  if (s.redacted) out["redacted"] = true;
  return out;
}

// ---- reading ---------------------------------------------------------------

namespace {

void Read(JsonReader& r, ProbeRecord* p) {
  r.String("id", &p->id, true);
  std::string status;
  r.String("status", &status, true);
  if (r.ok()) {
    auto parsed = ProbeStatusFromString(status);
    if (!parsed)
      r.Fail(r.path() + "/status", "expected ok, skipped or failed, not '" + status + "'");
    else
      p->status = *parsed;
  }
  r.String("reason", &p->reason);
  r.String("hint", &p->hint);
  r.Num("duration_ms", &p->duration_ms);
}

void Read(JsonReader& r, InterfaceAddress* a) {
  r.String("family", &a->family, true);
  r.String("address", &a->address, true);
  r.Num("prefix_len", &a->prefix_len);
  r.String("scope", &a->scope);
}

void Read(JsonReader& r, Interface* i) {
  r.String("name", &i->name, true);
  r.Num("index", &i->index);
  r.String("mac", &i->mac);
  r.Bool("up", &i->up);
  r.Bool("running", &i->running);
  r.Bool("loopback", &i->loopback);
  r.Num("mtu", &i->mtu);
  r.String("kind", &i->kind);
  r.Array("addresses", &i->addresses, [](JsonReader& e, InterfaceAddress* a) { Read(e, a); });
}

void Read(JsonReader& r, Route* route) {
  r.String("family", &route->family);
  r.String("destination", &route->destination, true);
  r.String("gateway", &route->gateway);
  r.String("interface", &route->interface);
  r.Num("metric", &route->metric);
}

void Read(JsonReader& r, Resolver* res) {
  r.String("address", &res->address, true);
  r.String("source", &res->source);
  r.Bool("is_stub", &res->is_stub);
}

void Read(JsonReader& r, Device* d) {
  r.String("mac", &d->mac, true);
  r.Strings("ipv4", &d->ipv4);
  r.Strings("ipv6", &d->ipv6);
  r.String("vendor", &d->vendor);
  r.Bool("locally_administered", &d->locally_administered);
  r.Strings("seen_by", &d->seen_by);
  r.Bool("is_self", &d->is_self);
  r.Bool("is_gateway", &d->is_gateway);
}

void Read(JsonReader& r, AddressConflict* c) {
  r.String("ip", &c->ip, true);
  r.Strings("macs", &c->macs);
}

void Read(JsonReader& r, ArpSweep* a) {
  r.String("interface", &a->interface);
  r.String("subnet", &a->subnet);
  r.Num("addresses_probed", &a->addresses_probed);
  r.Num("requests_sent", &a->requests_sent);
  r.Num("replies", &a->replies);
  r.Num("late_replies", &a->late_replies);
  r.Num("unsolicited", &a->unsolicited);
  r.Num("rate_pps", &a->rate_pps);
  r.Num("duration_ms", &a->duration_ms);
  r.Array("conflicts", &a->conflicts, [](JsonReader& e, AddressConflict* c) { Read(e, c); });
}

void Read(JsonReader& r, PingResult* p) {
  r.String("target", &p->target, true);
  r.String("role", &p->role);
  r.String("method", &p->method);
  r.Num("sent", &p->sent);
  r.Num("received", &p->received);
  r.Numbers("rtt_ms", &p->rtt_ms);
  r.Num("port", &p->port);
  r.String("note", &p->note);
  r.Num("interval_ms", &p->interval_ms);
  r.String("name", &p->name);
  r.String("mac", &p->mac);
  r.OptionalBool("answers_arp", &p->answers_arp);
}

void Read(JsonReader& r, DnsQuery* q) {
  r.String("name", &q->name, true);
  r.String("type", &q->type);
  r.String("outcome", &q->outcome, true);
  r.String("rcode", &q->rcode);
  r.Strings("answers", &q->answers);
  r.Num("rtt_ms", &q->rtt_ms);
  r.String("detail", &q->detail);
}

void Read(JsonReader& r, DnsResult* d) {
  r.String("resolver", &d->resolver, true);
  r.String("source", &d->source);
  r.Array("queries", &d->queries, [](JsonReader& e, DnsQuery* q) { Read(e, q); });
}

}  // namespace

bool SnapshotFromJson(const json& j, Snapshot* s, std::string* error) {
  error->clear();
  JsonReader r(j, "", error);
  if (!r.IsObject()) return false;
  r.String("schema", &s->schema, true);
  if (r.ok() && s->schema != kSnapshotSchema) {
    r.Fail("/schema",
           "this netfix reads '" + std::string(kSnapshotSchema) + "', not '" + s->schema + "'");
  }
  r.Object(
      "host",
      [&](JsonReader& h) {
        h.String("hostname", &s->host.hostname);
        h.String("os", &s->host.os);
        h.String("netfix_version", &s->host.netfix_version);
        h.String("started_at", &s->host.started_at);
        h.Num("duration_ms", &s->host.duration_ms);
        h.Bool("privileged", &s->host.privileged);
        h.Bool("interrupted", &s->host.interrupted);
        h.String("interrupt_reason", &s->host.interrupt_reason);
      },
      true);
  r.String("scan_interface", &s->scan_interface);
  r.Array("interfaces", &s->interfaces, [](JsonReader& e, Interface* i) { Read(e, i); });
  r.Array("routes", &s->routes, [](JsonReader& e, Route* x) { Read(e, x); });
  r.String("default_gateway", &s->default_gateway);
  r.String("default_interface", &s->default_interface);
  r.Array("resolvers", &s->resolvers, [](JsonReader& e, Resolver* x) { Read(e, x); });
  r.Array("devices", &s->devices, [](JsonReader& e, Device* x) { Read(e, x); });
  r.Object("measurements", [&](JsonReader& m) {
    if (m.Has("arp")) {
      ArpSweep arp;
      m.Object("arp", [&](JsonReader& a) { Read(a, &arp); });
      s->measurements.arp = arp;
    }
    m.Array("ping", &s->measurements.ping, [](JsonReader& e, PingResult* x) { Read(e, x); });
    m.Array("dns", &s->measurements.dns, [](JsonReader& e, DnsResult* x) { Read(e, x); });
    FieldReader more(&m);
    more("dhcp", s->measurements.dhcp);
    more("ssdp", s->measurements.ssdp);
    more("mdns", s->measurements.mdns);
    more("ipv6", s->measurements.ipv6);
    more("passive", s->measurements.passive);
    more("wifi", s->measurements.wifi);
    more("speed", s->measurements.speed);
    more("igmp_querier", s->measurements.igmp_querier);
  });
  FieldReader top(&r);
  top("survey", s->survey);
  top("contract", s->contract);
  r.Array(
      "probes", &s->probes, [](JsonReader& e, ProbeRecord* x) { Read(e, x); }, true);
  r.Strings("notes", &s->notes);
  r.Bool("redacted", &s->redacted);
  return r.ok();
}

bool ParseSnapshot(const std::string& text, Snapshot* snapshot, std::string* error) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    // A syntax error, or a number too large for a double ("1e999"). what()
    // reads "[json.exception.parse_error.101] parse error at line 1, column
    // 2: ..."; the bracketed id helps nobody.
    std::string what = e.what();
    auto pos = what.find("] ");
    *error = "not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2));
    return false;
  }
  return SnapshotFromJson(j, snapshot, error);
}

}  // namespace netfix::model
