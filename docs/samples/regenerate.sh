#!/bin/bash
# The sample reports in this folder, rendered from home-snapshot.json (recorded by
# `sudo ./scripts/demo.sh wifi-survey` in the simulated home: the healthy lab plus a
# room-by-room Wi-Fi survey from recorded scans). Reports are pure functions of the
# snapshot, so this is deterministic.
#
#   docs/samples/regenerate.sh NETFIX [OUTDIR]    OUTDIR defaults to this folder
set -euo pipefail
netfix=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${2:-$here}
snap=$here/home-snapshot.json
render() {  # render LANG FORMAT FILE: exit 1 means "problems found", which the samples show
  local rc=0
  "$netfix" --lang "$1" report --format "$2" "$snap" >"$out/$3" || rc=$?
  ((rc <= 1)) || { echo "regenerate.sh: netfix exited $rc for $3" >&2; exit 2; }
}
render en html report-en.html
render de html report-de.html
render de markdown report-de.md
