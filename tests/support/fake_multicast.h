// A fake of io::MulticastSocket: what netfix sends goes to a responder
// function (standing in for every device on the link), whose answers arrive
// after their delays, from their addresses. Driven by a TestClock.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "io/multicast_socket.h"
#include "support/timed_queue.h"

namespace netfix::testing {

struct FakeDatagram {
  io::Duration delay = std::chrono::milliseconds(5);
  std::string from_ip;
  std::uint16_t from_port = 0;
  std::vector<std::uint8_t> bytes;
};

inline std::vector<std::uint8_t> BytesOf(const std::string& text) {
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

struct SentDatagram {
  std::string to_ip;
  std::uint16_t to_port = 0;
  std::vector<std::uint8_t> bytes;
};

/// Everything sent on every fake multicast socket of a test.
struct FakeMulticastLog {
  std::vector<SentDatagram> sent() const {
    std::lock_guard lock(mutex);
    return datagrams;
  }
  mutable std::mutex mutex;
  std::vector<SentDatagram> datagrams;
};

using MulticastResponder = std::function<std::vector<FakeDatagram>(const SentDatagram& sent)>;

class FakeMulticastSocket final : public io::MulticastSocket {
 public:
  FakeMulticastSocket(TestClock& clock, MulticastResponder responder,
                      std::shared_ptr<FakeMulticastLog> log)
      : clock_(clock), responder_(std::move(responder)), log_(std::move(log)) {}

  io::Result<void> SendTo(const std::string& ipv4, std::uint16_t port,
                          std::span<const std::uint8_t> datagram) override {
    if (fail_sends)
      return io::Error{io::ErrorKind::kOther,
                       "cannot send to " + ipv4 + ": Network is unreachable"};
    SentDatagram sent{ipv4, port, std::vector<std::uint8_t>(datagram.begin(), datagram.end())};
    {
      std::lock_guard lock(log_->mutex);
      log_->datagrams.push_back(sent);
    }
    if (responder_)
      for (auto& d : responder_(sent)) {
        io::ReceivedDatagram r{std::move(d.bytes), d.from_ip, d.from_port, {}};
        queue_.Push(clock_.Now() + d.delay, std::move(r));
      }
    return {};
  }

  /// Something that arrives `after` now, unasked.
  void Inject(io::Duration after, FakeDatagram d) {
    queue_.Push(clock_.Now() + after,
                io::ReceivedDatagram{std::move(d.bytes), d.from_ip, d.from_port, {}});
  }

  io::Result<std::optional<io::ReceivedDatagram>> Receive(io::TimePoint until) override {
    auto d = queue_.WaitOne(clock_, until);
    if (d) d->at = clock_.Now();
    return d;
  }

  bool fail_sends = false;

 private:
  TestClock& clock_;
  MulticastResponder responder_;
  std::shared_ptr<FakeMulticastLog> log_;
  TimedQueue<io::ReceivedDatagram> queue_;
};

/// Called when the fake kernel joins (true) or leaves (false) a group, e.g.
/// to put the IGMP report or leave on a FakeSegment.
using MembershipHook = std::function<void(const io::MulticastSocketOptions& where,
                                          const std::string& group, bool joined)>;

class FakeGroupMembership final : public io::GroupMembership {
 public:
  FakeGroupMembership(io::MulticastSocketOptions where, std::string group, MembershipHook hook)
      : where_(std::move(where)), group_(std::move(group)), hook_(std::move(hook)) {
    if (hook_) hook_(where_, group_, true);
  }
  ~FakeGroupMembership() override { (void)Leave(); }

  io::Result<void> Leave() override {
    if (left_) return {};
    left_ = true;
    if (hook_) hook_(where_, group_, false);
    return {};
  }

 private:
  io::MulticastSocketOptions where_;
  std::string group_;
  MembershipHook hook_;
  bool left_ = false;
};

}  // namespace netfix::testing
