#include "wire/radiotap.h"

#include <array>
#include <vector>

#include "wire/ieee80211_bytes.h"

namespace netfix::wire {

namespace {

struct FieldShape {
  std::uint8_t align;
  std::uint8_t size;
};

// Alignment and size of the radiotap namespace's fields 0-27, from the
// radiotap.org field list. Field 28 (TLVs) and beyond cannot be skipped.
constexpr std::array<FieldShape, 28> kFields = {{
    {8, 8},   // 0 TSFT
    {1, 1},   // 1 flags
    {1, 1},   // 2 rate
    {2, 4},   // 3 channel
    {2, 2},   // 4 FHSS
    {1, 1},   // 5 antenna signal (dBm)
    {1, 1},   // 6 antenna noise (dBm)
    {2, 2},   // 7 lock quality
    {2, 2},   // 8 TX attenuation
    {2, 2},   // 9 dB TX attenuation
    {1, 1},   // 10 dBm TX power
    {1, 1},   // 11 antenna
    {1, 1},   // 12 dB antenna signal
    {1, 1},   // 13 dB antenna noise
    {2, 2},   // 14 RX flags
    {2, 2},   // 15 TX flags
    {1, 1},   // 16 RTS retries
    {1, 1},   // 17 data retries
    {4, 8},   // 18 XChannel
    {1, 3},   // 19 MCS
    {4, 8},   // 20 A-MPDU status
    {2, 12},  // 21 VHT
    {8, 12},  // 22 timestamp
    {2, 12},  // 23 HE
    {2, 12},  // 24 HE-MU
    {2, 6},   // 25 HE-MU-other-user
    {1, 1},   // 26 zero-length PSDU
    {2, 4},   // 27 L-SIG
}};

enum : std::uint32_t {
  kBitRadiotapNamespace = 1u << 29,
  kBitVendorNamespace = 1u << 30,
  kBitExtended = 1u << 31,
};
constexpr int kFieldBits = 29;  // bits 0-28 of every word name fields

enum : std::uint8_t {
  kFlagFcsAtEnd = 0x10,
  kFlagBadFcs = 0x40,
};

void ApplyField(int index, ByteReader value, Radiotap* out) {
  switch (index) {
    case 0: out->tsft_us = ReadLe64(value); break;
    case 1: {
      std::uint8_t flags = value.ReadU8();
      out->fcs_at_end = flags & kFlagFcsAtEnd;
      out->bad_fcs = flags & kFlagBadFcs;
      break;
    }
    case 2: out->rate_mbps = value.ReadU8() * 0.5; break;
    case 3:
      out->frequency_mhz = ReadLe16(value);
      out->channel_flags = ReadLe16(value);
      break;
    case 5:
      if (!out->signal_dbm) out->signal_dbm = static_cast<std::int8_t>(value.ReadU8());
      break;
    case 6:
      if (!out->noise_dbm) out->noise_dbm = static_cast<std::int8_t>(value.ReadU8());
      break;
    case 18:  // XChannel: flags, frequency, channel, max power
      value.Skip(4);
      if (out->frequency_mhz == 0) out->frequency_mhz = ReadLe16(value);
      break;
    default: break;
  }
}

// Walks the fields of all present words: fails for a field that runs past
// the header, stops quietly at a field of unknown size.
class FieldWalker {
 public:
  FieldWalker(Bytes header, std::size_t data_start, Radiotap* out)
      : header_(header), pos_(data_start), out_(out) {}

  bool Walk(const std::vector<std::uint32_t>& words) {
    for (std::uint32_t word : words) {
      if (!vendor_) WalkWord(word);  // vendor data was skipped with its namespace field
      if (stopped_ || !error_.empty()) break;
      NextNamespace(word);
      if (!error_.empty()) break;
    }
    return error_.empty();
  }
  const std::string& error() const { return error_; }

 private:
  void WalkWord(std::uint32_t word) {
    for (int bit = 0; bit < kFieldBits; ++bit) {
      if (!(word >> bit & 1)) continue;
      int index = base_ + bit;
      if (index >= static_cast<int>(kFields.size())) {
        stopped_ = true;  // unknown size: nothing after it can be located
        return;
      }
      auto value = Take(kFields[index].align, kFields[index].size, index);
      if (!value) return;
      ApplyField(index, ByteReader(*value), out_);
    }
  }

  void NextNamespace(std::uint32_t word) {
    if (word & kBitRadiotapNamespace) {
      vendor_ = false;
      base_ = 0;
    } else if (word & kBitVendorNamespace) {
      // OUI (3), sub-namespace (1), length of the vendor data (2).
      auto value = Take(2, 6, 30);
      if (!value) return;
      ByteReader field(*value);
      field.Skip(4);
      std::size_t skip = ReadLe16(field);
      if (skip > header_.size() - pos_) {
        error_ = "vendor namespace data runs past the radiotap header";
        return;
      }
      pos_ += skip;
      vendor_ = true;
    } else {
      base_ += 32;
    }
  }

  std::optional<Bytes> Take(std::size_t align, std::size_t size, int index) {
    pos_ = (pos_ + align - 1) / align * align;
    if (pos_ > header_.size() || header_.size() - pos_ < size) {
      error_ = "radiotap field " + std::to_string(index) + " runs past the header";
      return std::nullopt;
    }
    Bytes value = header_.subspan(pos_, size);
    pos_ += size;
    return value;
  }

  Bytes header_;
  std::size_t pos_;
  Radiotap* out_;
  int base_ = 0;
  bool vendor_ = false;
  bool stopped_ = false;
  std::string error_;
};

std::optional<Radiotap> Fail(std::string* error, std::string why) {
  if (error != nullptr) *error = std::move(why);
  return std::nullopt;
}

}  // namespace

std::optional<Radiotap> ParseRadiotap(Bytes frame, std::string* error) {
  ByteReader in(frame);
  std::uint8_t version = in.ReadU8();
  in.Skip(1);  // pad
  std::size_t length = ReadLe16(in);
  if (!in.ok()) return Fail(error, "frame too short for a radiotap header");
  if (version != 0) return Fail(error, "unsupported radiotap version " + std::to_string(version));
  if (length < 8 || length > frame.size())
    return Fail(error, "radiotap length " + std::to_string(length) + " does not fit the frame (" +
                           std::to_string(frame.size()) + " bytes)");
  Bytes header = frame.first(length);
  ByteReader words_in(header);
  words_in.Skip(4);
  std::vector<std::uint32_t> words;
  // Bounded by the header length: every word is 4 bytes.
  do {
    words.push_back(ReadLe32(words_in));
  } while (words_in.ok() && (words.back() & kBitExtended));
  if (!words_in.ok()) return Fail(error, "radiotap present bitmaps run past the header");
  Radiotap out;
  out.length = length;
  FieldWalker walker(header, words_in.position(), &out);
  if (!walker.Walk(words)) return Fail(error, walker.error());
  return out;
}

Bytes RadiotapPayload(Bytes frame, const Radiotap& radiotap) {
  Bytes payload = frame.subspan(std::min(radiotap.length, frame.size()));
  if (radiotap.fcs_at_end) payload = payload.first(payload.size() >= 4 ? payload.size() - 4 : 0);
  return payload;
}

}  // namespace netfix::wire
