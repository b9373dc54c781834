#include "model/redact.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/snapshot_json.h"
#include "model/wifi_json.h"
#include "profile/profile.h"
#include "report/report.h"
#include "wire/addr.h"
#include "wire/wifi_import.h"

using namespace netfix;
using model::ByteString;
using model::Redactor;
using nlohmann::json;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> SnapshotFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(NETFIX_SOURCE_DIR) +
                                                           "/tests/data/snapshots"))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

model::Snapshot LoadSnapshot(const std::string& path) {
  model::Snapshot s;
  std::string error;
  REQUIRE(model::ParseSnapshot(ReadFile(path), &s, &error));
  return s;
}

// The home survey: one room per iw file of tests/data/wifi/home.
model::Survey HomeSurvey() {
  model::Survey survey;
  std::string dir = std::string(NETFIX_SOURCE_DIR) + "/tests/data/wifi/home/";
  for (const char* name : {"wohnzimmer", "kueche-1", "schlafzimmer", "buero"}) {
    auto result = wire::ParseWifiText(ReadFile(dir + name + ".iw.txt"), wire::WifiTextFormat::kIw);
    REQUIRE(result.ok);
    survey.rooms.push_back(
        {name, name == std::string("wohnzimmer") ? "router" : "", {result.scan}});
  }
  return survey;
}

// ---- what the test counts as personal, collected from the JSON itself (not
// through the Redactor's own walk, so that a field it forgets is caught) ----

bool KeptIp(const std::string& text) {
  static const std::set<std::string> resolvers = {"1.1.1.1", "1.0.0.1", "8.8.8.8",
                                                  "8.8.4.4", "9.9.9.9", "2606:4700:4700::1111"};
  if (resolvers.count(text)) return true;
  if (auto v4 = wire::ParseIpv4(text)) {
    int top = static_cast<int>(*v4 >> 24);
    return *v4 == 0 || top == 127 || top >= 224;
  }
  if (auto v6 = wire::ParseIpv6(text)) {
    bool zero = std::all_of(v6->begin(), v6->begin() + 10, [](auto b) { return b == 0; });
    if (zero || wire::IsMulticast(*v6)) return true;
    // fe80::1 and the like: the link-local prefix and a small identifier
    bool small = std::all_of(v6->begin() + 2, v6->begin() + 14, [](auto b) { return b == 0; });
    return wire::IsLinkLocal(*v6) && small;
  }
  return true;  // not an address
}

struct Sensitive {
  std::set<std::string> macs, ips, names;  // names: hostnames, SSIDs, serials, UDNs
};

void AddMac(Sensitive* s, const std::string& text) {
  auto mac = wire::ParseMac(text);
  if (!mac || wire::IsMulticastMac(*mac) || *mac == wire::kZeroMac) return;
  std::string m = wire::FormatMac(*mac);
  s->macs.insert(m);
  std::string bare;
  for (char c : m)
    if (c != ':') bare += c;
  s->macs.insert(bare);
}

void AddIp(Sensitive* s, std::string text) {
  text = text.substr(0, text.find_first_of("/%"));
  if (!KeptIp(text)) s->ips.insert(Lower(text));
}

void AddUrlHost(Sensitive* s, const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return;
  size_t begin = scheme + 3, end = url.find_first_of(":/", begin);
  if (url[begin] == '[') ++begin, end = url.find(']', begin);
  AddIp(s, url.substr(begin, end - begin));
}

void Collect(const json& j, const std::string& key, Sensitive* s) {
  static const std::set<std::string> mac_keys = {"mac",      "bssid", "server_mac", "client_mac",
                                                 "from_mac", "macs",  "chassis_id"};
  static const std::set<std::string> ip_keys = {"address",
                                                "ip",
                                                "gateway",
                                                "default_gateway",
                                                "target",
                                                "resolver",
                                                "server_id",
                                                "server_ip",
                                                "offered_ip",
                                                "routers",
                                                "dns_servers",
                                                "from_ip",
                                                "external_ip",
                                                "internal_client",
                                                "management_ip",
                                                "rdnss",
                                                "answers",
                                                "ipv4",
                                                "ipv6",
                                                "addresses",
                                                "client_global_addresses",
                                                "destination",
                                                "subnet",
                                                "prefix"};
  static const std::set<std::string> name_keys = {
      "hostname", "host", "system_name", "ssid", "own_ssids", "serial_number", "udn", "parent_udn"};
  static const std::set<std::string> url_keys = {"location", "control_url", "scpd_url",
                                                 "presentation_url"};
  if (j.is_object()) {
    for (const auto& item : j.items()) Collect(item.value(), item.key(), s);
  } else if (j.is_array()) {
    for (const auto& item : j) Collect(item, key, s);
  } else if (j.is_string()) {
    std::string v = j.get<std::string>();
    if (mac_keys.count(key)) AddMac(s, v);
    if (ip_keys.count(key)) AddIp(s, v);
    if (url_keys.count(key)) AddUrlHost(s, v);
    if (name_keys.count(key) && v.size() >= 2 && Lower(v) != "localhost") {
      s->names.insert(Lower(v));
      if (key == "host" || key == "hostname") s->names.insert(Lower(v.substr(0, v.find('.'))));
    }
  }
}

