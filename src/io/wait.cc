#include "io/wait.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace netfix::io {

Result<bool> WaitReadable(int fd, TimePoint until) {
  while (true) {
    auto left = until - SteadyClock::now();
    if (left < Duration::zero()) left = Duration::zero();
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec timeout{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
    pollfd p{fd, POLLIN, 0};
    int n = ppoll(&p, 1, &timeout, nullptr);
    if (n > 0) return (p.revents & (POLLIN | POLLERR | POLLHUP)) != 0;
    if (n == 0) return false;
    if (errno != EINTR) return ErrnoError("poll", errno);
    if (SteadyClock::now() >= until) return false;
  }
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace netfix::io
