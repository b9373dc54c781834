#include "wire/proc_route.h"

#include <bit>
#include <charconv>

#include "util/strings.h"

namespace netfix::wire {

namespace {

std::optional<std::uint32_t> ParseHex32(std::string_view text) {
  std::uint32_t value = 0;
  if (text.empty() || text.size() > 8) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Ipv4 FromKernelHex(std::uint32_t value, bool little_endian_host) {
  if (!little_endian_host) return value;
  return (value & 0xff) << 24 | (value & 0xff00) << 8 | (value & 0xff0000) >> 8 | value >> 24;
}

}  // namespace

int ProcRoute::prefix_len() const {
  int bits = std::popcount(mask);
  Ipv4 contiguous = bits == 0 ? 0 : ~Ipv4{0} << (32 - bits);
  return contiguous == mask ? bits : -1;
}

bool HostIsLittleEndian() {
  return std::endian::native == std::endian::little;
}

std::vector<ProcRoute> ParseProcNetRoute(std::string_view text, bool little_endian_host) {
  std::vector<ProcRoute> routes;
  std::vector<std::string> lines = util::SplitLines(text);
  for (std::size_t i = 1; i < lines.size(); ++i) {  // line 0 is the header
    std::vector<std::string> f = util::SplitWords(lines[i]);
    if (f.size() < 8) continue;
    auto destination = ParseHex32(f[1]);
    auto gateway = ParseHex32(f[2]);
    auto flags = ParseHex32(f[3]);
    auto mask = ParseHex32(f[7]);
    int metric = 0;
    auto [end, ec] = std::from_chars(f[6].data(), f[6].data() + f[6].size(), metric);
    if (!destination || !gateway || !flags || !mask || ec != std::errc() ||
        end != f[6].data() + f[6].size())
      continue;
    ProcRoute route;
    route.interface = f[0];
    route.destination = FromKernelHex(*destination, little_endian_host);
    route.gateway = FromKernelHex(*gateway, little_endian_host);
    route.mask = FromKernelHex(*mask, little_endian_host);
    route.flags = *flags;
    route.metric = metric;
    routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace netfix::wire
