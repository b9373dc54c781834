// Redaction: takes personal data out of a snapshot or a survey so that it can
// be shared, and keeps the diagnosis the same (same checks, same variants,
// same number of findings), because a support agent diagnoses the redacted
// file.
//
// What becomes a pseudonym (consistent within one Redactor, so one value
// always gets the same pseudonym, also across the snapshots of a diff):
//  - MAC addresses (interfaces, devices, BSSIDs, DHCP, IPv6, LLDP ...): the
//    first three bytes (the OUI, which names the vendor and is shared by
//    millions of devices) are kept, so the vendor stays recognisable to
//    netfix and to other tools; the last three bytes are replaced. MACs that
//    were neighbours (a router's BSSIDs next to its LAN MAC) stay neighbours
//    at the same distance. Locally administered (random) MACs get new
//    bytes 2-6 and keep their first byte.
//  - IP addresses keep their class: RFC 1918, CGNAT (100.64/10) and
//    link-local addresses stay in their block, and the network bits are
//    replaced prefix-preservingly (two addresses share a subnet after
//    redaction exactly when they did before); the last octet is kept.
//    Public IPv4 addresses become documentation addresses (192.0.2.0/24,
//    198.51.100.0/24, 203.0.113.0/24). IPv6: global -> 2001:db8::/32, ULA
//    stays fd../fc.., link-local stays fe80::; interface identifiers
//    derived from a MAC (EUI-64) follow the MAC's pseudonym, others are
//    replaced unless they are small (::1, ::2 ...).
//  - SSIDs ("WLAN-1" ...; hidden stays hidden), hostnames ("host-1" ...,
//    keeping a ".local" suffix), serial numbers ("serial-1" ...), UPnP UDNs
//    (uuid pseudonyms, keeping a vendor label such as "RINCON_").
//  - Everything that contains one of these: URLs, SSDP USNs, mDNS instance
//    names and hosts, TXT values, friendly names, notes: a last pass
//    replaces every remaining occurrence of an original value in every
//    string of the snapshot.
//
// What is kept, because it is not personal and the diagnosis needs it:
// loopback, multicast, broadcast, unspecified and reserved addresses, the
// well-known public DNS resolvers (1.1.1.1, 8.8.8.8, 9.9.9.9 ...), subnet
// masks, vendor names, product and model names, names devices give
// themselves ("FRITZ!Box 7590"), room names, signal strengths, channels and
// timings.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "model/snapshot.h"
#include "model/wifi.h"

namespace netfix::model {

class Redactor {
 public:
  /// `seed` 0 takes a random one (pseudonyms differ from run to run, so
  /// that nobody can recompute them); tests pass a fixed seed.
  explicit Redactor(std::uint64_t seed = 0);
  ~Redactor();
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;

  /// Learn every value first (so that no pseudonym equals an original and
  /// neighbouring MACs stay neighbours), then Apply to each snapshot.
  void Learn(const Snapshot& snapshot);
  void Learn(const Survey& survey);
  void Apply(Snapshot* snapshot);
  void Apply(Survey* survey);

  /// The single mappings (for tests and for callers with loose values).
  std::string Mac(const std::string& mac);
  std::string Ip(const std::string& ip);  ///< also "a.b.c.d/len" and "ip%scope"
  ByteString Ssid(const ByteString& ssid);
  std::string Hostname(const std::string& name);
  std::string Serial(const std::string& serial);
  std::string Udn(const std::string& udn);
  /// Replaces every original value the Redactor knows that occurs in `text`.
  std::string Text(const std::string& text);

 private:
  friend class Learner;
  struct Tables;
  std::unique_ptr<Tables> t_;
};

/// One-shot helpers: Learn + Apply with a fresh Redactor.
void Redact(Snapshot* snapshot, std::uint64_t seed = 0);
void Redact(Survey* survey, std::uint64_t seed = 0);

}  // namespace netfix::model
