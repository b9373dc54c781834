// A simulated Ethernet segment behind io::PacketIo: hosts that answer ARP
// requests after a delay (or only the n-th one), frames injected at given
// times (other hosts' requests, gratuitous ARP, garbage).
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "io/packet_io.h"
#include "support/timed_queue.h"
#include "wire/arp.h"

namespace netfix::testing {

struct FakeHost {
  std::string mac;
  std::string ip;
  io::Duration delay = std::chrono::milliseconds(1);
  int ignore_first = 0;  ///< requests to this IP it stays silent to
  bool silent = false;   ///< never answers
};

class FakeLan final : public io::PacketIo {
 public:
  explicit FakeLan(TestClock& clock) : clock_(clock) {}

  void AddHost(FakeHost host) { hosts_.push_back(std::move(host)); }
  /// A frame that arrives `after` the fake was created.
  void Inject(io::Duration after, io::Frame frame) {
    queue_.Push(start_ + after, std::move(frame));
  }
  /// Sets `flag` once `requests` ARP requests have been sent (Ctrl-C mid-sweep).
  void CancelAfter(int requests, std::atomic<bool>* flag) {
    cancel_after_ = requests;
    cancel_flag_ = flag;
  }
  void FailSends(bool fail) { fail_sends_ = fail; }
  void FailReceiveAfterSends(int sends) { fail_receive_after_ = sends; }

  io::Result<void> Send(std::span<const std::uint8_t> frame) override {
    if (fail_sends_) return io::Error{io::ErrorKind::kOther, "send failed: No buffer space"};
    auto request = wire::ParseArpFrame(frame);
    if (request) sent.push_back(*request);
    if (cancel_flag_ != nullptr && static_cast<int>(sent.size()) >= cancel_after_)
      cancel_flag_->store(true);
    if (!request || request->operation != wire::kArpRequest) return {};
    for (auto& host : hosts_) {
      auto ip = wire::ParseIpv4(host.ip);
      auto mac = wire::ParseMac(host.mac);
      if (!ip || !mac || *ip != request->target_ip || host.silent) continue;
      if (host.ignore_first > 0) {
        --host.ignore_first;
        continue;
      }
      wire::ArpPacket reply{wire::kArpReply, *mac, *ip, request->sender_mac, request->sender_ip};
      queue_.Push(clock_.Now() + host.delay, wire::BuildArpFrame(request->sender_mac, *mac, reply));
    }
    return {};
  }

  io::Result<std::vector<io::Frame>> Receive(io::TimePoint until) override {
    if (fail_receive_after_ >= 0 && static_cast<int>(sent.size()) >= fail_receive_after_)
      return io::Error{io::ErrorKind::kOther, "cannot capture on 'lan0': The interface went down"};
    return queue_.WaitAll(clock_, until);
  }

  std::vector<wire::ArpPacket> sent;  ///< every ARP packet netfix sent

 private:
  TestClock& clock_;
  io::TimePoint start_ = clock_.Now();
  std::vector<FakeHost> hosts_;
  TimedQueue<io::Frame> queue_;
  int cancel_after_ = -1;
  std::atomic<bool>* cancel_flag_ = nullptr;
  bool fail_sends_ = false;
  int fail_receive_after_ = -1;
};

/// An ARP frame as another host would send it.
inline io::Frame ArpFrame(std::uint16_t op, const std::string& sender_mac,
                          const std::string& sender_ip, const std::string& target_mac,
                          const std::string& target_ip,
                          const std::string& eth_destination = "ff:ff:ff:ff:ff:ff") {
  wire::ArpPacket p{op, *wire::ParseMac(sender_mac), *wire::ParseIpv4(sender_ip),
                    *wire::ParseMac(target_mac), *wire::ParseIpv4(target_ip)};
  return wire::BuildArpFrame(*wire::ParseMac(eth_destination), p.sender_mac, p);
}

}  // namespace netfix::testing
