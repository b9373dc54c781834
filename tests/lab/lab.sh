#!/usr/bin/env bash
# The simulated home for netfix's end-to-end tests: network namespaces joined by veth
# pairs and a bridge, with real daemons (dnsmasq, udhcpc, a Python HTTP server).
# Nothing is created in the host's network namespace. See tests/lab/README.md.
#
#   lab.sh up SCENARIO[,SCENARIO...]   build the home (refuses if one is up; LAB_FORCE=1 replaces it)
#   lab.sh down                        remove everything the lab made (safe to repeat, also after a crash)
#   lab.sh exec NODE CMD...            run CMD in the node's namespace (NODE: client or nfx-client)
#   lab.sh status                      what is up
#   lab.sh scenarios                   the scenarios, one line each
#
# Environment: LAB_PREFIX (namespace prefix, default nfx-), LAB_RUN (run dir, default
# /run/netfix-lab), LAB_LOCK, LAB_FORCE=1, LAB_KEEP_ON_FAIL=1 (leave a failed lab up),
# LAB_SAVE_LOGS=DIR (copy the daemon logs there on down).
set -Eeuo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${LAB_PREFIX:-nfx-}
RUN=${LAB_RUN:-/run/netfix-lab}
LOCK=${LAB_LOCK:-/run/lock/netfix-lab-${PREFIX%-}.lock}
PY=/usr/bin/python3
HOST_NETNS=$(stat -L -c %i /proc/self/ns/net)   # the namespace lab.sh runs in: never touched
export LAB_PREFIX=$PREFIX LAB_RUN=$RUN

# ---------------------------------------------------------------- topology data
LAN=192.168.178
LAN_GW=$LAN.1
ROUTER_LAN_MAC=3c:a6:2f:10:00:01   # AVM
ROUTER_WAN_MAC=3c:a6:2f:10:00:02
ROUTER_WAN_IP=62.1.0.2
ISP_DOWN_IP=62.1.0.1
ISP_CORE_IP=62.1.255.1
INET_UP_IP=62.1.255.2
ISP_DNS=62.1.1.53
SPEEDTEST_IP=62.1.1.10
CLIENT_MAC=f0:d5:bf:4e:46:58       # Intel
CLIENT_NAME=netfix-laptop
BRIDGE_MAC=02:4c:41:42:00:fe

# The "internet": names the ISP resolver knows; every other name is NXDOMAIN.
INET_NAMES=(
  "example.com 93.184.216.34"
  "www.example.com 93.184.216.34"
  "www.google.com 142.250.185.68"
  "connectivitycheck.gstatic.com 142.250.185.99"
  "detectportal.firefox.com 34.107.221.82"
  "captive.apple.com 17.253.109.201"
  "speedtest.isp.test $SPEEDTEST_IP"
  "dns.google 8.8.8.8"
  "dns.google 8.8.4.4"
  "one.one.one.one 1.1.1.1"
  "dns.quad9.net 9.9.9.9"
)
INET_RESOLVERS=("$ISP_DNS" 8.8.8.8 8.8.4.4 1.1.1.1 9.9.9.9)

# Plain hosts: node MAC hostname [flags]. IP = $LAN.(100+N) by DHCP reservation.
# Flag noping: drops ICMP echo requests (nft), like many phones and IoT devices.
HOSTS=(
  "h01 f0:18:98:11:01:01 iPhone-Anna"
  "h02 24:fc:e5:11:02:02 Galaxy-S21"
  "h03 3c:2a:f4:11:03:03 BRW3C2AF4110303"
  "h04 8c:16:45:11:04:04 LAPTOP-7Q2MKD"
  "h05 00:e0:4c:11:05:05 DESKTOP-GAMING"
  "h06 dc:a6:32:11:06:06 raspberrypi"
  "h07 f4:f5:d8:11:07:07 Chromecast"
  "h08 fc:a1:83:11:08:08 echo-dot"
  "h09 ec:b5:fa:11:09:09 Philips-hue"
  "h10 70:ee:50:11:10:10 Netatmo-Station"
  "h11 c8:2b:96:11:11:11 shellyplug-s"
  "h12 a4:cf:12:11:12:12 ESP-12A4CF"
  "h13 00:11:32:11:13:13 DiskStation"
  "h14 48:a6:b8:11:14:14 Sonos-Kueche"
  "h15 70:9e:29:11:15:15 PS5-Wohnzimmer"
  "h16 98:b6:e9:11:16:16 Nintendo-Switch noping"
  "h17 f0:b4:29:11:17:17 roborock-vacuum noping"
  "h18 ac:bc:32:11:18:18 MacBook-Pro"
  "h19 e4:e7:49:11:19:19 HP-OfficeJet"
  "h20 18:b4:30:11:20:20 Nest-Thermostat noping"
)
DUP_MAC=00:1b:a9:66:03:03          # Brother
CONFLICT_NODE=h03

