#include "report/devices.h"

#include "model/snapshot_json.h"
#include "report/strings.h"
#include "report/text_layout.h"
#include "util/strings.h"

namespace netfix::report {

using inventory::Device;
using nlohmann::json;

std::string DeviceKind(const Device& d, model::Lang lang) {
  std::vector<std::string> labels;
  if (d.is_gateway) labels.push_back(Text(Str::kDeviceGateway, lang));
  if (d.is_self) labels.push_back(Text(Str::kDeviceSelf, lang));
  if (d.locally_administered) labels.push_back(Text(Str::kDeviceRandomMac, lang));
  bool said_by_labels = (d.role.role == inventory::Role::kUnknown && !labels.empty()) ||
                        (d.role.role == inventory::Role::kRouter && d.is_gateway) || d.is_self;
  std::vector<std::string> kind;
  if (!said_by_labels) kind.push_back(RoleLabel(d.role.role, lang));
  kind.insert(kind.end(), labels.begin(), labels.end());
  return util::Join(kind, ", ");
}

json DeviceJson(const Device& d) {
  json facts = json::array();
  for (const auto& f : d.facts)
    facts.push_back({{"key", f.key}, {"value", f.value}, {"source", f.source}});
  return {{"key", d.key},
          {"mac", d.mac},
          {"ipv4", d.ipv4},
          {"ipv6", d.ipv6},
          {"hostnames", d.hostnames},
          {"vendor", d.vendor},
          {"random_mac", d.locally_administered},
          {"self", d.is_self},
          {"gateway", d.is_gateway},
          {"name", d.DisplayName()},
          {"role", inventory::ToString(d.role.role)},
          {"confidence", d.role.confidence},
          {"role_evidence", d.role.evidence},
          {"profile", d.profile_id},
          {"product", d.product},
          {"facts", facts}};
}

std::string RenderDevicesJson(const inventory::Inventory& inventory) {
  json devices = json::array();
  for (const auto& d : inventory.devices) devices.push_back(DeviceJson(d));
  return model::DumpJson({{"schema", "netfix.devices/1"}, {"devices", devices}});
}

std::string RenderDevicesText(const inventory::Inventory& inventory, model::Lang lang,
                              const TextOptions& options, bool facts) {
  TextWriter out(options.width, options.color);
  std::vector<Pieces> rows;
  for (const auto& d : inventory.devices) {
    std::string kind = DeviceKind(d, lang);
    rows.push_back({{d.ipv4.empty() ? (d.ipv6.empty() ? "-" : d.ipv6.front()) : d.ipv4.front()},
                    {d.mac.empty() ? "-" : d.mac},
                    {d.DisplayName()},
                    {kind}});
  }
  out.Table({{Text(Str::kColIpAddress, lang)},
             {Text(Str::kColMacAddress, lang)},
             {Text(Str::kColDevice, lang), true},
             {Text(Str::kColRole, lang)}},
            rows, 0);
  if (facts) {
    for (const auto& d : inventory.devices) {
      out.Blank();
      out.Line({{d.DisplayName() + " (" + d.key + ")", Style::kBold}});
      if (!d.role.evidence.empty()) {
        out.Paragraph({{std::string(RoleLabel(d.role.role, lang)) + " " +
                        FormatDecimal(d.role.confidence, 2, lang) + ": " +
                        util::Join(d.role.evidence, "; ")}},
                      2);
      }
      std::vector<Pieces> fact_rows;
      for (const auto& f : d.facts)
        fact_rows.push_back({{f.key}, {f.value}, {f.source, Style::kDim}});
      out.Table({{""}, {""}, {""}}, fact_rows, 2);
    }
  }
  out.Blank();
  out.Line({{Text(Str::kDevicesFound, lang, {{"n", std::to_string(inventory.devices.size())}})}});
  return out.str();
}

}  // namespace netfix::report
