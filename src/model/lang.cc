#include "model/lang.h"

namespace netfix::model {

const char* ToString(Lang lang) {
  return lang == Lang::kDe ? "de" : "en";
}

std::optional<Lang> LangFromString(const std::string& text) {
  if (text == "en") return Lang::kEn;
  if (text == "de") return Lang::kDe;
  return std::nullopt;
}

Lang LangFromLocale(const char* lc_all, const char* lc_messages, const char* lang) {
  for (const char* value : {lc_all, lc_messages, lang}) {
    if (value == nullptr || *value == '\0') continue;
    std::string v(value);
    return (v.size() >= 2 && v[0] == 'd' && v[1] == 'e' &&
            (v.size() == 2 || v[2] == '_' || v[2] == '.' || v[2] == '@'))
               ? Lang::kDe
               : Lang::kEn;
  }
  return Lang::kEn;
}

}  // namespace netfix::model