bool Alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Whether `needle` occurs in `hay` as a whole token (case-insensitive):
// "192.168.1.1" does not occur in "192.168.1.10".
bool Occurs(const std::string& hay, const std::string& needle, bool address) {
  // Long identifiers (a bare MAC, a serial) must not survive inside longer ones either.
  bool identifier = needle.size() >= 8 && std::all_of(needle.begin(), needle.end(), Alnum) &&
                    std::any_of(needle.begin(), needle.end(), ::isdigit);
  if (identifier) return hay.find(needle) != std::string::npos;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    char before = at > 0 ? hay[at - 1] : ' ';
    char after = at + needle.size() < hay.size() ? hay[at + needle.size()] : ' ';
    char after2 = at + needle.size() + 1 < hay.size() ? hay[at + needle.size() + 1] : ' ';
    bool left =
        !(Alnum(needle.front()) && Alnum(before)) && !(address && (before == '.' || before == ':'));
    bool right = !(Alnum(needle.back()) && Alnum(after)) &&
                 !(address && (after == '.' || after == ':') && Alnum(after2));
    if (left && right) return true;
  }
  return false;
}

void RequireNothingSurvives(const Sensitive& s, const std::string& output,
                            const std::string& what) {
  std::string hay = Lower(output);
  for (const auto& v : s.macs) {
    INFO(what << ": MAC " << v);
    CHECK_FALSE(Occurs(hay, v, true));
  }
  for (const auto& v : s.ips) {
    INFO(what << ": IP " << v);
    CHECK_FALSE(Occurs(hay, v, true));
  }
  for (const auto& v : s.names) {
    INFO(what << ": name " << v);
    CHECK_FALSE(Occurs(hay, v, false));
  }
}

struct Outcome {
  std::vector<std::pair<std::string, std::string>> findings;  // check, variant
  std::vector<std::pair<std::string, std::string>> runs;      // check, outcome
};

Outcome Diagnose(const model::Snapshot& s) {
  auto devices = inventory::Build(s);
  auto d = check::Diagnose(s, devices, check::Catalog::Builtin());
  Outcome o;
  for (const auto& f : d.findings) o.findings.emplace_back(f.check, f.variant);
  for (const auto& r : d.runs) o.runs.emplace_back(r.check, model::ToString(r.outcome));
  std::sort(o.findings.begin(), o.findings.end());
  return o;
}

std::vector<std::string> Renderings(const model::Snapshot& s) {
  auto devices = inventory::Build(s);
  auto d = check::Diagnose(s, devices, check::Catalog::Builtin());
  std::vector<std::string> out = {model::DumpJson(model::SnapshotToJson(s))};
  for (auto lang : {model::Lang::kEn, model::Lang::kDe}) {
    report::Report r{
        s, devices, d, check::Catalog::Builtin(), lang, &profile::ProfileDb::Builtin()};
    out.push_back(report::RenderJson(r));
    out.push_back(report::RenderText(r, {}));
    out.push_back(report::RenderMarkdown(r));
    out.push_back(report::RenderHtml(r));
  }
  return out;
}

}  // namespace

