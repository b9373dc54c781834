#include "model/redact.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <vector>

#include "model/snapshot_json.h"
#include "wire/addr.h"

namespace netfix::model {

namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::uint64_t MacValue(const wire::MacAddress& m) {
  std::uint64_t v = 0;
  for (auto b : m) v = v << 8 | b;
  return v;
}

wire::MacAddress MacFromValue(std::uint64_t v) {
  wire::MacAddress m{};
  for (int i = 5; i >= 0; --i, v >>= 8) m[i] = static_cast<std::uint8_t>(v & 0xff);
  return m;
}

// Public resolvers netfix asks for comparison and that people type in: they
// say nothing about the home.
const std::set<std::string>& WellKnownResolvers() {
  static const std::set<std::string> kept = {"1.1.1.1",
                                             "1.0.0.1",
                                             "8.8.8.8",
                                             "8.8.4.4",
                                             "9.9.9.9",
                                             "149.112.112.112",
                                             "208.67.222.222",
                                             "208.67.220.220",
                                             "2606:4700:4700::1111",
                                             "2606:4700:4700::1001",
                                             "2001:4860:4860::8888",
                                             "2001:4860:4860::8844",
                                             "2620:fe::fe",
                                             "2620:fe::9"};
  return kept;
}

// Which block a private-ish IPv4 address stays in, as the number of leading
// bits kept; 0: public, -1: kept as it is.
int Ipv4ClassBits(wire::Ipv4 a) {
  if (a == 0 || (a >> 24) == 127 || (a >> 28) == 0xe || (a >> 28) == 0xf) return -1;
  if ((a >> 24) == 10) return 8;
  if ((a >> 20) == ((172u << 4) | 1)) return 12;  // 172.16/12
  if ((a >> 16) == ((192u << 8) | 168)) return 16;
  if ((a >> 22) == ((100u << 2) | 1)) return 10;  // 100.64/10
  if ((a >> 16) == ((169u << 8) | 254)) return 16;
  return 0;
}

enum class Kind { kIpv4, kHex, kName, kSsid };

struct Entry {
  std::string original;  // lower case unless kSsid
  std::string pseudonym;
  Kind kind;
  /// Long identifiers (a bare MAC, a serial number) are also found inside
  /// longer ones (a TXT "id" built from the serial): a chance match of 8 or
  /// more letters and digits is unlikely.
  bool anywhere = false;
};

bool IdentifierLike(const std::string& s) {
  return s.size() >= 8 && std::all_of(s.begin(), s.end(), IsAlnum) &&
         std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

struct Redactor::Tables {
  std::uint64_t seed = 0;
  std::mt19937_64 rng;
  bool frozen = false;

  std::set<std::uint64_t> mac_originals;
  std::map<std::uint64_t, std::uint64_t> macs;
  std::uint64_t next_base = 0x10;
  int next_la_upper = 1;

  std::set<wire::Ipv4> v4_originals;
  std::set<wire::Ipv6> v6_originals;
  std::map<wire::Ipv4, wire::Ipv4> v4;
  std::map<wire::Ipv6, wire::Ipv6> v6;
  std::map<std::string, bool> flips;
  std::map<std::uint64_t, std::uint64_t> iids;
  int next_doc = 0;

  std::map<std::string, std::string> labels;      // lower-case host label -> "host-N"
  std::map<std::string, std::string> domains;     // lower-case domain -> "domain-N"
  std::map<std::string, std::string> hosts_seen;  // original spelling -> pseudonym
  std::map<ByteString, ByteString> ssids;
  std::map<std::string, std::string> serials;
  std::map<std::string, std::string> udns;  // lower-case -> pseudonym
  std::map<std::string, std::string> udns_seen;

  std::vector<Entry> entries;
  bool entries_dirty = true;

  bool Flip(const std::string& key) {
    auto [it, inserted] = flips.try_emplace(key, false);
    if (inserted) it->second = (rng() & 1) != 0;
    return it->second;
  }

  // ---- MACs ----

  // Neighbouring MACs (a router's BSSIDs around its LAN MAC) form a cluster
  // that moves as one, so that distances (and wifi::NeighbouringMacs) stay.
  void FreezeMacs() {
    std::vector<std::uint64_t> all;
    for (auto v : mac_originals)
      if (!macs.count(v) && !IsKept(v)) all.push_back(v);
    auto low40 = [](std::uint64_t v) { return v & 0xffffffffffULL; };
    std::sort(all.begin(), all.end(), [&](std::uint64_t a, std::uint64_t b) {
      return low40(a) != low40(b) ? low40(a) < low40(b) : a < b;
    });
    for (size_t i = 0; i < all.size();) {
      size_t j = i + 1;
      while (j < all.size() && low40(all[j]) - low40(all[j - 1]) <= 64) ++j;
      AssignCluster(std::vector<std::uint64_t>(all.begin() + i, all.begin() + j));
      i = j;
    }
  }

  static bool IsKept(std::uint64_t v) {
    return v == 0 || v == 0xffffffffffffULL || ((v >> 40) & 0x01) != 0;  // multicast
  }

  void AssignCluster(const std::vector<std::uint64_t>& cluster) {
    auto low40 = [](std::uint64_t v) { return v & 0xffffffffffULL; };
    std::uint64_t min = low40(cluster.front());
    std::uint64_t span = low40(cluster.back()) - min;
    bool global = false;
    for (auto v : cluster) global = global || ((v >> 40) & 0x02) == 0;
    std::uint64_t upper =
        global ? (min >> 24) & 0xffff : static_cast<std::uint64_t>(next_la_upper++);
    for (int attempt = 0; attempt < 1000; ++attempt) {
      std::uint64_t base = next_base;
      next_base = ((base + span + 0x100) & ~0xffULL) + 0x10;
      if (base + span > 0xffffff) {
        next_base = 0x10;
        continue;
      }
      std::map<std::uint64_t, std::uint64_t> mapped;
      bool clash = false;
      for (auto v : cluster) {
        std::uint64_t out = (v & 0xff0000000000ULL) | upper << 24 | (base + low40(v) - min);
        if (mac_originals.count(out)) clash = true;
        mapped[v] = out;
      }
      if (clash) continue;
      macs.insert(mapped.begin(), mapped.end());
      return;
    }
    for (auto v : cluster) macs[v] = v ^ 0xffffff;  // pathological: everything taken
  }

  std::uint64_t MapMac(std::uint64_t v) {
    if (IsKept(v)) return v;
    auto it = macs.find(v);
    if (it != macs.end()) return it->second;
    mac_originals.insert(v);
    AssignCluster({v});
    entries_dirty = true;
    return macs[v];
  }

  // ---- IP addresses ----

  wire::Ipv4 NextDocumentation() {
    static const wire::Ipv4 kBlocks[] = {0xC0000200, 0xC6336400, 0xCB007100};
    while (next_doc < 3 * 254) {
      wire::Ipv4 a = kBlocks[next_doc / 254] | static_cast<wire::Ipv4>(next_doc % 254 + 1);
      ++next_doc;
      if (!v4_originals.count(a)) return a;
    }
    return 0xC6120000 | static_cast<wire::Ipv4>(rng() & 0x1ffff);  // 198.18/15
  }

  wire::Ipv4 MapV4(wire::Ipv4 a) {
    auto it = v4.find(a);
    if (it != v4.end()) return it->second;
    int keep = Ipv4ClassBits(a);
    wire::Ipv4 out = a;
    if (keep < 0 || WellKnownResolvers().count(wire::FormatIpv4(a))) {
      out = a;
    } else if (keep == 0) {
      out = NextDocumentation();
    } else {
      for (int bit = keep; bit < 24; ++bit) {
        wire::Ipv4 prefix = a >> (32 - bit);
        if (Flip("4/" + std::to_string(bit) + "/" + std::to_string(prefix)))
          out ^= wire::Ipv4{1} << (31 - bit);
      }
    }
    v4[a] = out;
    return out;
  }

  std::uint64_t MapIid(std::uint64_t iid) {
    if (iid <= 0xffff) return iid;
    auto it = iids.find(iid);
    if (it != iids.end()) return it->second;
    std::uint64_t out;
    if (((iid >> 24) & 0xffff) == 0xfffe) {  // EUI-64 from a MAC
      std::uint64_t mac = ((iid >> 16) & 0xffffff000000ULL) | (iid & 0xffffff);
      mac ^= 0x020000000000ULL;
      std::uint64_t m = MapMac(mac) ^ 0x020000000000ULL;
      out = (m & 0xffffff000000ULL) << 16 | 0xfffeULL << 24 | (m & 0xffffff);
    } else {
      do out = rng() | 0x10000;
      while (out == iid);
    }
    iids[iid] = out;
    return out;
  }

  wire::Ipv6 MapV6(const wire::Ipv6& a) {
    auto it = v6.find(a);
    if (it != v6.end()) return it->second;
    wire::Ipv6 out = a;
    bool zero_prefix = std::all_of(a.begin(), a.begin() + 10, [](auto b) { return b == 0; });
    bool v4_mapped = zero_prefix && a[10] == 0xff && a[11] == 0xff;
    if (v4_mapped) {
      auto m = wire::Ipv4ToBytes(MapV4(wire::Ipv4FromBytes({a[12], a[13], a[14], a[15]})));
      std::copy(m.begin(), m.end(), out.begin() + 12);
    } else if (zero_prefix || wire::IsMulticast(a) ||
               WellKnownResolvers().count(wire::FormatIpv6(a))) {
      // ::, ::1, multicast and the public resolvers stay.
    } else {
      int keep = wire::IsLinkLocal(a) ? 64 : (a[0] & 0xfe) == 0xfc ? 8 : 0;
      for (int bit = keep; bit < 64; ++bit) {
        std::string key = "6/" + std::to_string(bit) + "/";
        for (int i = 0; i < bit; ++i) key += ((a[i / 8] >> (7 - i % 8)) & 1) ? '1' : '0';
        if (Flip(key)) out[bit / 8] ^= static_cast<std::uint8_t>(1 << (7 - bit % 8));
      }
      if (keep == 0) {  // global: into the documentation prefix
        out[0] = 0x20, out[1] = 0x01, out[2] = 0x0d, out[3] = 0xb8;
      }
      std::uint64_t iid = 0;
      for (int i = 8; i < 16; ++i) iid = iid << 8 | a[i];
      iid = MapIid(iid);
      for (int i = 15; i >= 8; --i, iid >>= 8) out[i] = static_cast<std::uint8_t>(iid & 0xff);
    }
    v6[a] = out;
    return out;
  }

  // Maps every address learned; tries other flips when a pseudonym happens
  // to equal an original (so that no original value appears in the output).
  void FreezeIps() {
    for (int attempt = 0; attempt < 64; ++attempt) {
      v4.clear(), v6.clear(), flips.clear(), iids.clear();
      next_doc = 0;
      bool clash = false;
      std::set<wire::Ipv4> seen4;
      for (auto a : v4_originals) {
        auto m = MapV4(a);
        bool unchanged = m == a && Ipv4ClassBits(a) > 0;  // a private network kept by chance
        if (unchanged || (m != a && v4_originals.count(m)) || !seen4.insert(m).second) clash = true;
      }
      std::set<wire::Ipv6> seen6;
      for (const auto& a : v6_originals) {
        auto m = MapV6(a);
        if ((m != a && v6_originals.count(m)) || !seen6.insert(m).second) clash = true;
      }
      if (!clash) return;
      rng.seed(seed + 7919 * (attempt + 1));
    }
  }

  void Freeze() {
    if (frozen) return;
    frozen = true;
    FreezeMacs();
    FreezeIps();
  }

  // ---- the last pass over every string ----

  void AddEntry(const std::string& original, const std::string& pseudonym, Kind kind) {
    if (original.size() < 2 || original == pseudonym) return;
    entries.push_back({kind == Kind::kSsid ? original : Lower(original), pseudonym, kind,
                       kind != Kind::kSsid && kind != Kind::kIpv4 && IdentifierLike(original)});
  }

  void BuildEntries() {
    if (!entries_dirty) return;
    entries.clear();
    for (const auto& [o, m] : macs) {
      if (o == m) continue;
      std::string a = wire::FormatMac(MacFromValue(o)), b = wire::FormatMac(MacFromValue(m));
      AddEntry(a, b, Kind::kHex);
      std::string da = a, db = b, ba, bb;
      std::replace(da.begin(), da.end(), ':', '-');
      std::replace(db.begin(), db.end(), ':', '-');
      AddEntry(da, db, Kind::kHex);
      for (char c : a)
        if (c != ':') ba += c;
      for (char c : b)
        if (c != ':') bb += c;
      AddEntry(ba, bb, Kind::kHex);
    }
    for (const auto& [o, m] : v4)
      if (o != m) AddEntry(wire::FormatIpv4(o), wire::FormatIpv4(m), Kind::kIpv4);
    for (const auto& [o, m] : v6)
      if (o != m) AddEntry(wire::FormatIpv6(o), wire::FormatIpv6(m), Kind::kHex);
    for (const auto& [o, m] : hosts_seen) AddEntry(o, m, Kind::kName);
    for (const auto& [o, m] : labels) AddEntry(o, m, Kind::kName);
    for (const auto& [o, m] : serials) AddEntry(o, m, Kind::kName);
    for (const auto& [o, m] : udns_seen) {
      AddEntry(o, m, Kind::kName);
      if (Lower(o).rfind("uuid:", 0) == 0 && Lower(m).rfind("uuid:", 0) == 0)
        AddEntry(o.substr(5), m.substr(5), Kind::kName);
    }
    for (const auto& [o, m] : ssids) AddEntry(DisplaySsid(o), DisplaySsid(m), Kind::kSsid);
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.original.size() > b.original.size();
    });
    entries_dirty = false;
  }

