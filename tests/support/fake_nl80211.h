// A fake nl80211 that replays messages built with support/nl80211_message.h:
// the interface list, what a scan trigger answers, when (on the test clock)
// the scan's end event arrives, the scan results and the station info.
// Waiting for an event moves a simulated clock instead of sleeping.
#pragma once

#include <linux/nl80211.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "io/nl80211_socket.h"
#include "support/nl80211_message.h"
#include "support/test_clock.h"

namespace netfix::testing {

/// What the kernel knows and does; shared by every socket opened on it.
struct FakeNl80211 {
  std::vector<io::Nl80211Message> interfaces;
  std::optional<io::Error> interfaces_error;
  /// The answer to TRIGGER_SCAN.
  std::optional<io::Error> trigger_error;  ///< e.g. kPermission "... Operation not permitted"
  bool trigger_busy = false;               ///< EBUSY
  /// How long after the trigger the scan's end arrives (nullopt: never).
  std::optional<io::Duration> scan_takes = std::chrono::milliseconds(2500);
  bool scan_aborts = false;  ///< SCAN_ABORTED instead of NEW_SCAN_RESULTS
  /// Events that arrive at once (another interface's scan, for example).
  std::vector<io::Nl80211Message> early_events;
  std::vector<io::Nl80211Message> results;
  std::optional<io::Error> results_error;
  std::vector<io::Nl80211Message> station;
  std::optional<io::Error> station_error;

  /// What the probe asked, in order: "interfaces", "trigger 3",
  /// "dump-scan 3", "station 3 3c:a6:2f:10:00:01".
  std::vector<std::string> log;
  std::mutex mutex;  ///< guards log

  void Log(std::string line) {
    std::lock_guard lock(mutex);
    log.push_back(std::move(line));
  }
  std::vector<std::string> Log() {
    std::lock_guard lock(mutex);
    return log;
  }
};

inline io::Nl80211Message NlMessage(std::uint8_t command, NlBytes attributes) {
  return {command, std::move(attributes)};
}

class FakeNl80211Socket final : public io::Nl80211Socket {
 public:
  FakeNl80211Socket(std::shared_ptr<FakeNl80211> kernel, TestClock& clock)
      : kernel_(std::move(kernel)), clock_(clock) {}

  io::Result<std::vector<io::Nl80211Message>> DumpInterfaces(io::TimePoint) override {
    kernel_->Log("interfaces");
    if (kernel_->interfaces_error) return *kernel_->interfaces_error;
    return kernel_->interfaces;
  }
  io::Result<io::ScanTrigger> TriggerScan(int ifindex, io::TimePoint) override {
    kernel_->Log("trigger " + std::to_string(ifindex));
    if (kernel_->trigger_error) return *kernel_->trigger_error;
    if (kernel_->trigger_busy) return io::ScanTrigger::kBusy;
    ifindex_ = ifindex;
    if (kernel_->scan_takes) scan_ends_ = clock_.Now() + *kernel_->scan_takes;
    return io::ScanTrigger::kStarted;
  }
  io::Result<std::vector<io::Nl80211Message>> ReceiveScanEvents(io::TimePoint until) override {
    std::vector<io::Nl80211Message> events;
    if (!early_sent_) {
      early_sent_ = true;
      events = kernel_->early_events;
      if (!events.empty()) return events;
    }
    if (scan_ends_ && *scan_ends_ <= until) {
      clock_.WaitUntil(*scan_ends_);
      scan_ends_.reset();
      std::uint8_t command =
          kernel_->scan_aborts ? NL80211_CMD_SCAN_ABORTED : NL80211_CMD_NEW_SCAN_RESULTS;
      events.push_back(NlMessage(command, ScanEventAttributes(ifindex_)));
      return events;
    }
    clock_.WaitUntil(until);
    return events;
  }
  io::Result<std::vector<io::Nl80211Message>> DumpScanResults(int ifindex, io::TimePoint) override {
    kernel_->Log("dump-scan " + std::to_string(ifindex));
    if (kernel_->results_error) return *kernel_->results_error;
    return kernel_->results;
  }
  io::Result<std::vector<io::Nl80211Message>> GetStation(int ifindex, const wire::MacAddress& peer,
                                                         io::TimePoint) override {
    kernel_->Log("station " + std::to_string(ifindex) + " " + wire::FormatMac(peer));
    if (kernel_->station_error) return *kernel_->station_error;
    return kernel_->station;
  }

 private:
  std::shared_ptr<FakeNl80211> kernel_;
  TestClock& clock_;
  int ifindex_ = 0;
  std::optional<io::TimePoint> scan_ends_;
  bool early_sent_ = false;
};

}  // namespace netfix::testing
