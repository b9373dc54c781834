#include "inventory/roles.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "inventory/facts.h"
#include "profile/match.h"
#include "profile/profile.h"
#include "util/strings.h"

namespace netfix::inventory {

namespace {

constexpr double kProfileConfidence = 0.9;
constexpr double kProfileConfirmedConfidence = 0.95;
constexpr double kHeuristicCap = 0.85;
constexpr double kPerExtraSignal = 0.05;

enum class How { kEquals, kPrefix, kContains, kAny };

// One heuristic: a fact value (ASCII case ignored) that hints at a role.
struct Signal {
  Role role;
  std::string_view key;
  How how;
  std::string_view pattern;  // lower case
  double confidence;
};

constexpr std::string_view kIgd = "urn:schemas-upnp-org:device:internetgatewaydevice:";

// The heuristics, in one table. Confidences say how often the fact means the
// role in a home: a DIAL service nearly always means a TV or stick, an
// AirPlay service also appears on Macs, a vendor alone is a weak hint.
constexpr Signal kSignals[] = {
    // router / gateway
    {Role::kRouter, facts::kGateway, How::kEquals, "yes", 0.8},
    {Role::kRouter, facts::kUpnpDeviceType, How::kPrefix, kIgd, 0.7},
    {Role::kRouter, facts::kUpnpDeviceType, How::kPrefix,
     "urn:dslforum-org:device:internetgatewaydevice:", 0.7},
    {Role::kRouter, facts::kSsdpTarget, How::kPrefix, kIgd, 0.7},
    {Role::kRouter, facts::kSsdpTarget, How::kPrefix,
     "urn:schemas-upnp-org:service:wanipconnection:", 0.7},
    {Role::kRouter, facts::kSsdpTarget, How::kPrefix,
     "urn:schemas-upnp-org:service:wanpppconnection:", 0.7},
    {Role::kRouter, facts::kUpnpExternalIp, How::kAny, "", 0.7},
    {Role::kRouter, facts::kIpv6Router, How::kEquals, "yes", 0.6},
    {Role::kRouter, facts::kLldpCapability, How::kEquals, "router", 0.6},
    {Role::kRouter, facts::kSsdpServer, How::kContains, "miniupnpd", 0.6},
    // repeater / mesh node / access point
    {Role::kRepeater, facts::kUpnpDeviceType, How::kPrefix,
     "urn:schemas-wifialliance-org:device:wfadevice:", 0.5},
    {Role::kRepeater, facts::kSsdpTarget, How::kPrefix,
     "urn:schemas-wifialliance-org:device:wfadevice:", 0.5},
    {Role::kRepeater, facts::kUpnpModelName, How::kContains, "repeater", 0.7},
    {Role::kRepeater, facts::kUpnpModelName, How::kContains, "extender", 0.7},
    {Role::kRepeater, facts::kUpnpModelName, How::kContains, "access point", 0.6},
    {Role::kRepeater, facts::kUpnpFriendlyName, How::kContains, "repeater", 0.7},
    {Role::kRepeater, facts::kUpnpFriendlyName, How::kContains, "extender", 0.7},
    {Role::kRepeater, facts::kHostname, How::kContains, "repeater", 0.6},
    {Role::kRepeater, facts::kHostname, How::kContains, "extender", 0.6},
    {Role::kRepeater, facts::kLldpCapability, How::kEquals, "wlan-ap", 0.6},
    // receiver: TV, set-top box, Sat>IP, renderer, cast target, speaker
    {Role::kReceiver, facts::kUpnpDeviceType, How::kPrefix,
     "urn:schemas-upnp-org:device:mediarenderer:", 0.7},
    {Role::kReceiver, facts::kSsdpTarget, How::kPrefix,
     "urn:schemas-upnp-org:device:mediarenderer:", 0.7},
    {Role::kReceiver, facts::kSsdpTarget, How::kPrefix, "urn:dial-multiscreen-org:", 0.75},
    {Role::kReceiver, facts::kUpnpServiceType, How::kPrefix, "urn:dial-multiscreen-org:", 0.75},
    {Role::kReceiver, facts::kUpnpDeviceType, How::kPrefix,
     "urn:ses-com:device:satipserver:", 0.85},
    {Role::kReceiver, facts::kSsdpTarget, How::kPrefix, "urn:ses-com:device:satipserver:", 0.85},
    {Role::kReceiver, facts::kSsdpTarget, How::kPrefix,
     "urn:lge-com:service:webos-second-screen:", 0.85},
    {Role::kReceiver, facts::kUpnpDeviceType, How::kPrefix,
     "urn:samsung.com:device:remotecontrolreceiver:", 0.85},
    {Role::kReceiver, facts::kUpnpDeviceType, How::kPrefix,
     "urn:schemas-upnp-org:device:zoneplayer:", 0.85},
    {Role::kReceiver, facts::kSsdpTarget, How::kPrefix, "roku:ecp", 0.85},
    {Role::kReceiver, facts::kMdnsService, How::kEquals, "_googlecast._tcp", 0.8},
    {Role::kReceiver, facts::kMdnsService, How::kEquals, "_sonos._tcp", 0.85},
    {Role::kReceiver, facts::kMdnsService, How::kEquals, "_androidtvremote2._tcp", 0.8},
    {Role::kReceiver, facts::kMdnsService, How::kEquals, "_airplay._tcp", 0.6},
    {Role::kReceiver, facts::kMdnsService, How::kEquals, "_spotify-connect._tcp", 0.6},
    {Role::kReceiver, facts::kMdnsService, How::kEquals, "_raop._tcp", 0.55},
    {Role::kReceiver, facts::kHostname, How::kPrefix, "chromecast", 0.6},
    {Role::kReceiver, facts::kHostname, How::kPrefix, "appletv", 0.6},
    {Role::kReceiver, facts::kHostname, How::kPrefix, "apple-tv", 0.6},
    {Role::kReceiver, facts::kHostname, How::kPrefix, "lgwebostv", 0.7},
    {Role::kReceiver, facts::kHostname, How::kPrefix, "magentatv", 0.6},
    {Role::kReceiver, facts::kHostname, How::kContains, "sonos", 0.6},
    {Role::kReceiver, facts::kHostname, How::kPrefix, "roku", 0.6},
    // TV and set-top makers, when nothing else is known (a TV that announces
    // nothing is what receiver-not-discoverable looks for). LG's phones have
    // their own OUI name, "LG Electronics (Mobile Communications)".
    {Role::kReceiver, facts::kMacVendor, How::kEquals, "lg electronics", 0.45},
    {Role::kReceiver, facts::kMacVendor, How::kEquals, "lg electronics inc", 0.45},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "tp vision", 0.6},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "vestel", 0.5},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "hisense visual technology", 0.5},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "tcl king electrical", 0.5},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "technisat", 0.6},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "humax", 0.5},
    {Role::kReceiver, facts::kMacVendor, How::kPrefix, "panasonic corporation avc networks", 0.5},
    // media server / NAS
    {Role::kMediaServer, facts::kUpnpDeviceType, How::kPrefix,
     "urn:schemas-upnp-org:device:mediaserver:", 0.6},
    {Role::kMediaServer, facts::kSsdpTarget, How::kPrefix,
     "urn:schemas-upnp-org:device:mediaserver:", 0.6},
    {Role::kMediaServer, facts::kMdnsService, How::kEquals, "_smb._tcp", 0.5},
    {Role::kMediaServer, facts::kMdnsService, How::kEquals, "_afpovertcp._tcp", 0.5},
    {Role::kMediaServer, facts::kMdnsService, How::kEquals, "_nfs._tcp", 0.5},
    {Role::kMediaServer, facts::kMdnsService, How::kEquals, "_adisk._tcp", 0.5},
    {Role::kMediaServer, facts::kMacVendor, How::kPrefix, "synology", 0.8},
    {Role::kMediaServer, facts::kMacVendor, How::kPrefix, "qnap", 0.8},
    {Role::kMediaServer, facts::kHostname, How::kPrefix, "diskstation", 0.7},
    {Role::kMediaServer, facts::kHostname, How::kPrefix, "rackstation", 0.7},
    {Role::kMediaServer, facts::kHostname, How::kPrefix, "nas", 0.5},
    // printer
    {Role::kPrinter, facts::kMdnsService, How::kEquals, "_ipp._tcp", 0.85},
    {Role::kPrinter, facts::kMdnsService, How::kEquals, "_ipps._tcp", 0.85},
    {Role::kPrinter, facts::kMdnsService, How::kEquals, "_printer._tcp", 0.85},
    {Role::kPrinter, facts::kMdnsService, How::kEquals, "_pdl-datastream._tcp", 0.85},
    {Role::kPrinter, facts::kMdnsService, How::kEquals, "_uscan._tcp", 0.7},
    {Role::kPrinter, facts::kUpnpDeviceType, How::kPrefix,
     "urn:schemas-upnp-org:device:printer:", 0.8},
    {Role::kPrinter, facts::kMacVendor, How::kPrefix, "brother", 0.6},
    {Role::kPrinter, facts::kMacVendor, How::kPrefix, "seiko epson", 0.6},
    {Role::kPrinter, facts::kMacVendor, How::kPrefix, "kyocera", 0.6},
    {Role::kPrinter, facts::kMacVendor, How::kPrefix, "lexmark", 0.6},
    {Role::kPrinter, facts::kMacVendor, How::kPrefix, "xerox", 0.6},
    {Role::kPrinter, facts::kMacVendor, How::kPrefix, "canon", 0.4},
    {Role::kPrinter, facts::kHostname, How::kPrefix, "brw", 0.6},
    {Role::kPrinter, facts::kHostname, How::kPrefix, "brn", 0.6},
    {Role::kPrinter, facts::kHostname, How::kPrefix, "epson", 0.6},
    {Role::kPrinter, facts::kHostname, How::kContains, "officejet", 0.6},
    {Role::kPrinter, facts::kHostname, How::kContains, "laserjet", 0.6},
    {Role::kPrinter, facts::kHostname, How::kContains, "deskjet", 0.6},
    // computer / phone / tablet
    {Role::kComputer, facts::kSelf, How::kEquals, "yes", 0.8},
    {Role::kComputer, facts::kHostname, How::kContains, "iphone", 0.5},
    {Role::kComputer, facts::kHostname, How::kContains, "ipad", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "galaxy", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "android-", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "pixel", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "redmi", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "oneplus", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "laptop-", 0.5},
    {Role::kComputer, facts::kHostname, How::kPrefix, "desktop-", 0.5},
    {Role::kComputer, facts::kHostname, How::kContains, "macbook", 0.5},
    {Role::kComputer, facts::kHostname, How::kContains, "imac", 0.5},
    {Role::kComputer, facts::kHostname, How::kContains, "thinkpad", 0.5},
    {Role::kComputer, "mdns.txt.model", How::kPrefix, "macbook", 0.7},
    {Role::kComputer, "mdns.txt.model", How::kPrefix, "imac", 0.7},
    {Role::kComputer, "mdns.txt.model", How::kPrefix, "macmini", 0.7},
    {Role::kComputer, "mdns.txt.model", How::kPrefix, "iphone", 0.7},
    {Role::kComputer, "mdns.txt.model", How::kPrefix, "ipad", 0.7},
    {Role::kComputer, facts::kMdnsService, How::kEquals, "_workstation._tcp", 0.6},
    {Role::kComputer, facts::kMdnsService, How::kEquals, "_companion-link._tcp", 0.4},
    {Role::kComputer, facts::kDhcpVendorClass, How::kPrefix, "msft", 0.6},
    {Role::kComputer, facts::kDhcpVendorClass, How::kPrefix, "android-dhcp", 0.6},
    {Role::kComputer, facts::kMacRandom, How::kEquals, "yes", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "intel", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "raspberry pi", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "microsoft", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "dell", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "lcfc", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "micro-star", 0.4},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "realtek", 0.3},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "apple", 0.3},
    {Role::kComputer, facts::kMacVendor, How::kPrefix, "samsung electronics", 0.2},
};

