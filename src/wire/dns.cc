#include "wire/dns.h"

#include <cstdio>

#include "wire/addr.h"

namespace netfix::wire {

namespace {

constexpr std::size_t kMaxNameLength = 253;  // in text form, without the final dot
// A legitimate name has at most 127 labels, each reachable by one pointer.
constexpr int kMaxPointerJumps = 128;

// Label bytes to text, escaping what a terminal or a report should not get
// verbatim (RFC 4343 style: "\." and "\DDD").
void AppendLabel(Bytes label, std::string& out) {
  for (std::uint8_t c : label) {
    if (c == '.' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x21 || c > 0x7e) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03u", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
}

// Reads a possibly compressed name starting at the reader's position and
// leaves the reader after it. Pointers may go anywhere inside the message;
// loops end at kMaxPointerJumps, long names at kMaxNameLength.
std::optional<std::string> ReadName(ByteReader& in) {
  std::string name;
  ByteReader cursor = in;  // follows pointers; `in` stays on the original stream
  bool jumped = false;
  int jumps = 0;
  std::size_t wire_length = 1;  // the root label
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
    if ((length & 0xc0) != 0) return std::nullopt;  // extended label types
    wire_length += length + 1u;
    if (wire_length > 255) return std::nullopt;
    Bytes label = cursor.ReadBytes(length);
    if (!cursor.ok()) return std::nullopt;
    if (!name.empty()) name += '.';
    AppendLabel(label, name);
  }
  if (!jumped) in.Seek(cursor.position());
  if (!in.ok()) return std::nullopt;
  return name;
}

bool ReadRecord(ByteReader& in, DnsRecord& record) {
  auto name = ReadName(in);
  if (!name) return false;
  record.name = std::move(*name);
  record.type = in.ReadBe16();
  record.klass = in.ReadBe16();
  record.ttl = in.ReadBe32();
  std::uint16_t rdlength = in.ReadBe16();
  if (!in.ok()) return false;
  std::size_t rdata_start = in.position();
  Bytes rdata = in.ReadBytes(rdlength);
  if (!in.ok()) return false;
  if (record.type == kDnsTypeA && rdata.size() == 4) {
    ByteReader r(rdata);
    record.data = FormatIpv4(Ipv4FromBytes(r.ReadArray<4>()));
  } else if (record.type == kDnsTypeAaaa && rdata.size() == 16) {
    ByteReader r(rdata);
    record.data = FormatIpv6(r.ReadArray<16>());
  } else if (record.type == kDnsTypeCname) {
    // The target may point back into the message, so read it in place.
    ByteReader whole(in.data());
    whole.Seek(rdata_start);
    auto target = ReadName(whole);
    if (!target || whole.position() > rdata_start + rdlength) return false;
    record.data = std::move(*target);
  } else if (record.type == kDnsTypeA || record.type == kDnsTypeAaaa) {
    return false;  // an address record of the wrong size
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> BuildDnsQuery(std::uint16_t id, std::string_view name,
                                                       std::uint16_t qtype,
                                                       bool recursion_desired) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > kMaxNameLength) return std::nullopt;
  ByteWriter out;
  out.PutBe16(id);
  out.PutBe16(recursion_desired ? 0x0100 : 0x0000);
  out.PutBe16(1);  // questions
  out.PutBe16(0);
  out.PutBe16(0);
  out.PutBe16(0);
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    std::size_t length = dot - start;
    if (length == 0 || length > 63) return std::nullopt;
    out.PutU8(static_cast<std::uint8_t>(length));
    for (char c : name.substr(start, length)) out.PutU8(static_cast<std::uint8_t>(c));
    start = dot + 1;
  }
  out.PutU8(0);
  out.PutBe16(qtype);
  out.PutBe16(kDnsClassIn);
  return out.Take();
}

std::optional<DnsMessage> ParseDnsMessage(Bytes message) {
  ByteReader in(message);
  DnsMessage out;
  out.id = in.ReadBe16();
  std::uint16_t flags = in.ReadBe16();
  std::uint16_t question_count = in.ReadBe16();
  out.answer_count = in.ReadBe16();
  in.Skip(4);  // authority and additional counts: not read
  if (!in.ok()) return std::nullopt;
  out.is_response = (flags & 0x8000) != 0;
  out.opcode = (flags >> 11) & 0xf;
  out.authoritative = (flags & 0x0400) != 0;
  out.truncated = (flags & 0x0200) != 0;
  out.recursion_desired = (flags & 0x0100) != 0;
  out.recursion_available = (flags & 0x0080) != 0;
  out.rcode = flags & 0xf;

  for (int i = 0; i < question_count; ++i) {
    auto name = ReadName(in);
    DnsQuestion q;
    q.type = in.ReadBe16();
    q.klass = in.ReadBe16();
    if (!name || !in.ok()) {
      out.complete = false;
      return out;
    }
    q.name = std::move(*name);
    out.questions.push_back(std::move(q));
  }
  for (int i = 0; i < out.answer_count; ++i) {
    DnsRecord record;
    if (!ReadRecord(in, record)) {
      out.complete = false;
      return out;
    }
    out.answers.push_back(std::move(record));
  }
  return out;
}

std::string DnsRcodeName(int rcode) {
  switch (rcode) {
    case 0: return "NOERROR";
    case 1: return "FORMERR";
    case 2: return "SERVFAIL";
    case 3: return "NXDOMAIN";
    case 4: return "NOTIMP";
    case 5: return "REFUSED";
    case 6: return "YXDOMAIN";
    case 7: return "YXRRSET";
    case 8: return "NXRRSET";
    case 9: return "NOTAUTH";
    case 10: return "NOTZONE";
  }
  return "RCODE" + std::to_string(rcode);
}

bool DnsNamesEqual(std::string_view a, std::string_view b) {
  if (!a.empty() && a.back() == '.') a.remove_suffix(1);
  if (!b.empty() && b.back() == '.') b.remove_suffix(1);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace netfix::wire
