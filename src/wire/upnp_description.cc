#include "wire/upnp_description.h"

#include <cctype>
#include <pugixml.hpp>

#include "wire/upnp_url.h"
#include "wire/upnp_xml.h"

namespace netfix::wire {

namespace {

constexpr int kMaxDepth = 8;  // root -> WANDevice -> WANConnectionDevice is 3
constexpr std::size_t kMaxDevices = 64;
constexpr std::size_t kMaxServices = 64;  // per device

struct Walk {
  std::string base;  // for relative URLs
  std::vector<model::UpnpDevice> devices;
  bool cut = false;  // a limit was reached
};

std::string Url(const Walk& walk, const std::string& reference) {
  if (reference.empty()) return "";
  std::string resolved = ResolveUrl(walk.base, reference);
  return resolved.empty() ? reference : resolved;  // keep what the device said
}

void ReadServices(const pugi::xml_node& list, const Walk& walk, model::UpnpDevice& device,
                  bool& cut) {
  for (auto service : list.children()) {
    if (XmlLocalName(service.name()) != "service") continue;
    if (device.services.size() >= kMaxServices) {
      cut = true;
      return;
    }
    model::UpnpService s;
    s.service_type = XmlChildText(service, "serviceType");
    s.service_id = XmlChildText(service, "serviceId");
    s.control_url = Url(walk, XmlChildText(service, "controlURL"));
    s.scpd_url = Url(walk, XmlChildText(service, "SCPDURL"));
    if (s.service_type.empty() && s.service_id.empty() && s.control_url.empty()) continue;
    device.services.push_back(std::move(s));
  }
}

void ReadDevice(const pugi::xml_node& node, const std::string& parent_udn, int depth, Walk& walk) {
  if (walk.devices.size() >= kMaxDevices || depth > kMaxDepth) {
    walk.cut = true;
    return;
  }
  model::UpnpDevice d;
  d.udn = XmlChildText(node, "UDN");
  d.parent_udn = parent_udn;
  d.device_type = XmlChildText(node, "deviceType");
  d.friendly_name = XmlChildText(node, "friendlyName");
  d.manufacturer = XmlChildText(node, "manufacturer");
  d.manufacturer_url = XmlChildText(node, "manufacturerURL");
  d.model_name = XmlChildText(node, "modelName");
  d.model_number = XmlChildText(node, "modelNumber");
  d.model_description = XmlChildText(node, "modelDescription");
  d.serial_number = XmlChildText(node, "serialNumber");
  d.presentation_url = Url(walk, XmlChildText(node, "presentationURL"));
  for (auto child : node.children())
    if (XmlLocalName(child.name()) == "serviceList") ReadServices(child, walk, d, walk.cut);
  std::string udn = d.udn;
  walk.devices.push_back(std::move(d));
  for (auto child : node.children()) {
    if (XmlLocalName(child.name()) != "deviceList") continue;
    for (auto embedded : child.children())
      if (XmlLocalName(embedded.name()) == "device") ReadDevice(embedded, udn, depth + 1, walk);
  }
}

// The element that holds the root device: <root><device>, or failing that
// the first <device> anywhere that looks like one.
pugi::xml_node FindRootDevice(const pugi::xml_document& doc, pugi::xml_node* root_out) {
  for (auto top : doc.children()) {
    if (top.type() != pugi::node_element) continue;
    if (XmlLocalName(top.name()) == "root") {
      *root_out = top;
      for (auto child : top.children())
        if (XmlLocalName(child.name()) == "device") return child;
    }
  }
  struct Finder : pugi::xml_tree_walker {
    pugi::xml_node found;
    bool for_each(pugi::xml_node& node) override {
      if (node.type() != pugi::node_element || XmlLocalName(node.name()) != "device") return true;
      for (auto child : node.children()) {
        auto name = XmlLocalName(child.name());
        if (name == "deviceType" || name == "UDN" || name == "friendlyName") {
          found = node;
          return false;
        }
      }
      return true;
    }
  } finder;
  const_cast<pugi::xml_document&>(doc).traverse(finder);
  return finder.found;
}

std::string FirstElementName(const pugi::xml_document& doc) {
  for (auto top : doc.children())
    if (top.type() == pugi::node_element) return top.name();
  return "";
}

// Fills the empty fields of `device` from the raw text; true if any was.
bool Rescue(std::string_view xml, const Walk& walk, model::UpnpDevice& device) {
  bool any = false;
  auto fill = [&](std::string& field, std::string_view name, bool url = false) {
    if (!field.empty()) return;
    std::string value = ScanElementText(xml, name);
    if (value.empty()) return;
    field = url ? Url(walk, value) : value;
    any = true;
  };
  fill(device.device_type, "deviceType");
  fill(device.friendly_name, "friendlyName");
  fill(device.manufacturer, "manufacturer");
  fill(device.manufacturer_url, "manufacturerURL");
  fill(device.model_name, "modelName");
  fill(device.model_number, "modelNumber");
  fill(device.model_description, "modelDescription");
  fill(device.serial_number, "serialNumber");
  fill(device.udn, "UDN");
  fill(device.presentation_url, "presentationURL", true);
  return any;
}

}  // namespace

std::string_view XmlLocalName(std::string_view name) {
  auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

UpnpDescriptionParse ParseUpnpDescription(std::string_view xml, std::string_view location) {
  UpnpDescriptionParse out;
  if (xml.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.status = "failed";
    out.error = "empty document";
    return out;
  }
  pugi::xml_document doc;
  std::string parse_error;
  auto result = LoadXml(doc, xml, &parse_error);

  Walk walk;
  walk.base = std::string(location);
  pugi::xml_node root;
  pugi::xml_node device = FindRootDevice(doc, &root);
  if (root) {
    std::string base = XmlChildText(root, "URLBase");
    if (!base.empty() && ParseHttpUrl(base)) walk.base = base;
  }
  if (device) ReadDevice(device, "", 0, walk);

  if (result) {
    if (walk.devices.empty()) {
      out.status = "failed";
      std::string top = FirstElementName(doc);
      out.error =
          top.empty() ? "no XML element" : "not a device description (root element <" + top + ">)";
      return out;
    }
    out.status = "ok";
    if (walk.cut) out.error = "more devices or services than netfix reads; the rest was skipped";
    out.devices = std::move(walk.devices);
    return out;
  }

  // Broken XML: keep what was parsed, then look for the well-known fields in
  // the raw text (the root device's fields come first in document order).
  out.error = "XML: " + parse_error;
  if (walk.devices.empty()) {
    if (walk.base == location) {
      std::string base = ScanElementText(xml, "URLBase");
      if (!base.empty() && ParseHttpUrl(base)) walk.base = base;
    }
    model::UpnpDevice rescued;
    if (Rescue(xml, walk, rescued)) walk.devices.push_back(std::move(rescued));
  } else {
    Rescue(xml, walk, walk.devices.front());
  }
  if (walk.devices.empty()) {
    out.status = "failed";
    return out;
  }
  out.status = "partial";
  out.devices = std::move(walk.devices);
  return out;
}

}  // namespace netfix::wire
