#!/usr/bin/env bash
# The .deb installs and runs on a clean Debian 12.
#   deb_test.sh BUILD_DIR SOURCE_DIR
#
# Builds the package (cpack -G DEB), unpacks a clean Debian 12 minbase root
# (made once with mmdebstrap and cached in $NETFIX_TEST_ROOT_CACHE, default
# /var/cache/netfix-test-root, remade when older than a week), installs the
# package there with apt so that its Depends must resolve from the archive,
# and runs the installed netfix inside it (chroot): --version, checks, report
# on a recorded snapshot, man -w, the bash completion. Then removes it again.
# Needs root and mmdebstrap; exits 77 (skipped) without them. No daemon is
# ever started in the root (policy-rc.d exits 101). Network: only apt's
# downloads from the configured Debian mirror.
set -euo pipefail

BUILD=$(realpath "$1")
SRC=$(realpath "$2")
CACHE=${NETFIX_TEST_ROOT_CACHE:-/var/cache/netfix-test-root}
SUITE=bookworm

skip() {
  echo "SKIPPED: deb_test.sh: $*"
  exit 77
}
((EUID == 0)) || skip "needs root (chroot, mounts): sudo ctest -L package"
for tool in cpack dpkg-deb chroot mmdebstrap mountpoint flock; do
  command -v "$tool" >/dev/null || skip "needs $tool (apt-get install mmdebstrap dpkg-dev util-linux)"
done
# The mirror the machine's apt uses (deb822 or one-line format).
MIRROR=${NETFIX_TEST_MIRROR:-$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
  sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' | head -n 1)}
[[ -n $MIRROR ]] || MIRROR=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\) .*/\2/p' \
  /etc/apt/sources.list 2>/dev/null | grep -v security | head -n 1)
[[ -n $MIRROR ]] || MIRROR=http://deb.debian.org/debian

started=$SECONDS
step() { printf 'deb_test: [%3d s] %s\n' $((SECONDS - started)) "$*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

mkdir -p "$CACHE/archives/partial"
work=$(mktemp -d /var/tmp/netfix-deb-test.XXXXXX)
root=$work/root
# Unmount whatever is mounted below the root, also when a step fails or the
# test is interrupted; only then remove the directory (never across a mount).
cleanup() {
  local m
  for m in "$root/var/cache/apt/archives" "$root/proc" "$root/dev"; do
    if mountpoint -q "$m" 2>/dev/null; then umount "$m" || umount -l "$m"; fi
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The package, built from this build directory.
step "cpack -G DEB"
(cd "$BUILD" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/pkg/netfix_*.deb)
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) kB)"
info=$(dpkg-deb --field "$deb")
echo "$info" | sed 's/^/  /'
for field in "Package: netfix" "Section: net" "Recommends: ieee-data"; do
  grep -qx "$field" <<<"$info" || fail "control lacks '$field'"
done
depends=$(sed -n 's/^Depends: //p' <<<"$info" | tr ',' '\n' | awk '{print $1}')
for dep in libc6 libcurl4 libpcap0.8 libnl-3-200 libnl-genl-3-200 libpugixml1v5 libstdc++6; do
  grep -qxF "$dep" <<<"$depends" || fail "Depends lacks $dep"
done
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/netfix ./usr/share/man/man1/netfix.1.gz ./usr/share/man/man7/netfix-checks.7.gz \
  ./usr/share/man/de/man7/netfix-checks.7.gz ./usr/share/bash-completion/completions/netfix \
  ./usr/share/netfix/schema/snapshot.schema.json ./usr/share/netfix/schema/report.schema.json; do
  grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done

