// nl80211 through libnl-genl: two generic netlink sockets, one for requests
// (one at a time, each with its own sequence number) and one that joined the
// "scan" multicast group before any scan is triggered. Both are
// non-blocking; every receive waits on the file descriptor with a deadline,
// so a kernel or driver that never answers cannot hold up the scan.
#include "io/nl80211_socket.h"

#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "io/wait.h"

namespace netfix::io {

namespace {

struct NlSockDeleter {
  void operator()(nl_sock* sock) const { nl_socket_free(sock); }
};
struct NlMsgDeleter {
  void operator()(nl_msg* msg) const { nlmsg_free(msg); }
};
struct NlCbDeleter {
  void operator()(nl_cb* cb) const { nl_cb_put(cb); }
};
/// Move-only owners of libnl's handles.
using NlSock = std::unique_ptr<nl_sock, NlSockDeleter>;
using NlMsg = std::unique_ptr<nl_msg, NlMsgDeleter>;
using NlCb = std::unique_ptr<nl_cb, NlCbDeleter>;

constexpr int kMaxReceives = 100000;  // a dump of a crowded city still ends

Error LibnlError(const std::string& what, int err) {
  if (err < 0) err = -err;
  ErrorKind kind = ErrorKind::kOther;
  if (err == NLE_OBJ_NOTFOUND || err == NLE_NODEV) kind = ErrorKind::kNotFound;
  if (err == NLE_PERM || err == NLE_NOACCESS) kind = ErrorKind::kPermission;
  if (err == NLE_OPNOTSUPP || err == NLE_PROTO_MISMATCH) kind = ErrorKind::kUnsupported;
  return {kind, what + ": " + nl_geterror(err)};
}

// Copies a message's command and attributes for the pure parser.
Nl80211Message Copy(nl_msg* msg) {
  nlmsghdr* header = nlmsg_hdr(msg);
  auto* genl = static_cast<genlmsghdr*>(nlmsg_data(header));
  Nl80211Message out;
  if (header->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) return out;
  out.command = genl->cmd;
  const auto* begin = reinterpret_cast<const std::uint8_t*>(genlmsg_attrdata(genl, 0));
  int length = genlmsg_attrlen(genl, 0);
  if (length > 0) out.attributes.assign(begin, begin + length);
  return out;
}

// What the callbacks of one request collect.
struct Exchange {
  std::vector<Nl80211Message> messages;
  bool done = false;
  int error = 0;  // errno from the kernel's NLMSG_ERROR
};

int OnValid(nl_msg* msg, void* arg) {
  static_cast<Exchange*>(arg)->messages.push_back(Copy(msg));
  return NL_OK;
}
int OnDone(nl_msg*, void* arg) {
  static_cast<Exchange*>(arg)->done = true;
  return NL_STOP;
}
int OnError(sockaddr_nl*, nlmsgerr* error, void* arg) {
  auto* exchange = static_cast<Exchange*>(arg);
  exchange->error = -error->error;
  exchange->done = true;
  return NL_STOP;
}

int AnySequence(nl_msg*, void*) {
  return NL_OK;
}

Result<NlSock> Connect(TimePoint until) {
  NlSock sock(nl_socket_alloc());
  if (!sock) return Error{ErrorKind::kOther, "cannot allocate a netlink socket"};
  if (int err = genl_connect(sock.get()); err < 0)
    return LibnlError("cannot open a generic netlink socket", err);
  // The family lookup inside libnl blocks on recv: bound it like the rest.
  auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - SteadyClock::now());
  left = std::max(left, std::chrono::microseconds(1000));
  timeval timeout{static_cast<time_t>(left.count() / 1000000),
                  static_cast<suseconds_t>(left.count() % 1000000)};
  ::setsockopt(nl_socket_get_fd(sock.get()), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return sock;
}

class LibnlNl80211Socket final : public Nl80211Socket {
 public:
  LibnlNl80211Socket(NlSock requests, NlSock events, int family)
      : requests_(std::move(requests)), events_(std::move(events)), family_(family) {}

