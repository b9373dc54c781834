#include "wire/pcap_file.h"

#include "wire/ieee80211_bytes.h"

namespace netfix::wire {

namespace {

constexpr std::uint32_t kPcapMicroBe = 0xa1b2c3d4;
constexpr std::uint32_t kPcapNanoBe = 0xa1b23c4d;
constexpr std::uint32_t kPcapMicroLe = 0xd4c3b2a1;
constexpr std::uint32_t kPcapNanoLe = 0x4d3cb2a1;
constexpr std::uint32_t kPcapngSectionHeader = 0x0a0d0d0a;
constexpr std::uint32_t kPcapngByteOrder = 0x1a2b3c4d;
constexpr std::int64_t kNsPerSecond = 1'000'000'000;

// The upper bits of a pcap link type field carry FCS information; libpcap
// masks them off the same way (LT_LINKTYPE).
std::uint32_t LinkTypeOf(std::uint32_t field) {
  return field & 0x03ffffff;
}

// Adds a frame unless the limit is reached; false when reading should stop.
bool AddFrame(CaptureFile* file, CaptureFrame frame, std::size_t max_frames) {
  if (file->frames.size() >= max_frames) {
    file->notes.push_back("stopped after " + std::to_string(max_frames) + " frames");
    return false;
  }
  file->frames.push_back(frame);
  return true;
}

// A record that claims more bytes than are left keeps what is there.
Bytes ClippedFrame(ByteReader& in, std::uint32_t captured, CaptureFile* file) {
  if (captured > in.remaining()) {
    captured = static_cast<std::uint32_t>(in.remaining());
    file->truncated = true;
    file->notes.push_back("the last frame is cut short by the end of the file");
  }
  return in.ReadBytes(captured);
}

void ReadClassicPcap(Bytes data, bool little, bool nano, std::size_t max_frames,
                     CaptureFile* file) {
  ByteReader in(data);
  in.Skip(4 + 2 + 2 + 4 + 4 + 4);  // magic, version, thiszone, sigfigs, snap length
  file->format = "pcap";
  file->link_type = LinkTypeOf(Read32(in, little));
  if (!in.ok()) {
    file->error = "the pcap file header is cut short";
    return;
  }
  while (in.remaining() >= 16) {
    std::int64_t seconds = Read32(in, little);
    std::int64_t fraction = Read32(in, little);
    std::uint32_t captured = Read32(in, little);
    CaptureFrame frame{file->link_type};
    frame.original_length = Read32(in, little);
    frame.time_ns = seconds * kNsPerSecond + (nano ? fraction : fraction * 1000);
    frame.data = ClippedFrame(in, captured, file);
    if (!AddFrame(file, frame, max_frames)) return;
  }
  if (in.remaining() > 0) {
    file->truncated = true;
    file->notes.push_back("the file ends inside a record header");
  }
}

// pcapng -------------------------------------------------------------------

struct Interface {
  std::uint32_t link_type = 0;
  std::uint32_t snap_length = 0;
  std::uint64_t units_per_second = 1'000'000;  // 0: unusable resolution
  std::int64_t offset_s = 0;
};

struct Section {
  bool little = true;
  std::vector<Interface> interfaces;
};

std::uint64_t UnitsPerSecond(std::uint8_t resolution) {
  int exponent = resolution & 0x7f;
  if (resolution & 0x80) return exponent < 64 ? std::uint64_t{1} << exponent : 0;
  if (exponent > 19) return 0;
  std::uint64_t units = 1;
  for (int i = 0; i < exponent; ++i) units *= 10;
  return units;
}

std::optional<std::int64_t> TimeNs(const Interface& interface, std::uint64_t ticks) {
  std::uint64_t units = interface.units_per_second;
  if (units == 0) return std::nullopt;
  unsigned __int128 ns = static_cast<unsigned __int128>(ticks) * kNsPerSecond / units;
  constexpr std::int64_t kMaxOffsetS = std::int64_t{1} << 33;  // keeps the sum in range
  if (ns > static_cast<unsigned __int128>(INT64_MAX / 2) || interface.offset_s > kMaxOffsetS ||
      interface.offset_s < -kMaxOffsetS)
    return std::nullopt;
  return static_cast<std::int64_t>(ns) + interface.offset_s * kNsPerSecond;
}

Interface ReadInterface(ByteReader& body, bool little) {
  Interface interface;
  interface.link_type = Read16(body, little);
  body.Skip(2);
  interface.snap_length = Read32(body, little);
  // Options: code, length, value padded to 4; bounded by the block.
  while (body.remaining() >= 4) {
    std::uint16_t code = Read16(body, little);
    std::uint16_t length = Read16(body, little);
    ByteReader value(body.ReadBytes(length));
    body.Skip((4 - length % 4) % 4);
    if (code == 0 || !body.ok()) break;  // opt_endofopt
    if (code == 9 && length >= 1) interface.units_per_second = UnitsPerSecond(value.ReadU8());
    if (code == 14 && length >= 8)
      interface.offset_s = static_cast<std::int64_t>(Read64(value, little));
  }
  return interface;
}

const Interface* FindInterface(const Section& section, std::uint32_t id, CaptureFile* file) {
  if (id < section.interfaces.size()) return &section.interfaces[id];
  file->notes.push_back("a packet names undeclared interface " + std::to_string(id));
  return nullptr;
}

// Enhanced (6) and obsolete (2) packet blocks share one layout apart from
// the width of the interface id.
bool ReadPacketBlock(ByteReader& body, std::uint32_t type, const Section& section,
                     std::size_t max_frames, CaptureFile* file) {
  bool little = section.little;
  std::uint32_t id = type == 6 ? Read32(body, little) : Read16(body, little);
  if (type != 6) body.Skip(2);  // drops count
  std::uint64_t high = Read32(body, little);
  std::uint64_t ticks = high << 32 | Read32(body, little);
  std::uint32_t captured = Read32(body, little);
  std::uint32_t original = Read32(body, little);
  const Interface* interface = FindInterface(section, id, file);
  if (!body.ok() || interface == nullptr) return true;
  CaptureFrame frame{interface->link_type, TimeNs(*interface, ticks), original};
  frame.data = ClippedFrame(body, captured, file);
  return AddFrame(file, frame, max_frames);
}

bool ReadSimplePacket(ByteReader& body, const Section& section, std::size_t max_frames,
                      CaptureFile* file) {
  std::uint32_t original = Read32(body, section.little);
  const Interface* interface = FindInterface(section, 0, file);
  if (!body.ok() || interface == nullptr) return true;
  std::size_t captured = std::min<std::size_t>(original, body.remaining());
  if (interface->snap_length != 0)
    captured = std::min<std::size_t>(captured, interface->snap_length);
  CaptureFrame frame{interface->link_type, std::nullopt, original, body.ReadBytes(captured)};
  return AddFrame(file, frame, max_frames);
}

// The byte order of a section is in its header, after type and length.
std::optional<bool> SectionIsLittle(Bytes data, std::size_t at) {
  ByteReader in(data);
  in.Seek(at + 8);
  std::uint32_t order = in.ReadBe32();
  if (!in.ok()) return std::nullopt;
  if (order == kPcapngByteOrder) return false;
  if (order == __builtin_bswap32(kPcapngByteOrder)) return true;
  return std::nullopt;
}

void ReadPcapng(Bytes data, std::size_t max_frames, CaptureFile* file) {
  file->format = "pcapng";
  Section section;
  std::size_t at = 0;
  // Bounded by the file size: every block is at least 12 bytes long.
  while (data.size() - at >= 12) {
    ByteReader in(data);
    in.Seek(at);
    std::uint32_t type = in.ReadBe32();
    if (type == kPcapngSectionHeader) {
      auto little = SectionIsLittle(data, at);
      if (!little) {
        file->notes.push_back("a section header with an unknown byte order; reading stops");
        break;
      }
      section = Section{*little, {}};
    }
    in.Seek(at);
    type = Read32(in, section.little);
    std::uint32_t length = Read32(in, section.little);
    if (length < 12 || length % 4 != 0 || length > data.size() - at) {
      file->truncated = true;
      file->notes.push_back("a block at offset " + std::to_string(at) +
                            " has a bad length; reading stops");
      break;
    }
    ByteReader body(data.subspan(at + 8, length - 12));
    bool go_on = true;
    if (type == 1) {
      section.interfaces.push_back(ReadInterface(body, section.little));
      if (file->link_type == 0 && file->frames.empty())
        file->link_type = section.interfaces.front().link_type;
    } else if (type == 6 || type == 2) {
      go_on = ReadPacketBlock(body, type, section, max_frames, file);
    } else if (type == 3) {
      go_on = ReadSimplePacket(body, section, max_frames, file);
    }
    if (!go_on) break;
    at += length;
  }
  if (at < data.size() && data.size() - at < 12) {
    file->truncated = true;
    file->notes.push_back("the file ends inside a block header");
  }
}

}  // namespace

CaptureFile ReadCaptureFile(Bytes data, std::size_t max_frames) {
  CaptureFile file;
  ByteReader in(data);
  std::uint32_t magic = in.ReadBe32();
  if (!in.ok()) {
    file.error = "too short for a capture file (" + std::to_string(data.size()) + " bytes)";
  } else if (magic == kPcapMicroBe || magic == kPcapNanoBe) {
    ReadClassicPcap(data, false, magic == kPcapNanoBe, max_frames, &file);
  } else if (magic == kPcapMicroLe || magic == kPcapNanoLe) {
    ReadClassicPcap(data, true, magic == kPcapNanoLe, max_frames, &file);
  } else if (magic == kPcapngSectionHeader && SectionIsLittle(data, 0)) {
    ReadPcapng(data, max_frames, &file);
  } else {
    file.error = "not a pcap or pcapng file";
  }
  return file;
}

std::string LinkTypeName(std::uint32_t link_type) {
  switch (link_type) {
    case kLinkTypeEthernet: return "Ethernet";
    case kLinkTypeIeee80211: return "802.11";
    case kLinkTypePrism: return "802.11+PRISM";
    case kLinkTypeRadiotap: return "802.11+radiotap";
    case kLinkTypeAvs: return "802.11+AVS";
    default: return "link type " + std::to_string(link_type);
  }
}

}  // namespace netfix::wire
