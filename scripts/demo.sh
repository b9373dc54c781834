#!/bin/bash
# Quick start, command 1: installs what is missing, builds, brings up the
# simulated home (tests/lab/), runs `netfix check` inside it, and tears the
# home down again. The report is printed; HTML and JSON copies and the
# snapshot are written to demo-output/.
#
#   sudo ./scripts/demo.sh [SCENARIO]      SCENARIO: healthy (default), dns-broken,
#                                          ip-conflict, bufferbloat, slow-backhaul, ... (tests/lab/lab.sh
#                                          scenarios); the internet speed test always runs against the
#                                          lab's own server, slow-backhaul adds the home leg (--peer)
#                                          or wifi-survey: the healthy home plus a room-by-room
#                                          Wi-Fi survey built with `netfix survey --import` from
#                                          recorded scans (tests/data/wifi/home/; no radio here)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${NETFIX_BUILD_DIR:-$ROOT/build}
OUT=${NETFIX_DEMO_OUT:-$ROOT/demo-output}
SCENARIO=${1:-healthy}
if [ "$(id -u)" != 0 ]; then
  echo "demo.sh: the simulated home needs root (network namespaces): run it with sudo" >&2
  exit 2
fi
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"

LAB=$ROOT/tests/lab/lab.sh
mkdir -p "$OUT"
survey_args=()
if [ "$SCENARIO" = wifi-survey ]; then
  SCENARIO=healthy
  scans=$ROOT/tests/data/wifi/home
  rm -f "$OUT/survey.json"
  echo "demo.sh: surveying four rooms from recorded scans into $OUT/survey.json" >&2
  "$BUILD/netfix" -q survey --room Wohnzimmer --near router --import "$scans/wohnzimmer.iw.txt" "$OUT/survey.json"
  "$BUILD/netfix" -q survey --room Küche --import "$scans/kueche-1.iw.txt" "$OUT/survey.json"
  "$BUILD/netfix" -q survey --room Küche --import "$scans/kueche-2.iw.txt" "$OUT/survey.json"
  "$BUILD/netfix" -q survey --room Büro --near repeater --import "$scans/buero.iw.txt" "$OUT/survey.json"
  "$BUILD/netfix" survey --room Schlafzimmer --import "$scans/schlafzimmer.iw.txt" "$OUT/survey.json" >&2
  survey_args=(--survey "$OUT/survey.json")
fi
# The load tests use the lab's own speed test server (in its "internet"
# namespace); slow-backhaul runs `netfix serve` in the TV for the home leg.
link_args=(--speed-url http://speedtest.isp.test/100M.bin --upload-url http://speedtest.isp.test/upload)
[ "$SCENARIO" = slow-backhaul ] && link_args+=(--peer 192.168.178.30)
trap '"$LAB" down >/dev/null 2>&1 || true' EXIT
echo "demo.sh: building the simulated home ($SCENARIO) ..." >&2
NETFIX_BIN=$BUILD/netfix "$LAB" up "$SCENARIO" >&2
echo "demo.sh: running netfix check in the home's client computer" >&2
set +e
"$LAB" exec client "$BUILD/netfix" check "${survey_args[@]}" "${link_args[@]}" \
  -o "$OUT/report.html" -o "$OUT/report.json" --snapshot "$OUT/snapshot.json"
status=$?
set -e
echo >&2
echo "demo.sh: netfix exited with $status (0: no problem, 1: problems found, 2: could not run)" >&2
echo "demo.sh: wrote $OUT/report.html, $OUT/report.json and $OUT/snapshot.json" >&2
echo "demo.sh: try: $BUILD/netfix report --lang de $OUT/snapshot.json" >&2
# Problems found (1) are the demo's result, not a failure of the demo.
[ "$status" -ge 2 ] && exit "$status"
exit 0
