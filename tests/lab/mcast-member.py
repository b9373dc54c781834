#!/usr/bin/python3
"""An IPTV receiver "watching a channel" in the netfix lab: holds IGMP memberships.

    mcast-member.py --interface lan0 GROUP[@SOURCE] [GROUP[@SOURCE] ...]

Runs inside a lab namespace only (lab.sh starts it there). GROUP@SOURCE joins
source-specifically (IP_ADD_SOURCE_MEMBERSHIP, IGMPv3 INCLUDE), like a MagentaTV
receiver in 232.0.0.0/16; a plain GROUP joins any source. The kernel sends the
membership reports: two unsolicited ones at the join and afterwards only when a
querier asks. So on a LAN without an IGMP querier nobody hears this receiver again,
which is exactly the failure the lab's no-igmp-querier scenario shows.
Datagrams that arrive are read and dropped. Exits on SIGTERM, or by itself after a day.
"""
import argparse
import fcntl
import select
import signal
import socket
import struct
import sys
import time

# Linux's value; older Pythons lack the constant.
IP_ADD_SOURCE_MEMBERSHIP = getattr(socket, "IP_ADD_SOURCE_MEMBERSHIP", 39)
SIOCGIFADDR = 0x8915
LIFETIME_S = 86400


def log(msg):
    print(f"mcast-member: {msg}", flush=True)


def if_ipv4(ifname):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        req = struct.pack("256s", ifname.encode()[:15])
        return socket.inet_ntoa(fcntl.ioctl(s.fileno(), SIOCGIFADDR, req)[20:24])
    finally:
        s.close()


def join(sock, group, source, local):
    if source:
        # struct ip_mreq_source: multiaddr, interface, sourceaddr (Linux order)
        mreq = socket.inet_aton(group) + socket.inet_aton(local) + socket.inet_aton(source)
        sock.setsockopt(socket.IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, mreq)
    else:
        mreq = socket.inet_aton(group) + socket.inet_aton(local)
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--interface", required=True)
    ap.add_argument("--port", type=int, default=10000, help="UDP port the stream would come to")
    ap.add_argument("groups", nargs="+", metavar="GROUP[@SOURCE]")
    args = ap.parse_args()

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))

    local = if_ipv4(args.interface)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("0.0.0.0", args.port))
    for spec in args.groups:
        group, _, source = spec.partition("@")
        try:
            join(sock, group, source, local)
        except OSError as e:
            log(f"cannot join {spec} on {args.interface} ({local}): {e}")
            return 1
        log(f"joined {group}" + (f" source {source}" if source else "") + f" on {args.interface} ({local})")
    log(f"ready: {len(args.groups)} memberships")

    deadline = time.monotonic() + LIFETIME_S
    while not stop and time.monotonic() < deadline:
        try:
            readable, _, _ = select.select([sock], [], [], 1.0)
        except InterruptedError:
            continue
        if readable:
            sock.recv(65536)
    sock.close()  # leaves the groups
    log("left")
    return 0


if __name__ == "__main__":
    sys.exit(main())
