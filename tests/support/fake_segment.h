// A simulated Ethernet segment shared by every capture a scan opens (DHCP,
// IPv6, the passive listener): what netfix sends goes to the responders
// (fake DHCP servers, routers, neighbours), and what they answer, and what
// the test schedules, reaches every capture that is open at that moment.
// Captures do not filter: the probes must ignore what is not theirs, as they
// must on a real wire.
//
// Thread-safe: the probes of a scan send and receive from their own threads.
// With a real TestClock a receive wakes as soon as something arrives; with a
// simulated one it is meant for a single thread (time jumps to the next frame).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "io/packet_io.h"
#include "support/test_clock.h"

namespace netfix::testing {

/// A frame a responder sends `after` the frame it answers.
struct FakeReply {
  io::Duration after{};
  io::Frame frame;
};

class FakeSegment : public std::enable_shared_from_this<FakeSegment> {
 public:
  /// Called for every frame netfix sends; returns the answers.
  using Responder = std::function<std::vector<FakeReply>(const io::Frame& sent)>;

  explicit FakeSegment(TestClock& clock) : clock_(clock), start_(clock.Now()) {}

  void AddResponder(Responder responder) {
    std::lock_guard lock(mutex_);
    responders_.push_back(std::move(responder));
  }
  /// A frame on the wire `after` the segment was created.
  void Schedule(io::Duration after, io::Frame frame) {
    std::lock_guard lock(mutex_);
    Deliver(start_ + after, std::move(frame));
  }

  /// A capture; `filter` is only recorded.
  std::unique_ptr<io::PacketIo> Open(const std::string& filter);

  std::vector<io::Frame> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  std::vector<std::string> filters() const {
    std::lock_guard lock(mutex_);
    return filters_;
  }
  /// Sends fail with this error from now on.
  void FailSends(std::optional<io::Error> error) {
    std::lock_guard lock(mutex_);
    send_error_ = std::move(error);
  }

 private:
  class Port;
  friend class Port;

  struct Queue {
    std::multimap<io::TimePoint, io::Frame> frames;
    bool open = true;
  };

  // Called with mutex_ held.
  void Deliver(io::TimePoint at, io::Frame frame) {
    for (auto& queue : queues_)
      if (queue->open) queue->frames.emplace(at, frame);
    scheduled_.emplace(at, std::move(frame));
    changed_.notify_all();
  }

  io::Result<void> Send(std::span<const std::uint8_t> bytes) {
    std::vector<Responder> responders;
    io::Frame frame(bytes.begin(), bytes.end());
    {
      std::lock_guard lock(mutex_);
      if (send_error_) return *send_error_;
      sent_.push_back(frame);
      responders = responders_;
    }
    io::TimePoint now = clock_.Now();
    std::vector<FakeReply> replies;
    for (const auto& responder : responders)
      for (auto& reply : responder(frame)) replies.push_back(std::move(reply));
    std::lock_guard lock(mutex_);
    for (auto& reply : replies) Deliver(now + reply.after, std::move(reply.frame));
    return {};
  }

  io::Result<std::vector<io::Frame>> Receive(Queue& queue, io::TimePoint until) {
    std::unique_lock lock(mutex_);
    // Bounded by time; the count only guards against a clock that stands still.
    for (int i = 0; i < 100000; ++i) {
      io::TimePoint now = clock_.Now();
      std::vector<io::Frame> out;
      while (!queue.frames.empty() && queue.frames.begin()->first <= now) {
        out.push_back(std::move(queue.frames.begin()->second));
        queue.frames.erase(queue.frames.begin());
      }
      if (!out.empty() || now >= until) return out;
      io::TimePoint wake = until;
      if (!queue.frames.empty()) wake = std::min(wake, queue.frames.begin()->first);
      if (clock_.simulated()) {
        lock.unlock();
        clock_.WaitUntil(wake);
        lock.lock();
      } else {
        changed_.wait_until(lock, wake);
      }
    }
    return std::vector<io::Frame>{};
  }

  TestClock& clock_;
  io::TimePoint start_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Responder> responders_;
  std::vector<std::shared_ptr<Queue>> queues_;
  std::multimap<io::TimePoint, io::Frame> scheduled_;  // everything ever on the wire
  std::vector<io::Frame> sent_;
  std::vector<std::string> filters_;
  std::optional<io::Error> send_error_;
};

class FakeSegment::Port final : public io::PacketIo {
 public:
  Port(std::shared_ptr<FakeSegment> segment, std::shared_ptr<Queue> queue)
      : segment_(std::move(segment)), queue_(std::move(queue)) {}
  ~Port() override {
    std::lock_guard lock(segment_->mutex_);
    queue_->open = false;
  }
  io::Result<void> Send(std::span<const std::uint8_t> frame) override {
    return segment_->Send(frame);
  }
  io::Result<std::vector<io::Frame>> Receive(io::TimePoint until) override {
    return segment_->Receive(*queue_, until);
  }

 private:
  std::shared_ptr<FakeSegment> segment_;
  std::shared_ptr<Queue> queue_;
};

inline std::unique_ptr<io::PacketIo> FakeSegment::Open(const std::string& filter) {
  std::lock_guard lock(mutex_);
  filters_.push_back(filter);
  auto queue = std::make_shared<Queue>();
  // A capture sees what is on the wire from now on.
  for (auto it = scheduled_.lower_bound(clock_.Now()); it != scheduled_.end(); ++it)
    queue->frames.emplace(it->first, it->second);
  queues_.push_back(queue);
  return std::make_unique<Port>(shared_from_this(), queue);
}

}  // namespace netfix::testing
