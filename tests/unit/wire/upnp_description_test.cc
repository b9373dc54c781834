#include "wire/upnp_description.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>

#include "support/files.h"

using namespace netfix::wire;
using netfix::model::UpnpDevice;
using netfix::testing::CorpusDir;
using netfix::testing::ReadFile;

namespace {

const UpnpDevice* FindType(const UpnpDescriptionParse& p, const std::string& type_part) {
  for (const auto& d : p.devices)
    if (d.device_type.find(type_part) != std::string::npos) return &d;
  return nullptr;
}

const netfix::model::UpnpService* FindService(const UpnpDescriptionParse& p,
                                              const std::string& type_part) {
  for (const auto& d : p.devices)
    for (const auto& s : d.services)
      if (s.service_type.find(type_part) != std::string::npos) return &s;
  return nullptr;
}

constexpr const char* kMinimal = R"(<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType>
    <friendlyName>Living Room TV</friendlyName>
    <manufacturer>LG Electronics</manufacturer>
    <modelName>OLED55C1</modelName>
    <UDN>uuid:0ab5e1f2</UDN>
    <presentationURL>/web/index.html</presentationURL>
    <serviceList>
      <service>
        <serviceType>urn:schemas-upnp-org:service:AVTransport:1</serviceType>
        <serviceId>urn:upnp-org:serviceId:AVTransport</serviceId>
        <SCPDURL>AVTransport/scpd.xml</SCPDURL>
        <controlURL>/AVTransport/control</controlURL>
      </service>
    </serviceList>
  </device>
</root>)";

}  // namespace

TEST_CASE("UPnP description: a well-formed document", "[wire][upnp]") {
  auto p = ParseUpnpDescription(kMinimal, "http://192.168.178.30:49494/dev/desc.xml");
  CHECK(p.status == "ok");
  CHECK(p.error.empty());
  REQUIRE(p.devices.size() == 1);
  const auto& d = p.devices[0];
  CHECK(d.device_type == "urn:schemas-upnp-org:device:MediaRenderer:1");
  CHECK(d.friendly_name == "Living Room TV");
  CHECK(d.manufacturer == "LG Electronics");
  CHECK(d.model_name == "OLED55C1");
  CHECK(d.udn == "uuid:0ab5e1f2");
  CHECK(d.parent_udn.empty());
  CHECK(d.presentation_url == "http://192.168.178.30:49494/web/index.html");
  REQUIRE(d.services.size() == 1);
  CHECK(d.services[0].control_url == "http://192.168.178.30:49494/AVTransport/control");
  // Relative to the document's directory, not the host's root.
  CHECK(d.services[0].scpd_url == "http://192.168.178.30:49494/dev/AVTransport/scpd.xml");
}

TEST_CASE("UPnP description: broken XML keeps what is readable", "[wire][upnp]") {
  SECTION("an unclosed tag in the middle: partial, fields before and after recovered") {
    std::string xml = kMinimal;
    xml.replace(xml.find("<manufacturer>LG Electronics</manufacturer>"), 43,
                "<manufacturer>LG Electronics<manufacturer>");
    auto p = ParseUpnpDescription(xml, "http://10.0.0.5/desc.xml");
    CHECK(p.status == "partial");
    CHECK(p.error.find("XML: ") == 0);
    CHECK(p.error.find(" at byte ") != std::string::npos);
    REQUIRE_FALSE(p.devices.empty());
    CHECK(p.devices[0].friendly_name == "Living Room TV");
    CHECK(p.devices[0].device_type == "urn:schemas-upnp-org:device:MediaRenderer:1");
    CHECK(p.devices[0].model_name == "OLED55C1");  // after the damage: found by scanning
  }
  SECTION("a body cut off in the middle") {
    std::string xml = kMinimal;
    auto p = ParseUpnpDescription(std::string_view(xml).substr(0, xml.find("<modelName>") + 15),
                                  "http://10.0.0.5/desc.xml");
    CHECK(p.status == "partial");
    REQUIRE_FALSE(p.devices.empty());
    CHECK(p.devices[0].manufacturer == "LG Electronics");
    CHECK(p.devices[0].model_name == "OLED");  // what arrived of it
  }
  SECTION("an unescaped ampersand and entities") {
    std::string xml = kMinimal;
    xml.replace(xml.find("LG Electronics"), 14, "Bang & Olufsen &amp; Co &#228;");
    auto p = ParseUpnpDescription(xml, "http://10.0.0.5/desc.xml");
    REQUIRE_FALSE(p.devices.empty());
    CHECK(p.devices[0].manufacturer.find("Bang & Olufsen") == 0);
  }
  SECTION("text that is not XML at all") {
    auto p = ParseUpnpDescription("<html><body>404 Not Found", "http://10.0.0.5/desc.xml");
    CHECK(p.status == "failed");
    CHECK(p.devices.empty());
    auto empty = ParseUpnpDescription("  \r\n", "http://10.0.0.5/desc.xml");
    CHECK(empty.status == "failed");
    CHECK(empty.error == "empty document");
    auto binary = ParseUpnpDescription(std::string("\0\x01\xff<", 4), "http://10.0.0.5/");
    CHECK(binary.status == "failed");
  }
  SECTION("well-formed, but not a device description") {
    auto p = ParseUpnpDescription("<?xml version=\"1.0\"?><scpd><actionList/></scpd>",
                                  "http://10.0.0.5/desc.xml");
    CHECK(p.status == "failed");
    CHECK(p.error == "not a device description (root element <scpd>)");
  }
}

