// The registry: one line per check folder, sorted by id. Adding a check means
// creating checks/<id>/ (check.md, check.cc, fixtures) and one line here; the
// catalog test fails when the two disagree.
#include "check/check.h"

namespace netfix::checks {
void Bufferbloat(const check::CheckContext&, check::FindingSink&);
void DhcpMultipleServers(const check::CheckContext&, check::FindingSink&);
void DnsFailing(const check::CheckContext&, check::FindingSink&);
void DnsSlow(const check::CheckContext&, check::FindingSink&);
void DoubleNat(const check::CheckContext&, check::FindingSink&);
void GatewayUnreachable(const check::CheckContext&, check::FindingSink&);
void HighLatency(const check::CheckContext&, check::FindingSink&);
void IgmpQuerierMissing(const check::CheckContext&, check::FindingSink&);
void IpAddressConflict(const check::CheckContext&, check::FindingSink&);
void Ipv6Missing(const check::CheckContext&, check::FindingSink&);
void Jitter(const check::CheckContext&, check::FindingSink&);
void NoConnection(const check::CheckContext&, check::FindingSink&);
void PacketLoss(const check::CheckContext&, check::FindingSink&);
void ReceiverBandwidthInsufficient(const check::CheckContext&, check::FindingSink&);
void ReceiverNotDiscoverable(const check::CheckContext&, check::FindingSink&);
void RepeaterInRouterMode(const check::CheckContext&, check::FindingSink&);
void RepeaterPlacement(const check::CheckContext&, check::FindingSink&);
void SlowInternet(const check::CheckContext&, check::FindingSink&);
void UpnpPortMappingsOpen(const check::CheckContext&, check::FindingSink&);
void WifiChannelCongested(const check::CheckContext&, check::FindingSink&);
void WifiChannelOverlap(const check::CheckContext&, check::FindingSink&);
void WifiDfsChannel(const check::CheckContext&, check::FindingSink&);
void WifiInsecure(const check::CheckContext&, check::FindingSink&);
void WifiLegBottleneck(const check::CheckContext&, check::FindingSink&);
void WifiNo5ghzCoverage(const check::CheckContext&, check::FindingSink&);
void WifiSsidMismatch(const check::CheckContext&, check::FindingSink&);
void WifiWeakSignal(const check::CheckContext&, check::FindingSink&);
void WifiWideChannel2ghz(const check::CheckContext&, check::FindingSink&);
void WifiWpsEnabled(const check::CheckContext&, check::FindingSink&);
}  // namespace netfix::checks

namespace netfix::check {

const std::vector<RegisteredCheck>& Registry() {
  static const std::vector<RegisteredCheck> registry = {
      {"bufferbloat", &checks::Bufferbloat},
      {"dhcp-multiple-servers", &checks::DhcpMultipleServers},
      {"dns-failing", &checks::DnsFailing},
      {"dns-slow", &checks::DnsSlow},
      {"double-nat", &checks::DoubleNat},
      {"gateway-unreachable", &checks::GatewayUnreachable},
      {"high-latency", &checks::HighLatency},
      {"igmp-querier-missing", &checks::IgmpQuerierMissing},
      {"ip-address-conflict", &checks::IpAddressConflict},
      {"ipv6-missing", &checks::Ipv6Missing},
      {"jitter", &checks::Jitter},
      {"no-connection", &checks::NoConnection},
      {"packet-loss", &checks::PacketLoss},
      {"receiver-bandwidth-insufficient", &checks::ReceiverBandwidthInsufficient},
      {"receiver-not-discoverable", &checks::ReceiverNotDiscoverable},
      {"repeater-in-router-mode", &checks::RepeaterInRouterMode},
      {"repeater-placement", &checks::RepeaterPlacement},
      {"slow-internet", &checks::SlowInternet},
      {"upnp-port-mappings-open", &checks::UpnpPortMappingsOpen},
      {"wifi-channel-congested", &checks::WifiChannelCongested},
      {"wifi-channel-overlap", &checks::WifiChannelOverlap},
      {"wifi-dfs-channel", &checks::WifiDfsChannel},
      {"wifi-insecure", &checks::WifiInsecure},
      {"wifi-leg-bottleneck", &checks::WifiLegBottleneck},
      {"wifi-no-5ghz-coverage", &checks::WifiNo5ghzCoverage},
      {"wifi-ssid-mismatch", &checks::WifiSsidMismatch},
      {"wifi-weak-signal", &checks::WifiWeakSignal},
      {"wifi-wide-channel-2ghz", &checks::WifiWideChannel2ghz},
      {"wifi-wps-enabled", &checks::WifiWpsEnabled},
  };
  return registry;
}

}  // namespace netfix::check
