// The catalog as a man page (roff, man macros): netfix-checks(7). Generated,
// never written by hand, so that it cannot drift from checks/*/check.md.
#include <cctype>

#include "report/catalog_text.h"
#include "report/strings.h"
#include "util/strings.h"
#include "version.h"

namespace netfix::report {

using model::Lang;

namespace {

// Plain text for roff: backslashes escaped, and a line that would start
// with a control character ('.' or '\'') made literal.
std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else
      out += c;
  }
  return out;
}

std::string LineStart(const std::string& line) {
  return !line.empty() && (line[0] == '.' || line[0] == '\'') ? "\\&" + line : line;
}

// A word the reader types (id, option, command): hyphens as minus signs, so
// that copying from the rendered page gives ASCII.
std::string Literal(const std::string& text) {
  std::string out;
  for (char c : Escape(text)) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

// Inline markup of the check texts: `code` in bold, {placeholder} in italics.
std::string Inline(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '`') {
      size_t end = text.find('`', i + 1);
      if (end != std::string::npos) {
        out += "\\fB" + Literal(text.substr(i + 1, end - i - 1)) + "\\fR";
        i = end;
        continue;
      }
    }
    if (c == '{') {
      size_t end = text.find('}', i + 1);
      if (end != std::string::npos && end > i + 1) {
        out += "\\fI{" + Escape(text.substr(i + 1, end - i - 1)) + "}\\fR";
        i = end;
        continue;
      }
    }
    out += c == '\\' ? std::string("\\e") : std::string(1, c);
  }
  return out;
}

// One text of a check.md section: paragraphs, "1." and "-" lists.
std::string Block(const std::string& text) {
  std::string out;
  bool paragraph_open = false;
  for (const auto& raw : util::SplitLines(util::Trim(text))) {
    std::string line = std::string(util::Trim(raw));
    if (line.empty()) {
      paragraph_open = false;
      continue;
    }
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits > 0 && digits + 1 < line.size() && line[digits] == '.' && line[digits + 1] == ' ') {
      out += ".IP " + line.substr(0, digits + 1) + " 4\n" +
             LineStart(Inline(std::string(util::Trim(line.substr(digits + 2))))) + "\n";
      paragraph_open = true;
      continue;
    }
    if (line.size() > 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
      out += ".IP \\(bu 2\n" + LineStart(Inline(std::string(util::Trim(line.substr(2))))) + "\n";
      paragraph_open = true;
      continue;
    }
    if (!paragraph_open) out += ".PP\n";
    out += LineStart(Inline(line)) + "\n";
    paragraph_open = true;
  }
  return out;
}

std::string Heading(const std::string& text) {
  return ".PP\n.B \"" + Escape(text) + "\"\n";
}

std::string Section(const check::CheckTexts& t, const char* key, Str heading, Lang lang) {
  std::string out;
  const std::string& plain = check::SectionText(t, key, "");
  if (!util::Trim(plain).empty()) out += Heading(Text(heading, lang)) + Block(plain);
  for (const auto& [name, text] : t.variants) {
    if (!util::StartsWith(name, std::string(key) + ":")) continue;
    out += Heading(Text(Str::kExplainVariant, lang, {{"name", name.substr(name.find(':') + 1)}}) +
                   ": " + Text(heading, lang)) +
           Block(text);
  }
  return out;
}

std::string Check(const check::CheckInfo& info, Lang lang) {
  const auto& t = info.Texts(lang);
  std::string out = ".SS \"" + Literal(info.id) + " \\(em " + Escape(t.title) + "\"\n";
  out += std::string(Text(Str::kExplainSeverity, lang)) + ": " +
         SeverityLabel(info.severity, lang) + ".\n" + Text(Str::kExplainArea, lang) + ": " +
         info.area + ".\n";
  std::vector<std::string> needs, gives_way;
  for (const auto& n : info.needs) needs.push_back(Literal(n));
  for (const auto& n : info.suppressed_by) gives_way.push_back("\\fB" + Literal(n) + "\\fR");
  if (!needs.empty())
    out += ".br\n" + std::string(Text(Str::kExplainNeeds, lang)) + ": " + util::Join(needs, ", ") +
           ".\n";
  if (!gives_way.empty())
    out += ".br\n" + std::string(Text(Str::kExplainGivesWay, lang)) + ": " +
           util::Join(gives_way, ", ") + ".\n";
  if (!info.params.empty()) {
    out += Heading(Text(Str::kManParameters, lang));
    for (const auto& [name, value] : info.params) {
      bool whole = value == static_cast<double>(static_cast<long long>(value));
      out += ".IP \\(bu 2\n\\fB" + Literal(name) +
             "\\fR = " + FormatDecimal(value, whole ? 0 : 2, lang) + "\n";
    }
  }
  out += Section(t, "found", Str::kExplainLooksFor, lang);
  out += Section(t, "why", Str::kWhyItMatters, lang);
  out += Section(t, "customer", Str::kForCustomer, lang);
  out += Section(t, "technician", Str::kForTechnician, lang);
  out += Section(t, "effect", Str::kManEffect, lang);
  return out;
}

}  // namespace

std::string CatalogMan(const check::Catalog& catalog, Lang lang) {
  // No date in the header: the page must be byte-identical for the same
  // catalog, or the freshness test could never pass.
  std::string out = ".\\\" Generated by 'netfix checks --format man" +
                    std::string(lang == Lang::kDe ? " --lang de" : "") +
                    "' from checks/*/check.md; do not edit.\n";
  out += ".TH NETFIX\\-CHECKS 7 \"\" \"netfix " NETFIX_VERSION "\" \"" +
         Escape(Text(Str::kManCatalogTitle, lang)) + "\"\n";
  out += ".SH NAME\nnetfix\\-checks \\- " + Escape(Text(Str::kManCatalogName, lang)) + "\n";
  out += ".SH " + Escape(Text(Str::kManSynopsis, lang)) +
         "\n.B netfix checks\n.RB [ \\-\\-format\n.IR text | json | man ]\n.br\n"
         ".B netfix explain\n.I CHECK\n";
  out += ".SH " + Escape(Text(Str::kManDescription, lang)) + "\n" +
         LineStart(Literal(Text(Str::kManCatalogIntro, lang))) + "\n";
  out += ".SH " + Escape(Text(Str::kManChecks, lang)) + "\n";
  for (const auto& area : check::KnownAreas())
    for (const auto& c : catalog.checks())
      if (c.area == area) out += Check(c, lang);
  for (const auto& c : catalog.checks()) {  // an area this version does not know: still listed
    bool known = false;
    for (const auto& area : check::KnownAreas()) known = known || c.area == area;
    if (!known) out += Check(c, lang);
  }
  out += ".SH " + Escape(Text(Str::kManSeeAlso, lang)) + "\n.BR netfix (1)\n";
  return out;
}

}  // namespace netfix::report
