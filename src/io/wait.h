// Bounded waiting on file descriptors.
#pragma once

#include "io/clock.h"
#include "io/result.h"

namespace netfix::io {

/// Waits until `fd` is readable or `until` passes (ppoll, nanosecond
/// timeout, EINTR retried within the same deadline). true: readable.
Result<bool> WaitReadable(int fd, TimePoint until);

/// Owns a file descriptor; closes it once.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace netfix::io
