// Profile matching on real descriptions and captures from ../shared/corpus:
// the right product, and no false match. Devices are built from the facts
// Merge would record: UPnP descriptions are read with pugixml here (every
// <device>, root first, as the UPnP probe lists them), SSDP payloads give
// SERVER and ST/NT, and a few values from pcaps are copied as literals with
// the file they come from. Nothing from the corpus is copied into the project.
//
// Prints the table "corpus file -> profile / product -> role" for the report.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "inventory/roles.h"
#include "unit/profile/profile_support.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using netfix::inventory::Device;
using netfix::testing::CorpusDir;
using netfix::testing::ReadFile;

namespace {

std::string LocalName(const char* name) {
  std::string n = name;
  auto colon = n.find(':');
  return colon == std::string::npos ? n : n.substr(colon + 1);
}

std::string ChildText(const pugi::xml_node& node, const char* local) {
  for (auto child : node.children())
    if (LocalName(child.name()) == local) return netfix::util::Trim(child.text().get());
  return "";
}

void AddFact(Device* d, const char* key, const std::string& value) {
  if (!value.empty()) d->facts.push_back({key, value, "corpus"});
}

// One <device> and, after it, its embedded devices.
void AddUpnpDevice(const pugi::xml_node& device, Device* d) {
  AddFact(d, "upnp.device_type", ChildText(device, "deviceType"));
  AddFact(d, "upnp.friendly_name", ChildText(device, "friendlyName"));
  AddFact(d, "upnp.manufacturer", ChildText(device, "manufacturer"));
  AddFact(d, "upnp.model_name", ChildText(device, "modelName"));
  AddFact(d, "upnp.model_number", ChildText(device, "modelNumber"));
  AddFact(d, "upnp.model_description", ChildText(device, "modelDescription"));
  AddFact(d, "upnp.serial", ChildText(device, "serialNumber"));
  AddFact(d, "upnp.udn", ChildText(device, "UDN"));
  AddFact(d, "upnp.presentation_url", ChildText(device, "presentationURL"));
  for (auto list : device.children()) {
    if (LocalName(list.name()) == "serviceList")
      for (auto service : list.children())
        AddFact(d, "upnp.service_type", ChildText(service, "serviceType"));
  }
  for (auto list : device.children()) {
    if (LocalName(list.name()) == "deviceList")
      for (auto child : list.children())
        if (LocalName(child.name()) == "device") AddUpnpDevice(child, d);
  }
}

void AddUpnpDescription(const fs::path& file, Device* d) {
  pugi::xml_document doc;
  std::string text = ReadFile(file);
  doc.load_buffer(text.data(), text.size());  // a broken file keeps what was read
  for (auto root : doc.children())
    if (LocalName(root.name()) == "root")
      for (auto device : root.children())
        if (LocalName(device.name()) == "device") AddUpnpDevice(device, d);
}

// An SSDP NOTIFY or response payload: SERVER and ST or NT, as Merge records them.
void AddSsdp(const fs::path& file, Device* d) {
  for (const auto& line : netfix::util::SplitLines(ReadFile(file))) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = netfix::util::ToLower(netfix::util::Trim(line.substr(0, colon)));
    std::string value = netfix::util::Trim(line.substr(colon + 1));
    if (name == "server") AddFact(d, "ssdp.server", value);
    if (name == "st" || name == "nt") AddFact(d, "ssdp.target", value);
  }
}

struct Case {
  std::string label;                                       // corpus file(s), for the table
  std::vector<std::string> upnp;                           // description files under corpus/
  std::vector<std::string> ssdp;                           // SSDP payload files under corpus/
  std::vector<std::pair<std::string, std::string>> facts;  // literals (see comments)
  std::string profile;                                     // expected profile id, "" = none
  std::string product;                                     // expected product, "" = do not check
  std::string role;                                        // expected role
};

std::vector<std::string> Numbered(const std::string& stem, int count, const std::string& suffix) {
  std::vector<std::string> files;
  char number[16];
  for (int i = 0; i < count; ++i) {
    std::snprintf(number, sizeof number, "%02d", i);
    files.push_back(stem);
    files.back().append(number).append(suffix);
  }
  return files;
}

