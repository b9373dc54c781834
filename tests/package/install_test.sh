#!/usr/bin/env bash
# cmake --install installs the binary, the man pages, the bash completion and
# the schemas, and the installed binary runs.
#   install_test.sh BUILD_DIR
set -euo pipefail
BUILD=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

cmake --install "$BUILD" --prefix "$prefix/usr" >/dev/null
for path in bin/netfix share/man/man1/netfix.1.gz share/man/man7/netfix-checks.7.gz \
  share/man/de/man7/netfix-checks.7.gz share/bash-completion/completions/netfix \
  share/netfix/schema/snapshot.schema.json share/netfix/schema/report.schema.json \
  share/netfix/schema/survey.schema.json; do
  [[ -f $prefix/usr/$path ]] || fail "cmake --install did not install $path"
done
[[ -x $prefix/usr/bin/netfix ]] || fail "bin/netfix is not executable"
# Nothing else: the catalog and the profiles are compiled in.
extra=$(cd "$prefix/usr" && find . -type f | sort | grep -Ev \
  '^\./(bin/netfix|share/man/(de/)?man[17]/netfix(-checks)?\.[17]\.gz|share/bash-completion/completions/netfix|share/netfix/schema/[a-z]+\.schema\.json)$' || true)
[[ -z $extra ]] || fail "unexpected files installed: $extra"

version=$("$prefix/usr/bin/netfix" --version) || fail "installed netfix --version failed"
[[ $version =~ ^netfix\ [0-9] ]] || fail "installed netfix --version says '$version'"
checks=$("$prefix/usr/bin/netfix" checks) || fail "installed netfix checks failed"
grep -q '^dns-slow ' <<<"$checks" || fail "installed netfix checks does not list dns-slow"
echo "install: $(cd "$prefix/usr" && find . -type f | wc -l) files, the installed netfix runs"
