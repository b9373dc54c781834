#include "wire/nl80211.h"

#include <linux/nl80211.h>

#include "wire/ieee80211.h"
#include "wire/rtnetlink.h"

namespace netfix::wire {

namespace {

std::optional<std::uint32_t> U32(Bytes payload) {
  if (payload.size() < 4) return std::nullopt;
  ByteReader in(payload);
  return in.ReadHost32();
}

std::optional<std::uint16_t> U16(Bytes payload) {
  if (payload.size() < 2) return std::nullopt;
  ByteReader in(payload);
  return in.ReadHost16();
}

std::optional<MacAddress> Mac(Bytes payload) {
  if (payload.size() != 6) return std::nullopt;
  ByteReader in(payload);
  return in.ReadArray<6>();
}

// Frequencies beyond 100 GHz are not Wi-Fi; a garbled value stays "unknown".
int Frequency(std::optional<std::uint32_t> mhz) {
  return mhz && *mhz > 0 && *mhz < 100000 ? static_cast<int>(*mhz) : 0;
}

void SetFrequency(model::WifiBss& bss, int mhz) {
  if (mhz == 0) return;
  bss.frequency_mhz = mhz;
  bss.band = model::BandOf(mhz);
  if (int channel = model::ChannelOf(mhz); channel != 0) bss.channel = channel;
}

// NL80211_RATE_INFO_*: the total bitrate in 100 kbit/s (BITRATE32, or the
// older 16-bit BITRATE); 0 means the kernel could not compute it.
std::optional<double> BitrateMbps(Bytes rate_info) {
  std::optional<std::uint32_t> rate;
  ForEachNetlinkAttribute(rate_info, [&](std::uint16_t type, Bytes p) {
    if (type == NL80211_RATE_INFO_BITRATE32) {
      if (auto v = U32(p)) rate = v;
    } else if (type == NL80211_RATE_INFO_BITRATE && !rate) {
      if (auto v = U16(p)) rate = *v;
    }
  });
  if (!rate || *rate == 0) return std::nullopt;
  return *rate / 10.0;
}

}  // namespace

std::optional<Nl80211Interface> ParseNl80211Interface(Bytes attributes) {
  Nl80211Interface out;
  bool has_index = false;
  bool ok = ForEachNetlinkAttribute(attributes, [&](std::uint16_t type, Bytes p) {
    switch (type) {
      case NL80211_ATTR_IFINDEX:
        if (auto v = U32(p)) {
          out.index = static_cast<int>(*v);
          has_index = *v > 0 && *v < 0x7fffffff;
        }
        break;
      case NL80211_ATTR_IFNAME: out.name = NetlinkString(p); break;
      case NL80211_ATTR_IFTYPE: out.type = U32(p).value_or(0); break;
      case NL80211_ATTR_WIPHY: out.wiphy = U32(p); break;
      case NL80211_ATTR_MAC: out.mac = Mac(p); break;
      case NL80211_ATTR_SSID:
        if (p.size() <= 32) out.ssid.bytes.assign(p.begin(), p.end());
        break;
      case NL80211_ATTR_WIPHY_FREQ: out.frequency_mhz = Frequency(U32(p)); break;
    }
  });
  if (!ok || !has_index) return std::nullopt;
  return out;
}

std::optional<Nl80211Bss> ParseNl80211Bss(Bytes attributes) {
  Bytes nested;
  bool found = false;
  bool outer_ok = ForEachNetlinkAttribute(attributes, [&](std::uint16_t type, Bytes p) {
    if (type == NL80211_ATTR_BSS && !found) {
      nested = p;
      found = true;
    }
  });
  if (!found) return std::nullopt;

  std::optional<MacAddress> bssid;
  std::optional<std::uint32_t> frequency, status;
  std::optional<std::uint16_t> capability;
  std::optional<std::int32_t> signal_mbm;
  std::optional<Bytes> ies, beacon_ies;
  Nl80211Bss out;
  bool inner_ok = ForEachNetlinkAttribute(nested, [&](std::uint16_t type, Bytes p) {
    switch (type) {
      case NL80211_BSS_BSSID: bssid = Mac(p); break;
      case NL80211_BSS_FREQUENCY: frequency = U32(p); break;
      case NL80211_BSS_CAPABILITY: capability = U16(p); break;
      case NL80211_BSS_SIGNAL_MBM:
        if (auto v = U32(p)) signal_mbm = static_cast<std::int32_t>(*v);
        break;
      case NL80211_BSS_SEEN_MS_AGO: out.seen_ms_ago = U32(p); break;
      case NL80211_BSS_STATUS: status = U32(p); break;
      case NL80211_BSS_INFORMATION_ELEMENTS: ies = p; break;
      case NL80211_BSS_BEACON_IES: beacon_ies = p; break;
    }
  });
  if (!bssid) return std::nullopt;

  model::WifiBss& bss = out.bss;
  bss.bssid = FormatMac(*bssid);
  bss.source = "nl80211";
  std::string where = "BSS " + bss.bssid + ": ";
  if (!outer_ok || !inner_ok) out.notes.push_back(where + "nl80211 attributes cut short");

  // INFORMATION_ELEMENTS are the latest frame's (a probe response when there
  // was one), BEACON_IES the beacon's: a hidden network names its SSID only
  // in probe responses, so the beacon decides "hidden".
  std::vector<std::string> ie_notes;
  if (ies || beacon_ies)
    ApplyInformationElements(ies ? *ies : *beacon_ies, capability, &bss, &ie_notes);
  if (ies && beacon_ies) {
    model::WifiBss beacon;
    ApplyInformationElements(*beacon_ies, capability, &beacon, nullptr);
    if (beacon.hidden) bss.hidden = true;
  }
  for (auto& note : ie_notes) out.notes.push_back(where + note);

  // The kernel's own values win over what the frame claims.
  SetFrequency(bss, Frequency(frequency));
  // mBm is 1/100 dBm; a value outside any radio's range is garbage.
  if (signal_mbm && *signal_mbm > -20000 && *signal_mbm < 3000)
    bss.signal_dbm = *signal_mbm / 100.0;
  bss.associated = status && (*status == NL80211_BSS_STATUS_ASSOCIATED ||
                              *status == NL80211_BSS_STATUS_IBSS_JOINED);
  return out;
}

std::optional<model::WifiLink> ParseNl80211Station(Bytes attributes) {
  model::WifiLink link;
  std::optional<MacAddress> mac;
  ForEachNetlinkAttribute(attributes, [&](std::uint16_t type, Bytes p) {
    if (type == NL80211_ATTR_MAC) mac = Mac(p);
    if (type != NL80211_ATTR_STA_INFO) return;
    std::optional<double> signal, average;
    ForEachNetlinkAttribute(p, [&](std::uint16_t info, Bytes v) {
      switch (info) {
        // u8 on the wire, a signed dBm value.
        case NL80211_STA_INFO_SIGNAL:
          if (v.size() >= 1) signal = static_cast<std::int8_t>(v[0]);
          break;
        case NL80211_STA_INFO_SIGNAL_AVG:
          if (v.size() >= 1) average = static_cast<std::int8_t>(v[0]);
          break;
        case NL80211_STA_INFO_TX_BITRATE: link.tx_bitrate_mbps = BitrateMbps(v); break;
        case NL80211_STA_INFO_RX_BITRATE: link.rx_bitrate_mbps = BitrateMbps(v); break;
      }
    });
    // 0 dBm is what drivers report when they do not know.
    if (signal && *signal < 0)
      link.signal_dbm = signal;
    else if (average && *average < 0)
      link.signal_dbm = average;
  });
  if (!mac) return std::nullopt;
  link.bssid = FormatMac(*mac);
  return link;
}

std::optional<int> Nl80211InterfaceIndex(Bytes attributes) {
  std::optional<int> index;
  ForEachNetlinkAttribute(attributes, [&](std::uint16_t type, Bytes p) {
    if (type != NL80211_ATTR_IFINDEX || index) return;
    if (auto v = U32(p); v && *v > 0 && *v < 0x7fffffff) index = static_cast<int>(*v);
  });
  return index;
}

}  // namespace netfix::wire