std::vector<Case> Cases() {
  std::vector<Case> cases = {
      {"upnp/avm/fritzbox7590_tr64desc.xml",
       {"upnp/avm/fritzbox7590_tr64desc.xml"},
       {},
       {},
       "avm-fritzbox",
       "AVM FRITZ!Box 7590",
       "router"},
      {"upnp/avm/fritzbox7590_tr64desc_fritzos7.56.xml",
       {"upnp/avm/fritzbox7590_tr64desc_fritzos7.56.xml"},
       {},
       {},
       "avm-fritzbox",
       "AVM FRITZ!Box 7590",
       "router"},
      {"upnp/avm/fritzbox7590_igddesc.xml",
       {"upnp/avm/fritzbox7590_igddesc.xml"},
       {},
       {},
       "avm-fritzbox",
       "AVM FRITZ!Box 7590",
       "router"},
      // The TP-Link's 12 NOTIFYs; its MAC from the Ethernet header in
      // pcap/lan/zeek_raw_packets_ssdp_tplink.pcap (OUI e8:de:27 = TP-LINK).
      {"ssdp/zeek_raw_packets_ssdp_tplink_{00..11}_notify.txt",
       {},
       Numbered("ssdp/zeek_raw_packets_ssdp_tplink_", 12, "_notify.txt"),
       {{"mac", "e8:de:27:ff:c0:78"}, {"mac.vendor", "TP-LINK TECHNOLOGIES CO.,LTD."}},
       "tplink-archer",
       "TP-Link TL-WDR3600",
       "router"},
      // An ISP router (ADB Broadband's EPICENTRO firmware) with MiniUPnPd; MAC
      // from pcap/lan/ndpi_starcraft_ssdp_epicentro.pcap (84:26:15 = ADB Broadband Italia).
      {"ssdp/ndpi_starcraft_ssdp_epicentro_{00..09}_notify.txt",
       {},
       Numbered("ssdp/ndpi_starcraft_ssdp_epicentro_", 10, "_notify.txt"),
       {{"mac", "84:26:15:3e:75:c4"}, {"mac.vendor", "ADB Broadband Italia"}},
       "generic-miniupnpd",
       "Router with MiniUPnPd",
       "router"},
      // Not ISP routers: two DIAL answers. 01 is a libupnp DIAL device on :8008
      // (Chromecast-like, but nothing netfix records says Google); 02 a Roku.
      {"ssdp/ndpi_anyconnect-vpn_home_lan_01_response.txt",
       {},
       {"ssdp/ndpi_anyconnect-vpn_home_lan_01_response.txt"},
       {},
       "",
       "",
       "receiver"},
      {"ssdp/ndpi_anyconnect-vpn_home_lan_02_response.txt",
       {},
       {"ssdp/ndpi_anyconnect-vpn_home_lan_02_response.txt"},
       {},
       "roku",
       "Roku",
       "receiver"},
      {"upnp/mediareceivers/denon_AVR-X1600H_upnp_desc.xml",
       {"upnp/mediareceivers/denon_AVR-X1600H_upnp_desc.xml"},
       {},
       {},
       "denon-marantz",
       "Denon AVR-X1600H",
       "receiver"},
      // Roku ECP device-info is not UPnP; netfix sees the player's MAC
      // (wifi-mac b0:a7:37 = Roku, Inc.; the TCL TV's d4:ab:cd = Gaoshengda).
      {"upnp/mediareceivers/roku_ecp_device-info.xml (MAC)",
       {},
       {},
       {{"mac", "b0:a7:37:96:4d:fb"}, {"mac.vendor", "Roku, Inc."}},
       "roku",
       "Roku",
       "receiver"},
      {"upnp/mediareceivers/roku_ecp_device-info_tcl_tv_c147x.xml (MAC)",
       {},
       {},
       {{"mac", "d4:ab:cd:f8:e1:d5"}, {"mac.vendor", "Hui Zhou Gaoshengda Technology Co.,LTD"}},
       "",
       "",
       "unknown"},
      // pcap/lan/ndpi_telegram_home_lan_mdns.pcap, 192.168.1.69 (78:28:ca = Sonos, Inc.):
      // _spotify-connect._tcp "sonos7828CA05FACC" on sonos7828CA05FACC.local:1400,
      // TXT VERSION=1.0 CPath=/spotifyzc.
      {"pcap/lan/ndpi_telegram_home_lan_mdns.pcap (Sonos)",
       {},
       {},
       {{"mac", "78:28:ca:05:fa:cc"},
        {"mac.vendor", "Sonos, Inc."},
        {"mdns.service", "_spotify-connect._tcp"},
        {"mdns.instance", "sonos7828CA05FACC"},
        {"hostname", "sonos7828CA05FACC"},
        {"mdns.txt.version", "1.0"},
        {"mdns.txt.cpath", "/spotifyzc"}},
       "sonos",
       "Sonos speaker",
       "receiver"},
      // pcap/lan/ndpi_sonos.pcapng: the speaker 192.168.1.70, 34:7e:5c:ff:a2:6e
      // (Sonos, Inc.); its certificate names the host sonos-347E5CFFA26E.local.
      {"pcap/lan/ndpi_sonos.pcapng",
       {},
       {},
       {{"mac", "34:7e:5c:ff:a2:6e"},
        {"mac.vendor", "Sonos, Inc."},
        {"hostname", "sonos-347E5CFFA26E"}},
       "sonos",
       "Sonos speaker",
       "receiver"},
      // Same telegram capture: an iMac (28:37:37 = Apple) and an iPad (8c:fe:57 = Apple).
      {"pcap/lan/ndpi_telegram_home_lan_mdns.pcap (iMac)",
       {},
       {},
       {{"mac", "28:37:37:00:6d:c8"},
        {"mac.vendor", "Apple, Inc."},
        {"mdns.service", "_companion-link._tcp"},
        {"hostname", "Lucas-iMac"},
        {"mdns.service", "_device-info._tcp"},
        {"mdns.txt.model", "iMac11,3"},
        {"mdns.txt.osxvers", "17"}},
       "",
       "",
       "computer"},
      {"pcap/lan/ndpi_telegram_home_lan_mdns.pcap (iPad)",
       {},
       {},
       {{"mac", "8c:fe:57:23:37:e4"},
        {"mac.vendor", "Apple, Inc."},
        {"mdns.service", "_dacp._tcp"},
        {"hostname", "Gabrieles-iPad"}},
       "",
       "",
       "computer"},
      // Other routers: none of them is a FRITZ!Box (or any profiled vendor).
      {"upnp/routers/linksys_WAG200G_desc.xml",
       {"upnp/routers/linksys_WAG200G_desc.xml"},
       {},
       {},
       "",
       "",
       "router"},
      {"upnp/routers/orange_livebox_sagemcom_igd2_desc.xml",
       {"upnp/routers/orange_livebox_sagemcom_igd2_desc.xml"},
       {},
       {},
       "",
       "",
       "router"},
      {"upnp/routers/speedtouch_pannaway_RG-210_igd_desc.xml.templ",
       {"upnp/routers/speedtouch_pannaway_RG-210_igd_desc.xml.templ"},
       {},
       {},
       "",
       "",
       "router"},
      // Test authors' generic devices (one with a Samsung XML namespace): no vendor.
      {"upnp/synthetic_edgecases/dmr_device.xml",
       {"upnp/synthetic_edgecases/dmr_device.xml"},
       {},
       {},
       "",
       "",
       "receiver"},
      {"upnp/synthetic_edgecases/dmr_device_embedded.xml",
       {"upnp/synthetic_edgecases/dmr_device_embedded.xml"},
       {},
       {},
       "",
       "",
       "receiver"},
      {"upnp/synthetic_edgecases/dms_device.xml",
       {"upnp/synthetic_edgecases/dms_device.xml"},
       {},
       {},
       "",
       "",
       "media-server"},
      {"upnp/synthetic_edgecases/igd_device.xml",
       {"upnp/synthetic_edgecases/igd_device.xml"},
       {},
       {},
       "",
       "",
       "router"},
      {"upnp/synthetic_edgecases/jupnp_uda10_device.xml",
       {"upnp/synthetic_edgecases/jupnp_uda10_device.xml"},
       {},
       {},
       "",
       "",
       "unknown"},
      // NETGEAR's ReadyDLNA is a MiniDLNA: a media server, not a NETGEAR router.
      {"upnp/real_malformed/jupnp_invalid_readydlna.xml",
       {"upnp/real_malformed/jupnp_invalid_readydlna.xml"},
       {},
       {},
       "generic-minidlna",
       "MiniDLNA media server",
       "media-server"},
      // "tpg" is not TP-Link; set-top boxes by adb and ZyXEL are not profiled.
      {"upnp/real_malformed/jupnp_invalid_tpg.xml",
       {"upnp/real_malformed/jupnp_invalid_tpg.xml"},
       {},
       {},
       "",
       "",
       "media-server"},
      {"upnp/real_malformed/jupnp_invalid_zyxel_miviewtv.xml",
       {"upnp/real_malformed/jupnp_invalid_zyxel_miviewtv.xml"},
       {},
       {},
       "",
       "",
       "media-server"},
      {"upnp/real_malformed/jupnp_invalid_atb_miviewtv.xml",
       {"upnp/real_malformed/jupnp_invalid_atb_miviewtv.xml"},
       {},
       {},
       "",
       "",
       "media-server"},
  };
  // Every other real-world description (renderers, servers, players): no
  // vendor profile may claim them.
  for (const char* name :
       {"jupnp_invalid_ceton_infinitv.xml", "jupnp_invalid_doubletwist.xml",
        "jupnp_invalid_escient.xml", "jupnp_invalid_eyecon.xml", "jupnp_invalid_kodak.xml",
        "jupnp_invalid_makemkv.xml", "jupnp_invalid_missing_namespaces.xml",
        "jupnp_invalid_perfectwave.xml", "jupnp_invalid_plutinosoft.xml",
        "jupnp_invalid_ushare.xml", "jupnp_unrecoverable_awox.xml", "jupnp_unrecoverable_pms.xml",
        "jupnp_unrecoverable_simplecenter.xml", "jupnp_unrecoverable_ums.xml"}) {
    std::string file = std::string("upnp/real_malformed/") + name;
    cases.push_back({file, {file}, {}, {}, "", "", "*"});
  }
  return cases;
}

}  // namespace

