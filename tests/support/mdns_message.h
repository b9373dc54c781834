// Builds mDNS messages record by record for tests (names uncompressed unless
// a pointer is written by hand).
#pragma once

#include <string>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"
#include "wire/dns.h"
#include "wire/mdns.h"

namespace netfix::testing {

class MdnsBuilder {
 public:
  static constexpr int kAnswer = 0, kAuthority = 1, kAdditional = 2;

  explicit MdnsBuilder(std::uint16_t id = 0, std::uint16_t flags = 0x8400) {
    out_.PutBe16(id);
    out_.PutBe16(flags);  // QR AA
    for (int i = 0; i < 4; ++i) out_.PutBe16(0);
  }
  std::size_t Name(const std::string& name) {
    std::size_t at = out_.size();
    auto labels = wire::SplitDnsName(name);
    for (const auto& label : *labels) {
      out_.PutU8(static_cast<std::uint8_t>(label.size()));
      for (char c : label) out_.PutU8(static_cast<std::uint8_t>(c));
    }
    out_.PutU8(0);
    return at;
  }
  void Pointer(std::size_t to) { out_.PutBe16(static_cast<std::uint16_t>(0xc000 | to)); }
  void Question(const std::string& name, std::uint16_t type) {
    ++questions_;
    Name(name);
    out_.PutBe16(type);
    out_.PutBe16(wire::kDnsClassIn);
  }
  // The record header after its name; append rdata, then End().
  std::size_t Begin(int section, std::uint16_t type, bool flush = true) {
    ++counts_[section];
    out_.PutBe16(type);
    out_.PutBe16(static_cast<std::uint16_t>(wire::kDnsClassIn | (flush ? 0x8000 : 0)));
    out_.PutBe32(120);
    std::size_t length_at = out_.size();
    out_.PutBe16(0);
    return length_at;
  }
  void End(std::size_t length_at) {
    out_.SetBe16(length_at, static_cast<std::uint16_t>(out_.size() - length_at - 2));
  }
  void Ptr(int section, const std::string& name, const std::string& target) {
    Name(name);
    auto at = Begin(section, wire::kDnsTypePtr, false);
    Name(target);
    End(at);
  }
  void Srv(int section, const std::string& name, const std::string& host, int port) {
    Name(name);
    auto at = Begin(section, wire::kDnsTypeSrv);
    out_.PutBe16(0);
    out_.PutBe16(0);
    out_.PutBe16(static_cast<std::uint16_t>(port));
    Name(host);
    End(at);
  }
  void Txt(int section, const std::string& name, const std::vector<std::string>& strings) {
    Name(name);
    auto at = Begin(section, wire::kDnsTypeTxt);
    for (const auto& s : strings) {
      out_.PutU8(static_cast<std::uint8_t>(s.size()));
      for (char c : s) out_.PutU8(static_cast<std::uint8_t>(c));
    }
    End(at);
  }
  void A(int section, const std::string& name, const std::string& ip) {
    Name(name);
    auto at = Begin(section, wire::kDnsTypeA);
    out_.PutBytes(wire::Ipv4ToBytes(*wire::ParseIpv4(ip)));
    End(at);
  }
  wire::ByteWriter& raw() { return out_; }
  std::vector<std::uint8_t> Take() {
    out_.SetBe16(4, static_cast<std::uint16_t>(questions_));
    for (int s = 0; s < 3; ++s) out_.SetBe16(6 + 2 * s, static_cast<std::uint16_t>(counts_[s]));
    return out_.Take();
  }

 private:
  wire::ByteWriter out_;
  int questions_ = 0;
  int counts_[3] = {0, 0, 0};
};

}  // namespace netfix::testing
