#!/usr/bin/python3
"""The table of bench/link_accuracy.sh: netfix vs iperf3/ping vs the lab's configuration.

Reads the raw outputs link_accuracy.sh leaves in --dir (netfix snapshots, iperf3 -J output,
ping output, `tc -j` of the shapers, `nft -j` of the lossy-link table), prints one table
and exits 1 when a target is missed, 0 otherwise (2: the outputs are unusable).
See the header of link_accuracy.sh for the targets and why goodput is 1448/1514 of the rate.
"""
import argparse
import json
import math
import os
import re
import statistics
import sys

GOODPUT = 1448 / 1514  # TCP payload (timestamps on) per Ethernet frame at MTU 1500
THROUGHPUT_TOL = 0.05
LATENCY_TOL = 0.20
LOSS_Z = 3.29  # two-sided 99.9 %


class Unusable(Exception):
    pass


def load(dirname, name):
    path = os.path.join(dirname, name)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f) if name.endswith(".json") else f.read()
    except (OSError, ValueError) as e:
        raise Unusable(f"{path}: {e}") from e


def tbf(dirname, name):
    """(rate Mbit/s, full-queue delay ms) of the tbf in a `tc -j qdisc show` file."""
    qdiscs = [q for q in load(dirname, name) if q.get("kind") == "tbf"]
    if not qdiscs:
        raise Unusable(f"{name}: no tbf qdisc")
    o = qdiscs[0]["options"]
    rate = o["rate"]  # bytes/s
    # tc prints "lat" = (limit - burst) / rate, so limit / rate = lat + burst / rate.
    delay_ms = o["lat"] / 1000 + o["burst"] / rate * 1000
    return rate * 8 / 1e6, delay_ms


def speed_test(snapshot, leg="internet"):
    for t in snapshot.get("measurements", {}).get("speed", []):
        if t.get("leg") == leg:
            return t
    return None


def transfer(test, direction):
    for t in (test or {}).get("transfers", []):
        if t.get("direction") == direction:
            return t
    return None


def iperf_mbit(doc):
    if "error" in doc:
        raise Unusable(f"iperf3: {doc['error']}")
    return doc["end"]["sum_received"]["bits_per_second"] / 1e6


def ping_times(text):
    return [float(x) for x in re.findall(r"time=([\d.]+) ms", text)]


def ping_counts(text):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", text)
    if not m:
        raise Unusable(f"no ping summary in: {text[-200:]!r}")
    return int(m.group(1)), int(m.group(2))


def nft_drop_rates(doc):
    """The N of every `numgen random mod 100 < N` in an `nft -j` listing, as fractions."""
    rates = []
    for item in doc.get("nftables", []):
        for expr in item.get("rule", {}).get("expr", []):
            match = expr.get("match", {})
            left = match.get("left", {})
            if isinstance(left, dict) and "numgen" in left and match.get("op") == "<":
                rates.append(match["right"] / left["numgen"]["mod"])
    return rates


def median(xs):
    return statistics.median(xs) if xs else None


def fmt(x, digits=1):
    return "-" if x is None else f"{x:.{digits}f}"


def ratio(x, ref):
    return None if x is None or not ref else x / ref


class Table:
    def __init__(self):
        self.rows = []
        self.missed = []

    def add(self, metric, configured, goodput, netfix, nratio, ref, rratio, target, ok_netfix, ok_ref, digits=1,
            info=False):
        if info:
            verdict = "information"
        elif ok_netfix and ok_ref:
            verdict = "ok"
        else:
            who = [w for w, ok in (("netfix", ok_netfix), ("reference", ok_ref)) if not ok]
            verdict = "MISSED (" + ", ".join(who) + ")"
            self.missed.append(metric)
        self.rows.append([metric, configured, goodput, fmt(netfix, digits), fmt(nratio, 3), fmt(ref, digits),
                          fmt(rratio, 3), target, verdict])

    def print(self):
        head = ["metric", "configured", "goodput", "netfix", "ratio", "iperf3/ping", "ratio", "target", "result"]
        widths = [max(len(str(r[i])) for r in [head] + self.rows) for i in range(len(head))]
        line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
        print(line(head))
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for r in self.rows:
            print(line(r))


