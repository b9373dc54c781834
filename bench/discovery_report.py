#!/usr/bin/python3
"""Summarise a bench/discovery.sh run: times side by side, and what each tool found.

Reads DIR/TOOL.times ("microseconds exit-status" per run) and DIR/TOOL.N.out, and prints
  1. the time table: runs, median/min/max wall time, ratio to netfix's median;
  2. per category (hosts, DHCP servers, SSDP responders, SSDP devices, mDNS services) a
     table of every item any tool found, which tool found it in how many runs, and what
     netfix missed against each tool.
netfix's snapshot sections may be missing (older builds): its columns then show "-".
Field names follow src/model/snapshot.h (JSON names equal the C++ member names).
"""
import argparse
import ipaddress
import json
import os
import re
import statistics
import sys

LABEL = {
    "netfix": "netfix scan (whole inventory)",
    "nmap-sn": "nmap -sn -n (ARP sweep)",
    "nmap-dhcp": "nmap broadcast-dhcp-discover",
    "nmap-upnp": "nmap broadcast-upnp-info",
    "nmap-dnssd": "nmap broadcast-dns-service-discovery",
    "avahi": "avahi-browse -artpk",
    "ssdp": "SSDP M-SEARCH ssdp:all (3 s)",
}
SHORT = {"netfix": "netfix", "nmap-sn": "nmap-sn", "nmap-dhcp": "nmap-dhcp", "nmap-upnp": "nmap-upnp",
         "nmap-dnssd": "nmap-dnssd", "avahi": "avahi", "ssdp": "m-search"}
# Which tools answer which question.
CATEGORIES = [
    ("hosts", "hosts on the LAN (IPv4)", ["netfix", "nmap-sn"]),
    ("dhcp", "DHCP servers (server id)", ["netfix", "nmap-dhcp"]),
    ("ssdp_ip", "SSDP/UPnP responders (IP)", ["netfix", "nmap-upnp", "ssdp"]),
    ("ssdp_uuid", "SSDP/UPnP devices (UUID, incl. embedded)", ["netfix", "ssdp"]),
    ("mdns", "mDNS services (type port IPv4)", ["netfix", "nmap-dnssd", "avahi"]),
]


def ip_key(ip):
    try:
        return (0, ipaddress.ip_address(ip))
    except ValueError:
        return (1, ip)


def item_key(item):
    """IPs in numeric order; mDNS items (type, port, ip) by type, then IP, then port."""
    if isinstance(item, tuple) and len(item) == 3:
        port = int(item[1]) if item[1].isdigit() else -1
        return (0, (item[0], ip_key(item[2]), port))
    return (1, ip_key(item))


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def uuid_of(usn):
    u = (usn or "").split("::")[0]
    return u[5:] if u.lower().startswith("uuid:") else (u or None)


def avahi_unescape(s):
    return re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1))), s)


# ------------------------------------------------------------------ per-tool parsers
# Each returns {category: set(items)} or None for a category the run did not produce.

def parse_netfix(text, self_ip):
    try:
        snap = json.loads(text)
    except (TypeError, ValueError):
        return {}, {}
    out, names = {}, {}
    devices = snap.get("devices")
    if isinstance(devices, list):
        out["hosts"] = {ip for d in devices if not d.get("is_self") for ip in d.get("ipv4", [])} - {self_ip}
    m = snap.get("measurements") or {}
    out["_sections"] = {k: m.get(k) is not None for k in ("arp", "dhcp", "ssdp", "mdns", "ipv6")}
    dhcp = m.get("dhcp")
    if isinstance(dhcp, dict):
        out["dhcp"] = {x.get("server_id") or x.get("server_ip") for x in dhcp.get("messages", [])
                       if x.get("how", "offer") != "passive" or x.get("server_id")} - {None, ""}
    ssdp = m.get("ssdp")
    if isinstance(ssdp, dict):
        msgs = ssdp.get("messages", [])
        out["ssdp_ip"] = {x.get("from_ip") for x in msgs} - {None, ""}
        uuids = {uuid_of(x.get("usn")) for x in msgs} - {None}
        for desc in ssdp.get("descriptions", []):
            for d in desc.get("devices", []):
                u = uuid_of(d.get("udn"))
                if u:
                    uuids.add(u)
                    names[("ssdp_uuid", u)] = d.get("friendly_name") or d.get("model_name") or ""
        out["ssdp_uuid"] = uuids
    mdns = m.get("mdns")
    if isinstance(mdns, dict):
        items = set()
        for s in mdns.get("services", []):
            v4 = [a for a in s.get("addresses", []) if re.match(r"^\d+\.\d+\.\d+\.\d+$", a)]
            ip = v4[0] if v4 else s.get("from_ip", "")
            item = (s.get("type", ""), str(s.get("port", "")), ip)
            items.add(item)
            inst = s.get("instance", "")
            names[("mdns", item)] = inst.split("._")[0] if inst else ""
        out["mdns"] = items
    return out, names


