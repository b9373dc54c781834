// pugixml helpers shared by the UPnP parsers (descriptions, SOAP). Internal
// to wire/: element names are compared by their local name, because devices
// get namespaces wrong or leave them out.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace netfix::wire {

/// Parses `xml` with pugixml's default (non-validating) options. On failure
/// the document keeps the nodes parsed before the error, and `error` says
/// what and where ("mismatching end tag at byte 812"). true when parsed in
/// full.
bool LoadXml(pugi::xml_document& doc, std::string_view xml, std::string* error);

/// The trimmed text of the first child element of `node` whose local name is
/// `local_name`; "" when there is none.
std::string XmlChildText(const pugi::xml_node& node, std::string_view local_name);

/// The first child element of `node` with that local name.
pugi::xml_node XmlChild(const pugi::xml_node& node, std::string_view local_name);

/// Last resort for XML too broken to parse: the trimmed, entity-decoded
/// text of the first <local_name>...</...> (any prefix) found in the raw
/// bytes, up to the next '<'; "" when there is none.
std::string ScanElementText(std::string_view xml, std::string_view local_name);

}  // namespace netfix::wire
