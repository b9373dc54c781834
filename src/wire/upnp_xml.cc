#include "wire/upnp_xml.h"

#include <cctype>
#include <cstdint>

#include "wire/upnp_description.h"

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxTextBytes = 1024;  // a field longer than this is cut

std::string Trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.size() > kMaxTextBytes) s = s.substr(0, kMaxTextBytes);
  return std::string(s);
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '-' ||
         c == '.';
}

void AppendUtf8(std::uint32_t code, std::string& out) {
  if (code == 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xc0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xe0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code & 0x3f));
  }
}

// The five XML entities and numeric references; anything else stays as is.
std::string DecodeEntities(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    auto semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view entity = text.substr(i + 1, semi - i - 1);
    if (entity == "amp")
      out += '&';
    else if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos")
      out += '\'';
    else if (entity.size() > 1 && entity[0] == '#') {
      bool hex = entity[1] == 'x' || entity[1] == 'X';
      std::uint32_t code = 0;
      bool valid = entity.size() > (hex ? 2u : 1u);
      for (std::size_t k = hex ? 2 : 1; k < entity.size() && valid; ++k) {
        char c = entity[k];
        int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(c))
                        ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                        : -1;
        if (digit < 0)
          valid = false;
        else
          code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
        if (code > 0x10ffff) valid = false;
      }
      if (!valid) {
        out += '&';
        continue;
      }
      AppendUtf8(code, out);
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

}  // namespace

bool LoadXml(pugi::xml_document& doc, std::string_view xml, std::string* error) {
  auto result = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (result) return true;
  if (error)
    *error = std::string(result.description()) + " at byte " + std::to_string(result.offset);
  return false;
}

pugi::xml_node XmlChild(const pugi::xml_node& node, std::string_view local_name) {
  for (auto child : node.children())
    if (child.type() == pugi::node_element && XmlLocalName(child.name()) == local_name)
      return child;
  return {};
}

std::string XmlChildText(const pugi::xml_node& node, std::string_view local_name) {
  auto child = XmlChild(node, local_name);
  return child ? Trimmed(child.text().get()) : std::string();
}

std::string ScanElementText(std::string_view xml, std::string_view local_name) {
  std::size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string_view::npos) {
    std::size_t name_start = pos + 1;
    std::size_t name_end = name_start;
    while (name_end < xml.size() && IsNameChar(xml[name_end])) ++name_end;
    std::string_view name = xml.substr(name_start, name_end - name_start);
    pos = name_end;
    if (name.empty() || XmlLocalName(name) != local_name) continue;
    std::size_t close = xml.find('>', name_end);
    if (close == std::string_view::npos) return "";
    if (xml[close - 1] == '/') continue;  // <serialNumber/>
    std::size_t text_end = xml.find('<', close + 1);
    std::string_view text =
        xml.substr(close + 1, text_end == std::string_view::npos ? std::string_view::npos
                                                                 : text_end - close - 1);
    std::string value = Trimmed(DecodeEntities(text));
    if (!value.empty()) return value;
  }
  return "";
}

}  // namespace netfix::wire
