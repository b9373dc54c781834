// The PRISM and AVS monitor headers (link types 119 and 163) that old
// wlan-ng, hostap and madwifi drivers put in front of 802.11 frames.
//
// PRISM: a 144-byte message in the capturing host's byte order: a message
// code, its length, the device name, then ten items (DID, status, length,
// 32-bit value), of which netfix reads the channel and the signal. What the
// "rssi" and "signal" items mean depends on the driver (dBm, or a raw
// quality figure), so a signal is only taken when it is a plausible dBm
// value. AVS: a 64-byte big-endian header beginning 0x8021100x; link type 119
// carries it too.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "wire/byte_reader.h"

namespace netfix::wire {

struct PrismHeader {
  std::size_t length = 0;  ///< the 802.11 frame starts here
  int channel = 0;         ///< 0: not supplied
  std::optional<int> signal_dbm;
};

/// A PRISM or AVS header at the start of `frame`; nullopt (and the reason in
/// `error`, when not null) when it is neither or does not fit the frame.
std::optional<PrismHeader> ParsePrism(Bytes frame, std::string* error = nullptr);

}  // namespace netfix::wire
