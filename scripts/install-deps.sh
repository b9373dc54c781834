#!/usr/bin/env bash
# Install the Debian packages netfix needs to build, test (the namespace lab) and benchmark.
# Idempotent: when every package is installed it does nothing (no apt-get update).
# No package may start a daemon on the host: while installing, /usr/sbin/policy-rc.d
# denies every service start (exit 101), miniupnpd's and iperf3's start_daemon are preseeded
# false, and igmpproxy's init script (its default config names eth0/eth1) is disabled for boot.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config ccache clang-format
  libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libpcap-dev catch2 libpugixml-dev ieee-data
  libnl-3-dev libnl-genl-3-dev  # nl80211: the live Wi-Fi scan
  # tests: the lab (tests/lab) and the end-to-end harness (tests/e2e)
  python3 python3-jsonschema iproute2 nftables dnsmasq-base udhcpc
  openssl    # the lab's test CA and certificates for the support server (netfix send)
  busybox    # arping -U (gratuitous ARP in ip-conflict), nslookup, ping
  util-linux # flock, setsid, mountpoint
  procps     # sysctl
  dpkg-dev mmdebstrap man-db  # the .deb: dpkg-shlibdeps, a clean Debian 12 root (tests/package)
  chromium   # renders the HTML report in tests/html (headless; starts no daemon)
  # lab daemons: run only inside lab namespaces (never started on the host, see above).
  # --no-install-recommends keeps out libnss-mdns (it would rewrite the host's nsswitch.conf).
  miniupnpd-nftables avahi-daemon minidlna gmediarender
  gstreamer1.0-plugins-base  # gmediarender aborts without playbin
  dbus       # dbus-daemon: a private bus in the client namespace for avahi-browse
  igmpproxy  # the router's IGMP querier/proxy (tests/lab), started by lab.sh only
  # bench
  nmap arp-scan hyperfine
  iperf3 iputils-ping  # bench/link_accuracy.sh: the throughput, loaded-latency and loss references
  avahi-utils miniupnpc ndisc6   # avahi-browse, upnpc, rdisc6 (references and manual checks)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi
echo "install-deps: missing: ${missing[*]}"
if ((EUID != 0)); then
  echo "install-deps: error: must run as root to install them (sudo $0)" >&2
  exit 1
fi

POLICY=/usr/sbin/policy-rc.d
SAVED=$POLICY.netfix-saved
restore_policy() {
  if [[ -e $SAVED ]]; then
    mv -f "$SAVED" "$POLICY"
  elif [[ ${created_policy:-0} == 1 ]]; then
    rm -f "$POLICY"
  fi
}
policy_denies() {
  [[ -x $POLICY ]] || return 1
  local rc=0
  "$POLICY" netfix-probe start >/dev/null 2>&1 || rc=$?
  ((rc == 101))
}
created_policy=0
# An existing policy that already denies (exit 101) stays as it is; anything else is set
# aside for the install and put back afterwards.
if ! policy_denies; then
  if [[ -e $POLICY ]]; then mv -f "$POLICY" "$SAVED"; fi
  created_policy=1
  trap restore_policy EXIT
  printf '#!/bin/sh\n# temporary, from netfix scripts/install-deps.sh: start no services\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
fi

printf '%s\n' 'miniupnpd miniupnpd/start_daemon boolean false' 'iperf3 iperf3/start_daemon boolean false' |
  debconf-set-selections

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
# igmpproxy ships only a SysV script, enabled for boot by its postinst: keep it off the host.
if [[ " ${missing[*]} " == *" igmpproxy "* ]]; then update-rc.d igmpproxy disable >/dev/null 2>&1 || true; fi
echo "install-deps: installed ${#missing[@]} packages"