TEST_CASE("Redaction keeps the class of an IP address") {
  Redactor r(42);
  model::Snapshot s;
  s.devices.push_back({.mac = "00:11:22:33:44:55",
                       .ipv4 = {"192.168.178.20", "192.168.178.1", "192.168.179.1", "10.1.2.3",
                                "100.70.1.2", "169.254.3.4", "84.158.12.34"}});
  r.Learn(s);
  std::string a = r.Ip("192.168.178.20"), b = r.Ip("192.168.178.1"), c = r.Ip("192.168.179.1");
  CHECK(a.rfind("192.168.", 0) == 0);
  CHECK(a != "192.168.178.20");
  CHECK(a.substr(a.rfind('.')) == ".20");  // the host part stays
  // Same subnet before, same subnet after; different before, different after.
  CHECK(a.substr(0, a.rfind('.')) == b.substr(0, b.rfind('.')));
  CHECK(b.substr(0, b.rfind('.')) != c.substr(0, c.rfind('.')));
  CHECK(r.Ip("192.168.178.20") == a);  // consistent
  CHECK(r.Ip("192.168.178.0/24") == a.substr(0, a.rfind('.')) + ".0/24");
  CHECK(r.Ip("10.1.2.3").rfind("10.", 0) == 0);
  std::string cgnat = r.Ip("100.70.1.2");
  auto parsed = wire::ParseIpv4(cgnat);
  REQUIRE(parsed);
  CHECK((*parsed >> 22) == ((100u << 2) | 1));
  CHECK(r.Ip("169.254.3.4").rfind("169.254.", 0) == 0);
  std::string pub = r.Ip("84.158.12.34");
  CHECK((pub.rfind("192.0.2.", 0) == 0 || pub.rfind("198.51.100.", 0) == 0 ||
         pub.rfind("203.0.113.", 0) == 0));
  for (const char* kept : {"1.1.1.1", "8.8.8.8", "127.0.0.53", "224.0.0.251", "239.255.255.250",
                           "255.255.255.255", "0.0.0.0", "::1", "ff02::fb", "255.255.255.0"})
    CHECK(r.Ip(kept) == kept);
  CHECK(r.Ip("2003:e1:1f00:aa00:1c2d:3e4f:5a6b:7c8d").rfind("2001:db8:", 0) == 0);
  std::string ula = r.Ip("fd12:3456:789a:1::5");
  CHECK(ula.rfind("fd", 0) == 0);
  CHECK(ula.substr(ula.size() - 3) == "::5");
  CHECK(r.Ip("fe80::1%eth0") == "fe80::1%eth0");
  CHECK(r.Ip("not an address") == "not an address");
}

TEST_CASE("Redaction keeps a MAC address's vendor and its neighbours") {
  Redactor r(7);
  model::Snapshot s;
  s.devices.push_back({.mac = "3c:a6:2f:12:34:56"});
  s.devices.push_back({.mac = "3c:a6:2f:12:34:58"});
  s.devices.push_back({.mac = "3e:a6:2f:12:34:5a"});  // the router's guest BSSID (U/L bit)
  s.devices.push_back({.mac = "da:11:22:33:44:55"});  // a random MAC
  r.Learn(s);
  std::string a = r.Mac("3c:a6:2f:12:34:56"), b = r.Mac("3c:a6:2f:12:34:58");
  std::string g = r.Mac("3e:a6:2f:12:34:5a");
  CHECK(a.rfind("3c:a6:2f:", 0) == 0);
  CHECK(a != "3c:a6:2f:12:34:56");
  auto low = [](const std::string& m) {
    return std::stoul(m.substr(9, 2) + m.substr(12, 2) + m.substr(15, 2), nullptr, 16);
  };
  CHECK(low(b) - low(a) == 2);
  CHECK(g.rfind("3e:a6:2f:", 0) == 0);
  CHECK(low(g) - low(a) == 4);
  std::string random = r.Mac("DA:11:22:33:44:55");
  CHECK(random.rfind("da:", 0) == 0);
  CHECK(random.find("11:22:33") == std::string::npos);
  CHECK(r.Mac("01:00:5e:00:00:fb") == "01:00:5e:00:00:fb");
  CHECK(r.Mac("ff:ff:ff:ff:ff:ff") == "ff:ff:ff:ff:ff:ff");
  // An EUI-64 interface identifier follows its MAC.
  auto eui64 = wire::ParseIpv6("fe80::3ea6:2fff:fe" + a.substr(9, 2) + ":" + a.substr(12, 2) +
                               a.substr(15, 2));
  REQUIRE(eui64);
  CHECK(r.Ip("fe80::3ea6:2fff:fe12:3456") == wire::FormatIpv6(*eui64));
}

