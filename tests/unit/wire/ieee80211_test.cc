#include "wire/ieee80211.h"

#include <catch2/catch.hpp>

#include "support/pcap_file.h"
#include "unit/wire/wifi_test_frames.h"
#include "wire/radiotap.h"

using namespace netfix::wire;
using netfix::model::WifiBss;
using netfix::testing::Beacon;
using netfix::testing::Concat;
using netfix::testing::CorpusDir;
using netfix::testing::Element;
using netfix::testing::Frame;
using netfix::testing::RsnElement;
using netfix::testing::SsidElement;
using netfix::testing::WpaElement;

namespace {

constexpr std::uint16_t kPrivacy = 0x0011;  // ESS + privacy
constexpr std::uint16_t kOpen = 0x0001;     // ESS

struct Applied {
  WifiBss bss;
  std::vector<std::string> notes;
};

Applied Apply(const Frame& ies, std::optional<std::uint16_t> capability = kPrivacy,
              int radio_mhz = 0) {
  Applied out;
  out.bss.frequency_mhz = radio_mhz;
  ApplyInformationElements(ies, capability, &out.bss, &out.notes);
  return out;
}

std::string SecurityOf(const Frame& ies, std::optional<std::uint16_t> capability = kPrivacy) {
  return Apply(ies, capability).bss.security;
}

}  // namespace

TEST_CASE("802.11 elements: a Wi-Fi 5 network with every feature", "[wire][ieee80211]") {
  Frame ies = Concat({
      SsidElement("Home"), Element(3, {36}),            // DS parameter: channel 36
      Element(11, {7, 0, 51, 0, 0}),                    // BSS load: 7 stations, 51/255 busy
      Element(45, Frame(26, 0)),                        // HT capabilities
      RsnElement({2, 8}),                               // PSK + SAE
      Element(54, {0x12, 0x34, 0x01}),                  // mobility domain
      Element(61, {36, 0x05, 0, 0, 0, 0, 0, 0}),        // HT operation: secondary above, any width
      Element(70, {0x73, 0, 0, 0, 0}),                  // RM enabled capabilities
      Element(127, {0, 0, 0x08}),                       // extended capabilities: BSS transition
      Element(191, Frame(12, 0)),                       // VHT capabilities
      Element(192, {1, 42, 0, 0, 0}),                   // VHT operation: 80 MHz
      Element(221, {0x00, 0x50, 0xf2, 4, 0x10, 0x4a}),  // WPS
  });
  auto applied = Apply(ies);
  const auto& bss = applied.bss;
  CHECK(applied.notes.empty());
  CHECK(bss.ssid.bytes == "Home");
  CHECK_FALSE(bss.hidden);
  CHECK(bss.channel == 36);
  CHECK(bss.frequency_mhz == 5180);
  CHECK(bss.band == "5");
  CHECK(bss.width_mhz == 80);
  CHECK(bss.standards == std::vector<std::string>{"n", "ac"});
  CHECK(bss.security == "wpa2-wpa3");
  CHECK_FALSE(bss.enterprise);
  CHECK(bss.tkip == false);
  CHECK(bss.wps == true);
  CHECK(bss.rrm == true);
  CHECK(bss.btm == true);
  CHECK(bss.ft == true);
  CHECK(bss.station_count == 7);
  CHECK(*bss.channel_utilization_pct == Approx(20.0));
}

TEST_CASE("802.11 elements: a plain legacy network says no to every feature", "[wire][ieee80211]") {
  auto applied =
      Apply(Concat({SsidElement("cafe"), Element(1, {0x82, 0x84}), Element(3, {6})}), kOpen);
  const auto& bss = applied.bss;
  CHECK(bss.security == "open");
  CHECK(bss.frequency_mhz == 2437);
  CHECK(bss.band == "2.4");
  CHECK(bss.width_mhz == 20);
  CHECK(bss.standards.empty());
  CHECK(bss.wps == false);
  CHECK(bss.rrm == false);
  CHECK(bss.btm == false);
  CHECK(bss.ft == false);
  CHECK(bss.tkip == false);
  CHECK_FALSE(bss.station_count);
}

TEST_CASE("802.11 elements: SSIDs are bytes, hidden when empty or zero, first one wins",
          "[wire][ieee80211]") {
  CHECK(Apply(SsidElement("")).bss.hidden);
  auto zeros = Apply(Element(0, {0, 0, 0, 0})).bss;
  CHECK(zeros.hidden);
  CHECK(zeros.ssid.bytes.size() == 4);
  auto gbk = Apply(Element(0, {0xb2, 0xe2, 0xca, 0xd4})).bss;
  CHECK(gbk.ssid.bytes == "\xb2\xe2\xca\xd4");
  CHECK_FALSE(gbk.hidden);
  CHECK(Apply(Concat({SsidElement("first"), SsidElement("second")})).bss.ssid.bytes == "first");
}

