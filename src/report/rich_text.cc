#include "report/rich_text.h"

#include "check/catalog.h"
#include "util/strings.h"

namespace netfix::report {

namespace {

// "1. text" / "12) text" -> number and the offset of the text; 0 if not an item.
size_t OrderedMarker(const std::string& line, int* number) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == 0 || i + 1 >= line.size()) return 0;
  if ((line[i] != '.' && line[i] != ')') || line[i + 1] != ' ') return 0;
  *number = std::stoi(line.substr(0, i));
  return i + 2;
}

size_t BulletMarker(const std::string& line) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') return 2;
  return 0;
}

// Splits on backticks into plain and code spans; an unpaired backtick is
// plain text.
std::vector<Span> SplitSpans(const std::string& text) {
  std::vector<Span> spans;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('`', pos);
    size_t close = open == std::string::npos ? std::string::npos : text.find('`', open + 1);
    if (close == std::string::npos) {
      spans.push_back({text.substr(pos), false});
      break;
    }
    if (open > pos) spans.push_back({text.substr(pos, open - pos), false});
    if (close > open + 1) spans.push_back({text.substr(open + 1, close - open - 1), true});
    pos = close + 1;
  }
  return spans;
}

std::string CollapseSpaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() == ' ') continue;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

RichText ParseRichText(std::string_view text, const std::map<std::string, std::string>& params) {
  RichText rich;
  rich.source = util::Trim(check::FillPlaceholders(std::string(text), params));

  std::vector<std::pair<Block, std::string>> raw;  // block + its joined source text
  bool open = false;
  for (const std::string& full_line : util::SplitLines(text)) {
    std::string line = util::Trim(full_line);
    if (line.empty()) {
      open = false;
      continue;
    }
    int number = 0;
    if (size_t at = OrderedMarker(line, &number); at > 0) {
      raw.push_back({Block{Block::Kind::kOrderedItem, number, {}}, line.substr(at)});
    } else if (size_t at = BulletMarker(line); at > 0) {
      raw.push_back({Block{Block::Kind::kBulletItem, 0, {}}, line.substr(at)});
    } else if (open) {
      raw.back().second += " " + line;
    } else {
      raw.push_back({Block{}, line});
    }
    open = true;
  }

  for (auto& [block, source] : raw) {
    for (Span& span : SplitSpans(util::Trim(source))) {
      if (!span.code) span.text = CollapseSpaces(span.text);
      span.text = check::FillPlaceholders(span.text, params);
      if (!span.text.empty()) block.spans.push_back(std::move(span));
    }
    if (!block.spans.empty()) rich.blocks.push_back(std::move(block));
  }
  return rich;
}

std::string PlainText(const Block& block) {
  std::string out;
  for (const Span& span : block.spans) out += span.text;
  return out;
}

}  // namespace netfix::report