constexpr std::array<Role, 6> kRoleOrder = {Role::kRouter,      Role::kRepeater, Role::kReceiver,
                                            Role::kMediaServer, Role::kPrinter,  Role::kComputer};

bool FactMatches(const Signal& s, const Fact& fact) {
  if (fact.key != s.key) return false;
  std::string value = util::ToLower(fact.value);
  switch (s.how) {
    case How::kEquals: return value == s.pattern;
    case How::kPrefix: return util::StartsWith(value, s.pattern);
    case How::kContains: return value.find(s.pattern) != std::string::npos;
    case How::kAny: return !value.empty();
  }
  return false;
}

struct Tally {
  double best = 0;
  int signals = 0;
  std::vector<std::string> evidence;

  void Add(double confidence, std::string why) {
    if (std::find(evidence.begin(), evidence.end(), why) != evidence.end()) return;
    best = std::max(best, confidence);
    ++signals;
    evidence.push_back(std::move(why));
  }
  double Confidence() const {
    if (signals == 0) return 0;
    return std::min(kHeuristicCap, best + kPerExtraSignal * (signals - 1));
  }
};

bool HasFact(const Device& d, std::string_view key, std::string_view value) {
  return std::any_of(d.facts.begin(), d.facts.end(), [&](const Fact& f) {
    return f.key == key && util::ToLower(f.value) == value;
  });
}

