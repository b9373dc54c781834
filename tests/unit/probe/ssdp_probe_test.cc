#include "probe/ssdp_probe.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "probe/scan_runner.h"
#include "support/fake_system.h"
#include "support/files.h"
#include "wire/ssdp.h"
#include "wire/upnp_soap.h"

using namespace netfix;
using namespace netfix::probe;
using namespace netfix::testing;
using namespace std::chrono_literals;

namespace {

// A device on the fake link: what it answers M-SEARCH with.
struct SsdpDevice {
  std::string ip;
  std::string uuid;
  std::string location;
  std::vector<std::string> types;  ///< NTs it has (answers ssdp:all with all of them)
  std::string server = "Linux/5.4 UPnP/1.0 test/1";
};

std::string Response(const SsdpDevice& d, const std::string& st) {
  return "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: " + d.location +
         "\r\nSERVER: " + d.server + "\r\nST: " + st + "\r\nUSN: uuid:" + d.uuid + "::" + st +
         "\r\n\r\n";
}

MulticastResponder Answering(std::vector<SsdpDevice> devices) {
  return [devices](const SentDatagram& sent) {
    std::vector<FakeDatagram> out;
    auto m = wire::ParseSsdp(sent.bytes);
    if (!m || m->kind != wire::SsdpKind::kSearch) return out;
    std::string st = m->Get("st");
    int n = 0;
    for (const auto& d : devices)
      for (const auto& t : d.types)
        if (st == "ssdp:all" || st == t)
          out.push_back(
              {std::chrono::milliseconds(2 + (n++ % 7)), d.ip, 1900, BytesOf(Response(d, t))});
    return out;
  };
}

std::string DeviceXml(const std::string& type, const std::string& name,
                      const std::string& services = "", const std::string& extra = "") {
  return "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">" + extra +
         "<device><deviceType>" + type + "</deviceType><friendlyName>" + name +
         "</friendlyName><manufacturer>Maker</manufacturer><modelName>" + name +
         "</modelName><UDN>uuid:" + name + "</UDN><serviceList>" + services +
         "</serviceList></device></root>";
}

std::string IgdXml(const std::string& control, const std::string& extra = "") {
  return "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">" + extra +
         "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:2</deviceType>"
         "<friendlyName>FRITZ!Box 7590</friendlyName><manufacturer>AVM Berlin</manufacturer>"
         "<modelName>FRITZ!Box 7590</modelName><UDN>uuid:igd</UDN><deviceList><device>"
         "<deviceType>urn:schemas-upnp-org:device:WANDevice:2</deviceType><UDN>uuid:wan</UDN>"
         "<deviceList><device>"
         "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:2</deviceType>"
         "<UDN>uuid:wanconn</UDN><serviceList><service>"
         "<serviceType>urn:schemas-upnp-org:service:WANIPConnection:2</serviceType>"
         "<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>"
         "<controlURL>" +
         control +
         "</controlURL><SCPDURL>/WANIPCn.xml</SCPDURL></service></serviceList>"
         "</device></deviceList></device></deviceList></device></root>";
}

std::string SoapOk(const std::string& action,
                   const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out =
      "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
      "<s:Body><u:" +
      action + "Response xmlns:u=\"urn:schemas-upnp-org:service:WANIPConnection:2\">";
  for (const auto& [k, v] : values) out += "<" + k + ">" + v + "</" + k + ">";
  return out + "</u:" + action + "Response></s:Body></s:Envelope>";
}

FakeHttpReply SoapFault(int code, const std::string& description) {
  FakeHttpReply r;
  r.status = 500;
  r.body =
      "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
      "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring>"
      "<detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\"><errorCode>" +
      std::to_string(code) + "</errorCode><errorDescription>" + description +
      "</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>";
  return r;
}

std::string ActionOf(const FakeHttpRequest& r) {
  for (const auto& [name, value] : r.headers)
    if (name == "SOAPAction")
      return value.substr(value.find('#') + 1, value.size() - value.find('#') - 2);
  return "";
}

struct GatewayBehaviour {
  int mappings = 2;                 ///< entries before 713
  bool refuse_external_ip = false;  ///< AVM with "changes by UPnP" off: 606
  bool endless = false;             ///< never says 713
};

FakeHttpServer::Handler Gateway(GatewayBehaviour b) {
  return [b](const FakeHttpRequest& r) {
    FakeHttpReply ok;
    std::string action = ActionOf(r);
    if (action == "GetExternalIPAddress") {
      if (b.refuse_external_ip) return SoapFault(606, "Action not authorized");
      ok.body = SoapOk(action, {{"NewExternalIPAddress", "62.1.0.2"}});
    } else if (action == "GetStatusInfo") {
      ok.body = SoapOk(
          action, {{"NewConnectionStatus", "Connected"}, {"NewLastConnectionError", "ERROR_NONE"}});
    } else if (action == "GetGenericPortMappingEntry") {
      auto at = r.body.find("<NewPortMappingIndex>");
      int index = std::stoi(r.body.substr(at + 21));
      if (index >= b.mappings && !b.endless) return SoapFault(713, "SpecifiedArrayIndexInvalid");
      ok.body = SoapOk(action, {{"NewRemoteHost", ""},
                                {"NewExternalPort", std::to_string(18080 + index)},
                                {"NewProtocol", "TCP"},
                                {"NewInternalPort", "8080"},
                                {"NewInternalClient", "192.168.178.67"},
                                {"NewEnabled", "1"},
                                {"NewPortMappingDescription", "upnpc " + std::to_string(index)},
                                {"NewLeaseDuration", "0"}});
    } else {
      return SoapFault(401, "Invalid Action");
    }
    return ok;
  };
}

SsdpTiming Quick() {
  SsdpTiming t;
  t.window = 120ms;
  t.resend_after = 30ms;
  t.fetch_grace = 2000ms;
  return t;
}

io::MulticastSocketOptions Lan() {
  return {"lan0", 3, "192.168.178.67", 2};
}

const model::UpnpDescription* Description(const model::SsdpResult& r, const std::string& ip) {
  for (const auto& d : r.descriptions)
    if (d.from_ip == ip) return &d;
  return nullptr;
}

const std::string kRouterDesc = "http://192.168.178.1:49000/igddesc.xml";
const std::string kRouterControl = "http://192.168.178.1:49000/ctl/IPConn";
const SsdpDevice kRouter{"192.168.178.1",
                         "igd",
                         kRouterDesc,
                         {"upnp:rootdevice", "urn:schemas-upnp-org:device:InternetGatewayDevice:2",
                          "urn:schemas-upnp-org:service:WANIPConnection:2"}};
const SsdpDevice kTv{"192.168.178.30",
                     "tv",
                     "http://192.168.178.30:49494/desc.xml",
                     {"upnp:rootdevice", "urn:schemas-upnp-org:device:MediaRenderer:1",
                      "urn:dial-multiscreen-org:service:dial:1"}};

}  // namespace