  static bool Boundary(const std::string& s, size_t at, size_t len, Kind kind) {
    char first = s[at], last = s[at + len - 1];
    char before = at > 0 ? s[at - 1] : ' ';
    char after = at + len < s.size() ? s[at + len] : ' ';
    char after2 = at + len + 1 < s.size() ? s[at + len + 1] : ' ';
    switch (kind) {
      case Kind::kIpv4:
        return !IsAlnum(before) && before != '.' && !IsAlnum(after) &&
               !(after == '.' && IsAlnum(after2));
      case Kind::kHex:
        return !IsAlnum(before) && before != ':' && !IsAlnum(after) &&
               !(after == ':' && IsAlnum(after2));
      case Kind::kName:
      case Kind::kSsid:
        return !(IsAlnum(first) && IsAlnum(before)) && !(IsAlnum(last) && IsAlnum(after));
    }
    return false;
  }

  std::string Replace(const std::string& text) {
    BuildEntries();
    if (entries.empty() || text.empty()) return text;
    std::string lower = Lower(text), out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
      const Entry* hit = nullptr;
      for (const auto& e : entries) {
        const std::string& hay = e.kind == Kind::kSsid ? text : lower;
        if (e.original.size() <= text.size() - i &&
            hay.compare(i, e.original.size(), e.original) == 0 &&
            (e.anywhere || Boundary(text, i, e.original.size(), e.kind))) {
          hit = &e;
          break;
        }
      }
      if (hit == nullptr) {
        out += text[i++];
        continue;
      }
      std::string replacement = hit->pseudonym;
      bool upper = false;
      for (size_t k = i; k < i + hit->original.size(); ++k)
        upper = upper || std::isupper(static_cast<unsigned char>(text[k]));
      if (hit->kind == Kind::kHex && upper)
        for (auto& c : replacement)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += replacement;
      i += hit->original.size();
    }
    return out;
  }
};

