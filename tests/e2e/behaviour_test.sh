#!/usr/bin/env bash
# End-to-end behaviour of a live scan in the healthy simulated home, beyond the
# findings: the snapshot's content, Ctrl-C, the global deadline, running
# without privileges, the progress line, the report language.
#
#   behaviour_test.sh NETFIX_BINARY
#
# Exit status: 0 passed, 1 failed, 77 skipped (not root / no namespaces).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LAB=$REPO/tests/lab/lab.sh
PY=/usr/bin/python3
netfix=${1:?usage: behaviour_test.sh NETFIX_BINARY}
netfix=$(realpath "$netfix")

((EUID == 0)) || { echo "SKIPPED: e2e behaviour: needs root to create network namespaces"; exit 77; }
# Can this machine make a network namespace? Leave /run/netns as it was (ip netns add
# creates and mounts it).
had_run_netns=0 had_mount=0
[[ -d /run/netns ]] && had_run_netns=1
mountpoint -q /run/netns 2>/dev/null && had_mount=1
probe_ok=1
err=$(ip netns add netfix-e2e-probe-$$ 2>&1) || probe_ok=0
((probe_ok)) && ip netns del netfix-e2e-probe-$$
if [[ -d /run/netns && -z $(ls -A /run/netns) ]]; then
  ((had_mount)) || umount /run/netns 2>/dev/null
  ((had_run_netns)) || rmdir /run/netns 2>/dev/null
fi
((probe_ok)) || { echo "SKIPPED: e2e behaviour: cannot create a network namespace: $err"; exit 77; }