TEST_CASE("SSDP probe: searches, fetches each description once, asks the gateway",
          "[probe][ssdp]") {
  FakeSystem system;
  system.multicast_responder = Answering({kRouter, kTv});
  system.http->Serve(kRouterDesc, {200, IgdXml("/ctl/IPConn")});
  system.http->Handle(kRouterControl, Gateway({}));
  system.http->Serve(kTv.location,
                     {200, DeviceXml("urn:schemas-upnp-org:device:MediaRenderer:1", "TV")});
  std::atomic<bool> cancel{false};
  auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);

  // Every search target twice, to the group, MX 1.
  auto sent = system.multicast_log->sent();
  REQUIRE(sent.size() == 2 * SsdpSearchTargets().size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    CHECK(sent[i].to_ip == "239.255.255.250");
    CHECK(sent[i].to_port == 1900);
    auto m = wire::ParseSsdp(sent[i].bytes);
    REQUIRE(m);
    CHECK(m->kind == wire::SsdpKind::kSearch);
    CHECK(m->Get("mx") == "1");
    CHECK(m->Get("st") == SsdpSearchTargets()[i % SsdpSearchTargets().size()]);
  }
  CHECK(SsdpSearchTargets().front() == "ssdp:all");

  const auto& r = out.result;
  CHECK(r.messages.size() == 6);  // 3 types x 2 devices; repeats dropped
  for (const auto& m : r.messages) {
    CHECK(m.how == "response");
    CHECK(m.from_port == 1900);
    CHECK_FALSE(m.usn.empty());
  }
  CHECK(system.http->RequestsTo(kRouterDesc) == 1);
  CHECK(system.http->RequestsTo(kTv.location) == 1);
  REQUIRE(r.descriptions.size() == 2);
  CHECK(r.descriptions[0].from_ip == "192.168.178.1");  // sorted by address
  CHECK(r.descriptions[0].status == "ok");
  CHECK(r.descriptions[0].http_status == 200);
  CHECK(r.descriptions[0].devices.size() == 3);
  CHECK(r.descriptions[1].devices[0].friendly_name == "TV");
  REQUIRE(r.gateways.size() == 1);
  const auto& g = r.gateways[0];
  CHECK(g.from_ip == "192.168.178.1");
  CHECK(g.control_url == kRouterControl);
  CHECK(g.service_type == "urn:schemas-upnp-org:service:WANIPConnection:2");
  CHECK(g.external_ip == "62.1.0.2");
  CHECK(g.connection_status == "Connected");
  CHECK(g.error.empty());
  REQUIRE(g.port_mappings.size() == 2);
  CHECK(g.port_mappings[1].external_port == 18081);
  CHECK(g.port_mappings[1].internal_client == "192.168.178.67");
  CHECK(g.port_mappings[1].description == "upnpc 1");
  CHECK(out.record.id == "ssdp");
  CHECK(out.record.status == model::ProbeStatus::kOk);
  CHECK(out.record.reason ==
        "2 hosts answered (6 responses), 2 descriptions (0 partial, 0 failed), 1 gateway "
        "(external address 62.1.0.2)");
  CHECK_FALSE(out.cancelled);
}

