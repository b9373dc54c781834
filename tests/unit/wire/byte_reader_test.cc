#include "wire/byte_reader.h"

#include <catch2/catch.hpp>

using netfix::wire::ByteReader;
using netfix::wire::ByteWriter;

TEST_CASE("ByteReader reads big-endian values in order", "[wire][byte_reader]") {
  const std::uint8_t data[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0xff};
  ByteReader in(data);
  CHECK(in.ReadU8() == 0x01);
  CHECK(in.ReadBe16() == 0x0203);
  CHECK(in.ReadBe32() == 0x040506'07u);
  CHECK(in.remaining() == 1);
  CHECK(in.ReadU8() == 0xff);
  CHECK(in.ok());
  CHECK(in.remaining() == 0);
}

TEST_CASE("ByteReader fails stickily past the end and returns zeros", "[wire][byte_reader]") {
  const std::uint8_t data[] = {0xaa, 0xbb, 0xcc};
  ByteReader in(data);
  CHECK(in.ReadBe32() == 0);  // needs 4, has 3
  CHECK_FALSE(in.ok());
  CHECK(in.ReadU8() == 0);  // stays failed even though 3 bytes are there
  CHECK_FALSE(in.ok());
  CHECK(in.remaining() == 0);
  CHECK(in.ReadBytes(1).empty());
}

TEST_CASE("ByteReader views, skips and seeks within bounds", "[wire][byte_reader]") {
  const std::uint8_t data[] = {1, 2, 3, 4, 5};
  ByteReader in(data);
  auto view = in.ReadBytes(2);
  REQUIRE(view.size() == 2);
  CHECK(view[1] == 2);
  in.Skip(2);
  CHECK(in.ReadU8() == 5);
  in.Seek(1);
  CHECK(in.ReadU8() == 2);
  in.Seek(5);  // the end itself is a valid position
  CHECK(in.ok());
  in.Seek(6);
  CHECK_FALSE(in.ok());

  ByteReader skip_past(data);
  skip_past.Skip(6);
  CHECK_FALSE(skip_past.ok());
}

TEST_CASE("ByteWriter writes network order and patches in place", "[wire][byte_reader]") {
  ByteWriter out;
  out.PutU8(0x01);
  out.PutBe16(0x0203);
  out.PutBe32(0x04050607);
  out.PutZeros(2);
  out.SetBe16(7, 0xbeef);
  out.SetBe16(8, 0x1234);  // out of range: ignored
  CHECK(out.bytes() == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 0xbe, 0xef});
}
