// nl80211 messages, the kernel's Wi-Fi configuration interface (generic
// netlink): what an interface dump, a scan dump and a station query say.
// Pure parsing of the attributes after the genlmsghdr; io/nl80211_socket
// owns the socket and hands the bytes over untouched. The information
// elements of a BSS go to wire::ApplyInformationElements, the same parser
// as for beacons from a capture. Netlink uses host byte order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/wifi.h"
#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

/// One interface of NL80211_CMD_NEW_INTERFACE (a GET_INTERFACE dump).
struct Nl80211Interface {
  int index = 0;  ///< NL80211_ATTR_IFINDEX
  std::string name;
  std::uint32_t type = 0;  ///< NL80211_IFTYPE_* (2: station)
  std::optional<std::uint32_t> wiphy;
  std::optional<MacAddress> mac;
  model::ByteString ssid;  ///< the connected network's SSID, when connected
  int frequency_mhz = 0;   ///< the operating channel, when there is one
};

/// Nullopt when the attributes are cut short or name no interface index.
std::optional<Nl80211Interface> ParseNl80211Interface(Bytes attributes);

/// One BSS of NL80211_CMD_NEW_SCAN_RESULTS (a GET_SCAN dump).
struct Nl80211Bss {
  model::WifiBss bss;  ///< source "nl80211"; associated from NL80211_BSS_STATUS
  std::optional<std::uint32_t> seen_ms_ago;
  /// What could not be read ("BSS 3c:a6:2f:10:00:01: ..."), for WifiScan::notes.
  std::vector<std::string> notes;
};

/// Nullopt when there is no NL80211_ATTR_BSS with a 6-byte BSSID. A
/// malformed attribute after the BSSID keeps what was read and adds a note.
std::optional<Nl80211Bss> ParseNl80211Bss(Bytes attributes);

/// NL80211_CMD_NEW_STATION (GET_STATION): the peer's MAC (our access point's
/// BSSID on a station interface), signal and bitrates. interface, ssid and
/// frequency stay empty: the interface dump knows them. Nullopt without a
/// 6-byte NL80211_ATTR_MAC.
std::optional<model::WifiLink> ParseNl80211Station(Bytes attributes);

/// NL80211_ATTR_IFINDEX of any nl80211 message (scan events name the
/// interface whose scan ended); nullopt when absent or malformed.
std::optional<int> Nl80211InterfaceIndex(Bytes attributes);

}  // namespace netfix::wire
