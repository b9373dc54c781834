#include "wire/wifi_import.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/files.h"

using namespace netfix::wire;
using netfix::model::WifiBss;
using netfix::model::WifiScan;
using netfix::testing::CorpusDir;
using netfix::testing::ReadFile;
using netfix::testing::SourceDir;
namespace fs = std::filesystem;

namespace {

fs::path WifiCorpus() {
  return CorpusDir() / "wifi_text";
}

const WifiBss* FindBss(const WifiScan& scan, const std::string& bssid) {
  for (const auto& b : scan.networks)
    if (b.bssid == bssid) return &b;
  return nullptr;
}

const WifiBss* FindSsid(const WifiScan& scan, const std::string& ssid) {
  for (const auto& b : scan.networks)
    if (b.ssid.bytes == ssid) return &b;
  return nullptr;
}

WifiImportResult Parse(const std::string& text, WifiTextFormat format) {
  auto result = ParseWifiText(text, format);
  INFO(result.error);
  REQUIRE(result.ok);
  return result;
}

// jc's keys are prefixed by whatever section came before ("config_methods_freq"):
// the value of the first key that is `name` or ends in "_" + name.
const nlohmann::json* JcField(const nlohmann::json& entry, const std::string& name) {
  for (auto it = entry.begin(); it != entry.end(); ++it) {
    const std::string& key = it.key();
    if (key == name ||
        (key.size() > name.size() + 1 &&
         key.compare(key.size() - name.size() - 1, std::string::npos, "_" + name) == 0))
      return &*it;
  }
  return nullptr;
}

std::string UnescapeJcSsid(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "\\x") == 0 && i + 3 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("wifi import: format names", "[wire][wifi-import]") {
  for (auto f : {WifiTextFormat::kIw, WifiTextFormat::kNmcli, WifiTextFormat::kNetsh,
                 WifiTextFormat::kAirport, WifiTextFormat::kSystemProfiler})
    CHECK(WifiTextFormatFromName(ToString(f)) == f);
  CHECK(std::string(ToString(WifiTextFormat::kSystemProfiler)) == "system_profiler");
  CHECK_FALSE(WifiTextFormatFromName("iwlist").has_value());
}

TEST_CASE("wifi import: iw block with every field netfix reads", "[wire][wifi-import]") {
  const std::string text =
      "BSS 3C:37:86:15:AD:F9(on wlp2s0) -- associated\n"
      "\tlast seen: 4206.107s [boottime]\n"
      "\tfreq: 5180.0\n"
      "\tcapability: ESS Privacy SpectrumMgmt (0x1111)\n"
      "\tsignal: -48.00 dBm\n"
      "\tSSID: caf\\xc3\\xa9 \\x00\\x5c\n"
      "\tRSN:\t * Version: 1\n"
      "\t\t * Group cipher: CCMP\n"
      "\t\t * Pairwise ciphers: CCMP\n"
      "\t\t * Authentication suites: PSK SAE FT/SAE\n"
      "\tBSS Load:\n"
      "\t\t * station count: 7\n"
      "\t\t * channel utilisation: 51/255\n"
      "\tHT operation:\n"
      "\t\t * primary channel: 36\n"
      "\t\t * secondary channel offset: above\n"
      "\tVHT operation:\n"
      "\t\t * channel width: 1 (80 MHz)\n"
      "\t\t * center freq segment 1: 42\n"
      "\t\t * center freq segment 2: 0\n"
      "\tRM enabled capabilities:\n"
      "\t\tCapabilities: 0x73 0xd0 0x00 0x00 0x0c\n"
      "\tExtended capabilities:\n"
      "\t\t * Proxy ARP Service\n"
      "\t\t * BSS Transition\n"
      "\tHE capabilities:\n"
      "\t\tHE MAC Capabilities (0x000000000000):\n";
  auto scan = Parse(text, WifiTextFormat::kIw).scan;
  REQUIRE(scan.networks.size() == 1);
  const auto& b = scan.networks[0];
  CHECK(scan.format == "iw");
  CHECK(scan.method == "import");
  CHECK(scan.interface == "wlp2s0");
  CHECK(b.bssid == "3c:37:86:15:ad:f9");
  CHECK(b.ssid.bytes == std::string("caf\xc3\xa9 \0\\", 8));
  CHECK(b.associated);
  CHECK(b.frequency_mhz == 5180);
  CHECK(b.channel == 36);
  CHECK(b.band == "5");
  CHECK(b.width_mhz == 80);
  CHECK(b.signal_dbm == Approx(-48.0));
  CHECK(b.security == "wpa2-wpa3");
  CHECK_FALSE(b.enterprise);
  CHECK(b.tkip == false);
  CHECK(b.ft == true);
  CHECK(b.rrm == true);
  CHECK(b.btm == true);
  CHECK(b.wps == false);
  CHECK(b.station_count == 7);
  CHECK(b.channel_utilization_pct.value() == Approx(20.0));
  CHECK(b.standards == std::vector<std::string>{"n", "ac", "ax"});
  CHECK(b.source == "iw");
}

TEST_CASE("wifi import: iw open, WEP, enterprise, 160 MHz", "[wire][wifi-import]") {
  const std::string text =
      "BSS 00:00:00:00:00:01(on wlan0)\n"
      "\tfreq: 2412\n\tcapability: ESS (0x0401)\n\tSSID: open\n"
      "BSS 00:00:00:00:00:02(on wlan0)\n"
      "\tfreq: 2437\n\tcapability: ESS Privacy (0x0411)\n\tSSID: wep\n"
      "BSS 00:00:00:00:00:03(on wlan0)\n"
      "\tfreq: 5500\n\tSSID: corp\n"
      "\tRSN:\t * Version: 1\n"
      "\t\t * Group cipher: TKIP\n\t\t * Pairwise ciphers: CCMP\n"
      "\t\t * Authentication suites: IEEE 802.1X FT/IEEE 802.1X\n"
      "\tVHT operation:\n\t\t * channel width: 1 (80 MHz)\n"
      "\t\t * center freq segment 1: 106\n\t\t * center freq segment 2: 114\n"
      "\tWPS:\t * Version: 1.0\n"
      "BSS zz:broken\n"
      "\tfreq: 2412\n";
  auto result = Parse(text, WifiTextFormat::kIw);
  const auto& n = result.scan.networks;
  REQUIRE(n.size() == 3);
  CHECK(n[0].security == "open");
  CHECK(n[0].width_mhz == 0);  // no HT operation: not said
  CHECK(n[1].security == "wep");
  CHECK(n[2].security == "wpa2");
  CHECK(n[2].enterprise);
  CHECK(n[2].tkip == true);
  CHECK(n[2].ft == true);
  CHECK(n[2].wps == true);
  CHECK(n[2].width_mhz == 160);
  CHECK(n[2].channel == 100);
  REQUIRE(result.scan.notes.size() == 1);
  CHECK(result.scan.notes[0].find("line 21") != std::string::npos);
}

TEST_CASE("wifi import: nmcli terse with escapes and percent signal", "[wire][wifi-import]") {
  const std::string text =
      "*:AA\\:BB\\:CC\\:DD\\:EE\\:01:Home\\:Net:Infra:6:2437 MHz:130 Mbit/s:80:\xE2\x96\x82\xE2\x96"
      "\x84\xE2\x96\x86_:WPA2\n"
      " :AA\\:BB\\:CC\\:DD\\:EE\\:02::Infra:36:5180 MHz:270 Mbit/s:40:\xE2\x96\x82__:WPA2 "
      "802.1X\n"
      " :AA\\:BB\\:CC\\:DD\\:EE\\:03:Cafe:Infra:1:2412 MHz:54 Mbit/s:10:_:\n";
  std::string why;
  REQUIRE(DetectWifiTextFormat(text, &why) == WifiTextFormat::kNmcli);
  auto scan = Parse(text, WifiTextFormat::kNmcli).scan;
  REQUIRE(scan.networks.size() == 3);
  const auto& home = scan.networks[0];
  CHECK(home.ssid.bytes == "Home:Net");
  CHECK(home.bssid == "aa:bb:cc:dd:ee:01");
  CHECK(home.associated);
  CHECK(home.channel == 6);
  CHECK(home.frequency_mhz == 2437);
  CHECK(home.signal_dbm == Approx(-60.0));  // 80 % -> 80 / 2 - 100
  CHECK(home.security == "wpa2");
  CHECK_FALSE(home.tkip.has_value());  // no WPA-/RSN-FLAGS column
  CHECK(scan.networks[1].hidden);
  CHECK(scan.networks[1].enterprise);
  CHECK(scan.networks[2].security == "open");
}

TEST_CASE("wifi import: netsh English with band and BSS load", "[wire][wifi-import]") {
  const std::string text =
      "\r\nInterface name : WLAN\r\nThere are 1 networks currently visible.\r\n\r\n"
      "SSID 1 : Home\r\n"
      "    Network type            : Infrastructure\r\n"
      "    Authentication          : WPA2-Personal\r\n"
      "    Encryption              : CCMP\r\n"
      "    BSSID 1                 : 3C:A6:2F:00:00:01\r\n"
      "         Signal             : 86%\r\n"
      "         Radio type         : 802.11ax\r\n"
      "         Band               : 5 GHz\r\n"
      "         Channel            : 44\r\n"
      "         Bss Load:\r\n"
      "             Connected Stations:        3\r\n"
      "             Channel Utilization:       20 (7 %)\r\n";
  REQUIRE(DetectWifiTextFormat(text, nullptr) == WifiTextFormat::kNetsh);
  auto scan = Parse(text, WifiTextFormat::kNetsh).scan;
  REQUIRE(scan.networks.size() == 1);
  const auto& b = scan.networks[0];
  CHECK(scan.interface == "WLAN");
  CHECK(b.bssid == "3c:a6:2f:00:00:01");
  CHECK(b.signal_dbm == Approx(-57.0));
  CHECK(b.band == "5");
  CHECK(b.frequency_mhz == 5220);
  CHECK(b.standards == std::vector<std::string>{"n", "ac", "ax"});
  CHECK(b.station_count == 3);
  CHECK(b.channel_utilization_pct.value() == Approx(20 * 100.0 / 255));
  CHECK(b.security == "wpa2");
}

TEST_CASE("wifi import: netsh German in cp850 and cp1252", "[wire][wifi-import]") {
  for (const char* umlaut : {"\x81", "\xfc", "\xc3\xbc"}) {
    std::string text = std::string(
                           "Schnittstellenname : WLAN\n"
                           "SSID 1 : Gast\n"
                           "    Authentifizierung       : Offen\n"
                           "    Verschl") +
                       umlaut +
                       "sselung         : Keine\n"
                       "    BSSIDD 1                 : 00:11:22:33:44:55\n"
                       "         Signal             : 50%\n"
                       "         Funktyp         : 802.11n\n"
                       "         Band            : 2,4 GHz\n"
                       "         Kanal           : 11\n"
                       "         Verbundene Stationen:  2\n"
                       "         Kanalauslastung:       51 (20 %)\n";
    INFO(umlaut);
    auto scan = Parse(text, WifiTextFormat::kNetsh).scan;
    REQUIRE(scan.networks.size() == 1);
    const auto& b = scan.networks[0];
    CHECK(b.security == "open");
    CHECK(b.band == "2.4");
    CHECK(b.channel == 11);
    CHECK(b.signal_dbm == Approx(-75.0));
    CHECK(b.station_count == 2);
    CHECK(b.channel_utilization_pct.value() == Approx(20.0));
  }
}

TEST_CASE("wifi import: netsh saved by PowerShell as UTF-16LE", "[wire][wifi-import]") {
  std::string ascii =
      "SSID 1 : Home\r\n    Authentication : WPA3-Personal\r\n"
      "    BSSID 1 : 00:11:22:33:44:55\r\n         Signal : 100%\r\n         Channel : 1\r\n";
  std::string utf16 = "\xFF\xFE";
  for (char c : ascii) {
    utf16 += c;
    utf16 += '\0';
  }
  REQUIRE(DetectWifiTextFormat(utf16, nullptr) == WifiTextFormat::kNetsh);
  auto scan = Parse(utf16, WifiTextFormat::kNetsh).scan;
  REQUIRE(scan.networks.size() == 1);
  CHECK(scan.networks[0].security == "wpa3");
  CHECK(scan.networks[0].signal_dbm == Approx(-50.0));
}

TEST_CASE("wifi import: system_profiler sample", "[wire][wifi-import]") {
  auto text = ReadFile(SourceDir() / "tests" / "data" / "wifi" / "system_profiler_airport.json");
  REQUIRE(DetectWifiTextFormat(text, nullptr) == WifiTextFormat::kSystemProfiler);
  auto scan = Parse(text, WifiTextFormat::kSystemProfiler).scan;
  REQUIRE(scan.networks.size() == 6);
  CHECK(scan.interface == "en0");
  REQUIRE(scan.link.has_value());
  CHECK(scan.link->ssid.bytes == "FRITZ!Box 7590 XY");
  CHECK(scan.link->frequency_mhz == 5180);
  CHECK(scan.link->tx_bitrate_mbps == Approx(866));
  const auto& cur = scan.networks[0];
  CHECK(cur.associated);
  CHECK(cur.channel == 36);
  CHECK(cur.width_mhz == 80);
  CHECK(cur.signal_dbm == Approx(-54));
  CHECK(cur.security == "wpa2");
  CHECK(cur.bssid.empty());
  CHECK(cur.standards == std::vector<std::string>{"n", "ac"});
  CHECK(FindSsid(scan, "Nachbar-Gast")->security == "open");
  CHECK(FindSsid(scan, "Vodafone-1234")->security == "wpa2-wpa3");
  CHECK(FindSsid(scan, "Vodafone-1234")->width_mhz == 160);
  const auto* firma = FindSsid(scan, "Firma");
  CHECK(firma->band == "6");
  CHECK(firma->frequency_mhz == 6135);
  CHECK(firma->security == "wpa3");
  CHECK(firma->enterprise);
  CHECK(firma->standards == std::vector<std::string>{"ax"});
  CHECK(FindSsid(scan, "Alt-Router")->security == "wpa-wpa2");
}

TEST_CASE("wifi import: bad input gives an error, not a crash", "[wire][wifi-import]") {
  const std::vector<std::string> inputs = {
      "",
      "\n\n",
      "garbage",
      std::string(100000, ':'),
      std::string("\0\0\0\0", 4),
      "{",
      "[1,2]",
      "{\"SPAirPortDataType\": [{\"spairport_airport_interfaces\": [1, {\"_name\": 5}]}]}",
      "BSS ",
      "BSS 00:11:22:33:44:55\n\tRSN:",
      "SSID 1 :\nBSSID 1 : zz\n",
      "SSID BSSID RSSI CHANNEL\n   x -1 999999999999 Y US\n"};
  for (const auto& text : inputs) {
    INFO(text.substr(0, 60));
    std::string why;
    (void)DetectWifiTextFormat(text, &why);
    for (auto f : {WifiTextFormat::kIw, WifiTextFormat::kNmcli, WifiTextFormat::kNetsh,
                   WifiTextFormat::kAirport, WifiTextFormat::kSystemProfiler}) {
      auto result = ParseWifiText(text, f);
      CHECK((result.ok || !result.error.empty()));
    }
  }
  std::string why;
  CHECK_FALSE(DetectWifiTextFormat("wlan0     Scan completed :\n", &why));
  CHECK(why == "looks like iwlist output; netfix reads iw, nmcli, netsh, airport, system_profiler");
}

TEST_CASE("wifi import: large input stays linear", "[wire][wifi-import]") {
  std::string block =
      "BSS 00:11:22:33:44:55(on wlan0)\n\tfreq: 2412\n\tsignal: -40.00 dBm\n\tSSID: x\n";
  std::string text;
  for (int i = 0; i < 20000; ++i) text += block;
  auto result = ParseWifiText(text, WifiTextFormat::kIw);
  CHECK(result.scan.networks.size() == 20000);
  std::string nmcli;
  for (int i = 0; i < 20000; ++i) nmcli += "a\\:b:" + std::string(50, 'x') + ":" + "5\n";
  CHECK(ParseWifiText(nmcli, WifiTextFormat::kNmcli).scan.networks.size() == 20000);
}

// ---- the corpus ---------------------------------------------------------------

TEST_CASE("wifi import corpus: iw against jc's parse", "[wire][wifi-import][corpus]") {
  auto dir = WifiCorpus() / "iw";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  for (const char* name : {"jc_iw-scan0", "jc_iw-scan1", "jc_iw-scan2"}) {
    INFO(name);
    auto scan = Parse(ReadFile(dir / (std::string(name) + ".out")), WifiTextFormat::kIw).scan;
    auto expected = nlohmann::json::parse(ReadFile(dir / (std::string(name) + ".expected.json")));
    REQUIRE(scan.networks.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      const auto& jc = expected[i];
      const auto& b = scan.networks[i];
      INFO(b.bssid);
      CHECK(b.bssid == jc["bssid"].get<std::string>());
      if (auto* ssid = JcField(jc, "ssid"))
        CHECK(b.ssid.bytes == UnescapeJcSsid(ssid->get<std::string>()));
      if (auto* freq = JcField(jc, "freq")) CHECK(b.frequency_mhz == freq->get<int>());
      if (auto* dbm = JcField(jc, "signal_dbm")) CHECK(*b.signal_dbm == Approx(dbm->get<double>()));
      if (auto* sig = JcField(jc, "signal"))
        CHECK(*b.signal_dbm == Approx(std::stod(sig->get<std::string>())));
      bool wpa = JcField(jc, "wpa") != nullptr, rsn = JcField(jc, "rsn") != nullptr;
      if (wpa && rsn)
        CHECK(b.security == "wpa-wpa2");
      else if (rsn)
        CHECK((b.security == "wpa2" || b.security == "wpa2-wpa3"));
      else if (wpa)
        CHECK(b.security == "wpa");
      else
        CHECK((b.security == "open" || b.security == "wep"));
    }
  }
  auto scan1 = Parse(ReadFile(dir / "jc_iw-scan1.out"), WifiTextFormat::kIw).scan;
  const auto* hidden = FindBss(scan1, "fe:49:2d:20:d8:21");
  REQUIRE(hidden != nullptr);
  CHECK(hidden->hidden);
  CHECK(hidden->ssid.bytes == std::string(21, '\0'));
  const auto* hoehe = FindBss(scan1, "ac:22:05:db:4d:5b");
  CHECK(hoehe->station_count == 1);
  CHECK(*hoehe->channel_utilization_pct == Approx(103 * 100.0 / 255));
  CHECK(hoehe->btm == true);
  CHECK(hoehe->wps == true);
  CHECK(hoehe->tkip == true);
  CHECK(hoehe->width_mhz == 20);
  CHECK(FindBss(scan1, "34:31:c4:b8:2e:85")->security == "wpa2-wpa3");  // "PSK 00-0f-ac:8"
  const auto* vht = FindBss(scan1, "ac:22:05:e6:ff:24");
  CHECK(vht->band == "5");
  CHECK(vht->width_mhz == 80);
  CHECK(vht->standards == std::vector<std::string>{"n", "ac"});
  auto scan2 = Parse(ReadFile(dir / "jc_iw-scan2.out"), WifiTextFormat::kIw).scan;
  CHECK(scan2.interface == "wlan0-1");
  CHECK(scan2.networks[0].standards == std::vector<std::string>{"n", "ax"});  // VHT on 2.4 GHz
}

TEST_CASE("wifi import corpus: airport -s against jc's parse", "[wire][wifi-import][corpus]") {
  auto dir = WifiCorpus() / "macos";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto scan = Parse(ReadFile(dir / "jc_airport-s_macos10.14.out"), WifiTextFormat::kAirport).scan;
  auto expected = nlohmann::json::parse(ReadFile(dir / "jc_airport-s_macos10.14.expected.json"));
  REQUIRE(scan.networks.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& jc = expected[i];
    const auto& b = scan.networks[i];
    INFO(jc.dump());
    CHECK(b.ssid.bytes == jc["ssid"].get<std::string>());
    CHECK(b.bssid == jc["bssid"].get<std::string>());
    CHECK(*b.signal_dbm == jc["rssi"].get<int>());
    CHECK(b.channel == std::stoi(jc["channel"].get<std::string>()));
    std::string sec;
    for (const auto& s : jc["security"]) sec += s.get<std::string>() + " ";
    bool wpa1 = sec.find("WPA(") != std::string::npos, wpa2 = sec.find("WPA2(") != sec.npos;
    CHECK(b.security == (sec == "NONE " ? "open" : wpa1 && wpa2 ? "wpa-wpa2" : "wpa2"));
    CHECK(b.enterprise == (sec.find("802.1x") != std::string::npos));
  }
  CHECK(FindBss(scan, "42:37:86:15:fd:b3")->width_mhz == 40);  // "3,+1"
  auto shifted =
      Parse(ReadFile(dir / "node-wifi_airport_scan_shifted.log"), WifiTextFormat::kAirport).scan;
  REQUIRE(shifted.networks.size() == 4);
  CHECK(shifted.networks[1].ssid.bytes == "Linksys02787-invit\xc3\xa9");
  CHECK(shifted.networks[1].security == "open");
  auto space =
      Parse(ReadFile(dir / "node-wifi_airport_scan_space.log"), WifiTextFormat::kAirport).scan;
  CHECK(space.networks[1].ssid.bytes == "Terminus 1");
  auto monterey = Parse(ReadFile(dir / "access_points_airport_s_monterey_nobssid.txt"),
                        WifiTextFormat::kAirport);
  CHECK(monterey.scan.networks.size() == 5);
  CHECK(monterey.scan.networks[0].bssid.empty());
  CHECK(monterey.scan.networks[0].ssid.bytes == "X000X000X00");
  CHECK_FALSE(monterey.scan.notes.empty());
}

TEST_CASE("wifi import corpus: netsh German (BSSIDD) and English", "[wire][wifi-import][corpus]") {
  auto dir = WifiCorpus() / "netsh";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto de =
      Parse(ReadFile(dir / "node-wifi-scanner_netsh_de_complex01.txt"), WifiTextFormat::kNetsh)
          .scan;
  auto en =
      Parse(ReadFile(dir / "node-wifi-scanner_netsh_en_complex01.txt"), WifiTextFormat::kNetsh)
          .scan;
  CHECK(de.interface == "Drahtlosnetzwerkverbindung");
  REQUIRE(de.networks.size() == en.networks.size());
  CHECK(de.networks.size() == 86);
  for (size_t i = 0; i < de.networks.size(); ++i) {
    CHECK(de.networks[i].bssid == en.networks[i].bssid);
    CHECK(de.networks[i].ssid == en.networks[i].ssid);
    CHECK(de.networks[i].channel == en.networks[i].channel);
    CHECK(de.networks[i].signal_dbm == en.networks[i].signal_dbm);
    CHECK(de.networks[i].security == en.networks[i].security);
  }
  const auto& first = de.networks[0];
  CHECK(first.bssid == "00:f2:8b:8c:a6:88");
  CHECK(first.hidden);
  CHECK(first.signal_dbm == Approx(23 / 2.0 - 100));
  CHECK(first.channel == 1);
  CHECK(first.band == "2.4");
  CHECK(first.security == "wpa2");
  CHECK(first.standards == std::vector<std::string>{"n"});
  CHECK(FindSsid(de, "Network-1")->security == "wpa");

  auto band =
      Parse(ReadFile(dir / "wifiscan_netsh_en_band_bssload.txt"), WifiTextFormat::kNetsh).scan;
  CHECK(band.networks.size() == 12);
  const auto* lab = FindSsid(band, "LAB_SE_IOTMODULE");
  REQUIRE(lab != nullptr);
  CHECK(lab->bssid == "b6:b0:24:d3:e5:6c");
  CHECK(lab->signal_dbm == Approx(-50));
  CHECK(lab->band == "2.4");
  CHECK(lab->channel == 3);
  CHECK(lab->station_count == 0);
  CHECK(*lab->channel_utilization_pct == Approx(4 * 100.0 / 255));
  const auto* edu = FindSsid(band, "eduroam");
  REQUIRE(edu != nullptr);
  CHECK(edu->enterprise);
  CHECK(edu->security == "wpa2");
}

TEST_CASE("wifi import corpus: nmcli terse and the NetworkManager test blocks",
          "[wire][wifi-import][corpus]") {
  auto dir = WifiCorpus() / "nmcli";
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto nw =
      Parse(ReadFile(dir / "node-wifi_nmcli_terse_dev_wifi_list.log"), WifiTextFormat::kNmcli).scan;
  REQUIRE(nw.networks.size() == 14);
  const auto& first = nw.networks[0];
  CHECK(first.ssid.bytes == "Linksys01777");
  CHECK(first.bssid == "31:23:03:1a:9f:1c");
  CHECK(first.channel == 11);
  CHECK(first.frequency_mhz == 2462);
  CHECK(first.signal_dbm == Approx(-50));
  CHECK(first.security == "wpa2");
  CHECK(first.tkip == false);
  CHECK(nw.networks[1].ssid.bytes == "Linksys01777-invit\xc3\xa9");
  CHECK(nw.networks[1].security == "open");
  CHECK(nw.networks[2].security == "wpa-wpa2");
  CHECK(nw.networks[2].tkip == true);
  CHECK(nw.networks[3].associated);
  CHECK(nw.networks[12].hidden);

  auto ap = Parse(ReadFile(dir / "access_points_nmcli_ssid_bssid_signal_security.txt"),
                  WifiTextFormat::kNmcli)
                .scan;
  REQUIRE(ap.networks.size() == 9);
  CHECK(ap.networks[5].ssid.bytes == "XXXX XX-XX XXXXX ");  // trailing space kept
  CHECK(ap.networks[6].enterprise);
  CHECK(ap.networks[3].security == "open");

  // Every block of NetworkManager's own expectations: 3 + 1 APs in the
  // two-device listings, 1 AP with "bssid X".
  std::string blocks = ReadFile(dir / "networkmanager_test-client_dev_wifi_list_blocks.txt");
  size_t at = 0, parsed = 0;
  while ((at = blocks.find("\n>>>\n", at)) != std::string::npos) {
    size_t end = blocks.find("\n<<<\n", at);
    REQUIRE(end != std::string::npos);
    std::string cmd_line = blocks.substr(blocks.rfind("cmd:", at), 200);
    cmd_line = cmd_line.substr(0, cmd_line.find('\n'));
    std::string out = blocks.substr(at + 5, end - at - 5);
    at = end;
    INFO(cmd_line);
    REQUIRE(DetectWifiTextFormat(out, nullptr) == WifiTextFormat::kNmcli);
    auto scan = Parse(out, WifiTextFormat::kNmcli).scan;
    bool one = cmd_line.find("bssid ") != std::string::npos;
    REQUIRE(scan.networks.size() == (one ? 1u : 4u));
    const auto* ap2 = FindSsid(scan, "wlan0-ap-2");
    REQUIRE(ap2 != nullptr);
    if (cmd_line.find(" d wifi") != std::string::npos) continue;  // other mock APs
    CHECK(ap2->bssid == "c0:e2:be:e8:ef:b6");
    CHECK(ap2->channel == 44);
    CHECK(ap2->signal_dbm == Approx(-54));
    CHECK(ap2->security == "wpa-wpa2");
    if (!one) {
      const auto* ap3 = FindSsid(scan, "wlan0-ap-3");
      REQUIRE(ap3 != nullptr);
      CHECK(ap3->band == "6");
      CHECK(ap3->security.find("wpa3") != std::string::npos);
    }
    ++parsed;
  }
  CHECK(parsed >= 100);
}

// Every file under wifi_text/: detected and parsed, or rejected with a
// reason. Writes the table to wifi_import_corpus.md in the working directory.
TEST_CASE("wifi import corpus: every file", "[wire][wifi-import][corpus]") {
  auto dir = WifiCorpus();
  if (!fs::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  // file -> networks expected (-1: rejected, the reason must contain the text).
  struct Expect {
    int networks;
    const char* format_or_reason;
  };
  const std::map<std::string, Expect> expected = {
      {"airodump/wifite2_airmon-ng.output", {-1, "airmon-ng"}},
      {"airodump/wifite2_airodump-weird-ssids.csv", {-1, "airodump-ng CSV"}},
      {"android/access_points_termux_wifi_scaninfo.json", {-1, "termux"}},
      {"iw/jc_iw-scan0.expected.json", {-1, "JSON that is not"}},
      {"iw/jc_iw-scan0.out", {2, "iw"}},
      {"iw/jc_iw-scan1.expected.json", {-1, "JSON that is not"}},
      {"iw/jc_iw-scan1.out", {26, "iw"}},
      {"iw/jc_iw-scan2.expected.json", {-1, "JSON that is not"}},
      {"iw/jc_iw-scan2.out", {1, "iw"}},
      {"iwconfig/jc_iwconfig-many.out", {-1, "iwconfig"}},
      {"iwconfig/jc_iwconfig-space-dash-ssid.out", {-1, "iwconfig"}},
      {"iwconfig/jc_iwconfig.out", {-1, "iwconfig"}},
      {"iwlist/access_points_iwlist_multi_iface.txt", {-1, "iwlist"}},
      {"iwlist/node-wifi-scanner_iwlist01_ubuntu1404.txt", {-1, "iwlist"}},
      {"iwlist/node-wifi-scanner_iwlist02_raspi.txt", {-1, "iwlist"}},
      {"iwlist/node-wifi-scanner_iwlist03_raspi.txt", {-1, "iwlist"}},
      {"macos/access_points_airport_s_anonymised.txt", {5, "airport"}},
      {"macos/access_points_airport_s_monterey_nobssid.txt", {5, "airport"}},
      {"macos/jc_airport-I_macos10.14.out", {-1, "airport -I"}},
      {"macos/jc_airport-s_macos10.14.expected.json", {-1, "JSON that is not"}},
      {"macos/jc_airport-s_macos10.14.out", {14, "airport"}},
      {"macos/node-wifi-scanner_airport01.txt", {36, "airport"}},
      {"macos/node-wifi-scanner_airport02.txt", {4, "airport"}},
      {"macos/node-wifi_airport_getinfo.log", {-1, "airport -I"}},
      {"macos/node-wifi_airport_scan_01.log", {4, "airport"}},
      {"macos/node-wifi_airport_scan_monterey.log", {4, "airport"}},
      {"macos/node-wifi_airport_scan_shifted.log", {4, "airport"}},
      {"macos/node-wifi_airport_scan_space.log", {3, "airport"}},
      {"macos/node-wifi_networksetup_delete.log", {-1, "networksetup"}},
      {"netsh/node-wifi-scanner_netsh_de_complex01.txt", {86, "netsh"}},
      {"netsh/node-wifi-scanner_netsh_en_complex01.txt", {86, "netsh"}},
      {"netsh/wifiscan_netsh_en_band_bssload.txt", {12, "netsh"}},
      {"nmcli/access_points_nmcli_ssid_bssid_signal_security.txt", {9, "nmcli"}},
      {"nmcli/jc_nmcli-device-all.out", {-1, "nmcli device status"}},
      {"nmcli/jc_nmcli-device-show.out", {-1, "nmcli device show"}},
      {"nmcli/jc_nmcli-device.out", {-1, "nmcli device status"}},
      {"nmcli/jc_nmcli-general-all.out", {-1, "nmcli general"}},
      {"nmcli/jc_nmcli.out", {-1, "nmcli overview"}},
      {"nmcli/networkmanager_test-client_dev_wifi_list_blocks.txt", {-2, "nmcli"}},
      {"nmcli/node-wifi_nmcli_terse_dev_wifi_list.log", {14, "nmcli"}},
  };
  std::ostringstream table;
  table << "| file | format | outcome | networks | notes |\n|---|---|---|---|---|\n";
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::string rel = fs::relative(entry.path(), dir).generic_string();
    INFO(rel);
    std::string text = ReadFile(entry.path());
    std::string why;
    auto format = DetectWifiTextFormat(text, &why);
    std::string fmt = format ? ToString(*format) : "-";
    std::string outcome, notes;
    int networks = -1;
    if (format) {
      auto result = ParseWifiText(text, *format);
      outcome = result.ok ? "parsed" : "error: " + result.error;
      networks = static_cast<int>(result.scan.networks.size());
      for (const auto& n : result.scan.notes) notes += (notes.empty() ? "" : "; ") + n;
    } else {
      outcome = "rejected: " + why.substr(0, why.find(';'));
    }
    if (notes.size() > 120) notes = notes.substr(0, 117) + "...";
    table << "| " << rel << " | " << fmt << " | " << outcome << " | "
          << (networks < 0 ? "-" : std::to_string(networks)) << " | " << notes << " |\n";
    auto it = expected.find(rel);
    if (it == expected.end()) {
      FAIL_CHECK("no expectation for " << rel);
      continue;
    }
    if (it->second.networks == -2) continue;  // a collection of outputs: the test above
    if (it->second.networks >= 0) {
      CHECK(fmt == it->second.format_or_reason);
      CHECK(networks == it->second.networks);
    } else {
      CHECK_FALSE(format.has_value());
      CHECK(why.find(it->second.format_or_reason) != std::string::npos);
    }
  }
  CHECK(files == expected.size());
  std::ofstream("wifi_import_corpus.md") << table.str();
  WARN("wifi_text corpus (also in wifi_import_corpus.md):\n" << table.str());
}
