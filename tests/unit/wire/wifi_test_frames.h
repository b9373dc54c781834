// Small hand-built 802.11 frames, radiotap headers and capture files for the
// Wi-Fi parser tests (little-endian where 802.11 is).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace netfix::testing {

using Frame = std::vector<std::uint8_t>;

inline void Append(Frame& out, const Frame& more) {
  out.insert(out.end(), more.begin(), more.end());
}

inline void PutLe16(Frame& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

inline void PutLe32(Frame& out, std::uint32_t v) {
  PutLe16(out, v & 0xffff);
  PutLe16(out, v >> 16);
}

/// One information element.
inline Frame Element(std::uint8_t id, Frame value) {
  Frame out = {id, static_cast<std::uint8_t>(value.size())};
  Append(out, value);
  return out;
}

inline Frame SsidElement(const std::string& ssid) {
  return Element(0, Frame(ssid.begin(), ssid.end()));
}

/// An RSN element: CCMP group and pairwise, the given AKM selectors (00-0F-AC).
inline Frame RsnElement(std::initializer_list<std::uint8_t> akms, std::uint8_t cipher = 4) {
  Frame value = {1, 0, 0x00, 0x0f, 0xac, cipher, 1, 0, 0x00, 0x0f, 0xac, cipher};
  PutLe16(value, static_cast<std::uint32_t>(akms.size()));
  for (auto akm : akms) Append(value, {0x00, 0x0f, 0xac, akm});
  PutLe16(value, 0);  // RSN capabilities
  return Element(48, value);
}

/// A Microsoft WPA element: TKIP, PSK.
inline Frame WpaElement() {
  return Element(221, {0x00, 0x50, 0xf2, 1,    1, 0, 0x00, 0x50, 0xf2, 2,    1,
                       0,    0x00, 0x50, 0xf2, 2, 1, 0,    0x00, 0x50, 0xf2, 2});
}

inline Frame Concat(std::initializer_list<Frame> parts) {
  Frame out;
  for (const auto& part : parts) Append(out, part);
  return out;
}

/// A beacon (subtype 8) or probe response (5) from BSSID 02:11:22:33:44:55.
inline Frame Beacon(const Frame& ies, std::uint16_t capability = 0x0011, std::uint8_t subtype = 8) {
  Frame out = {static_cast<std::uint8_t>(subtype << 4), 0, 0, 0};
  Append(out, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff});  // destination
  Append(out, {0x02, 0x11, 0x22, 0x33, 0x44, 0x55});  // source
  Append(out, {0x02, 0x11, 0x22, 0x33, 0x44, 0x55});  // BSSID
  Append(out, {0, 0});                                // sequence
  Append(out, {1, 2, 3, 4, 5, 6, 7, 8});              // timestamp
  PutLe16(out, 100);                                  // interval
  PutLe16(out, capability);
  Append(out, ies);
  return out;
}

/// A radiotap header with flags, channel and dBm signal (present bits 1, 3, 5).
inline Frame Radiotap(std::uint16_t mhz, std::int8_t signal, std::uint8_t flags = 0) {
  Frame out = {0, 0, 16, 0};
  PutLe32(out, 1u << 1 | 1u << 3 | 1u << 5);
  out.push_back(flags);                              // offset 8
  out.push_back(0);                                  // pad: the channel is 2-aligned
  PutLe16(out, mhz);                                 // offset 10
  PutLe16(out, 0x00a0);                              // channel flags
  out.push_back(static_cast<std::uint8_t>(signal));  // offset 14
  out.push_back(0);                                  // pad to the length of 16
  return out;
}

/// A little-endian classic pcap file with microsecond timestamps.
inline Frame ClassicPcap(std::uint32_t link_type, const std::vector<Frame>& frames,
                         std::uint32_t first_second = 1700000000) {
  Frame out;
  PutLe32(out, 0xa1b2c3d4);
  PutLe16(out, 2);
  PutLe16(out, 4);
  PutLe32(out, 0);
  PutLe32(out, 0);
  PutLe32(out, 65535);
  PutLe32(out, link_type);
  std::uint32_t second = first_second;
  for (const auto& frame : frames) {
    PutLe32(out, second++);
    PutLe32(out, 250000);
    PutLe32(out, static_cast<std::uint32_t>(frame.size()));
    PutLe32(out, static_cast<std::uint32_t>(frame.size()));
    Append(out, frame);
  }
  return out;
}

}  // namespace netfix::testing