# ------------------------------------------------------------------- scenarios
# A scenario is a name, a description and up to three hooks, called if defined:
#   scenario_<name>_config      before anything is built: set the variables below, add nodes
#   scenario_<name>_pre_client  after the plain hosts have their leases, before the client's DHCP
#   scenario_<name>_post        after the client has its lease
# (dashes in names become underscores in function names).
declare -A SCENARIO_DESC=(
  [healthy]="everything works; WAN shaped 100/40 Mbit/s with a 20 ms queue cap"
  [dns-broken]="the router's dnsmasq forwards to 62.1.1.54, which is blackholed: external names time out"
  [ip-conflict]="ns dup (Brother MAC) statically takes h03's address and sends a gratuitous ARP"
  [gateway-down]="after the client's lease the router drops everything on its LAN side (incl. ARP)"
)
SCENARIO_ORDER=(healthy dns-broken ip-conflict gateway-down)

# Defaults that scenarios may change in their config hook.
ROUTER_UPSTREAM=$ISP_DNS
WAN_DOWN_RATE=100mbit
WAN_UP_RATE=40mbit
WAN_QUEUE_LATENCY=20ms
EXTRA_NODES=()        # namespaces beyond the base home, e.g. dup

scenario_dns_broken_config() { ROUTER_UPSTREAM=62.1.1.54; }

scenario_ip_conflict_config() { EXTRA_NODES+=(dup); }
scenario_ip_conflict_post() { node_dup; }

scenario_gateway_down_post() { router_lan_silence; }

