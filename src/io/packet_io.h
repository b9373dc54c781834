// Raw Ethernet frames in and out of one interface (the ARP sweep's view of
// the LAN). The real implementation is libpcap; tests replay frames.
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

/// libpcap on `interface`, immediate mode, incoming ARP only ("arp" BPF
/// filter). A missing CAP_NET_RAW is ErrorKind::kPermission; a link that is
/// not Ethernet is ErrorKind::kUnsupported.
Result<std::unique_ptr<PacketIo>> OpenPcapPacketIo(const std::string& interface);

}  // namespace netfix::io
