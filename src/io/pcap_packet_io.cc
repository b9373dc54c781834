// libpcap behind PacketIo: a move-only owner of pcap_t*, non-blocking, read
// with ppoll on the selectable descriptor so that every wait is bounded.
#include <pcap/pcap.h>

#include <cstring>

#include "io/packet_io.h"
#include "io/wait.h"

namespace netfix::io {

namespace {

struct PcapCloser {
  void operator()(pcap_t* handle) const { pcap_close(handle); }
};
using PcapHandle = std::unique_ptr<pcap_t, PcapCloser>;

// How much of each frame is kept and how big the kernel's ring is. ARP needs
// 42 bytes, and a sweep of thousands of addresses may answer in a burst;
// DHCP, LLDP, SSDP and mDNS fit in an Ethernet MTU (longer jumbo frames are
// cut, which the parsers tolerate) and come in tens per second. The ring is
// allocated and zeroed when the capture opens, and several probes open theirs
// at once: a smaller one for them keeps the scan's start quick.
struct CaptureSize {
  int snap_length;
  int buffer_bytes;
};

CaptureSize SizeFor(const std::string& filter) {
  if (filter == kArpFilter) return {256, 4 << 20};
  return {2048, 1 << 20};
}

class PcapPacketIo final : public PacketIo {
 public:
  PcapPacketIo(PcapHandle handle, int fd, std::string interface)
      : handle_(std::move(handle)), fd_(fd), interface_(std::move(interface)) {}

  Result<void> Send(std::span<const std::uint8_t> frame) override {
    if (pcap_inject(handle_.get(), frame.data(), frame.size()) < 0)
      return Error{ErrorKind::kOther,
                   "cannot send on '" + interface_ + "': " + pcap_geterr(handle_.get())};
    return {};
  }

  Result<std::vector<Frame>> Receive(TimePoint until) override {
    std::vector<Frame> frames;
    // Whatever is already buffered first, then wait for more.
    auto drained = Drain(frames);
    if (!drained.ok()) return drained.error();
    if (!frames.empty()) return frames;
    auto readable = WaitReadable(fd_, until);
    if (!readable.ok()) return readable.error();
    if (*readable) {
      drained = Drain(frames);
      if (!drained.ok()) return drained.error();
    }
    return frames;
  }

 private:
  Result<void> Drain(std::vector<Frame>& frames) {
    // Bounded: at most a few thousand frames per call.
    for (int round = 0; round < 64; ++round) {
      int n = pcap_dispatch(
          handle_.get(), -1,
          [](u_char* user, const pcap_pkthdr* header, const u_char* bytes) {
            auto* out = reinterpret_cast<std::vector<Frame>*>(user);
            out->emplace_back(bytes, bytes + header->caplen);
          },
          reinterpret_cast<u_char*>(&frames));
      if (n == PCAP_ERROR)
        return Error{ErrorKind::kOther,
                     "cannot capture on '" + interface_ + "': " + pcap_geterr(handle_.get())};
      if (n <= 0) break;
    }
    return {};
  }

  PcapHandle handle_;
  int fd_;
  std::string interface_;
};

Error PcapError(const std::string& interface, pcap_t* handle, int status) {
  std::string detail = handle ? pcap_geterr(handle) : "";
  std::string where = "cannot capture on '" + interface + "'";
  switch (status) {
    case PCAP_ERROR_PERM_DENIED: return {ErrorKind::kPermission, where + ": permission denied"};
    case PCAP_ERROR_NO_SUCH_DEVICE: return {ErrorKind::kNotFound, where + ": no such interface"};
    case PCAP_ERROR_IFACE_NOT_UP: return {ErrorKind::kUnsupported, where + ": interface is down"};
    default:
      return {ErrorKind::kOther,
              where + ": " + (detail.empty() ? pcap_statustostr(status) : detail)};
  }
}

}  // namespace

Result<std::unique_ptr<PacketIo>> OpenPcapPacketIo(const std::string& interface,
                                                   const std::string& filter) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  PcapHandle handle(pcap_create(interface.c_str(), errbuf));
  if (!handle) return Error{ErrorKind::kOther, "cannot capture on '" + interface + "': " + errbuf};
  CaptureSize size = SizeFor(filter);
  pcap_set_snaplen(handle.get(), size.snap_length);
  pcap_set_promisc(handle.get(), 0);
  pcap_set_immediate_mode(handle.get(), 1);
  pcap_set_buffer_size(handle.get(), size.buffer_bytes);
  int status = pcap_activate(handle.get());
  if (status < 0) return PcapError(interface, handle.get(), status);
  if (pcap_datalink(handle.get()) != DLT_EN10MB)
    return Error{ErrorKind::kUnsupported,
                 "cannot capture on '" + interface + "': link type " +
                     pcap_datalink_val_to_name(pcap_datalink(handle.get())) + " is not Ethernet"};
  bpf_program program{};
  if (pcap_compile(handle.get(), &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
    return Error{ErrorKind::kOther, "cannot capture on '" + interface + "': filter '" + filter +
                                        "': " + pcap_geterr(handle.get())};
  int set = pcap_setfilter(handle.get(), &program);
  pcap_freecode(&program);
  if (set != 0) return PcapError(interface, handle.get(), PCAP_ERROR);
  // Our own frames are not interesting; where the platform cannot filter
  // them, the probes ignore frames from our MAC anyway.
  pcap_setdirection(handle.get(), PCAP_D_IN);
  if (pcap_setnonblock(handle.get(), 1, errbuf) != 0)
    return Error{ErrorKind::kOther, "cannot capture on '" + interface + "': " + errbuf};
  int fd = pcap_get_selectable_fd(handle.get());
  if (fd < 0)
    return Error{ErrorKind::kUnsupported,
                 "cannot capture on '" + interface + "': no pollable descriptor"};
  return std::unique_ptr<PacketIo>(new PcapPacketIo(std::move(handle), fd, interface));
}

}  // namespace netfix::io
