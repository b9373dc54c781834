// Radiotap (https://www.radiotap.org): the header a monitor-mode capture puts
// in front of every 802.11 frame, saying how the radio received it: channel
// frequency, signal strength, rate, whether the frame ends in its FCS.
//
// Every field is aligned to its natural size relative to the header start;
// present bitmaps chain through bit 31 and switch namespaces through bits 29
// (radiotap) and 30 (vendor, whose data is skipped by its declared length).
// Fields after the first one netfix does not know cannot be located, so
// reading stops there keeping what came before; a field that runs past the
// header, or a header longer than the frame, rejects the header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "wire/byte_reader.h"

namespace netfix::wire {

struct Radiotap {
  std::size_t length = 0;  ///< the 802.11 frame starts here
  std::optional<std::uint64_t> tsft_us;
  bool fcs_at_end = false;  ///< the frame carries its 4-byte FCS at the end
  bool bad_fcs = false;     ///< ... and the radio found it wrong
  std::optional<double> rate_mbps;
  int frequency_mhz = 0;  ///< 0: not present
  std::uint16_t channel_flags = 0;
  std::optional<int> signal_dbm;  ///< the first (combined) antenna signal
  std::optional<int> noise_dbm;
};

/// Parses the radiotap header at the start of `frame`; nullopt (and the
/// reason in `error`, when not null) for a header that is not valid.
std::optional<Radiotap> ParseRadiotap(Bytes frame, std::string* error = nullptr);

/// The 802.11 frame behind the header, without its FCS when it has one.
Bytes RadiotapPayload(Bytes frame, const Radiotap& radiotap);

}  // namespace netfix::wire
