#!/usr/bin/env bash
# End-to-end test of one scenario: build the lab (tests/lab/lab.sh) for SCENARIO, run
# `NETFIX check --format json --snapshot FILE` in the client namespace, and compare the
# result with tests/e2e/scenarios/SCENARIO.json ({"checks": [...], "exit": N, "lab": "...",
# "args": [extra `netfix check` arguments, e.g. "--speed-url", "http://..."], "tolerated":
# {check: why} for a known flake that may appear without failing; the reason is printed).
# The lab gets NETFIX_BIN=NETFIX_BINARY (slow-backhaul runs `netfix serve` in the TV).
#
#   run_scenario.sh SCENARIO NETFIX_BINARY
#
# Exit status: 0 passed, 1 failed, 2 usage, 77 skipped (not root, or network namespaces
# cannot be made here); ctest needs SKIP_RETURN_CODE 77. The lab is always removed.
# Results (report.json, stderr.txt, snapshot.json, lab logs) go to
# ${E2E_OUT:-<dir of NETFIX_BINARY>/e2e-results}/SCENARIO/.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LAB=$REPO/tests/lab/lab.sh
PY=/usr/bin/python3

scenario=${1:-}
netfix=${2:-}
if [[ -z $scenario || -z $netfix || $# -ne 2 ]]; then
  echo "usage: run_scenario.sh SCENARIO NETFIX_BINARY" >&2
  exit 2
fi

skip() { echo "SKIPPED: e2e $scenario: $*"; exit 77; }
fail() { echo "FAILED: e2e $scenario: $*"; exit 1; }

expect=$HERE/scenarios/$scenario.json
[[ -f $expect ]] || fail "no expectations file $expect"
((EUID == 0)) || skip "needs root to create network namespaces"

# Can this machine make a network namespace at all (containers without CAP_SYS_ADMIN cannot)?
probe=netfix-e2e-probe-$$
had_run_netns=0 had_mount=0
[[ -d /run/netns ]] && had_run_netns=1
mountpoint -q /run/netns 2>/dev/null && had_mount=1
probe_ok=1
err=$(ip netns add "$probe" 2>&1) || probe_ok=0
((probe_ok)) && ip netns del "$probe"
if [[ -d /run/netns && -z $(ls -A /run/netns) ]]; then  # leave /run/netns as it was
  ((had_mount)) || umount /run/netns 2>/dev/null
  ((had_run_netns)) || rmdir /run/netns 2>/dev/null
fi
((probe_ok)) || skip "cannot create a network namespace: $err"

[[ -x $netfix && ! -d $netfix ]] || fail "netfix binary '$netfix' does not exist or is not executable"
netfix=$(realpath "$netfix")
[[ -x $PY ]] || fail "$PY is missing (run scripts/install-deps.sh)"
lab_scenarios=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("lab", sys.argv[2]))' "$expect" "$scenario") ||
  fail "cannot read $expect"

out=${E2E_OUT:-$(dirname "$netfix")/e2e-results}/$scenario
rm -rf -- "$out"
mkdir -p "$out" || fail "cannot create results dir $out"

# One lab at a time on this machine: wait (bounded) for the lab lock, the same one lab.sh takes.
prefix=${LAB_PREFIX:-nfx-}
lock=${LAB_LOCK:-/run/lock/netfix-lab-${prefix%-}.lock}
mkdir -p "$(dirname "$lock")"
exec 9>>"$lock"
flock -w "${E2E_LOCK_WAIT:-600}" 9 || fail "another lab holds $lock for more than ${E2E_LOCK_WAIT:-600} s"
export NETFIX_LAB_LOCKED=1

cleanup() {
  if ! LAB_SAVE_LOGS=$out/lab "$LAB" down >>"$out/lab-down.log" 2>&1; then
    echo "warning: lab down failed, see $out/lab-down.log" >&2
    cat "$out/lab-down.log" >&2
  fi
}
child=
on_signal() {
  if [[ -n $child ]]; then kill -TERM "$child" 2>/dev/null; fi   # timeout passes it on to netfix
  echo "INTERRUPTED: e2e $scenario" >&2
  exit 130
}
trap cleanup EXIT
trap on_signal INT TERM

# A lab left over by a crashed run would make `up` refuse.
"$LAB" down >"$out/lab-down-stale.log" 2>&1 || true

# A room-by-room Wi-Fi survey, when the scenario has one: built with `netfix survey
# --import` from the recorded scans it names (files only, no network), then given to
# `netfix check --survey`. This machine has no Wi-Fi radio, so the rooms replay scans.
extra=()
rooms=$("$PY" -c '
import json, sys
for r in json.load(open(sys.argv[1])).get("survey", []):
    print("\t".join([r["room"], r["import"], r.get("near", "")]))' "$expect") || fail "cannot read the survey of $expect"
if [[ -n $rooms ]]; then
  while IFS=$'\t' read -r room file near; do
    args=(survey --room "$room" --import "$REPO/$file" "$out/survey.json")
    [[ -n $near ]] && args+=(--near "$near")
    "$netfix" "${args[@]}" >>"$out/survey.txt" 2>&1 || { cat "$out/survey.txt"; fail "netfix ${args[*]} failed"; }
  done <<<"$rooms"
  cat "$out/survey.txt"
  extra=(--survey "$out/survey.json")
fi

scenario_args=$("$PY" -c '
import json, sys
a = json.load(open(sys.argv[1])).get("args", [])
if not isinstance(a, list) or not all(isinstance(x, str) and "\n" not in x for x in a):
    sys.exit("\"args\" must be a list of strings")
print("\n".join(a))' "$expect") || fail "cannot read the args of $expect"
if [[ -n $scenario_args ]]; then
  mapfile -t more <<<"$scenario_args"
  extra+=("${more[@]}")
fi

t0=$SECONDS
if ! NETFIX_BIN=$netfix LAB_SAVE_LOGS=$out/lab "$LAB" up "$lab_scenarios" >"$out/lab-up.log" 2>&1; then
  cat "$out/lab-up.log"
  fail "the lab did not come up (log: $out/lab-up.log, daemon logs: $out/lab/)"
fi
cat "$out/lab-up.log"

# In the background so that a signal reaches our trap at once, not after netfix ends.
timeout --kill-after=10 "${E2E_TIMEOUT:-180}" "$LAB" exec client \
  "$netfix" check --format json --snapshot "$out/snapshot.json" "${extra[@]}" \
  >"$out/report.json" 2>"$out/stderr.txt" </dev/null &
child=$!
wait "$child"
rc=$?
child=
echo "netfix check exited $rc after $((SECONDS - t0)) s (incl. lab up); results in $out"
if ((rc == 124 || rc == 137)); then
  tail -n 20 "$out/stderr.txt"
  fail "netfix check did not finish within ${E2E_TIMEOUT:-180} s"
fi

if "$PY" "$HERE/assert_report.py" --expect "$expect" --report "$out/report.json" --exit-code "$rc" \
  --snapshot "$out/snapshot.json" --schema-dir "$REPO/schema"; then
  echo "PASSED: e2e $scenario"
  exit 0
fi
echo "--- netfix stderr (last 20 lines of $out/stderr.txt)"
tail -n 20 "$out/stderr.txt"
fail "see above; report: $out/report.json, lab logs: $out/lab/"
