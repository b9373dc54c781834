#!/bin/bash
# docs/samples/ holds reports rendered from a snapshot recorded in the simulated home;
# they must be what the current netfix renders (stale -> fail, with the command to fix it).
#   samples_test.sh NETFIX SOURCE_DIR
set -uo pipefail
netfix=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$src/docs/samples/regenerate.sh" "$netfix" "$tmp" || exit 1
stale=0
for f in report-en.html report-de.html report-de.md; do
  if ! cmp -s "$tmp/$f" "$src/docs/samples/$f"; then
    echo "FAILED: docs/samples/$f is stale; regenerate: docs/samples/regenerate.sh build/netfix"
    diff "$src/docs/samples/$f" "$tmp/$f" | head -10
    stale=1
  fi
done
((stale == 0)) && echo "ok: the sample reports are current"
exit $stale