// ---- the walk over every field that holds a personal value ----------------------

namespace {

template <typename V>
void Walk(WifiScan& s, V& v) {
  for (auto& b : s.networks) {
    v.Mac(b.bssid);
    v.Ssid(b.ssid);
  }
  if (s.link) {
    v.Mac(s.link->bssid);
    v.Ssid(s.link->ssid);
  }
}

template <typename V>
void Walk(Survey& s, V& v) {
  for (auto& ssid : s.own_ssids) v.Ssid(ssid);
  for (auto& room : s.rooms)
    for (auto& sample : room.samples) Walk(sample, v);
}

template <typename V>
void Walk(Snapshot& s, V& v) {
  v.Host(s.host.hostname);
  for (auto& i : s.interfaces) {
    v.Mac(i.mac);
    for (auto& a : i.addresses) v.Ip(a.address);
  }
  for (auto& r : s.routes) {
    v.Ip(r.destination);
    v.Ip(r.gateway);
  }
  v.Ip(s.default_gateway);
  for (auto& r : s.resolvers) v.Ip(r.address);
  for (auto& d : s.devices) {
    v.Mac(d.mac);
    for (auto& ip : d.ipv4) v.Ip(ip);
    for (auto& ip : d.ipv6) v.Ip(ip);
  }
  Measurements& m = s.measurements;
  if (m.arp) {
    v.Ip(m.arp->subnet);
    for (auto& c : m.arp->conflicts) {
      v.Ip(c.ip);
      for (auto& mac : c.macs) v.Mac(mac);
    }
  }
  for (auto& p : m.ping) {
    v.Ip(p.target);
    v.Mac(p.mac);
  }
  for (auto& d : m.dns) {
    v.Ip(d.resolver);
    for (auto& q : d.queries)
      for (auto& a : q.answers) v.Ip(a);
  }
  if (m.dhcp) {
    v.Mac(m.dhcp->client_mac);
    for (auto& msg : m.dhcp->messages) {
      v.Ip(msg.server_id);
      v.Ip(msg.server_ip);
      v.Mac(msg.server_mac);
      v.Mac(msg.client_mac);
      v.Ip(msg.offered_ip);
      for (auto& ip : msg.routers) v.Ip(ip);
      for (auto& ip : msg.dns_servers) v.Ip(ip);
      v.Host(msg.hostname);
    }
  }
  if (m.ssdp) {
    for (auto& msg : m.ssdp->messages) {
      v.Ip(msg.from_ip);
      v.Usn(msg.usn);
      v.Url(msg.location);
      for (auto& [name, value] : msg.headers) v.Url(value);
    }
    for (auto& d : m.ssdp->descriptions) {
      v.Url(d.location);
      v.Ip(d.from_ip);
      for (auto& u : d.devices) {
        v.Udn(u.udn);
        v.Udn(u.parent_udn);
        v.Serial(u.serial_number);
        v.Url(u.presentation_url);
        for (auto& svc : u.services) {
          v.Url(svc.control_url);
          v.Url(svc.scpd_url);
        }
      }
    }
    for (auto& g : m.ssdp->gateways) {
      v.Ip(g.from_ip);
      v.Url(g.control_url);
      v.Ip(g.external_ip);
      for (auto& p : g.port_mappings) {
        v.Ip(p.internal_client);
        v.Ip(p.remote_host);
      }
    }
  }
  if (m.mdns) {
    for (auto& svc : m.mdns->services) {
      v.Host(svc.host);
      for (auto& ip : svc.addresses) v.Ip(ip);
      v.Ip(svc.from_ip);
    }
  }
  if (m.ipv6) {
    for (auto& ra : m.ipv6->router_advertisements) {
      v.Ip(ra.from_ip);
      v.Mac(ra.from_mac);
      for (auto& p : ra.prefixes) v.Ip(p.prefix);
      for (auto& ip : ra.rdnss) v.Ip(ip);
    }
    for (auto& n : m.ipv6->neighbours) {
      v.Ip(n.ip);
      v.Mac(n.mac);
    }
    for (auto& ip : m.ipv6->client_global_addresses) v.Ip(ip);
  }
  if (m.passive) {
    for (auto& g : m.passive->igmp) {
      v.Ip(g.from_ip);
      v.Mac(g.from_mac);
      v.Ip(g.group);
    }
    for (auto& l : m.passive->lldp) {
      v.Mac(l.from_mac);
      v.Mac(l.chassis_id);  // only when it is a MAC
      v.Mac(l.port_id);
      v.Host(l.system_name);
      v.Ip(l.management_ip);
    }
  }
  if (m.igmp_querier) {
    v.Ip(m.igmp_querier->group);
    for (auto* list : {&m.igmp_querier->queries, &m.igmp_querier->reports})
      for (auto& g : *list) {
        v.Ip(g.from_ip);
        v.Mac(g.from_mac);
        v.Ip(g.group);
      }
  }
  for (auto& test : m.speed) {
    // "host:port" read as a URL's authority, so that an address in it is
    // replaced like one in a URL (a server's name is kept).
    std::string server = "http://" + test.server;
    v.Url(server);
    test.server = server.substr(7);
    v.Ip(test.latency_target);
    for (auto& t : test.transfers) v.Url(t.url);
  }
  if (m.wifi) Walk(*m.wifi, v);
  if (s.survey) Walk(*s.survey, v);
}

// Splits "a.b.c.d/24" or "fe80::1%eth0" into address and suffix.
std::pair<std::string, std::string> SplitSuffix(const std::string& text) {
  size_t at = text.find_first_of("/%");
  if (at == std::string::npos) return {text, ""};
  return {text.substr(0, at), text.substr(at)};
}

// The host of "scheme://host[:port]/..." as [begin, end) in the text.
std::pair<size_t, size_t> UrlHost(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {0, 0};
  size_t begin = scheme + 3;
  if (begin < url.size() && url[begin] == '[') {
    size_t end = url.find(']', begin);
    return end == std::string::npos ? std::pair<size_t, size_t>{0, 0}
                                    : std::pair<size_t, size_t>{begin + 1, end};
  }
  size_t end = url.find_first_of(":/?#", begin);
  return {begin, end == std::string::npos ? url.size() : end};
}

}  // namespace