std::string Evidence(const Fact& fact) {
  return fact.key + " = " + fact.value;
}

void AddUnique(std::vector<std::string>* list, const std::string& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

}  // namespace

RoleGuess GuessRole(const Device& device) {
  std::array<Tally, kRoleOrder.size()> tallies;
  auto tally = [&](Role role) -> Tally& {
    return tallies[std::find(kRoleOrder.begin(), kRoleOrder.end(), role) - kRoleOrder.begin()];
  };
  for (const auto& fact : device.facts)
    for (const auto& signal : kSignals)
      if (FactMatches(signal, fact)) tally(signal.role).Add(signal.confidence, Evidence(fact));

  // A DHCP server that is not the gateway: a repeater left in router mode
  // when its names say repeater, else a second router.
  bool gateway = device.is_gateway || HasFact(device, facts::kGateway, "yes");
  if (!gateway && HasFact(device, facts::kDhcpServer, "yes")) {
    Tally& repeater = tally(Role::kRepeater);
    bool named_repeater = repeater.signals > 0 && repeater.best >= 0.6;
    if (named_repeater)
      repeater.Add(0.75, "dhcp.server = yes");
    else
      tally(Role::kRouter).Add(0.6, "dhcp.server = yes");
  }

  RoleGuess guess;
  for (std::size_t i = 0; i < kRoleOrder.size(); ++i) {
    double confidence = tallies[i].Confidence();
    if (confidence > guess.confidence) {
      guess.role = kRoleOrder[i];
      guess.confidence = confidence;
      guess.evidence = tallies[i].evidence;
    }
  }
  return guess;
}

