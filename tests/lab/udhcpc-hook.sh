#!/bin/sh
# shellcheck disable=SC2154  # interface, ip, router, dns, ... are set by udhcpc
# udhcpc event hook for the netfix lab (replaces /etc/udhcpc/default.script, which would
# write the host's /etc/resolv.conf). Configures the interface, the routes (with
# congctl cubic) and the namespace's own resolver file, and records the lease.
#   LAB_RESOLV  must be /etc/netns/<ns>/resolv.conf  (refuses to run otherwise)
#   LAB_STATE   the node's directory in the lab's run dir (lease.env, events)
#   LAB_HOST_NETNS  inode of the namespace lab.sh runs in; refuses to run there
set -u

fail() { echo "udhcpc-hook: $*" >&2; exit 1; }

case "${LAB_RESOLV:-}" in
  /etc/netns/?*/resolv.conf) ;;
  *) fail "refusing to run: LAB_RESOLV is '${LAB_RESOLV:-}', not /etc/netns/<ns>/resolv.conf" ;;
esac
[ -d "${LAB_STATE:-}" ] || fail "refusing to run: LAB_STATE is not a directory"
# Never act on the host: our network namespace must differ from the one lab.sh runs in.
own_netns=$(stat -L -c %i /proc/self/ns/net)
[ -n "${LAB_HOST_NETNS:-}" ] && [ -n "$own_netns" ] && [ "$own_netns" != "$LAB_HOST_NETNS" ] ||
  fail "refusing to run: not inside a lab namespace (LAB_HOST_NETNS='${LAB_HOST_NETNS:-}')"

prefix_len() {  # dotted netmask -> prefix length
  n=0
  for octet in $(echo "$1" | tr . ' '); do
    case $octet in
      255) n=$((n + 8)) ;; 254) n=$((n + 7)) ;; 252) n=$((n + 6)) ;; 248) n=$((n + 5)) ;;
      240) n=$((n + 4)) ;; 224) n=$((n + 3)) ;; 192) n=$((n + 2)) ;; 128) n=$((n + 1)) ;;
    esac
  done
  echo "$n"
}

case "$1" in
  deconfig)
    ip link set "$interface" up
    ip -4 addr flush dev "$interface"
    ;;
  bound|renew)
    len=${mask:-$(prefix_len "${subnet:-255.255.255.0}")}
    ip -4 addr flush dev "$interface"
    ip -4 addr add "$ip/$len" ${broadcast:+broadcast "$broadcast"} dev "$interface"
    # Every lab route carries congctl cubic: the host allows only reno/bbr as the
    # namespace default, and BBR hides bufferbloat (see tests/lab/README.md).
    ip -4 route show dev "$interface" proto kernel | while read -r route; do
      ip -4 route replace $route dev "$interface" congctl cubic
    done
    router=${router%% *}
    if [ -n "$router" ]; then
      ip -4 route replace default via "$router" dev "$interface" congctl cubic
    fi
    {
      echo "# written by the netfix lab's DHCP hook"
      [ -n "${domain:-}" ] && echo "search $domain"
      for server in ${dns:-}; do echo "nameserver $server"; done
    } > "$LAB_RESOLV"
    cat > "$LAB_STATE/lease.env" <<EOT
LEASE_IP=$ip
LEASE_PREFIX=$len
LEASE_ROUTER=$router
LEASE_DNS="${dns:-}"
LEASE_DOMAIN=${domain:-}
LEASE_SERVER=${serverid:-}
LEASE_TIME=${lease:-}
EOT
    echo "$1: ip=$ip/$len router=$router dns=${dns:-} domain=${domain:-} server=${serverid:-} lease=${lease:-}" >&2
    ;;
  leasefail|nak)
    echo "$1: ${message:-}" >&2
    ;;
esac
exit 0