class Learner {
 public:
  explicit Learner(Redactor::Tables* t) : t_(t) {}
  void Mac(std::string& s) {
    if (auto m = wire::ParseMac(s)) t_->mac_originals.insert(MacValue(*m));
  }
  void Ip(std::string& s) {
    std::string a = SplitSuffix(s).first;
    if (auto v4 = wire::ParseIpv4(a)) t_->v4_originals.insert(*v4);
    if (auto v6 = wire::ParseIpv6(a)) t_->v6_originals.insert(*v6);
  }
  void Url(std::string& s) {
    auto [b, e] = UrlHost(s);
    std::string host = s.substr(b, e - b);
    Ip(host);
  }
  void Host(std::string&) {}
  void Ssid(ByteString&) {}
  void Serial(std::string&) {}
  void Udn(std::string&) {}
  void Usn(std::string&) {}

 private:
  Redactor::Tables* t_;
};

class Applier {
 public:
  explicit Applier(Redactor* r) : r_(r) {}
  void Mac(std::string& s) {
    if (wire::ParseMac(s)) s = r_->Mac(s);
  }
  void Ip(std::string& s) { s = r_->Ip(s); }
  void Url(std::string& s) {
    auto [b, e] = UrlHost(s);
    if (e > b) s = s.substr(0, b) + r_->Ip(s.substr(b, e - b)) + s.substr(e);
  }
  void Host(std::string& s) { s = r_->Hostname(s); }
  void Ssid(ByteString& s) { s = r_->Ssid(s); }
  void Serial(std::string& s) { s = r_->Serial(s); }
  void Udn(std::string& s) { s = r_->Udn(s); }
  void Usn(std::string& s) {
    size_t at = s.find("::");
    s = r_->Udn(s.substr(0, at)) + (at == std::string::npos ? "" : s.substr(at));
  }

