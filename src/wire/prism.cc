#include "wire/prism.h"

#include "wire/ieee80211_bytes.h"

namespace netfix::wire {

namespace {

constexpr std::size_t kPrismLength = 144;
constexpr std::size_t kPrismItems = 24;  // message code, length, device name
constexpr std::size_t kAvsLength = 64;
constexpr std::uint32_t kAvsMagic = 0x80211000;  // version in the low bits

enum PrismItem : int { kItemChannel = 2, kItemRssi = 3, kItemSignal = 5 };

std::optional<int> PlausibleDbm(std::int64_t value) {
  if (value >= -120 && value <= -1) return static_cast<int>(value);
  return std::nullopt;
}

struct PrismValue {
  bool supplied = false;
  std::int32_t value = 0;
};

PrismValue ReadItem(Bytes header, int item, bool little) {
  ByteReader in(header);
  in.Seek(kPrismItems + 12 * item);
  in.Skip(4);  // DID
  std::uint16_t status = Read16(in, little);
  in.Skip(2);  // length
  auto value = static_cast<std::int32_t>(Read32(in, little));
  return {in.ok() && status == 0, value};
}

std::optional<PrismHeader> ParseAvs(Bytes frame, std::string* error) {
  ByteReader in(frame);
  in.Skip(4);
  std::size_t length = in.ReadBe32();
  in.Skip(8 + 8 + 4);  // MAC time, host time, PHY type
  PrismHeader out;
  out.channel = static_cast<int>(in.ReadBe32());
  in.Skip(4 + 4 + 4);  // data rate, antenna, priority
  std::uint32_t signal_type = in.ReadBe32();
  auto signal = static_cast<std::int32_t>(in.ReadBe32());
  if (!in.ok() || length < kAvsLength || length > frame.size()) {
    if (error != nullptr) *error = "AVS header does not fit the frame";
    return std::nullopt;
  }
  out.length = length;
  if (out.channel < 0 || out.channel > 255) out.channel = 0;
  if (signal_type == 2) out.signal_dbm = PlausibleDbm(signal);  // 2: dBm
  return out;
}

}  // namespace

std::optional<PrismHeader> ParsePrism(Bytes frame, std::string* error) {
  ByteReader in(frame);
  std::uint32_t first = in.ReadBe32();
  if (in.ok() && (first & 0xfffff000) == kAvsMagic) return ParseAvs(frame, error);
  // The message code (0x41 or 0x44) tells the host's byte order.
  bool little = (first >> 24) == 0x41 || (first >> 24) == 0x44;
  in.Seek(0);
  std::uint32_t code = Read32(in, little);
  std::size_t length = Read32(in, little);
  if (!in.ok() || (code != 0x41 && code != 0x44) || length < kPrismLength ||
      length > frame.size()) {
    if (error != nullptr) *error = "not a PRISM header, or one that does not fit the frame";
    return std::nullopt;
  }
  PrismHeader out;
  out.length = length;
  Bytes header = frame.first(length);
  if (auto channel = ReadItem(header, kItemChannel, little);
      channel.supplied && channel.value > 0 && channel.value <= 200)
    out.channel = channel.value;
  for (int item : {kItemSignal, kItemRssi}) {
    auto value = ReadItem(header, item, little);
    if (value.supplied && !out.signal_dbm) out.signal_dbm = PlausibleDbm(value.value);
  }
  return out;
}

}  // namespace netfix::wire
