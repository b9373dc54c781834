#include "io/host.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>

#include "io/result.h"
#include "io/sockets.h"
#include "io/wait.h"

using namespace netfix::io;

TEST_CASE("errno values map to error kinds, with the place named", "[io][result]") {
  CHECK(ErrnoError("cannot open raw ICMP socket", EPERM).kind == ErrorKind::kPermission);
  CHECK(ErrnoError("x", EACCES).kind == ErrorKind::kPermission);
  CHECK(ErrnoError("x", ENOENT).kind == ErrorKind::kNotFound);
  CHECK(ErrnoError("x", ECONNREFUSED).kind == ErrorKind::kRefused);
  CHECK(ErrnoError("x", EIO).kind == ErrorKind::kOther);
  CHECK(ErrnoError("cannot open raw ICMP socket", EPERM).message ==
        "cannot open raw ICMP socket: Operation not permitted");
}

TEST_CASE("RFC 3339 UTC timestamps", "[io][host]") {
  std::chrono::system_clock::time_point t{std::chrono::seconds(1714566896)};
  CHECK(FormatRfc3339Utc(t) == "2024-05-01T12:34:56Z");
  CHECK(FormatRfc3339Utc(std::chrono::system_clock::time_point{}) == "1970-01-01T00:00:00Z");
}

TEST_CASE("host facts name the OS", "[io][host]") {
  auto facts = ReadHostFacts();
  CHECK(facts.os.rfind("Linux ", 0) == 0);
  CHECK_FALSE(facts.hostname.empty());
}

TEST_CASE("WaitReadable: data, and a deadline that passes", "[io][wait]") {
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  UniqueFd reader(fds[0]), writer(fds[1]);
  auto start = SteadyClock::now();
  auto empty = WaitReadable(reader.get(), start + std::chrono::milliseconds(30));
  REQUIRE(empty.ok());
  CHECK_FALSE(*empty);
  CHECK(SteadyClock::now() - start >= std::chrono::milliseconds(29));
  REQUIRE(::write(writer.get(), "x", 1) == 1);
  auto ready = WaitReadable(reader.get(), SteadyClock::now() + std::chrono::seconds(5));
  REQUIRE(ready.ok());
  CHECK(*ready);
  // A deadline in the past still reports what is there, without waiting.
  auto past = WaitReadable(reader.get(), start);
  REQUIRE(past.ok());
  CHECK(*past);
}

TEST_CASE("UniqueFd closes once and moves", "[io][wait]") {
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  {
    UniqueFd a(fds[0]);
    UniqueFd b(std::move(a));
    CHECK_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): the moved-from state is the point
    CHECK(b.get() == fds[0]);
  }
  CHECK(::fcntl(fds[0], F_GETFD) == -1);  // closed by b
  ::close(fds[1]);
}

// Only address handling: these fail before anything is sent.
TEST_CASE("UDP sockets refuse addresses they cannot use", "[io][sockets]") {
  auto bad = OpenUdpSocket("not-an-address", 53);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::kNotFound);
  CHECK(bad.error().message.find("'not-an-address'") != std::string::npos);
  auto scope = OpenUdpSocket("fe80::1%nfxdev-no-such-if0", 53);
  REQUIRE_FALSE(scope.ok());
  CHECK(scope.error().message.find("fe80::1%nfxdev-no-such-if0") != std::string::npos);
  CHECK(std::string(MethodName(IcmpSocketKind::kRaw)) == "icmp-raw");
  CHECK(std::string(MethodName(IcmpSocketKind::kDatagram)) == "icmp-dgram");
}