 private:
  Redactor* r_;
};

Redactor::Redactor(std::uint64_t seed) : t_(std::make_unique<Tables>()) {
  t_->seed =
      seed != 0 ? seed : (std::uint64_t{std::random_device{}()} << 32 | std::random_device{}());
  t_->rng.seed(t_->seed);
}

Redactor::~Redactor() = default;

void Redactor::Learn(const Snapshot& snapshot) {
  Snapshot copy = snapshot;
  Learner learner(t_.get());
  Walk(copy, learner);
}

void Redactor::Learn(const Survey& survey) {
  Survey copy = survey;
  Learner learner(t_.get());
  Walk(copy, learner);
}

namespace {

void ReplaceStrings(nlohmann::json& j, Redactor* r) {
  if (j.is_string()) {
    j = r->Text(j.get<std::string>());
  } else if (j.is_array() || j.is_object()) {
    for (auto& item : j) ReplaceStrings(item, r);
  }
}

}  // namespace

void Redactor::Apply(Snapshot* snapshot) {
  t_->Freeze();
  Applier applier(this);
  Walk(*snapshot, applier);
  // The last pass: what contains an original value (URLs, names, TXT
  // values, notes ...) gets its pseudonym, in every string of the snapshot.
  nlohmann::json json = SnapshotToJson(*snapshot);
  for (auto& item : json.items())
    if (item.key() != "schema") ReplaceStrings(item.value(), this);
  Snapshot redacted;
  std::string error;
  if (SnapshotFromJson(json, &redacted, &error)) *snapshot = std::move(redacted);
  snapshot->redacted = true;
}

