// The profile loader: what a valid profile looks like, and that every way to
// get one wrong is refused with a message naming the file and the JSON path.
#include "profile/profile.h"

#include <catch2/catch.hpp>
#include <string>

#include "unit/profile/profile_support.h"

using netfix::profile::ParseProfile;
using netfix::profile::Profile;
using netfix::profile::ProfileDb;

namespace {

const char* kValid = R"J({
  "id": "example",
  "vendor": "Example",
  "product": "Example router",
  "model_from": { "fact": "upnp.model_name", "prefix": "EX" },
  "role": "router",
  "admin_url": "http://{ip}/",
  "notes": "illustrative",
  "match": [
    { "fact": "upnp.manufacturer", "equals": "Example" },
    { "all": [ { "fact": "mac.vendor", "prefix": "Example" }, { "fact": "gateway", "equals": "yes" } ] },
    { "fact": "mdns.txt.md", "in": ["EX-1", "EX-2"] },
    { "fact": "ssdp.server", "regex": "ExampleOS/([0-9.]+)" }
  ],
  "quirks": [ { "en": "Quirk.", "de": "Eigenheit." } ],
  "fix": { "dns-slow": { "en": ["Step one.", "Step two at http://{ip}/."],
                         "de": ["Schritt eins.", "Schritt zwei unter http://{ip}/."] } }
})J";

// Parses `text` as profiles/example.json and returns the error ("" = loaded).
std::string ErrorOf(const std::string& text, const std::string& path = "profiles/example.json") {
  Profile p;
  std::string error;
  return ParseProfile(path, text, &p, &error) ? "" : error;
}

