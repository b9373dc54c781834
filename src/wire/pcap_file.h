// Capture files: classic libpcap (both byte orders, micro- or nanosecond
// timestamps) and pcapng (section header, interface description, enhanced,
// simple and obsolete packet blocks; per-interface link type and timestamp
// resolution; several sections, each with its own byte order).
//
// Pure: the file is already in memory (no libpcap, which the core must not
// link). Untrusted bytes: every length is checked against what is left, the
// work is bounded by the file size (every record or block consumes at least
// 12 bytes) and by `max_frames`. A file cut short keeps the frames before the
// cut (the last one clipped) and says so.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/byte_reader.h"

namespace netfix::wire {

/// Link types (LINKTYPE_*) netfix reads frames from.
inline constexpr std::uint32_t kLinkTypeEthernet = 1;
inline constexpr std::uint32_t kLinkTypeIeee80211 = 105;  ///< raw 802.11, no radio header
inline constexpr std::uint32_t kLinkTypePrism = 119;      ///< PRISM or AVS header + 802.11
inline constexpr std::uint32_t kLinkTypeRadiotap = 127;   ///< radiotap header + 802.11
inline constexpr std::uint32_t kLinkTypeAvs = 163;        ///< AVS header + 802.11

inline constexpr std::size_t kMaxCaptureFrames = 2'000'000;

struct CaptureFrame {
  std::uint32_t link_type = 0;
  /// Nanoseconds since the Unix epoch; unset for pcapng simple packets,
  /// which carry no time.
  std::optional<std::int64_t> time_ns;
  std::uint32_t original_length = 0;  ///< on the wire; data may be shorter (snap length)
  Bytes data;                         ///< a view into the file's bytes
};

struct CaptureFile {
  std::string format;           ///< "pcap" or "pcapng"; "" when not a capture file
  std::uint32_t link_type = 0;  ///< the first interface's
  std::vector<CaptureFrame> frames;
  bool truncated = false;  ///< the file ends inside a record or block
  /// Why the bytes are not a capture file at all ("" when they are).
  std::string error;
  /// What was odd but did not stop reading (a cut record, a frame of an
  /// undeclared interface, the frame limit).
  std::vector<std::string> notes;
};

/// Reads a capture file held in memory. The frames are views into `file`
/// and stay valid as long as it does.
CaptureFile ReadCaptureFile(Bytes file, std::size_t max_frames = kMaxCaptureFrames);

/// "802.11+radiotap", "802.11", "Ethernet", ... or "link type N".
std::string LinkTypeName(std::uint32_t link_type);

}  // namespace netfix::wire
