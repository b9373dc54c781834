#include "inventory/facts.h"

#include <algorithm>

namespace netfix::inventory::facts {

bool IsKnown(std::string_view key) {
  if (key.size() > kMdnsTxtPrefix.size() && key.substr(0, kMdnsTxtPrefix.size()) == kMdnsTxtPrefix)
    return true;
  return key != kMdnsTxtPrefix && std::find(kAll.begin(), kAll.end(), key) != kAll.end();
}

}  // namespace netfix::inventory::facts
