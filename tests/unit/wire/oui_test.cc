#include "wire/oui.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/files.h"

using namespace netfix::wire;

TEST_CASE("OUI: ieee-data CSV with quoted fields", "[wire][oui]") {
  auto table = OuiTable::ParseCsv(
      "Registry,Assignment,Organization Name,Organization Address\n"
      "MA-L,3CA62F,AVM Audiovisuelles Marketing und Computersysteme GmbH,Alt-Moabit 95 Berlin DE\n"
      "MA-L,F4BD9E,\"Cisco Systems, Inc\",80 West Tasman Drive San Jose CA US 94568 \r\n"
      "MA-L,5885E9,Realme,\"No.24 Nichang Boulevard,\nChongqing CN \"\n"
      "MA-L,00000G,Bad Hex,x\n"
      "MA-M,ABCDEF1,Medium Block,x\n"
      "MA-L,001132,\"  Synology \"\"Inc.\"\"  \",Taipei\n"
      "\n"
      "MA-L,AABB\n");
  CHECK(table.size() == 4);
  CHECK(table.skipped_rows() == 3);
  CHECK(table.Lookup(*ParseMac("3c:a6:2f:10:00:01")) ==
        "AVM Audiovisuelles Marketing und Computersysteme GmbH");
  CHECK(table.Lookup(*ParseMac("f4:bd:9e:00:00:01")) == "Cisco Systems, Inc");
  CHECK(table.Lookup(*ParseMac("58:85:e9:00:00:01")) == "Realme");  // quoted newline in address
  CHECK(table.Lookup(*ParseMac("00:11:32:11:13:13")) == "Synology \"Inc.\"");
  CHECK_FALSE(table.Lookup(*ParseMac("00:00:00:00:00:01")));
}

TEST_CASE("OUI: locally administered MACs have no vendor", "[wire][oui]") {
  auto table = OuiTable::ParseCsv("MA-L,3EA62F,Someone,x\n");
  CHECK(table.Lookup(0x3ea62fu) == "Someone");
  CHECK_FALSE(table.Lookup(*ParseMac("3e:a6:2f:00:00:01")));
}

TEST_CASE("OUI: garbage and empty input", "[wire][oui]") {
  CHECK(OuiTable::ParseCsv("").size() == 0);
  CHECK(OuiTable::ParseCsv("\"unterminated,MA-L,3CA62F,AVM\n").size() == 0);
  CHECK(OuiTable::ParseCsv(std::string(1000, ',')).size() == 0);
}

TEST_CASE("OUI: the installed ieee-data list (skips when ieee-data is absent)", "[wire][oui]") {
  std::filesystem::path path = "/usr/share/ieee-data/oui.csv";
  if (!std::filesystem::exists(path)) {
    WARN("SKIPPED: " << path.string() << " not installed");
    return;
  }
  auto table = OuiTable::ParseCsv(netfix::testing::ReadFile(path));
  CHECK(table.size() > 20000);
  CHECK(table.skipped_rows() == 0);
  CHECK(table.Lookup(*ParseMac("3c:a6:2f:10:00:01")).value_or("").rfind("AVM", 0) == 0);
  CHECK(table.Lookup(*ParseMac("f0:d5:bf:4e:46:58")) == "Intel Corporate");
}
