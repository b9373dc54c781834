// nl80211 (the kernel's Wi-Fi interface, generic netlink) as the Wi-Fi probe
// needs it: list the Wi-Fi interfaces, trigger a scan, hear when it ends,
// read the results and the station info of the access point. Every call is
// bounded by a deadline. Messages come back as their raw attributes for
// wire/nl80211 to parse; tests replay recorded ones through a fake
// (tests/support/fake_nl80211.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "io/clock.h"
#include "io/result.h"
#include "wire/addr.h"

namespace netfix::io {

/// One generic netlink message from nl80211: its command (NL80211_CMD_*)
/// and the attributes after the genlmsghdr, untouched.
struct Nl80211Message {
  std::uint8_t command = 0;
  std::vector<std::uint8_t> attributes;
};

enum class ScanTrigger {
  kStarted,  ///< the kernel accepted the request; a scan event follows
  kBusy,     ///< EBUSY: a scan (someone else's) is already running
};

/// One open nl80211 connection, used by one thread.
class Nl80211Socket {
 public:
  virtual ~Nl80211Socket() = default;

  /// NL80211_CMD_GET_INTERFACE dump: one NEW_INTERFACE message a Wi-Fi interface.
  virtual Result<std::vector<Nl80211Message>> DumpInterfaces(TimePoint until) = 0;
  /// NL80211_CMD_TRIGGER_SCAN on `ifindex`: every channel, active (the
  /// wildcard SSID). kPermission without CAP_NET_ADMIN; other refusals
  /// (ENETDOWN, EOPNOTSUPP ...) as errors naming the errno.
  virtual Result<ScanTrigger> TriggerScan(int ifindex, TimePoint until) = 0;
  /// Messages of the "scan" multicast group (NEW_SCAN_RESULTS,
  /// SCAN_ABORTED, TRIGGER_SCAN of any interface) that arrive until `until`;
  /// returns as soon as there is at least one, an empty list at `until`. The
  /// socket joined the group when it was opened, so no event of a scan
  /// triggered through it is missed.
  virtual Result<std::vector<Nl80211Message>> ReceiveScanEvents(TimePoint until) = 0;
  /// NL80211_CMD_GET_SCAN dump: one NEW_SCAN_RESULTS message a BSS, the
  /// kernel's current results (fresh after a scan, else cached).
  virtual Result<std::vector<Nl80211Message>> DumpScanResults(int ifindex, TimePoint until) = 0;
  /// NL80211_CMD_GET_STATION for `peer` on `ifindex`: one NEW_STATION message.
  virtual Result<std::vector<Nl80211Message>> GetStation(int ifindex, const wire::MacAddress& peer,
                                                         TimePoint until) = 0;
};

/// Opens the connection: resolves the "nl80211" family and joins its "scan"
/// group, bounded by `until`. kNotFound when the kernel has no nl80211 (no
/// Wi-Fi driver loaded).
Result<std::unique_ptr<Nl80211Socket>> OpenNl80211Socket(TimePoint until);

}  // namespace netfix::io
