// nl80211 messages as the kernel sends them: interfaces, scan results with
// the information elements of a real beacon, station info; and broken ones.
#include "wire/nl80211.h"

#include <catch2/catch.hpp>

#include "support/nl80211_message.h"

using namespace netfix;
using namespace netfix::testing;

TEST_CASE("nl80211: a station interface, connected", "[wire][nl80211]") {
  InterfaceSpec spec;
  spec.ssid = "FRITZ!Box 7590 XY";
  spec.frequency_mhz = 5180;
  auto i = wire::ParseNl80211Interface(InterfaceAttributes(spec));
  REQUIRE(i);
  CHECK(i->index == 3);
  CHECK(i->name == "wlan0");
  CHECK(i->type == NL80211_IFTYPE_STATION);
  CHECK(i->wiphy == 0u);
  REQUIRE(i->mac);
  CHECK(wire::FormatMac(*i->mac) == "f0:d5:bf:4e:46:59");
  CHECK(i->ssid.bytes == "FRITZ!Box 7590 XY");
  CHECK(i->frequency_mhz == 5180);
}

TEST_CASE("nl80211: an interface without index or with a cut attribute is rejected",
          "[wire][nl80211]") {
  NlAttrs no_index;
  no_index.Text(NL80211_ATTR_IFNAME, "wlan0");
  CHECK_FALSE(wire::ParseNl80211Interface(no_index.bytes()));

  auto cut = InterfaceAttributes({});
  cut.resize(cut.size() - 3);  // the MAC attribute runs past the end
  CHECK_FALSE(wire::ParseNl80211Interface(cut));
  CHECK_FALSE(wire::ParseNl80211Interface({}));
}

TEST_CASE("nl80211: a BSS with the information elements of a real beacon", "[wire][nl80211]") {
  auto beacon = BeaconIes();
  if (!beacon) {
    WARN("SKIPPED: corpus capture wifi/test23.pcap not found");
    return;
  }
  BssSpec spec;
  spec.bssid = beacon->bssid;
  spec.frequency_mhz = 2462;
  spec.capability = beacon->capability;
  spec.signal_mbm = -6700;
  spec.seen_ms_ago = 1500;
  spec.status = NL80211_BSS_STATUS_ASSOCIATED;
  spec.ies = beacon->ies;
  spec.beacon_ies = beacon->ies;
  auto parsed = wire::ParseNl80211Bss(BssAttributes(spec));
  REQUIRE(parsed);
  const model::WifiBss& b = parsed->bss;
  CHECK(b.bssid == "a0:f3:c1:50:3e:62");
  CHECK(b.source == "nl80211");
  CHECK(b.ssid.bytes == "WLAN-2");
  CHECK_FALSE(b.hidden);
  CHECK(b.frequency_mhz == 2462);
  CHECK(b.channel == 11);
  CHECK(b.band == "2.4");
  REQUIRE(b.signal_dbm);
  CHECK(*b.signal_dbm == Approx(-67.0));
  CHECK(b.associated);
  CHECK(b.security == "wpa2");
  CHECK(b.wps == true);
  CHECK(std::find(b.standards.begin(), b.standards.end(), "n") != b.standards.end());
  CHECK(parsed->seen_ms_ago == 1500u);
  CHECK(parsed->notes.empty());
}

TEST_CASE("nl80211: a hidden network named by a probe response stays hidden", "[wire][nl80211]") {
  BssSpec spec;
  spec.ies = SsidIe("attic", {3, 1, 6});                      // probe response: the name
  spec.beacon_ies = SsidIe(std::string(5, '\0'), {3, 1, 6});  // beacon: zeroed
  spec.frequency_mhz = 2437;
  auto parsed = wire::ParseNl80211Bss(BssAttributes(spec));
  REQUIRE(parsed);
  CHECK(parsed->bss.ssid.bytes == "attic");
  CHECK(parsed->bss.hidden);
  CHECK(parsed->bss.channel == 6);
  CHECK_FALSE(parsed->bss.associated);

  spec.ies.reset();  // only the beacon: nothing but the zeroed name
  parsed = wire::ParseNl80211Bss(BssAttributes(spec));
  REQUIRE(parsed);
  CHECK(parsed->bss.hidden);
}

TEST_CASE("nl80211: signal, status and frequency edge cases", "[wire][nl80211]") {
  BssSpec spec;
  spec.ies = SsidIe("home");
  spec.frequency_mhz = 5500;
  spec.signal_mbm = -8125;
  spec.status = NL80211_BSS_STATUS_AUTHENTICATED;  // not (yet) associated
  auto parsed = wire::ParseNl80211Bss(BssAttributes(spec));
  REQUIRE(parsed);
  CHECK(parsed->bss.band == "5");
  CHECK(parsed->bss.channel == 100);
  CHECK(*parsed->bss.signal_dbm == Approx(-81.25));
  CHECK_FALSE(parsed->bss.associated);

  spec.signal_mbm = 900000;  // nonsense: unknown, not +9000 dBm
  spec.status = NL80211_BSS_STATUS_IBSS_JOINED;
  parsed = wire::ParseNl80211Bss(BssAttributes(spec));
  REQUIRE(parsed);
  CHECK_FALSE(parsed->bss.signal_dbm);
  CHECK(parsed->bss.associated);

  spec.signal_mbm.reset();
  spec.ies.reset();
  spec.capability.reset();
  parsed = wire::ParseNl80211Bss(BssAttributes(spec));
  REQUIRE(parsed);
  CHECK(parsed->bss.ssid.empty());
  CHECK(parsed->bss.security == "unknown");
}