# 2. A clean Debian 12: minbase plus man-db (to ask man where the pages
# are), apt's package lists kept so that apt can resolve the Depends.
exec 9>"$CACHE/lock"
flock 9
base=$CACHE/$SUITE-minbase.tar
if [[ ! -s $base || -n $(find "$base" -mtime +7) ]]; then
  step "making the clean root: mmdebstrap $SUITE from $MIRROR (cached in $base)"
  mmdebstrap --quiet --format=tar --variant=minbase --include=man-db --skip=cleanup/apt/lists \
    "$SUITE" "$base.tmp" "$MIRROR" || fail "mmdebstrap failed"
  mv "$base.tmp" "$base"
fi
step "unpacking the clean root"
mkdir "$root"
tar -C "$root" -xf "$base"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind "$CACHE/archives" "$root/var/cache/apt/archives"  # downloads kept between runs

in_root() {
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb \
    DEBIAN_FRONTEND=noninteractive chroot "$root" "$@"
}

# 3. Install with apt: the Depends must resolve from Debian 12 alone.
cp "$deb" "$root/tmp/"
step "apt-get install ./$(basename "$deb")"
if ! in_root apt-get install -y -q "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1; then
  # Lists older than the mirror's packages: refresh them once.
  step "apt-get update and again"
  in_root apt-get update -q >>"$work/apt.log" 2>&1 &&
    in_root apt-get install -y -q "/tmp/$(basename "$deb")" >>"$work/apt.log" 2>&1 ||
    { tail -n 30 "$work/apt.log"; fail "the package does not install on a clean $SUITE"; }
fi
grep -E '^(Get|Setting up|Unpacking) ' "$work/apt.log" | sed -n 's/^Setting up /  set up /p'

# 4. The installed netfix runs.
step "running the installed netfix"
missing=$(in_root ldd /usr/bin/netfix | grep 'not found' || true)
[[ -z $missing ]] || fail "libraries missing in the clean root: $missing"
version=$(in_root netfix --version)
[[ $version == "netfix $(sed -n 's/^project(netfix VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")" ]] ||
  fail "netfix --version says '$version'"
checks=$(in_root netfix checks)
grep -q '^dns-slow ' <<<"$checks" || fail "netfix checks does not list dns-slow"
snapshot=$(ls "$SRC"/tests/data/snapshots/*.json | head -n 1)
cp "$snapshot" "$root/tmp/snapshot.json"
rc=0
in_root netfix report /tmp/snapshot.json --format markdown >"$work/report.md" || rc=$?
((rc == 0 || rc == 1)) || fail "netfix report $(basename "$snapshot") exited $rc"
grep -q '^# ' "$work/report.md" || fail "netfix report printed no report"
in_root netfix report /tmp/snapshot.json --lang de -o /tmp/report.html -q || (($? == 1)) ||
  fail "netfix report -o report.html failed"
grep -q '<html' "$root/tmp/report.html" || fail "no HTML report written"
[[ $(in_root man -w netfix) == /usr/share/man/man1/netfix.1.gz ]] || fail "man -w netfix"
[[ $(in_root man -w 7 netfix-checks) == /usr/share/man/man7/netfix-checks.7.gz ]] ||
  fail "man -w 7 netfix-checks"
[[ $(in_root man -L de -w 7 netfix-checks) == /usr/share/man/de/man7/netfix-checks.7.gz ]] ||
  fail "man -L de -w 7 netfix-checks"
page=$(in_root man 7 netfix-checks 2>&1)
grep -q 'dns-slow' <<<"$page" || fail "man netfix-checks does not render"
offered=$(in_root bash -c 'source /usr/share/bash-completion/completions/netfix
  COMP_WORDS=(netfix explain dns-s); COMP_CWORD=2; _netfix; echo "${COMPREPLY[*]}"')
[[ $offered == dns-slow ]] || fail "the installed completion offers '$offered' for 'netfix explain dns-s'"

# 5. And it goes away cleanly.
in_root dpkg --purge netfix >/dev/null
[[ ! -e $root/usr/bin/netfix && ! -e $root/usr/share/netfix ]] || fail "dpkg --purge left files"
step "done: $(basename "$deb") installs, runs and purges on a clean Debian 12"
