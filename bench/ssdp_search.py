#!/usr/bin/python3
"""A plain SSDP M-SEARCH client: the reference for what SSDP finds on a LAN.

    ssdp_search.py [--st ssdp:all] [--mx 2] [--window 3] [--iface lan0] [--json]

Sends one M-SEARCH to 239.255.255.250:1900 from an ephemeral port, collects the unicast
answers for --window seconds (bounded), and prints one line per response (or, with --json,
{"responses": [...], "responders": [...], "root_devices": [...], "usns": [...]}).
Run it only inside a lab namespace (bench/discovery.sh does), never on a real network.
"""
import argparse
import json
import socket
import struct
import sys
import time

GROUP, PORT = "239.255.255.250", 1900


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--st", default="ssdp:all")
    ap.add_argument("--mx", type=int, default=2)
    ap.add_argument("--window", type=float, default=3.0)
    ap.add_argument("--iface", default="lan0")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    window = min(max(args.window, 0.1), 30.0)

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
    s.bind(("", 0))
    try:
        ifindex = socket.if_nametoindex(args.iface)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                     socket.inet_aton("0.0.0.0") + socket.inet_aton("0.0.0.0") + struct.pack("@i", ifindex))
    except OSError:
        pass
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 2)
    msg = ("M-SEARCH * HTTP/1.1\r\n"
           f"HOST: {GROUP}:{PORT}\r\n"
           'MAN: "ssdp:discover"\r\n'
           f"MX: {args.mx}\r\n"
           f"ST: {args.st}\r\n"
           "USER-AGENT: Linux/6.1 UPnP/1.1 netfix-bench/1.0\r\n\r\n").encode()
    start = time.monotonic()
    s.sendto(msg, (GROUP, PORT))
    responses = []
    deadline = start + window
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            data, addr = s.recvfrom(65535)
        except socket.timeout:
            break
        text = data.decode("utf-8", "replace")
        lines = text.split("\r\n")
        if not lines or not lines[0].startswith("HTTP/1.1 200"):
            continue
        h = {}
        for line in lines[1:]:
            k, sep, v = line.partition(":")
            if sep:
                h[k.strip().lower()] = v.strip()
        responses.append({"from_ip": addr[0], "from_port": addr[1], "st": h.get("st", ""),
                          "usn": h.get("usn", ""), "location": h.get("location", ""),
                          "server": h.get("server", ""), "after_ms": round((time.monotonic() - start) * 1000, 1),
                          "headers": {k: v for k, v in h.items()
                                      if k not in ("st", "usn", "location", "server", "date", "ext",
                                                   "cache-control")}})
    usns = sorted({r["usn"] for r in responses if r["usn"]})
    roots = sorted({r["usn"].split("::")[0] for r in responses if r["usn"]})
    responders = sorted({r["from_ip"] for r in responses}, key=lambda ip: tuple(int(x) for x in ip.split(".")))
    if args.json:
        json.dump({"st": args.st, "window_s": window, "responses": responses, "responders": responders,
                   "root_devices": roots, "usns": usns}, sys.stdout, indent=1)
        print()
    else:
        for r in responses:
            print(f"{r['after_ms']:7.1f} ms  {r['from_ip']:<15} {r['st']:<55} {r['location']}")
        print(f"{len(responses)} responses from {len(responders)} hosts, {len(roots)} UUIDs "
              f"(devices incl. embedded), {len(usns)} USNs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
