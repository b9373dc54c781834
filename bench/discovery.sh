#!/bin/bash
# Whole-home discovery, side by side, in the simulated home (tests/lab/, scenario healthy),
# never on the machine's own network: `netfix scan` (ARP + DHCP + SSDP + descriptions +
# mDNS + IPv6 in one run) against the tools a technician would use for each part:
#   nmap -sn -n SUBNET                                    ARP sweep (the time to beat)
#   nmap --script broadcast-dhcp-discover -e lan0          DHCP servers
#   nmap --script broadcast-upnp-info -e lan0              UPnP devices (reports only the first responder)
#   nmap --script broadcast-dns-service-discovery -e lan0  mDNS/DNS-SD services
#   avahi-browse -artpk                                    mDNS/DNS-SD services (client's avahi-daemon)
#   bench/ssdp_search.py (one M-SEARCH ssdp:all, 3 s)      SSDP devices (reference client)
# Runs are interleaved (netfix, nmap -sn, ..., netfix, ...), the client's neighbour cache is
# flushed before each. Prints wall-time medians/min/max, the ratio to netfix, and what each
# tool found next to what netfix found (and what netfix missed).
#
#   sudo ./bench/discovery.sh [RUNS]     RUNS per tool, default 5
#
# Environment: NETFIX (binary; default $NETFIX_BUILD_DIR/netfix or build/netfix),
# NETFIX_ARGS (extra scan arguments), BENCH_REUSE_LAB=1 (use the healthy lab that is up
# and leave it up), BENCH_KEEP=DIR (keep the raw outputs there), BENCH_TOOLS (subset, e.g.
# "netfix nmap-sn ssdp"), LAB_PREFIX/LAB_RUN (as for lab.sh), CLIENT_AVAHI=0 (no avahi in
# the client: avahi-browse is skipped).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${NETFIX_BUILD_DIR:-$ROOT/build}
RUNS=${1:-5}
LAB=$ROOT/tests/lab/lab.sh
NETFIX=${NETFIX:-$BUILD/netfix}
PY=/usr/bin/python3
ALL_TOOLS=(netfix nmap-sn nmap-dhcp nmap-upnp nmap-dnssd avahi ssdp)
read -r -a TOOLS <<<"${BENCH_TOOLS:-${ALL_TOOLS[*]}}"
read -r -a NETFIX_EXTRA <<<"${NETFIX_ARGS:-}"
if ! [[ $RUNS =~ ^[0-9]+$ ]] || ((RUNS < 1 || RUNS > 50)); then echo "discovery.sh: RUNS must be 1..50" >&2; exit 2; fi

die() { echo "discovery.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
has_tool() { [[ " ${TOOLS[*]} " == *" $1 "* ]]; }
if has_tool netfix; then [ -x "$NETFIX" ] || die "no netfix binary at $NETFIX (./scripts/build.sh, or NETFIX=...)"; fi
for t in nmap avahi-browse; do command -v "$t" >/dev/null || die "$t missing (./scripts/install-deps.sh)"; done
if [[ ${CLIENT_AVAHI:-1} == 0 ]]; then
  TOOLS=("${TOOLS[@]/avahi/}")
fi

OUT=${BENCH_KEEP:-$(mktemp -d /tmp/netfix-bench.XXXXXX)}
mkdir -p "$OUT"
we_made_lab=0
cleanup() {
  if ((we_made_lab)); then "$LAB" down >/dev/null 2>&1 || echo "discovery.sh: warning: lab down failed" >&2; fi
  if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf -- "$OUT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ${BENCH_REUSE_LAB:-} == 1 ]]; then
  scenario=$("$LAB" status | awk '/^scenario:/ {print $2}')
  [[ $scenario == healthy ]] || die "BENCH_REUSE_LAB=1 but the lab that is up is '${scenario:-none}', not healthy"
else
  if "$LAB" status | grep -q '^scenario:'; then
    die "a lab is already up (prefix ${LAB_PREFIX:-nfx-}); not touching it. Use BENCH_REUSE_LAB=1, or another LAB_PREFIX/LAB_RUN"
  fi
  we_made_lab=1
  "$LAB" up healthy 2>"$OUT/lab-up.log" || { cat "$OUT/lab-up.log" >&2; die "the lab did not come up"; }
fi
in_client() { "$LAB" exec client "$@"; }
SUBNET=$(in_client ip -4 -o route show dev lan0 scope link | awk '{print $1; exit}')
SELF=$(in_client ip -4 -o addr show dev lan0 | awk '{split($4, a, "/"); print a[1]; exit}')

# time_run TOOL N CMD...: wall time of CMD in the client (cold neighbour cache), output kept.
# Every tool has its own upper bound (timeout 60).
time_run() {
  local tool=$1 n=$2 start end rc=0
  shift 2
  in_client ip neigh flush dev lan0
  start=$(date +%s%N)
  in_client timeout 60 "$@" >"$OUT/$tool.$n.out" 2>"$OUT/$tool.$n.err" || rc=$?
  end=$(date +%s%N)
  echo "$(((end - start) / 1000)) $rc" >>"$OUT/$tool.times"   # microseconds, exit status
}

echo "discovery bench: $RUNS runs per tool, interleaved, in the lab's client ($SELF, $SUBNET); tools: ${TOOLS[*]}" >&2
for n in $(seq 1 "$RUNS"); do
  for tool in "${TOOLS[@]}"; do
    [[ -n $tool ]] || continue
    echo "  run $n/$RUNS: $tool" >&2
    case $tool in
      netfix) time_run netfix "$n" "$NETFIX" -q scan "${NETFIX_EXTRA[@]}" -o "$OUT/netfix.$n.json" ;;
      nmap-sn) time_run nmap-sn "$n" nmap -sn -n -oG - "$SUBNET" ;;
      nmap-dhcp) time_run nmap-dhcp "$n" nmap --script broadcast-dhcp-discover -e lan0 ;;
      nmap-upnp) time_run nmap-upnp "$n" nmap --script broadcast-upnp-info -e lan0 ;;
      nmap-dnssd) time_run nmap-dnssd "$n" nmap --script broadcast-dns-service-discovery -e lan0 ;;
      avahi) time_run avahi "$n" avahi-browse -artpk ;;
      ssdp) time_run ssdp "$n" "$PY" "$ROOT/bench/ssdp_search.py" --json --window 3 --mx 2 ;;
      *) die "unknown tool '$tool' (known: ${ALL_TOOLS[*]})" ;;
    esac
  done
done

"$PY" "$ROOT/bench/discovery_report.py" --dir "$OUT" --runs "$RUNS" --self "$SELF" --subnet "$SUBNET" \
  --tools "${TOOLS[@]}"
if [[ -n ${BENCH_KEEP:-} ]]; then echo "raw outputs kept in $OUT" >&2; fi