  Result<std::vector<Nl80211Message>> DumpInterfaces(TimePoint until) override {
    auto msg = Message(NL80211_CMD_GET_INTERFACE, NLM_F_DUMP);
    if (!msg.ok()) return msg.error();
    return Request(msg->get(), until, "interfaces");
  }

  Result<ScanTrigger> TriggerScan(int ifindex, TimePoint until) override {
    auto msg = Message(NL80211_CMD_TRIGGER_SCAN, 0);
    if (!msg.ok()) return msg.error();
    // One empty SSID: the wildcard, so that the scan is active (probe
    // requests) and hidden networks answer too, as `iw scan` does.
    nlattr* ssids = nullptr;
    if (nla_put_u32(msg->get(), NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(ifindex)) < 0 ||
        (ssids = nla_nest_start(msg->get(), NL80211_ATTR_SCAN_SSIDS)) == nullptr ||
        nla_put(msg->get(), 1, 0, "") < 0)
      return Error{ErrorKind::kOther, "cannot build the scan request"};
    nla_nest_end(msg->get(), ssids);
    Exchange exchange;
    auto sent = Run(msg->get(), until, "scan trigger", exchange);
    if (!sent.ok()) return sent.error();
    if (exchange.error == EBUSY) return ScanTrigger::kBusy;
    if (exchange.error != 0) return ErrnoError("the kernel refused to scan", exchange.error);
    return ScanTrigger::kStarted;
  }

  Result<std::vector<Nl80211Message>> ReceiveScanEvents(TimePoint until) override {
    Exchange exchange;
    NlCb cb = Callbacks(exchange);
    if (!cb) return Error{ErrorKind::kOther, "cannot allocate netlink callbacks"};
    // Events are not answers to a request: no sequence numbers to check.
    nl_cb_set(cb.get(), NL_CB_SEQ_CHECK, NL_CB_CUSTOM, AnySequence, nullptr);
    int fd = nl_socket_get_fd(events_.get());
    for (int i = 0; i < kMaxReceives && exchange.messages.empty(); ++i) {
      auto readable = WaitReadable(fd, until);
      if (!readable.ok()) return readable.error();
      if (!*readable) break;
      int err = nl_recvmsgs(events_.get(), cb.get());
      if (err < 0 && err != -NLE_AGAIN && err != -NLE_INTR)
        return LibnlError("cannot read nl80211 scan events", err);
    }
    return std::move(exchange.messages);
  }

  Result<std::vector<Nl80211Message>> DumpScanResults(int ifindex, TimePoint until) override {
    auto msg = Message(NL80211_CMD_GET_SCAN, NLM_F_DUMP);
    if (!msg.ok()) return msg.error();
    if (nla_put_u32(msg->get(), NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(ifindex)) < 0)
      return Error{ErrorKind::kOther, "cannot build the scan dump request"};
    return Request(msg->get(), until, "scan results");
  }

  Result<std::vector<Nl80211Message>> GetStation(int ifindex, const wire::MacAddress& peer,
                                                 TimePoint until) override {
    auto msg = Message(NL80211_CMD_GET_STATION, 0);
    if (!msg.ok()) return msg.error();
    if (nla_put_u32(msg->get(), NL80211_ATTR_IFINDEX, static_cast<std::uint32_t>(ifindex)) < 0 ||
        nla_put(msg->get(), NL80211_ATTR_MAC, static_cast<int>(peer.size()), peer.data()) < 0)
      return Error{ErrorKind::kOther, "cannot build the station request"};
    return Request(msg->get(), until, "station info");
  }

 private:
  Result<NlMsg> Message(std::uint8_t command, int flags) {
    NlMsg msg(nlmsg_alloc());
    if (!msg) return Error{ErrorKind::kOther, "cannot allocate a netlink message"};
    if (genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family_, 0, flags, command, 0) == nullptr)
      return Error{ErrorKind::kOther, "cannot build a netlink message"};
    return msg;
  }