TEST_CASE("Redaction gives names consistent pseudonyms and finds them inside other strings") {
  Redactor r(1);
  CHECK(r.Ssid({"Müller WLAN"}).bytes == "WLAN-1");
  CHECK(r.Ssid({"Gast"}).bytes == "WLAN-2");
  CHECK(r.Ssid({"Müller WLAN"}).bytes == "WLAN-1");
  CHECK(r.Ssid({""}).bytes.empty());
  CHECK(r.Ssid({std::string(4, '\0')}).bytes == std::string(4, '\0'));  // hidden stays hidden
  CHECK(r.Hostname("Annas-MacBook.local") == "host-1.local");
  CHECK(r.Hostname("annas-macbook") == "host-1");
  CHECK(r.Hostname("nas.mueller.example") == "host-2.domain-1.invalid");
  CHECK(r.Serial("W1234567") == "serial-1");
  CHECK(r.Udn("uuid:RINCON_48A6B811141401400") ==
        "uuid:RINCON_00000000-0000-4000-8000-000000000001");
  CHECK(r.Udn("uuid:3ca62f10-0001-4000-8000-3ca62f100001").rfind("uuid:00000000-", 0) == 0);
  std::string ip = r.Ip("192.168.178.1");
  CHECK(r.Text("http://192.168.178.1:49000/desc.xml") == "http://" + ip + ":49000/desc.xml");
  CHECK(r.Text("Annas-MacBook's files") == "host-1's files");
  CHECK(r.Text("Joined Müller WLAN at 5 GHz") == "Joined WLAN-1 at 5 GHz");
}

TEST_CASE("No original value survives redaction of a recorded snapshot, in any report format") {
  for (const auto& file : SnapshotFiles()) {
    INFO(file);
    model::Snapshot original = LoadSnapshot(file);
    Sensitive sensitive;
    Collect(model::SnapshotToJson(original), "", &sensitive);
    REQUIRE(sensitive.macs.size() > 4);
    REQUIRE(sensitive.ips.size() > 4);
    model::Snapshot redacted = original;
    model::Redact(&redacted, 99);
    CHECK(redacted.redacted);
    for (const auto& output : Renderings(redacted)) RequireNothingSurvives(sensitive, output, file);
  }
}

TEST_CASE("Redaction covers the latency targets and the IGMP querier test") {
  model::Snapshot s;
  s.default_gateway = "192.168.178.1";
  model::PingResult tv;
  tv.target = "192.168.178.30";
  tv.role = "receiver";
  tv.method = "icmp-raw";
  tv.name = "LG OLED55C1";
  tv.mac = "14:c9:13:30:00:30";
  tv.note = "no answer to ICMP echo from 192.168.178.30; measured with TCP connect to port 80";
  model::PingResult internet;
  internet.target = "1.1.1.1";
  internet.role = "internet";
  internet.method = "udp";
  s.measurements.ping = {tv, internet};
  model::IgmpQuerierTest igmp;
  igmp.group = "239.255.12.34";
  igmp.joined = igmp.left = true;
  igmp.queries = {{"192.168.178.1", "3c:a6:2f:10:00:01", "query", 2, "239.255.12.34", 1}};
  igmp.reports = {{"192.168.178.30", "14:c9:13:30:00:30", "report", 3, "239.255.255.250", 0}};
  s.measurements.igmp_querier = igmp;

  Sensitive sensitive;
  Collect(model::SnapshotToJson(s), "", &sensitive);
  CHECK(sensitive.macs.count("14:c9:13:30:00:30"));
  CHECK(sensitive.ips.count("192.168.178.30"));
  model::Snapshot redacted = s;
  model::Redact(&redacted, 7);
  RequireNothingSurvives(sensitive, model::DumpJson(model::SnapshotToJson(redacted)), "latency");
  const auto& ping = redacted.measurements.ping;
  REQUIRE(ping.size() == 2);
  CHECK(ping[0].mac.rfind("14:c9:13:", 0) == 0);  // the vendor stays
  CHECK(ping[0].name == "LG OLED55C1");           // a product name is not personal
  CHECK(ping[0].note.find(ping[0].target) != std::string::npos);
  CHECK(ping[1].target == "1.1.1.1");
  const auto& q = redacted.measurements.igmp_querier->queries.at(0);
  CHECK(q.from_ip == redacted.default_gateway);
  CHECK(q.group == "239.255.12.34");  // multicast addresses say nothing about the home
  CHECK(redacted.measurements.igmp_querier->reports.at(0).from_ip == ping[0].target);
}