def within(x, ref, tol):
    return x is not None and ref and abs(x / ref - 1) <= tol


def throughput_rows(d, table, notes):
    snap = load(d, "healthy.snapshot.json")
    test = speed_test(snap)
    if test is None:
        notes.append("healthy: netfix made no internet speed test (measurements.speed is empty: is --speed-url implemented?)")
    for direction, tc_file, iperf_file in (("download", "healthy.tc-down.json", "healthy-down.iperf3.json"),
                                           ("upload", "healthy.tc-up.json", "healthy-up.iperf3.json")):
        rate, _ = tbf(d, tc_file)
        good = rate * GOODPUT
        t = transfer(test, direction)
        nf = t.get("mbit_s") if t and t.get("status") in ("ok", "partial") else None
        if t and t.get("status") != "ok":
            notes.append(f"healthy {direction}: netfix transfer status {t.get('status')!r} {t.get('error', '')}")
        ref = iperf_mbit(load(d, iperf_file))
        table.add(f"{direction} Mbit/s (healthy)", f"{rate:g} (tbf)", f"{good:.1f}", nf, ratio(nf, good), ref,
                  ratio(ref, good), f"±{THROUGHPUT_TOL:.0%} of goodput",
                  within(nf, good, THROUGHPUT_TOL), within(ref, good, THROUGHPUT_TOL))


def htb_mbit(text):
    m = re.search(r"\brate (\d+(?:\.\d+)?)([KMG]?)bit", text)
    if not m:
        raise Unusable(f"no htb rate in: {text!r}")
    return float(m.group(1)) * {"": 1e-6, "K": 1e-3, "M": 1, "G": 1e3}[m.group(2)]


def home_rows(d, table, notes):
    test = speed_test(load(d, "backhaul.snapshot.json"), "home")
    if test is None or test.get("error"):
        notes.append(f"slow-backhaul: netfix made no home-leg test ({(test or {}).get('error', 'no peer result')})")
    # The home leg's download comes from the TV (netfix serve, iperf3 -R): the repeater shapes
    # it on bh0; the upload goes to the TV, shaped on t-tv.
    for direction, htb_file, iperf_file in (("download", "backhaul.htb-from-tv.txt", "backhaul-down.iperf3.json"),
                                            ("upload", "backhaul.htb-to-tv.txt", "backhaul-up.iperf3.json")):
        rate = htb_mbit(load(d, htb_file))
        good = rate * GOODPUT
        t = transfer(test, direction)
        nf = t.get("mbit_s") if t and t.get("status") in ("ok", "partial") else None
        if t and t.get("status") != "ok":
            notes.append(f"slow-backhaul {direction}: netfix transfer status {t.get('status')!r} {t.get('error', '')}")
        ref = iperf_mbit(load(d, iperf_file))
        table.add(f"home {direction} Mbit/s (slow-backhaul, --peer)", f"{rate:g} (htb)", f"{good:.1f}", nf,
                  ratio(nf, good), ref, ratio(ref, good), f"±{THROUGHPUT_TOL:.0%} of goodput",
                  within(nf, good, THROUGHPUT_TOL), within(ref, good, THROUGHPUT_TOL))


