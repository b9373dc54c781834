// The channel helpers of the Wi-Fi analysis: occupied spectrum, DFS,
// channel load and the quietest channel.
#include <catch2/catch.hpp>

#include "wifi/analysis.h"

using netfix::model::WifiBss;
namespace wifi = netfix::wifi;

namespace {

WifiBss Bss(int channel, int width, double dbm = -60, std::string bssid = "") {
  WifiBss b;
  b.bssid = std::move(bssid);
  b.channel = channel;
  b.band = channel <= 14 ? "2.4" : "5";
  b.frequency_mhz = netfix::model::FrequencyOf(channel, b.band);
  b.width_mhz = width;
  b.signal_dbm = dbm;
  return b;
}

}  // namespace

TEST_CASE("occupied spectrum follows the channel blocks of the width") {
  CHECK(wifi::Occupied(Bss(1, 20)).low == 2402);
  CHECK(wifi::Occupied(Bss(1, 20)).high == 2422);
  // 2.4 GHz: only the primary channel (the secondary's side is unknown).
  CHECK(wifi::Occupied(Bss(6, 40)).low == 2427);
  CHECK(wifi::Occupied(Bss(6, 40)).high == 2447);
  // 80 MHz on 44 is the block 36-48.
  CHECK(wifi::Occupied(Bss(44, 80)).low == 5170);
  CHECK(wifi::Occupied(Bss(44, 80)).high == 5250);
  CHECK(wifi::Occupied(Bss(112, 80)).low == 5490);
  CHECK(wifi::Occupied(Bss(36, 160)).high == 5330);
  CHECK(wifi::Occupied(Bss(36, 0)).high == 5190);  // unknown width: 20 MHz
  CHECK(wifi::Occupied(WifiBss{}).high == 0);
}

TEST_CASE("the 2.4 GHz plans and the overlap of channels agree") {
  for (int c : {1, 5, 6, 9, 11, 13}) CHECK(wifi::OnChannelGrid24(c));
  for (int c : {2, 3, 4, 7, 8, 10, 12}) CHECK_FALSE(wifi::OnChannelGrid24(c));
  for (int a = 1; a <= 13; ++a)
    for (int b = 1; b <= 13; ++b)
      if (a != b)
        CHECK(wifi::Overlapping24(a, b) ==
              wifi::Occupied(Bss(a, 20)).Overlaps(wifi::Occupied(Bss(b, 20))));
}

TEST_CASE("DFS: any part of the channel in 52-144") {
  CHECK_FALSE(wifi::UsesDfs(Bss(36, 80)));
  CHECK_FALSE(wifi::UsesDfs(Bss(48, 20)));
  CHECK(wifi::UsesDfs(Bss(36, 160)));
  CHECK(wifi::UsesDfs(Bss(52, 20)));
  CHECK(wifi::UsesDfs(Bss(100, 80)));
  CHECK(wifi::UsesDfs(Bss(144, 20)));
  CHECK_FALSE(wifi::UsesDfs(Bss(149, 80)));
  CHECK_FALSE(wifi::UsesDfs(Bss(6, 20)));
}

TEST_CASE("channel text for the evidence") {
  CHECK(wifi::ChannelText(Bss(3, 20)) == "ch 3 (2422 MHz), 20 MHz");
  CHECK(wifi::ChannelText(Bss(100, 0)) == "ch 100 (5500 MHz)");
  CHECK(wifi::ChannelText(WifiBss{}) == "ch ?");
}

TEST_CASE("the quietest channel weighs number and strength of the neighbours") {
  std::vector<WifiBss> neighbours = {Bss(1, 20, -60), Bss(1, 20, -70), Bss(6, 20, -75),
                                     Bss(11, 20, -85), Bss(40, 80, -65)};
  WifiBss own = Bss(3, 20, -45, "3c:a6:2f:10:00:03");
  // Channel 3 overlaps 1 (40 + 30) and 6 (25).
  CHECK(wifi::ChannelLoad(own, neighbours) == Approx(95));
  wifi::ChannelChoice choice = wifi::QuietestChannel(own, neighbours);
  CHECK(choice.channel == 11);
  CHECK(choice.load == Approx(15));
  // At 5 GHz and 80 MHz: the block 36-48 is taken, 52-64 is free.
  choice = wifi::QuietestChannel(Bss(36, 80, -50), neighbours);
  CHECK(choice.channel == 52);
  CHECK(choice.load == 0);
  CHECK(wifi::ChannelSummary(neighbours, "2.4") ==
        "ch 1: 2 (-60 dBm), ch 6: 1 (-75 dBm), ch 11: 1 (-85 dBm)");
  CHECK(wifi::ChannelSummary({}, "5") == "-");
}
