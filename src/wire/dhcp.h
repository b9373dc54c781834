// DHCP and BOOTP (RFC 2131, RFC 2132, RFC 951): parsing whatever servers and
// other clients send, building the DISCOVER and INFORM netfix sends.
//
// Tolerant: a packet with the fixed BOOTP header parses even when the magic
// cookie is missing (plain BOOTP, no options) or the options are broken (what
// came before the break is kept, `options_broken` says so). Option overload
// (option 52: options continued in `file`/`sname`) and options split into
// several parts (RFC 3396) are joined.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/addr.h"
#include "wire/byte_reader.h"

namespace netfix::wire {

inline constexpr std::uint16_t kDhcpServerPort = 67;
inline constexpr std::uint16_t kDhcpClientPort = 68;
inline constexpr std::uint8_t kBootRequest = 1;
inline constexpr std::uint8_t kBootReply = 2;
inline constexpr std::uint16_t kDhcpBroadcastFlag = 0x8000;

enum DhcpMessageType : std::uint8_t {
  kDhcpDiscover = 1,
  kDhcpOffer = 2,
  kDhcpRequest = 3,
  kDhcpDecline = 4,
  kDhcpAck = 5,
  kDhcpNak = 6,
  kDhcpRelease = 7,
  kDhcpInform = 8,
};

/// Option codes netfix reads or writes.
enum DhcpOptionCode : std::uint8_t {
  kDhcpOptPad = 0,
  kDhcpOptSubnetMask = 1,
  kDhcpOptRouter = 3,
  kDhcpOptDnsServer = 6,
  kDhcpOptHostName = 12,
  kDhcpOptDomainName = 15,
  kDhcpOptRequestedIp = 50,
  kDhcpOptLeaseTime = 51,
  kDhcpOptOverload = 52,
  kDhcpOptMessageType = 53,
  kDhcpOptServerId = 54,
  kDhcpOptParameterList = 55,
  kDhcpOptMaxMessageSize = 57,
  kDhcpOptVendorClass = 60,
  kDhcpOptClientId = 61,
  kDhcpOptEnd = 255,
};

/// "DISCOVER", "OFFER", ... ("LEASEQUERY" and friends of RFC 4388 too);
/// "TYPE-n" for anything else.
std::string DhcpMessageTypeName(int type);

struct DhcpOption {
  std::uint8_t code = 0;
  std::vector<std::uint8_t> data;
};

struct DhcpPacket {
  std::uint8_t op = kBootRequest;
  std::uint8_t htype = 1;  ///< 1: Ethernet
  std::uint8_t hlen = 6;
  std::uint8_t hops = 0;
  std::uint32_t xid = 0;
  std::uint16_t secs = 0;
  std::uint16_t flags = 0;
  Ipv4 ciaddr = 0;
  Ipv4 yiaddr = 0;
  Ipv4 siaddr = 0;
  Ipv4 giaddr = 0;
  std::array<std::uint8_t, 16> chaddr{};
  std::string sname;  ///< up to the first NUL (empty when overloaded with options)
  std::string file;
  bool has_cookie = true;       ///< false: plain BOOTP, no options
  bool options_broken = false;  ///< an option ran past the end, or no END option
  /// In order of first appearance; parts of a split option are joined.
  std::vector<DhcpOption> options;

  const DhcpOption* Find(std::uint8_t code) const;
  std::optional<int> message_type() const;
  /// chaddr as a MAC when htype is Ethernet and hlen 6.
  std::optional<MacAddress> client_mac() const;
  /// An option holding one IPv4 address (exactly 4 bytes).
  std::optional<Ipv4> Ipv4Option(std::uint8_t code) const;
  /// An option holding a list of IPv4 addresses (a trailing partial one is dropped).
  std::vector<Ipv4> Ipv4ListOption(std::uint8_t code) const;
  /// A 32-bit number (exactly 4 bytes).
  std::optional<std::uint32_t> U32Option(std::uint8_t code) const;
  /// The option's bytes up to the first NUL, as they are (device bytes).
  std::string TextOption(std::uint8_t code) const;
};

/// A UDP payload as a DHCP/BOOTP packet; nullopt when shorter than the
/// 236-byte fixed header.
std::optional<DhcpPacket> ParseDhcp(Bytes payload);

struct DhcpFrame {
  MacAddress eth_source{};
  MacAddress eth_destination{};
  Ipv4 ip_source = 0;
  Ipv4 ip_destination = 0;
  std::uint16_t source_port = 0;
  std::uint16_t destination_port = 0;
  DhcpPacket dhcp;
};

/// An Ethernet frame carrying IPv4/UDP from or to port 67 or 68 with a DHCP
/// packet; nullopt for anything else (fragments included).
std::optional<DhcpFrame> ParseDhcpFrame(Bytes frame);

/// The packet's bytes: header, cookie, options in order (long ones split,
/// RFC 3396), END, padded to the 300 bytes BOOTP relays expect.
std::vector<std::uint8_t> BuildDhcp(const DhcpPacket& packet);

}  // namespace netfix::wire
