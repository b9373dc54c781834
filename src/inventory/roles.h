// Roles: what each device in the inventory is for (router, repeater,
// receiver, media server, printer, computer), with a confidence and the facts
// the guess rests on, and the product where a profile recognises it.
//
// 1. A matching profile (profile/match.h) names the product and gives its
//    role with confidence 0.9 (0.95 when the facts below agree). Where the
//    device sits in the network refines a router profile: a FRITZ!Box,
//    Speedport or Deco node that is not the default gateway while another
//    device is, and answers no DHCP while another device does, works as a
//    repeater / mesh node (0.7); one that runs its own DHCP server stays a
//    router: a second router (0.8).
// 2. Without a profile, heuristics over the facts (one table in roles.cc):
//    - router: gateway = yes; a UPnP InternetGatewayDevice or WAN*Connection;
//      IPv6 router advertisements; an external IP by UPnP; LLDP "router";
//      a MiniUPnPd SERVER header;
//    - repeater: WFADevice; "Repeater" / "Extender" / "Access Point" in the
//      model, friendly or host name; LLDP "wlan-ap";
//    - a DHCP server that is not the gateway: a repeater in router mode when
//      its names say repeater, else a second router;
//    - receiver: MediaRenderer, DIAL, Sat>IP, webOS second screen, Samsung
//      remote control, Sonos ZonePlayer, Roku ECP; mDNS _googlecast,
//      _airplay, _raop, _spotify-connect, _sonos, _androidtvremote2; host
//      names like Chromecast, AppleTV, Sonos; TV and set-top makers' MACs
//      (LG Electronics but not its phones, TP Vision, Vestel, TechniSat, ...,
//      weak: 0.45-0.6, so that a TV which announces nothing is still a TV);
//    - media-server: MediaServer; mDNS _smb, _afpovertcp, _nfs, _adisk; NAS
//      vendors (Synology, QNAP) and names (DiskStation);
//    - printer: mDNS _ipp, _ipps, _printer, _pdl-datastream, _uscan; UPnP
//      Printer; printer vendors (Brother, Epson, ...) and names (BRW..., OfficeJet);
//    - computer: self = yes; host names like iPhone, Galaxy, android-,
//      LAPTOP-, DESKTOP-, MacBook; Mac/iPhone models in mDNS TXT; DHCP vendor
//      class MSFT / android-dhcp; a random MAC; PC and phone vendors (weak);
//    - unknown: none of these (confidence 0).
//    A role's confidence is its strongest signal plus 0.05 per further
//    signal, at most 0.85 (a heuristic never outranks a profile); ties go to
//    the earlier role in the list above.
// Evidence strings read "key = value", as the facts do.
#pragma once

#include "inventory/inventory.h"

namespace netfix::profile {
class ProfileDb;
}  // namespace netfix::profile

namespace netfix::inventory {

/// Sets role, profile_id and product of every device in `inventory`.
void Identify(Inventory* inventory, const profile::ProfileDb& db);

/// The role from the heuristics alone (step 2 above), ignoring profiles.
RoleGuess GuessRole(const Device& device);

}  // namespace netfix::inventory
