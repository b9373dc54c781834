#!/bin/sh
# Runs the hidden [netns] tests of the system test binary (real sockets:
# netfix serve and the load transfers on loopback) in a private network
# namespace with only loopback up, so that nothing they do reaches the
# host's network.
# usage: netns_run.sh NETFIX_SYS_TESTS
set -eu
if ! unshare -n true 2>/dev/null; then
  echo "netns_run.sh: SKIPPED: needs root for a private network namespace (unshare -n)"
  exit 77
fi
exec unshare -n sh -c 'ip link set lo up && NETFIX_PRIVATE_NETNS=1 exec "$0" "[netns]"' "$1"