# ------------------------------------------------------------------- utilities
say() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }
ns() { printf '%s%s' "$PREFIX" "$1"; }
ipn() { local node=$1; shift; ip -n "$(ns "$node")" "$@"; }
in_ns() { local node=$1; shift; ip netns exec "$(ns "$node")" "$@"; }
now_ms() { local us=${EPOCHREALTIME//[.,]/}; echo $((us / 1000)); }

# wait_until TIMEOUT_MS CMD...: poll CMD every 50 ms until it succeeds or the deadline passes.
wait_until() {
  local deadline=$(($(now_ms) + $1)); shift
  until "$@" >/dev/null 2>&1; do
    (($(now_ms) < deadline)) || return 1
    sleep 0.05
  done
}

check_settings() {
  [[ $PREFIX =~ ^[a-z][a-z0-9]{0,11}-$ ]] || die "LAB_PREFIX '$PREFIX' must look like 'nfx-' (lower case, ends in '-')"
  [[ $RUN =~ ^/(run|tmp|var/tmp)/[A-Za-z0-9._/-]+$ && $RUN != *..* ]] ||
    die "LAB_RUN '$RUN' must be a directory below /run, /tmp or /var/tmp"
}

need_root() { ((EUID == 0)) || die "must run as root (network namespaces need CAP_SYS_ADMIN)"; }

need_tools() {
  local t missing=()
  for t in ip nft tc ss dnsmasq udhcpc busybox setsid timeout flock "$PY"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || die "missing tools: ${missing[*]} (run scripts/install-deps.sh)"
}

take_lock() {
  # A harness that already holds the lock on fd 9 sets NETFIX_LAB_LOCKED=1.
  [[ ${NETFIX_LAB_LOCKED:-} == 1 ]] && return 0
  mkdir -p "$(dirname "$LOCK")"
  exec 9>>"$LOCK"
  flock -w 120 9 || die "another lab command holds $LOCK for more than 120 s"
}

lab_namespaces() { ip netns list 2>/dev/null | awk -v p="$PREFIX" 'index($1, p) == 1 { print $1 }'; }

lab_exists() { [[ -e $RUN/.netfix-lab ]] || [[ -n $(lab_namespaces) ]]; }

# ----------------------------------------------------------- building blocks
# Create the namespaces, each with its own run dir and /etc/netns/<ns>/{resolv.conf,hosts}
# (ip netns exec bind-mounts these, so nothing in a namespace can write the host's files).
make_namespaces() {
  local node n batch=""
  # ip netns add turns /run/netns into a mount point; undo on down what we made here.
  [[ -d /run/netns ]] || touch "$RUN/.created-run-netns"
  mountpoint -q /run/netns 2>/dev/null || touch "$RUN/.mounted-run-netns"
  [[ -d /etc/netns ]] || { mkdir -p /etc/netns && touch "$RUN/.created-etc-netns"; }
  for node in "$@"; do
    n=$(ns "$node")
    mkdir -p "$RUN/$node" "/etc/netns/$n"
    printf '# netfix lab %s: no resolver yet\n' "$n" >"/etc/netns/$n/resolv.conf"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"/etc/netns/$n/hosts"
    batch+="netns add $n"$'\n'
  done
  ip -batch - <<<"$batch"
  for node in "$@"; do ipn "$node" link set lo up; done
}

# veth NODE_A IF_A MAC_A NODE_B IF_B MAC_B: a veth pair created inside NODE_A with its peer
# moved straight into NODE_B (neither end ever exists in the host namespace). MAC "" = random.
veth() {
  local a=(name "$2") b=(name "$5")
  [[ -n $3 ]] && a+=(address "$3")
  [[ -n $6 ]] && b+=(address "$6")
  ipn "$1" link add "${a[@]}" type veth peer "${b[@]}" netns "$(ns "$4")"
}

# lan_attach NODE MAC: plug NODE into the switch: NODE:lan0 <-> lan:p-NODE (in br0).
lan_attach() {
  veth lan "p-$1" "" "$1" lan0 "$2"
  ipn lan link set "p-$1" master br0 up
  ipn "$1" link set lan0 up
}

# Re-add the connected routes of a node with congctl cubic (the host only allows reno/bbr
# as a namespace's default; BBR keeps queues short and would hide bufferbloat).
routes_cubic() {
  local node=$1 route
  while read -r route; do
    route=${route//linkdown/}   # state flags that 'ip route' prints but does not accept
    route=${route//dead/}
    if [[ -n $route ]]; then ipn "$node" route replace $route proto kernel congctl cubic; fi
  done < <(ipn "$node" -4 route show proto kernel)
}

# start_daemon NODE NAME CMD...: run CMD in the foreground inside NODE, detached (setsid),
# logging to $RUN/NODE/NAME.log. The script is not a process-group leader, so setsid does
# not fork and $! is the daemon's own PID; it is recorded with its netns inode so that
# down kills exactly this process.
start_daemon() {
  local node=$1 name=$2; shift 2
  local n pid ino
  n=$(ns "$node")
  setsid ip netns exec "$n" "$@" </dev/null >>"$RUN/$node/$name.log" 2>&1 9>&- &
  pid=$!
  ino=$(stat -L -c %i "/run/netns/$n")
  echo "$pid $ino $node $name" >"$RUN/pids/$node.$name.pid"
}

daemon_alive() {  # NODE NAME
  local pid ino rest
  read -r pid ino rest <"$RUN/pids/$1.$2.pid" || return 1
  [[ $(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null) == "$ino" ]]
}

listening() {  # NODE PROTO(-t/-u) ADDR:PORT
  [[ -n $(ss -N "$(ns "$1")" -Hln "$2" "src $3" 2>/dev/null) ]]
}

# wait_daemon NODE NAME TIMEOUT_MS PROTO ADDR:PORT: until it listens; fail if it died.
wait_daemon() {
  local node=$1 name=$2 timeout=$3 proto=$4 addr=$5
  if ! wait_until "$timeout" listening "$node" "$proto" "$addr"; then
    daemon_alive "$node" "$name" && die "$name in $(ns "$node") does not listen on $addr after ${timeout} ms; log: $RUN/$node/$name.log"
    die "$name in $(ns "$node") exited; log: $RUN/$node/$name.log"$'\n'"$(tail -n 5 "$RUN/$node/$name.log" 2>/dev/null)"
  fi
}

# ------------------------------------------------------------------------ nodes
node_lan() {  # the switch: one bridge, no address, no IPv6
  in_ns lan sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ipn lan link add br0 address "$BRIDGE_MAC" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ipn lan link set br0 up
  # br_netfilter is built in: keep bridged frames out of the (empty) IP hooks.
  in_ns lan sysctl -qw net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-ip6tables=0 \
    net.bridge.bridge-nf-call-arptables=0 2>/dev/null || true
}

node_inet() {  # the internet: public resolvers, example.com, the ISP's DNS and speedtest
  local entry name ip a www=$RUN/inet/www
  veth inet up0 "" isp core0 ""
  ipn inet link set up0 up
  ipn inet addr add "$INET_UP_IP/30" dev up0
  declare -A seen=()
  for a in "${INET_RESOLVERS[@]}" "$SPEEDTEST_IP"; do seen[$a]=1; done
  for entry in "${INET_NAMES[@]}"; do read -r name ip <<<"$entry"; seen[$ip]=1; done
  for a in "${!seen[@]}"; do ipn inet addr add "$a/32" dev lo; done
  ipn inet route add 62.1.0.0/24 via "$ISP_CORE_IP" congctl cubic
  ipn inet route add blackhole 62.1.1.0/24   # 62.1.1.54 = the dead resolver of dns-broken
  routes_cubic inet
  echo "nameserver $ISP_DNS" >"/etc/netns/$(ns inet)/resolv.conf"

  {
    echo "# netfix lab: the internet's DNS (ISP resolver and public resolvers)"
    echo "port=53"
    echo "bind-interfaces"
    echo "listen-address=$(IFS=,; echo "${INET_RESOLVERS[*]}")"
    echo "no-resolv"
    echo "no-hosts"
    echo "no-poll"
    echo "local-ttl=300"
    for entry in "${INET_NAMES[@]}"; do read -r name ip <<<"$entry"; echo "host-record=$name,$ip"; done
    echo "address=/#/"   # every other name: NXDOMAIN (without it, no upstream means REFUSED)
    echo "pid-file=$RUN/inet/dnsmasq.pid"
    echo "log-queries"
    echo "log-facility=-"
    echo "user=root"
  } >"$RUN/inet/dnsmasq.conf"
  mkdir -p "$www"
  echo "<html><body><h1>Example Domain</h1></body></html>" >"$www/index.html"
  truncate -s 10M "$www/10M.bin"    # sparse: costs no memory
  truncate -s 100M "$www/100M.bin"
  start_daemon inet dnsmasq dnsmasq -k --conf-file="$RUN/inet/dnsmasq.conf"
  start_daemon inet http "$PY" "$LAB_DIR/http-server.py" --bind 0.0.0.0 --port 80 --root "$www"
}

node_isp() {  # the ISP's access router; shapes the download
  veth isp down0 "" router wan0 "$ROUTER_WAN_MAC"
  ipn isp link set core0 up
  ipn isp link set down0 up
  ipn isp addr add "$ISP_CORE_IP/30" dev core0
  ipn isp addr add "$ISP_DOWN_IP/24" dev down0
  ipn isp route add default via "$INET_UP_IP" congctl cubic
  routes_cubic isp
  in_ns isp sysctl -qw net.ipv4.ip_forward=1
  # The shaper sits on a forwarding hop (a tbf on the sender's own egress never fills).
  tc -n "$(ns isp)" qdisc replace dev down0 root tbf rate "$WAN_DOWN_RATE" burst 64k latency "$WAN_QUEUE_LATENCY"
  echo "nameserver $ISP_DNS" >"/etc/netns/$(ns isp)/resolv.conf"
}

node_router() {  # "FRITZ!Box 7590": NAT, DHCP + DNS (dnsmasq), admin page
  local entry node mac host flags dir=$RUN/router
  lan_attach router "$ROUTER_LAN_MAC"
  ipn router link set wan0 up
  ipn router addr add "$ROUTER_WAN_IP/24" dev wan0
  ipn router addr add "$LAN_GW/24" dev lan0
  ipn router route add default via "$ISP_DOWN_IP" congctl cubic
  routes_cubic router
  in_ns router sysctl -qw net.ipv4.ip_forward=1
  tc -n "$(ns router)" qdisc replace dev wan0 root tbf rate "$WAN_UP_RATE" burst 32k latency "$WAN_QUEUE_LATENCY"
  echo "nameserver 127.0.0.1" >"/etc/netns/$(ns router)/resolv.conf"

  # Chains for miniupnpd exist already (a later issue starts it); it only adds rules to them.
  cat >"$dir/nftables.conf" <<'NFT'
table inet filter {
  chain input { type filter hook input priority 0; policy accept; }
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    iifname "lan0" oifname "wan0" accept
    jump miniupnpd
  }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting {
    type nat hook postrouting priority 100; policy accept;
    jump postrouting_miniupnpd
    oifname "wan0" masquerade
  }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
NFT
  in_ns router nft -f "$dir/nftables.conf"

  {
    echo "# netfix lab: FRITZ!Box DHCP and DNS"
    echo "interface=lan0"
    echo "bind-interfaces"
    echo "no-resolv"
    echo "no-hosts"
    echo "no-poll"
    echo "server=$ROUTER_UPSTREAM"
    echo "domain=fritz.box"
    echo "local=/fritz.box/"
    echo "expand-hosts"
    echo "host-record=fritz.box,$LAN_GW"
    echo "dhcp-range=$LAN.20,$LAN.99,255.255.255.0,12h"
    echo "dhcp-option=option:router,$LAN_GW"
    echo "dhcp-option=option:dns-server,$LAN_GW"
    echo "dhcp-authoritative"
    for entry in "${HOSTS[@]}"; do
      read -r node mac host flags <<<"$entry"
      echo "dhcp-host=$mac,$(host_ip "$node"),$host"
    done
    echo "dhcp-leasefile=$dir/dnsmasq.leases"
    echo "pid-file=$dir/dnsmasq.pid"
    echo "log-dhcp"
    echo "log-queries"
    echo "log-facility=-"
    echo "user=root"
  } >"$dir/dnsmasq.conf"
  start_daemon router dnsmasq dnsmasq -k --conf-file="$dir/dnsmasq.conf"

  mkdir -p "$dir/www"
  echo "<html><head><title>FRITZ!Box</title></head><body>FRITZ!Box 7590</body></html>" >"$dir/www/index.html"
  start_daemon router http "$PY" "$LAB_DIR/http-server.py" --bind "$LAN_GW" --port 80 --root "$dir/www"
}

host_ip() { echo "$LAN.$((100 + 10#${1#h}))"; }

node_hosts() {  # the plain hosts, plugged in; DHCP comes later
  local entry node mac host flags
  for entry in "${HOSTS[@]}"; do
    read -r node mac host flags <<<"$entry"
    lan_attach "$node" "$mac"
    printf '127.0.1.1\t%s\n' "$host" >>"/etc/netns/$(ns "$node")/hosts"
    if [[ " $flags " == *" noping "* ]]; then
      in_ns "$node" nft -f - <<'NFT'
table inet filter {
  chain input { type filter hook input priority 0; policy accept;
    icmp type echo-request drop
    icmpv6 type echo-request drop
  }
}
NFT
    fi
  done
}

node_client() { lan_attach client "$CLIENT_MAC"; }

node_dup() {  # ip-conflict: a Brother device with h03's address, announced by gratuitous ARP
  local ip; ip=$(host_ip "$CONFLICT_NODE")
  lan_attach dup "$DUP_MAC"
  ipn dup addr add "$ip/24" dev lan0
  routes_cubic dup
  ipn dup route add default via "$LAN_GW" congctl cubic
  echo "nameserver $LAN_GW" >"/etc/netns/$(ns dup)/resolv.conf"
  # Bounded: 2 unsolicited ARPs, at most 3 s.
  timeout 5 ip netns exec "$(ns dup)" busybox arping -U -c 2 -w 3 -I lan0 -s "$ip" "$ip" \
    >>"$RUN/dup/arping.log" 2>&1 || true
  echo "$ip" >"$RUN/dup/conflict-ip"
}

router_lan_silence() {  # gateway-down: the router neither receives nor sends on lan0
  local dir=$RUN/router
  cat >"$dir/gateway-down.nft" <<'NFT'
table netdev lab_gateway_down {
  chain in  { type filter hook ingress device "lan0" priority -500; policy drop; }
  chain out { type filter hook egress  device "lan0" priority -500; policy drop; }
}
NFT
  in_ns router nft -f "$dir/gateway-down.nft"
}

# ----------------------------------------------------------------------- DHCP
declare -A DHCP_PIDS=()

dhcp_start() {  # NODE HOSTNAME [DISCOVERS]: udhcpc in the background, bounded in time
  local node=$1 host=$2 tries=${3:-6} n
  n=$(ns "$node")
  LAB_RESOLV=/etc/netns/$n/resolv.conf LAB_STATE=$RUN/$node LAB_HOST_NETNS=$HOST_NETNS \
    timeout 30 ip netns exec "$n" udhcpc -f -q -n -i lan0 -t "$tries" -T 1 -A 1 \
    -x "hostname:$host" -V "lab-$host" -s "$RUN/udhcpc-hook.sh" \
    </dev/null >>"$RUN/$node/dhcp.log" 2>&1 9>&- &
  DHCP_PIDS[$node]=$!
}

dhcp_wait() {  # NODE...: wait for the udhcpc runs; fail naming those without an address
  local node failed=()
  for node in "$@"; do
    wait "${DHCP_PIDS[$node]}" || true
    unset "DHCP_PIDS[$node]"
    [[ -s $RUN/$node/lease.env && -n $(ipn "$node" -4 -o addr show dev lan0) ]] || failed+=("$node")
  done
  ((${#failed[@]} == 0)) ||
    die "no DHCP lease for: ${failed[*]}; see $RUN/<node>/dhcp.log and $RUN/router/dnsmasq.log"
}

# --------------------------------------------------------------------- teardown
# Kill the recorded daemons (only if the PID still lives in the recorded netns), then
# anything else inside a lab namespace, then delete the namespaces and what up created.
teardown() {
  local nss f pid ino rest n victims=() left
  mapfile -t nss < <(lab_namespaces)
  for f in "$RUN"/pids/*.pid; do
    [[ -e $f ]] || continue
    read -r pid ino rest <"$f" || continue
    if [[ $(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null) == "$ino" ]] && kill -TERM "$pid" 2>/dev/null; then
      victims+=("$pid")
    fi
  done
  for n in "${nss[@]}"; do
    for pid in $(ip netns pids "$n" 2>/dev/null); do
      if kill -TERM "$pid" 2>/dev/null; then victims+=("$pid"); fi
    done
  done
  if ((${#victims[@]})); then
    if ! wait_until 1000 none_alive "${victims[@]}"; then   # dnsmasq ignores TERM while it ping-checks
      for n in "${nss[@]}"; do
        for pid in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
      done
      wait_until 2000 none_in_namespaces "${nss[@]}" || say "warning: processes still in lab namespaces: $(pids_in_namespaces "${nss[@]}")"
    fi
  fi
  for n in "${nss[@]}"; do ip netns del "$n" 2>/dev/null || say "warning: could not delete netns $n"; done
  for n in /etc/netns/"$PREFIX"*; do
    if [[ -d $n ]]; then rm -rf -- "$n"; fi
  done
  if [[ -e $RUN/.created-etc-netns ]]; then rmdir /etc/netns 2>/dev/null || true; fi
  if [[ -d /run/netns && -z $(ls -A /run/netns) ]]; then
    if [[ -e $RUN/.mounted-run-netns ]]; then umount /run/netns 2>/dev/null || true; fi
    if [[ -e $RUN/.created-run-netns ]]; then rmdir /run/netns 2>/dev/null || true; fi
  fi
  if [[ -n ${LAB_SAVE_LOGS:-} && -d $RUN ]]; then
    mkdir -p "$LAB_SAVE_LOGS"
    (cd "$RUN" && find . -name www -prune -o -type f -print0 | xargs -0 -r cp --parents -t "$LAB_SAVE_LOGS") ||
      say "warning: could not copy the logs to $LAB_SAVE_LOGS"
  fi
  if [[ -e $RUN/.netfix-lab ]]; then
    rm -rf -- "$RUN"
  elif [[ -d $RUN ]]; then
    rmdir "$RUN" 2>/dev/null || say "warning: $RUN is not a lab run dir (no .netfix-lab marker); left alone"
  fi
  left=$(lab_namespaces)
  [[ -z $left ]] || die "namespaces left after down: $left"
}

none_alive() {
  local pid
  for pid in "$@"; do
    [[ -e /proc/$pid ]] || continue
    [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == Z ]] || return 1
  done
}
pids_in_namespaces() { local n; for n in "$@"; do ip netns pids "$n" 2>/dev/null; done | tr '\n' ' '; }
none_in_namespaces() { [[ -z $(pids_in_namespaces "$@") ]]; }

# ----------------------------------------------------------------------- commands
UP_DONE=0
up_failed() {
  local rc=$?
  ((UP_DONE)) && return 0
  say "up failed (exit $rc). Daemon logs: $RUN/<node>/*.log (dnsmasq, http, dhcp)"
  if [[ ${LAB_KEEP_ON_FAIL:-} == 1 ]]; then
    say "LAB_KEEP_ON_FAIL=1: the half-built lab is left up; remove it with: $0 down"
    return 0
  fi
  if [[ -z ${LAB_SAVE_LOGS:-} && -d $RUN ]]; then
    LAB_SAVE_LOGS=$(mktemp -d /tmp/netfix-lab-failed.XXXXXX)
  fi
  teardown || true
  if [[ -n ${LAB_SAVE_LOGS:-} ]]; then say "the lab was removed; its logs are in $LAB_SAVE_LOGS"; fi
}

call_hooks() {  # PHASE
  local s fn
  for s in "${SCENARIOS[@]}"; do
    fn="scenario_${s//-/_}_$1"
    if declare -F "$fn" >/dev/null; then "$fn"; fi
  done
}

cmd_up() {
  local arg=${1:-} s t0 entry node mac host flags
  [[ -n $arg ]] || die "usage: lab.sh up SCENARIO[,SCENARIO...]  (see: lab.sh scenarios)"
  local requested
  IFS=, read -r -a requested <<<"$arg"
  SCENARIOS=()
  for s in "${requested[@]}"; do
    [[ -n ${SCENARIO_DESC[$s]+x} ]] || die "unknown scenario '$s' (known: ${SCENARIO_ORDER[*]})"
    [[ " ${SCENARIOS[*]} " == *" $s "* ]] || SCENARIOS+=("$s")
  done
  need_root
  need_tools
  take_lock
  if lab_exists; then
    if [[ ${LAB_FORCE:-} == 1 ]]; then
      say "LAB_FORCE=1: removing the lab that is up ($(cat "$RUN/scenario" 2>/dev/null || echo unknown))"
      teardown
    else
      die "a lab is already up (scenario: $(cat "$RUN/scenario" 2>/dev/null || echo unknown/stale)); run '$0 down' first, or set LAB_FORCE=1"
    fi
  fi
  t0=$(now_ms)
  trap up_failed EXIT
  trap 'say "failed at line $LINENO: $BASH_COMMAND"' ERR

  mkdir -p "$RUN/pids"
  touch "$RUN/.netfix-lab"
  echo "$arg" >"$RUN/scenario"
  cp "$LAB_DIR/udhcpc-hook.sh" "$RUN/udhcpc-hook.sh"
  chmod 755 "$RUN/udhcpc-hook.sh"
  call_hooks config

  local nodes=(lan inet isp router client)
  for entry in "${HOSTS[@]}"; do nodes+=("${entry%% *}"); done
  nodes+=("${EXTRA_NODES[@]}")
  make_namespaces "${nodes[@]}"
  node_lan
  node_inet
  node_isp
  node_router
  node_hosts
  node_client
  wait_daemon router dnsmasq 5000 -u "0.0.0.0:67"
  wait_daemon router dnsmasq 5000 -u "$LAN_GW:53"

  for entry in "${HOSTS[@]}"; do
    read -r node mac host flags <<<"$entry"
    dhcp_start "$node" "$host"
  done
  dhcp_wait "${!DHCP_PIDS[@]}"
  call_hooks pre_client
  # The client comes last: its address is dynamic, and dnsmasq ping-checks a dynamic address
  # for up to 3 s before offering it, during which it answers no other DHCP request.
  dhcp_start client "$CLIENT_NAME" 10
  dhcp_wait client
  wait_daemon inet dnsmasq 5000 -u "$ISP_DNS:53"
  wait_daemon inet http 5000 -t "0.0.0.0:80"
  wait_daemon router http 5000 -t "$LAN_GW:80"

  call_hooks post
  UP_DONE=1
  trap - EXIT ERR
  summary "$(( $(now_ms) - t0 ))"
}

summary() {
  local ms=$1 hosts_up=0 entry leases=0
  for entry in "${HOSTS[@]}"; do
    if [[ -n $(ipn "${entry%% *}" -4 -o addr show dev lan0 2>/dev/null) ]]; then hosts_up=$((hosts_up + 1)); fi
  done
  if [[ -f $RUN/router/dnsmasq.leases ]]; then leases=$(wc -l <"$RUN/router/dnsmasq.leases"); fi
  # shellcheck disable=SC1091
  (
    . "$RUN/client/lease.env"
    printf 'lab: up: %s in %d.%01d s\n' "$(cat "$RUN/scenario")" $((ms / 1000)) $((ms % 1000 / 100))
    printf 'lab:   client %s: %s/%s, gateway %s, dns %s (lease from %s)\n' \
      "$(ns client)" "$LEASE_IP" "$LEASE_PREFIX" "$LEASE_ROUTER" "$LEASE_DNS" "$LEASE_SERVER"
    printf 'lab:   hosts with an address: %d/%d; router DHCP leases: %d\n' "$hosts_up" "${#HOSTS[@]}" "$leases"
    printf 'lab:   logs: %s/<node>/*.log; run: %s exec client CMD...\n' "$RUN" "$0"
  )
}

cmd_down() {
  need_root
  take_lock
  local t0; t0=$(now_ms)
  if ! lab_exists && [[ ! -d $RUN ]]; then
    say "no lab is up"
    return 0
  fi
  teardown
  say "down in $(( $(now_ms) - t0 )) ms"
}

cmd_exec() {
  local node=${1:-}
  [[ -n $node && $# -ge 2 ]] || die "usage: lab.sh exec NODE CMD... (NODE: client, router, h01, ... or ${PREFIX}client)"
  shift
  [[ $node == "$PREFIX"* ]] || node=$PREFIX$node
  [[ -e /run/netns/$node ]] || die "no namespace $node (is the lab up? see: lab.sh status)"
  exec ip netns exec "$node" "$@"
}

cmd_status() {
  local nss f pid ino node name state
  mapfile -t nss < <(lab_namespaces)
  if ((${#nss[@]} == 0)) && [[ ! -d $RUN ]]; then
    echo "no lab is up"
    return 0
  fi
  echo "scenario: $(cat "$RUN/scenario" 2>/dev/null || echo 'unknown (no run dir: stale lab, run down)')"
  echo "namespaces (${#nss[@]}): ${nss[*]}"
  echo "daemons:"
  for f in "$RUN"/pids/*.pid; do
    [[ -e $f ]] || continue
    read -r pid ino node name <"$f"
    state=dead
    if [[ $(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null) == "$ino" ]]; then state=running; fi
    printf '  %-8s %-8s pid %-7s %-8s log %s\n' "$node" "$name" "$pid" "$state" "$RUN/$node/$name.log"
  done
  if [[ -f $RUN/client/lease.env ]]; then
    (. "$RUN/client/lease.env"; echo "client: $LEASE_IP/$LEASE_PREFIX gateway $LEASE_ROUTER dns $LEASE_DNS")
  fi
}

cmd_scenarios() {
  local s
  for s in "${SCENARIO_ORDER[@]}"; do printf '%-14s %s\n' "$s" "${SCENARIO_DESC[$s]}"; done
}

main() {
  check_settings
  local cmd=${1:-}
  shift || true
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    exec) cmd_exec "$@" ;;
    status) cmd_status ;;
    scenarios) cmd_scenarios ;;
    -h|--help|help) sed -n '2,/^set -E/{/^set -E/d;s/^# \{0,1\}//;p}' "$0" ;;
    *) die "usage: lab.sh up SCENARIO[,...] | down | exec NODE CMD... | status | scenarios" ;;
  esac
}

main "$@"
