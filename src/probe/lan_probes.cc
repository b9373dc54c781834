// The list of second-phase probes. The order is the probe log's and the
// order of Finish(): the gateway ping reads the ARP sweep's sightings, and
// the passive listener, last, adds to the sections the active probes wrote.
#include "probe/arp_sweep.h"
#include "probe/dhcp_probe.h"
#include "probe/dns_probe.h"
#include "probe/gateway_ping.h"
#include "probe/igmp_probe.h"
#include "probe/ipv6_probe.h"
#include "probe/lan_probe.h"
#include "probe/mdns_probe.h"
#include "probe/passive_probe.h"
#include "probe/ssdp_probe.h"
#include "probe/wifi_probe.h"

namespace netfix::probe {

std::vector<std::unique_ptr<LanProbe>> MakeLanProbes() {
  std::vector<std::unique_ptr<LanProbe>> probes;
  probes.push_back(MakeArpSweepProbe());
  probes.push_back(MakeGatewayPingProbe());
  probes.push_back(MakeDnsProbe());
  probes.push_back(MakeDhcpProbe());
  probes.push_back(MakeSsdpProbe());
  probes.push_back(MakeMdnsProbe());
  probes.push_back(MakeIpv6Probe());
  probes.push_back(MakeWifiProbe());
  probes.push_back(MakeIgmpQuerierProbe());
  probes.push_back(MakePassiveProbe());  // last: it appends to the sections above
  return probes;
}

}  // namespace netfix::probe