void Redactor::Apply(Survey* survey) {
  t_->Freeze();
  Applier applier(this);
  Walk(*survey, applier);
  for (auto& room : survey->rooms)
    for (auto& sample : room.samples)
      for (auto& note : sample.notes) note = Text(note);
  survey->redacted = true;
}

std::string Redactor::Mac(const std::string& mac) {
  auto parsed = wire::ParseMac(mac);
  if (!parsed) return mac;
  t_->Freeze();
  return wire::FormatMac(MacFromValue(t_->MapMac(MacValue(*parsed))));
}

std::string Redactor::Ip(const std::string& ip) {
  auto [address, suffix] = SplitSuffix(ip);
  t_->Freeze();
  if (auto v4 = wire::ParseIpv4(address)) {
    if (!t_->v4.count(*v4)) t_->v4_originals.insert(*v4), t_->entries_dirty = true;
    return wire::FormatIpv4(t_->MapV4(*v4)) + suffix;
  }
  if (auto v6 = wire::ParseIpv6(address)) {
    if (!t_->v6.count(*v6)) t_->v6_originals.insert(*v6), t_->entries_dirty = true;
    return wire::FormatIpv6(t_->MapV6(*v6)) + suffix;
  }
  return ip;
}

ByteString Redactor::Ssid(const ByteString& ssid) {
  bool hidden = std::all_of(ssid.bytes.begin(), ssid.bytes.end(), [](char c) { return c == 0; });
  if (hidden) return ssid;
  auto [it, inserted] = t_->ssids.try_emplace(ssid);
  if (inserted) {
    it->second.bytes = "WLAN-" + std::to_string(t_->ssids.size());
    t_->entries_dirty = true;
  }
  return it->second;
}

