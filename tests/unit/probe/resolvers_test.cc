#include "probe/resolvers.h"

#include <catch2/catch.hpp>

#include "support/fake_system.h"

using namespace netfix;
using model::ProbeStatus;

namespace {

std::vector<std::string> Describe(const std::vector<model::Resolver>& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r.address + " " + r.source + (r.is_stub ? " stub" : ""));
  return out;
}

bool HasNote(const std::vector<std::string>& notes, const std::string& part) {
  for (const auto& n : notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("resolvers: resolv.conf, then the reference resolvers", "[probe][resolvers]") {
  testing::FakeSystem system;
  system.files["/etc/resolv.conf"] = "nameserver 192.168.178.1\nnameserver fe80::1%lan0\n";
  auto out = probe::ProbeResolvers(system, "/etc/resolv.conf", {"1.1.1.1", "8.8.8.8"});
  CHECK(out.record.status == ProbeStatus::kOk);
  CHECK(out.record.reason == "2 in /etc/resolv.conf, 2 reference");
  CHECK(Describe(out.resolvers) ==
        std::vector<std::string>{"192.168.178.1 resolv.conf", "fe80::1%lan0 resolv.conf",
                                 "1.1.1.1 reference", "8.8.8.8 reference"});
}

TEST_CASE("resolvers: systemd-resolved's stub and its upstream servers", "[probe][resolvers]") {
  testing::FakeSystem system;
  system.files["/etc/resolv.conf"] = "# stub\nnameserver 127.0.0.53\noptions edns0 trust-ad\n";
  system.files["/run/systemd/resolve/resolv.conf"] =
      "nameserver 192.168.178.1\nnameserver 2001:db8::1\nnameserver 127.0.0.53\n";
  auto out = probe::ProbeResolvers(system, "/etc/resolv.conf", {});
  CHECK(Describe(out.resolvers) == std::vector<std::string>{"127.0.0.53 resolv.conf stub",
                                                            "192.168.178.1 systemd-resolved",
                                                            "2001:db8::1 systemd-resolved"});
  CHECK(out.record.reason == "1 in /etc/resolv.conf (systemd-resolved stub, 2 upstream)");

  system.files.erase("/run/systemd/resolve/resolv.conf");
  auto unknown = probe::ProbeResolvers(system, "/etc/resolv.conf", {});
  CHECK(Describe(unknown.resolvers) == std::vector<std::string>{"127.0.0.53 resolv.conf stub"});
  CHECK(HasNote(unknown.notes, "upstream servers are unknown"));
}

TEST_CASE("resolvers: a missing resolv.conf is an observation", "[probe][resolvers]") {
  testing::FakeSystem system;
  auto out =
      probe::ProbeResolvers(system, "/etc/resolv.conf", {"1.1.1.1", "dns.google", "1.1.1.1"});
  CHECK(out.record.status == ProbeStatus::kOk);
  CHECK(Describe(out.resolvers) == std::vector<std::string>{"1.1.1.1 reference"});
  CHECK(HasNote(out.notes, "/etc/resolv.conf does not exist"));
  CHECK(HasNote(out.notes, "'dns.google' is not an IP address"));
}

TEST_CASE("resolvers: parse notes reach the snapshot; an unreadable file fails",
          "[probe][resolvers]") {
  testing::FakeSystem system;
  system.files["/etc/resolv.conf"] =
      "nameserver 1.1.1.1\nnameserver 1.0.0.1\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n";
  auto out = probe::ProbeResolvers(system, "/etc/resolv.conf", {});
  CHECK(out.resolvers.size() == 4);
  CHECK(HasNote(out.notes, "/etc/resolv.conf: 4 nameservers listed"));

  system.file_errors["/etc/resolv.conf"] =
      io::Error{io::ErrorKind::kPermission, "cannot read /etc/resolv.conf: Permission denied"};
  auto failed = probe::ProbeResolvers(system, "/etc/resolv.conf", {"1.1.1.1"});
  CHECK(failed.record.status == ProbeStatus::kFailed);
  CHECK(failed.record.reason == "cannot read /etc/resolv.conf: Permission denied");
  CHECK(Describe(failed.resolvers) == std::vector<std::string>{"1.1.1.1 reference"});
}