def latency_rows(d, table, notes, snapshot="bufferbloat.snapshot.json", label="", info=False):
    snap = load(d, snapshot)
    test = speed_test(snap)
    if test is None:
        notes.append(f"bufferbloat{label}: netfix made no internet speed test")
    idle_nf = median((test or {}).get("idle_rtt_ms", []))
    idle_ping = median(ping_times(load(d, "bufferbloat-idle.ping.txt")))
    if test and not info:
        notes.append(f"bufferbloat: netfix's round trips go to {test.get('latency_target')} "
                     f"({test.get('latency_method')}), idle median {fmt(idle_nf, 2)} ms; "
                     f"ping(8) to the speed test server, idle median {fmt(idle_ping, 2)} ms")
    for direction, tc_file, ping_file in (("download", "bufferbloat.tc-down.json", "bufferbloat-down.ping.txt"),
                                          ("upload", "bufferbloat.tc-up.json", "bufferbloat-up.ping.txt")):
        _, queue_ms = tbf(d, tc_file)
        t = transfer(test, direction)
        loaded = (t or {}).get("loaded_rtt_ms", [])
        nf = median(loaded) - idle_nf if loaded and idle_nf is not None else None
        times = ping_times(load(d, ping_file))
        ref = median(times) - idle_ping if times and idle_ping is not None else None
        window = f" in {t.get('window_ms', 0) / 1000:.1f} s" if t else ""
        notes.append(f"bufferbloat{label} {direction}: netfix {len(loaded)} loaded round trips{window}"
                     f"{' at ' + fmt(t.get('mbit_s')) + ' Mbit/s' if t else ''}; ping {len(times)} during iperf3 "
                     f"at {fmt(iperf_mbit(load(d, ping_file.replace('.ping.txt', '.iperf3.json'))))} Mbit/s")
        table.add(f"added latency ms, {direction} (bufferbloat{label})", f"{queue_ms:.0f} (queue)", "-", nf,
                  ratio(nf, queue_ms), ref, ratio(ref, queue_ms), "-" if info else f"±{LATENCY_TOL:.0%}",
                  within(nf, queue_ms, LATENCY_TOL), within(ref, queue_ms, LATENCY_TOL), digits=0, info=info)


def loss_rows(d, table, notes, server):
    rates = nft_drop_rates(load(d, "lossy.nft.json"))
    if not rates:
        raise Unusable("lossy.nft.json: no numgen drop rule")
    keep = 1.0
    for r in rates[:2]:  # one rule per direction
        keep *= 1 - r
    p = 1 - keep
    snap = load(d, "lossy.snapshot.json")
    pings = [x for x in snap.get("measurements", {}).get("ping", [])
             if x.get("role") == "internet" and x.get("target") == server]
    nf = nf_n = None
    if pings and pings[0].get("sent"):
        nf_n = pings[0]["sent"]
        nf = 1 - pings[0]["received"] / nf_n
        notes.append(f"lossy-link: netfix {pings[0]['received']}/{nf_n} answered ({pings[0].get('method')}); "
                     f"tolerance ±{100 * LOSS_Z * math.sqrt(p * (1 - p) / nf_n):.1f} points")
    else:
        notes.append(f"lossy-link: netfix measured no round trips to the internet target {server}")
    sent, received = ping_counts(load(d, "lossy.ping.txt"))
    ref = 1 - received / sent if sent else None
    tol = lambda n: LOSS_Z * math.sqrt(p * (1 - p) / n) if n else 0
    notes.append(f"lossy-link: ping {received}/{sent} answered; tolerance ±{100 * tol(sent):.1f} points; "
                 f"configured {', '.join(f'{100 * r:g} %' for r in rates)} per direction = {100 * p:.1f} % per round trip")
    table.add("round-trip loss % (lossy-link)", f"{100 * p:.1f} ({'+'.join(f'{100 * r:g}' for r in rates)} each way)",
              "-", None if nf is None else 100 * nf, ratio(nf, p), None if ref is None else 100 * ref, ratio(ref, p),
              f"±{LOSS_Z}σ binomial (n={nf_n or 0}/{sent})",
              nf is not None and abs(nf - p) <= tol(nf_n), ref is not None and abs(ref - p) <= tol(sent))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--load-duration", required=True, help="netfix's --load-duration in the bufferbloat run")
    args = ap.parse_args()
    table, notes = Table(), []
    try:
        throughput_rows(args.dir, table, notes)
        latency_rows(args.dir, table, notes, label=f", netfix default {args.load_duration} s")
        if os.path.exists(os.path.join(args.dir, "bufferbloat-default.snapshot.json")):
            latency_rows(args.dir, table, notes, "bufferbloat-default.snapshot.json", ", netfix default 12 s", True)
        loss_rows(args.dir, table, notes, args.server)
        home_rows(args.dir, table, notes)
    except (Unusable, KeyError, TypeError) as e:
        print(f"link_accuracy: the outputs are unusable: {e!r}", file=sys.stderr)
        return 2
    table.print()
    print()
    for n in notes:
        print(f"note: {n}")
    if table.missed:
        print(f"targets missed: {'; '.join(table.missed)}")
        return 1
    print("all targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
