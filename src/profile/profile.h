// Device profiles: vendor knowledge as data (profiles/<id>.json), kept apart
// from the code the way nmap keeps its service fingerprints apart from nmap.
//
// A profile says how to recognise a product family from the facts in the
// inventory (a small closed set of matchers over the closed fact vocabulary
// of inventory/facts.h; no expression language), what it is (product, role),
// where its admin page is, its known quirks, and device-specific fix steps per
// check id in English and German, in the words of the device's own menus.
// profiles/README.md is the format reference; match.h applies the rules.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inventory/inventory.h"
#include "model/lang.h"

namespace netfix::profile {

/// How a rule compares the values of one fact with its pattern(s).
enum class Op {
  kEquals,    ///< the whole value, ignoring ASCII case
  kPrefix,    ///< the value starts with the pattern, ignoring ASCII case
  kContains,  ///< the value contains the pattern, ignoring ASCII case
  kRegex,     ///< ECMAScript, case-insensitive, searched (unanchored unless ^/$)
  kIn,        ///< equals one of a list
  kAll,       ///< every rule in `all` matches (on the same device)
};

const char* ToString(Op op);  ///< "equals", "prefix", ...

/// One matcher: `fact` `op` `patterns`, or (kAll) every rule of `all`.
/// A fact rule matches when ANY value the device has for `fact` matches ANY
/// of its patterns (a device has several values for most keys: one
/// upnp.model_name per embedded UPnP device, for example).
struct Rule {
  Op op = Op::kEquals;
  std::string fact;                         ///< a key of inventory/facts.h ("" for kAll)
  std::vector<std::string> patterns;        ///< as written in the profile
  std::vector<std::string> folded;          ///< patterns in lower case (equals/prefix/contains/in)
  std::shared_ptr<const std::regex> regex;  ///< compiled once at load (kRegex)
  std::vector<Rule> all;                    ///< kAll only

  /// How specific the rule is, for precedence between profiles: every fact
  /// condition counts 2 when the device says it about itself (upnp.*, ssdp.*,
  /// mdns.*, lldp.*, hostname, dhcp.vendor_class) and 1 when netfix infers
  /// it (mac, mac.vendor, gateway, self, dhcp.server, ...); `all` adds up.
  int Specificity() const;
};

/// The roles a profile may give (a profile never says "unknown").
inline constexpr std::array<inventory::Role, 6> kProfileRoles = {
    inventory::Role::kRouter,      inventory::Role::kRepeater, inventory::Role::kReceiver,
    inventory::Role::kMediaServer, inventory::Role::kPrinter,  inventory::Role::kComputer};

/// The kinds of receiver a profile may name (only with role "receiver").
inline constexpr std::array<std::string_view, 7> kReceiverKinds = {
    "tv", "set-top", "satip", "renderer", "cast", "speaker", "av-receiver"};

/// The stream classes a receiver profile may name, with the rates the
/// receiver-bandwidth-insufficient check gives them (its check.md params).
inline constexpr std::array<std::string_view, 4> kStreamClasses = {"sd", "hd", "uhd", "audio"};

/// What a receiver streams at most: `parallel` streams of `stream_class`.
struct StreamSpec {
  std::string stream_class;  ///< one of kStreamClasses
  int parallel = 1;
};

/// A text in both languages, indexed by model::Lang.
struct LocalizedText {
  std::array<std::string, 2> text;
  const std::string& In(model::Lang lang) const { return text[static_cast<int>(lang)]; }
};

/// Numbered fix steps in both languages, indexed by model::Lang.
struct FixSteps {
  std::array<std::vector<std::string>, 2> steps;
  const std::vector<std::string>& In(model::Lang lang) const {
    return steps[static_cast<int>(lang)];
  }
};

struct Profile {
  std::string id;       ///< = the file name without ".json"
  std::string path;     ///< where it was loaded from ("profiles/avm-fritzbox.json")
  std::string vendor;   ///< "AVM"; "" for software found in many vendors' products
  std::string product;  ///< "AVM FRITZ!Box"
  /// Where the model comes from: the first rule (in order) that a value of
  /// the device satisfies gives the model; a regex with a capture group
  /// gives group 1. See ProductName() in match.h.
  std::vector<Rule> model_from;
  inventory::Role role = inventory::Role::kUnknown;
  std::string receiver_kind;  ///< one of kReceiverKinds, or "" (role receiver only)
  std::string admin_url;      ///< may contain {ip}; "" when the device has no admin page
  /// Software that many vendors build into their products (miniupnpd,
  /// MiniDLNA, gmediarender): the profile applies only when no vendor
  /// profile matches.
  bool generic = false;
  /// Receivers: the streams it plays at most (nullopt: unknown; the check
  /// assumes one HD stream).
  std::optional<StreamSpec> streams;
  /// Receivers: plays IPTV multicast (MagentaTV, Sat>IP), so the LAN needs
  /// an IGMP querier.
  bool iptv = false;
  /// Routers: an HTTP speed test server beyond the router that this router
  /// or its provider offers (a file to download; a URL that takes a POST for
  /// the upload). netfix uses it when the user gives no --speed-url.
  std::string speed_url;
  std::string upload_url;
  std::vector<Rule> match;  ///< OR over rules
  std::vector<LocalizedText> quirks;
  std::map<std::string, FixSteps, std::less<>> fix;  ///< by check id

