// Builds nl80211 message attributes as the kernel sends them (host byte
// order, 4-byte aligned, nested attributes flagged NLA_F_NESTED), for the
// parser's tests and the fake nl80211 socket. A beacon's information
// elements come from the shared capture corpus (BeaconIes), so the parsers
// see what a real access point sends.
#pragma once

#include <linux/netlink.h>
#include <linux/nl80211.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "support/pcap_file.h"
#include "wire/addr.h"

namespace netfix::testing {

using NlBytes = std::vector<std::uint8_t>;

class NlAttrs {
 public:
  NlAttrs& Raw(std::uint16_t type, const void* data, std::size_t n, bool nested = false) {
    std::uint16_t length = static_cast<std::uint16_t>(4 + n);
    std::uint16_t t = nested ? static_cast<std::uint16_t>(type | NLA_F_NESTED) : type;
    Put(&length, 2);
    Put(&t, 2);
    Put(data, n);
    while (out_.size() % 4 != 0) out_.push_back(0);
    return *this;
  }
  NlAttrs& Bytes(std::uint16_t type, const NlBytes& bytes) {
    return Raw(type, bytes.data(), bytes.size());
  }
  NlAttrs& U8(std::uint16_t type, std::uint8_t v) { return Raw(type, &v, 1); }
  NlAttrs& U16(std::uint16_t type, std::uint16_t v) { return Raw(type, &v, 2); }
  NlAttrs& U32(std::uint16_t type, std::uint32_t v) { return Raw(type, &v, 4); }
  NlAttrs& S32(std::uint16_t type, std::int32_t v) { return Raw(type, &v, 4); }
  NlAttrs& Text(std::uint16_t type, const std::string& text) {
    return Raw(type, text.c_str(), text.size() + 1);
  }
  NlAttrs& Mac(std::uint16_t type, const std::string& mac) {
    auto parsed = *wire::ParseMac(mac);
    return Raw(type, parsed.data(), parsed.size());
  }
  NlAttrs& Nested(std::uint16_t type, const NlAttrs& inner) {
    return Raw(type, inner.out_.data(), inner.out_.size(), true);
  }
  /// Bytes as they are, e.g. a broken attribute.
  NlAttrs& Append(const NlBytes& bytes) {
    out_.insert(out_.end(), bytes.begin(), bytes.end());
    return *this;
  }
  const NlBytes& bytes() const { return out_; }

 private:
  void Put(const void* data, std::size_t n) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    out_.insert(out_.end(), p, p + n);
  }
  NlBytes out_;
};

/// NL80211_CMD_NEW_INTERFACE of a station interface.
struct InterfaceSpec {
  int index = 3;
  std::string name = "wlan0";
  std::uint32_t type = NL80211_IFTYPE_STATION;
  std::string mac = "f0:d5:bf:4e:46:59";
  std::string ssid;  ///< the connected network; "" when not connected
  int frequency_mhz = 0;
};

inline NlBytes InterfaceAttributes(const InterfaceSpec& spec) {
  NlAttrs a;
  a.U32(NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(spec.index))
      .Text(NL80211_ATTR_IFNAME, spec.name)
      .U32(NL80211_ATTR_IFTYPE, spec.type)
      .U32(NL80211_ATTR_WIPHY, 0)
      .Mac(NL80211_ATTR_MAC, spec.mac);
  if (!spec.ssid.empty()) a.Bytes(NL80211_ATTR_SSID, NlBytes(spec.ssid.begin(), spec.ssid.end()));
  if (spec.frequency_mhz != 0)
    a.U32(NL80211_ATTR_WIPHY_FREQ, static_cast<std::uint32_t>(spec.frequency_mhz));
  return a.bytes();
}

/// Hand-built information elements: an SSID, then whatever follows.
inline NlBytes SsidIe(const std::string& ssid, NlBytes rest = {}) {
  NlBytes ies = {0, static_cast<std::uint8_t>(ssid.size())};
  ies.insert(ies.end(), ssid.begin(), ssid.end());
  ies.insert(ies.end(), rest.begin(), rest.end());
  return ies;
}

/// One BSS of NL80211_CMD_NEW_SCAN_RESULTS.
struct BssSpec {
  std::string bssid = "3c:a6:2f:10:00:01";
  int frequency_mhz = 2462;
  std::optional<std::uint16_t> capability = 0x0411;
  std::optional<std::int32_t> signal_mbm = -5400;  ///< -54 dBm
  std::optional<std::uint32_t> seen_ms_ago = 120;
  std::optional<std::uint32_t> status;  ///< NL80211_BSS_STATUS_*
  std::optional<NlBytes> ies;
  std::optional<NlBytes> beacon_ies;
};

