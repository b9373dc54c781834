#include "wire/mdns.h"

#include <cctype>

#include "wire/addr.h"
#include "wire/dns.h"

namespace netfix::wire {

namespace {

constexpr int kMaxPointerJumps = 128;
constexpr std::size_t kMaxQueryBytes = 1400;
constexpr std::size_t kMaxRecords = 512;  // far more than fits in a datagram

// Raw labels of a possibly compressed name at the reader's position; the
// reader ends up after the name. nullopt for loops, pointers past the end,
// extended label types and names over 255 bytes.
std::optional<std::vector<std::string>> ReadLabels(ByteReader& in) {
  std::vector<std::string> labels;
  ByteReader cursor = in;
  bool jumped = false;
  int jumps = 0;
  std::size_t wire_length = 1;
  while (true) {
    std::uint8_t length = cursor.ReadU8();
    if (!cursor.ok()) return std::nullopt;
    if (length == 0) break;
    if ((length & 0xc0) == 0xc0) {
      std::uint8_t low = cursor.ReadU8();
      if (!cursor.ok() || ++jumps > kMaxPointerJumps) return std::nullopt;
      if (!jumped) {
        in.Seek(cursor.position());
        jumped = true;
      }
      cursor.Seek(static_cast<std::size_t>(length & 0x3f) << 8 | low);
      continue;
    }
    if ((length & 0xc0) != 0) return std::nullopt;
    wire_length += length + 1u;
    if (wire_length > 255) return std::nullopt;
    Bytes label = cursor.ReadBytes(length);
    if (!cursor.ok()) return std::nullopt;
    labels.emplace_back(reinterpret_cast<const char*>(label.data()), label.size());
  }
  if (!jumped) in.Seek(cursor.position());
  if (!in.ok()) return std::nullopt;
  return labels;
}

std::optional<std::string> ReadName(ByteReader& in) {
  auto labels = ReadLabels(in);
  if (!labels) return std::nullopt;
  return JoinDnsLabels(*labels);
}

// A name inside rdata: read in place, since it may point anywhere in the
// message; it must end inside the rdata.
std::optional<std::string> ReadRdataName(Bytes message, std::size_t start, std::size_t end) {
  ByteReader whole(message);
  whole.Seek(start);
  auto name = ReadName(whole);
  if (!name || whole.position() > end) return std::nullopt;
  return name;
}

// Fills the rdata fields; false when the data is broken (the record is then
// skipped; the reader is already past it).
bool ReadRdata(Bytes message, std::size_t start, Bytes rdata, MdnsRecord& r) {
  std::size_t end = start + rdata.size();
  ByteReader in(rdata);
  switch (r.type) {
    case kDnsTypeA:
      if (rdata.size() != 4) return false;
      r.address = FormatIpv4(Ipv4FromBytes(in.ReadArray<4>()));
      return true;
    case kDnsTypeAaaa:
      if (rdata.size() != 16) return false;
      r.address = FormatIpv6(in.ReadArray<16>());
      return true;
    case kDnsTypePtr:
    case kDnsTypeCname: {
      auto target = ReadRdataName(message, start, end);
      if (!target) return false;
      r.target = std::move(*target);
      return true;
    }
    case kDnsTypeSrv: {
      r.priority = in.ReadBe16();
      r.weight = in.ReadBe16();
      r.port = in.ReadBe16();
      if (!in.ok()) return false;
      auto target = ReadRdataName(message, start + 6, end);
      if (!target) return false;
      r.target = std::move(*target);
      return true;
    }
    case kDnsTypeTxt:
      while (in.remaining() > 0) {
        std::uint8_t length = in.ReadU8();
        Bytes text = in.ReadBytes(length);
        if (!in.ok()) return !r.txt.empty();  // keep the strings that were whole
        r.txt.emplace_back(reinterpret_cast<const char*>(text.data()), text.size());
      }
      return true;
    default: return true;  // kept with its name and type only
  }
}

}  // namespace

std::string JoinDnsLabels(const std::vector<std::string>& labels) {
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += '.';
    for (char c : labels[i]) {
      if (c == '.' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

std::optional<std::vector<std::string>> SplitDnsName(std::string_view name) {
  std::vector<std::string> labels;
  std::string label;
  bool escaped = false;
  for (char c : name) {
    if (escaped) {
      label += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '.') {
      if (label.empty() || label.size() > 63) return std::nullopt;
      labels.push_back(std::move(label));
      label.clear();
    } else {
      label += c;
    }
  }
  if (escaped) return std::nullopt;
  if (!label.empty()) {
    if (label.size() > 63) return std::nullopt;
    labels.push_back(std::move(label));
  }
  if (labels.empty()) return std::nullopt;
  return labels;
}

std::optional<std::vector<std::uint8_t>> BuildMdnsQuery(
    std::uint16_t id, const std::vector<MdnsQuestion>& questions) {
  if (questions.empty() || questions.size() > 0xffff) return std::nullopt;
  ByteWriter out;
  out.PutBe16(id);
  out.PutBe16(0);  // a standard query; no RD (RFC 6762 §18.2)
  out.PutBe16(static_cast<std::uint16_t>(questions.size()));
  out.PutBe16(0);
  out.PutBe16(0);
  out.PutBe16(0);
  for (const auto& q : questions) {
    auto labels = SplitDnsName(q.name);
    if (!labels) return std::nullopt;
    std::size_t length = 1;
    for (const auto& l : *labels) length += l.size() + 1;
    if (length > 255) return std::nullopt;
    for (const auto& l : *labels) {
      out.PutU8(static_cast<std::uint8_t>(l.size()));
      out.PutBytes(Bytes(reinterpret_cast<const std::uint8_t*>(l.data()), l.size()));
    }
    out.PutU8(0);
    out.PutBe16(q.type);
    out.PutBe16(static_cast<std::uint16_t>(kDnsClassIn | (q.unicast_response ? 0x8000 : 0)));
    if (out.size() > kMaxQueryBytes) return std::nullopt;
  }
  return out.Take();
}

std::optional<MdnsMessage> ParseMdnsMessage(Bytes message) {
  ByteReader in(message);
  MdnsMessage out;
  out.id = in.ReadBe16();
  std::uint16_t flags = in.ReadBe16();
  std::uint16_t counts[4];
  for (auto& c : counts) c = in.ReadBe16();
  if (!in.ok()) return std::nullopt;
  out.is_response = (flags & 0x8000) != 0;
  out.truncated = (flags & 0x0200) != 0;
  out.rcode = flags & 0xf;

  for (int i = 0; i < counts[0]; ++i) {
    auto name = ReadName(in);
    MdnsQuestion q;
    q.type = in.ReadBe16();
    std::uint16_t klass = in.ReadBe16();
    if (!name || !in.ok()) {
      out.complete = false;
      return out;
    }
    q.name = std::move(*name);
    q.unicast_response = (klass & 0x8000) != 0;
    out.questions.push_back(std::move(q));
  }
  const MdnsSection sections[3] = {MdnsSection::kAnswer, MdnsSection::kAuthority,
                                   MdnsSection::kAdditional};
  for (int s = 0; s < 3; ++s) {
    for (int i = 0; i < counts[s + 1]; ++i) {
      MdnsRecord r;
      r.section = sections[s];
      auto name = ReadName(in);
      r.type = in.ReadBe16();
      std::uint16_t klass = in.ReadBe16();
      r.ttl = in.ReadBe32();
      std::uint16_t rdlength = in.ReadBe16();
      std::size_t rdata_start = in.position();
      Bytes rdata = in.ReadBytes(rdlength);
      if (!name || !in.ok()) {  // no way to find the next record
        out.complete = false;
        return out;
      }
      r.name = std::move(*name);
      r.klass = klass & 0x7fff;
      r.cache_flush = (klass & 0x8000) != 0;
      if (!ReadRdata(message, rdata_start, rdata, r)) {
        out.complete = false;
        ++out.skipped_records;
        continue;
      }
      if (out.records.size() < kMaxRecords) out.records.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseTxtStrings(
    const std::vector<std::string>& strings) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : strings) {
    if (s.empty() || s.front() == '=') continue;
    auto eq = s.find('=');
    std::string key = s.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : s.substr(eq + 1);
    bool seen = false;
    for (const auto& [k, v] : out) seen = seen || DnsNamesEqual(k, key);
    if (!seen) out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace netfix::wire
