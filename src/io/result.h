// Errors as values for everything that touches the OS.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace netfix::io {

enum class ErrorKind {
  kPermission,   ///< EPERM/EACCES: missing CAP_NET_RAW or a sysctl forbids it
  kUnsupported,  ///< the interface or kernel cannot do it (no such link type, no netlink)
  kNotFound,     ///< no such file, interface or address
  kRefused,      ///< ECONNREFUSED: an ICMP port unreachable came back
  kOther,
};

struct Error {
  ErrorKind kind = ErrorKind::kOther;
  std::string message;  ///< names the place: "cannot open raw ICMP socket: Operation not permitted"
};

/// `what` + ": " + strerror(err), with the kind derived from errno.
Error ErrnoError(std::string_view what, int err);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : failed_(true), error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  bool failed_ = false;
  Error error_;
};

}  // namespace netfix::io
