#include "io/result.h"

#include <cerrno>
#include <cstring>

namespace netfix::io {

Error ErrnoError(std::string_view what, int err) {
  ErrorKind kind = ErrorKind::kOther;
  if (err == EPERM || err == EACCES) kind = ErrorKind::kPermission;
  if (err == ENOENT || err == ENODEV || err == ENXIO) kind = ErrorKind::kNotFound;
  if (err == ECONNREFUSED) kind = ErrorKind::kRefused;
  if (err == EAFNOSUPPORT || err == EPROTONOSUPPORT || err == EOPNOTSUPP)
    kind = ErrorKind::kUnsupported;
  char buf[128];
  // GNU strerror_r returns the message (possibly not in buf).
  const char* text = strerror_r(err, buf, sizeof buf);
  return {kind, std::string(what) + ": " + text};
}

}  // namespace netfix::io