TEST_CASE("nl80211: a scan result without BSS or BSSID is rejected", "[wire][nl80211]") {
  NlAttrs no_bss;
  no_bss.U32(NL80211_ATTR_IFINDEX, 3);
  CHECK_FALSE(wire::ParseNl80211Bss(no_bss.bytes()));

  NlAttrs inner;
  inner.U32(NL80211_BSS_FREQUENCY, 2412);
  NlAttrs no_bssid;
  no_bssid.Nested(NL80211_ATTR_BSS, inner);
  CHECK_FALSE(wire::ParseNl80211Bss(no_bssid.bytes()));

  NlAttrs short_bssid;
  NlAttrs inner2;
  inner2.Raw(NL80211_BSS_BSSID, "\1\2\3", 3);
  short_bssid.Nested(NL80211_ATTR_BSS, inner2);
  CHECK_FALSE(wire::ParseNl80211Bss(short_bssid.bytes()));
}

TEST_CASE("nl80211: a cut scan result keeps the BSSID and says so", "[wire][nl80211]") {
  NlAttrs inner;
  inner.Mac(NL80211_BSS_BSSID, "3c:a6:2f:10:00:01").U32(NL80211_BSS_FREQUENCY, 2412);
  // An attribute that claims 40 bytes and has 4.
  inner.Append({40, 0, NL80211_BSS_SEEN_MS_AGO, 0, 1, 2, 3, 4});
  NlAttrs outer;
  outer.Nested(NL80211_ATTR_BSS, inner);
  auto parsed = wire::ParseNl80211Bss(outer.bytes());
  REQUIRE(parsed);
  CHECK(parsed->bss.bssid == "3c:a6:2f:10:00:01");
  CHECK(parsed->bss.channel == 1);
  CHECK_FALSE(parsed->seen_ms_ago);
  REQUIRE(parsed->notes.size() == 1);
  CHECK(parsed->notes[0] == "BSS 3c:a6:2f:10:00:01: nl80211 attributes cut short");

  // The whole message cut inside the BSS attribute: nothing to trust.
  auto bytes = BssAttributes({});
  bytes.resize(bytes.size() - 2);
  CHECK_FALSE(wire::ParseNl80211Bss(bytes));
}

TEST_CASE("nl80211: station info, signal and bitrates", "[wire][nl80211]") {
  auto link = wire::ParseNl80211Station(StationAttributes({}));
  REQUIRE(link);
  CHECK(link->bssid == "3c:a6:2f:10:00:01");
  CHECK(*link->signal_dbm == Approx(-52));
  CHECK(*link->tx_bitrate_mbps == Approx(866.7));
  CHECK(*link->rx_bitrate_mbps == Approx(780.0));
  CHECK(link->interface.empty());

  StationSpec unknown;
  unknown.signal = 0;  // "don't know": the average is used
  unknown.tx_bitrate32 = 0;
  unknown.rx_bitrate16.reset();
  link = wire::ParseNl80211Station(StationAttributes(unknown));
  REQUIRE(link);
  CHECK(*link->signal_dbm == Approx(-53));
  CHECK_FALSE(link->tx_bitrate_mbps);
  CHECK_FALSE(link->rx_bitrate_mbps);

  NlAttrs no_mac;
  no_mac.U32(NL80211_ATTR_IFINDEX, 3);
  CHECK_FALSE(wire::ParseNl80211Station(no_mac.bytes()));
}

TEST_CASE("nl80211: the interface index of a scan event", "[wire][nl80211]") {
  CHECK(wire::Nl80211InterfaceIndex(ScanEventAttributes(7)) == 7);
  CHECK_FALSE(wire::Nl80211InterfaceIndex({}));
  NlAttrs zero;
  zero.U32(NL80211_ATTR_IFINDEX, 0);
  CHECK_FALSE(wire::Nl80211InterfaceIndex(zero.bytes()));
}

TEST_CASE("nl80211: arbitrary bytes never crash the parsers", "[wire][nl80211]") {
  std::vector<std::uint8_t> bytes = BssAttributes({});
  // Every prefix and every single-byte change of a valid message.
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    std::vector<std::uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    (void)wire::ParseNl80211Bss(prefix);
    (void)wire::ParseNl80211Interface(prefix);
    (void)wire::ParseNl80211Station(prefix);
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto changed = bytes;
    changed[i] ^= 0xff;
    (void)wire::ParseNl80211Bss(changed);
  }
  SUCCEED();
}
