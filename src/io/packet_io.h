// Raw Ethernet frames in and out of one interface (the view of the LAN that
// the ARP sweep, DHCP, IPv6 and the passive listener have). The real
// implementation is libpcap; tests replay frames.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/result.h"

namespace netfix::io {

using Frame = std::vector<std::uint8_t>;

class PacketIo {
 public:
  virtual ~PacketIo() = default;
  /// Puts one complete Ethernet frame on the wire.
  virtual Result<void> Send(std::span<const std::uint8_t> frame) = 0;
  /// Waits until at least one frame has arrived or `until` has passed, and
  /// returns what arrived (possibly nothing). Never waits past `until`.
  virtual Result<std::vector<Frame>> Receive(TimePoint until) = 0;
};

/// The ARP sweep's capture filter.
inline constexpr const char* kArpFilter = "arp";

/// libpcap on `interface`, immediate mode, incoming frames that the BPF
/// `filter` lets through (ARP up to 256 bytes each, anything else up to
/// 2048). A missing CAP_NET_RAW is ErrorKind::kPermission; a link that is not
/// Ethernet is ErrorKind::kUnsupported; a filter that does not compile is
/// kOther.
Result<std::unique_ptr<PacketIo>> OpenPcapPacketIo(const std::string& interface,
                                                   const std::string& filter = kArpFilter);

}  // namespace netfix::io
