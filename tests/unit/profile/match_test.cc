// Matcher semantics: each op, all, case handling, regex, precedence between
// profiles, the model and the product name.
#include "profile/match.h"

#include <catch2/catch.hpp>
#include <string>

#include "unit/profile/profile_support.h"

using netfix::inventory::Device;
using netfix::profile::Matches;
using netfix::profile::Profile;
using netfix::profile::ProfileDb;
using netfix::testing::DeviceWith;
using netfix::testing::MatchedId;

namespace {

// A profile "<id>" with the given match list (JSON) and extra top-level keys.
std::pair<std::string, std::string> Doc(const std::string& id, const std::string& match,
                                        const std::string& extra = "") {
  return {"profiles/" + id + ".json",
          "{\"id\": \"" + id + "\", \"product\": \"" + id + "\", \"role\": \"router\", " + extra +
              (extra.empty() ? "" : ", ") + "\"match\": " + match + "}"};
}

ProfileDb Db(const std::vector<std::pair<std::string, std::string>>& docs) {
  ProfileDb db;
  std::string error;
  INFO(error);
  REQUIRE(ProfileDb::FromDocs(docs, &db, &error));
  return db;
}

// Whether the single rule `rule_json` matches `device`.
bool RuleMatches(const std::string& rule_json, const Device& device) {
  ProfileDb db = Db({Doc("t", "[" + rule_json + "]")});
  return Matches(db.profiles()[0].match[0], device, nullptr);
}

}  // namespace

TEST_CASE("equals compares the whole value, ignoring ASCII case and outer whitespace") {
  auto d = DeviceWith({{"upnp.manufacturer", "AVM Berlin"}, {"upnp.model_number", " - avm"}});
  CHECK(RuleMatches(R"({"fact": "upnp.manufacturer", "equals": "AVM Berlin"})", d));
  CHECK(RuleMatches(R"({"fact": "upnp.manufacturer", "equals": "avm berlin"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "upnp.manufacturer", "equals": "AVM"})", d));
  CHECK(RuleMatches(R"({"fact": "upnp.model_number", "equals": "- avm"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "upnp.model_name", "equals": "AVM Berlin"})", d));
}

TEST_CASE("prefix, contains and in") {
  auto d = DeviceWith({{"ssdp.server", "ipos/7.0 UPnP/1.0 TL-WDR3600/1.0"}});
  CHECK(RuleMatches(R"({"fact": "ssdp.server", "prefix": "IPOS/"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "prefix": "UPnP"})", d));
  CHECK(RuleMatches(R"({"fact": "ssdp.server", "contains": "tl-wdr3600"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "contains": "Archer"})", d));
  CHECK(RuleMatches(R"({"fact": "ssdp.server", "in": ["x", "IPOS/7.0 UPNP/1.0 TL-WDR3600/1.0"]})",
                    d));
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "in": ["ipos/7.0"]})", d));
}

TEST_CASE("a fact rule matches when any of the device's values matches") {
  // Embedded UPnP devices give one model name each; the root's is not first here.
  auto d = DeviceWith(
      {{"upnp.model_name", "WANDevice - FRITZ!Box 7590"}, {"upnp.model_name", "FRITZ!Box 7590"}});
  CHECK(RuleMatches(R"({"fact": "upnp.model_name", "prefix": "FRITZ!Box"})", d));
}

TEST_CASE("mdns.txt.<key> facts are matched by their full key") {
  auto d = DeviceWith({{"mdns.txt.md", "Chromecast"}, {"mdns.txt.fn", "Wohnzimmer"}});
  CHECK(RuleMatches(R"({"fact": "mdns.txt.md", "equals": "Chromecast"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "mdns.txt.fn", "equals": "Chromecast"})", d));
}

TEST_CASE("regex is ECMAScript, case-insensitive, searched unless anchored") {
  auto d = DeviceWith({{"ssdp.server", "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS27)"}});
  CHECK(RuleMatches(R"({"fact": "ssdp.server", "regex": "sonos/[0-9]+\\."})", d));
  CHECK(RuleMatches(R"({"fact": "ssdp.server", "regex": "\\(ZPS[0-9]+\\)$"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "regex": "^Sonos"})", d));
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "regex": "^UPnP/1\\.0$"})", d));
}

TEST_CASE("regex sees only the first bytes of a long value") {
  std::string value(netfix::profile::kRegexInputLimit, 'a');
  auto d = DeviceWith({{"ssdp.server", value + "MARK"}});
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "regex": "MARK"})", d));
  CHECK(RuleMatches(R"({"fact": "ssdp.server", "contains": "MARK"})", d));
  // A value of 100 kB does not overflow std::regex's recursion (profile
  // authors still must not write catastrophic patterns such as "(x+x+)+y").
  auto big = DeviceWith({{"ssdp.server", std::string(100000, 'x')}});
  CHECK_FALSE(RuleMatches(R"({"fact": "ssdp.server", "regex": "(x|y)+z"})", big));
}

TEST_CASE("all needs every rule, and its evidence lists each fact") {
  auto d = DeviceWith({{"mac.vendor", "AVM GmbH"}, {"gateway", "yes"}});
  ProfileDb db = Db({Doc("t", R"([{"all": [{"fact": "mac.vendor", "prefix": "AVM "},
                                          {"fact": "gateway", "equals": "yes"}]}])")});
  std::vector<netfix::profile::Evidence> evidence;
  REQUIRE(Matches(db.profiles()[0].match[0], d, &evidence));
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[0].ToString() == "mac.vendor = AVM GmbH");
  CHECK(evidence[1].ToString() == "gateway = yes");
  CHECK(evidence[0].op == netfix::profile::Op::kPrefix);
  CHECK(evidence[0].pattern == "AVM ");
  auto not_gateway = DeviceWith({{"mac.vendor", "AVM GmbH"}});
  evidence.clear();
  CHECK_FALSE(Matches(db.profiles()[0].match[0], not_gateway, &evidence));
  CHECK(evidence.empty());
}

