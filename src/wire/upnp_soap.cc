#include "wire/upnp_soap.h"

#include <cctype>
#include <pugixml.hpp>

#include "wire/upnp_description.h"
#include "wire/upnp_xml.h"

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxValues = 64;

std::string EscapeXml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// Digits only (after trimming); nullopt otherwise or when out of range.
std::optional<long long> ParseNumber(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.empty() || text.size() > 12) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The first element (depth-first) whose local name is `name`.
pugi::xml_node FindElement(const pugi::xml_node& from, std::string_view name) {
  struct Finder : pugi::xml_tree_walker {
    std::string_view name;
    pugi::xml_node found;
    bool for_each(pugi::xml_node& node) override {
      if (node.type() == pugi::node_element && XmlLocalName(node.name()) == name) {
        found = node;
        return false;
      }
      return true;
    }
  } finder;
  finder.name = name;
  const_cast<pugi::xml_node&>(from).traverse(finder);
  return finder.found;
}

}  // namespace

std::string BuildSoapRequest(std::string_view service_type, std::string_view action,
                             const std::vector<SoapArgument>& arguments) {
  std::string out =
      "<?xml version=\"1.0\"?>\r\n"
      "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
      "<s:Body><u:";
  out += action;
  out += " xmlns:u=\"" + EscapeXml(service_type) + "\">";
  for (const auto& a : arguments)
    out += "<" + a.name + ">" + EscapeXml(a.value) + "</" + a.name + ">";
  out += "</u:";
  out += action;
  out += "></s:Body></s:Envelope>\r\n";
  return out;
}

std::string SoapActionValue(std::string_view service_type, std::string_view action) {
  return "\"" + std::string(service_type) + "#" + std::string(action) + "\"";
}

std::string SoapResponse::Get(std::string_view name) const {
  for (const auto& v : values)
    if (v.name == name) return v.value;
  return "";
}

bool SoapResponse::Has(std::string_view name) const {
  for (const auto& v : values)
    if (v.name == name) return true;
  return false;
}

SoapResponse ParseSoapResponse(std::string_view xml, std::string_view action) {
  SoapResponse out;
  if (xml.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.note = "empty SOAP body";
    return out;
  }
  pugi::xml_document doc;
  std::string parse_error;
  bool complete = LoadXml(doc, xml, &parse_error);
  std::string wanted = std::string(action) + "Response";

  // Envelope/Body/<first element> normally; anywhere as a fallback.
  pugi::xml_node body = FindElement(doc, "Body");
  pugi::xml_node answer;
  if (body)
    for (auto child : body.children())
      if (child.type() == pugi::node_element) {
        answer = child;
        break;
      }
  if (!answer ||
      (XmlLocalName(answer.name()) != wanted && XmlLocalName(answer.name()) != "Fault")) {
    pugi::xml_node found = FindElement(doc, wanted);
    if (!found) found = FindElement(doc, "Fault");
    if (found) answer = found;
  }
  if (!answer) {
    out.note = complete ? "no <" + wanted + "> or fault in the SOAP body"
                        : "not readable as XML (" + parse_error + ")";
    return out;
  }
  if (!complete) out.note = "XML: " + parse_error + " (kept what came before)";
  std::string_view name = XmlLocalName(answer.name());
  if (name == "Fault") {
    out.kind = SoapResponse::Kind::kFault;
    if (auto upnp = FindElement(answer, "UPnPError")) {
      if (auto code = ParseNumber(XmlChildText(upnp, "errorCode")); code && *code < 100000)
        out.error_code = static_cast<int>(*code);
      out.error_description = XmlChildText(upnp, "errorDescription");
    }
    if (out.error_description.empty()) out.error_description = XmlChildText(answer, "faultstring");
    if (out.error_description.empty()) out.error_description = XmlChildText(answer, "faultcode");
    return out;
  }
  if (name != wanted) {
    out.note = "unexpected <" + std::string(answer.name()) + "> in the SOAP body";
    return out;
  }
  out.kind = SoapResponse::Kind::kResult;
  for (auto child : answer.children()) {
    if (child.type() != pugi::node_element) continue;
    if (out.values.size() >= kMaxValues) break;
    std::string value = child.text().get();
    auto first = value.find_first_not_of(" \t\r\n");
    auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    out.values.push_back({std::string(XmlLocalName(child.name())), std::move(value)});
  }
  return out;
}

std::string DescribeSoapFailure(const SoapResponse& response) {
  if (response.kind == SoapResponse::Kind::kFault) {
    std::string out = response.error_code != 0 ? "UPnP error " + std::to_string(response.error_code)
                                               : std::string("SOAP fault");
    if (!response.error_description.empty()) out += " (" + response.error_description + ")";
    return out;
  }
  return response.note.empty() ? "unreadable SOAP answer" : response.note;
}

std::optional<model::PortMapping> PortMappingFromSoap(const SoapResponse& r) {
  if (r.kind != SoapResponse::Kind::kResult) return std::nullopt;
  if (!r.Has("NewExternalPort") && !r.Has("NewInternalPort")) return std::nullopt;
  model::PortMapping m;
  m.protocol = r.Get("NewProtocol");
  for (char& c : m.protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto port = [](const std::string& text) {
    auto v = ParseNumber(text);
    return v && *v <= 65535 ? static_cast<int>(*v) : 0;
  };
  m.external_port = port(r.Get("NewExternalPort"));
  m.internal_port = port(r.Get("NewInternalPort"));
  m.internal_client = r.Get("NewInternalClient");
  m.remote_host = r.Get("NewRemoteHost");
  m.description = r.Get("NewPortMappingDescription");
  std::string enabled = r.Get("NewEnabled");
  m.enabled = !(enabled == "0" || enabled == "false" || enabled == "no");
  if (auto lease = ParseNumber(r.Get("NewLeaseDuration"))) m.lease_s = *lease;
  return m;
}

}  // namespace netfix::wire
