// Layout for the terminal report: word wrapping, hanging indents, tables and
// ANSI styles, measured in terminal columns.
//
// Every piece of text is passed through EscapeUntrusted on its way in, so
// the text renderer cannot forget to escape a device string; colors are
// added after layout, so they never count towards the width.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netfix::report {

enum class Style { kPlain, kBold, kDim, kCode, kError, kWarning, kInfo, kOk };

struct Piece {
  std::string text;
  Style style = Style::kPlain;
};

using Pieces = std::vector<Piece>;

/// Fills lines of at most `width` columns with the words of `pieces` (split
/// at spaces; a word may span pieces, as in "`ping`,"). A word wider than
/// `width` gets a line of its own rather than being broken. Text is escaped.
std::vector<Pieces> Wrap(const Pieces& pieces, int width);

/// The line as a string, with ANSI SGR codes when `color`; trailing spaces
/// are dropped.
std::string Paint(const Pieces& line, bool color);

/// Accumulates the lines of a text report.
class TextWriter {
 public:
  TextWriter(int width, bool color);

  /// A section heading: the title in bold, underlined with a rule.
  void Heading(std::string_view title);
  /// A wrapped paragraph: `marker` ("1. ", "- ", a badge) starts the first
  /// line at `indent`, and the following lines hang under the text.
  void Paragraph(const Pieces& pieces, int indent, const Pieces& marker = {});
  struct Column {
    std::string header;
    /// Cut the cell to one line ending in "…" instead of wrapping it (for
    /// long free text such as vendor names, which would make rows tall).
    bool truncate = false;
  };
  /// A table whose columns shrink to fit the width: wrapping cells first
  /// down to their longest word, truncating cells down to a few characters,
  /// and only then by breaking words. One piece per cell. No header row when
  /// every header is empty.
  void Table(const std::vector<Column>& columns, const std::vector<Pieces>& rows, int indent);
  /// One empty line (never two in a row, never at the start).
  void Blank();
  /// One line as given (not wrapped).
  void Line(const Pieces& line);

  int width() const { return width_; }
  bool color() const { return color_; }
  std::string str() const;

 private:
  int width_;
  bool color_;
  std::vector<std::string> lines_;
};

}  // namespace netfix::report
