// Small string helpers with no dependencies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netfix::util {

std::string Trim(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::string ToLower(std::string_view text);
/// Splits on '\n' (a trailing '\r' is dropped from each line).
std::vector<std::string> SplitLines(std::string_view text);
/// Splits on runs of spaces, tabs and commas.
std::vector<std::string> SplitWords(std::string_view text);
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

/// Edit distance (optimal string alignment), for "did you mean".
int EditDistance(std::string_view a, std::string_view b);
/// The candidate closest to `word` if it is close enough to be a likely typo.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// Formats a number with a fixed number of decimals ("%.1f").
std::string FormatFixed(double value, int decimals);

}  // namespace netfix::util
