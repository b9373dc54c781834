// IGMP (RFC 1112 v1, RFC 2236 v2, RFC 3376 v3): the queries routers and
// snooping switches send and the reports and leaves of group members, as the
// passive listener hears them.
//
// Tolerant: a v3 message whose source lists or records run past the end
// keeps the records read so far and says `truncated`.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint8_t kIpProtoIgmp = 2;

enum IgmpType : std::uint8_t {
  kIgmpQuery = 0x11,
  kIgmpV1Report = 0x12,
  kIgmpV2Report = 0x16,
  kIgmpV2Leave = 0x17,
  kIgmpV3Report = 0x22,
};

enum IgmpRecordType : std::uint8_t {
  kIgmpModeIsInclude = 1,
  kIgmpModeIsExclude = 2,
  kIgmpChangeToInclude = 3,
  kIgmpChangeToExclude = 4,
  kIgmpAllowNewSources = 5,
  kIgmpBlockOldSources = 6,
};

struct IgmpGroupRecord {
  std::uint8_t type = 0;  ///< IgmpRecordType
  Ipv4 group = 0;
  std::uint16_t sources = 0;
};

struct IgmpPacket {
  std::uint8_t type = 0;  ///< IgmpType or anything else seen
  int version = 0;        ///< 1, 2 or 3 (0: unknown type)
  Ipv4 group = 0;         ///< 0 for a general query and for v3 reports
  double max_response_s = 0;
  std::vector<IgmpGroupRecord> records;  ///< v3 reports
  bool truncated = false;
};

/// The IGMP message (the IPv4 payload); nullopt when shorter than 8 bytes.
/// A query's version follows RFC 3376 §7.1: 8 bytes with max response 0
/// is v1, 8 bytes otherwise v2, 12 or more v3.
std::optional<IgmpPacket> ParseIgmp(Bytes message);

struct IgmpFrame {
  MacAddress eth_source{};
  Ipv4 ip_source = 0;
  Ipv4 ip_destination = 0;
  IgmpPacket igmp;
};

/// An Ethernet frame carrying IPv4 with protocol 2 (the router alert option
/// is just part of the IPv4 header).
std::optional<IgmpFrame> ParseIgmpFrame(Bytes frame);

}  // namespace netfix::wire
