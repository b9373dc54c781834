#include "wire/ieee80211.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "wire/addr.h"
#include "wire/ieee80211_bytes.h"

namespace netfix::wire {

namespace {

enum ElementId : std::uint8_t {
  kSsid = 0,
  kDsParameter = 3,
  kBssLoad = 11,
  kHtCapabilities = 45,
  kRsn = 48,
  kMobilityDomain = 54,
  kHtOperation = 61,
  kRmEnabledCapabilities = 70,
  kExtendedCapabilities = 127,
  kVhtCapabilities = 191,
  kVhtOperation = 192,
  kVendorSpecific = 221,
  kExtension = 255,
};

enum ExtensionId : std::uint8_t {
  kHeCapabilities = 35,
  kHeOperation = 36,
  kEhtOperation = 106,
  kEhtCapabilities = 108,
};

using Oui = std::array<std::uint8_t, 3>;
constexpr Oui kIeee80211Oui = {0x00, 0x0f, 0xac};  // RSN suites
constexpr Oui kMicrosoftOui = {0x00, 0x50, 0xf2};  // WPA, WMM, WPS
constexpr std::uint8_t kMicrosoftWpa = 1;
constexpr std::uint8_t kMicrosoftWps = 4;
constexpr std::uint8_t kCipherTkip = 2;
constexpr std::uint16_t kCapabilityPrivacy = 0x0010;

bool Has(const std::vector<int>& list, int value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// AKM suite selectors (00-0F-AC:n), IEEE 802.11-2020 table 9-151.
bool IsEnterpriseAkm(int akm) {
  return akm == 1 || akm == 3 || akm == 5 || (akm >= 11 && akm <= 17) || akm == 22 || akm == 23;
}
bool IsPskAkm(int akm) {
  return akm == 2 || akm == 4 || akm == 6 || akm == 19 || akm == 20;
}
bool IsSaeAkm(int akm) {
  return akm == 8 || akm == 9 || akm == 24 || akm == 25;
}
bool IsFtAkm(int akm) {
  return akm == 3 || akm == 4 || akm == 9 || akm == 13 || akm == 16 || akm == 17 || akm == 19 ||
         akm == 25;
}
constexpr int kAkmOwe = 18;
constexpr int kAkmSuiteB192 = 12;

// What an RSN or WPA element offers.
struct SecurityElement {
  bool present = false;
  std::vector<int> akms;  // selectors under the element's own OUI
};

// What the elements said, before it becomes WifiBss fields.
struct Facts {
  bool ssid_seen = false;
  int ds_channel = 0;
  int ht_channel = 0;
  int he6_channel = 0;  // primary channel from the HE 6 GHz operation info
  bool ht = false, vht = false, he = false, eht = false;
  int ht_width = 0, vht_width = 0, he_width = 0, eht_width = 0;
  SecurityElement rsn, wpa;
  bool tkip = false;
  bool wps = false, rrm = false, mobility_domain = false;
  std::optional<bool> btm;
  bool complete = false;  // every element was read
};

// --- element readers: false when the element is malformed ---------------

bool ReadSsid(Bytes value, Facts& facts, model::WifiBss& bss) {
  if (facts.ssid_seen) return true;  // only the first SSID element names the network
  facts.ssid_seen = true;
  bss.ssid.bytes.assign(value.begin(), value.end());
  bss.hidden = std::all_of(value.begin(), value.end(), [](std::uint8_t b) { return b == 0; });
  return true;
}

bool ReadDsParameter(Bytes value, Facts& facts, model::WifiBss&) {
  if (value.empty()) return false;
  facts.ds_channel = value[0];
  return true;
}

bool ReadBssLoad(Bytes value, Facts&, model::WifiBss& bss) {
  ByteReader in(value);
  int stations = ReadLe16(in);
  int utilization = in.ReadU8();
  if (!in.ok()) return false;
  bss.station_count = stations;
  bss.channel_utilization_pct = utilization * 100.0 / 255.0;
  return true;
}

bool ReadHtCapabilities(Bytes, Facts& facts, model::WifiBss&) {
  facts.ht = true;
  return true;
}

bool ReadHtOperation(Bytes value, Facts& facts, model::WifiBss&) {
  if (value.size() < 2) return false;
  facts.ht = true;
  facts.ht_channel = value[0];
  int secondary_offset = value[1] & 0x03;  // 1 above, 3 below
  bool any_width = value[1] & 0x04;
  facts.ht_width = secondary_offset != 0 && any_width ? 40 : 20;
  return true;
}

// VHT operation channel width with its centre frequency segments (also
// carried inside the HE operation element); 0 defers to HT.
int VhtWidth(int width, int segment0, int segment1) {
  if (width == 0) return 0;
  if (width == 1 && segment1 == 0) return 80;
  if (width == 1 && std::abs(segment1 - segment0) < 8) return 80;
  return 160;  // 160 or 80+80 (160 MHz in all)
}

bool ReadVhtCapabilities(Bytes, Facts& facts, model::WifiBss&) {
  facts.vht = true;
  return true;
}

bool ReadVhtOperation(Bytes value, Facts& facts, model::WifiBss&) {
  if (value.size() < 3) return false;
  facts.vht = true;
  facts.vht_width = VhtWidth(value[0], value[1], value[2]);
  return true;
}

bool ReadHeOperation(ByteReader in, Facts& facts) {
  facts.he = true;
  std::uint32_t params = in.ReadU8();
  params |= std::uint32_t{in.ReadU8()} << 8;
  params |= std::uint32_t{in.ReadU8()} << 16;
  in.Skip(1 + 2);             // BSS colour, basic HE-MCS and NSS set
  if (params & (1u << 14)) {  // VHT operation information
    auto vht = in.ReadArray<3>();
    facts.he_width = VhtWidth(vht[0], vht[1], vht[2]);
  }
  if (params & (1u << 15)) in.Skip(1);  // max co-hosted BSSID indicator
  if (params & (1u << 17)) {            // 6 GHz operation information
    facts.he6_channel = in.ReadU8();
    static constexpr int kWidths[] = {20, 40, 80, 160};
    facts.he_width = kWidths[in.ReadU8() & 0x03];
    in.Skip(3);  // centre frequency segments, minimum rate
  }
  return in.ok();
}

bool ReadEhtOperation(ByteReader in, Facts& facts) {
  facts.eht = true;
  std::uint8_t params = in.ReadU8();
  in.Skip(4);  // basic EHT-MCS and NSS set
  if (params & 0x01) {
    static constexpr int kWidths[] = {20, 40, 80, 160, 320, 0, 0, 0};
    facts.eht_width = kWidths[in.ReadU8() & 0x07];
    in.Skip(2);  // centre frequency segments
  }
  return in.ok();
}

bool ReadExtension(Bytes value, Facts& facts, model::WifiBss&) {
  ByteReader in(value);
  std::uint8_t id = in.ReadU8();
  if (!in.ok()) return false;
  switch (id) {
    case kHeCapabilities: facts.he = true; return true;
    case kHeOperation: return ReadHeOperation(in, facts);
    case kEhtCapabilities: facts.eht = true; return true;
    case kEhtOperation: return ReadEhtOperation(in, facts);
    default: return true;
  }
}

// A suite list: a little-endian count, then 4-byte selectors. Records the
// selectors under `oui` in `types`; false when the list runs past the end.
bool ReadSuiteList(ByteReader& in, const Oui& oui, std::vector<int>* types) {
  std::size_t count = ReadLe16(in);
  if (!in.ok() || count > in.remaining() / 4) return false;
  for (std::size_t i = 0; i < count; ++i) {
    auto suite = in.ReadArray<4>();
    if (std::equal(oui.begin(), oui.end(), suite.begin())) types->push_back(suite[3]);
  }
  return true;
}

// Group cipher, pairwise ciphers, AKMs: the common body of RSN and WPA
// elements. Each part may be absent at the end of the element; an absent AKM
// list means 802.1X (IEEE 802.11-2020 9.4.2.24.1).
bool ReadSecuritySuites(ByteReader& in, const Oui& oui, SecurityElement* element, Facts& facts) {
  element->present = true;
  std::vector<int> ciphers;
  if (in.remaining() > 0) {
    auto group = in.ReadArray<4>();
    if (!in.ok()) return false;
    if (std::equal(oui.begin(), oui.end(), group.begin())) ciphers.push_back(group[3]);
  }
  if (in.remaining() > 0 && !ReadSuiteList(in, oui, &ciphers)) return false;
  facts.tkip = facts.tkip || Has(ciphers, kCipherTkip);
  if (in.remaining() > 0) return ReadSuiteList(in, oui, &element->akms);
  element->akms = {1};
  return true;
}

bool ReadRsn(Bytes value, Facts& facts, model::WifiBss&) {
  ByteReader in(value);
  std::uint16_t version = ReadLe16(in);
  if (!in.ok() || version != 1) return false;
  return ReadSecuritySuites(in, kIeee80211Oui, &facts.rsn, facts);
}

bool ReadVendorSpecific(Bytes value, Facts& facts, model::WifiBss&) {
  ByteReader in(value);
  auto oui = in.ReadArray<3>();
  std::uint8_t type = in.ReadU8();
  if (!in.ok() || oui != kMicrosoftOui) return true;  // another vendor's business
  if (type == kMicrosoftWps) facts.wps = true;
  if (type != kMicrosoftWpa) return true;
  std::uint16_t version = ReadLe16(in);
  if (!in.ok() || version != 1) return false;
  return ReadSecuritySuites(in, kMicrosoftOui, &facts.wpa, facts);
}

bool ReadMobilityDomain(Bytes, Facts& facts, model::WifiBss&) {
  facts.mobility_domain = true;
  return true;
}

bool ReadRmEnabledCapabilities(Bytes, Facts& facts, model::WifiBss&) {
  facts.rrm = true;
  return true;
}

bool ReadExtendedCapabilities(Bytes value, Facts& facts, model::WifiBss&) {
  // Bit 19: BSS transition (802.11v). Bits past the element's end are 0.
  facts.btm = value.size() > 2 && (value[2] & 0x08) != 0;
  return true;
}

struct ElementReader {
  std::uint8_t id;
  const char* name;
  bool (*read)(Bytes, Facts&, model::WifiBss&);
};

constexpr ElementReader kReaders[] = {
    {kSsid, "SSID", ReadSsid},
    {kDsParameter, "DS parameter", ReadDsParameter},
    {kBssLoad, "BSS load", ReadBssLoad},
    {kHtCapabilities, "HT capabilities", ReadHtCapabilities},
    {kRsn, "RSN", ReadRsn},
    {kMobilityDomain, "mobility domain", ReadMobilityDomain},
    {kHtOperation, "HT operation", ReadHtOperation},
    {kRmEnabledCapabilities, "RM enabled capabilities", ReadRmEnabledCapabilities},
    {kExtendedCapabilities, "extended capabilities", ReadExtendedCapabilities},
    {kVhtCapabilities, "VHT capabilities", ReadVhtCapabilities},
    {kVhtOperation, "VHT operation", ReadVhtOperation},
    {kVendorSpecific, "vendor specific", ReadVendorSpecific},
    {kExtension, "extension", ReadExtension},
};

const ElementReader* FindReader(std::uint8_t id) {
  for (const auto& reader : kReaders)
    if (reader.id == id) return &reader;
  return nullptr;
}

std::string ElementName(std::uint8_t id) {
  const ElementReader* reader = FindReader(id);
  return "element " + std::to_string(id) + (reader ? std::string(" (") + reader->name + ")" : "");
}

void Note(std::vector<std::string>* notes, std::string text) {
  if (notes != nullptr) notes->push_back(std::move(text));
}

// Reads every element it can; stops at the first one that is cut short or
// malformed, noting why.
Facts ReadElements(Bytes ies, model::WifiBss& bss, std::vector<std::string>* notes) {
  Facts facts;
  ByteReader in(ies);
  // Bounded: every element consumes at least its 2-byte header.
  while (in.remaining() >= 2) {
    std::uint8_t id = in.ReadU8();
    std::size_t length = in.ReadU8();
    Bytes value = in.ReadBytes(length);
    if (!in.ok()) {
      Note(notes, "802.11 " + ElementName(id) + " runs past the end of the frame");
      return facts;
    }
    const ElementReader* reader = FindReader(id);
    if (reader != nullptr && !reader->read(value, facts, bss)) {
      Note(notes,
           "802.11 " + ElementName(id) + " is malformed; the elements after it were not read");
      return facts;
    }
  }
  if (in.remaining() != 0) {
    Note(notes, "802.11 elements end inside an element header");
    return facts;
  }
  facts.complete = true;
  return facts;
}

// --- from facts to fields -------------------------------------------------

// True when seen; false only when what could say so was read; else unchanged.
void ApplyFlag(bool seen, bool complete, std::optional<bool>& flag) {
  if (seen)
    flag = true;
  else if (complete && !flag)
    flag = false;
}

std::string SecurityOf(const Facts& facts, std::optional<std::uint16_t> capability,
                       bool* enterprise) {
  const auto& akms = facts.rsn.akms;
  auto any = [&](bool (*test)(int)) { return std::any_of(akms.begin(), akms.end(), test); };
  constexpr int kWpaAkm8021x = 1;  // 00-50-F2:1
  *enterprise = any(IsEnterpriseAkm) || Has(facts.wpa.akms, kWpaAkm8021x);
  if (facts.rsn.present) {
    bool psk = any(IsPskAkm);
    if (any(IsSaeAkm)) return psk ? "wpa2-wpa3" : "wpa3";
    if (Has(akms, kAkmSuiteB192)) return "wpa3";  // WPA3-Enterprise 192-bit
    if (psk || any(IsEnterpriseAkm)) return facts.wpa.present ? "wpa-wpa2" : "wpa2";
    if (Has(akms, kAkmOwe)) return "owe";
    return "unknown";
  }
  if (facts.wpa.present) return "wpa";
  // Privacy off rules out RSN and WPA even when not every element was read.
  if (capability && !(*capability & kCapabilityPrivacy)) return "open";
  if (capability && facts.complete) return "wep";
  return "unknown";
}

void ApplySecurity(const Facts& facts, std::optional<std::uint16_t> capability,
                   model::WifiBss& bss) {
  bool enterprise = false;
  std::string security = SecurityOf(facts, capability, &enterprise);
  if (security == "unknown") return;
  bss.security = security;
  bss.enterprise = enterprise;
  // No TKIP is known once the cipher suites were read, or there are none.
  ApplyFlag(facts.tkip, facts.rsn.present || facts.wpa.present || facts.complete, bss.tkip);
}

void AddStandard(const char* standard, model::WifiBss& bss) {
  static constexpr const char* kOrder[] = {"n", "ac", "ax", "be"};
  auto& list = bss.standards;
  if (std::find(list.begin(), list.end(), standard) == list.end()) list.push_back(standard);
  auto rank = [](const std::string& s) {
    return std::find(std::begin(kOrder), std::end(kOrder), s) - std::begin(kOrder);
  };
  std::sort(list.begin(), list.end(),
            [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

void ApplyStandards(const Facts& facts, model::WifiBss& bss) {
  if (facts.ht) AddStandard("n", bss);
  if (facts.vht) AddStandard("ac", bss);
  if (facts.he) AddStandard("ax", bss);
  if (facts.eht) AddStandard("be", bss);
  // The newest operation element that names a width wins; a network with no
  // HT operation at all is a 20 MHz one.
  for (int width : {facts.eht_width, facts.he_width, facts.vht_width, facts.ht_width}) {
    if (width != 0) {
      bss.width_mhz = width;
      return;
    }
  }
  if (facts.complete && bss.width_mhz == 0) bss.width_mhz = 20;
}

void SetFrequency(int mhz, model::WifiBss& bss) {
  bss.frequency_mhz = mhz;
  bss.channel = model::ChannelOf(mhz);
  bss.band = model::BandOf(mhz);
}

// The channel the network names for itself, against the radio's frequency.
void ApplyChannel(const Facts& facts, model::WifiBss& bss, std::vector<std::string>* notes) {
  int channel = facts.ds_channel ? facts.ds_channel : facts.ht_channel;
  std::string band = channel == 0 ? "6" : channel <= 14 ? "2.4" : "5";
  if (channel == 0) channel = facts.he6_channel;
  int radio = bss.frequency_mhz;
  if (channel == 0) {
    if (radio != 0) SetFrequency(radio, bss);
    return;
  }
  if (radio == 0) {
    int mhz = model::FrequencyOf(channel, band);
    if (!model::BandOf(mhz).empty()) SetFrequency(mhz, bss);
    return;
  }
  SetFrequency(radio, bss);
  if (model::ChannelOf(radio) == channel) return;
  std::string radio_band = model::BandOf(radio);
  int named = model::FrequencyOf(channel, radio_band);
  std::string says = "heard on " + std::to_string(radio) + " MHz, but the network says channel " +
                     std::to_string(channel);
  // A 2.4 GHz radio hears networks a channel or two away: the network knows
  // its own channel. Across bands, or further away, the elements are wrong.
  if (!radio_band.empty() && model::BandOf(named) == radio_band && std::abs(named - radio) <= 20) {
    SetFrequency(named, bss);
    Note(notes, says + " (adjacent-channel reception): using channel " + std::to_string(channel));
  } else {
    Note(notes, says + ", which cannot be: keeping " + std::to_string(radio) + " MHz");
  }
}

// CRC-32 as in IEEE 802.3 (reflected polynomial 0xedb88320).
constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}();

std::uint32_t Crc32(Bytes data) {
  std::uint32_t crc = 0xffffffff;
  for (std::uint8_t b : data) crc = kCrcTable[(crc ^ b) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffff;
}

}  // namespace

bool EndsInValidFcs(Bytes frame) {
  if (frame.size() < 14) return false;  // the shortest frame (ACK) with its FCS
  ByteReader fcs(frame.last(4));
  return Crc32(frame.first(frame.size() - 4)) == ReadLe32(fcs);
}

Bytes WithoutFcs(Bytes frame) {
  return EndsInValidFcs(frame) ? frame.first(frame.size() - 4) : frame;
}

std::optional<FrameControl> ParseFrameControl(Bytes frame) {
  if (frame.size() < 2 || (frame[0] & 0x03) != 0) return std::nullopt;
  return FrameControl{static_cast<std::uint8_t>(frame[0] >> 2 & 0x03),
                      static_cast<std::uint8_t>(frame[0] >> 4), frame[1]};
}

std::optional<BeaconFrame> ParseBeaconFrame(Bytes frame, std::string* error) {
  auto control = ParseFrameControl(frame);
  if (!control || control->type != kDot11Management ||
      (control->subtype != kSubtypeBeacon && control->subtype != kSubtypeProbeResponse))
    return std::nullopt;
  ByteReader in(frame);
  in.Skip(2 + 2 + 6 + 6);  // frame control, duration, addresses 1 and 2
  auto bssid = in.ReadArray<6>();
  in.Skip(2);                             // sequence control
  if (control->flags & 0x80) in.Skip(4);  // +HTC: HT control field
  BeaconFrame out;
  out.probe_response = control->subtype == kSubtypeProbeResponse;
  out.bssid = FormatMac(bssid);
  out.timestamp_us = ReadLe64(in);
  out.interval_tu = ReadLe16(in);
  out.capability = ReadLe16(in);
  if (!in.ok()) {
    if (error != nullptr) *error = "beacon or probe response cut short before its SSID";
    return std::nullopt;
  }
  out.ies = in.ReadBytes(in.remaining());
  // The SSID element comes first; without it whole, the frame was cut short.
  if (out.ies.size() < 2 || out.ies[0] != kSsid || out.ies[1] > out.ies.size() - 2) {
    if (error != nullptr) *error = "beacon or probe response cut short before its SSID";
    return std::nullopt;
  }
  return out;
}

void ApplyInformationElements(Bytes ies, std::optional<std::uint16_t> capability,
                              model::WifiBss* bss, std::vector<std::string>* notes) {
  Facts facts = ReadElements(ies, *bss, notes);
  ApplyChannel(facts, *bss, notes);
  ApplyStandards(facts, *bss);
  ApplySecurity(facts, capability, *bss);
  ApplyFlag(facts.wps, facts.complete, bss->wps);
  ApplyFlag(facts.rrm, facts.complete, bss->rrm);
  ApplyFlag(facts.btm.value_or(false), facts.complete || facts.btm, bss->btm);
  bool ft_akm = std::any_of(facts.rsn.akms.begin(), facts.rsn.akms.end(), IsFtAkm);
  ApplyFlag(facts.mobility_domain || ft_akm, facts.complete, bss->ft);
}

model::WifiBss BssFromBeacon(const BeaconFrame& beacon, int radio_frequency_mhz,
                             std::vector<std::string>* notes) {
  model::WifiBss bss;
  bss.bssid = beacon.bssid;
  bss.frequency_mhz = radio_frequency_mhz;
  ApplyInformationElements(beacon.ies, beacon.capability, &bss, notes);
  return bss;
}

}  // namespace netfix::wire
