// Escaping of text for the report formats.
//
// Strings from the snapshot (vendor names, probe details, anything a device
// sent) are arbitrary bytes. Printed raw, an ESC or a C1 control could move
// the cursor, recolor or retitle the terminal, and invalid UTF-8 garbles the
// line. So before any text reaches a report it goes through EscapeUntrusted:
// every control character, every bidi override and every invalid byte
// becomes a visible escape ("\x1b", "\u202e", "\xff"), and valid text,
// umlauts included, stays as it is. The format escapes (HTML, Markdown) are
// applied on top.
#pragma once

#include <string>
#include <string_view>

namespace netfix::report {

/// Decodes the UTF-8 sequence at text[pos] into *code_point. Returns its
/// length (1-4), or 0 when the bytes there are not valid UTF-8 (stray
/// continuation byte, truncated or overlong sequence, surrogate, > U+10FFFF).
int DecodeUtf8(std::string_view text, size_t pos, char32_t* code_point);

/// Control characters (C0 including tab and newline, DEL, C1), bidi and
/// line-separator code points become "\xHH" / "\uHHHH"; invalid UTF-8 bytes
/// become "\xHH". Everything else passes unchanged.
std::string EscapeUntrusted(std::string_view text);

/// EscapeUntrusted, then & < > " ' as character references.
std::string EscapeHtml(std::string_view text);

/// EscapeUntrusted, then a backslash before every character that Markdown
/// (CommonMark + GitHub tables) could read as markup: \ ` * _ [ ] < > | ~ &,
/// and a leading # + - = or "1." that could start a block.
std::string EscapeMarkdown(std::string_view text);

/// A Markdown code span of `text` (escaped with EscapeUntrusted), fenced with
/// more backticks than any run inside it so that it cannot be closed early.
std::string MarkdownCodeSpan(std::string_view text);

/// Terminal columns `text` takes: code points, with East Asian wide
/// characters counted as two, combining marks as zero, and ANSI CSI
/// sequences ("\x1b[1;31m") as zero.
int DisplayWidth(std::string_view text);

}  // namespace netfix::report