TEST_CASE("Redaction covers the speed tests: servers, URLs and round-trip targets") {
  model::Snapshot s;
  model::SpeedTest home;
  home.leg = "home";
  home.server = "192.168.178.30:8086";
  home.latency_target = "192.168.178.30";
  home.transfers = {{"download", "http://192.168.178.30:8086/download?bytes=1073741824"},
                    {"upload", "http://192.168.178.30:8086/upload"}};
  model::SpeedTest internet;
  internet.leg = "internet";
  internet.server = "62.1.1.10:8080";
  internet.latency_target = "62.1.1.10";
  internet.transfers = {{"download", "http://62.1.1.10:8080/100M.bin"}};
  model::SpeedTest named = internet;
  named.server = "speedtest.isp.test";
  named.transfers = {{"download", "http://speedtest.isp.test/100M.bin"}};
  s.measurements.speed = {home, internet, named};
  model::Snapshot redacted = s;
  model::Redact(&redacted, 7);
  std::string text = model::DumpJson(model::SnapshotToJson(redacted));
  CHECK(text.find("192.168.178.30") == std::string::npos);
  CHECK(text.find("62.1.1.10") == std::string::npos);
  const auto& r = redacted.measurements.speed;
  REQUIRE(r.size() == 3);
  // One pseudonym per address, wherever it appears; ports and paths stay.
  CHECK(r[0].server == r[0].latency_target + ":8086");
  CHECK(r[0].transfers[1].url == "http://" + r[0].latency_target + ":8086/upload");
  CHECK(r[0].latency_target.rfind("192.168.", 0) == 0);  // private stays private
  CHECK(r[1].server == r[1].latency_target + ":8080");
  CHECK(r[1].transfers[0].url == "http://" + r[1].server + "/100M.bin");
  // A server's name is not personal (like the names of public resolvers).
  CHECK(r[2].server == "speedtest.isp.test");
  CHECK(r[2].latency_target == r[1].latency_target);
}

TEST_CASE("A redacted snapshot gives the same diagnosis") {
  for (const auto& file : SnapshotFiles()) {
    INFO(file);
    model::Snapshot original = LoadSnapshot(file);
    model::Snapshot redacted = original;
    model::Redact(&redacted);  // a random seed: the diagnosis must not depend on it
    Outcome before = Diagnose(original), after = Diagnose(redacted);
    CHECK(after.findings == before.findings);
    CHECK(after.runs == before.runs);
  }
}

TEST_CASE("A survey redacts to the same Wi-Fi diagnosis and keeps no SSID or BSSID") {
  model::Snapshot original =
      LoadSnapshot(std::string(NETFIX_SOURCE_DIR) + "/tests/data/snapshots/lab-healthy.json");
  original.survey = HomeSurvey();
  Sensitive sensitive;
  Collect(model::SnapshotToJson(original), "", &sensitive);
  model::Snapshot redacted = original;
  model::Redact(&redacted, 5);
  Outcome before = Diagnose(original), after = Diagnose(redacted);
  CHECK(after.findings == before.findings);
  CHECK(after.runs == before.runs);
  CHECK_FALSE(before.findings.empty());
  for (const auto& output : Renderings(redacted))
    RequireNothingSurvives(sensitive, output, "survey");

  // The survey file on its own.
  model::Survey survey = HomeSurvey();
  Sensitive own;
  Collect(model::SurveyToJson(survey), "", &own);
  REQUIRE(own.macs.size() > 10);
  model::Redact(&survey, 5);
  std::string text = model::DumpJson(model::SurveyToJson(survey));
  CHECK(text.find("\"redacted\": true") != std::string::npos);
  RequireNothingSurvives(own, text, "survey file");
  model::Survey reread;
  std::string error;
  CHECK(model::ParseSurvey(text, &reread, &error));
  CHECK(reread.redacted);
}

TEST_CASE("Redaction of Wi-Fi scans from the corpus keeps no SSID or BSSID") {
  std::string dir = "/work/shared/corpus/wifi_text";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: the corpus is not present at " << dir);
    return;
  }
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string text = ReadFile(e.path().string()), why;
    auto format = wire::DetectWifiTextFormat(text, &why);
    if (!format) continue;
    auto result = wire::ParseWifiText(text, *format);
    if (!result.ok || result.scan.networks.empty()) continue;
    INFO(e.path().string());
    ++files;
    model::Survey survey;
    survey.rooms.push_back({"Room", "", {result.scan}});
    Sensitive sensitive;
    Collect(model::SurveyToJson(survey), "", &sensitive);
    model::Redact(&survey, 3);
    RequireNothingSurvives(sensitive, model::DumpJson(model::SurveyToJson(survey)), "corpus");
  }
  CHECK(files > 0);
}
