#include "wire/mdns_browse.h"

#include <algorithm>

#include "wire/dns.h"

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxInstances = 256;
constexpr std::size_t kMaxAddressesPerHost = 16;
constexpr std::size_t kMaxTxtStrings = 64;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string WithoutLocal(const std::string& name) {
  if (name.size() > 6 && Lower(name.substr(name.size() - 6)) == ".local")
    return name.substr(0, name.size() - 6);
  return name;
}

}  // namespace

std::string DnsSdServiceType(const std::string& name) {
  auto labels = SplitDnsName(name);
  if (!labels || labels->size() < 3) return "";
  const auto& l = *labels;
  std::size_t n = l.size();
  std::string proto = Lower(l[n - 2]);
  if (Lower(l[n - 1]) != "local" || (proto != "_tcp" && proto != "_udp")) return "";
  if (l[n - 3].size() < 2 || l[n - 3].front() != '_') return "";
  return l[n - 3] + "." + l[n - 2];
}

MdnsBrowse::Instance& MdnsBrowse::FindInstance(const std::string& name, const std::string& type) {
  auto [it, inserted] = instances_.try_emplace(Lower(name));
  if (inserted) {
    it->second.name = name;
    it->second.type = type;
  }
  return it->second;
}

void MdnsBrowse::Add(const MdnsMessage& message, const std::string& from_ip) {
  if (!message.is_response) return;
  bool any = false;
  auto room = [&](const std::string& name) {
    return instances_.size() < kMaxInstances || instances_.count(Lower(name)) > 0;
  };
  for (const auto& r : message.records) {
    if (r.klass != kDnsClassIn) continue;
    any = true;
    if (r.type == kDnsTypePtr) {
      if (DnsNamesEqual(r.name, kDnsSdServices)) {
        std::string type = DnsSdServiceType(r.target);
        if (!type.empty() && DnsNamesEqual(WithoutLocal(r.target), type))
          types_.try_emplace(Lower(type), type);
        continue;
      }
      std::string type = DnsSdServiceType(r.name);
      // A PTR from a type (or a "_sub" subtype) to an instance of it.
      if (type.empty() || r.target.empty() || DnsSdServiceType(r.target) != type ||
          DnsNamesEqual(WithoutLocal(r.target), type) || !room(r.target))
        continue;
      Instance& instance = FindInstance(r.target, type);
      if (instance.from_ip.empty()) instance.from_ip = from_ip;
    } else if (r.type == kDnsTypeSrv || r.type == kDnsTypeTxt) {
      std::string type = DnsSdServiceType(r.name);
      if (type.empty() || DnsNamesEqual(WithoutLocal(r.name), type) || !room(r.name)) continue;
      Instance& instance = FindInstance(r.name, type);
      if (r.type == kDnsTypeSrv) {
        if (instance.has_srv) continue;
        instance.has_srv = true;
        instance.host = r.target;
        instance.port = r.port;
        instance.from_ip = from_ip;  // who answers for it
      } else {
        if (instance.has_txt) continue;
        instance.has_txt = true;
        instance.txt.assign(r.txt.begin(), r.txt.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                               r.txt.size(), kMaxTxtStrings)));
        if (instance.from_ip.empty()) instance.from_ip = from_ip;
      }
    } else if ((r.type == kDnsTypeA || r.type == kDnsTypeAaaa) && !r.address.empty()) {
      auto& list = addresses_[Lower(r.name)];
      if (list.size() < kMaxAddressesPerHost &&
          std::find(list.begin(), list.end(), r.address) == list.end())
        list.push_back(r.address);
    }
  }
  if (any) responders_.insert(from_ip);
}

bool MdnsBrowse::Ask(std::vector<MdnsQuestion>& out, const std::string& name, std::uint16_t type) {
  if (!asked_.insert(Lower(name) + "/" + std::to_string(type)).second) return false;
  out.push_back({name, type, false});
  return true;
}

void MdnsBrowse::MarkAsked(const std::vector<MdnsQuestion>& questions) {
  for (const auto& q : questions) asked_.insert(Lower(q.name) + "/" + std::to_string(q.type));
}

std::vector<MdnsQuestion> MdnsBrowse::FollowUps() {
  std::vector<MdnsQuestion> out;
  for (const auto& [key, type] : types_) Ask(out, type + ".local", kDnsTypePtr);
  for (const auto& [key, instance] : instances_) {
    if (!instance.has_srv) Ask(out, instance.name, kDnsTypeSrv);
    if (!instance.has_txt) Ask(out, instance.name, kDnsTypeTxt);
    if (instance.has_srv && !instance.host.empty() && addresses_.count(Lower(instance.host)) == 0) {
      Ask(out, instance.host, kDnsTypeA);
      Ask(out, instance.host, kDnsTypeAaaa);
    }
  }
  return out;
}

model::MdnsResult MdnsBrowse::Result() const {
  model::MdnsResult out;
  for (const auto& [key, type] : types_) out.service_types.push_back(type);
  for (const auto& [key, instance] : instances_) {
    model::MdnsService s;
    s.instance = instance.name;
    s.type = instance.type;
    s.host = instance.host;
    s.port = instance.port;
    if (auto it = addresses_.find(Lower(instance.host)); it != addresses_.end()) {
      s.addresses = it->second;
      std::stable_sort(
          s.addresses.begin(), s.addresses.end(), [](const std::string& a, const std::string& b) {
            return (a.find(':') == std::string::npos) > (b.find(':') == std::string::npos);
          });
    }
    s.txt = ParseTxtStrings(instance.txt);
    s.from_ip = instance.from_ip;
    out.services.push_back(std::move(s));
  }
  std::stable_sort(out.services.begin(), out.services.end(),
                   [](const model::MdnsService& a, const model::MdnsService& b) {
                     std::string ta = Lower(a.type), tb = Lower(b.type);
                     if (ta != tb) return ta < tb;
                     return Lower(a.instance) < Lower(b.instance);
                   });
  out.responders = responders();
  return out;
}

}  // namespace netfix::wire
