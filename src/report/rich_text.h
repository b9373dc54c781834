// The check texts are small Markdown-ish documents: paragraphs separated by
// blank lines, list items starting with "1. " or "- ", and `code` in
// backticks. They are parsed once, here, into blocks of spans, and every
// renderer walks the same structure.
//
// Placeholders are filled after parsing, inside each span, so that a value a
// device sent ("{vendor}" = "1. `x`") can never turn into a list or close a
// code span: values are plain text of their span.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace netfix::report {

struct Span {
  std::string text;
  bool code = false;
};

struct Block {
  enum class Kind { kParagraph, kOrderedItem, kBulletItem };
  Kind kind = Kind::kParagraph;
  int number = 0;  ///< for ordered items: the number the source gave
  std::vector<Span> spans;
};

struct RichText {
  std::vector<Block> blocks;
  /// The filled source text, unchanged otherwise (what JSON carries).
  std::string source;

  bool empty() const { return blocks.empty(); }
};

/// Parses `text` and fills its {placeholders} from `params`. Lines of a
/// paragraph are joined with a space; a line that does not start a new item
/// continues the item above; runs of spaces collapse to one.
RichText ParseRichText(std::string_view text, const std::map<std::string, std::string>& params);

/// The text of a block without markup (code spans lose their backticks).
std::string PlainText(const Block& block);

}  // namespace netfix::report
