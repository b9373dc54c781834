#include "probe/upnp_fetch.h"

#include <algorithm>

#include "util/strings.h"
#include "wire/upnp_description.h"
#include "wire/upnp_soap.h"
#include "wire/upnp_url.h"

namespace netfix::probe {

namespace {

bool IsGatewayDevice(const model::UpnpDevice& d) {
  return util::StartsWith(d.device_type, "urn:schemas-upnp-org:device:InternetGatewayDevice:");
}

int ConnectionRank(const std::string& service_type) {
  if (util::StartsWith(service_type, "urn:schemas-upnp-org:service:WANIPConnection:")) return 0;
  if (util::StartsWith(service_type, "urn:schemas-upnp-org:service:WANPPPConnection:")) return 1;
  return -1;
}

struct Call {
  bool transport_failed = false;  // no HTTP answer at all: later calls would fail too
  wire::SoapResponse response;
  std::string failure;  // "" on success
};

Call Invoke(io::HttpClient& http, const model::UpnpService& service, const std::string& action,
            const std::vector<wire::SoapArgument>& arguments, const io::HttpLimits& limits) {
  Call call;
  io::HttpHeaders headers = {{"Content-Type", "text/xml; charset=\"utf-8\""},
                             {"SOAPAction", wire::SoapActionValue(service.service_type, action)}};
  auto reply = http.Post(service.control_url, headers,
                         wire::BuildSoapRequest(service.service_type, action, arguments), limits);
  if (!reply.ok() && reply.error != io::HttpErrorKind::kTooLarge) {
    call.transport_failed = reply.error != io::HttpErrorKind::kRedirect;
    call.failure = reply.error_message;
    return call;
  }
  call.response = wire::ParseSoapResponse(reply.body, action);
  if (call.response.kind == wire::SoapResponse::Kind::kResult) {
    if (reply.status != 200) call.response.note = "HTTP " + std::to_string(reply.status);
    return call;
  }
  if (call.response.kind == wire::SoapResponse::Kind::kFault)
    call.failure = wire::DescribeSoapFailure(call.response);
  else
    call.failure =
        "HTTP " + std::to_string(reply.status) + ", " + wire::DescribeSoapFailure(call.response);
  return call;
}

}  // namespace

std::string ForeignHostReason(const std::string& url, const std::string& responder_ip,
                              const std::string& what) {
  auto parsed = wire::ParseHttpUrl(url);
  if (!parsed) return what + " '" + url + "' is not an http URL, not fetched";
  if (parsed->scheme != "http") return what + " '" + url + "' is not plain http, not fetched";
  if (parsed->host != responder_ip)
    return what + " points to another host (" + parsed->host + "), not fetched";
  return "";
}

model::UpnpDescription FetchDescription(io::HttpClient& http, const io::Clock& clock,
                                        const std::string& location, const std::string& from_ip,
                                        const io::HttpLimits& limits) {
  model::UpnpDescription d;
  d.location = location;
  d.from_ip = from_ip;
  io::TimePoint start = clock.Now();
  auto reply = http.Get(location, limits);
  d.duration_ms = io::MillisecondsBetween(start, clock.Now());
  d.http_status = reply.status;
  d.bytes = static_cast<long long>(reply.body.size());
  // A body that broke off (cut at the size limit, the connection dropped or
  // timed out mid-body) is parsed for what arrived, but is never "ok".
  bool cut_off =
      reply.status == 200 && !reply.body.empty() &&
      (reply.error == io::HttpErrorKind::kTooLarge || reply.error == io::HttpErrorKind::kTimeout ||
       reply.error == io::HttpErrorKind::kProtocol);
  if (!reply.ok() && !cut_off) {
    d.status = "failed";
    d.error = reply.error_message;
    if (reply.error == io::HttpErrorKind::kRedirect) {
      auto at = d.error.find("redirect refused");
      d.error = at == std::string::npos ? "redirect refused" : d.error.substr(at);
    }
    return d;
  }
  if (reply.status != 200) {
    d.status = "failed";
    d.error = "HTTP " + std::to_string(reply.status);
    return d;
  }
  auto parsed = wire::ParseUpnpDescription(reply.body, location);
  d.status = parsed.status;
  d.error = parsed.error;
  d.devices = std::move(parsed.devices);
  if (cut_off) {
    if (d.status == "ok") d.status = "partial";
    std::string why = reply.error == io::HttpErrorKind::kTooLarge
                          ? "body cut at " + std::to_string(limits.max_body_bytes / 1024) + " KiB"
                          : "body incomplete (" + reply.error_message + ")";
    d.error = why + (d.error.empty() ? "" : "; " + d.error);
  }
  return d;
}

std::vector<model::UpnpService> GatewayConnectionServices(const model::UpnpDescription& d) {
  std::vector<model::UpnpService> out;
  if (std::none_of(d.devices.begin(), d.devices.end(), IsGatewayDevice)) return out;
  for (const auto& device : d.devices)
    for (const auto& s : device.services) {
      if (ConnectionRank(s.service_type) < 0 || s.control_url.empty()) continue;
      bool seen = false;
      for (const auto& o : out) seen = seen || o.control_url == s.control_url;
      if (!seen) out.push_back(s);
    }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return ConnectionRank(a.service_type) < ConnectionRank(b.service_type);
  });
  return out;
}