  /// The fix steps for `check_id`, or nullptr when the profile has none.
  const FixSteps* Fix(std::string_view check_id) const;
};

/// Parses and validates one profile. `path` is used in messages and must end
/// in "<id>.json". On failure `error` reads "<path>: <json path>: <problem>",
/// e.g. "profiles/x.json: match[1].all[0].regex: invalid regular expression".
bool ParseProfile(std::string_view path, std::string_view text, Profile* out, std::string* error);

/// The placeholders texts in a profile may use: {ip} (the device's first
/// IPv4 address). Replaces them; an address-less device leaves "{ip}" as is.
std::string ExpandText(std::string_view text, const inventory::Device& device);

/// One fact that made a rule match.
struct Evidence {
  std::string key;
  std::string value;
  Op op = Op::kEquals;
  std::string pattern;
  std::string ToString() const { return key + " = " + value; }  ///< "upnp.manufacturer = AVM"
};

/// A profile that matched a device, and why.
struct ProfileMatch {
  const Profile* profile = nullptr;
  int rule = -1;        ///< index of the matching rule in profile->match (the most specific)
  int specificity = 0;  ///< Rule::Specificity() of that rule
  std::vector<Evidence> evidence;
  std::string model;    ///< from model_from, or ""
  std::string product;  ///< the product name with the model (ProductName() in match.h)
};

class ProfileDb {
 public:
  /// The profiles compiled into this binary (profile/embedded.h). Aborts with
  /// a message if one does not load (a build defect the tests catch).
  static const ProfileDb& Builtin();

  /// Loads (path, contents) pairs. Every file is checked; on failure `error`
  /// lists one problem per broken file, one per line.
  static bool FromDocs(const std::vector<std::pair<std::string, std::string>>& docs, ProfileDb* out,
                       std::string* error);

  const std::vector<Profile>& profiles() const { return profiles_; }  ///< sorted by id
  const Profile* Find(std::string_view id) const;

  /// The profile for `device`, by precedence (see match.h), or nullopt.
  std::optional<ProfileMatch> Match(const inventory::Device& device) const;
  /// Every profile that matches, best first.
  std::vector<ProfileMatch> MatchAll(const inventory::Device& device) const;

 private:
  std::vector<Profile> profiles_;
};

/// The speed test server the profile of the home's router names (the
/// gateway device of `inventory`), or nullopt.
struct SpeedServer {
  std::string profile_id;
  std::string speed_url;
  std::string upload_url;  ///< may be empty
};
std::optional<SpeedServer> RouterSpeedServer(const inventory::Inventory& inventory,
                                             const ProfileDb& db);

}  // namespace netfix::profile