TEST_CASE("802.11 elements: security from RSN, WPA and the privacy bit", "[wire][ieee80211]") {
  CHECK(SecurityOf(RsnElement({2})) == "wpa2");
  CHECK(SecurityOf(RsnElement({6})) == "wpa2");
  CHECK(SecurityOf(RsnElement({8})) == "wpa3");
  CHECK(SecurityOf(RsnElement({2, 8})) == "wpa2-wpa3");
  CHECK(SecurityOf(RsnElement({18})) == "owe");
  CHECK(SecurityOf(Concat({WpaElement(), RsnElement({2})})) == "wpa-wpa2");
  CHECK(SecurityOf(WpaElement()) == "wpa");
  CHECK(SecurityOf(SsidElement("x"), kPrivacy) == "wep");
  CHECK(SecurityOf(SsidElement("x"), kOpen) == "open");
  CHECK(SecurityOf(SsidElement("x"), std::nullopt) == "unknown");
  auto enterprise = Apply(RsnElement({1})).bss;
  CHECK(enterprise.security == "wpa2");
  CHECK(enterprise.enterprise);
  CHECK(Apply(RsnElement({5})).bss.enterprise);
  CHECK(Apply(RsnElement({3})).bss.ft == true);  // FT over 802.1X
  CHECK(Apply(RsnElement({2}, 2)).bss.tkip == true);
  CHECK(Apply(WpaElement()).bss.tkip == true);
}

TEST_CASE("802.11 elements: HE and EHT, 6 GHz", "[wire][ieee80211]") {
  // HE operation with 6 GHz operation information: primary 37, 160 MHz.
  Frame he_operation = {36, 0x00, 0x00, 0x02, 0x01, 0xfc, 0xff, 37, 0x03, 39, 47, 0x10};
  auto six = Apply(Concat({SsidElement("six"), Element(255, {35, 0, 0}), Element(255, he_operation),
                           RsnElement({8})}))
                 .bss;
  CHECK(six.standards == std::vector<std::string>{"ax"});
  CHECK(six.band == "6");
  CHECK(six.channel == 37);
  CHECK(six.frequency_mhz == 6135);
  CHECK(six.width_mhz == 160);
  // EHT operation information: 320 MHz.
  Frame eht_operation = {106, 0x01, 0, 0, 0, 0, 0x04, 31, 63};
  auto seven = Apply(Concat({SsidElement("seven"), Element(255, {108}), Element(255, he_operation),
                             Element(255, eht_operation)}))
                   .bss;
  CHECK(seven.standards == std::vector<std::string>{"ax", "be"});
  CHECK(seven.width_mhz == 320);
}

TEST_CASE("802.11 elements: VHT widths and HT 40 MHz", "[wire][ieee80211]") {
  auto width = [](Frame vht_operation) {
    return Apply(Concat({Element(61, {36, 0x07}), Element(192, vht_operation)})).bss.width_mhz;
  };
  CHECK(width({0, 0, 0}) == 40);                             // 20/40: HT decides
  CHECK(width({1, 42, 0}) == 80);                            // 80
  CHECK(width({1, 42, 50}) == 160);                          // 160 by its two segments
  CHECK(width({1, 42, 155}) == 160);                         // 80+80
  CHECK(width({2, 50, 0}) == 160);                           // old 160 encoding
  CHECK(Apply(Element(61, {6, 0x01})).bss.width_mhz == 20);  // offset, but 20 MHz only
}

