// The bodies of the fuzz targets, shared by the libFuzzer entry points
// (fuzz_*.cc, built with -DNETFIX_FUZZ=ON and clang) and by the regression
// test that replays tests/fuzz/regressions/ in every normal test run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check/catalog.h"
#include "check/runner.h"
#include "inventory/build.h"
#include "model/redact.h"
#include "model/snapshot_json.h"
#include "model/wifi_json.h"
#include "profile/profile.h"
#include "report/diff.h"
#include "report/report.h"
#include "wire/arp.h"
#include "wire/dhcp.h"
#include "wire/dns.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/icmpv6.h"
#include "wire/ieee80211.h"
#include "wire/igmp.h"
#include "wire/ipv4.h"
#include "wire/lldp.h"
#include "wire/mdns.h"
#include "wire/nl80211.h"
#include "wire/oui.h"
#include "wire/pcap_file.h"
#include "wire/proc_route.h"
#include "wire/radiotap.h"
#include "wire/resolv_conf.h"
#include "wire/rtnetlink.h"
#include "wire/ssdp.h"
#include "wire/upnp_description.h"
#include "wire/upnp_soap.h"
#include "wire/upnp_url.h"
#include "wire/wifi_capture.h"
#include "wire/wifi_import.h"

namespace netfix::fuzz {

/// Every parser of untrusted bytes; the first byte picks one.
inline void FuzzWire(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  wire::Bytes bytes(data + 1, size - 1);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 10) {
    case 0: (void)wire::ParseArpFrame(bytes); break;
    case 1: (void)wire::ParseArp(bytes); break;
    case 2: (void)wire::ParseDnsMessage(bytes); break;
    case 3: (void)wire::ParseEthernet(bytes); break;
    case 4: (void)wire::ParseIcmp(bytes); break;
    case 5: (void)wire::ParseRawIcmp(bytes); break;
    case 6: (void)wire::ParseResolvConf(text); break;
    case 7: (void)wire::ParseProcNetRoute(text, true); break;
    case 8: (void)wire::OuiTable::ParseCsv(text); break;
    case 9: (void)wire::ParseNetlinkMessages(bytes, 1); break;
  }
}

/// The discovery parsers (DHCP, ICMPv6, IGMP, LLDP, SSDP, UPnP XML and SOAP,
/// mDNS, URLs); the first byte picks one. A separate target from FuzzWire, so
/// that FuzzWire's kept inputs still reach the parsers they were found for.
inline void FuzzDiscovery(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  wire::Bytes bytes(data + 1, size - 1);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 12) {
    case 0: (void)wire::ParseDhcp(bytes); break;
    case 1: (void)wire::ParseDhcpFrame(bytes); break;
    case 2: (void)wire::ParseIcmpv6Frame(bytes); break;
    case 3: (void)wire::ParseIgmpFrame(bytes); break;
    case 4: (void)wire::ParseLldpFrame(bytes); break;
    case 5: (void)wire::ParseSsdp(text); break;
    case 6: (void)wire::ParseUpnpDescription(text, "http://192.168.178.1:49000/desc.xml"); break;
    case 7: (void)wire::ParseSoapResponse(text, "GetExternalIPAddress"); break;
    case 8: (void)wire::ParseMdnsMessage(bytes); break;
    case 9: (void)wire::ParseHttpUrl(text); break;
    case 10: (void)wire::ParseIgmp(bytes); break;
    case 11: (void)wire::ParseLldp(bytes); break;
  }
}

/// The Wi-Fi parsers: scan text of every import format, capture files,
/// 802.11 frames and elements, radiotap, nl80211 messages and survey files.
/// The first byte picks one.
inline void FuzzWifi(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  wire::Bytes bytes(data + 1, size - 1);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  model::WifiBss bss;
  std::vector<std::string> notes;
  switch (data[0] % 14) {
    case 0: (void)wire::ParseWifiText(text, wire::WifiTextFormat::kIw); break;
    case 1: (void)wire::ParseWifiText(text, wire::WifiTextFormat::kNmcli); break;
    case 2: (void)wire::ParseWifiText(text, wire::WifiTextFormat::kNetsh); break;
    case 3: (void)wire::ParseWifiText(text, wire::WifiTextFormat::kAirport); break;
    case 4: (void)wire::ParseWifiText(text, wire::WifiTextFormat::kSystemProfiler); break;
    case 5: {
      std::string why;
      (void)wire::DetectWifiTextFormat(text, &why);
      break;
    }
    case 6: (void)wire::ParseWifiCapture(bytes); break;
    case 7: (void)wire::ParseBeaconFrame(bytes); break;
    case 8: wire::ApplyInformationElements(bytes, 0x0411, &bss, &notes); break;
    case 9: (void)wire::ParseRadiotap(bytes); break;
    case 10: (void)wire::ParseNl80211Bss(bytes); break;
    case 11: (void)wire::ParseNl80211Station(bytes); break;
    case 12: (void)wire::ParseNl80211Interface(bytes); break;
    case 13: {
      model::Survey survey;
      std::string error;
      if (model::ParseSurvey(std::string(text), &survey, &error))
        (void)model::DumpJson(model::SurveyToJson(survey));
      break;
    }
  }
}

/// The whole pure half: a snapshot file, diagnosed and rendered in every
/// format and language, as `netfix report` does with a file from anywhere.
inline void FuzzSnapshot(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  model::Snapshot snapshot;
  std::string error;
  if (!model::ParseSnapshot(text, &snapshot, &error)) return;
  const check::Catalog& catalog = check::Catalog::Builtin();
  inventory::Inventory devices = inventory::Build(snapshot);
  check::Diagnosis diagnosis = check::Diagnose(snapshot, devices, catalog);
  for (auto lang : model::kAllLangs) {
    report::Report r{snapshot, devices, diagnosis, catalog, lang, &profile::ProfileDb::Builtin()};
    for (auto format : {report::Format::kText, report::Format::kJson, report::Format::kMarkdown,
                        report::Format::kHtml})
      (void)report::Render(r, format, {.color = true, .width = 80});
  }
  // Redaction walks every field and rewrites strings: what any snapshot
  // (and a diff of it with its redacted self) must survive.
  model::Snapshot redacted = snapshot;
  model::Redactor redactor(1);
  redactor.Learn(redacted);
  redactor.Apply(&redacted);
  (void)model::DumpJson(model::SnapshotToJson(redacted));
  inventory::Inventory after_devices = inventory::Build(redacted);
  check::Diagnosis after = check::Diagnose(redacted, after_devices, catalog);
  report::DiffView diff = report::BuildDiff({{snapshot, devices, diagnosis},
                                             {redacted, after_devices, after},
                                             catalog,
                                             model::Lang::kDe,
                                             model::Severity::kWarning,
                                             report::DiffThresholds{}});
  (void)report::RenderDiff(diff, report::Format::kHtml, {});
}

/// The check.md parser.
inline void FuzzCheckDoc(const std::uint8_t* data, std::size_t size) {
  check::CheckInfo info;
  std::string error;
  (void)check::ParseCheckDoc(std::string_view(reinterpret_cast<const char*>(data), size), &info,
                             &error);
}

}  // namespace netfix::fuzz
