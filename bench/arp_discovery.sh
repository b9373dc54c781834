#!/bin/bash
# ARP discovery, side by side: `netfix scan` against `nmap -sn` and
# `arp-scan --localnet`, in the simulated home's client (tests/lab/), never on
# the machine's own network. Runs are interleaved (netfix, nmap, arp-scan,
# netfix, ...) and the neighbour cache is flushed before each, so every tool
# starts cold. Prints wall-time medians, ratios and the hosts each tool found.
#
#   sudo ./bench/arp_discovery.sh [RUNS]        RUNS: per tool, default 7
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${NETFIX_BUILD_DIR:-$ROOT/build}
RUNS=${1:-7}
LAB=$ROOT/tests/lab/lab.sh
NETFIX=$BUILD/netfix
OUT=$(mktemp -d /tmp/netfix-bench.XXXXXX)
[ "$(id -u)" = 0 ] || { echo "arp_discovery.sh: needs root (network namespaces)" >&2; exit 2; }
[ -x "$NETFIX" ] || { echo "arp_discovery.sh: build netfix first (./scripts/build.sh)" >&2; exit 2; }
for tool in nmap arp-scan; do
  command -v "$tool" >/dev/null || { echo "arp_discovery.sh: $tool missing (./scripts/install-deps.sh)" >&2; exit 2; }
done

trap '"$LAB" down >/dev/null 2>&1 || true; rm -rf "$OUT"' EXIT
"$LAB" up healthy >/dev/null
in_client() { "$LAB" exec client "$@"; }
SUBNET=$(in_client ip -4 -o route show dev lan0 scope link | awk '{print $1; exit}')
SELF=$(in_client ip -4 -o addr show dev lan0 | awk '{split($4, a, "/"); print a[1]; exit}')

# time_run TOOL N CMD...: wall time of CMD in the client, output kept.
time_run() {
  local tool=$1 n=$2
  shift 2
  in_client ip neigh flush dev lan0
  local start end
  start=$(date +%s%N)
  in_client "$@" >"$OUT/$tool.$n.out" 2>"$OUT/$tool.$n.err" || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000)) >>"$OUT/$tool.times"   # microseconds
}

for n in $(seq 1 "$RUNS"); do
  time_run netfix "$n" "$NETFIX" -q scan --dns-reference none -o "$OUT/netfix.$n.json"
  time_run nmap "$n" nmap -sn -n -oG - "$SUBNET"
  time_run arp-scan "$n" arp-scan -I lan0 --localnet
done

/usr/bin/python3 - "$OUT" "$RUNS" "$SELF" "$SUBNET" <<'PY'
import json, re, statistics, sys
out, runs, self_ip, subnet = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def hosts(tool, n):
    text = open(f"{out}/{tool}.{n}.out", errors="replace").read() if tool != "netfix" else None
    if tool == "netfix":
        snap = json.load(open(f"{out}/netfix.{n}.json"))
        return {ip for d in snap["devices"] if not d.get("is_self") for ip in d["ipv4"]}, snap
    if tool == "nmap":
        return set(re.findall(r"^Host: (\S+) .*Status: Up", text, re.M)) - {self_ip}, None
    return set(re.findall(r"^(\d+\.\d+\.\d+\.\d+)\t", text, re.M)) - {self_ip}, None

tools = ["netfix", "nmap", "arp-scan"]
label = {"netfix": "netfix scan (whole scan)", "nmap": "nmap -sn -n", "arp-scan": "arp-scan --localnet"}
times = {t: [int(x) / 1e6 for x in open(f"{out}/{t}.times")] for t in tools}
found = {t: [hosts(t, n)[0] for n in range(1, runs + 1)] for t in tools}
sweep_ms = [hosts("netfix", n)[1]["measurements"]["arp"]["duration_ms"] for n in range(1, runs + 1)]
union_others = set().union(*found["nmap"], *found["arp-scan"])
base = statistics.median(times["netfix"])

print(f"ARP discovery of {subnet} in the simulated home (client {self_ip}), {runs} runs per tool, interleaved\n")
print("| tool | runs | median s | min s | max s | time vs netfix | hosts found (min-max over runs) |")
print("|---|---|---|---|---|---|---|")
for t in tools:
    ts = times[t]
    counts = [len(f) for f in found[t]]
    print(f"| {label[t]} | {len(ts)} | {statistics.median(ts):.3f} | {min(ts):.3f} | {max(ts):.3f} | "
          f"{statistics.median(ts) / base:.2f}x | {min(counts)}-{max(counts)} |")
print(f"\nnetfix's ARP sweep alone (from the snapshot): median {statistics.median(sweep_ms) / 1000:.3f} s")
missed = [sorted(union_others - f) for f in found["netfix"] if union_others - f]
extra = sorted(set().union(*found["netfix"]) - union_others)
print(f"hosts any other tool found: {len(union_others)}; netfix missed some in {len(missed)} of {runs} runs"
      + (f": {missed[0]}" if missed else ""))
if extra:
    print(f"netfix found hosts no other tool found: {extra}")
faster = all(statistics.median(times['netfix']) < statistics.median(times[t]) for t in ('nmap', 'arp-scan'))
print(f"target (every host the others find, in less time than either): {'met' if faster and not missed else 'NOT met'}")
PY
