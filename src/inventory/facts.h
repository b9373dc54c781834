// The closed vocabulary of device facts. The inventory records facts only
// under these keys, and profiles match only on them (a profile naming any
// other key fails to load), so the two cannot drift apart.
#pragma once

#include <array>
#include <string_view>

namespace netfix::inventory::facts {

// Addresses and names
inline constexpr std::string_view kIpv4 = "ipv4";
inline constexpr std::string_view kIpv6 = "ipv6";
inline constexpr std::string_view kHostname = "hostname";  ///< DHCP option 12, mDNS host, ...
// The MAC address and its vendor (IEEE OUI list)
inline constexpr std::string_view kMac = "mac";
inline constexpr std::string_view kMacVendor = "mac.vendor";
inline constexpr std::string_view kMacRandom = "mac.random";  ///< "yes" for locally administered
// Roles seen on the network
inline constexpr std::string_view kGateway = "gateway";         ///< "yes": the default gateway
inline constexpr std::string_view kSelf = "self";               ///< "yes": this computer
inline constexpr std::string_view kDhcpServer = "dhcp.server";  ///< "yes"
inline constexpr std::string_view kDhcpSubnet = "dhcp.subnet";  ///< "192.168.0.0/24" it hands out
inline constexpr std::string_view kDhcpRouter = "dhcp.router";  ///< router it announces
inline constexpr std::string_view kDhcpVendorClass = "dhcp.vendor_class";  ///< option 60 it sent
inline constexpr std::string_view kIpv6Router =
    "ipv6.router";  ///< "yes": sends router advertisements
inline constexpr std::string_view kIgmpQuerier = "igmp.querier";  ///< "yes"
// UPnP (device description) and SSDP
inline constexpr std::string_view kUpnpDeviceType = "upnp.device_type";
inline constexpr std::string_view kUpnpFriendlyName = "upnp.friendly_name";
inline constexpr std::string_view kUpnpManufacturer = "upnp.manufacturer";
inline constexpr std::string_view kUpnpModelName = "upnp.model_name";
inline constexpr std::string_view kUpnpModelNumber = "upnp.model_number";
inline constexpr std::string_view kUpnpModelDescription = "upnp.model_description";
inline constexpr std::string_view kUpnpSerial = "upnp.serial";
inline constexpr std::string_view kUpnpUdn = "upnp.udn";
inline constexpr std::string_view kUpnpServiceType = "upnp.service_type";
inline constexpr std::string_view kUpnpPresentationUrl = "upnp.presentation_url";
inline constexpr std::string_view kUpnpExternalIp = "upnp.external_ip";  ///< an IGD's WAN address
inline constexpr std::string_view kSsdpServer = "ssdp.server";           ///< SERVER header
inline constexpr std::string_view kSsdpTarget = "ssdp.target";           ///< ST / NT it announced
// mDNS / DNS-SD
inline constexpr std::string_view kMdnsService = "mdns.service";    ///< "_googlecast._tcp"
inline constexpr std::string_view kMdnsInstance = "mdns.instance";  ///< "Living Room TV"
/// TXT records are facts "mdns.txt.<key>", e.g. "mdns.txt.md" (Chromecast model).
inline constexpr std::string_view kMdnsTxtPrefix = "mdns.txt.";
// LLDP
inline constexpr std::string_view kLldpSystemName = "lldp.system_name";
inline constexpr std::string_view kLldpSystemDescription = "lldp.system_description";
inline constexpr std::string_view kLldpCapability = "lldp.capability";

inline constexpr std::array<std::string_view, 33> kAll = {kIpv4,
                                                          kIpv6,
                                                          kHostname,
                                                          kMac,
                                                          kMacVendor,
                                                          kMacRandom,
                                                          kGateway,
                                                          kSelf,
                                                          kDhcpServer,
                                                          kDhcpSubnet,
                                                          kDhcpRouter,
                                                          kDhcpVendorClass,
                                                          kIpv6Router,
                                                          kIgmpQuerier,
                                                          kUpnpDeviceType,
                                                          kUpnpFriendlyName,
                                                          kUpnpManufacturer,
                                                          kUpnpModelName,
                                                          kUpnpModelNumber,
                                                          kUpnpModelDescription,
                                                          kUpnpSerial,
                                                          kUpnpUdn,
                                                          kUpnpServiceType,
                                                          kUpnpPresentationUrl,
                                                          kUpnpExternalIp,
                                                          kSsdpServer,
                                                          kSsdpTarget,
                                                          kMdnsService,
                                                          kMdnsInstance,
                                                          kMdnsTxtPrefix,
                                                          kLldpSystemName,
                                                          kLldpSystemDescription,
                                                          kLldpCapability};

/// Whether `key` is in the vocabulary ("mdns.txt.<anything>" included).
bool IsKnown(std::string_view key);

}  // namespace netfix::inventory::facts