model::UpnpGateway QueryGateway(io::HttpClient& http, const std::string& from_ip,
                                const model::UpnpService& service, const UpnpLimits& limits) {
  model::UpnpGateway g;
  g.from_ip = from_ip;
  g.control_url = service.control_url;
  g.service_type = service.service_type;
  std::string foreign = ForeignHostReason(service.control_url, from_ip, "controlURL");
  if (!foreign.empty()) {
    g.error = foreign.substr(0, foreign.rfind(", not fetched")) + ", not called";
    return g;
  }
  std::vector<std::string> errors;
  auto cancelled = [&] { return limits.soap.cancel != nullptr && limits.soap.cancel->load(); };

  Call ip = Invoke(http, service, "GetExternalIPAddress", {}, limits.soap);
  if (ip.failure.empty())
    g.external_ip = ip.response.Get("NewExternalIPAddress");
  else
    errors.push_back("GetExternalIPAddress: " + ip.failure);
  if (ip.transport_failed || cancelled()) {
    g.error = util::Join(errors, "; ");
    return g;
  }

  Call status = Invoke(http, service, "GetStatusInfo", {}, limits.soap);
  if (status.failure.empty())
    g.connection_status = status.response.Get("NewConnectionStatus");
  else
    errors.push_back("GetStatusInfo: " + status.failure);

  for (int index = 0; !status.transport_failed; ++index) {
    if (cancelled()) {
      errors.push_back("GetGenericPortMappingEntry: stopped at index " + std::to_string(index));
      break;
    }
    if (index >= limits.max_port_mappings) {
      errors.push_back("GetGenericPortMappingEntry: stopped after " +
                       std::to_string(limits.max_port_mappings) + " entries");
      break;
    }
    Call entry = Invoke(http, service, "GetGenericPortMappingEntry",
                        {{"NewPortMappingIndex", std::to_string(index)}}, limits.soap);
    if (entry.response.kind == wire::SoapResponse::Kind::kFault &&
        (entry.response.error_code == wire::kUpnpErrorSpecifiedArrayIndexInvalid ||
         entry.response.error_code == wire::kUpnpErrorNoSuchEntryInArray))
      break;  // the end of the list
    if (!entry.failure.empty()) {
      errors.push_back("GetGenericPortMappingEntry(" + std::to_string(index) +
                       "): " + entry.failure);
      break;
    }
    auto mapping = wire::PortMappingFromSoap(entry.response);
    if (!mapping) {
      errors.push_back("GetGenericPortMappingEntry(" + std::to_string(index) +
                       "): answer without a port mapping");
      break;
    }
    g.port_mappings.push_back(std::move(*mapping));
  }
  g.error = util::Join(errors, "; ");
  return g;
}

}  // namespace netfix::probe