out=${E2E_OUT:-$(dirname "$netfix")/e2e-results}/behaviour
rm -rf -- "$out" && mkdir -p "$out"
lock=${LAB_LOCK:-/run/lock/netfix-lab-nfx.lock}
mkdir -p "$(dirname "$lock")"
exec 9>>"$lock"
flock -w 600 9 || { echo "FAILED: another lab holds $lock"; exit 1; }
export NETFIX_LAB_LOCKED=1
trap 'LAB_SAVE_LOGS=$out/lab "$LAB" down >>"$out/lab-down.log" 2>&1' EXIT
"$LAB" down >/dev/null 2>&1 || true
LAB_SAVE_LOGS=$out/lab "$LAB" up healthy >"$out/lab-up.log" 2>&1 || {
  cat "$out/lab-up.log"; echo "FAILED: the lab did not come up"; exit 1; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
client() { "$LAB" exec client "$@"; }
# py FILE EXPR: EXPR over s (the parsed JSON file) must be true.
py() { $PY -c "import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }

# 1. A full scan as root: every host, vendors, the gateway, a valid snapshot.
client "$netfix" -q scan -o "$out/scan.json"; rc=$?
[ $rc = 0 ] || fail "scan exited $rc"
$PY "$REPO/tests/schema/validate.py" "$REPO/schema/snapshot.schema.json" "$out/scan.json" >/dev/null ||
  fail "scan.json does not validate against the snapshot schema"
py "$out/scan.json" "len([d for d in s['devices'] if not d['is_self']]) >= 21" ||
  fail "scan found fewer than the router and 20 hosts"
py "$out/scan.json" "any(d['is_gateway'] and d['ipv4'] == ['192.168.178.1'] and d['vendor'].startswith('AVM') for d in s['devices'])" ||
  fail "the router is not recorded as the gateway with vendor AVM"
# The lab has no Wi-Fi: the Wi-Fi probe is skipped ("no Wi-Fi interface"); so are the speed
# and peer tests, which contact nothing without --speed-url and --peer; every other one ok.
py "$out/scan.json" "all(p['status'] == 'ok' or (p['id'] in ('wifi', 'speed', 'peer') and p['status'] == 'skipped') for p in s['probes'])" ||
  fail "not every probe was ok as root"
py "$out/scan.json" "s['measurements']['arp']['conflicts'] == []" || fail "conflicts in the healthy home"
[ $failures = 0 ] && pass "full scan as root"

# 2. Ctrl-C during a slow sweep: exit 130, and the snapshot still has what was found.
f=$failures
client timeout --preserve-status -s INT 2 "$netfix" -q scan --arp-rate 10 -o "$out/interrupted.json"; rc=$?
[ $rc = 130 ] || fail "interrupted scan exited $rc, expected 130"
py "$out/interrupted.json" "s['host']['interrupted'] and 'interrupt' in s['host']['interrupt_reason']" ||
  fail "interrupted snapshot does not say it was interrupted"
py "$out/interrupted.json" "any(p['id'] == 'arp-sweep' and p['status'] == 'failed' for p in s['probes'])" ||
  fail "the interrupted ARP sweep is not logged as failed"
py "$out/interrupted.json" "any(d['ipv4'] == ['192.168.178.1'] for d in s['devices'])" ||
  fail "the interrupted snapshot lost the router it had already found"
[ $failures = $f ] && pass "Ctrl-C keeps what was collected (exit 130)"

# 3. The global deadline bounds the scan; the result is still written.
f=$failures
start=$(date +%s%N)
client "$netfix" -q scan --arp-rate 10 --timeout 2 -o "$out/deadline.json"; rc=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
[ $rc = 0 ] || fail "scan with a deadline exited $rc"
((elapsed_ms < 4000)) || fail "scan with --timeout 2 took ${elapsed_ms} ms"
py "$out/deadline.json" "s['host']['interrupted'] and 'deadline' in s['host']['interrupt_reason']" ||
  fail "the snapshot does not say the deadline stopped it"
[ $failures = $f ] && pass "--timeout 2 ends the scan after ${elapsed_ms} ms"

# 4. Without privileges: raw-socket probes are skipped with the hint, the rest runs.
f=$failures
client setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
  "$netfix" check --format json >"$out/unprivileged.json" 2>"$out/unprivileged.err"; rc=$?
[ $rc = 0 ] || fail "unprivileged check exited $rc (stderr: $(head -c 300 "$out/unprivileged.err"))"
py "$out/unprivileged.json" "any(p['id'] == 'arp-sweep' and p['status'] == 'skipped' and 'CAP_NET_RAW' in p.get('hint', '') for p in s['snapshot']['probes'])" ||
  fail "arp-sweep is not skipped with the CAP_NET_RAW hint"
py "$out/unprivileged.json" "any(p['id'] == 'dns' and p['status'] == 'ok' for p in s['snapshot']['probes'])" ||
  fail "the dns probe did not run without privileges"
py "$out/unprivileged.json" "any(c['id'] == 'ip-address-conflict' and c['outcome'] == 'skipped' for c in s['checks'])" ||
  fail "ip-address-conflict is not reported as skipped"
grep -q "netfix: hint: run with sudo or grant CAP_NET_RAW" "$out/unprivileged.err" ||
  fail "no privilege hint on stderr"
[ $failures = $f ] && pass "unprivileged run skips with the hint and still reports"

# 5. Progress: on a terminal only.
f=$failures
client script -qfec "$netfix scan -o $out/tty.json" /dev/null >"$out/tty.log" 2>&1 || fail "scan on a pty failed"
grep -q "netfix: scanning:" "$out/tty.log" || fail "no progress line on a terminal"
client "$netfix" scan -o "$out/notty.json" 2>"$out/notty.err" || fail "scan without a terminal failed"
if grep -q "scanning" "$out/notty.err"; then fail "progress line printed although stderr is not a terminal"; fi
[ $failures = $f ] && pass "progress only on a terminal"

# 6. The language follows the locale.
f=$failures
client env LANG=de_DE.UTF-8 "$netfix" check --format json >"$out/de.json" 2>/dev/null
py "$out/de.json" "s['lang'] == 'de'" || fail "LANG=de_DE.UTF-8 did not give a German report"
[ $failures = $f ] && pass "German locale gives a German report"

if [ $failures = 0 ]; then echo "PASSED: e2e behaviour"; exit 0; fi
echo "FAILED: e2e behaviour ($failures failures; results in $out)"
exit 1