TEST_CASE("corpus devices get the right profile, and no false match") {
  fs::path corpus = CorpusDir();
  if (!fs::exists(corpus / "MANIFEST.md")) {
    WARN("SKIPPED: corpus not found at " << corpus.string());
    return;
  }
  const auto& db = netfix::testing::SourceProfiles();
  std::string table = "corpus file | profile | product | role (confidence)\n";
  for (const auto& c : Cases()) {
    Device d;
    d.key = c.label;
    for (const auto& f : c.upnp) AddUpnpDescription(corpus / f, &d);
    for (const auto& f : c.ssdp) AddSsdp(corpus / f, &d);
    for (const auto& [key, value] : c.facts) {
      d.facts.push_back({key, value, "corpus"});
      if (key == "mac") d.mac = value;
      if (key == "hostname") d.hostnames.push_back(value);
    }
    INFO(c.label);
    REQUIRE_FALSE(d.facts.empty());

    netfix::inventory::Inventory inventory;
    inventory.devices.push_back(d);
    netfix::inventory::Identify(&inventory, db);
    const Device& out = inventory.devices.front();

    CHECK(out.profile_id == c.profile);
    if (!c.product.empty()) CHECK(out.product == c.product);
    if (c.role != "*") CHECK(std::string(netfix::inventory::ToString(out.role.role)) == c.role);
    if (c.profile.empty()) {
      // No vendor profile; at most a generic one would be allowed, and none is expected.
      CHECK(out.product.empty());
    }
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", out.role.confidence);
    table += c.label + " | " + (out.profile_id.empty() ? "-" : out.profile_id) + " | " +
             (out.product.empty() ? "-" : out.product) + " | " +
             netfix::inventory::ToString(out.role.role) + " (" + confidence + ")\n";
  }
  std::printf("%s", table.c_str());
}