TEST_CASE("SSDP probe: HTTP only to the responder's own address, within limits", "[probe][ssdp]") {
  FakeSystem system;
  auto device = [](const std::string& ip, const std::string& location) {
    return SsdpDevice{ip, ip, location, {"upnp:rootdevice"}};
  };
  system.multicast_responder = Answering({
      device("192.168.178.40", "http://192.168.178.99/desc.xml"),
      device("192.168.178.41", "http://192.168.178.41/moved.xml"),
      device("192.168.178.42", "http://192.168.178.42/huge.xml"),
      device("192.168.178.43", "http://192.168.178.43/slow.xml"),
      device("192.168.178.44", "http://192.168.178.44/broken.xml"),
      device("192.168.178.45", "https://192.168.178.45/desc.xml"),
      device("192.168.178.46", "http://tv.local:8080/desc.xml"),
      device("192.168.178.47", "http://192.168.178.47/igd.xml"),
      device("192.168.178.48", "http://192.168.178.48/missing.xml"),
      device("192.168.178.49", "not a url"),
      device("192.168.178.50", "http://192.168.178.50/cut.xml"),
  });
  system.http->Serve("http://192.168.178.99/desc.xml", {200, DeviceXml("t", "elsewhere")});
  FakeHttpReply redirect{302, "", "http://10.0.0.9/x.xml"};
  system.http->Serve("http://192.168.178.41/moved.xml", redirect);
  system.http->Serve("http://10.0.0.9/x.xml", {200, DeviceXml("t", "evil")});
  std::string huge = DeviceXml("urn:schemas-upnp-org:device:MediaServer:1", "NAS");
  huge.insert(huge.find("<serviceList>"), "<x>" + std::string(300 * 1024, 'x') + "</x>");
  system.http->Serve("http://192.168.178.42/huge.xml", {200, huge});
  FakeHttpReply slow{200, DeviceXml("t", "slow")};
  slow.delay = 5s;
  system.http->Serve("http://192.168.178.43/slow.xml", slow);
  std::string broken = DeviceXml("urn:schemas-upnp-org:device:MediaRenderer:1", "Receiver");
  broken.replace(broken.find("</manufacturer>"), 15, "<manufacturer>");
  system.http->Serve("http://192.168.178.44/broken.xml", {200, broken});
  system.http->Serve("http://192.168.178.47/igd.xml",
                     {200, IgdXml("/ctl", "<URLBase>http://10.0.0.9:5000/</URLBase>")});
  system.http->Handle("http://10.0.0.9:5000/ctl", Gateway({}));
  system.http->Serve("http://192.168.178.48/missing.xml", {404, "not found"});
  FakeHttpReply cut{200, DeviceXml("urn:schemas-upnp-org:device:MediaServer:1", "Cut")};
  cut.body.resize(cut.body.find("<UDN>"));  // the connection dropped mid-body
  cut.fail = io::HttpErrorKind::kProtocol;
  system.http->Serve("http://192.168.178.50/cut.xml", cut);

  std::atomic<bool> cancel{false};
  auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);
  const auto& r = out.result;
  REQUIRE(r.descriptions.size() == 11);
  auto check = [&](const std::string& ip, const std::string& status, const std::string& error) {
    INFO(ip);
    auto* d = Description(r, ip);
    REQUIRE(d);
    CHECK(d->status == status);
    CHECK(d->error == error);
    return d;
  };
  check("192.168.178.40", "failed",
        "LOCATION points to another host (192.168.178.99), not fetched");
  check("192.168.178.41", "failed", "redirect refused (HTTP 302 to http://10.0.0.9/x.xml)");
  auto* big = Description(r, "192.168.178.42");
  REQUIRE(big);
  CHECK(big->status == "partial");
  CHECK(big->error.rfind("body cut at 256 KiB; XML: ", 0) == 0);
  CHECK(big->bytes == 256 * 1024);
  REQUIRE_FALSE(big->devices.empty());
  CHECK(big->devices[0].device_type == "urn:schemas-upnp-org:device:MediaServer:1");
  check("192.168.178.43", "failed",
        "GET http://192.168.178.43/slow.xml: no complete answer within 1000 ms");
  auto* receiver = Description(r, "192.168.178.44");
  REQUIRE(receiver);
  CHECK(receiver->status == "partial");
  CHECK(receiver->devices[0].friendly_name == "Receiver");
  check("192.168.178.45", "failed",
        "LOCATION 'https://192.168.178.45/desc.xml' is not plain http, not fetched");
  check("192.168.178.46", "failed", "LOCATION points to another host (tv.local), not fetched");
  check("192.168.178.47", "ok", "");
  check("192.168.178.48", "failed", "HTTP 404");
  check("192.168.178.49", "failed", "LOCATION 'not a url' is not an http URL, not fetched");
  auto* cut_off = Description(r, "192.168.178.50");
  REQUIRE(cut_off);
  CHECK(cut_off->status == "partial");
  CHECK(cut_off->error.rfind(
            "body incomplete (GET http://192.168.178.50/cut.xml: fake failure); XML: ", 0) == 0);
  REQUIRE(cut_off->devices.size() == 1);
  CHECK(cut_off->devices[0].model_name == "Cut");

  // Nothing went anywhere but to the responders themselves.
  CHECK_FALSE(system.http->Requested("192.168.178.99"));
  CHECK_FALSE(system.http->Requested("10.0.0.9"));
  CHECK_FALSE(system.http->Requested("tv.local"));
  for (const auto& request : system.http->requests()) {
    bool own = false;
    for (int i = 40; i <= 50; ++i)
      own = own || request.url.rfind("http://192.168.178." + std::to_string(i) + "/", 0) == 0;
    CHECK(own);
  }
  REQUIRE(r.gateways.size() == 1);
  CHECK(r.gateways[0].error == "controlURL points to another host (10.0.0.9), not called");
  CHECK(r.gateways[0].external_ip.empty());
  CHECK(out.record.reason ==
        "11 hosts answered (11 responses), 11 descriptions (3 partial, 7 failed), 1 gateway");
}