TEST_CASE("a profile matches by any rule and reports the most specific one") {
  ProfileDb db = Db({Doc("t", R"([{"fact": "mac.vendor", "prefix": "AVM"},
                                 {"all": [{"fact": "mac.vendor", "prefix": "AVM"},
                                          {"fact": "upnp.model_name", "prefix": "FRITZ!"}]}])")});
  auto weak = DeviceWith({{"mac.vendor", "AVM GmbH"}});
  auto strong = DeviceWith({{"mac.vendor", "AVM GmbH"}, {"upnp.model_name", "FRITZ!Box 7530"}});
  auto m1 = db.Match(weak);
  REQUIRE(m1);
  CHECK(m1->rule == 0);
  CHECK(m1->specificity == 1);
  auto m2 = db.Match(strong);
  REQUIRE(m2);
  CHECK(m2->rule == 1);
  CHECK(m2->specificity == 3);
  CHECK_FALSE(db.Match(DeviceWith({{"mac.vendor", "Intel Corporate"}})));
}

TEST_CASE("precedence: vendor before generic, then specificity, then id") {
  auto d = DeviceWith({{"ssdp.server", "Linux/6.1 UPnP/1.1 MiniUPnPd/2.3.1"},
                       {"upnp.manufacturer", "AVM Berlin"},
                       {"mac.vendor", "AVM GmbH"},
                       {"gateway", "yes"}});
  SECTION("a generic profile loses even with a more specific rule") {
    ProfileDb db = Db({Doc("aaa-generic",
                           R"([{"all": [{"fact": "ssdp.server", "contains": "miniupnpd"},
                                        {"fact": "gateway", "equals": "yes"}]}])",
                           R"("generic": true)"),
                       Doc("zzz-vendor", R"([{"fact": "mac.vendor", "prefix": "AVM"}])")});
    CHECK(MatchedId(db, d) == "zzz-vendor");
    auto all = db.MatchAll(d);
    REQUIRE(all.size() == 2);
    CHECK(all[1].profile->id == "aaa-generic");
  }
  SECTION("the more specific rule wins; self-described facts weigh double") {
    ProfileDb db = Db({Doc("aaa-inferred", R"([{"all": [{"fact": "mac.vendor", "prefix": "AVM"},
                                                         {"fact": "gateway", "equals": "yes"}]}])"),
                       Doc("zzz-described", R"([{"all": [
                           {"fact": "upnp.manufacturer", "prefix": "AVM"},
                           {"fact": "mac.vendor", "prefix": "AVM"}]}])")});
    CHECK(MatchedId(db, d) == "zzz-described");  // 2 + 1 beats 1 + 1
  }
  SECTION("equal specificity: the id decides, not the load order") {
    auto a = Doc("bbb", R"([{"fact": "upnp.manufacturer", "prefix": "AVM"}])");
    auto b = Doc("aaa", R"([{"fact": "ssdp.server", "contains": "MiniUPnPd"}])");
    CHECK(MatchedId(Db({a, b}), d) == "aaa");
    CHECK(MatchedId(Db({b, a}), d) == "aaa");
  }
}

TEST_CASE("model_from and the product name") {
  const std::string extra =
      R"J("vendor": "AVM", "model_from": [{"fact": "upnp.model_name", "prefix": "FRITZ!Box"},
                                          {"fact": "ssdp.server", "regex": "AVM (FRITZ!Box [0-9]+)"}])J";
  ProfileDb db = Db({Doc("fritz", R"([{"fact": "upnp.manufacturer", "prefix": "AVM"}])", extra)});
  const Profile& p = db.profiles()[0];

  auto from_upnp = DeviceWith({{"upnp.manufacturer", "AVM"},
                               {"upnp.model_name", "LANDevice - FRITZ!Box 7590"},
                               {"upnp.model_name", " FRITZ!Box 7590 "}});
  auto m = db.Match(from_upnp);
  REQUIRE(m);
  CHECK(m->model == "FRITZ!Box 7590");
  CHECK(m->product == "AVM FRITZ!Box 7590");

  auto from_server =
      DeviceWith({{"upnp.manufacturer", "AVM"},
                  {"ssdp.server", "FRITZ!Box 7530 UPnP/1.0 AVM FRITZ!Box 7530 164.07.57"}});
  m = db.Match(from_server);
  REQUIRE(m);
  CHECK(m->model == "FRITZ!Box 7530");  // the capture group

  auto without = DeviceWith({{"upnp.manufacturer", "AVM"}});
  m = db.Match(without);
  REQUIRE(m);
  CHECK(m->model.empty());
  CHECK(m->product == "fritz");  // the profile's product as it is

  CHECK(netfix::profile::ProductName(p, "AVM FRITZ!Box 7590") == "AVM FRITZ!Box 7590");
  CHECK(netfix::profile::ProductName(p, "avm fritz!box") == "avm fritz!box");
  Profile no_vendor = p;
  no_vendor.vendor.clear();
  CHECK(netfix::profile::ProductName(no_vendor, "Denon AVR-X1600H") == "Denon AVR-X1600H");
}
