// The languages every user-facing text exists in.
#pragma once

#include <array>
#include <optional>
#include <string>

namespace netfix::model {

enum class Lang { kEn = 0, kDe = 1 };

inline constexpr std::array<Lang, 2> kAllLangs = {Lang::kEn, Lang::kDe};

const char* ToString(Lang lang);  ///< "en" | "de"
std::optional<Lang> LangFromString(const std::string& text);

/// The language a POSIX locale asks for, following the precedence of
/// setlocale(3): LC_ALL, then LC_MESSAGES, then LANG; the first one that is
/// set and not empty decides. "de", "de_DE.UTF-8", "de_AT" ... give German;
/// everything else (including "C" and unset) gives English.
Lang LangFromLocale(const char* lc_all, const char* lc_messages, const char* lang);

}  // namespace netfix::model
