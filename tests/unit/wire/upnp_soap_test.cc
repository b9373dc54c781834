#include "wire/upnp_soap.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/files.h"
#include "wire/upnp_url.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadFile;

namespace {

std::string Fault(int code, const std::string& description) {
  return "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
         "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring>"
         "<detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" +
         std::to_string(code) + "</errorCode><errorDescription>" + description +
         "</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>";
}

}  // namespace

TEST_CASE("SOAP: the request netfix sends", "[wire][upnp][soap]") {
  std::string body = BuildSoapRequest("urn:schemas-upnp-org:service:WANIPConnection:1",
                                      "GetGenericPortMappingEntry", {{"NewPortMappingIndex", "3"}});
  CHECK(body.find("<u:GetGenericPortMappingEntry "
                  "xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:1\">"
                  "<NewPortMappingIndex>3</NewPortMappingIndex></u:GetGenericPortMappingEntry>") !=
        std::string::npos);
  CHECK(body.find("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"") !=
        std::string::npos);
  CHECK(SoapActionValue("urn:schemas-upnp-org:service:WANIPConnection:1", "GetStatusInfo") ==
        "\"urn:schemas-upnp-org:service:WANIPConnection:1#GetStatusInfo\"");
  std::string escaped = BuildSoapRequest("urn:x", "A", {{"N", "<&>\"'"}});
  CHECK(escaped.find("<N>&lt;&amp;&gt;&quot;&apos;</N>") != std::string::npos);
}

TEST_CASE("SOAP: responses and faults", "[wire][upnp][soap]") {
  SECTION("a fault with a UPnP error code") {
    auto r =
        ParseSoapResponse(Fault(713, "SpecifiedArrayIndexInvalid"), "GetGenericPortMappingEntry");
    CHECK(r.kind == SoapResponse::Kind::kFault);
    CHECK(r.error_code == kUpnpErrorSpecifiedArrayIndexInvalid);
    CHECK(r.error_description == "SpecifiedArrayIndexInvalid");
    CHECK(DescribeSoapFailure(r) == "UPnP error 713 (SpecifiedArrayIndexInvalid)");
  }
  SECTION("a fault without UPnPError detail") {
    auto r = ParseSoapResponse(
        "<Envelope><Body><Fault><faultcode>Server</faultcode><faultstring>Internal</faultstring>"
        "</Fault></Body></Envelope>",
        "GetStatusInfo");
    CHECK(r.kind == SoapResponse::Kind::kFault);
    CHECK(r.error_code == 0);
    CHECK(DescribeSoapFailure(r) == "SOAP fault (Internal)");
  }
  SECTION("a response for another action") {
    auto r =
        ParseSoapResponse("<s:Envelope><s:Body><u:GetStatusInfoResponse/></s:Body></s:Envelope>",
                          "GetExternalIPAddress");
    CHECK(r.kind == SoapResponse::Kind::kInvalid);
    CHECK(r.note == "unexpected <u:GetStatusInfoResponse> in the SOAP body");
  }
  SECTION("a response cut off after the wanted value") {
    auto r = ParseSoapResponse(
        "<s:Envelope><s:Body><u:GetExternalIPAddressResponse><NewExternalIPAddress>62.1.0.2"
        "</NewExternalIPAddress>",
        "GetExternalIPAddress");
    CHECK(r.kind == SoapResponse::Kind::kResult);
    CHECK(r.Get("NewExternalIPAddress") == "62.1.0.2");
    CHECK(r.note.find("XML: ") == 0);
  }
  SECTION("HTML, empty, binary") {
    CHECK(ParseSoapResponse("<html><body>500</body></html>", "X").kind ==
          SoapResponse::Kind::kInvalid);
    CHECK(ParseSoapResponse("", "X").note == "empty SOAP body");
    CHECK(ParseSoapResponse(std::string("\0\xff<<", 4), "X").kind == SoapResponse::Kind::kInvalid);
  }
  SECTION("a port mapping entry") {
    auto r = ParseSoapResponse(
        "<s:Envelope><s:Body><u:GetGenericPortMappingEntryResponse>"
        "<NewRemoteHost></NewRemoteHost><NewExternalPort>18080</NewExternalPort>"
        "<NewProtocol>tcp</NewProtocol><NewInternalPort>8080</NewInternalPort>"
        "<NewInternalClient>192.168.178.67</NewInternalClient><NewEnabled>1</NewEnabled>"
        "<NewPortMappingDescription>libminiupnpc</NewPortMappingDescription>"
        "<NewLeaseDuration>3600</NewLeaseDuration>"
        "</u:GetGenericPortMappingEntryResponse></s:Body></s:Envelope>",
        "GetGenericPortMappingEntry");
    auto m = PortMappingFromSoap(r);
    REQUIRE(m);
    CHECK(m->protocol == "TCP");
    CHECK(m->external_port == 18080);
    CHECK(m->internal_port == 8080);
    CHECK(m->internal_client == "192.168.178.67");
    CHECK(m->remote_host.empty());
    CHECK(m->enabled);
    CHECK(m->lease_s == 3600);
    CHECK(m->description == "libminiupnpc");
    auto bad = ParseSoapResponse(
        "<Envelope><Body><GetGenericPortMappingEntryResponse><NewExternalPort>99999</"
        "NewExternalPort>"
        "<NewEnabled>0</NewEnabled><NewLeaseDuration>-1</NewLeaseDuration>"
        "</GetGenericPortMappingEntryResponse></Body></Envelope>",
        "GetGenericPortMappingEntry");
    auto b = PortMappingFromSoap(bad);
    REQUIRE(b);
    CHECK(b->external_port == 0);  // out of range
    CHECK_FALSE(b->enabled);
    CHECK(b->lease_s == 0);
    CHECK_FALSE(
        PortMappingFromSoap(ParseSoapResponse(Fault(714, "x"), "GetGenericPortMappingEntry")));
  }
}

TEST_CASE("SOAP corpus: miniupnpc's replies and broken bodies (skips without corpus)",
          "[wire][upnp][soap][corpus]") {
  auto dir = CorpusDir() / "upnp";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  auto ip =
      ParseSoapResponse(ReadFile(dir / "soap/GetExternalIPAddress.xml"), "GetExternalIPAddress");
  CHECK(ip.kind == SoapResponse::Kind::kResult);
  CHECK(ip.Get("NewExternalIPAddress") == "1.2.3.4");
  CHECK(ip.note.empty());

  auto entry = ParseSoapResponse(ReadFile(dir / "soap/GetSpecificPortMappingEntryResp.xml"),
                                 "GetSpecificPortMappingEntry");
  auto m = PortMappingFromSoap(entry);
  REQUIRE(m);
  CHECK(m->internal_client == "192.168.10.110");
  CHECK(m->internal_port == 12345);
  CHECK(m->description == "libminiupnpc");
  CHECK(m->enabled);
  CHECK(m->lease_s == 0);

  // Requests are not responses.
  CHECK(ParseSoapResponse(ReadFile(dir / "soap/DeletePortMapping.xml"), "DeletePortMapping").kind ==
        SoapResponse::Kind::kInvalid);
  auto invalid = ParseSoapResponse(ReadFile(dir / "soap/invalid.xml"), "GetExternalIPAddress");
  CHECK(invalid.kind == SoapResponse::Kind::kInvalid);
  CHECK(invalid.note.find("not readable as XML") == 0);

  auto status = ParseSoapResponse(
      ReadFile(dir / "synthetic_edgecases/igd_action_GetStatusInfoInvalidUptime.xml"),
      "GetStatusInfo");
  CHECK(status.kind == SoapResponse::Kind::kResult);
  CHECK(status.Get("NewConnectionStatus") == "Connected");
  CHECK(status.Get("NewUptime") == "0 Days, 01:00:00");

  // Naim Unity's GetPositionInfo answer embeds an "<?xml" declaration in
  // TrackMetaData: the values before it are kept, other actions find nothing.
  std::string naim = ReadFile(dir / "real_malformed/soap_naim_unity_broken.xml");
  auto position = ParseSoapResponse(naim, "GetPositionInfo");
  INFO(position.note);
  CHECK(position.kind == SoapResponse::Kind::kResult);
  CHECK(position.Get("Track") == "1");
  CHECK(position.Get("TrackDuration") == "0:03:12");
  CHECK(ParseSoapResponse(naim, "GetExternalIPAddress").kind == SoapResponse::Kind::kInvalid);
}

TEST_CASE("UPnP URLs: parsing and resolving", "[wire][upnp][url]") {
  auto u = ParseHttpUrl("http://192.168.178.1:49000/igddesc.xml");
  REQUIRE(u);
  CHECK(u->host == "192.168.178.1");
  CHECK(u->port == 49000);
  CHECK(u->path == "/igddesc.xml");
  auto v6 = ParseHttpUrl("HTTP://[fe80::1]:80");
  REQUIRE(v6);
  CHECK(v6->scheme == "http");
  CHECK(v6->host == "fe80::1");
  CHECK(v6->path == "/");
  CHECK(v6->ToString() == "http://[fe80::1]/");
  CHECK(ParseHttpUrl("http://host?x=1")->path == "/?x=1");
  for (const char* bad :
       {"", "ftp://x/", "http://", "http://:80/", "http://a b/", "http://x:0/", "http://x:65536/",
        "http://x:8o/", "http://user@10.0.0.1/", "/desc.xml", "http://[fe80::1/"})
    CHECK_FALSE(ParseHttpUrl(bad));

  const std::string base = "http://10.0.0.2:8080/dev/desc.xml?v=1";
  CHECK(ResolveUrl(base, "/ctl") == "http://10.0.0.2:8080/ctl");
  CHECK(ResolveUrl(base, "ctl") == "http://10.0.0.2:8080/dev/ctl");
  CHECK(ResolveUrl(base, "../ctl") == "http://10.0.0.2:8080/ctl");
  CHECK(ResolveUrl(base, "../../../ctl") == "http://10.0.0.2:8080/ctl");
  CHECK(ResolveUrl(base, "./a/./b/../c") == "http://10.0.0.2:8080/dev/a/c");
  CHECK(ResolveUrl(base, "?q") == "http://10.0.0.2:8080/dev/desc.xml?q");
  CHECK(ResolveUrl(base, "//10.0.0.9/x") == "http://10.0.0.9/x");
  CHECK(ResolveUrl(base, "http://10.0.0.3/abs") == "http://10.0.0.3/abs");
  CHECK(ResolveUrl(base, "  /trimmed \n") == "http://10.0.0.2:8080/trimmed");
  CHECK(ResolveUrl(base, "").empty());
  CHECK(ResolveUrl("not a url", "/x").empty());
  CHECK(ResolveUrl("http://10.0.0.2:8080", "x") == "http://10.0.0.2:8080/x");
}