TEST_CASE("UPnP description: namespaces, prefixes and URLBase", "[wire][upnp]") {
  SECTION("prefixed elements and no namespace declaration are matched by local name") {
    auto p = ParseUpnpDescription(
        "<u:root><u:device><u:deviceType>urn:x:device:Y:1</u:deviceType>"
        "<u:friendlyName>Y</u:friendlyName></u:device></u:root>",
        "http://10.0.0.5/d.xml");
    CHECK(p.status == "ok");
    REQUIRE(p.devices.size() == 1);
    CHECK(p.devices[0].friendly_name == "Y");
  }
  SECTION("URLBase wins over the LOCATION; an invalid one is ignored") {
    std::string with_base = kMinimal;
    with_base.insert(with_base.find("<device>"), "<URLBase>http://192.168.1.1:5000/</URLBase>");
    auto p = ParseUpnpDescription(with_base, "http://10.0.0.5/desc.xml");
    REQUIRE_FALSE(p.devices.empty());
    CHECK(p.devices[0].services[0].control_url == "http://192.168.1.1:5000/AVTransport/control");
    std::string bad_base = kMinimal;
    bad_base.insert(bad_base.find("<device>"), "<URLBase>{port}</URLBase>");
    auto q = ParseUpnpDescription(bad_base, "http://10.0.0.5/desc.xml");
    CHECK(q.devices[0].services[0].control_url == "http://10.0.0.5/AVTransport/control");
  }
  SECTION("embedded devices carry their parent's UDN; depth and counts are bounded") {
    std::string xml = "<root>";
    for (int i = 0; i < 20; ++i)
      xml += "<device><deviceType>t" + std::to_string(i) +
             "</deviceType><UDN>uuid:" + std::to_string(i) + "</UDN><deviceList>";
    for (int i = 0; i < 20; ++i) xml += "</deviceList></device>";
    xml += "</root>";
    auto p = ParseUpnpDescription(xml, "http://10.0.0.5/d.xml");
    CHECK(p.status == "ok");
    CHECK(p.devices.size() == 9);  // the root and 8 levels below it
    CHECK(p.devices[3].parent_udn == "uuid:2");
    CHECK_FALSE(p.error.empty());
  }
}

TEST_CASE("UPnP corpus: every description parses without a crash (skips without corpus)",
          "[wire][upnp][corpus]") {
  auto dir = CorpusDir() / "upnp";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 60);
  std::map<std::string, int> counts;
  for (const auto& path : files) {
    std::string text = ReadFile(path);
    std::string rel = std::filesystem::relative(path, dir).string();
    auto p = ParseUpnpDescription(text, "http://192.168.1.10:8080/description.xml");
    counts[p.status]++;
    std::string line = rel + ": " + p.status + (p.error.empty() ? "" : " (" + p.error + ")");
    if (!p.devices.empty())
      line += "; root " + p.devices[0].device_type + " / " + p.devices[0].manufacturer + " / " +
              p.devices[0].model_name + "; " + std::to_string(p.devices.size()) + " device(s)";
    INFO(line);
    CHECK((p.status == "ok" || p.status == "partial" || p.status == "failed"));
    CHECK(p.devices.empty() == (p.status == "failed"));
    // Cut short at a few places: never a crash, never "ok".
    for (std::size_t n : {text.size() / 3, text.size() / 2, text.rfind('<')}) {
      if (n == 0 || n >= text.size()) continue;
      auto cut = ParseUpnpDescription(std::string_view(text).substr(0, n), "http://1.2.3.4/");
      CHECK(cut.status != "ok");
    }
  }
  WARN("UPnP corpus: " << counts["ok"] << " ok, " << counts["partial"] << " partial, "
                       << counts["failed"] << " failed of " << files.size() << " files");
}

