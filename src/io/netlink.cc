// The NETLINK_ROUTE socket: one dump request at a time, every receive
// bounded by a deadline.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "io/network_config.h"
#include "io/wait.h"
#include "wire/proc_route.h"

namespace netfix::io {

namespace {

constexpr std::size_t kReceiveBuffer = std::size_t{64} * 1024;
constexpr int kMaxReceives = 4096;  // a dump of a huge routing table still ends

struct DumpRequest {
  nlmsghdr header;
  union {
    ifinfomsg link;
    ifaddrmsg address;
    rtmsg route;
    ndmsg neighbour;
  } body;
};

Result<wire::NlBatch> Dump(int fd, std::uint16_t type, unsigned char family, std::uint32_t seq,
                           TimePoint until) {
  DumpRequest request;
  std::memset(&request, 0, sizeof request);
  std::size_t body_size = type == RTM_GETLINK    ? sizeof(ifinfomsg)
                          : type == RTM_GETADDR  ? sizeof(ifaddrmsg)
                          : type == RTM_GETROUTE ? sizeof(rtmsg)
                                                 : sizeof(ndmsg);
  request.header.nlmsg_len = static_cast<std::uint32_t>(NLMSG_LENGTH(body_size));
  request.header.nlmsg_type = type;
  request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  request.header.nlmsg_seq = seq;
  // The family is the first byte of every one of these bodies.
  std::memcpy(&request.body, &family, 1);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd, &request, request.header.nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof kernel) < 0)
    return ErrnoError("cannot send netlink request", errno);

  wire::NlBatch all;
  std::vector<std::uint8_t> buffer(kReceiveBuffer);
  for (int i = 0; i < kMaxReceives; ++i) {
    auto readable = WaitReadable(fd, until);
    if (!readable.ok()) return readable.error();
    if (!*readable) return Error{ErrorKind::kOther, "netlink dump did not finish in time"};
    ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return ErrnoError("cannot read netlink", errno);
    }
    auto batch = wire::ParseNetlinkMessages(
        std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)), seq);
    if (batch.error != 0) return ErrnoError("netlink dump refused", batch.error);
    auto append = [](auto& to, auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(all.links, batch.links);
    append(all.addresses, batch.addresses);
    append(all.routes, batch.routes);
    append(all.neighbours, batch.neighbours);
    all.skipped += batch.skipped;
    if (batch.done) {
      all.done = true;
      return all;
    }
  }
  return Error{ErrorKind::kOther, "netlink dump did not end"};
}

bool IsWireless(const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos) return false;
  std::string base = "/sys/class/net/" + name;
  return ::access((base + "/wireless").c_str(), F_OK) == 0 ||
         ::access((base + "/phy80211").c_str(), F_OK) == 0;
}

std::vector<model::Route> ProcRoutes() {
  std::ifstream in("/proc/net/route");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<model::Route> routes;
  for (const auto& r : wire::ParseProcNetRoute(text.str(), wire::HostIsLittleEndian())) {
    if (!r.up() || r.prefix_len() < 0) continue;
    model::Route route;
    route.family = "ipv4";
    route.destination = r.prefix_len() == 0 ? "default"
                                            : wire::FormatIpv4(r.destination) + "/" +
                                                  std::to_string(r.prefix_len());
    route.gateway = r.gateway == 0 ? "" : wire::FormatIpv4(r.gateway);
    route.interface = r.interface;
    route.metric = r.metric;
    routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace

Result<NetworkConfig> ReadKernelNetworkConfig(std::chrono::milliseconds timeout) {
  UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (!fd.valid()) return ErrnoError("cannot open netlink socket", errno);
  TimePoint until = SteadyClock::now() + timeout;
  NetlinkDump dump;
  auto links = Dump(fd.get(), RTM_GETLINK, AF_UNSPEC, 1, until);
  if (!links.ok()) return Error{links.error().kind, "interfaces: " + links.error().message};
  dump.links = std::move(links->links);
  auto addresses = Dump(fd.get(), RTM_GETADDR, AF_UNSPEC, 2, until);
  if (!addresses.ok())
    return Error{addresses.error().kind, "addresses: " + addresses.error().message};
  dump.addresses = std::move(addresses->addresses);
  auto routes = Dump(fd.get(), RTM_GETROUTE, AF_UNSPEC, 3, until);
  std::vector<std::string> notes;
  if (routes.ok()) dump.routes = std::move(routes->routes);
  auto neighbours = Dump(fd.get(), RTM_GETNEIGH, AF_UNSPEC, 4, until);  // ARP and NDP
  if (neighbours.ok())
    dump.neighbours = std::move(neighbours->neighbours);
  else
    notes.push_back("neighbour table not read: " + neighbours.error().message);

  NetworkConfig config = BuildNetworkConfig(dump, IsWireless);
  if (!routes.ok()) {
    config.routes = ProcRoutes();
    notes.push_back("routes read from /proc/net/route (IPv4 only): netlink " +
                    routes.error().message);
  }
  config.notes.insert(config.notes.end(), notes.begin(), notes.end());
  return config;
}

}  // namespace netfix::io
