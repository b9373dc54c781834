#include "wire/proc_route.h"

#include <catch2/catch.hpp>

#include "support/files.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadFile;

namespace {

const char* kLittleEndian =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
    "eth0\t00000000\t01B2A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
    "eth0\t00B2A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
    "eth0\tZZZZ\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"  // broken: skipped
    "short\t0\n";

}  // namespace

TEST_CASE("/proc/net/route: little-endian host", "[wire][proc_route]") {
  auto routes = ParseProcNetRoute(kLittleEndian, true);
  REQUIRE(routes.size() == 2);
  CHECK(routes[0].interface == "eth0");
  CHECK(routes[0].prefix_len() == 0);
  CHECK(FormatIpv4(routes[0].gateway) == "192.168.178.1");
  CHECK(routes[0].flags == 3);
  CHECK(routes[0].metric == 100);
  CHECK(FormatIpv4(routes[1].destination) == "192.168.178.0");
  CHECK(routes[1].prefix_len() == 24);
  CHECK(routes[1].gateway == 0);
}

TEST_CASE("/proc/net/route: big-endian host and odd masks", "[wire][proc_route]") {
  auto routes = ParseProcNetRoute(
      "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
      "eth0\tC0A8B200\t00000000\t0001\t0\t0\t0\tFFFFFF00\n"
      "eth0\tC0A8B200\t00000000\t0001\t0\t0\t0\tFF00FF00\n",
      false);
  REQUIRE(routes.size() == 2);
  CHECK(FormatIpv4(routes[0].destination) == "192.168.178.0");
  CHECK(routes[0].prefix_len() == 24);
  CHECK(routes[1].prefix_len() == -1);
  CHECK(ParseProcNetRoute("", true).empty());
}

TEST_CASE("/proc/net/route corpus: jc fixture (skips without ../shared/corpus)",
          "[wire][proc_route][corpus]") {
  auto path = CorpusDir() / "netconf" / "proc" / "jc_proc_net_route";
  if (!std::filesystem::exists(path)) {
    WARN("SKIPPED: corpus not found at " << path.string());
    return;
  }
  auto routes = ParseProcNetRoute(ReadFile(path), true);  // captured on x86
  REQUIRE(routes.size() == 3);
  CHECK(routes[0].interface == "ens33");
  CHECK(routes[0].prefix_len() == 0);
  CHECK(FormatIpv4(routes[0].gateway) == "192.168.71.2");
  CHECK(routes[0].metric == 100);
  CHECK(routes[0].up());
  CHECK(FormatIpv4(routes[1].destination) == "192.168.71.0");
  CHECK(routes[1].prefix_len() == 24);
  CHECK(FormatIpv4(routes[2].destination) == "192.168.71.2");
  CHECK(routes[2].prefix_len() == 32);
  CHECK(routes[2].flags == 5);  // up, host
}