TEST_CASE("UPnP corpus: genuine and known-good descriptions, exact values (skips without corpus)",
          "[wire][upnp][corpus]") {
  auto dir = CorpusDir() / "upnp";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto parse = [&](const std::string& rel, const std::string& location) {
    return ParseUpnpDescription(ReadFile(dir / rel), location);
  };
  struct Expected {
    const char* file;
    const char* device_type;
    const char* manufacturer;
    const char* model_name;
    std::size_t devices;
  };
  const Expected table[] = {
      {"avm/fritzbox7590_igddesc.xml", "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
       "AVM Berlin", "FRITZ!Box 7590", 3},
      {"avm/fritzbox7590_tr64desc.xml", "urn:dslforum-org:device:InternetGatewayDevice:1", "AVM",
       "FRITZ!Box 7590", 4},
      {"avm/fritzbox7590_tr64desc_fritzos7.56.xml",
       "urn:dslforum-org:device:InternetGatewayDevice:1", "AVM", "FRITZ!Box 7590", 4},
      {"synthetic_edgecases/dmr_device.xml", "urn:schemas-upnp-org:device:MediaRenderer:1",
       "Steven", "DummyTV v1", 1},
      {"synthetic_edgecases/dms_device.xml", "urn:schemas-upnp-org:device:MediaServer:1", "Steven",
       "Dummy Server", 1},
      {"synthetic_edgecases/igd_device.xml", "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
       "Steven", "DummyRouter v1", 3},
      {"synthetic_edgecases/dmr_device_bad_namespace.xml",
       "urn:schemas-upnp-org:device:MediaRenderer:1", "Steven", "DummyTV v1", 1},
      {"mediareceivers/denon_AVR-X1600H_upnp_desc.xml", "urn:schemas-denon-com:device:AiosDevice:1",
       "Denon", "Denon AVR-X1600H", 5},
      {"routers/linksys_WAG200G_desc.xml", "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
       "LINKSYS", "Wireless-G ADSL Home Gateway", 4},
      {"routers/orange_livebox_sagemcom_igd2_desc.xml",
       "urn:schemas-upnp-org:device:InternetGatewayDevice:2", "Sagemcom",
       "Residential Livebox,(DSL,WAN Ethernet)", 3},
      {"real_malformed/jupnp_invalid_missing_namespaces.xml",
       "urn:schemas-upnp-org:device:MediaServer:1", "GeeXboX Team", "uShare", 1},
  };
  for (const auto& e : table) {
    INFO(e.file);
    auto p = parse(e.file, "http://192.168.178.1:49000/desc.xml");
    CHECK(p.status == "ok");
    CHECK(p.error.empty());
    REQUIRE(p.devices.size() == e.devices);
    CHECK(p.devices[0].device_type == e.device_type);
    CHECK(p.devices[0].manufacturer == e.manufacturer);
    CHECK(p.devices[0].model_name == e.model_name);
    CHECK(p.devices[0].parent_udn.empty());
    for (std::size_t i = 1; i < p.devices.size(); ++i) CHECK_FALSE(p.devices[i].parent_udn.empty());
  }

  SECTION("FRITZ!Box 7590 IGD: the WAN tree and absolute control URLs") {
    auto p = parse("avm/fritzbox7590_igddesc.xml", "http://192.168.178.1:49000/igddesc.xml");
    REQUIRE(p.devices.size() == 3);
    CHECK(p.devices[0].friendly_name == "FRITZ!Box 7590");
    CHECK(p.devices[0].udn == "uuid:75802409-bccb-just-a-test-udn");
    CHECK(p.devices[1].device_type == "urn:schemas-upnp-org:device:WANDevice:1");
    CHECK(p.devices[1].parent_udn == p.devices[0].udn);
    CHECK(p.devices[2].device_type == "urn:schemas-upnp-org:device:WANConnectionDevice:1");
    CHECK(p.devices[2].parent_udn == p.devices[1].udn);
    auto* ip = FindService(p, "WANIPConnection:1");
    REQUIRE(ip);
    CHECK(ip->control_url == "http://192.168.178.1:49000/igdupnp/control/WANIPConn1");
    CHECK(ip->service_id == "urn:upnp-org:serviceId:WANIPConn1");
  }
  SECTION("Linksys WAG200G: URLBase and the PPP connection (miniupnpc's expected values)") {
    auto p = parse("routers/linksys_WAG200G_desc.xml", "http://192.168.1.1:49152/desc.xml");
    auto* ppp = FindService(p, "WANPPPConnection:1");
    REQUIRE(ppp);
    CHECK(ppp->control_url == "http://192.168.1.1:49152/upnp/control/WANPPPConn1");
    CHECK(ppp->scpd_url == "http://192.168.1.1:49152/pppcfg.xml");
    auto* cif = FindService(p, "WANCommonInterfaceConfig:1");
    REQUIRE(cif);
    CHECK(cif->control_url == "http://192.168.1.1:49152/upnp/control/WANCommonIFC1");
    CHECK(p.devices[0].presentation_url == "http://192.168.1.1/index.htm");
    CHECK(p.devices[0].model_number == "WAG200G");
  }
  SECTION("Orange Livebox IGD:2: WANPPPConnection:2 on WANIPConn1 (miniupnpc's values)") {
    auto p = parse("routers/orange_livebox_sagemcom_igd2_desc.xml", "http://192.168.1.1/desc.xml");
    auto* first = FindService(p, "WANPPPConnection:2");
    REQUIRE(first);
    CHECK(first->control_url == "http://192.168.1.1/87895a19/upnp/control/WANIPConn1");
    CHECK(first->scpd_url == "http://192.168.1.1/87895a19/gateconnSCPD_PPP.xml");
    REQUIRE(FindType(p, "WANConnectionDevice:2"));
  }
  SECTION("jupnp's 'invalid' and 'unrecoverable' descriptions are readable by local name") {
    auto awox = parse("real_malformed/jupnp_unrecoverable_awox.xml", "http://10.0.0.7/d.xml");
    CHECK(awox.status == "ok");
    REQUIRE(awox.devices.size() == 1);
    CHECK(awox.devices[0].device_type.empty());  // the device sent <deviceType></deviceType>
    CHECK(awox.devices[0].manufacturer == "Awox");
    CHECK(awox.devices[0].services.size() == 4);
    auto kodak = parse("real_malformed/jupnp_invalid_kodak.xml", "http://10.0.0.7/x/d.xml");
    REQUIRE(kodak.devices.size() == 1);
    CHECK(kodak.devices[0].services[0].control_url ==
          "http://10.0.0.7/x/ContentDirectoryService/control");
    auto base = parse("synthetic_edgecases/jupnp_uda10_withbase.xml", "http://10.0.0.7/d.xml");
    REQUIRE_FALSE(base.devices.empty());
    // URLBase "http://127.0.0.1:0/..." has port 0: not usable, the LOCATION is the base.
    REQUIRE_FALSE(base.devices[0].services.empty());
    CHECK(base.devices[0].services[0].control_url.rfind("http://10.0.0.7/", 0) == 0);
  }
}

