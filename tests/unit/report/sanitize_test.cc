#include "report/sanitize.h"

#include <catch2/catch.hpp>

namespace netfix::report {
namespace {

TEST_CASE("EscapeUntrusted makes terminal escapes visible", "[report][sanitize]") {
  CHECK(EscapeUntrusted("Evil\x1b[31mCorp") == "Evil\\x1b[31mCorp");
  CHECK(EscapeUntrusted("a\x1b]0;title\x07z") == "a\\x1b]0;title\\x07z");  // OSC: retitle
  CHECK(EscapeUntrusted("tab\tnew\nline\r") == "tab\\x09new\\x0aline\\x0d");
  CHECK(EscapeUntrusted("del\x7f") == "del\\x7f");
  // C1 controls arrive as two UTF-8 bytes; U+009B is a one-character CSI.
  CHECK(EscapeUntrusted("x\xc2\x9b"
                        "31m") == "x\\u009b31m");
  CHECK(EscapeUntrusted("\xc2\x80") == "\\u0080");
  // Bidi overrides would let a name read backwards.
  CHECK(EscapeUntrusted("abc\xe2\x80\xae"
                        "def") == "abc\\u202edef");
}

TEST_CASE("EscapeUntrusted shows invalid UTF-8 bytes as \\xHH", "[report][sanitize]") {
  CHECK(EscapeUntrusted("caf\xff") == "caf\\xff");
  CHECK(EscapeUntrusted("\xc3") == "\\xc3");                             // truncated sequence
  CHECK(EscapeUntrusted("\xc0\xaf") == "\\xc0\\xaf");                    // overlong '/'
  CHECK(EscapeUntrusted("\xed\xa0\x80") == "\\xed\\xa0\\x80");           // surrogate
  CHECK(EscapeUntrusted("\x80x") == "\\x80x");                           // stray continuation byte
  CHECK(EscapeUntrusted("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // > U+10FFFF
}

TEST_CASE("EscapeUntrusted keeps valid text, German included", "[report][sanitize]") {
  const std::string german = "Müller Netzwerktechnik GmbH – Gerät für Wohnzimmer, Straße 5 ß ÄÖÜ";
  CHECK(EscapeUntrusted(german) == german);
  CHECK(EscapeUntrusted("日本 😀 backslash\\") == "日本 😀 backslash\\");
  CHECK(EscapeUntrusted("") == "");
}

TEST_CASE("EscapeHtml escapes markup after the control characters", "[report][sanitize]") {
  CHECK(EscapeHtml("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(EscapeHtml("a\x1b"
                   "b") == "a\\x1bb");
  CHECK(EscapeHtml("Gerät") == "Gerät");
}

TEST_CASE("EscapeMarkdown neutralises tables, links and emphasis", "[report][sanitize]") {
  CHECK(EscapeMarkdown("a | b") == "a \\| b");
  CHECK(EscapeMarkdown("[x](http://evil)") == "\\[x\\](http://evil)");
  CHECK(EscapeMarkdown("*bold* _it_ `code` <b> &amp; ~s~") ==
        "\\*bold\\* \\_it\\_ \\`code\\` \\<b\\> \\&amp; \\~s\\~");
  CHECK(EscapeMarkdown("# heading") == "\\# heading");
  CHECK(EscapeMarkdown("- item") == "\\- item");
  CHECK(EscapeMarkdown("1. item") == "1\\. item");
  CHECK(EscapeMarkdown("## x") == "\\## x");
  CHECK(EscapeMarkdown("---") == "\\---");
  CHECK(EscapeMarkdown("3) x") == "3\\) x");
  CHECK(EscapeMarkdown("192.168.178.1") == "192.168.178.1");  // an address is not a list
  CHECK(EscapeMarkdown("-x #1 +y") == "-x #1 +y");
  CHECK(EscapeMarkdown("AVM GmbH - Berlin") == "AVM GmbH - Berlin");
  CHECK(EscapeMarkdown("x\x1b[31m") == "x\\\\x1b\\[31m");
}

TEST_CASE("MarkdownCodeSpan cannot be closed by its content", "[report][sanitize]") {
  CHECK(MarkdownCodeSpan("dig @1.1.1.1") == "`dig @1.1.1.1`");
  CHECK(MarkdownCodeSpan("a`b") == "``a`b``");
  CHECK(MarkdownCodeSpan("`x``") == "``` `x`` ```");
  CHECK(MarkdownCodeSpan("e\x1b") == "`e\\x1b`");
}

TEST_CASE("DisplayWidth counts terminal columns", "[report][sanitize]") {
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("Geräte") == 6);
  CHECK(DisplayWidth("─────") == 5);
  CHECK(DisplayWidth("\x1b[1;31mFehler\x1b[0m") == 6);
  CHECK(DisplayWidth("日本") == 4);
  CHECK(DisplayWidth("e\xcc\x81") == 1);  // e + combining acute
}

}  // namespace
}  // namespace netfix::report
