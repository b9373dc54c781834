#!/usr/bin/env bash
# The committed catalog pages (man/netfix-checks.7, man/de/netfix-checks.7)
# are what the current catalog generates, and every man page renders
# without groff warnings.
#   man_test.sh NETFIX SOURCE_DIR BUILD_DIR
set -uo pipefail
NETFIX=$1
SRC=$2
BUILD=$3
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

for lang in en de; do
  page=$SRC/man/netfix-checks.7
  [[ $lang == de ]] && page=$SRC/man/de/netfix-checks.7
  generated=$("$NETFIX" checks --format man --lang "$lang") || fail "netfix checks --format man --lang $lang failed"
  if ! diff -u "$page" - <<<"$generated" >/tmp/netfix-man-diff.$$; then
    head -n 40 /tmp/netfix-man-diff.$$
    fail "${page#"$SRC"/} is stale: the check catalog changed." \
      "Regenerate it: cmake --build $BUILD --target man"
  fi
  rm -f /tmp/netfix-man-diff.$$
  # Every check is on the page.
  for id in $("$NETFIX" checks --format json | sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p'); do
    grep -qF ".SS \"${id//-/\\-} " <<<"$generated" || fail "$lang page lacks check $id"
  done
done

if command -v man >/dev/null; then
  for page in "$SRC"/man/netfix.1 "$SRC"/man/netfix-checks.7 "$SRC"/man/de/netfix-checks.7; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
    [[ -z $warnings ]] || fail "${page#"$SRC"/} renders with warnings: $warnings"
  done
else
  echo "man not installed: rendering not checked"
fi

if ((failures)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "man pages: fresh and clean"
