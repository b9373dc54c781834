// dns-failing: a configured resolver resolves none of the test names. The
// public reference resolvers, when asked, tell a broken resolver from a
// broken internet connection.
#include "check/check.h"

#include <algorithm>

#include "util/strings.h"

namespace netfix::checks {

namespace {

bool Answered(const model::DnsResult& result) {
  for (const auto& q : result.queries)
    if (q.outcome == "ok") return true;
  return false;
}

std::string Describe(const model::DnsQuery& q) {
  std::string value = q.outcome == "ok" ? "NOERROR" : q.rcode.empty() ? q.outcome : q.rcode;
  if (q.outcome == "timeout") value = "timeout";
  return value + " " + util::FormatFixed(q.rtt_ms, 0) + " ms";
}

}  // namespace

void DnsFailing(const check::CheckContext& context, check::FindingSink& out) {
  const model::Snapshot& s = context.snapshot();
  bool any_configured = false;
  for (const auto& r : s.resolvers)
    if (r.source != "reference") any_configured = true;
  if (!any_configured) {
    auto& f = out.Add("resolv.conf");
    f.variant = "no-resolver";
    f.evidence.push_back({"resolvers", "nameserver", "-"});
    return;
  }
  const model::ProbeRecord* dns = s.FindProbe("dns");
  if (dns == nullptr || dns->status != model::ProbeStatus::kOk) {
    out.Skip(dns == nullptr ? "the dns probe did not run"
                            : std::string("the dns probe was ") + model::ToString(dns->status) +
                                  (dns->reason.empty() ? "" : ": " + dns->reason));
    return;
  }

  const auto& results = s.measurements.dns;
  std::vector<std::string> references, working_references;
  for (const auto& r : results) {
    if (r.source != "reference") continue;
    references.push_back(r.resolver);
    if (Answered(r)) working_references.push_back(r.resolver);
  }
  for (const auto& r : results) {
    if (r.source == "reference" || r.queries.empty() || Answered(r)) continue;
    auto& f = out.Add(r.resolver);
    std::vector<std::string> names;
    for (const auto& q : r.queries) {
      if (std::find(names.begin(), names.end(), q.name) == names.end()) names.push_back(q.name);
      f.evidence.push_back({"dns", r.resolver + " " + q.type + " " + q.name, Describe(q)});
    }
    f.params["resolver"] = r.resolver;
    f.params["queries"] = std::to_string(names.size());
    f.params["names"] = util::Join(names, ", ");
    if (!working_references.empty()) {
      f.variant = "resolver-broken";
      f.params["reference"] = working_references.front();
    } else if (!references.empty()) {
      f.variant = "no-internet";
      f.params["references"] = util::Join(references, ", ");
    }
    for (const auto& ref : results) {
      if (ref.source != "reference") continue;
      for (const auto& q : ref.queries)
        f.evidence.push_back({"dns", ref.resolver + " " + q.type + " " + q.name, Describe(q)});
    }
  }
}

}  // namespace netfix::checks
