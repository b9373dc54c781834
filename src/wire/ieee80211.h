// 802.11 management frames and information elements (IEs): what a beacon or
// probe response says about its network. Untrusted bytes from the air, a
// capture file or the kernel (nl80211 hands over the same IEs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/wifi.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

/// 802.11 frame types (frame control bits 2-3) and the management subtypes
/// netfix reads.
inline constexpr std::uint8_t kDot11Management = 0;
inline constexpr std::uint8_t kDot11Control = 1;
inline constexpr std::uint8_t kDot11Data = 2;
inline constexpr std::uint8_t kDot11Extension = 3;
inline constexpr std::uint8_t kSubtypeProbeResponse = 5;
inline constexpr std::uint8_t kSubtypeBeacon = 8;

struct FrameControl {
  std::uint8_t type = 0;     ///< kDot11Management ...
  std::uint8_t subtype = 0;  ///< kSubtypeBeacon ...
  std::uint8_t flags = 0;    ///< to/from DS, retry, protected (0x40), order (0x80)
};

/// The first two bytes of any 802.11 frame; nullopt when shorter, or when the
/// protocol version is not 0.
std::optional<FrameControl> ParseFrameControl(Bytes frame);

/// True when the frame ends in a 4-byte FCS that matches (CRC-32) what comes
/// before it. Link types that do not say whether the FCS was captured (raw
/// 802.11, PRISM) are told this way; a false match has odds of 2^-32.
bool EndsInValidFcs(Bytes frame);

/// The frame without its FCS when it ends in a valid one, else unchanged.
Bytes WithoutFcs(Bytes frame);

/// A beacon or probe response: what its header and fixed fields say, and its
/// information elements (a view into the frame).
struct BeaconFrame {
  bool probe_response = false;
  std::string bssid;  ///< address 3, lower-case
  std::uint64_t timestamp_us = 0;
  std::uint16_t interval_tu = 0;
  std::uint16_t capability = 0;  ///< ESS 0x1, IBSS 0x2, privacy 0x10 ...
  Bytes ies;
};

/// A beacon or probe response without its FCS; nullopt for any other frame,
/// or for one cut short before the end of its SSID element, which comes
/// first (the reason in `error`, when not null and the frame was a beacon or
/// probe response).
std::optional<BeaconFrame> ParseBeaconFrame(Bytes frame, std::string* error = nullptr);

/// Applies what a list of information elements says to `bss`: SSID (bytes;
/// hidden when empty or all zero; only the first SSID element counts), DS
/// parameter channel, HT/VHT/HE/EHT (standards and channel width), security
/// from RSN/WPA elements (with the privacy bit of `capability` for WEP and
/// open, when known), TKIP, WPS, 802.11k (RM enabled capabilities), 802.11v
/// (extended capabilities: BSS transition), 802.11r (mobility domain or an FT
/// AKM), BSS load. A truncated or malformed element ends parsing at that
/// element: what came before is kept, and a short note saying what was wrong
/// is appended to `notes` (when not null).
///
/// Fields the elements do not speak to stay as they are; an optional flag is
/// set to false (not advertised) only when the whole list could be read.
/// When `bss->frequency_mhz` is already set (the radio's frequency), it is
/// kept unless the elements name a nearby channel of the same band (a radio
/// hears a 2.4 GHz network one or two channels away); a disagreement is noted.
void ApplyInformationElements(Bytes ies, std::optional<std::uint16_t> capability,
                              model::WifiBss* bss, std::vector<std::string>* notes);

/// A beacon or probe response as a network (source and seen_at left to the
/// caller). `radio_frequency_mhz` (0 when unknown) is where it was heard.
model::WifiBss BssFromBeacon(const BeaconFrame& beacon, int radio_frequency_mhz,
                             std::vector<std::string>* notes);

}  // namespace netfix::wire
