#include "report/text_layout.h"

#include <algorithm>
#include <numeric>

#include "report/sanitize.h"

namespace netfix::report {

namespace {

const char* Sgr(Style style) {
  switch (style) {
    case Style::kPlain: return "";
    case Style::kBold: return "1";
    case Style::kDim: return "2";
    case Style::kCode: return "36";
    case Style::kError: return "1;31";
    case Style::kWarning: return "1;33";
    case Style::kInfo: return "1;36";
    case Style::kOk: return "1;32";
  }
  return "";
}

using Word = Pieces;  // the fragments of one word, each with its style

int Width(const Pieces& pieces) {
  int width = 0;
  for (const Piece& p : pieces) width += DisplayWidth(p.text);
  return width;
}

std::vector<Word> SplitWords(const Pieces& pieces) {
  std::vector<Word> words;
  Word current;
  for (const Piece& piece : pieces) {
    std::string text = EscapeUntrusted(piece.text);
    std::string fragment;
    auto flush_fragment = [&] {
      if (!fragment.empty()) current.push_back({fragment, piece.style});
      fragment.clear();
    };
    for (char c : text) {
      if (c == ' ') {
        flush_fragment();
        if (!current.empty()) words.push_back(std::move(current));
        current.clear();
      } else {
        fragment += c;
      }
    }
    flush_fragment();
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// Cuts `word` into chunks of at most `width` columns, at code point bounds.
std::vector<Word> BreakWord(const Word& word, int width) {
  std::vector<Word> chunks(1);
  int used = 0;
  for (const Piece& piece : word) {
    std::string part;
    auto flush = [&] {
      if (!part.empty()) chunks.back().push_back({part, piece.style});
      part.clear();
    };
    for (size_t i = 0; i < piece.text.size();) {
      char32_t c = 0;
      int length = std::max(1, DecodeUtf8(piece.text, i, &c));
      std::string glyph = piece.text.substr(i, length);
      int w = DisplayWidth(glyph);
      if (used + w > width && used > 0) {
        flush();
        chunks.emplace_back();
        used = 0;
      }
      part += glyph;
      used += w;
      i += length;
    }
    flush();
  }
  return chunks;
}

std::vector<Pieces> Fill(const std::vector<Word>& words, int width) {
  std::vector<Pieces> lines;
  Pieces line;
  int used = 0;
  for (const Word& word : words) {
    int w = Width(word);
    if (!line.empty() && used + 1 + w > width) {
      lines.push_back(std::move(line));
      line.clear();
      used = 0;
    }
    if (!line.empty()) {
      line.push_back({" ", Style::kPlain});
      ++used;
    }
    line.insert(line.end(), word.begin(), word.end());
    used += w;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// One line of at most `width` columns, ending in "…" when cut.
Piece Truncate(const Piece& cell, int width) {
  std::string text = EscapeUntrusted(cell.text);
  if (DisplayWidth(text) <= width) return {text, cell.style};
  std::string cut;
  int used = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = 0;
    int length = std::max(1, DecodeUtf8(text, i, &c));
    std::string glyph = text.substr(i, length);
    int w = DisplayWidth(glyph);
    if (used + w > width - 1) break;
    cut += glyph;
    used += w;
    i += length;
  }
  while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',')) cut.pop_back();
  return {cut + "…", cell.style};
}

}  // namespace

std::vector<Pieces> Wrap(const Pieces& pieces, int width) {
  return Fill(SplitWords(pieces), std::max(1, width));
}

std::string Paint(const Pieces& line, bool color) {
  // Runs of one style get one escape sequence: a space between two words of
  // the same style joins their run.
  Pieces runs;
  for (size_t i = 0; i < line.size(); ++i) {
    const Piece& piece = line[i];
    bool blank = piece.text.find_first_not_of(' ') == std::string::npos;
    bool joins =
        !runs.empty() && (piece.style == runs.back().style ||
                          (blank && i + 1 < line.size() && line[i + 1].style == runs.back().style));
    if (joins)
      runs.back().text += piece.text;
    else
      runs.push_back(piece);
  }
  std::string out;
  for (const Piece& run : runs) {
    const char* sgr = Sgr(run.style);
    if (color && *sgr && !run.text.empty()) {
      out += "\x1b[";
      out += sgr;
      out += "m" + run.text + "\x1b[0m";
    } else {
      out += run.text;
    }
  }
  size_t end = out.find_last_not_of(' ');
  out.resize(end == std::string::npos ? 0 : end + 1);
  return out;
}

TextWriter::TextWriter(int width, bool color) : width_(std::max(width, 20)), color_(color) {}

void TextWriter::Heading(std::string_view title) {
  Blank();
  std::string text = EscapeUntrusted(title);
  lines_.push_back(Paint({{text, Style::kBold}}, color_));
  std::string rule;
  for (int i = 0; i < DisplayWidth(text); ++i) rule += "─";
  lines_.push_back(Paint({{rule, Style::kDim}}, color_));
}

void TextWriter::Paragraph(const Pieces& pieces, int indent, const Pieces& marker) {
  Pieces escaped_marker;
  for (const Piece& p : marker) escaped_marker.push_back({EscapeUntrusted(p.text), p.style});
  int hang = indent + Width(escaped_marker);
  std::vector<Pieces> lines = Wrap(pieces, width_ - hang);
  if (lines.empty()) lines.emplace_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    Pieces line;
    if (i == 0) {
      line.push_back({std::string(indent, ' ')});
      line.insert(line.end(), escaped_marker.begin(), escaped_marker.end());
    } else {
      line.push_back({std::string(hang, ' ')});
    }
    line.insert(line.end(), lines[i].begin(), lines[i].end());
    lines_.push_back(Paint(line, color_));
  }
}

void TextWriter::Table(const std::vector<Column>& columns, const std::vector<Pieces>& rows,
                       int indent) {
  const int gap = 2;
  const size_t count = columns.size();
  if (count == 0) return;
  bool has_header = std::any_of(columns.begin(), columns.end(),
                                [](const Column& c) { return !c.header.empty(); });

  // Natural widths, then shrink the widest column until the table fits:
  // first down to each column's floor (the longest word of a wrapping
  // column, so that addresses stay whole; a few characters of a truncating
  // one), then, if that is not enough, down to a few columns each.
  std::vector<int> widths(count, 0), floors(count, 0);
  auto measure = [&](size_t c, const Piece& cell) {
    widths[c] = std::max(widths[c], DisplayWidth(EscapeUntrusted(cell.text)));
    for (const Word& word : SplitWords({cell})) floors[c] = std::max(floors[c], Width(word));
  };
  for (size_t c = 0; c < count; ++c) measure(c, {columns[c].header});
  for (const auto& row : rows)
    for (size_t c = 0; c < count && c < row.size(); ++c) measure(c, row[c]);
  const int kLongestKeptWord = 20, kTruncatedFloor = 12, kNarrowest = 6;
  for (size_t c = 0; c < count; ++c)
    floors[c] = columns[c].truncate ? std::min(widths[c], kTruncatedFloor)
                                    : std::min(floors[c], kLongestKeptWord);
  const int available = width_ - indent - gap * static_cast<int>(count - 1);
  for (int pass = 0; pass < 2; ++pass) {
    while (std::accumulate(widths.begin(), widths.end(), 0) > available) {
      int widest = -1;
      for (size_t c = 0; c < count; ++c) {
        int floor = pass == 0 ? floors[c] : kNarrowest;
        if (widths[c] > floor && (widest < 0 || widths[c] > widths[widest])) widest = c;
      }
      if (widest < 0) break;
      --widths[widest];
    }
  }

  auto cell_lines = [&](const Piece& cell, size_t c) -> std::vector<Pieces> {
    if (columns[c].truncate) return {{Truncate(cell, widths[c])}};
    std::vector<Word> words;
    for (Word& word : SplitWords({cell}))
      for (Word& chunk : BreakWord(word, widths[c])) words.push_back(std::move(chunk));
    return Fill(words, widths[c]);
  };
  auto emit_row = [&](const Pieces& row) {
    std::vector<std::vector<Pieces>> cells(count);
    size_t height = 1;
    for (size_t c = 0; c < count; ++c) {
      if (c < row.size()) cells[c] = cell_lines(row[c], c);
      height = std::max(height, cells[c].size());
    }
    for (size_t l = 0; l < height; ++l) {
      Pieces line = {{std::string(indent, ' ')}};
      for (size_t c = 0; c < count; ++c) {
        int used = 0;
        if (l < cells[c].size()) {
          line.insert(line.end(), cells[c][l].begin(), cells[c][l].end());
          used = Width(cells[c][l]);
        }
        if (c + 1 < count) line.push_back({std::string(widths[c] - used + gap, ' ')});
      }
      lines_.push_back(Paint(line, color_));
    }
  };

  if (has_header) {
    Pieces header;
    for (const Column& column : columns) header.push_back({column.header, Style::kBold});
    emit_row(header);
    Pieces rule = {{std::string(indent, ' ')}};
    for (size_t c = 0; c < count; ++c) {
      std::string dashes;
      for (int i = 0; i < widths[c]; ++i) dashes += "─";
      rule.push_back({dashes, Style::kDim});
      if (c + 1 < count) rule.push_back({std::string(gap, ' ')});
    }
    lines_.push_back(Paint(rule, color_));
  }
  for (const auto& row : rows) emit_row(row);
}

void TextWriter::Blank() {
  if (!lines_.empty() && !lines_.back().empty()) lines_.push_back("");
}

void TextWriter::Line(const Pieces& line) {
  Pieces escaped;
  for (const Piece& p : line) escaped.push_back({EscapeUntrusted(p.text), p.style});
  lines_.push_back(Paint(escaped, color_));
}

std::string TextWriter::str() const {
  std::string out;
  for (const auto& line : lines_) out += line + "\n";
  // No blank line at the end.
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

}  // namespace netfix::report