TEST_CASE(
    "UPnP corpus: descriptions cut short recover the root device's fields (skips without corpus)",
    "[wire][upnp][corpus]") {
  auto dir = CorpusDir() / "upnp";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  int tried = 0;
  for (const char* sub :
       {"avm", "real_malformed", "routers", "synthetic_edgecases", "mediareceivers"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir / sub)) {
      std::string text = ReadFile(entry.path());
      auto full = ParseUpnpDescription(text, "http://10.0.0.7/d.xml");
      if (full.status != "ok" || full.devices[0].manufacturer.empty()) continue;
      // Cut right after the root's </modelName> (and after its manufacturer).
      auto model_end = text.find("</modelName>");
      auto manufacturer_end = text.find("</manufacturer>");
      if (model_end == std::string::npos || manufacturer_end == std::string::npos) continue;
      std::size_t cut = std::max(model_end, manufacturer_end) + 3;
      INFO(entry.path().filename().string() << " cut at " << cut);
      auto p = ParseUpnpDescription(std::string_view(text).substr(0, cut), "http://10.0.0.7/d.xml");
      CHECK(p.status == "partial");
      REQUIRE_FALSE(p.devices.empty());
      CHECK(p.devices[0].manufacturer == full.devices[0].manufacturer);
      CHECK(p.devices[0].model_name == full.devices[0].model_name);
      CHECK(p.devices[0].device_type == full.devices[0].device_type);
      ++tried;
    }
  }
  CHECK(tried >= 25);
}

TEST_CASE("UPnP description: a Latin-1 document declared as such", "[wire][upnp]") {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><root><device><deviceType>t</deviceType>"
      "<friendlyName>K\xfc"
      "che</friendlyName></device></root>";
  auto p = ParseUpnpDescription(xml, "http://10.0.0.7/d.xml");
  REQUIRE(p.devices.size() == 1);
  CHECK(p.devices[0].friendly_name ==
        "K\xc3\xbc"
        "che");
}
