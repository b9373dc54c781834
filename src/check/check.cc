#include "check/check.h"

namespace netfix::check {

const wifi::Analysis& CheckContext::wifi() const {
  if (wifi_ != nullptr) return *wifi_;
  if (!own_wifi_) own_wifi_ = wifi::Analyse(snapshot_, inventory_);
  return *own_wifi_;
}

double CheckContext::Param(const std::string& name) const {
  auto it = info_.params.find(name);
  return it == info_.params.end() ? 0 : it->second;
}

bool CheckContext::ProbeOk(const std::string& id) const {
  const model::ProbeRecord* probe = snapshot_.FindProbe(id);
  return probe != nullptr && probe->status == model::ProbeStatus::kOk;
}

model::Finding& FindingSink::Add(std::string subject) {
  findings_.emplace_back();
  findings_.back().subject = std::move(subject);
  return findings_.back();
}

}  // namespace netfix::check