TEST_CASE("SSDP probe: a gateway that refuses some actions keeps what worked", "[probe][ssdp]") {
  FakeSystem system;
  system.multicast_responder = Answering({kRouter});
  system.http->Serve(kRouterDesc, {200, IgdXml("/ctl/IPConn")});
  SECTION("606 for GetExternalIPAddress (AVM with UPnP changes switched off)") {
    system.http->Handle(kRouterControl, Gateway({1, true, false}));
    std::atomic<bool> cancel{false};
    auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);
    REQUIRE(out.result.gateways.size() == 1);
    const auto& g = out.result.gateways[0];
    CHECK(g.external_ip.empty());
    CHECK(g.connection_status == "Connected");
    CHECK(g.port_mappings.size() == 1);
    CHECK(g.error == "GetExternalIPAddress: UPnP error 606 (Action not authorized)");
    CHECK(out.record.reason.find("1 gateway") != std::string::npos);
  }
  SECTION("a list that never ends is read up to the bound") {
    system.http->Handle(kRouterControl, Gateway({0, false, true}));
    SsdpTiming timing = Quick();
    timing.upnp.max_port_mappings = 5;
    std::atomic<bool> cancel{false};
    auto out = RunSsdpProbe(system, Lan(), timing, cancel);
    REQUIRE(out.result.gateways.size() == 1);
    CHECK(out.result.gateways[0].port_mappings.size() == 5);
    CHECK(out.result.gateways[0].error == "GetGenericPortMappingEntry: stopped after 5 entries");
  }
  SECTION("a control URL that does not answer at all: no more calls after the first") {
    std::atomic<bool> cancel{false};
    auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);  // nothing serves the control URL
    REQUIRE(out.result.gateways.size() == 1);
    CHECK(out.result.gateways[0].error ==
          "GetExternalIPAddress: POST " + kRouterControl + ": Connection refused");
    CHECK(system.http->RequestsTo(kRouterControl) == 1);
  }
}

