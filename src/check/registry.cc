// The registry: one line per check folder, sorted by id. Adding a check means
// creating checks/<id>/ (check.md, check.cc, fixtures) and one line here; the
// catalog test fails when the two disagree.
#include "check/check.h"

namespace netfix::checks {
void DnsFailing(const check::CheckContext&, check::FindingSink&);
void DnsSlow(const check::CheckContext&, check::FindingSink&);
void GatewayUnreachable(const check::CheckContext&, check::FindingSink&);
void IpAddressConflict(const check::CheckContext&, check::FindingSink&);
void NoConnection(const check::CheckContext&, check::FindingSink&);
}  // namespace netfix::checks

namespace netfix::check {

const std::vector<RegisteredCheck>& Registry() {
  static const std::vector<RegisteredCheck> registry = {
      {"dns-failing", &checks::DnsFailing},
      {"dns-slow", &checks::DnsSlow},
      {"gateway-unreachable", &checks::GatewayUnreachable},
      {"ip-address-conflict", &checks::IpAddressConflict},
      {"no-connection", &checks::NoConnection},
  };
  return registry;
}

}  // namespace netfix::check
