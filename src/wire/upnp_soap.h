// UPnP control (UDA 1.1 §3): SOAP requests netfix sends to an Internet
// Gateway Device's WANIPConnection/WANPPPConnection service, and the
// answers, which are either the action's response or a SOAP fault with a
// UPnP error code (e.g. 713 SpecifiedArrayIndexInvalid at the end of the
// port mapping list, 606 Action not authorized on AVM routers).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/snapshot.h"

namespace netfix::wire {

inline constexpr int kUpnpErrorInvalidAction = 401;
inline constexpr int kUpnpErrorActionNotAuthorized = 606;
inline constexpr int kUpnpErrorSpecifiedArrayIndexInvalid = 713;
inline constexpr int kUpnpErrorNoSuchEntryInArray = 714;

struct SoapArgument {
  std::string name;
  std::string value;
};

/// The envelope for `action` of `service_type` with the input arguments
/// (values are XML-escaped).
std::string BuildSoapRequest(std::string_view service_type, std::string_view action,
                             const std::vector<SoapArgument>& arguments);

/// The value of the SOAPACTION header: "\"<service_type>#<action>\"".
std::string SoapActionValue(std::string_view service_type, std::string_view action);

struct SoapResponse {
  enum class Kind {
    kResult,   ///< <ActionResponse> with output arguments
    kFault,    ///< a SOAP fault (UPnP error code when the device gave one)
    kInvalid,  ///< neither could be read
  };
  Kind kind = Kind::kInvalid;
  std::vector<SoapArgument> values;  ///< output arguments by local name, in order
  int error_code = 0;                ///< the fault's UPnP errorCode (0 if none)
  std::string error_description;     ///< errorDescription, else faultstring
  std::string note;                  ///< why invalid; or the XML damage worked around

  /// An output argument's value; "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
};

/// Reads the response to `action`. Tolerant like the description parser:
/// local names only, and a body that breaks off after the wanted element
/// still gives what was parsed.
SoapResponse ParseSoapResponse(std::string_view xml, std::string_view action);

/// "UPnP error 606 (Action not authorized)", "SOAP fault (s:Client)", or the note.
std::string DescribeSoapFailure(const SoapResponse& response);

/// A GetGenericPortMappingEntry (or GetSpecificPortMappingEntry) response as
/// a mapping; nullopt when it names neither an external nor an internal port.
std::optional<model::PortMapping> PortMappingFromSoap(const SoapResponse& response);

}  // namespace netfix::wire
