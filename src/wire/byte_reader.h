// Bounds-checked access to untrusted bytes.
//
// Every parser in wire/ reads packets through ByteReader: values are copied
// out with memcpy (never by casting pointers into a packet), and a read past
// the end sets a sticky fail bit instead of touching memory it does not own.
// A parser reads what it needs and checks ok() once at the end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

namespace netfix::wire {

using Bytes = std::span<const std::uint8_t>;

class ByteReader {
 public:
  explicit ByteReader(Bytes data) : data_(data) {}

  bool ok() const { return ok_; }
  std::size_t position() const { return pos_; }
  std::size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
  Bytes data() const { return data_; }

  std::uint8_t ReadU8() {
    std::uint8_t value = 0;
    Copy(&value, 1);
    return value;
  }
  std::uint16_t ReadBe16() {
    std::uint8_t b[2] = {};
    Copy(b, 2);
    return static_cast<std::uint16_t>(b[0] << 8 | b[1]);
  }
  std::uint32_t ReadBe32() {
    std::uint8_t b[4] = {};
    Copy(b, 4);
    return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
  }
  /// Host byte order (netlink speaks it).
  std::uint16_t ReadHost16() {
    std::uint16_t value = 0;
    Copy(&value, 2);
    return value;
  }
  std::uint32_t ReadHost32() {
    std::uint32_t value = 0;
    Copy(&value, 4);
    return value;
  }
  template <std::size_t N>
  std::array<std::uint8_t, N> ReadArray() {
    std::array<std::uint8_t, N> out{};
    Copy(out.data(), N);
    return out;
  }
  /// A view of the next `n` bytes (valid as long as the underlying buffer);
  /// empty, and the fail bit set, when fewer remain.
  Bytes ReadBytes(std::size_t n) {
    if (!Need(n)) return {};
    Bytes out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  void Skip(std::size_t n) {
    if (Need(n)) pos_ += n;
  }
  /// Moves to an absolute offset (<= size); past the end sets the fail bit.
  void Seek(std::size_t offset) {
    if (!ok_ || offset > data_.size()) {
      ok_ = false;
      return;
    }
    pos_ = offset;
  }

 private:
  bool Need(std::size_t n) {
    if (!ok_ || data_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  void Copy(void* out, std::size_t n) {
    if (Need(n)) {
      std::memcpy(out, data_.data() + pos_, n);
      pos_ += n;
    }
  }

  Bytes data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

/// The other direction: building packets in network byte order.
class ByteWriter {
 public:
  void PutU8(std::uint8_t v) { out_.push_back(v); }
  void PutBe16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v));
  }
  void PutBe32(std::uint32_t v) {
    PutBe16(static_cast<std::uint16_t>(v >> 16));
    PutBe16(static_cast<std::uint16_t>(v));
  }
  void PutBytes(Bytes bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }
  void PutZeros(std::size_t n) { out_.insert(out_.end(), n, 0); }
  /// Overwrites two bytes already written (lengths, checksums).
  void SetBe16(std::size_t offset, std::uint16_t v) {
    if (offset + 2 > out_.size()) return;
    out_[offset] = static_cast<std::uint8_t>(v >> 8);
    out_[offset + 1] = static_cast<std::uint8_t>(v);
  }
  std::size_t size() const { return out_.size(); }
  const std::vector<std::uint8_t>& bytes() const { return out_; }
  std::vector<std::uint8_t> Take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

}  // namespace netfix::wire