// kValid with `from` replaced by `to` (which must occur).
std::string Edited(const std::string& from, const std::string& to) {
  std::string text = kValid;
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("a valid profile loads with every field") {
  Profile p;
  std::string error;
  INFO(error);
  REQUIRE(ParseProfile("profiles/example.json", kValid, &p, &error));
  CHECK(p.id == "example");
  CHECK(p.path == "profiles/example.json");
  CHECK(p.vendor == "Example");
  CHECK(p.product == "Example router");
  CHECK(p.role == netfix::inventory::Role::kRouter);
  CHECK(p.admin_url == "http://{ip}/");
  CHECK_FALSE(p.generic);
  REQUIRE(p.model_from.size() == 1);
  REQUIRE(p.match.size() == 4);
  CHECK(p.match[1].op == netfix::profile::Op::kAll);
  CHECK(p.match[1].all.size() == 2);
  CHECK(p.match[2].patterns == std::vector<std::string>{"EX-1", "EX-2"});
  CHECK(p.match[3].regex != nullptr);
  REQUIRE(p.quirks.size() == 1);
  CHECK(p.quirks[0].In(netfix::model::Lang::kDe) == "Eigenheit.");
  const auto* fix = p.Fix("dns-slow");
  REQUIRE(fix != nullptr);
  CHECK(fix->In(netfix::model::Lang::kEn).size() == 2);
  CHECK(fix->In(netfix::model::Lang::kDe)[0] == "Schritt eins.");
  CHECK(p.Fix("no-connection") == nullptr);
}

TEST_CASE("specificity counts self-described facts double") {
  Profile p;
  std::string error;
  REQUIRE(ParseProfile("profiles/example.json", kValid, &p, &error));
  CHECK(p.match[0].Specificity() == 2);  // upnp.manufacturer
  CHECK(p.match[1].Specificity() == 2);  // mac.vendor (1) + gateway (1)
  CHECK(p.match[2].Specificity() == 2);  // mdns.txt.md
  CHECK(p.match[3].Specificity() == 2);  // ssdp.server
}

TEST_CASE("loader errors name the file and the JSON path") {
  struct Case {
    std::string text;
    std::string expected;  // the whole message must contain this
  };
  const std::vector<Case> cases = {
      {"{ \"id\": ", "profiles/example.json: not valid JSON: "},
      {"{\"id\": \"example\", \"id\": \"example\"}", "profiles/example.json: duplicate key 'id'"},
      {"[]", "profiles/example.json: a profile is a JSON object"},
      {Edited("\"notes\"", "\"note\""),
       "profiles/example.json: note: unknown key (did you mean 'notes'?)"},
      {Edited("\"id\": \"example\"", "\"id\": \"other\""),
       "profiles/example.json: id: 'other' must equal the file name 'example'"},
      {Edited("\"product\": \"Example router\",", ""), "profiles/example.json: missing 'product'"},
      {Edited("\"role\": \"router\"", "\"role\": \"gateway\""),
       "profiles/example.json: role: unknown role 'gateway' (known: router, repeater, receiver, "
       "media-server, printer, computer)"},
      {Edited("\"role\": \"router\"", "\"role\": \"unknown\""),
       "profiles/example.json: role: unknown role 'unknown'"},
      {Edited("\"admin_url\": \"http://{ip}/\"", "\"admin_url\": \"fritz.box\""),
       "profiles/example.json: admin_url: must start with http:// or https://"},
      {Edited("\"admin_url\": \"http://{ip}/\"", "\"admin_url\": \"http://{host}/\""),
       "profiles/example.json: admin_url: unknown placeholder {host} (known: {ip})"},
      {Edited("\"match\": [", "\"receiver_kind\": \"tv\", \"match\": ["),
       "profiles/example.json: receiver_kind: only a profile with role 'receiver' has a "
       "receiver_kind"},
      {Edited("\"role\": \"router\"", "\"role\": \"receiver\", \"receiver_kind\": \"radio\""),
       "profiles/example.json: receiver_kind: unknown kind 'radio'"},
      {Edited("\"notes\": \"illustrative\",", "\"generic\": \"yes\","),
       "profiles/example.json: generic: must be true or false"},
      {Edited("\"fact\": \"upnp.manufacturer\"", "\"fact\": \"upnp.manufacturor\""),
       "profiles/example.json: match[0].fact: unknown fact 'upnp.manufacturor' (did you mean "
       "'upnp.manufacturer'?)"},
      {Edited("\"fact\": \"upnp.manufacturer\"", "\"fact\": \"mdns.txt.\""),
       "profiles/example.json: match[0].fact: unknown fact 'mdns.txt.'"},
      {Edited("\"equals\": \"Example\"", "\"startswith\": \"Example\""),
       "profiles/example.json: match[0].startswith: unknown key"},
      {Edited("\"equals\": \"Example\"", "\"equals\": \"Example\", \"prefix\": \"Ex\""),
       "profiles/example.json: match[0]: a rule needs exactly one of equals, prefix, contains, "
       "regex, in"},
      {Edited("\"equals\": \"Example\"", "\"equals\": \"\""),
       "profiles/example.json: match[0].equals: must not be empty"},
      {Edited("\"equals\": \"Example\"", "\"equals\": 7"),
       "profiles/example.json: match[0].equals: must be a string"},
      {Edited("\"prefix\": \"Example\" }", "\"regex\": \"Exa(mple\" }"),
       "profiles/example.json: match[1].all[0].regex: invalid regular expression 'Exa(mple'"},
      {Edited("\"in\": [\"EX-1\", \"EX-2\"]", "\"in\": []"),
       "profiles/example.json: match[2].in: must be a non-empty list of strings"},
      {Edited("\"in\": [\"EX-1\", \"EX-2\"]", "\"in\": [\"EX-1\", 2]"),
       "profiles/example.json: match[2].in[1]: must be a string"},
      {Edited("{ \"all\": [ { \"fact\": \"mac.vendor\"",
              "{ \"fact\": \"gateway\", \"all\": [ { \"fact\": \"mac.vendor\""),
       "profiles/example.json: match[1]: an 'all' rule has no other keys"},
      {Edited("\"model_from\": { \"fact\": \"upnp.model_name\", \"prefix\": \"EX\" }",
              "\"model_from\": { \"all\": [] }"),
       "profiles/example.json: model_from.all: not allowed here"},
      {Edited("\"match\": [", "\"match\": [], \"x\": ["), "profiles/example.json: x: unknown key"},
      {Edited("\"quirks\": [ { \"en\": \"Quirk.\", \"de\": \"Eigenheit.\" } ]",
              "\"quirks\": [ { \"en\": \"Quirk.\" } ]"),
       "profiles/example.json: quirks[0]: missing the 'de' text"},
      {Edited("\"de\": \"Eigenheit.\"", "\"de\": \" \""),
       "profiles/example.json: quirks[0].de: must not be empty"},
      {Edited("\"de\": [\"Schritt eins.\", \"Schritt zwei unter http://{ip}/.\"]",
              "\"fr\": [\"Etape.\"]"),
       "profiles/example.json: fix.dns-slow.fr: unknown key"},
      {Edited("\"de\": [\"Schritt eins.\", \"Schritt zwei unter http://{ip}/.\"]",
              "\"de\": [\"Schritt eins.\"]"),
       "profiles/example.json: fix.dns-slow: 'en' has 2 steps, 'de' 1 (each step in both "
       "languages)"},
      {Edited("\"de\": [\"Schritt eins.\", \"Schritt zwei unter http://{ip}/.\"]", "\"de\": []"),
       "profiles/example.json: fix.dns-slow.de: must be a non-empty list of steps"},
      {Edited("\"fix\": { \"dns-slow\"", "\"fix\": { \"DNS_slow\""),
       "profiles/example.json: fix.DNS_slow: a check id is lower-case kebab-case"},
      {Edited("\"match\": [", "\"streams\": {\"class\": \"hd\"}, \"match\": ["),
       "profiles/example.json: streams: only a profile with role 'receiver' has streams"},
      {Edited("\"role\": \"router\"", "\"role\": \"receiver\", \"streams\": {\"class\": \"8k\"}"),
       "profiles/example.json: streams.class: unknown class '8k' (known: sd, hd, uhd, audio)"},
      {Edited("\"role\": \"router\"", "\"role\": \"receiver\", \"streams\": {\"parallel\": 2}"),
       "profiles/example.json: streams: missing 'class'"},
      {Edited("\"role\": \"router\"",
              "\"role\": \"receiver\", \"streams\": {\"class\": \"hd\", \"parallel\": 0}"),
       "profiles/example.json: streams.parallel: must be a whole number from 1 to 8"},
      {Edited("\"role\": \"router\"",
              "\"role\": \"receiver\", \"streams\": {\"class\": \"hd\", \"paralel\": 2}"),
       "profiles/example.json: streams.paralel: unknown key (did you mean 'parallel'?)"},
      {Edited("\"role\": \"router\"", "\"role\": \"receiver\", \"iptv\": \"yes\""),
       "profiles/example.json: iptv: must be true or false"},
      {Edited("\"match\": [", "\"iptv\": true, \"match\": ["),
       "profiles/example.json: iptv: only a profile with role 'receiver' plays IPTV"},
      {Edited("\"match\": [", "\"speed_url\": \"ftp://x/f\", \"match\": ["),
       "profiles/example.json: speed_url: must start with http:// or https://"},
      {Edited("\"match\": [", "\"speed_url\": \"http://{ip}/f\", \"match\": ["),
       "profiles/example.json: speed_url: takes no placeholders"},
      {Edited("\"match\": [", "\"upload_url\": \"http://isp.example/up\", \"match\": ["),
       "profiles/example.json: upload_url: needs a speed_url too"},
      {Edited("\"role\": \"router\"",
              "\"role\": \"receiver\", \"speed_url\": \"http://isp.example/f\""),
       "profiles/example.json: speed_url: only a profile with role 'router' names a speed test "
       "server"},
  };
  for (const auto& c : cases) {
    std::string error = ErrorOf(c.text);
    INFO("profile text:\n" << c.text);
    INFO("error: " << error);
    CHECK(error.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("a receiver profile names its streams and whether it plays IPTV") {
  Profile p;
  std::string error;
  INFO(error);
  REQUIRE(ParseProfile("profiles/example.json",
                       Edited("\"role\": \"router\"",
                              "\"role\": \"receiver\", \"iptv\": true, "
                              "\"streams\": {\"class\": \"uhd\", \"parallel\": 2}"),
                       &p, &error));
  REQUIRE(p.streams.has_value());
  CHECK(p.streams->stream_class == "uhd");
  CHECK(p.streams->parallel == 2);
  CHECK(p.iptv);

  REQUIRE(ParseProfile(
      "profiles/example.json",
      Edited("\"role\": \"router\"", "\"role\": \"receiver\", \"streams\": {\"class\": \"sd\"}"),
      &p, &error));
  CHECK(p.streams->parallel == 1);  // one stream unless the profile says more
  CHECK_FALSE(p.iptv);

  REQUIRE(ParseProfile("profiles/example.json", kValid, &p, &error));
  CHECK_FALSE(p.streams.has_value());
}

TEST_CASE("the router's profile may name its provider's speed test server") {
  ProfileDb db;
  std::string error;
  REQUIRE(ProfileDb::FromDocs(
      {{"profiles/example.json",
        Edited("\"match\": [",
               "\"speed_url\": \"http://speed.isp.example/100M.bin\", "
               "\"upload_url\": \"http://speed.isp.example/upload\", \"match\": [")}},
      &db, &error));
  netfix::inventory::Inventory inventory;
  netfix::inventory::Device router;
  router.key = "02:00:00:00:00:01";
  router.profile_id = "example";
  inventory.devices.push_back(router);
  // Only the gateway's profile counts: a second router on the LAN is not
  // the way to the internet.
  CHECK_FALSE(netfix::profile::RouterSpeedServer(inventory, db).has_value());
  inventory.devices.front().is_gateway = true;
  auto named = netfix::profile::RouterSpeedServer(inventory, db);
  REQUIRE(named.has_value());
  CHECK(named->profile_id == "example");
  CHECK(named->speed_url == "http://speed.isp.example/100M.bin");
  CHECK(named->upload_url == "http://speed.isp.example/upload");
  inventory.devices.front().profile_id.clear();
  CHECK_FALSE(netfix::profile::RouterSpeedServer(inventory, db).has_value());
}

TEST_CASE("a profile file must be named <id>.json") {
  CHECK(ErrorOf(kValid, "profiles/example.txt") ==
        "profiles/example.txt: a profile file must end in .json");
  CHECK(ErrorOf(kValid, "/abs/dir/profiles/example.json").empty());
}

TEST_CASE("FromDocs reports every broken file and refuses duplicate ids") {
  ProfileDb db;
  std::string error;
  std::string broken = kValid;
  broken.replace(broken.find("\"router\""), 8, "\"modem\"");
  CHECK_FALSE(ProfileDb::FromDocs({{"profiles/example.json", kValid},
                                   {"other/example.json", kValid},
                                   {"profiles/broken.json", "{"},
                                   {"more/example.json", broken}},
                                  &db, &error));
  INFO(error);
  CHECK(error.find("other/example.json: id: 'example' is defined twice") != std::string::npos);
  CHECK(error.find("profiles/broken.json: not valid JSON") != std::string::npos);
  CHECK(error.find("more/example.json: role: unknown role 'modem'") != std::string::npos);

  REQUIRE(ProfileDb::FromDocs({{"profiles/example.json", kValid}}, &db, &error));
  REQUIRE(db.profiles().size() == 1);
  CHECK(db.Find("example") != nullptr);
  CHECK(db.Find("nope") == nullptr);
}

TEST_CASE("ExpandText fills {ip} with the device's first IPv4 address") {
  auto device = netfix::testing::DeviceWith({{"ipv4", "192.168.178.1"}, {"ipv4", "10.0.0.1"}});
  CHECK(netfix::profile::ExpandText("http://{ip}/ and {ip}", device) ==
        "http://192.168.178.1/ and 192.168.178.1");
  CHECK(netfix::profile::ExpandText("http://{ip}/", netfix::testing::DeviceWith({})) ==
        "http://{ip}/");
}

TEST_CASE("broken input is an error, never an exception") {
  const std::vector<std::string> inputs = {
      "",
      "null",
      "{\"id\": \"example\", \"product\": \"\\xff\\xfe\", \"role\": 1, \"match\": {}}",
      std::string(10000, '[') + std::string(10000, ']'),
      "{\"id\": \"example\", \"product\": \"x\", \"role\": \"router\", \"match\": [{\"all\": "
      "[{\"all\": [{\"all\": []}]}]}]}",
      "{\"id\": \"example\", \"product\": \"x\", \"role\": \"router\", \"match\": [{\"fact\": "
      "\"ipv4\", \"regex\": \"[\"}]}",
      "{\"id\": 1e999}",
  };
  for (const auto& text : inputs) {
    INFO(text.substr(0, 120));
    std::string error;
    CHECK_NOTHROW(error = ErrorOf(text));
    CHECK_FALSE(error.empty());
  }
}