def parse_nmap_sn(text, self_ip):
    return {"hosts": set(re.findall(r"^Host: (\S+) .*Status: Up", text or "", re.M)) - {self_ip}}, {}


def parse_nmap_dhcp(text, _):
    return {"dhcp": set(re.findall(r"Server Identifier: (\S+)", text or ""))}, {}


def parse_nmap_upnp(text, _):
    return {"ssdp_ip": set(re.findall(r"Location: https?://([0-9.]+)[:/]", text or ""))}, {}


def parse_nmap_dnssd(text, _):
    items, cur = set(), None
    for line in (text or "").splitlines():
        line = line.lstrip("|_ ").rstrip()
        m = re.match(r"^(\d+)/(tcp|udp) (\S+)$", line)
        if m:
            cur = [f"_{m.group(3)}._{m.group(2)}", m.group(1)]
            continue
        if line == "Device Information":
            cur = ["_device-info._tcp", "0"]
            continue
        m = re.match(r"^Address=(\S+)", line)
        if m and cur:
            v4 = [a for a in line[8:].split() if re.match(r"^\d+\.\d+\.\d+\.\d+$", a)]
            items.add((cur[0], cur[1], v4[0] if v4 else m.group(1)))
            cur = None
    return {"mdns": items}, {}


def parse_avahi(text, _):
    items, names = set(), {}
    for line in (text or "").splitlines():
        f = line.split(";")
        if len(f) >= 9 and f[0] == "=" and f[2] == "IPv4":
            item = (f[4], f[8], f[7])
            items.add(item)
            names[("mdns", item)] = avahi_unescape(f[3])
    return {"mdns": items}, names


def parse_ssdp(text, _):
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return {}, {}
    return {"ssdp_ip": set(data.get("responders", [])),
            "ssdp_uuid": {uuid_of(u) for u in data.get("usns", [])} - {None}}, {}


