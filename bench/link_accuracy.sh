#!/bin/bash
# Link-quality accuracy in the simulated home (tests/lab/), never on the machine's own network:
# netfix's measurements side by side with iperf3 and ping(8), against what the lab configured.
# One run brings up four scenarios, one after the other:
#   healthy      throughput: netfix's HTTP download and upload (--speed-url/--upload-url, its
#                default 8 streams) vs iperf3 -P 4 (-R for the download; iperf3 -s in the internet
#                namespace on 62.1.1.10, the speed test server) vs the tbf rate (100/40 Mbit/s)
#   bufferbloat  loaded latency: the round trips netfix adds under its own load vs ping(8)
#                during an iperf3 -P 4 load vs the delay of the full tbf queue (limit / rate);
#                netfix runs with its defaults (12 s, 8 streams; see "Why 8 streams" below)
#   lossy-link   loss: netfix's round-trip loss to the internet target vs `ping -c 1000
#                -i 0.01` vs the configured drop rate (nft numgen, each way: 1-(1-p)^2)
#   slow-backhaul  the home leg: netfix --peer against `netfix serve` in the TV vs iperf3
#                between the client and the TV vs the htb rate of the TV's link (15 Mbit/s)
# and prints one table; exits 1 when a target is missed (by netfix or by a reference tool,
# which would mean the lab itself is off), 2 when it could not run.
#
# Targets: throughput within +-5 % of the shaped rate's TCP goodput; loaded-latency increase
# within +-20 % of the configured queue; loss within 3.29 binomial standard deviations of the
# configured rate (99.9 %: sqrt(p(1-p)/n) for n round trips), which the table states.
#
# Why goodput: tbf (and htb) count whole Ethernet frames, 1514 bytes for a full-size TCP
# segment at MTU 1500 that carries 1448 bytes of payload (20 IP + 20 TCP + 12 timestamp
# option + 14 Ethernet header). No TCP transfer can deliver more than rate x 1448/1514 =
# 95.6 % of the tbf rate (95.6 of 100, 38.3 of 40 Mbit/s); that goodput is the column the
# throughput ratios use. The configured rate is shown too.
# Why the queue delay is limit/rate: tc's tbf "latency L" sets limit = rate x L + burst, and a
# full tail-drop queue delays by limit/rate (300 ms + 64 KB/100 Mbit/s = 305 ms). Cubic flows
# keep it 70-100 % full (their sawtooth), so ~85-90 % of it is what any tool sees.
# Why 8 streams: cubic leaves slow start early (HyStart) and then grows by congestion
# avoidance; 4 flows needed ~4 s to fill 300 ms of queue at 100 Mbit/s, longer than the ~4.3 s
# window each direction gets in 12 s (median ~190 ms, 0.68 of the queue). 8 flows grow twice
# as fast together and fill it within the 1 s ramp (median ~281 ms, 0.92), as
# networkQuality's many parallel flows do; the throughput is the same.
# Queues drain (tc backlog 0 on both shapers) before every measurement, so that one load's
# leftovers do not count as the next one's idle round trips.
#
#   sudo ./bench/link_accuracy.sh        about 3.5 minutes
#
# No quick mode: four lab starts and the iperf3/ping references take minutes, so this is no
# CI test.
# Environment: NETFIX (binary; default $NETFIX_BUILD_DIR/netfix or build/netfix),
# BENCH_KEEP=DIR (keep the raw outputs: snapshots, iperf3 JSON, ping output, tc and nft
# state), LAB_PREFIX/LAB_RUN (as for lab.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${NETFIX_BUILD_DIR:-$ROOT/build}
LAB=$ROOT/tests/lab/lab.sh
NETFIX=${NETFIX:-$BUILD/netfix}
PY=/usr/bin/python3
SERVER=62.1.1.10   # speedtest.isp.test in the lab's internet namespace
TV=192.168.178.30  # the TV behind the repeater (slow-backhaul: netfix serve and iperf3 -s)
SPEED_ARGS=(--speed-url http://speedtest.isp.test/100M.bin --upload-url http://speedtest.isp.test/upload)

(($# == 0)) || { echo "usage: link_accuracy.sh (no arguments; see its header)" >&2; exit 2; }
# iperf3 loads of LOAD_S s, the first OMIT_S s left out (and no pings in them); round trips
# for the loss; netfix's --load-duration in the bufferbloat run.
LOAD_S=10 OMIT_S=2 LOADED_PINGS=60 NETFIX_COUNT=200 PING_COUNT=1000 NETFIX_LOAD_S=12

die() { echo "link_accuracy.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
[ -x "$NETFIX" ] || die "no netfix binary at $NETFIX (./scripts/build.sh, or NETFIX=...)"
for t in iperf3 ping; do command -v "$t" >/dev/null || die "$t missing (./scripts/install-deps.sh)"; done
# busybox's ping has no sub-second -i; the loss reference needs iputils' ping(8).
ping -V 2>&1 | grep -q iputils || die "ping is not iputils-ping (./scripts/install-deps.sh)"

OUT=${BENCH_KEEP:-$(mktemp -d /tmp/netfix-link-bench.XXXXXX)}
mkdir -p "$OUT"
we_made_lab=0
cleanup() {
  if ((we_made_lab)); then "$LAB" down >>"$OUT/lab.log" 2>&1 || echo "link_accuracy.sh: warning: lab down failed" >&2; fi
  if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf -- "$OUT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if "$LAB" status | grep -q '^scenario:'; then
  die "a lab is already up (prefix ${LAB_PREFIX:-nfx-}); not touching it. Bring it down, or use another LAB_PREFIX/LAB_RUN"
fi

PREFIX=${LAB_PREFIX:-nfx-}
say() { echo "  $*" >&2; }

lab_up() {  # SCENARIO
  if ((we_made_lab)); then "$LAB" down >>"$OUT/lab.log" 2>&1; fi
  we_made_lab=1
  NETFIX_BIN=$NETFIX "$LAB" up "$1" >>"$OUT/lab.log" 2>&1 || { tail -n 20 "$OUT/lab.log" >&2; die "the lab ($1) did not come up"; }
}

# Every run below has its own upper bound (timeout), and every load runs LOAD_S seconds.
netfix_scan() {  # NAME ARGS...: a snapshot from the client, with the link probes
  local name=$1
  shift
  say "netfix scan $*"
  drained
  timeout 180 "$LAB" exec client "$NETFIX" -q scan -o "$OUT/$name.snapshot.json" "$@" \
    >"$OUT/$name.netfix.out" 2>"$OUT/$name.netfix.err" ||
    { tail -n 5 "$OUT/$name.netfix.err" >&2; die "netfix scan failed ($name)"; }
}

backlog() {  # NODE DEV: bytes queued in the root qdisc
  tc -s -j -n "${PREFIX}$1" qdisc show dev "$2" | "$PY" -c 'import json,sys; print(sum(q.get("backlog", 0) for q in json.load(sys.stdin)))'
}

drained() {  # both WAN shapers have empty queues, or wait (at most 5 s) until they have
  local _
  for _ in $(seq 1 100); do
    [[ $(backlog isp down0) == 0 && $(backlog router wan0) == 0 ]] && return 0
    sleep 0.05
  done
  die "the WAN queues did not drain within 5 s"
}

server_listening() { [[ -n $(ss -N "${PREFIX}$1" -Hltn "sport = :5201" 2>/dev/null) ]]; }

iperf_start_server() {  # [NODE ADDR]: a one-shot iperf3 server (default: the speed test server)
  local node=${1:-inet} addr=${2:-$SERVER} _
  timeout $((LOAD_S + 30)) ip netns exec "${PREFIX}$node" iperf3 -s -1 -B "$addr" >>"$OUT/iperf3-server.log" 2>&1 &
  IPERF_SERVER=$!
  for _ in $(seq 1 100); do server_listening "$node" && return 0; sleep 0.05; done
  die "iperf3 -s did not listen in ${PREFIX}$node within 5 s"
}

iperf_run() {  # NAME NODE ADDR [-R]: iperf3 -P 4 for LOAD_S seconds (the first OMIT_S left out)
  local name=$1 node=$2 addr=$3
  shift 3
  say "iperf3 -c $addr -P 4 -t $LOAD_S -O $OMIT_S $*"
  drained
  iperf_start_server "$node" "$addr"
  timeout $((LOAD_S + 20)) "$LAB" exec client iperf3 -c "$addr" -P 4 -t "$LOAD_S" -O "$OMIT_S" -J "$@" \
    >"$OUT/$name.iperf3.json" 2>"$OUT/$name.iperf3.err" || die "iperf3 failed ($name): $(head -c 300 "$OUT/$name.iperf3.err")"
  wait "$IPERF_SERVER" || true
}

ping_idle() {  # NAME
  say "ping -c 20 -i 0.05 $SERVER (idle)"
  drained
  timeout 20 "$LAB" exec client ping -n -c 20 -i 0.05 "$SERVER" >"$OUT/$1.ping.txt" 2>&1 || true
}

ping_loaded() {  # NAME [-R]: ping(8) during an iperf3 load, after the queue has filled
  local name=$1 load
  shift
  say "ping -c $LOADED_PINGS -i 0.1 $SERVER during iperf3 -P 4 $*"
  drained
  iperf_start_server
  timeout $((LOAD_S + 20)) "$LAB" exec client iperf3 -c "$SERVER" -P 4 -t "$LOAD_S" -J "$@" \
    >"$OUT/$name.iperf3.json" 2>"$OUT/$name.iperf3.err" &
  load=$!
  sleep "$OMIT_S"   # slow start and the queue filling up; the pings start in the steady state
  timeout $((LOAD_S + 10)) "$LAB" exec client ping -n -c "$LOADED_PINGS" -i 0.1 "$SERVER" >"$OUT/$name.ping.txt" 2>&1 || true
  wait "$load" || die "iperf3 failed ($name): $(head -c 300 "$OUT/$name.iperf3.err")"
  wait "$IPERF_SERVER" || true
}

shapers() {  # NAME: the tbf settings as the kernel has them
  tc -j -n "${PREFIX}isp" qdisc show dev down0 >"$OUT/$1.tc-down.json"
  tc -j -n "${PREFIX}router" qdisc show dev wan0 >"$OUT/$1.tc-up.json"
}

t0=$SECONDS
echo "link accuracy bench: healthy, bufferbloat, lossy-link, slow-backhaul in the lab's client" >&2
echo " healthy: throughput" >&2
lab_up healthy
shapers healthy
netfix_scan healthy "${SPEED_ARGS[@]}"
iperf_run healthy-down inet "$SERVER" -R
iperf_run healthy-up inet "$SERVER"

echo " bufferbloat: loaded latency" >&2
lab_up bufferbloat
shapers bufferbloat
netfix_scan bufferbloat "${SPEED_ARGS[@]}"

ping_idle bufferbloat-idle
ping_loaded bufferbloat-down -R
ping_loaded bufferbloat-up

echo " lossy-link: loss" >&2
lab_up lossy-link
ip netns exec "${PREFIX}router" nft -j list table inet lab_lossy >"$OUT/lossy.nft.json"
netfix_scan lossy --latency-count "$NETFIX_COUNT" --internet-target "$SERVER"
say "ping -c $PING_COUNT -i 0.01 $SERVER"
drained
timeout 60 "$LAB" exec client ping -n -q -c "$PING_COUNT" -i 0.01 "$SERVER" >"$OUT/lossy.ping.txt" 2>&1 || true

echo " slow-backhaul: home-leg throughput" >&2
lab_up slow-backhaul   # NETFIX_BIN: netfix serve runs in the TV
tc -n "${PREFIX}repeater" class show dev t-tv >"$OUT/backhaul.htb-to-tv.txt"
tc -n "${PREFIX}repeater" class show dev bh0 >"$OUT/backhaul.htb-from-tv.txt"
netfix_scan backhaul --peer "$TV"
iperf_run backhaul-down tv "$TV" -R
iperf_run backhaul-up tv "$TV"
"$LAB" down >>"$OUT/lab.log" 2>&1
we_made_lab=0
echo " measured in $((SECONDS - t0)) s" >&2

rc=0
"$PY" "$ROOT/bench/link_accuracy_report.py" --dir "$OUT" --server "$SERVER" --load-duration "$NETFIX_LOAD_S" || rc=$?
if [[ -n ${BENCH_KEEP:-} ]]; then echo "raw outputs kept in $OUT" >&2; fi
exit "$rc"