TEST_CASE("SSDP probe: what is not an answer, and failures of the socket", "[probe][ssdp]") {
  FakeSystem system;
  std::atomic<bool> cancel{false};
  SECTION("NOTIFYs, error statuses and junk are ignored and counted") {
    system.multicast_responder = [](const SentDatagram& sent) {
      std::vector<FakeDatagram> out;
      if (wire::ParseSsdp(sent.bytes)->Get("st") != "ssdp:all") return out;
      out.push_back(
          {3ms, "192.168.178.5", 1900,
           BytesOf("NOTIFY * HTTP/1.1\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n\r\n")});
      out.push_back({4ms, "192.168.178.6", 1900, BytesOf("HTTP/1.1 500 Oops\r\n\r\n")});
      out.push_back({5ms, "192.168.178.7", 1900, {0x00, 0x01, 0x02}});
      return out;
    };
    auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);
    CHECK(out.result.messages.empty());
    CHECK(out.record.status == model::ProbeStatus::kOk);
    CHECK(out.record.reason == "no UPnP device answered; 6 other datagrams ignored");
  }
  SECTION("no socket") {
    system.multicast_error =
        io::Error{io::ErrorKind::kOther, "cannot open a UDP socket on 'lan0': x"};
    auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);
    CHECK(out.record.status == model::ProbeStatus::kFailed);
    CHECK(out.record.reason == "cannot open a UDP socket on 'lan0': x");
  }
  SECTION("no route for multicast") {
    system.multicast_fail_sends = true;
    auto out = RunSsdpProbe(system, Lan(), Quick(), cancel);
    CHECK(out.record.status == model::ProbeStatus::kFailed);
    CHECK(out.record.reason ==
          "cannot send M-SEARCH: cannot send to 239.255.255.250: Network is unreachable");
  }
  SECTION("cancelled: returns at once and says so") {
    system.multicast_responder = Answering({kRouter});
    cancel = true;
    auto start = std::chrono::steady_clock::now();
    SsdpTiming slow = Quick();
    slow.window = 5s;
    auto out = RunSsdpProbe(system, Lan(), slow, cancel);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK(out.cancelled);
  }
}

