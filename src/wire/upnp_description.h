// UPnP device descriptions (UDA 1.1 §2.3): the XML a device serves at its
// SSDP LOCATION, with its name, maker, model, embedded devices and services.
//
// Real devices send broken XML (unescaped '&', unclosed tags, truncated
// bodies, missing or wrong namespaces), so the parser is tolerant: element
// names are matched by their local name, a document that pugixml cannot parse
// in full keeps the part that was parsed, and the well-known fields are
// scanned for in the raw text as a last resort. It takes what is readable
// and says what was not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/snapshot.h"

namespace netfix::wire {

struct UpnpDescriptionParse {
  /// "ok": well-formed with a device; "partial": broken XML, some fields
  /// recovered; "failed": no device could be read.
  std::string status;
  std::string error;  ///< why partial/failed, e.g. "XML: mismatching end tag at byte 812"
  std::vector<model::UpnpDevice> devices;  ///< root first, then embedded devices depth-first
};

/// `location` is where the document came from: relative URLs (controlURL,
/// SCPDURL, presentationURL) are resolved against URLBase when it is a valid
/// http URL, otherwise against `location`.
UpnpDescriptionParse ParseUpnpDescription(std::string_view xml, std::string_view location);

/// The local part of an element name ("u:GetStatusInfo" -> "GetStatusInfo").
std::string_view XmlLocalName(std::string_view name);

}  // namespace netfix::wire
