// netfix diff: two recorded snapshots of the simulated home (DNS broken, then
// fixed), and a Wi-Fi survey before and after moving things around, built
// from the recorded `iw` scans with some signals changed.
#include "report/diff.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/snapshot_json.h"
#include "report/sanitize.h"
#include "wire/wifi_import.h"

namespace netfix::report {
namespace {

using model::Lang;
using nlohmann::json;

std::string ReadSource(const std::string& path) {
  std::ifstream file(std::string(NETFIX_SOURCE_DIR) + "/" + path);
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

model::Snapshot LabSnapshot(const std::string& name) {
  model::Snapshot snapshot;
  std::string error;
  REQUIRE(model::ParseSnapshot(ReadSource("tests/data/snapshots/" + name + ".json"), &snapshot,
                               &error));
  return snapshot;
}

// A snapshot, diagnosed with the builtin catalog as `netfix diff` does it.
struct Diagnosed {
  explicit Diagnosed(model::Snapshot s)
      : snapshot(std::move(s)),
        inventory(inventory::Build(snapshot)),
        diagnosis(check::Diagnose(snapshot, inventory, check::Catalog::Builtin())) {}
  DiffSide side() const { return {snapshot, inventory, diagnosis}; }

  model::Snapshot snapshot;
  inventory::Inventory inventory;
  check::Diagnosis diagnosis;
};

DiffView Compare(const Diagnosed& before, const Diagnosed& after, Lang lang = Lang::kEn,
                 model::Severity fail_on = model::Severity::kWarning) {
  return BuildDiff(
      {before.side(), after.side(), check::Catalog::Builtin(), lang, fail_on, DiffThresholds{}});
}

const DiffChange* FindChange(const DiffView& view, const std::string& kind,
                             const std::string& subject, const std::string& band = "") {
  for (const auto& c : view.changes)
    if (c.kind == kind && c.subject == subject && c.band == band) return &c;
  return nullptr;
}

bool HasFinding(const std::vector<DiffFinding>& list, const std::string& check,
                const std::string& subject) {
  for (const auto& f : list)
    if (f.check == check && f.subject == subject) return true;
  return false;
}

// ---- The survey --------------------------------------------------------------------

model::WifiScan Scan(const std::string& file) {
  auto result =
      wire::ParseWifiText(ReadSource("tests/data/wifi/home/" + file), wire::WifiTextFormat::kIw);
  REQUIRE(result.ok);
  return result.scan;
}

model::Survey HomeSurvey() {
  model::Survey survey;
  survey.rooms = {{"Wohnzimmer", "router", {Scan("wohnzimmer.iw.txt")}},
                  {"Küche", "", {Scan("kueche-1.iw.txt"), Scan("kueche-2.iw.txt")}},
                  {"Büro", "repeater", {Scan("buero.iw.txt")}},
                  {"Schlafzimmer", "", {Scan("schlafzimmer.iw.txt")}}};
  return survey;
}

// Sets the signal of `bssid` in every sample of `room`.
void SetSignal(model::Survey* survey, const std::string& room, const std::string& bssid,
               double dbm) {
  model::SurveyRoom* r = survey->FindRoom(room);
  REQUIRE(r != nullptr);
  int changed = 0;
  for (auto& sample : r->samples)
    for (auto& bss : sample.networks)
      if (bss.bssid == bssid) {
        bss.signal_dbm = dbm;
        ++changed;
      }
  REQUIRE(changed > 0);
}

model::Snapshot WithSurvey(model::Survey survey) {
  model::Snapshot snapshot = LabSnapshot("lab-healthy");
  snapshot.survey = std::move(survey);
  return snapshot;
}

// The router's radios (FRITZ!Box 7590) and the repeater's.
constexpr const char* kRouter24 = "3c:a6:2f:10:00:03";
constexpr const char* kRouter5 = "3c:a6:2f:10:00:04";
constexpr const char* kRepeater5 = "2c:3a:fd:20:00:04";

// ---- Findings ------------------------------------------------------------------------

TEST_CASE("diff: DNS fixed - dns-failing resolved, answer time better", "[report][diff]") {
  Diagnosed before(LabSnapshot("lab-dns-broken")), after(LabSnapshot("lab-healthy"));
  DiffView view = Compare(before, after);
  REQUIRE(view.resolved.size() == 1);
  CHECK(view.resolved[0].check == "dns-failing");
  CHECK(view.resolved[0].subject == "192.168.178.1");
  CHECK(view.resolved[0].severity == model::Severity::kError);
  CHECK(view.resolved[0].title == "The DNS server does not resolve names");
  CHECK(view.added.empty());
  CHECK(view.remaining.empty());
  CHECK(view.status == "better");
  CHECK_FALSE(view.worse());
  CHECK(view.headline == "Better: 1 problem fixed, 1 measurement better.");
  CHECK(view.before.errors == 1);
  CHECK(view.after.errors + view.after.warnings + view.after.infos == 0);

  const DiffChange* dns = FindChange(view, "dns-time", "192.168.178.1");
  REQUIRE(dns != nullptr);
  CHECK_FALSE(dns->before.number);
  CHECK(dns->before.text == "no answer");
  CHECK(dns->after.number == Approx(45.2).margin(0.1));  // median of 10 and 80 ms
  CHECK(dns->after.text == "45 ms");
  CHECK(dns->direction == Direction::kBetter);
  // The public reference servers are not the home's: never listed.
  CHECK(FindChange(view, "dns-time", "8.8.8.8") == nullptr);
  // The router's round trip moved by hundredths of a millisecond: noise.
  CHECK(FindChange(view, "gateway-rtt", "192.168.178.1") == nullptr);
  CHECK(FindChange(view, "device-count", "devices") == nullptr);
}

TEST_CASE("diff: DNS broken again - a new problem is worse", "[report][diff]") {
  Diagnosed before(LabSnapshot("lab-healthy")), after(LabSnapshot("lab-dns-broken"));
  DiffView view = Compare(before, after, Lang::kDe);
  REQUIRE(view.added.size() == 1);
  CHECK(view.added[0].title == "Der DNS-Server löst keine Namen auf");
  CHECK(view.status == "worse");
  CHECK(view.headline == "Schlechter: 1 neues Problem, 1 Messwert schlechter.");
  const DiffChange* dns = FindChange(view, "dns-time", "192.168.178.1");
  REQUIRE(dns != nullptr);
  CHECK(dns->what == "DNS-Server 192.168.178.1: Antwortzeit (Median)");
  CHECK(dns->after.text == "keine Antwort");
  CHECK(dns->direction == Direction::kWorse);
}

TEST_CASE("diff: --fail-on decides which new problems make it worse", "[report][diff]") {
  model::Snapshot slow = LabSnapshot("lab-healthy");
  for (auto& r : slow.measurements.dns)
    if (r.source != "reference")
      for (auto& q : r.queries) q.rtt_ms = 450;
  Diagnosed before(LabSnapshot("lab-healthy")), after(std::move(slow));
  // With the answer time taken as noise, only the new dns-slow (a warning) decides.
  DiffThresholds deaf;
  deaf.time_ms = 10000;
  auto with = [&](model::Severity fail_on) {
    return BuildDiff(
        {before.side(), after.side(), check::Catalog::Builtin(), Lang::kEn, fail_on, deaf});
  };
  CHECK(with(model::Severity::kWarning).status == "worse");
  CHECK(with(model::Severity::kInfo).status == "worse");
  DiffView lenient = with(model::Severity::kError);
  CHECK(HasFinding(lenient.added, "dns-slow", "192.168.178.1"));
  CHECK(lenient.status == "unchanged");
  CHECK(lenient.headline == "Nothing got worse: 1 new problem.");

  // With the usual thresholds, the answer time got worse on its own.
  DiffView view = Compare(before, after, Lang::kEn, model::Severity::kError);
  CHECK(view.status == "worse");
  const DiffChange* dns = FindChange(view, "dns-time", "192.168.178.1");
  REQUIRE(dns != nullptr);
  CHECK(dns->direction == Direction::kWorse);
  CHECK(dns->before.text == "45 ms");
  CHECK(dns->after.text == "450 ms");
}

TEST_CASE("diff: the same snapshot twice changes nothing", "[report][diff]") {
  Diagnosed a(LabSnapshot("lab-dns-broken")), b(LabSnapshot("lab-dns-broken"));
  DiffView view = Compare(a, b);
  CHECK(view.resolved.empty());
  CHECK(view.added.empty());
  REQUIRE(view.remaining.size() == 1);
  CHECK(view.changes.empty());
  CHECK(view.status == "unchanged");
  CHECK(view.headline == "Nothing got worse: 1 problem still there.");
  Diagnosed c(LabSnapshot("lab-healthy")), d(LabSnapshot("lab-healthy"));
  CHECK(Compare(c, d, Lang::kDe).headline == "Nichts hat sich verändert.");
}

TEST_CASE("diff: a follow-on problem that comes to the front is not new", "[report][diff]") {
  // gateway-down: gateway-unreachable stands, dns-failing is its follow-on.
  Diagnosed before(LabSnapshot("lab-gateway-down")), after(LabSnapshot("lab-dns-broken"));
  DiffView view = Compare(before, after);
  CHECK(HasFinding(view.resolved, "gateway-unreachable", "192.168.178.1"));
  CHECK(HasFinding(view.remaining, "dns-failing", "192.168.178.1"));
  CHECK(view.added.empty());
}

// ---- Measurements ----------------------------------------------------------------------

TEST_CASE("diff: router round trip and loss beyond the thresholds", "[report][diff]") {
  model::Snapshot slow = LabSnapshot("lab-healthy");
  REQUIRE(slow.measurements.ping.size() == 1);
  model::PingResult& ping = slow.measurements.ping[0];
  ping.rtt_ms = {30, 31, 29};
  ping.received = 3;  // of 5: 40 % lost
  Diagnosed before(LabSnapshot("lab-healthy")), after(std::move(slow));
  DiffView view = Compare(before, after, Lang::kDe);
  const DiffChange* rtt = FindChange(view, "gateway-rtt", "192.168.178.1");
  REQUIRE(rtt != nullptr);
  CHECK(rtt->direction == Direction::kWorse);
  CHECK(rtt->after.text == "30 ms");
  CHECK(rtt->unit == "ms");
  const DiffChange* loss = FindChange(view, "gateway-loss", "192.168.178.1");
  REQUIRE(loss != nullptr);
  CHECK(loss->before.text == "0 %");
  CHECK(loss->after.text == "40 %");
  CHECK(loss->direction == Direction::kWorse);
  CHECK(view.worse());

  // 4 ms more is below the 5 ms threshold, however large in percent.
  model::Snapshot jitter = LabSnapshot("lab-healthy");
  for (double& rtt_ms : jitter.measurements.ping[0].rtt_ms) rtt_ms += 4;
  Diagnosed c(LabSnapshot("lab-healthy")), d(std::move(jitter));
  CHECK(FindChange(Compare(c, d), "gateway-rtt", "192.168.178.1") == nullptr);
}

TEST_CASE("diff: devices that came and went, and the count; never worse", "[report][diff]") {
  model::Snapshot fewer = LabSnapshot("lab-healthy");
  REQUIRE(fewer.devices.size() > 3);
  std::string gone = fewer.devices.back().mac;
  fewer.devices.pop_back();
  model::Device phone;
  phone.mac = "f2:11:22:33:44:55";
  phone.ipv4 = {"192.168.178.150"};
  phone.locally_administered = true;
  phone.seen_by = {"arp-reply"};
  fewer.devices.push_back(phone);
  fewer.devices.push_back([] {
    model::Device tv;
    tv.mac = "f2:11:22:33:44:56";
    tv.ipv4 = {"192.168.178.151"};
    tv.seen_by = {"arp-reply"};
    return tv;
  }());
  Diagnosed before(LabSnapshot("lab-healthy")), after(std::move(fewer));
  DiffView view = Compare(before, after);
  const DiffChange* appeared = FindChange(view, "device-appeared", "f2:11:22:33:44:55");
  REQUIRE(appeared != nullptr);
  CHECK(appeared->before.text == "not seen");
  CHECK(appeared->after.text == "192.168.178.150");
  CHECK(appeared->direction == Direction::kChanged);
  const DiffChange* disappeared = FindChange(view, "device-disappeared", gone);
  REQUIRE(disappeared != nullptr);
  CHECK(disappeared->after.text == "not seen");
  CHECK(disappeared->what.find(gone) != std::string::npos);
  const DiffChange* count = FindChange(view, "device-count", "devices");
  REQUIRE(count != nullptr);
  CHECK(*count->after.number - *count->before.number == 1);
  CHECK(view.status == "unchanged");
}

TEST_CASE("diff: probe status: failing is worse, skipped only changed", "[report][diff]") {
  model::Snapshot after_snapshot = LabSnapshot("lab-healthy");
  for (auto& p : after_snapshot.probes) {
    if (p.id == "mdns") p.status = model::ProbeStatus::kFailed;
    if (p.id == "arp-sweep") p.status = model::ProbeStatus::kSkipped;
  }
  Diagnosed before(LabSnapshot("lab-healthy")), after(std::move(after_snapshot));
  DiffView view = Compare(before, after, Lang::kDe);
  const DiffChange* mdns = FindChange(view, "probe-status", "mdns");
  REQUIRE(mdns != nullptr);
  CHECK(mdns->direction == Direction::kWorse);
  CHECK(mdns->before.id == "ok");
  CHECK(mdns->after.text == "fehlgeschlagen");
  CHECK(mdns->what == "Messung „mdns“");
  const DiffChange* arp = FindChange(view, "probe-status", "arp-sweep");
  REQUIRE(arp != nullptr);
  CHECK(arp->direction == Direction::kChanged);
}

// ---- Wi-Fi ---------------------------------------------------------------------------------

TEST_CASE("diff: Wi-Fi - the kitchen got a better signal", "[report][diff][wifi]") {
  model::Survey improved = HomeSurvey();
  SetSignal(&improved, "Küche", kRouter5, -61);
  SetSignal(&improved, "Küche", kRouter24, -58);
  Diagnosed before(WithSurvey(HomeSurvey())), after(WithSurvey(improved));
  DiffView view = Compare(before, after);

  const DiffChange* five = FindChange(view, "wifi-signal", "Küche", "5");
  REQUIRE(five != nullptr);
  CHECK(five->what == "Küche, 5 GHz: Wi-Fi signal");
  CHECK(five->before.text == "−83 dBm");
  CHECK(five->after.text == "−61 dBm");
  CHECK(five->unit == "dBm");
  CHECK(five->direction == Direction::kBetter);
  const DiffChange* level = FindChange(view, "wifi-level", "Küche");
  REQUIRE(level != nullptr);
  CHECK(level->before.id == "browsing");
  CHECK(level->after.id == "video");
  CHECK(level->after.text == "video calls and streaming");
  CHECK(level->direction == Direction::kBetter);
  // Other rooms did not change.
  CHECK(FindChange(view, "wifi-signal", "Wohnzimmer", "5") == nullptr);
  CHECK(FindChange(view, "wifi-level", "Büro") == nullptr);

  CHECK(HasFinding(view.resolved, "wifi-weak-signal", "Küche"));
  CHECK(HasFinding(view.resolved, "wifi-no-5ghz-coverage", "Küche"));
  CHECK(HasFinding(view.remaining, "wifi-wps-enabled", kRouter24));
  CHECK(view.added.empty());
  CHECK(view.status == "better");
}

TEST_CASE("diff: Wi-Fi - a weaker bedroom is worse, scan noise is not", "[report][diff][wifi]") {
  model::Survey noisy = HomeSurvey();
  SetSignal(&noisy, "Wohnzimmer", kRouter5, -50);  // was -48: 2 dB, noise
  Diagnosed before(WithSurvey(HomeSurvey())), noise(WithSurvey(noisy));
  DiffView view = Compare(before, noise);
  CHECK(FindChange(view, "wifi-signal", "Wohnzimmer", "5") == nullptr);
  CHECK(view.status == "unchanged");

  model::Survey weaker = HomeSurvey();
  SetSignal(&weaker, "Schlafzimmer", kRepeater5, -79);  // was -72
  Diagnosed after(WithSurvey(weaker));
  view = Compare(before, after, Lang::kDe);
  const DiffChange* five = FindChange(view, "wifi-signal", "Schlafzimmer", "5");
  REQUIRE(five != nullptr);
  CHECK(five->what == "Schlafzimmer, 5 GHz: WLAN-Signal");
  CHECK(five->direction == Direction::kWorse);
  CHECK(view.worse());
}

TEST_CASE("diff: a survey only AFTER: Wi-Fi problems are first checked, not new",
          "[report][diff][wifi]") {
  Diagnosed before(LabSnapshot("lab-healthy")), after(WithSurvey(HomeSurvey()));
  DiffView view = Compare(before, after);
  CHECK(view.added.empty());
  CHECK(HasFinding(view.first_checked, "wifi-weak-signal", "Küche"));
  CHECK(view.status == "unchanged");
  // Rooms measured once are listed, neither better nor worse.
  const DiffChange* kitchen = FindChange(view, "wifi-signal", "Küche", "5");
  REQUIRE(kitchen != nullptr);
  CHECK(kitchen->before.text == "not measured");
  CHECK(kitchen->direction == Direction::kChanged);

  // ... and the other way round, not known to be fixed.
  DiffView back = Compare(after, before);
  CHECK(back.resolved.empty());
  CHECK(HasFinding(back.not_rechecked, "wifi-weak-signal", "Küche"));
  CHECK_FALSE(back.worse());
}

// ---- Formats ---------------------------------------------------------------------------------

DiffView WifiDiff(Lang lang) {
  static const Diagnosed before(WithSurvey(HomeSurvey()));
  static const Diagnosed after([] {
    model::Survey s = HomeSurvey();
    SetSignal(&s, "Küche", kRouter5, -61);
    SetSignal(&s, "Schlafzimmer", kRepeater5, -79);
    return WithSurvey(s);
  }());
  return Compare(before, after, lang);
}

TEST_CASE("diff text: 80 columns, color only when asked", "[report][diff]") {
  for (Lang lang : model::kAllLangs) {
    DiffView view = WifiDiff(lang);
    std::string plain = RenderDiffText(view, {.color = false});
    CHECK(plain.find('\x1b') == std::string::npos);
    std::istringstream lines(plain);
    for (std::string line; std::getline(lines, line);) {
      INFO(line);
      CHECK(DisplayWidth(line) <= 80);
    }
    CHECK(RenderDiffText(view, {.color = true}).find("\x1b[") != std::string::npos);
  }
  std::string en = RenderDiffText(WifiDiff(Lang::kEn), {});
  CHECK(en.find("Küche, 5 GHz:") != std::string::npos);
  CHECK(en.find("−83 dBm") != std::string::npos);
  CHECK(en.find("Fixed") != std::string::npos);
  std::string de = RenderDiffText(WifiDiff(Lang::kDe), {});
  CHECK(de.find("Vorher und nachher") != std::string::npos);
  CHECK(de.find("Behoben") != std::string::npos);
  CHECK(de.find("schlechter") != std::string::npos);
}

TEST_CASE("diff markdown and html: every finding and change, escaped", "[report][diff]") {
  DiffView view = WifiDiff(Lang::kEn);
  view.resolved.push_back(
      {"dns-failing", model::Severity::kError, "internet", "<script>x</script> | *y*", "title"});
  std::string md = RenderDiffMarkdown(view);
  CHECK(md.rfind("# Before and after\n", 0) == 0);
  CHECK(md.find("| Measurement | Before | After | Change |") != std::string::npos);
  CHECK(md.find("\\<script\\>") != std::string::npos);
  CHECK(md.find("\\| \\*y\\*") != std::string::npos);

  std::string html = RenderDiffHtml(view);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<style>") != std::string::npos);
  CHECK(html.find("--error:") != std::string::npos);  // the report's style sheet
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // no external resources
  for (const auto& c : view.changes) CHECK(html.find(EscapeHtml(c.what)) != std::string::npos);
  for (const auto& f : view.resolved) CHECK(html.find(EscapeHtml(f.title)) != std::string::npos);
  CHECK(html.find("<section id=\"fixed\">") != std::string::npos);
  CHECK(html.find("<section id=\"changes\">") != std::string::npos);
}

// The keys written and schema/diff.schema.json agree (the CLI test validates
// for real with python3-jsonschema).
void CheckAgainst(const json& object, const json& schema, const std::string& where) {
  INFO(where);
  REQUIRE(object.is_object());
  for (const auto& [key, value] : object.items()) {
    INFO("key " << key);
    CHECK(schema["properties"].contains(key));
  }
  for (const auto& key : schema.value("required", json::array())) {
    INFO("required " << key);
    CHECK(object.contains(key.get<std::string>()));
  }
}

TEST_CASE("diff json: netfix.diff/1, described by schema/diff.schema.json", "[report][diff]") {
  json schema = json::parse(ReadSource("schema/diff.schema.json"));
  CHECK(schema["properties"]["schema"]["const"] == kDiffSchema);
  json j = json::parse(RenderDiffJson(WifiDiff(Lang::kDe)));
  CHECK(j["schema"] == "netfix.diff/1");
  CHECK(j["lang"] == "de");
  CHECK(j["verdict"]["status"] == "worse");
  CheckAgainst(j, schema, "diff");
  CheckAgainst(j["verdict"], schema["properties"]["verdict"], "verdict");
  CheckAgainst(j["findings"], schema["properties"]["findings"], "findings");
  for (const char* side : {"before", "after"}) CheckAgainst(j[side], schema["$defs"]["side"], side);
  REQUIRE_FALSE(j["findings"]["resolved"].empty());
  for (const auto& [list, findings] : j["findings"].items())
    for (const json& f : findings) CheckAgainst(f, schema["$defs"]["finding"], list);
  REQUIRE_FALSE(j["changes"].empty());
  bool kitchen = false;
  for (const json& c : j["changes"]) {
    CheckAgainst(c, schema["$defs"]["change"], "change");
    if (c["kind"] == "wifi-signal" && c["subject"] == "Küche" && c["band"] == "5") {
      kitchen = true;
      CHECK(c["before"] == -83);
      CHECK(c["after"] == -61);
      CHECK(c["direction"] == "better");
    }
  }
  CHECK(kitchen);
}

}  // namespace
}  // namespace netfix::report
