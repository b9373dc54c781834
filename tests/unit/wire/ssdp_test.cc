#include "wire/ssdp.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/files.h"

using namespace netfix::wire;
using netfix::testing::CorpusDir;
using netfix::testing::ReadFile;

TEST_CASE("SSDP: a 200 OK response with CRLF lines", "[wire][ssdp]") {
  auto m = ParseSsdp(std::string_view(
      "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
      "LOCATION: http://192.168.178.1:49000/igddesc.xml\r\nSERVER: FRITZ!Box UPnP/1.0\r\n"
      "ST: upnp:rootdevice\r\nUSN: uuid:75802409::upnp:rootdevice\r\n"
      "BOOTID.UPNP.ORG: 7\r\n\r\n"));
  REQUIRE(m);
  CHECK(m->kind == SsdpKind::kResponse);
  CHECK(m->status_code == 200);
  CHECK(m->Get("location") == "http://192.168.178.1:49000/igddesc.xml");
  CHECK(m->Get("ext").empty());
  REQUIRE(m->Find("ext") != nullptr);
  auto s = ToSsdpMessage(*m, "response", "192.168.178.1", 1900, 12.5);
  CHECK(s.target == "upnp:rootdevice");
  CHECK(s.usn == "uuid:75802409::upnp:rootdevice");
  CHECK(s.server == "FRITZ!Box UPnP/1.0");
  CHECK(s.headers.count("bootid.upnp.org") == 1);
  CHECK(s.headers.count("cache-control") == 1);
  CHECK(s.headers.count("ext") == 0);       // dropped: no information
  CHECK(s.headers.count("location") == 0);  // has its own field
  CHECK(s.from_port == 1900);
  CHECK(s.after_ms == 12.5);
}