TEST_CASE("802.11 elements: a bad element ends reading and keeps what came before",
          "[wire][ieee80211]") {
  SECTION("an RSN pairwise count larger than the element") {
    Frame bad_rsn = Element(48, {1, 0, 0x00, 0x0f, 0xac, 4, 9, 0, 0x00, 0x0f, 0xac, 4});
    auto applied =
        Apply(Concat({SsidElement("kept"), bad_rsn, Element(221, {0x00, 0x50, 0xf2, 4})}));
    CHECK(applied.bss.ssid.bytes == "kept");
    CHECK(applied.bss.security == "unknown");
    CHECK_FALSE(applied.bss.wps);  // after the bad element: not known
    REQUIRE(applied.notes.size() == 1);
    CHECK(applied.notes[0] ==
          "802.11 element 48 (RSN) is malformed; the elements after it were not read");
  }
  SECTION("an element running past the end") {
    auto applied = Apply(Concat({SsidElement("kept"), Frame{221, 30, 0x00, 0x50}}));
    CHECK(applied.bss.ssid.bytes == "kept");
    CHECK_FALSE(applied.bss.rrm);
    CHECK(applied.bss.width_mhz == 0);
    REQUIRE(applied.notes.size() == 1);
    CHECK(applied.notes[0] ==
          "802.11 element 221 (vendor specific) runs past the end of the frame");
  }
  SECTION("privacy off is open even when the list is cut short") {
    CHECK(Apply(Concat({SsidElement("x"), Frame{48, 30}}), kOpen).bss.security == "open");
    CHECK(Apply(Concat({SsidElement("x"), Frame{48, 30}}), kPrivacy).bss.security == "unknown");
  }
  SECTION("every prefix of a full element list reads without trouble") {
    Frame ies = Concat({SsidElement("Home"), RsnElement({2, 8}), Element(61, {36, 0x05}),
                        Element(255, {36, 0x00, 0x40, 0x02, 0x01, 0xfc, 0xff, 1, 42, 0})});
    for (std::size_t n = 0; n <= ies.size(); ++n) Apply(Frame(ies.begin(), ies.begin() + n));
  }
}

TEST_CASE("802.11 elements: the radio's frequency against the network's channel",
          "[wire][ieee80211]") {
  SECTION("across bands the elements are wrong: the radio wins") {
    auto applied = Apply(Concat({SsidElement("x"), Element(3, {11})}), kOpen, 5180);
    CHECK(applied.bss.frequency_mhz == 5180);
    CHECK(applied.bss.channel == 36);
    REQUIRE(applied.notes.size() == 1);
    CHECK(applied.notes[0] ==
          "heard on 5180 MHz, but the network says channel 11, which cannot be: keeping 5180 MHz");
  }
  SECTION("a 2.4 GHz radio hears the next channel: the network wins") {
    auto applied = Apply(Concat({SsidElement("x"), Element(3, {7})}), kOpen, 2437);
    CHECK(applied.bss.frequency_mhz == 2442);
    CHECK(applied.bss.channel == 7);
    CHECK(applied.notes.size() == 1);
  }
  SECTION("agreement says nothing") {
    auto applied = Apply(Concat({SsidElement("x"), Element(3, {6})}), kOpen, 2437);
    CHECK(applied.bss.channel == 6);
    CHECK(applied.notes.empty());
  }
}

TEST_CASE("802.11 frames: beacons and probe responses", "[wire][ieee80211]") {
  Frame beacon = Beacon(SsidElement("Home"));
  auto parsed = ParseBeaconFrame(beacon);
  REQUIRE(parsed);
  CHECK_FALSE(parsed->probe_response);
  CHECK(parsed->bssid == "02:11:22:33:44:55");
  CHECK(parsed->interval_tu == 100);
  CHECK(parsed->capability == 0x0011);
  CHECK(parsed->timestamp_us == 0x0807060504030201);
  auto probe = ParseBeaconFrame(Beacon(SsidElement("Home"), kOpen, 5));
  REQUIRE(probe);
  CHECK(probe->probe_response);
  std::string why;
  Frame ack = {0xd4, 0, 0, 0, 1, 2, 3, 4, 5, 6};
  CHECK_FALSE(ParseBeaconFrame(ack, &why));
  CHECK(why.empty());
  CHECK(ParseFrameControl(ack)->type == kDot11Control);
  for (std::size_t n = 0; n < beacon.size(); ++n) {
    why.clear();
    CHECK_FALSE(ParseBeaconFrame(Bytes(beacon.data(), n), &why));
    if (n >= 2) CHECK(why == "beacon or probe response cut short before its SSID");
  }
  auto built = BssFromBeacon(*parsed, 2412, nullptr);
  CHECK(built.bssid == "02:11:22:33:44:55");
  CHECK(built.channel == 1);
  CHECK(built.security == "wep");
}

TEST_CASE("802.11 frames: an FCS is found by its CRC", "[wire][ieee80211]") {
  Frame frame;
  for (std::uint8_t i = 0; i < 20; ++i) frame.push_back(i);
  CHECK_FALSE(EndsInValidFcs(frame));
  netfix::testing::PutLe32(frame, 0x3bddffa4);  // CRC-32 of bytes 0..19
  CHECK(EndsInValidFcs(frame));
  CHECK(WithoutFcs(frame).size() == 20);
  frame[3] ^= 1;
  CHECK(WithoutFcs(frame).size() == 24);
}

