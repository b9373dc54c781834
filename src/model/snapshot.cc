#include "model/snapshot.h"

#include <algorithm>

#include "model/json_reader.h"
#include "model/snapshot_json.h"

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
  static const std::vector<std::string> ids = {"host-config", "resolvers", "arp-sweep",
                                               "gateway-ping", "dns"};
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

  return {{"schema", s.schema},
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
  });
  r.Array(
      "probes", &s->probes, [](JsonReader& e, ProbeRecord* x) { Read(e, x); }, true);
  r.Strings("notes", &s->notes);
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