TEST_CASE("SSDP: sloppy devices", "[wire][ssdp]") {
  SECTION("LF-only lines, no final blank line, odd case, no space after the colon") {
    auto m = ParseSsdp(
        std::string_view("notify * http/1.1\nhost:239.255.255.250:1900\nNt:upnp:rootdevice\n"
                         "nTS:ssdp:byebye\nUSN:uuid:1::upnp:rootdevice"));
    REQUIRE(m);
    CHECK(m->kind == SsdpKind::kNotify);
    auto s = ToSsdpMessage(*m, "notify", "10.0.0.2", 1900, 0);
    CHECK(s.target == "upnp:rootdevice");
    CHECK(s.nts == "ssdp:byebye");
    CHECK(s.usn == "uuid:1::upnp:rootdevice");
  }
  SECTION("duplicate headers: the first counts, both are kept in order") {
    auto m = ParseSsdp(std::string_view(
        "HTTP/1.1 200 OK\r\nLOCATION: http://10.0.0.2/a.xml\r\nLocation: http://10.0.0.9/b.xml\r\n"
        "\r\n"));
    REQUIRE(m);
    CHECK(m->Get("location") == "http://10.0.0.2/a.xml");
    CHECK(m->headers.size() == 2);
  }
  SECTION("folded continuation lines, lines without a colon, trailing NULs") {
    std::string text =
        "HTTP/1.1 200 OK\r\nSERVER: Linux/3.x\r\n  UPnP/1.0\r\ngarbage line\r\n"
        "ST: ssdp:all";
    text += std::string(2, '\0') + "\r\n\r\n";
    auto m = ParseSsdp(std::string_view(text));
    REQUIRE(m);
    CHECK(m->Get("server") == "Linux/3.x UPnP/1.0");
    CHECK(m->Get("st") == "ssdp:all");
    CHECK(m->headers.size() == 2);
  }
  SECTION("a non-200 status is still a response") {
    auto m = ParseSsdp(std::string_view("HTTP/1.0 404 Not Found\r\n\r\n"));
    REQUIRE(m);
    CHECK(m->status_code == 404);
  }
  SECTION("not SSDP") {
    CHECK_FALSE(ParseSsdp(std::string_view("")));
    CHECK_FALSE(ParseSsdp(std::string_view("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    CHECK_FALSE(ParseSsdp(std::string_view("HTTP/1.1\r\n\r\n")));
    CHECK_FALSE(ParseSsdp(std::string_view("HTTP/1.1 2x0 OK\r\n\r\n")));
    const std::uint8_t junk[] = {0x00, 0xff, 0x13, 0x37, '\n', '\n'};
    CHECK_FALSE(ParseSsdp(Bytes(junk)));
  }
  SECTION("header count and value size are bounded") {
    std::string many = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 200; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
    many += "SERVER: " + std::string(5000, 'a') + "\r\n\r\n";
    auto m = ParseSsdp(std::string_view(many));
    REQUIRE(m);
    CHECK(m->headers.size() == 64);
    auto big = ParseSsdp(std::string_view("HTTP/1.1 200 OK\r\nSERVER: " + std::string(5000, 'a')));
    REQUIRE(big);
    CHECK(big->Get("server").size() == 1024);
  }
}

TEST_CASE("SSDP: M-SEARCH built by netfix reads back", "[wire][ssdp]") {
  std::string text = BuildMSearch("urn:schemas-upnp-org:device:InternetGatewayDevice:2", 1,
                                  "Linux UPnP/1.1 netfix/0.1");
  CHECK(text.substr(text.size() - 4) == "\r\n\r\n");
  auto m = ParseSsdp(std::string_view(text));
  REQUIRE(m);
  CHECK(m->kind == SsdpKind::kSearch);
  CHECK(m->Get("host") == "239.255.255.250:1900");
  CHECK(m->Get("man") == "\"ssdp:discover\"");
  CHECK(m->Get("mx") == "1");
  CHECK(m->Get("st") == "urn:schemas-upnp-org:device:InternetGatewayDevice:2");
  CHECK(m->Get("user-agent") == "Linux UPnP/1.1 netfix/0.1");
}

TEST_CASE("SSDP corpus: every captured payload (skips without ../shared/corpus)",
          "[wire][ssdp][corpus]") {
  auto dir = CorpusDir() / "ssdp";
  if (!std::filesystem::exists(dir)) {
    WARN("SKIPPED: corpus not found at " << dir.string());
    return;
  }
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".txt") continue;
    ++files;
    INFO(name);
    std::string text = ReadFile(entry.path());
    auto m = ParseSsdp(std::string_view(text));
    REQUIRE(m);
    SsdpKind expected = name.find("_msearch") != std::string::npos  ? SsdpKind::kSearch
                        : name.find("_notify") != std::string::npos ? SsdpKind::kNotify
                                                                    : SsdpKind::kResponse;
    CHECK(m->kind == expected);
    if (m->kind == SsdpKind::kSearch) {
      CHECK_FALSE(m->Get("st").empty());
      CHECK(m->Get("man") == "\"ssdp:discover\"");
    } else {
      auto s =
          ToSsdpMessage(*m, m->kind == SsdpKind::kNotify ? "notify" : "response", "x", 1900, 0);
      CHECK_FALSE(s.target.empty());
      CHECK_FALSE(s.usn.empty());
      CHECK(s.location.rfind("http://", 0) == 0);
      if (m->kind == SsdpKind::kNotify) CHECK(s.nts == "ssdp:alive");
      if (m->kind == SsdpKind::kResponse) CHECK(m->status_code == 200);
    }
    // Cut short anywhere: never a crash, and whatever parses is the same kind.
    for (std::size_t n = 0; n <= text.size(); ++n) {
      auto cut = ParseSsdp(std::string_view(text).substr(0, n));
      if (cut) CHECK(cut->kind == expected);
    }
  }
  CHECK(files == 39);

  SECTION("Chromecast-style DIAL response (anyconnect capture)") {
    auto m =
        ParseSsdp(std::string_view(ReadFile(dir / "ndpi_anyconnect-vpn_home_lan_01_response.txt")));
    REQUIRE(m);
    auto s = ToSsdpMessage(*m, "response", "10.0.0.149", 1900, 0);
    CHECK(s.location == "http://10.0.0.149:8008/ssdp/device-desc.xml");
    CHECK(s.target == "urn:dial-multiscreen-org:service:dial:1");
    CHECK(s.server == "Linux/3.8.13+, UPnP/1.0, Portable SDK for UPnP devices/1.6.18");
    CHECK(s.headers.at("bootid.upnp.org") == "472");
    CHECK(s.headers.at("x-user-agent") == "redsonic");
    CHECK(s.headers.at("01-nls") == "b3b10f6a-1dd1-11b2-b740-ae947939d308");
    CHECK(s.headers.count("date") == 0);
  }
  SECTION("MiniUPnPd NOTIFY with a 'lOCATION' header") {
    auto m =
        ParseSsdp(std::string_view(ReadFile(dir / "ndpi_starcraft_ssdp_epicentro_02_notify.txt")));
    REQUIRE(m);
    auto s = ToSsdpMessage(*m, "notify", "192.168.1.254", 1900, 0);
    CHECK(s.location == "http://192.168.1.254:57052/rootDesc0.xml");
    CHECK(s.target == "urn:schemas-upnp-org:device:InternetGatewayDevice:1");
    CHECK(s.server == "EPICENTRO UPnP/1.0 MiniUPnPd/1.6");
    CHECK(s.headers.at("configid.upnp.org") == "1337");
  }
  SECTION("M-SEARCH without spaces after the colons (eapon1)") {
    auto m = ParseSsdp(std::string_view(ReadFile(dir / "eapon1_00_msearch.txt")));
    REQUIRE(m);
    CHECK(m->Get("st") == "urn:schemas-upnp-org:device:InternetGatewayDevice:1");
    CHECK(m->Get("mx") == "3");
  }
}