namespace {

// Where a device matched as a router sits in the network can say it works
// as a repeater (see roles.h).
void RefineByPosition(const Inventory& inventory, const Device& device, RoleGuess* guess) {
  if (guess->role != Role::kRouter || device.is_gateway || HasFact(device, facts::kGateway, "yes"))
    return;
  const Device* gateway = nullptr;
  bool dhcp_seen = false;
  for (const auto& other : inventory.devices) {
    if (&other == &device) continue;
    if (other.is_gateway || HasFact(other, facts::kGateway, "yes")) gateway = &other;
    if (HasFact(other, facts::kDhcpServer, "yes")) dhcp_seen = true;
  }
  if (gateway == nullptr) return;
  std::string gateway_name = gateway->ipv4.empty() ? gateway->key : gateway->ipv4.front();
  AddUnique(&guess->evidence, "gateway = no (the default gateway is " + gateway_name + ")");
  if (HasFact(device, facts::kDhcpServer, "yes")) {
    guess->confidence = 0.8;  // a second router behind (or beside) the gateway
    AddUnique(&guess->evidence, "dhcp.server = yes");
  } else if (dhcp_seen) {
    guess->role = Role::kRepeater;  // mesh repeater / access point / IP client
    guess->confidence = 0.7;
    AddUnique(&guess->evidence, "dhcp.server = no (another device answers DHCP)");
  } else {
    guess->confidence = 0.7;
  }
}

}  // namespace

void Identify(Inventory* inventory, const profile::ProfileDb& db) {
  for (auto& device : inventory->devices) {
    RoleGuess heuristic = GuessRole(device);
    auto match = db.Match(device);
    if (!match) {
      device.profile_id.clear();
      device.product.clear();
      device.role = std::move(heuristic);
      continue;
    }
    device.profile_id = match->profile->id;
    device.product = match->product;
    RoleGuess guess;
    guess.role = match->profile->role;
    guess.confidence = kProfileConfidence;
    for (const auto& e : match->evidence) AddUnique(&guess.evidence, e.ToString());
    if (heuristic.role == guess.role) {
      guess.confidence = kProfileConfirmedConfidence;
      for (const auto& e : heuristic.evidence) AddUnique(&guess.evidence, e);
    }
    RefineByPosition(*inventory, device, &guess);
    device.role = std::move(guess);
  }
}

}  // namespace netfix::inventory