TEST_CASE("SSDP probe: the LanProbe shell", "[probe][ssdp]") {
  auto system = std::make_shared<FakeSystem>();
  system->multicast_responder = Answering({kTv});
  system->http->Serve(kTv.location, {200, DeviceXml("urn:x:device:MediaRenderer:1", "TV")});
  ScanOptions options;
  ScanTuning tuning;
  tuning.ssdp = Quick();
  model::Snapshot base;
  model::Interface lan0;
  lan0.name = "lan0";
  lan0.index = 7;
  base.interfaces.push_back(lan0);
  InterfaceChoice choice;
  choice.name = "lan0";
  std::atomic<bool> cancel{false}, active_done{false};
  std::atomic<int> devices_found{0};
  LanContext context{*system, options, tuning, base, choice, cancel, active_done, devices_found};

  auto probe = MakeSsdpProbe();
  CHECK(std::string(probe->id()) == "ssdp");
  choice.reason = "lan0 has no IPv4 address";
  auto skipped = probe->Precheck(context);
  REQUIRE(skipped);
  CHECK(skipped->status == model::ProbeStatus::kSkipped);
  CHECK(skipped->reason == "lan0 has no IPv4 address");

  choice.lan = LanInterface{"lan0", std::nullopt, *wire::ParseIpv4("192.168.178.67"), 24};
  CHECK_FALSE(probe->Precheck(context));
  probe->Run(context);
  REQUIRE(system->multicast_opened.size() == 1);
  CHECK(system->multicast_opened[0].interface_index == 7);
  CHECK(system->multicast_opened[0].local_ipv4 == "192.168.178.67");
  CHECK(system->multicast_opened[0].ttl == 2);

  model::Snapshot snapshot;
  model::SsdpResult passive;  // the passive listener finished first
  passive.window_ms = 1500;
  passive.messages.push_back({"notify", "192.168.178.9", 1900, "upnp:rootdevice"});
  snapshot.measurements.ssdp = passive;
  DeviceTable devices;
  auto record = probe->Finish(LanStop{}, &snapshot, &devices);
  CHECK(record.status == model::ProbeStatus::kOk);
  REQUIRE(snapshot.measurements.ssdp);
  const auto& s = *snapshot.measurements.ssdp;
  CHECK(s.window_ms == 1500);
  REQUIRE(s.messages.size() == 4);
  CHECK(s.messages[0].how == "notify");  // kept, ours appended
  CHECK(s.messages[1].how == "response");
  CHECK(s.descriptions.size() == 1);

  auto stopped = MakeSsdpProbe();
  stopped->Run(context);
  model::Snapshot other;
  auto stop_record = stopped->Finish(LanStop{true, "interrupted"}, &other, &devices);
  CHECK(stop_record.status == model::ProbeStatus::kFailed);
  CHECK(stop_record.reason == "interrupted");
  CHECK(other.measurements.ssdp);  // what was seen is kept
}

