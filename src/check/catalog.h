// The check catalog: metadata and texts of every check, read from
// checks/<id>/check.md, the single source of both.
//
// check.md format:
//
//   ---
//   id: dns-slow                      # must equal the folder name
//   severity: warning                 # error | warning | info
//   area: internet                    # internet | network | wifi | devices | tv
//                                     # (see "Report areas" below)
//   needs: dns                        # probes whose data the check reads
//   suppressed-by: no-connection      # checks whose finding explains this one
//   param.slow-ms: 300                # a tunable threshold, read by the logic
//   ---
//   # en
//   ## title
//   ...one line...
//   ## found
//   ...what we found, with {placeholders} from the finding's params...
//   ## why
//   ## customer
//   ## technician
//   ## effect                        # what gets better once it is fixed
//   ## found:no-route                # a variant: used instead of "found" for
//   ...                              # findings whose variant is "no-route"
//   # de
//   ...the same sections in German...
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/lang.h"

namespace netfix::check {

/// The user texts of a check in one language.
struct CheckTexts {
  std::string title;       ///< one line, no placeholders
  std::string found;       ///< what we found (placeholders allowed)
  std::string why;         ///< why it matters
  std::string customer;    ///< how to fix it, for the customer
  std::string technician;  ///< how to fix it, for a technician
  std::string effect;      ///< what gets better once it is fixed
  /// Variant sections, keyed "section:variant" (e.g. "found:no-route"): a
  /// finding with that variant reads them instead of the plain section.
  std::map<std::string, std::string> variants;
};

/// The text of `section` ("found", "why", "customer", "technician",
/// "effect") for a
/// finding of `variant`: the variant's own section when the check has one,
/// else the plain section.
const std::string& SectionText(const CheckTexts& texts, std::string_view section,
                               const std::string& variant);

/// The names of the text sections, in file order.
inline constexpr std::array<const char*, 6> kTextSections = {"title",    "found",      "why",
                                                             "customer", "technician", "effect"};

struct CheckInfo {
  std::string id;
  model::Severity severity = model::Severity::kWarning;
  std::string area;
  std::vector<std::string> needs;
  std::vector<std::string> suppressed_by;
  std::map<std::string, double> params;
  std::array<CheckTexts, 2> texts;  ///< indexed by model::Lang

  const CheckTexts& Texts(model::Lang lang) const { return texts[static_cast<int>(lang)]; }
};

/// Report areas: the verdict shows one traffic light per area, and a
/// finding's area is the second key of the fix order (after severity).
///   internet  the way out: the line, the provider's DNS, double NAT, IPv6
///   network   the home network itself: this computer's link, the router,
///             DHCP, repeaters that route instead of bridging
///   wifi      radio: coverage per room, channels, encryption, roaming
///   devices   single devices at home: address conflicts, ports they opened
///   tv        TV and streaming: receivers that apps cannot find
/// The areas a check may belong to, in report order.
const std::vector<std::string>& KnownAreas();

/// Parses one check.md. On failure `error` names the line and the problem.
/// Missing sections are not an error here (the catalog test reports them),
/// so that `netfix explain` still works on a half-written check.
bool ParseCheckDoc(std::string_view text, CheckInfo* info, std::string* error);

/// Replaces {name} placeholders with params[name]; unknown ones stay as they
/// are, so a missing parameter is visible rather than silently empty.
std::string FillPlaceholders(const std::string& text,
                             const std::map<std::string, std::string>& params);

/// The placeholder names used in `text`.
std::vector<std::string> Placeholders(const std::string& text);

class Catalog {
 public:
  /// The catalog compiled into this binary. Aborts with a message if an
  /// embedded check.md does not parse (a build defect, caught by tests).
  static const Catalog& Builtin();

  /// Builds a catalog from (path, contents) pairs; used by Builtin() and tests.
  static bool FromDocs(const std::vector<std::pair<std::string, std::string>>& docs, Catalog* out,
                       std::string* error);

  const std::vector<CheckInfo>& checks() const { return checks_; }
  const CheckInfo* Find(std::string_view id) const;

 private:
  std::vector<CheckInfo> checks_;  // sorted by id
};

}  // namespace netfix::check