std::string Redactor::Hostname(const std::string& name) {
  if (name.empty()) return name;
  std::string lower = Lower(name);
  if (lower == "localhost") return name;
  size_t dot = name.find('.');
  std::string label = Lower(name.substr(0, dot));
  auto [it, inserted] = t_->labels.try_emplace(label);
  if (inserted) it->second = "host-" + std::to_string(t_->labels.size());
  std::string out = it->second;
  if (dot != std::string::npos) {
    static const std::set<std::string> generic = {"local",     "lan",       "home", "localdomain",
                                                  "home.arpa", "fritz.box", "box",  "internal"};
    std::string domain = lower.substr(dot + 1);
    if (!domain.empty() && domain.back() == '.') domain.pop_back();
    if (generic.count(domain)) {
      out += name.substr(dot);
    } else {
      auto [d, added] = t_->domains.try_emplace(domain);
      if (added) d->second = "domain-" + std::to_string(t_->domains.size()) + ".invalid";
      out += "." + d->second;
    }
  }
  if (t_->hosts_seen.emplace(name, out).second) t_->entries_dirty = true;
  if (dot != std::string::npos) t_->hosts_seen.emplace(name.substr(0, dot), it->second);
  return out;
}

std::string Redactor::Serial(const std::string& serial) {
  if (serial.empty()) return serial;
  auto [it, inserted] = t_->serials.try_emplace(serial);
  if (inserted) {
    it->second = "serial-" + std::to_string(t_->serials.size());
    t_->entries_dirty = true;
  }
  return it->second;
}

std::string Redactor::Udn(const std::string& udn) {
  if (udn.empty()) return udn;
  std::string lower = Lower(udn);
  auto [it, inserted] = t_->udns.try_emplace(lower);
  if (inserted) {
    std::string body = lower.rfind("uuid:", 0) == 0 ? udn.substr(5) : udn;
    // A vendor label in front ("RINCON_", "GMediaRender-") names a product,
    // not a person, and device recognition reads it.
    std::string label;
    size_t k = 0;
    while (k < body.size() && std::isalpha(static_cast<unsigned char>(body[k]))) ++k;
    if (k > 0 && k < body.size() && (body[k] == '_' || body[k] == '-') &&
        !std::all_of(body.begin(), body.begin() + k,
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
      label = body.substr(0, k + 1);
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012zx", t_->udns.size());
    it->second = "uuid:" + label + uuid;
  }
  if (t_->udns_seen.emplace(udn, it->second).second) t_->entries_dirty = true;
  return it->second;
}

std::string Redactor::Text(const std::string& text) {
  t_->Freeze();
  return t_->Replace(text);
}

void Redact(Snapshot* snapshot, std::uint64_t seed) {
  Redactor redactor(seed);
  redactor.Learn(*snapshot);
  redactor.Apply(snapshot);
}

void Redact(Survey* survey, std::uint64_t seed) {
  Redactor redactor(seed);
  redactor.Learn(*survey);
  redactor.Apply(survey);
}

}  // namespace netfix::model
