#include "app/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <sstream>

#include "app/terminal.h"

namespace netfix::app {

bool FileExists(const std::string& path) {
  struct stat st {};
  return path != "-" && ::stat(path.c_str(), &st) == 0;
}

bool ReadWholeFile(const std::string& path, std::string* contents, std::string* error) {
  if (path == "-") {
    std::ostringstream out;
    out << std::cin.rdbuf();
    *contents = out.str();
    PrintVerbose("read standard input (" + std::to_string(contents->size()) + " bytes)");
    return true;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  contents->clear();
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) contents->append(buffer, n);
  bool failed = std::ferror(f);
  int saved = errno;
  std::fclose(f);
  if (failed) {
    *error = "cannot read '" + path + "': " + std::strerror(saved);
    return false;
  }
  PrintVerbose("read '" + path + "' (" + std::to_string(contents->size()) + " bytes)");
  return true;
}

bool WriteFileAtomically(const std::string& path, const std::string& contents, std::string* error) {
  std::string temp = path + ".tmp-netfix-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = "cannot write '" + path + "': " + std::strerror(errno);
    return false;
  }
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot write '" + path + "': " + std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return false;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = "cannot write '" + path + "': " + std::strerror(errno);
    ::unlink(temp.c_str());
    return false;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    *error = "cannot write '" + path + "': " + std::strerror(errno);
    ::unlink(temp.c_str());
    return false;
  }
  PrintVerbose("wrote '" + path + "' (" + std::to_string(contents.size()) + " bytes)");
  return true;
}

}  // namespace netfix::app
