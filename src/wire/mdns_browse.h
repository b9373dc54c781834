// DNS-SD browsing state: collects the records of many mDNS answers (from
// many responders, in any order, often as additional records) into services
// with their host, port, addresses and TXT, and says which questions are
// still worth asking (PTR for newly seen types, SRV/TXT for instances,
// A/AAAA for hosts). Pure: the mDNS probe feeds it what arrives.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/snapshot.h"
#include "wire/mdns.h"

namespace netfix::wire {

class MdnsBrowse {
 public:
  /// Records of one response from `from_ip` (queries are ignored).
  void Add(const MdnsMessage& message, const std::string& from_ip);

  /// Marks questions as asked, so that FollowUps() does not repeat them.
  void MarkAsked(const std::vector<MdnsQuestion>& questions);

  /// Questions not asked yet that would complete what is known: PTR for
  /// each type seen in the _services meta-answer, SRV and TXT for instances
  /// missing them, A and AAAA for hosts without an address. Each question is
  /// returned once; they count as asked.
  std::vector<MdnsQuestion> FollowUps();

  /// Services sorted by type then instance; types as "_googlecast._tcp".
  model::MdnsResult Result() const;

  int responders() const { return static_cast<int>(responders_.size()); }
  std::size_t instance_count() const { return instances_.size(); }

 private:
  struct Instance {
    std::string name;  ///< full instance name, as first seen
    std::string type;  ///< "_googlecast._tcp"
    std::string from_ip;
    bool has_srv = false;
    std::string host;
    int port = 0;
    bool has_txt = false;
    std::vector<std::string> txt;
  };
  Instance& FindInstance(const std::string& name, const std::string& type);
  bool Ask(std::vector<MdnsQuestion>& out, const std::string& name, std::uint16_t type);

  std::map<std::string, Instance> instances_;  // by lower-case name
  std::map<std::string, std::string> types_;   // lower-case -> as seen (from _services)
  std::map<std::string, std::vector<std::string>> addresses_;  // by lower-case host
  std::set<std::string> responders_;
  std::set<std::string> asked_;  // lower-case name + "/" + type
};

/// "_googlecast._tcp" for "_googlecast._tcp.local", or for an instance
/// "TV._googlecast._tcp.local" (the last three labels); "" when the name
/// does not end in _<service>._tcp|_udp.local.
std::string DnsSdServiceType(const std::string& name);

}  // namespace netfix::wire
