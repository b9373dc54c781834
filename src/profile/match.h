// Applying profile rules to a device.
//
// Semantics (profiles/README.md has the long form):
// - A fact rule matches when any value of the fact matches the pattern.
//   Values are compared without surrounding whitespace. equals / prefix / contains / in ignore
//   ASCII case; regex is ECMAScript, case-insensitive, searched anywhere in the value unless
//   anchored with ^ $, and sees at most the first kRegexInputLimit bytes of a value (device strings
//   are untrusted, and std::regex recurses per character).
// - {"all": [...]} matches when every rule in it matches.
// - A profile matches when any rule in its `match` list matches.
//
// Precedence, when several profiles match one device:
//   1. a vendor profile beats a generic one ("generic": true: miniupnpd,
//      MiniDLNA, gmediarender run inside many vendors' products);
//   2. the more specific matching rule wins (Rule::Specificity(): what the
//      device says about itself counts 2 per condition, what netfix infers
//      counts 1, and an `all` adds its conditions up);
//   3. the profile id, alphabetically, so the answer never depends on the
//      order files were loaded in.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "profile/profile.h"

namespace netfix::profile {

inline constexpr std::size_t kRegexInputLimit = 256;

/// Whether `rule` matches `device`; on a match, appends the facts that made
/// it match to `evidence` (may be null).
bool Matches(const Rule& rule, const inventory::Device& device, std::vector<Evidence>* evidence);

/// The model named by the profile's model_from rules ("FRITZ!Box 7590"), or "".
std::string ModelOf(const Profile& profile, const inventory::Device& device);

/// The product name for a device of `profile` whose model is `model`:
/// the product when there is no model; the model when it already starts with
/// the vendor or the profile has no vendor ("Denon AVR-X1600H"); else
/// "<vendor> <model>" ("AVM" + "FRITZ!Box 7590" = "AVM FRITZ!Box 7590").
std::string ProductName(const Profile& profile, const std::string& model);

/// Whether match `a` takes precedence over match `b` (see above).
bool Precedes(const ProfileMatch& a, const ProfileMatch& b);

}  // namespace netfix::profile