PARSERS = {"netfix": parse_netfix, "nmap-sn": parse_nmap_sn, "nmap-dhcp": parse_nmap_dhcp,
           "nmap-upnp": parse_nmap_upnp, "nmap-dnssd": parse_nmap_dnssd, "avahi": parse_avahi,
           "ssdp": parse_ssdp}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--self", default="")
    ap.add_argument("--subnet", default="")
    ap.add_argument("--tools", nargs="+", required=True)
    args = ap.parse_args()
    tools = [t for t in args.tools if t]

    times, found, names, failures = {}, {}, {}, {}
    for t in tools:
        rows = [line.split() for line in (read(f"{args.dir}/{t}.times") or "").splitlines() if line.strip()]
        times[t] = [int(r[0]) / 1e6 for r in rows]
        failures[t] = sum(1 for r in rows if len(r) > 1 and r[1] not in ("0",))
        found[t] = []
        for n in range(1, args.runs + 1):
            path = f"{args.dir}/{t}.{n}.json" if t == "netfix" else f"{args.dir}/{t}.{n}.out"
            res, nm = PARSERS[t](read(path), args.self) if read(path) is not None else ({}, {})
            found[t].append(res)
            names.update(nm)

    print(f"Discovery of {args.subnet} in the simulated home (client {args.self}), "
          f"{args.runs} runs per tool, interleaved\n")
    base = statistics.median(times["netfix"]) if times.get("netfix") else None
    print("| tool | runs | median s | min s | max s | vs netfix | exit != 0 |")
    print("|---|---|---|---|---|---|---|")
    for t in tools:
        ts = times[t]
        if not ts:
            print(f"| {LABEL[t]} | 0 | - | - | - | - | - |")
            continue
        med = statistics.median(ts)
        ratio = f"{med / base:.2f}x" if base else "-"
        print(f"| {LABEL[t]} | {len(ts)} | {med:.3f} | {min(ts):.3f} | {max(ts):.3f} | {ratio} | {failures[t]} |")
    if base is not None and times.get("nmap-sn"):
        target = statistics.median(times["nmap-sn"])
        missing = []
        for sec in ("dhcp", "ssdp", "mdns", "ipv6"):
            if not any(isinstance(r, dict) and r.get("_sections", {}).get(sec) for r in found["netfix"]):
                missing.append(sec)
        note = f" -- but netfix's snapshots have no {', '.join(missing)} section yet" if missing else ""
        print(f"\ntarget: netfix's whole scan ({base:.3f} s) faster than nmap's ARP sweep alone "
              f"({target:.3f} s): {'met' if base < target else 'NOT met'}{note}")
    if times.get("netfix"):
        arp_ms, sections = [], {}
        for n in range(1, args.runs + 1):
            try:
                snap = json.loads(read(f"{args.dir}/netfix.{n}.json") or "")
            except ValueError:
                continue
            arp = (snap.get("measurements") or {}).get("arp") or {}
            if "duration_ms" in arp:
                arp_ms.append(arp["duration_ms"])
            for p in snap.get("probes", []):
                sections.setdefault(p.get("id"), []).append(p.get("duration_ms", 0))
        if sections:
            print("netfix probes (median ms): " + ", ".join(
                f"{k} {statistics.median(v):.0f}" for k, v in sections.items()))

    all_missed = {}
    for cat, title, cat_tools in CATEGORIES:
        cat_tools = [t for t in cat_tools if t in tools]
        if len(cat_tools) < 1:
            continue
        per_tool = {}  # tool -> list of sets (None where the run had no such section)
        for t in cat_tools:
            per_tool[t] = [r.get(cat) if isinstance(r, dict) else None for r in found[t]]
        items = set()
        for runs in per_tool.values():
            for s in runs:
                items |= s or set()
        print(f"\n### {title}: {len(items)} found by any tool\n")
        header = "| item | " + " | ".join(SHORT[t] for t in cat_tools) + " |"
        print(header)
        print("|---|" + "---|" * len(cat_tools))
        for item in sorted(items, key=item_key):
            label = " ".join(item) if isinstance(item, tuple) else item
            nm = names.get((cat, item))
            if nm:
                label += f" ({nm})"
            cells = []
            for t in cat_tools:
                runs = per_tool[t]
                if all(s is None for s in runs):
                    cells.append("-")
                else:
                    k = sum(1 for s in runs if s and item in s)
                    cells.append(f"{k}/{len(runs)}" if k else "·")
            print(f"| {label} | " + " | ".join(cells) + " |")
        counts = []
        for t in cat_tools:
            sizes = [len(s) for s in per_tool[t] if s is not None]
            counts.append(f"{min(sizes)}-{max(sizes)}" if sizes else "-")
        print("| **count per run (min-max)** | " + " | ".join(counts) + " |")
        if "netfix" in cat_tools:
            nf_runs = per_tool["netfix"]
            if all(s is None for s in nf_runs):
                print("netfix: no such section in its snapshot (-)")
                all_missed[(cat, "netfix-section")] = None
                continue
            nf_union = set().union(*[s for s in nf_runs if s])
            nf_all = set.intersection(*[s or set() for s in nf_runs])
            for t in cat_tools:
                if t == "netfix":
                    continue
                other = set().union(*[s for s in per_tool[t] if s]) if any(per_tool[t]) else set()
                never = sorted(other - nf_union, key=item_key)
                flaky = sorted((other & nf_union) - nf_all, key=item_key)
                fmt = lambda xs: ", ".join(" ".join(x) if isinstance(x, tuple) else x for x in xs)
                msg = f"netfix vs {SHORT[t]}: missed {len(never)}" + (f" [{fmt(never)}]" if never else "")
                if flaky:
                    msg += f"; found only in some runs {len(flaky)} [{fmt(flaky)}]"
                print(msg)
                all_missed[(cat, t)] = len(never) + len(flaky)
    if all_missed:
        absent = sorted({cat for (cat, t), v in all_missed.items() if v is None})
        ok = not absent and all(v == 0 for v in all_missed.values())
        why = f" (netfix has no data for: {', '.join(absent)})" if absent else ""
        print(f"\ntarget (everything the other tools find, in every run): {'met' if ok else 'NOT met'}{why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