TEST_CASE("802.11 corpus: beacons that trip other parsers (skips without ../shared/corpus)",
          "[wire][ieee80211][corpus]") {
  auto dir = CorpusDir() / "pcap" / "wifi";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  // The first beacon of a capture as a network, with its notes.
  auto first_beacon = [&](const char* name) {
    auto file = netfix::testing::ReadCapture(dir / name);
    REQUIRE(file);
    for (const auto& data : file->frames) {
      Bytes frame = data;
      int mhz = 0;
      if (file->link_type == kLinkTypeRadiotap) {
        auto radiotap = ParseRadiotap(frame);
        REQUIRE(radiotap);
        mhz = radiotap->frequency_mhz;
        frame = RadiotapPayload(frame, *radiotap);
      }
      if (auto beacon = ParseBeaconFrame(WithoutFcs(frame))) {
        Applied out;
        out.bss = BssFromBeacon(*beacon, mhz, &out.notes);
        return out;
      }
    }
    FAIL("no beacon in " << name);
    return Applied{};
  };
  SECTION("an RSN element that naive parsers read into the SSID") {
    auto out = first_beacon("scapy_bad_rsn_parsing_overrides_ssid.pcap");
    CHECK(out.bss.ssid.bytes == "ROUTE-821E295");
    CHECK(out.bss.security == "wpa2");
    CHECK(out.bss.channel == 1);
    CHECK(out.notes.empty());
  }
  SECTION("a GBK SSID stays bytes") {
    auto out = first_beacon("Chinese-SSID-Name.pcap");
    CHECK(out.bss.ssid.bytes == "\xb2\xe2\xca\xd4");  // "测试" in GBK
    CHECK(out.bss.channel == 6);
  }
  SECTION("an SSID starting with byte 0xc6") {
    auto out = first_beacon("wlanpi_profiler_clients/0xc6_beacon_nonutf8_ssid.pcapng");
    CHECK(out.bss.ssid.bytes == "\xc6TME Enterprise");
    CHECK_FALSE(netfix::model::IsValidUtf8(out.bss.ssid.bytes));
  }
  SECTION("WEP: privacy without RSN or WPA") {
    CHECK(first_beacon("wep.open.system.authentication.cap").bss.security == "wep");
    CHECK(first_beacon("wep.shared.key.authentication.cap").bss.security == "wep");
  }
  SECTION("WPA3 with SAE") {
    auto out = first_beacon("wpa3-psk.pcap");
    CHECK(out.bss.ssid.bytes == "WPA3-Network");
    CHECK(out.bss.security == "wpa3");
  }
  SECTION("WPA2/WPA3 transition, Wi-Fi 6, WPS, 802.11k/v") {
    auto out = first_beacon("pmkid-not-recognized.cap");
    CHECK(out.bss.ssid.bytes == "WML");
    CHECK(out.bss.security == "wpa2-wpa3");
    CHECK(out.bss.standards == std::vector<std::string>{"n", "ac", "ax"});
    CHECK(out.bss.wps == true);
    CHECK(out.bss.rrm == true);
    CHECK(out.bss.btm == true);
    CHECK(out.bss.channel == 10);
  }
  SECTION("WPS") {
    auto wps2 = first_beacon("wps2.0.pcap");
    CHECK(wps2.bss.wps == true);
    CHECK(wps2.bss.security == "wpa-wpa2");
    CHECK(wps2.bss.channel == 13);
    auto test23 = first_beacon("test23.pcap");
    CHECK(test23.bss.ssid.bytes == "WLAN-2");
    CHECK(test23.bss.wps == true);
    CHECK(test23.bss.security == "wpa2");
    CHECK(test23.bss.frequency_mhz == 2462);
  }
  SECTION("WPA1 with TKIP") {
    auto out = first_beacon("wpa-psk-linksys.cap");
    CHECK(out.bss.security == "wpa");
    CHECK(out.bss.tkip == true);
  }
  SECTION("a WPA3 mesh beacon with a wildcard SSID") {
    auto out = first_beacon("ieee802.11_meshid.pcap");
    CHECK(out.bss.hidden);
    CHECK(out.bss.security == "wpa3");
    CHECK(out.bss.width_mhz == 80);
    CHECK(out.bss.channel == 149);
  }
}