  static NlCb Callbacks(Exchange& exchange) {
    NlCb cb(nl_cb_alloc(NL_CB_DEFAULT));
    if (!cb) return cb;
    nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, OnValid, &exchange);
    nl_cb_set(cb.get(), NL_CB_FINISH, NL_CB_CUSTOM, OnDone, &exchange);
    nl_cb_set(cb.get(), NL_CB_ACK, NL_CB_CUSTOM, OnDone, &exchange);
    nl_cb_err(cb.get(), NL_CB_CUSTOM, OnError, &exchange);
    return cb;
  }

  // Sends `msg` and collects the answer until the DONE of a dump, the ACK
  // of a plain request, an error, or `until`.
  Result<void> Run(nl_msg* msg, TimePoint until, const std::string& what, Exchange& exchange) {
    // A request that ran out of time leaves its answer in the socket, where
    // it would be mistaken for the next one's.
    if (broken_) return Error{ErrorKind::kOther, "nl80211 did not answer an earlier request"};
    NlCb cb = Callbacks(exchange);
    if (!cb) return Error{ErrorKind::kOther, "cannot allocate netlink callbacks"};
    if (int err = nl_send_auto(requests_.get(), msg); err < 0)
      return LibnlError("cannot send the nl80211 request for " + what, err);
    int fd = nl_socket_get_fd(requests_.get());
    for (int i = 0; i < kMaxReceives && !exchange.done; ++i) {
      auto readable = WaitReadable(fd, until);
      if (!readable.ok()) return readable.error();
      if (!*readable) {
        broken_ = true;
        return Error{ErrorKind::kOther, "nl80211 did not answer in time (" + what + ")"};
      }
      int err = nl_recvmsgs(requests_.get(), cb.get());
      if (exchange.done) break;
      if (err < 0 && err != -NLE_AGAIN && err != -NLE_INTR) {
        broken_ = true;
        return LibnlError("cannot read the nl80211 answer (" + what + ")", err);
      }
    }
    if (!exchange.done) {
      broken_ = true;
      return Error{ErrorKind::kOther, "nl80211 answer did not end (" + what + ")"};
    }
    return {};
  }

  Result<std::vector<Nl80211Message>> Request(nl_msg* msg, TimePoint until,
                                              const std::string& what) {
    Exchange exchange;
    auto sent = Run(msg, until, what, exchange);
    if (!sent.ok()) return sent.error();
    if (exchange.error != 0) return ErrnoError("nl80211 refused the " + what, exchange.error);
    return std::move(exchange.messages);
  }

  NlSock requests_;
  NlSock events_;
  int family_;
  bool broken_ = false;
};

}  // namespace

Result<std::unique_ptr<Nl80211Socket>> OpenNl80211Socket(TimePoint until) {
  auto requests = Connect(until);
  if (!requests.ok()) return requests.error();
  int family = genl_ctrl_resolve(requests->get(), NL80211_GENL_NAME);
  if (family < 0) {
    Error error = LibnlError("nl80211 is not available", family);
    if (error.kind == ErrorKind::kOther && family == -NLE_OBJ_NOTFOUND)
      error.kind = ErrorKind::kNotFound;
    return error;
  }
  int group =
      genl_ctrl_resolve_grp(requests->get(), NL80211_GENL_NAME, NL80211_MULTICAST_GROUP_SCAN);
  if (group < 0) return LibnlError("nl80211 has no scan event group", group);

  auto events = Connect(until);
  if (!events.ok()) return events.error();
  if (int err = nl_socket_add_membership(events->get(), group); err < 0)
    return LibnlError("cannot join the nl80211 scan events", err);
  for (auto* sock : {requests->get(), events->get()})
    if (int err = nl_socket_set_nonblocking(sock); err < 0)
      return LibnlError("cannot make the nl80211 socket non-blocking", err);
  return std::unique_ptr<Nl80211Socket>(
      std::make_unique<LibnlNl80211Socket>(std::move(*requests), std::move(*events), family));
}

}  // namespace netfix::io