TEST_CASE("SSDP probe: captured answers and genuine descriptions (skips without corpus)",
          "[probe][ssdp][corpus]") {
  auto corpus = CorpusDir();
  if (!std::filesystem::exists(corpus / "ssdp")) {
    WARN("SKIPPED: corpus not found at " << corpus.string());
    return;
  }
  FakeSystem system;
  // A Chromecast-like and a Roku (nDPI's anyconnect capture), a FRITZ!Box.
  std::string cast = ReadFile(corpus / "ssdp/ndpi_anyconnect-vpn_home_lan_01_response.txt");
  std::string roku = ReadFile(corpus / "ssdp/ndpi_anyconnect-vpn_home_lan_02_response.txt");
  std::string fritz =
      "HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.1:49000/igddesc.xml\r\nSERVER: FRITZ!Box 7590 "
      "UPnP/1.0 AVM FRITZ!Box 7590 154.07.57\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
      "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n"
      "USN: uuid:75802409-bccb-just-a-test-udn::urn:schemas-upnp-org:device:InternetGatewayDevice:1"
      "\r\n\r\n";
  system.multicast_responder = [&](const SentDatagram& sent) {
    std::vector<FakeDatagram> out;
    std::string st = wire::ParseSsdp(sent.bytes)->Get("st");
    if (st == "ssdp:all" || st == "urn:dial-multiscreen-org:service:dial:1") {
      out.push_back({4ms, "10.0.0.149", 1900, BytesOf(cast)});
      out.push_back({6ms, "10.0.0.151", 1900, BytesOf(roku)});
    }
    if (st == "ssdp:all" || st == "urn:schemas-upnp-org:device:InternetGatewayDevice:1")
      out.push_back({2ms, "10.0.0.1", 1900, BytesOf(fritz)});
    return out;
  };
  system.http->Serve("http://10.0.0.149:8008/ssdp/device-desc.xml",
                     {200, ReadFile(corpus / "upnp/synthetic_edgecases/dmr_device.xml")});
  system.http->Serve("http://10.0.0.1:49000/igddesc.xml",
                     {200, ReadFile(corpus / "upnp/avm/fritzbox7590_igddesc.xml")});
  system.http->Handle("http://10.0.0.1:49000/igdupnp/control/WANIPConn1",
                      Gateway({0, true, false}));
  std::atomic<bool> cancel{false};
  auto out = RunSsdpProbe(system, {"lan0", 2, "10.0.0.67", 2}, Quick(), cancel);
  const auto& r = out.result;
  CHECK(r.messages.size() == 3);
  REQUIRE(r.descriptions.size() == 3);
  CHECK(r.descriptions[0].devices[0].manufacturer == "AVM Berlin");
  CHECK(r.descriptions[0].devices[0].model_name == "FRITZ!Box 7590");
  CHECK(r.descriptions[1].devices[0].friendly_name == "Dummy TV");
  CHECK(r.descriptions[2].status == "failed");
  CHECK(r.descriptions[2].error == "GET http://10.0.0.151:8060/dial/dd.xml: Connection refused");
  REQUIRE(r.gateways.size() == 1);
  CHECK(r.gateways[0].control_url == "http://10.0.0.1:49000/igdupnp/control/WANIPConn1");
  CHECK(r.gateways[0].error == "GetExternalIPAddress: UPnP error 606 (Action not authorized)");
  CHECK(r.gateways[0].connection_status == "Connected");
  bool roku_seen = false;
  for (const auto& m : r.messages)
    if (m.from_ip == "10.0.0.151") {
      roku_seen = true;
      CHECK(m.server == "Roku UPnP/1.0 Roku/9.1.0");
      CHECK(m.headers.at("wakeup") == "MAC=d8:31:34:20:77:fb;Timeout=10");
    }
  CHECK(roku_seen);
}
