// What the SSDP probe does over HTTP once a device has answered: fetch its
// description and, for an Internet Gateway Device, ask it over SOAP for its
// external address, its connection status and its port mappings.
//
// The address rule: netfix only talks HTTP to the address that answered the
// M-SEARCH. A LOCATION, URLBase or controlURL that names another host is
// recorded and not contacted; redirects are never followed.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "io/clock.h"
#include "io/http.h"
#include "model/snapshot.h"

namespace netfix::probe {

struct UpnpLimits {
  io::HttpLimits description{std::chrono::milliseconds(500), std::chrono::milliseconds(1000),
                             256 * 1024, nullptr};
  io::HttpLimits soap{std::chrono::milliseconds(500), std::chrono::milliseconds(1000), 64 * 1024,
                      nullptr};
  int max_port_mappings = 64;  ///< GetGenericPortMappingEntry indexes asked at most
};

/// Why `url` may not be contacted for a device that answered from
/// `responder_ip`; "" when it may ("LOCATION points to another host (x), not
/// fetched" style texts name `what`).
std::string ForeignHostReason(const std::string& url, const std::string& responder_ip,
                              const std::string& what);

/// GETs and parses the description at `location` (which must already have
/// passed ForeignHostReason). http_status, bytes, duration and status/error
/// are filled in; a redirect is "failed" with "redirect refused".
model::UpnpDescription FetchDescription(io::HttpClient& http, const io::Clock& clock,
                                        const std::string& location, const std::string& from_ip,
                                        const io::HttpLimits& limits);

/// The WANIPConnection / WANPPPConnection services of the Internet Gateway
/// Device(s) in a description (UPnP Forum types only: TR-064's dslforum
/// services need a password), without duplicates, WANIPConnection first.
std::vector<model::UpnpService> GatewayConnectionServices(const model::UpnpDescription& d);

/// GetExternalIPAddress, GetStatusInfo and GetGenericPortMappingEntry for
/// index 0, 1, ... until the device answers 713 (SpecifiedArrayIndexInvalid)
/// or another error, or max_port_mappings. Failed actions are listed in
/// `error`; what worked is kept.
model::UpnpGateway QueryGateway(io::HttpClient& http, const std::string& from_ip,
                                const model::UpnpService& service, const UpnpLimits& limits);

}  // namespace netfix::probe