inline NlBytes BssAttributes(const BssSpec& spec, int ifindex = 3) {
  NlAttrs bss;
  bss.Mac(NL80211_BSS_BSSID, spec.bssid)
      .U32(NL80211_BSS_FREQUENCY, static_cast<std::uint32_t>(spec.frequency_mhz))
      .Raw(NL80211_BSS_TSF, "\1\2\3\4\5\6\7\0", 8)
      .U16(NL80211_BSS_BEACON_INTERVAL, 100);
  if (spec.capability) bss.U16(NL80211_BSS_CAPABILITY, *spec.capability);
  if (spec.ies) bss.Bytes(NL80211_BSS_INFORMATION_ELEMENTS, *spec.ies);
  if (spec.signal_mbm) bss.S32(NL80211_BSS_SIGNAL_MBM, *spec.signal_mbm);
  if (spec.status) bss.U32(NL80211_BSS_STATUS, *spec.status);
  if (spec.seen_ms_ago) bss.U32(NL80211_BSS_SEEN_MS_AGO, *spec.seen_ms_ago);
  if (spec.beacon_ies) bss.Bytes(NL80211_BSS_BEACON_IES, *spec.beacon_ies);
  NlAttrs a;
  a.U32(NL80211_ATTR_GENERATION, 42)
      .U32(NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(ifindex))
      .Raw(NL80211_ATTR_WDEV, "\1\0\0\0\0\0\0\0", 8);
  return a.Nested(NL80211_ATTR_BSS, bss).bytes();
}

/// NL80211_CMD_NEW_STATION: signal in dBm, bitrates in 100 kbit/s.
struct StationSpec {
  std::string mac = "3c:a6:2f:10:00:01";
  std::optional<std::int8_t> signal = -52;
  std::optional<std::int8_t> signal_avg = -53;
  std::optional<std::uint32_t> tx_bitrate32 = 8667;  ///< 866.7 Mbit/s
  std::optional<std::uint16_t> rx_bitrate16 = 7800;  ///< 780.0 Mbit/s (the old 16-bit field)
};

inline NlBytes StationAttributes(const StationSpec& spec, int ifindex = 3) {
  NlAttrs info;
  info.U32(NL80211_STA_INFO_INACTIVE_TIME, 30);
  if (spec.signal) info.U8(NL80211_STA_INFO_SIGNAL, static_cast<std::uint8_t>(*spec.signal));
  if (spec.signal_avg)
    info.U8(NL80211_STA_INFO_SIGNAL_AVG, static_cast<std::uint8_t>(*spec.signal_avg));
  if (spec.tx_bitrate32) {
    NlAttrs rate;
    rate.U16(NL80211_RATE_INFO_BITRATE, static_cast<std::uint16_t>(*spec.tx_bitrate32 & 0xffff))
        .U32(NL80211_RATE_INFO_BITRATE32, *spec.tx_bitrate32)
        .U8(NL80211_RATE_INFO_VHT_MCS, 9)
        .U8(NL80211_RATE_INFO_VHT_NSS, 2);
    info.Nested(NL80211_STA_INFO_TX_BITRATE, rate);
  }
  if (spec.rx_bitrate16) {
    NlAttrs rate;
    rate.U16(NL80211_RATE_INFO_BITRATE, *spec.rx_bitrate16);
    info.Nested(NL80211_STA_INFO_RX_BITRATE, rate);
  }
  NlAttrs a;
  a.U32(NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(ifindex))
      .Mac(NL80211_ATTR_MAC, spec.mac)
      .U32(NL80211_ATTR_GENERATION, 42);
  return a.Nested(NL80211_ATTR_STA_INFO, info).bytes();
}

/// A scan event (NEW_SCAN_RESULTS, SCAN_ABORTED, TRIGGER_SCAN) names the interface.
inline NlBytes ScanEventAttributes(int ifindex) {
  NlAttrs a;
  a.U32(NL80211_ATTR_WIPHY, 0).U32(NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(ifindex));
  return a.bytes();
}

/// The information elements of the first beacon in the corpus capture
/// wifi/test23.pcap (radiotap; "WLAN-2", channel 11, WPA2-PSK, WPS, HT,
/// BSS load) and its capability field; nullopt when the corpus is absent.
struct CorpusBeacon {
  NlBytes ies;
  std::uint16_t capability = 0;
  std::string bssid;
};

inline std::optional<CorpusBeacon> BeaconIes() {
  auto file = ReadCapture(CorpusDir() / "pcap" / "wifi" / "test23.pcap");
  if (!file || file->link_type != 127) return std::nullopt;  // radiotap
  for (const auto& frame : file->frames) {
    if (frame.size() < 4) continue;
    std::size_t radiotap = frame[2] | frame[3] << 8;
    // 24-byte management header, then timestamp (8), interval (2), capability (2).
    if (frame.size() < radiotap + 36 || frame[radiotap] != 0x80) continue;  // a beacon
    CorpusBeacon beacon;
    beacon.capability =
        static_cast<std::uint16_t>(frame[radiotap + 34] | frame[radiotap + 35] << 8);
    wire::MacAddress bssid{};
    std::memcpy(bssid.data(), &frame[radiotap + 16], 6);
    beacon.bssid = wire::FormatMac(bssid);
    beacon.ies.assign(frame.begin() + static_cast<std::ptrdiff_t>(radiotap + 36), frame.end());
    return beacon;
  }
  return std::nullopt;
}

}  // namespace netfix::testing
