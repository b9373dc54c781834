#include "wire/addr.h"

#include <arpa/inet.h>

#include <cstdio>

namespace netfix::wire {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string FormatMac(const MacAddress& mac) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(17);
  for (std::size_t i = 0; i < mac.size(); ++i) {
    if (i > 0) out += ':';
    out += digits[mac[i] >> 4];
    out += digits[mac[i] & 0xf];
  }
  return out;
}

std::optional<MacAddress> ParseMac(std::string_view text) {
  if (text.size() != 17) return std::nullopt;
  MacAddress mac{};
  for (std::size_t i = 0; i < 6; ++i) {
    int hi = HexValue(text[i * 3]), lo = HexValue(text[i * 3 + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    if (i < 5 && text[i * 3 + 2] != ':' && text[i * 3 + 2] != '-') return std::nullopt;
    mac[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return mac;
}

std::optional<Ipv4> ParseIpv4(std::string_view text) {
  Ipv4 value = 0;
  int octets = 0;
  std::size_t i = 0;
  while (octets < 4) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    unsigned octet = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      octet = octet * 10 + static_cast<unsigned>(text[i] - '0');
      if (++digits > 3 || octet > 255) return std::nullopt;
      ++i;
    }
    value = value << 8 | octet;
    if (++octets < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return value;
}

std::string FormatIpv4(Ipv4 address) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", address >> 24, (address >> 16) & 0xff,
                (address >> 8) & 0xff, address & 0xff);
  return buf;
}

bool IsIpv6Text(std::string_view text) {
  std::size_t percent = text.find('%');
  if (percent != std::string_view::npos && percent + 1 >= text.size()) return false;  // "fe80::1%"
  std::string address(text.substr(0, percent));
  unsigned char buf[16];
  return inet_pton(AF_INET6, address.c_str(), buf) == 1;
}

std::optional<Ipv6> ParseIpv6(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  std::string address(text);
  Ipv6 out{};
  if (inet_pton(AF_INET6, address.c_str(), out.data()) != 1) return std::nullopt;
  return out;
}

std::string FormatIpv6(const std::array<std::uint8_t, 16>& bytes) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf) == nullptr) return "";
  return buf;
}

Ipv4Subnet Ipv4Subnet::Of(Ipv4 address, int prefix_len) {
  Ipv4Subnet subnet;
  subnet.prefix_len = prefix_len < 0 ? 0 : prefix_len > 32 ? 32 : prefix_len;
  subnet.network = address & subnet.mask();
  return subnet;
}

std::string Ipv4Subnet::ToString() const {
  return FormatIpv4(network) + "/" + std::to_string(prefix_len);
}

}  // namespace netfix::wire
