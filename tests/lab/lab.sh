#!/usr/bin/env bash
# The simulated home for netfix's end-to-end tests: network namespaces joined by veth
# pairs and bridges, with real daemons (dnsmasq, udhcpc, miniupnpd, igmpproxy, avahi-daemon,
# minidlna, gmediarender, Python HTTP and SSDP servers) and tc/nftables for link faults.
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
# LAB_SAVE_LOGS=DIR (copy the daemon logs there on down), CLIENT_AVAHI=0 (no avahi-daemon and
# no D-Bus in the client namespace), NETFIX_BIN (slow-backhaul: run `netfix serve` in the TV).
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
LAN6=2001:db8:178::                # global (documentation) prefix the router advertises (RA, SLAAC, RDNSS)
LAN6_GW=${LAN6}1

# "FRITZ!Repeater 1200 AX": bridge br0 = bh0 (uplink to the switch) + t-tv (the TV's port).
REPEATER_MAC=2c:3a:fd:20:00:01     # AVM; br0, the repeater's own address (DHCP)
REPEATER_BH_MAC=2c:3a:fd:20:00:02  # bh0, the backhaul port
REPEATER_IP=$LAN.2
REPEATER_NAME=FRITZ-Repeater-1200AX
# double-nat: the repeater in router mode serves its own subnet on br0.
SUB=192.168.0
SUB_GW=$SUB.1
SUB6=2001:db8:168::
# "LG OLED55C1" behind the repeater, reserved address.
TV_MAC=14:c9:13:30:00:30           # LG Electronics
TV_IP=$LAN.30
TV_SUB_IP=$SUB.30                  # double-nat: reserved by the repeater's dnsmasq
TV_NAME=LGwebOSTV
# rogue-dhcp: a TP-Link access point with its DHCP server left on.
ROGUE_MAC=50:c7:bf:0e:00:01        # TP-Link
ROGUE_IP=192.168.0.1
# support-server: netfix send's HTTPS upload server, in the internet namespace.
SUPPORT_IP=62.1.1.80
NETFIX_SERVE_PORT=8086   # slow-backhaul: `netfix serve` in the TV (its default port)

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
# no-igmp-querier: a Telekom MagentaTV Media Receiver, watching a channel from the ISP's
# IPTV head-end (source-specific, 232.0.0.0/16 like MagentaTV).
IPTV_HOST="h21 e0:af:4f:21:00:21 MediaReceiver401"   # Deutsche Telekom AG
IPTV_GROUP=232.0.20.35
IPTV_SOURCE=62.1.2.35

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
  [rogue-dhcp]="a TP-Link (192.168.0.1) answers DHCP too (no-ping, .100-.199); the client keeps the router's lease"
  [double-nat]="the repeater is in router mode: own subnet 192.168.0.0/24, NAT, own miniupnpd; client and TV behind it"
  [no-upnp]="the router runs no miniupnpd (no IGD, no NAT-PMP)"
  [isolated-receiver]="the repeater's bridge drops the TV's mDNS/SSDP (multicast both ways, unicast replies); ARP and unicast IP pass"
  [support-server]="adds an HTTPS upload server support.example (62.1.1.80, test CA) for netfix send; use with healthy"
  [bufferbloat]="the WAN shapers (100/40 Mbit/s) hold a 300 ms tail-drop queue each way: loaded round trips grow by ~300 ms"
  [slow-backhaul]="the repeater's link to the TV carries 15 Mbit/s each way (htb, 20 ms queue); netfix serve in the TV if NETFIX_BIN is set"
  [lossy-link]="the router drops 10 % of the packets it forwards to and from the WAN, each way (nft numgen random): ~19 % per round trip"
  [no-igmp-querier]="no igmpproxy: nobody queries IGMP; a MagentaTV Media Receiver (.121) is a member of 232.0.20.35 and stays silent"
)
SCENARIO_ORDER=(healthy dns-broken ip-conflict gateway-down rogue-dhcp double-nat no-upnp isolated-receiver support-server
  bufferbloat slow-backhaul lossy-link no-igmp-querier)

# Defaults that scenarios may change in their config hook.
ROUTER_UPSTREAM=$ISP_DNS
WAN_DOWN_RATE=100mbit
WAN_UP_RATE=40mbit
WAN_QUEUE_LATENCY=20ms
EXTRA_NODES=()        # namespaces beyond the base home, e.g. dup
ROUTER_UPNP=1         # miniupnpd on the router
ROUTER_IGMP=1         # igmpproxy on the router: the LAN's IGMP querier (wan0 upstream, lan0 downstream)
TV_LINK_RATE=         # slow-backhaul: htb rate of the repeater's link to the TV (both ways), e.g. 15mbit
WAN_LOSS_PERCENT=0    # lossy-link: nft drops this share of forwarded WAN packets, each way
REPEATER_MODE=bridge  # bridge | router (double-nat)
CLIENT_UPLINK=lan     # lan: the switch | repeater: the repeater's br0 (double-nat)
TV_ISOLATED=0         # isolated-receiver: the repeater's bridge filters the TV's discovery
RA_LIFETIME=1800      # router lifetime in the router's (and the repeater's) RAs
CLIENT_AVAHI=${CLIENT_AVAHI:-1}   # avahi-daemon + a private D-Bus in the client (for avahi-browse)

scenario_dns_broken_config() { ROUTER_UPSTREAM=62.1.1.54; }

scenario_ip_conflict_config() { EXTRA_NODES+=(dup); }
scenario_ip_conflict_post() { node_dup; }

scenario_gateway_down_post() { router_lan_silence; }

scenario_rogue_dhcp_config() { EXTRA_NODES+=(rogue); }
scenario_rogue_dhcp_pre_client() { node_rogue; }

scenario_double_nat_config() { REPEATER_MODE=router; CLIENT_UPLINK=repeater; }

scenario_no_upnp_config() { ROUTER_UPNP=0; }

scenario_isolated_receiver_config() { TV_ISOLATED=1; }

scenario_support_server_config() { INET_NAMES+=("support.example $SUPPORT_IP"); }
scenario_support_server_post() { node_support; }

# 300 ms of queue at 100 Mbit/s is 3.75 MB; the client's tcp_rmem (6 MB per socket) lets a
# few parallel flows fill it. Cubic needs ~4 s to get there (bench/link_accuracy.sh).
scenario_bufferbloat_config() { WAN_QUEUE_LATENCY=300ms; }

scenario_slow_backhaul_config() {
  [[ $REPEATER_MODE == bridge ]] || die "slow-backhaul needs the repeater in bridge mode (not with double-nat)"
  TV_LINK_RATE=15mbit
}
scenario_slow_backhaul_pre_client() { tv_netfix_serve; }

scenario_lossy_link_config() { WAN_LOSS_PERCENT=10; }

scenario_no_igmp_querier_config() { ROUTER_IGMP=0; HOSTS+=("$IPTV_HOST"); }
scenario_no_igmp_querier_pre_client() { node_iptv_receiver; }

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
  for t in ip nft tc ss dnsmasq udhcpc busybox setsid timeout flock "$PY" \
    avahi-daemon miniupnpd minidlnad gmediarender dbus-daemon igmpproxy; do
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

port_open() {  # NODE PROTO(-t/-u) PORT: something listens on PORT (any address)
  [[ -n $(ss -N "$(ns "$1")" -Hln "$2" "sport = :$3" 2>/dev/null) ]]
}

# Daemons whose readiness up waits for at the end (they start in parallel):
#   READY_TCP: "NODE NAME PORT" (listens on TCP PORT)   READY_LOG: "NODE NAME COUNT REGEX"
READY_TCP=()
READY_LOG=()

log_has() {  # NODE NAME COUNT REGEX: the daemon's log has COUNT lines matching REGEX
  local n
  n=$(grep -cE "$4" "$RUN/$1/$2.log" 2>/dev/null) || true
  ((${n:-0} >= $3))
}

wait_ready() {  # TIMEOUT_MS: every daemon in READY_TCP and READY_LOG is ready, or die
  local timeout=$1 entry node name port count regex
  for entry in "${READY_TCP[@]}"; do
    read -r node name port <<<"$entry"
    if ! wait_until "$timeout" port_open "$node" -t "$port"; then
      daemon_alive "$node" "$name" && die "$name in $(ns "$node") does not listen on TCP $port after ${timeout} ms; log: $RUN/$node/$name.log"
      die "$name in $(ns "$node") exited; log: $RUN/$node/$name.log"$'\n'"$(tail -n 5 "$RUN/$node/$name.log" 2>/dev/null)"
    fi
  done
  for entry in "${READY_LOG[@]}"; do
    read -r node name count regex <<<"$entry"
    if ! wait_until "$timeout" log_has "$node" "$name" "$count" "$regex"; then
      daemon_alive "$node" "$name" && die "$name in $(ns "$node") not ready after ${timeout} ms (want $count x '$regex'); log: $RUN/$node/$name.log"
      die "$name in $(ns "$node") exited; log: $RUN/$node/$name.log"$'\n'"$(tail -n 5 "$RUN/$node/$name.log" 2>/dev/null)"
    fi
  done
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

node_router() {  # "FRITZ!Box 7590": NAT, DHCP + DNS + RA (dnsmasq), miniupnpd, avahi, admin page
  local entry node mac host flags dir=$RUN/router
  # No DAD on the router's own addresses (dnsmasq binds them at once; it would wait for
  # DAD), and no SLAAC from its own router advertisements.
  in_ns router sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.accept_ra=0
  lan_attach router "$ROUTER_LAN_MAC"
  ipn router link set wan0 up
  ipn router addr add "$ROUTER_WAN_IP/24" dev wan0
  ipn router addr add "$LAN_GW/24" dev lan0
  ipn router addr add "$LAN6_GW/64" dev lan0 nodad
  ipn router route add default via "$ISP_DOWN_IP" congctl cubic
  routes_cubic router
  in_ns router sysctl -qw net.ipv4.ip_forward=1
  tc -n "$(ns router)" qdisc replace dev wan0 root tbf rate "$WAN_UP_RATE" burst 32k latency "$WAN_QUEUE_LATENCY"
  echo "nameserver 127.0.0.1" >"/etc/netns/$(ns router)/resolv.conf"

  nat_ruleset router wan0 lan0

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
    echo "dhcp-host=$REPEATER_MAC,$REPEATER_BH_MAC,$REPEATER_IP,$REPEATER_NAME"
    echo "dhcp-host=$TV_MAC,$TV_IP,$TV_NAME"
    # Router advertisements: SLAAC in $LAN6/64 (a global documentation prefix, so the home
    # looks dual-stack; the lab's ISP routes no IPv6), RDNSS = the router; router lifetime
    # $RA_LIFETIME.
    echo "enable-ra"
    echo "dhcp-range=::,constructor:lan0,ra-only,64,1d"
    echo "ra-param=lan0,600,$RA_LIFETIME"
    echo "dhcp-option=option6:dns-server,[$LAN6_GW]"
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

  if ((ROUTER_IGMP)); then router_igmpproxy; fi
  if ((WAN_LOSS_PERCENT > 0)); then router_wan_loss; fi
  if ((ROUTER_UPNP)); then
    start_miniupnpd router wan0 lan0 49000 "3ca62f10-0001-4000-8000-3ca62f100001" "FRITZ!Box 7590" \
      "AVM Berlin" "FRITZ!Box 7590" 7590 3CA62F100001 "$LAN.0/24"
  fi
  avahi_setup router fritz-box lan0
  avahi_service router http "FRITZ!Box 7590" _http._tcp 80 path=/
  avahi_start router
}

# The FRITZ!Box is the LAN's IGMP querier (and proxies joins to the ISP): general queries at
# start and every 125 s, and a group-specific query within milliseconds of a leave (for a
# group somebody joined before; netfix's igmp-querier probe relies on that). igmpproxy 0.3
# has no setting for the query interval.
router_igmpproxy() {
  local dir=$RUN/router
  cat >"$dir/igmpproxy.conf" <<EOF
# netfix lab: the FRITZ!Box's IGMP proxy and querier
quickleave
phyint wan0 upstream ratelimit 0 threshold 1
  altnet 0.0.0.0/0
phyint lan0 downstream ratelimit 0 threshold 1
phyint lo disabled
EOF
  start_daemon router igmpproxy igmpproxy -d -v "$dir/igmpproxy.conf"
  # It hears its own first general query: the querier is up.
  READY_LOG+=("router igmpproxy 1 RECV.Membership.query.+to.224\.0\.0\.1")
}

# lossy-link: random drops on the WAN path, each way, in a table of its own that runs before
# the NAT filter. Every forwarded packet is at risk, whatever its protocol: netfix falls back
# from ICMP to a DNS query or a TCP connect when a trial echo goes unanswered, and each of
# them must see the same loss. What the router sends itself (its dnsmasq asking the ISP's
# resolver) is not forwarded, so the LAN's DNS stays reliable and the DNS checks quiet.
router_wan_loss() {
  cat >"$RUN/router/lossy.nft" <<NFT
table inet lab_lossy {
  counter wan_in { }
  counter wan_out { }
  counter dropped_in { }
  counter dropped_out { }
  chain forward {
    type filter hook forward priority -10; policy accept;
    iifname != "wan0" oifname != "wan0" accept
    iifname "wan0" counter name wan_in
    oifname "wan0" counter name wan_out
    iifname "wan0" numgen random mod 100 < $WAN_LOSS_PERCENT counter name dropped_in drop
    oifname "wan0" numgen random mod 100 < $WAN_LOSS_PERCENT counter name dropped_out drop
  }
}
NFT
  in_ns router nft -f "$RUN/router/lossy.nft"
}

# nat_ruleset NODE WAN LAN: NAT from LAN to WAN, with the (empty) chains miniupnpd adds its
# rules to (miniupnpd does not create them; Debian's nft_init.sh needs iptables).
nat_ruleset() {
  local node=$1 wan=$2 lan=$3
  cat >"$RUN/$node/nftables.conf" <<NFT
table inet filter {
  chain input { type filter hook input priority 0; policy accept; }
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    iifname "$lan" oifname "$wan" accept
    jump miniupnpd
  }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting {
    type nat hook postrouting priority 100; policy accept;
    jump postrouting_miniupnpd
    oifname "$wan" masquerade
  }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
NFT
  in_ns "$node" nft -f "$RUN/$node/nftables.conf"
}

# start_miniupnpd NODE WAN LAN PORT UUID FRIENDLY MANUFACTURER MODEL MODELNO SERIAL ALLOW_NET
start_miniupnpd() {
  local node=$1 wan=$2 lan=$3 port=$4 dir=$RUN/$1
  cat >"$dir/miniupnpd.conf" <<EOF
ext_ifname=$wan
listening_ip=$lan
http_port=$port
enable_natpmp=yes
enable_upnp=yes
secure_mode=yes
system_uptime=yes
notify_interval=60
uuid=$5
friendly_name=$6
manufacturer_name=$7
manufacturer_url=http://www.avm.de
model_description=$8
model_name=$8
model_url=http://www.avm.de
model_number=$9
serial=${10}
bitrate_down=100000000
bitrate_up=40000000
lease_file=$dir/upnp.leases
upnp_table_name=filter
upnp_nat_table_name=filter
upnp_forward_chain=miniupnpd
upnp_nat_chain=prerouting_miniupnpd
upnp_nat_postrouting_chain=postrouting_miniupnpd
allow 1024-65535 ${11} 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
EOF
  start_daemon "$node" miniupnpd miniupnpd -f "$dir/miniupnpd.conf" -d -P "$dir/miniupnpd.pid"
  READY_TCP+=("$node miniupnpd $port")
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

node_client() {
  if [[ $CLIENT_UPLINK == repeater ]]; then  # double-nat: plugged into the repeater's br0
    veth repeater t-client "" client lan0 "$CLIENT_MAC"
    in_ns repeater sysctl -qw net.ipv6.conf.t-client.disable_ipv6=1
    ipn repeater link set t-client master br0 up
    ipn client link set lan0 up
  else
    lan_attach client "$CLIENT_MAC"
  fi
}

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

# ------------------------------------------------------------ avahi, SSDP
# avahi-daemon per namespace: the pid file and socket live in /run/avahi-daemon (compiled
# in), so each instance gets a private tmpfs there (in the mount namespace ip netns exec
# makes for it) and its own services dir bind-mounted over /etc/avahi/services.
# avahi_setup NODE HOSTNAME IFACES [DBUS(yes|no)]
avahi_setup() {
  local node=$1 dir=$RUN/$1/avahi
  mkdir -p "$dir/services"
  cat >"$dir/avahi-daemon.conf" <<EOF
[server]
host-name=$2
domain-name=local
use-ipv4=yes
use-ipv6=yes
allow-interfaces=$3
enable-dbus=${4:-no}
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-addresses=yes
publish-hinfo=no
publish-workstation=no
publish-domain=yes
[reflector]
enable-reflector=no
EOF
}

# avahi_service NODE FILE NAME TYPE PORT [TXT...]: a static service file
avahi_service() {
  local node=$1 file=$2 name=$3 type=$4 port=$5 t
  shift 5
  {
    echo '<?xml version="1.0" standalone="no"?>'
    echo '<!DOCTYPE service-group SYSTEM "avahi-service.dtd">'
    echo "<service-group>"
    echo "  <name>$(xml_escape "$name")</name>"
    echo "  <service>"
    echo "    <type>$type</type>"
    echo "    <port>$port</port>"
    for t in "$@"; do echo "    <txt-record>$(xml_escape "$t")</txt-record>"; done
    echo "  </service>"
    echo "</service-group>"
  } >"$RUN/$node/avahi/services/$file.service"
}

xml_escape() { local v=${1//&/&amp;}; v=${v//</&lt;}; v=${v//>/&gt;}; printf '%s' "$v"; }

avahi_start() {  # NODE [ENV=VALUE...]
  local node=$1 dir=$RUN/$1/avahi services
  shift
  [[ -d /run/avahi-daemon ]] || mkdir -p /run/avahi-daemon
  # marks it as ours: down removes it when no lab namespace is left (see teardown)
  [[ -e /run/avahi-daemon/.netfix-lab ]] || [[ -n $(ls -A /run/avahi-daemon) ]] || touch /run/avahi-daemon/.netfix-lab
  services=$(find "$dir/services" -name '*.service' | wc -l)
  # shellcheck disable=SC2016  # $1 expands in the inner sh
  start_daemon "$node" avahi env "$@" sh -c 'mount -t tmpfs -o size=1m,mode=755 lab-avahi /run/avahi-daemon &&
    mount --bind "$1/services" /etc/avahi/services &&
    exec avahi-daemon -f "$1/avahi-daemon.conf" --no-drop-root --no-chroot --no-rlimits --no-proc-title' avahi "$dir"
  READY_LOG+=("$node avahi 1 ^Server.startup.complete")
  ((services == 0)) || READY_LOG+=("$node avahi $services successfully.established")
}

# ssdp_start NODE: the Python SSDP responder with $RUN/NODE/ssdp.json (written by the caller)
ssdp_start() {
  local node=$1 port
  port=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["http_port"])' "$RUN/$node/ssdp.json")
  start_daemon "$node" ssdp "$PY" -u "$LAB_DIR/ssdp-responder.py" "$RUN/$node/ssdp.json"
  READY_LOG+=("$node ssdp 1 ssdp-responder:.ready")
  READY_TCP+=("$node ssdp $port")
}

# ------------------------------------------------------------ repeater, TV, LAN services
node_repeater() {  # "FRITZ!Repeater 1200 AX": bridge br0 = bh0 + t-tv (+ t-client in double-nat)
  local dir=$RUN/repeater
  veth lan p-repeater "" repeater bh0 "$REPEATER_BH_MAC"
  ipn lan link set p-repeater master br0 up
  ipn repeater link add br0 address "$REPEATER_MAC" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  in_ns repeater sysctl -qw net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-ip6tables=0 \
    net.bridge.bridge-nf-call-arptables=0 2>/dev/null || true
  veth repeater t-tv "" tv lan0 "$TV_MAC"
  # Bridge ports carry no address of their own (no IPv6 link-local, no DAD, no RS).
  in_ns repeater sysctl -qw net.ipv6.conf.t-tv.disable_ipv6=1
  ipn repeater link set t-tv master br0 up
  if [[ $REPEATER_MODE == bridge ]]; then
    in_ns repeater sysctl -qw net.ipv6.conf.bh0.disable_ipv6=1
    ipn repeater link set bh0 master br0 up
  else  # router mode: bh0 is its WAN (DHCP from the main router), br0 its own LAN with NAT
    in_ns repeater sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.br0.accept_dad=0 net.ipv6.conf.br0.accept_ra=0
    ipn repeater link set bh0 up
    ipn repeater addr add "$SUB_GW/24" dev br0
    ipn repeater addr add "${SUB6}1/64" dev br0 nodad
  fi
  ipn repeater link set br0 up
  ipn tv link set lan0 up
  routes_cubic repeater
  if [[ -n $TV_LINK_RATE ]]; then repeater_tv_shaper; fi
  if ((TV_ISOLATED)); then
    # IGMP snooping / client isolation gone wrong: multicast discovery between the TV's
    # port and the rest is lost both ways, and any SSDP/mDNS the TV sends is dropped.
    # ARP and other unicast IP pass.
    cat >"$dir/isolation.nft" <<'NFT'
table bridge lab_isolation {
  chain forward {
    type filter hook forward priority 0; policy accept;
    iifname "t-tv" ip daddr { 224.0.0.251, 239.255.255.250 } drop
    oifname "t-tv" ip daddr { 224.0.0.251, 239.255.255.250 } drop
    iifname "t-tv" ip6 daddr { ff02::fb, ff02::c } drop
    oifname "t-tv" ip6 daddr { ff02::fb, ff02::c } drop
    iifname "t-tv" udp sport { 1900, 5353 } drop
  }
}
NFT
    in_ns repeater nft -f "$dir/isolation.nft"
  fi
  if [[ $REPEATER_MODE == router ]]; then
    nat_ruleset repeater bh0 br0
    {
      echo "# netfix lab: FRITZ!Repeater in router mode: its own DHCP, DNS and RA on br0"
      echo "interface=br0"
      echo "bind-interfaces"
      echo "no-resolv"
      echo "no-hosts"
      echo "no-poll"
      echo "server=$LAN_GW"
      echo "domain=fritz.repeater"
      echo "local=/fritz.repeater/"
      echo "dhcp-range=$SUB.100,$SUB.199,255.255.255.0,12h"
      echo "dhcp-option=option:router,$SUB_GW"
      echo "dhcp-option=option:dns-server,$SUB_GW"
      echo "dhcp-authoritative"
      echo "dhcp-host=$TV_MAC,$TV_SUB_IP,$TV_NAME"
      echo "enable-ra"
      echo "dhcp-range=::,constructor:br0,ra-only,64,1d"
      echo "ra-param=br0,600,$RA_LIFETIME"
      echo "dhcp-option=option6:dns-server,[${SUB6}1]"
      echo "dhcp-leasefile=$dir/dnsmasq.leases"
      echo "pid-file=$dir/dnsmasq.pid"
      echo "log-dhcp"
      echo "log-queries"
      echo "log-facility=-"
      echo "user=root"
    } >"$dir/dnsmasq.conf"
    start_daemon repeater dnsmasq dnsmasq -k --conf-file="$dir/dnsmasq.conf"
  fi
}

# slow-backhaul: the TV's link (in a real home a weak Wi-Fi hop) as an htb class of
# $TV_LINK_RATE each way, shaped where the repeater forwards (a shaper on the sender's own
# egress would throttle its sockets instead of queueing): towards the TV on t-tv, from the
# TV on bh0, where a u32 filter picks the TV's packets and htb's "default 0" sends all others
# straight through. A 20 ms bfifo per class, as on the WAN in healthy: the leg is slow, not
# bloated (a home-leg queue of 1000 packets would add 800 ms).
repeater_tv_shaper() {
  local rate=$TV_LINK_RATE mbit limit
  mbit=${rate%mbit}
  [[ $mbit =~ ^[0-9]+$ ]] || die "TV_LINK_RATE '$rate' must be N mbit"
  limit=$((mbit * 1000000 / 8 * 20 / 1000))   # bytes in 20 ms
  ((limit >= 3028)) || limit=3028
  tc -n "$(ns repeater)" qdisc replace dev t-tv root handle 1: htb default 10
  tc -n "$(ns repeater)" class add dev t-tv parent 1: classid 1:10 htb rate "$rate" ceil "$rate"
  tc -n "$(ns repeater)" qdisc add dev t-tv parent 1:10 handle 10: bfifo limit "$limit"
  tc -n "$(ns repeater)" qdisc replace dev bh0 root handle 1: htb
  tc -n "$(ns repeater)" class add dev bh0 parent 1: classid 1:10 htb rate "$rate" ceil "$rate"
  tc -n "$(ns repeater)" qdisc add dev bh0 parent 1:10 handle 10: bfifo limit "$limit"
  tc -n "$(ns repeater)" filter add dev bh0 parent 1: protocol ip prio 1 u32 match ip src "$TV_IP/32" flowid 1:10
}

# slow-backhaul: `netfix serve` in the TV, the peer for `netfix check --peer 192.168.178.30`
# (the home leg). The binary comes from NETFIX_BIN (the e2e harness sets it); without it the
# TV runs no peer and says so.
tv_netfix_serve() {
  if [[ -z ${NETFIX_BIN:-} ]]; then
    say "NETFIX_BIN is not set: no netfix serve in $(ns tv) (the home leg cannot be measured)"
    return 0
  fi
  [[ -x $NETFIX_BIN && ! -d $NETFIX_BIN ]] || die "NETFIX_BIN '$NETFIX_BIN' is not an executable file"
  # Bounded like the other lab daemons: a day at most.
  start_daemon tv netfix-serve "$NETFIX_BIN" serve --port "$NETFIX_SERVE_PORT" --timeout 86400
  READY_TCP+=("tv netfix-serve $NETFIX_SERVE_PORT")
}

# no-igmp-querier: a MagentaTV Media Receiver 401 (SSDP MediaRenderer, model "Media Receiver
# 401") watching channel $IPTV_GROUP from $IPTV_SOURCE. Its kernel reported the membership
# twice when it joined (IGMPv3, at lab up) and answers only queries afterwards; without a
# querier netfix hears nothing from it and knows it for an IPTV receiver by its profile only.
node_iptv_receiver() {
  local node=${IPTV_HOST%% *}
  cat >"$RUN/$node/ssdp.json" <<'EOF'
{"interface": "lan0", "http_port": 49152, "server": "Linux/4.9 UPnP/1.0 MediaReceiver/401",
 "devices": [{"uuid": "e0af4f21-0021-4000-8000-e0af4f210021",
   "device_type": "urn:schemas-upnp-org:device:MediaRenderer:1",
   "friendly_name": "MagentaTV Media Receiver 401", "manufacturer": "Deutsche Telekom AG",
   "manufacturer_url": "https://www.telekom.de", "model_description": "MagentaTV Media Receiver",
   "model_name": "Media Receiver 401", "model_number": "MR401", "serial_number": "E0AF4F210021",
   "services": [{"type": "urn:schemas-upnp-org:service:AVTransport:1", "id": "urn:upnp-org:serviceId:AVTransport"},
                {"type": "urn:schemas-upnp-org:service:RenderingControl:1", "id": "urn:upnp-org:serviceId:RenderingControl"},
                {"type": "urn:schemas-upnp-org:service:ConnectionManager:1", "id": "urn:upnp-org:serviceId:ConnectionManager"}]}]}
EOF
  ssdp_start "$node"
  start_daemon "$node" iptv "$PY" -u "$LAB_DIR/mcast-member.py" --interface lan0 "$IPTV_GROUP@$IPTV_SOURCE"
  READY_LOG+=("$node iptv 1 mcast-member:.ready")
}

repeater_services() {  # after the repeater has its address
  local ifaces=br0
  [[ $REPEATER_MODE == bridge ]] || ifaces=br0,bh0
  avahi_setup repeater fritz-repeater "$ifaces"
  avahi_service repeater http "FRITZ!Repeater 1200 AX" _http._tcp 80 path=/
  avahi_start repeater
  cat >"$RUN/repeater/ssdp.json" <<'EOF'
{"interface": "br0", "http_port": 49000,
 "server": "FRITZ!Repeater 1200 AX UPnP/1.0 AVM FRITZ!Repeater 1200 AX 225.07.57",
 "tcp_ports": [80],
 "devices": [{"uuid": "2c3afd20-0001-4000-8000-2c3afd200001",
   "device_type": "urn:schemas-wifialliance-org:device:WFADevice:1",
   "friendly_name": "FRITZ!Repeater 1200 AX", "manufacturer": "AVM",
   "manufacturer_url": "http://www.avm.de", "model_description": "FRITZ!Repeater",
   "model_name": "FRITZ!Repeater 1200 AX", "model_number": "1200 AX",
   "serial_number": "2C3AFD200001", "presentation_url": "http://{ip}/",
   "services": [{"type": "urn:schemas-wifialliance-org:service:WFAWLANConfig:1",
                 "id": "urn:wifialliance-org:serviceId:WFAWLANConfig1"}]}]}
EOF
  ssdp_start repeater
  if [[ $REPEATER_MODE == router ]]; then
    # Its own IGD on :5000 (its SSDP responder has :49000). The WAN side has a private
    # address, so miniupnpd says port forwarding is impossible: the double-NAT signature.
    start_miniupnpd repeater bh0 br0 5000 "2c3afd20-0002-4000-8000-2c3afd200002" "FRITZ!Repeater 1200 AX" \
      "AVM Berlin" "FRITZ!Repeater 1200 AX" "1200 AX" 2C3AFD200002 "$SUB.0/24"
  fi
}

tv_services() {  # "LG OLED55C1": minidlna, gmediarender, DIAL + webOS (SSDP), Cast + AirPlay (mDNS)
  local dir=$RUN/tv
  mkdir -p "$dir/media/Music" "$dir/media/Videos" "$dir/minidlna-db"
  cat >"$dir/minidlna.conf" <<EOF
media_dir=A,$dir/media/Music
media_dir=V,$dir/media/Videos
db_dir=$dir/minidlna-db
log_dir=$dir
friendly_name=LG OLED55C1 Media Server
network_interface=lan0
port=8200
inotify=no
notify_interval=60
serial=14C913100030
model_number=OLED55C1
uuid=4d696e69-444c-164e-9d41-14c913100030
EOF
  start_daemon tv minidlna minidlnad -S -f "$dir/minidlna.conf" -P "$dir/minidlna.pid"
  READY_TCP+=("tv minidlna 8200")
  start_daemon tv gmediarender gmediarender -I lan0 -p 49494 -f "Living Room TV" \
    -u 0ab5e1f2-14c9-1310-0030-14c913100030 --gstout-audiosink=fakesink --gstout-videosink=fakesink \
    --logfile=stdout
  READY_TCP+=("tv gmediarender 49494")
  cat >"$dir/ssdp.json" <<'EOF'
{"interface": "lan0", "http_port": 1976, "server": "WebOS/6.0 UPnP/1.0 webOSTV/1.0",
 "http_headers": {"Application-URL": "http://{ip}:1976/apps/"},
 "tcp_ports": [8009, 7000, 3000],
 "devices": [{"uuid": "4a6b8e12-14c9-1310-0030-14c913100030",
   "device_type": "urn:dial-multiscreen-org:device:dial:1",
   "friendly_name": "Living Room TV", "manufacturer": "LG Electronics",
   "manufacturer_url": "http://www.lge.com", "model_description": "LG webOS TV",
   "model_name": "OLED55C1", "model_number": "OLED55C1PUB", "serial_number": "14C913100030",
   "services": [{"type": "urn:dial-multiscreen-org:service:dial:1",
                 "id": "urn:dial-multiscreen-org:serviceId:dial"},
                {"type": "urn:lge-com:service:webos-second-screen:1",
                 "id": "urn:lge-com:serviceId:webos-second-screen-3000-3001"}],
   "ssdp_headers": {"Application-URL": "http://{ip}:1976/apps/"}}]}
EOF
  ssdp_start tv
  avahi_setup tv LG-OLED55C1 lan0
  avahi_service tv googlecast "LG-OLED55C1-4a6b8e1214c91310" _googlecast._tcp 8009 \
    id=4a6b8e1214c913100030a1b2c3d4e5f6 cd=14C9131000300000 rm= ve=05 "md=LG OLED55C1" \
    ic=/setup/icon.png "fn=Living Room TV" ca=2052 st=0 bs=FA8FCA3A1B2C nf=1 rs=
  avahi_service tv airplay "Living Room TV" _airplay._tcp 7000 \
    deviceid=14:C9:13:30:00:30 features=0x7F8AD0,0x38BCB46 flags=0x244 model=OLED55C1PUB \
    "manufacturer=LG Electronics" srcvers=377.25.06 protovers=1.1 acl=0
  avahi_start tv
}

lan_services() {  # the plain hosts that announce something (after their DHCP)
  # h03: a Brother printer
  avahi_setup h03 BRW3C2AF4110303 lan0
  local printer="Brother HL-L2350DW series"
  avahi_service h03 ipp "$printer" _ipp._tcp 631 txtvers=1 qtotal=1 rp=ipp/print "ty=$printer" \
    "product=($printer)" pdl=application/octet-stream,image/urf,image/pwg-raster \
    UUID=e3248000-80ce-11db-8000-3c2af4110303 Color=F Duplex=T
  avahi_service h03 printer "$printer" _printer._tcp 515 txtvers=1 qtotal=1 rp=duerqxesz5090 "ty=$printer" \
    "product=($printer)"
  avahi_service h03 http "$printer" _http._tcp 80 path=/
  avahi_start h03
  # h13: a Synology NAS
  avahi_setup h13 DiskStation lan0
  avahi_service h13 smb DiskStation _smb._tcp 445
  avahi_service h13 http DiskStation _http._tcp 5000 path=/ vendor=Synology model=DS220+ \
    serial=2040PDN113013 version_major=7 version_minor=2 version_build=64570 admin_port=5000 \
    secure_admin_port=5001 mac_address=00:11:32:11:13:13
  avahi_service h13 device-info DiskStation _device-info._tcp 0 model=Xserve
  avahi_start h13
  # h14: a Sonos One (mDNS and SSDP)
  avahi_setup h14 Sonos-48A6B8111414 lan0
  avahi_service h14 sonos "Sonos-48A6B8111414@Kueche" _sonos._tcp 1443 \
    info=/api/v1/players/RINCON_48A6B811141401400/info vers=3 protovers=1.24.1 \
    "location=http://$(host_ip h14):1400/xml/device_description.xml" bootseq=12 hhid=Sonos_lab0Kueche mhhid=
  avahi_start h14
  cat >"$RUN/h14/ssdp.json" <<'EOF'
{"interface": "lan0", "http_port": 1400, "server": "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS27)",
 "devices": [{"uuid": "RINCON_48A6B811141401400",
   "device_type": "urn:schemas-upnp-org:device:ZonePlayer:1",
   "location_path": "/xml/device_description.xml",
   "friendly_name": "{ip} - Sonos One - RINCON_48A6B811141401400",
   "manufacturer": "Sonos, Inc.", "manufacturer_url": "http://www.sonos.com",
   "model_number": "S18", "model_description": "Sonos One", "model_name": "Sonos One",
   "serial_number": "48-A6-B8-11-14-14:E",
   "services": [{"type": "urn:schemas-upnp-org:service:AlarmClock:1", "id": "urn:upnp-org:serviceId:AlarmClock"},
                {"type": "urn:schemas-upnp-org:service:DeviceProperties:1", "id": "urn:upnp-org:serviceId:DeviceProperties"},
                {"type": "urn:schemas-upnp-org:service:ZoneGroupTopology:1", "id": "urn:upnp-org:serviceId:ZoneGroupTopology"}],
   "ssdp_headers": {"X-RINCON-HOUSEHOLD": "Sonos_lab0Kueche", "X-RINCON-BOOTSEQ": "12",
                    "X-RINCON-WIFIMODE": "0", "X-RINCON-VARIANT": "2"},
   "devices": [
     {"uuid": "RINCON_48A6B811141401400_MS", "device_type": "urn:schemas-upnp-org:device:MediaServer:1",
      "friendly_name": "{ip} - Sonos One Media Server", "manufacturer": "Sonos, Inc.", "model_name": "Sonos One",
      "services": [{"type": "urn:schemas-upnp-org:service:ContentDirectory:1"},
                   {"type": "urn:schemas-upnp-org:service:ConnectionManager:1"}]},
     {"uuid": "RINCON_48A6B811141401400_MR", "device_type": "urn:schemas-upnp-org:device:MediaRenderer:1",
      "friendly_name": "Kueche - Sonos One Media Renderer", "manufacturer": "Sonos, Inc.", "model_name": "Sonos One",
      "services": [{"type": "urn:schemas-upnp-org:service:RenderingControl:1"},
                   {"type": "urn:schemas-upnp-org:service:ConnectionManager:1"},
                   {"type": "urn:schemas-upnp-org:service:AVTransport:1"}]}]}]}
EOF
  ssdp_start h14
  # h09: a Philips Hue bridge (SSDP only)
  cat >"$RUN/h09/ssdp.json" <<'EOF'
{"interface": "lan0", "http_port": 80, "server": "Hue/1.0 UPnP/1.0 IpBridge/1.56.0",
 "devices": [{"uuid": "2f402f80-da50-11e1-9b23-ecb5fa110909",
   "device_type": "urn:schemas-upnp-org:device:Basic:1", "location_path": "/description.xml",
   "friendly_name": "Philips hue ({ip})", "manufacturer": "Signify",
   "manufacturer_url": "http://www.philips-hue.com",
   "model_description": "Philips hue Personal Wireless Lighting",
   "model_name": "Philips hue bridge 2015", "model_number": "BSB002",
   "serial_number": "ecb5fa110909", "presentation_url": "index.html",
   "ssdp_headers": {"hue-bridgeid": "ECB5FAFFFE110909"}}]}
EOF
  ssdp_start h09
}

client_services() {  # a private D-Bus and avahi-daemon in the client, for avahi-browse
  ((CLIENT_AVAHI)) || return 0
  local dir=$RUN/client
  cat >"$dir/dbus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/dbus.sock</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
EOF
  start_daemon client dbus dbus-daemon --config-file="$dir/dbus.conf" --nofork --nopidfile
  wait_until 5000 test -S "$dir/dbus.sock" || die "dbus-daemon in $(ns client) did not come up; log: $dir/dbus.log"
  avahi_setup client "$CLIENT_NAME" lan0 yes
  avahi_start client "DBUS_SYSTEM_BUS_ADDRESS=unix:path=$dir/dbus.sock"
}

node_rogue() {  # rogue-dhcp: a TP-Link with its DHCP server on, answering without ping-check
  local dir=$RUN/rogue
  lan_attach rogue "$ROGUE_MAC"
  ipn rogue addr add "$ROGUE_IP/24" dev lan0
  routes_cubic rogue
  echo "nameserver 127.0.0.1" >"/etc/netns/$(ns rogue)/resolv.conf"
  {
    echo "# netfix lab: a rogue DHCP server (no upstream DNS: it answers REFUSED)"
    echo "interface=lan0"
    echo "bind-interfaces"
    echo "no-resolv"
    echo "no-hosts"
    echo "no-poll"
    echo "no-ping"
    echo "dhcp-range=192.168.0.100,192.168.0.199,255.255.255.0,1h"
    echo "dhcp-option=option:router,$ROGUE_IP"
    echo "dhcp-option=option:dns-server,$ROGUE_IP"
    # It ignores the client's own MAC so that the client keeps the router's lease (it won
    # the race this time); any other DISCOVER (netfix's, nmap's) gets its offer.
    echo "dhcp-host=$CLIENT_MAC,ignore"
    echo "dhcp-leasefile=$dir/dnsmasq.leases"
    echo "pid-file=$dir/dnsmasq.pid"
    echo "log-dhcp"
    echo "log-facility=-"
    echo "user=root"
  } >"$dir/dnsmasq.conf"
  start_daemon rogue dnsmasq dnsmasq -k --conf-file="$dir/dnsmasq.conf"
  wait_daemon rogue dnsmasq 5000 -u "0.0.0.0:67"
}

# support-server: a test CA made now (never committed keys), certificates for support.example
# (:443), for another name (:8443) and expired (:9443), a random token, and
# support-server.py serving all three from the internet namespace. Files in $RUN/inet/support/:
# ca.pem (for --ca-file), token, received/NNNN.{body,json}.
support_certs() {
  local dir=$1 ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes) name san
  openssl req -x509 "${ec[@]}" -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 2 \
    -subj "/CN=netfix lab support CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
  for name in good:support.example wrong-name:elsewhere.example expired:support.example; do
    san=${name#*:}
    name=${name%%:*}
    openssl req "${ec[@]}" -keyout "$dir/$name.key" -out "$dir/$name.csr" -subj "/CN=$san"
    printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san" >"$dir/$name.ext"
  done
  openssl x509 -req -in "$dir/good.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial 1 \
    -days 2 -extfile "$dir/good.ext" -out "$dir/good.pem"
  openssl x509 -req -in "$dir/wrong-name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial 2 \
    -days 2 -extfile "$dir/wrong-name.ext" -out "$dir/wrong-name.pem"
  # openssl x509 cannot backdate a certificate; openssl ca can.
  : >"$dir/index.txt"
  echo 03 >"$dir/serial"
  printf '%s\n' "[ca]" "default_ca = lab" "[lab]" "database = $dir/index.txt" \
    "new_certs_dir = $dir" "serial = $dir/serial" "default_md = sha256" "policy = any" \
    "unique_subject = no" "[any]" "commonName = supplied" "[ext]" \
    "subjectAltName = DNS:support.example" "extendedKeyUsage = serverAuth" >"$dir/ca.cnf"
  openssl ca -batch -notext -config "$dir/ca.cnf" -cert "$dir/ca.pem" -keyfile "$dir/ca.key" \
    -in "$dir/expired.csr" -out "$dir/expired.pem" -extensions ext \
    -startdate 20200101000000Z -enddate 20200102000000Z
}

node_support() {
  local dir=$RUN/inet/support port
  mkdir -p "$dir/received"
  support_certs "$dir" >>"$dir/openssl.log" 2>&1 ||
    die "openssl could not make the test certificates; log: $dir/openssl.log"
  (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$dir/token")
  start_daemon inet support "$PY" "$LAB_DIR/support-server.py" --bind "$SUPPORT_IP" \
    --listen "443:$dir/good.pem:$dir/good.key" \
    --listen "8443:$dir/wrong-name.pem:$dir/wrong-name.key" \
    --listen "9443:$dir/expired.pem:$dir/expired.key" \
    --token-file "$dir/token" --store "$dir/received"
  for port in 443 8443 9443; do wait_daemon inet support 5000 -t "$SUPPORT_IP:$port"; done
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
declare -A DHCP_PIDS=() DHCP_IFACE=()

dhcp_start() {  # NODE HOSTNAME [DISCOVERS] [INTERFACE]: udhcpc in the background, bounded in time
  local node=$1 host=$2 tries=${3:-6} iface=${4:-lan0} n
  n=$(ns "$node")
  DHCP_IFACE[$node]=$iface
  LAB_RESOLV=/etc/netns/$n/resolv.conf LAB_STATE=$RUN/$node LAB_HOST_NETNS=$HOST_NETNS \
    timeout 30 ip netns exec "$n" udhcpc -f -q -n -i "$iface" -t "$tries" -T 1 -A 1 \
    -x "hostname:$host" -V "lab-$host" -s "$RUN/udhcpc-hook.sh" \
    </dev/null >>"$RUN/$node/dhcp.log" 2>&1 9>&- &
  DHCP_PIDS[$node]=$!
}

dhcp_wait() {  # NODE...: wait for the udhcpc runs; fail naming those without an address
  local node failed=()
  for node in "$@"; do
    wait "${DHCP_PIDS[$node]}" || true
    unset "DHCP_PIDS[$node]"
    [[ -s $RUN/$node/lease.env && -n $(ipn "$node" -4 -o addr show dev "${DHCP_IFACE[$node]}") ]] || failed+=("$node")
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
  # The mount point for the avahi instances' private /run/avahi-daemon, made by a lab (marker
  # inside): removed once no network namespace is left that might still use it.
  if [[ -e /run/avahi-daemon/.netfix-lab && -z $(ip netns list 2>/dev/null) ]]; then
    rm -f /run/avahi-daemon/.netfix-lab
    rmdir /run/avahi-daemon 2>/dev/null || true
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

  local nodes=(lan inet isp router repeater tv client)
  for entry in "${HOSTS[@]}"; do nodes+=("${entry%% *}"); done
  nodes+=("${EXTRA_NODES[@]}")
  make_namespaces "${nodes[@]}"
  node_lan
  node_inet
  node_isp
  node_router
  node_hosts
  node_repeater
  node_client
  wait_daemon router dnsmasq 5000 -u "0.0.0.0:67"
  wait_daemon router dnsmasq 5000 -u "$LAN_GW:53"

  for entry in "${HOSTS[@]}"; do
    read -r node mac host flags <<<"$entry"
    dhcp_start "$node" "$host"
  done
  if [[ $REPEATER_MODE == bridge ]]; then
    dhcp_start repeater "$REPEATER_NAME" 6 br0
  else
    dhcp_start repeater "$REPEATER_NAME" 6 bh0
    wait_daemon repeater dnsmasq 5000 -u "0.0.0.0:67"
  fi
  dhcp_start tv "$TV_NAME"
  dhcp_wait "${!DHCP_PIDS[@]}"
  call_hooks pre_client
  # The client comes last: its address is dynamic, and dnsmasq ping-checks a dynamic address
  # for up to 3 s before offering it, during which it answers no other DHCP request.
  dhcp_start client "$CLIENT_NAME" 10
  # Everything that announces itself starts now, in parallel with the client's DHCP; up
  # waits for all of it at the end.
  lan_services
  repeater_services
  tv_services
  client_services
  dhcp_wait client
  wait_daemon inet dnsmasq 5000 -u "$ISP_DNS:53"
  wait_daemon inet http 5000 -t "0.0.0.0:80"
  wait_daemon router http 5000 -t "$LAN_GW:80"
  wait_ready 10000
  # IPv6: the client has a SLAAC address from the router's (or the repeater's) RA.
  wait_until 10000 client_has_ipv6 || die "the client got no IPv6 address by SLAAC within 10 s (router advertisements?)"

  call_hooks post
  UP_DONE=1
  trap - EXIT ERR
  summary "$(( $(now_ms) - t0 ))"
}

addr4() { ipn "$1" -4 -o addr show dev "$2" 2>/dev/null | awk '{print $4; exit}'; }

client_has_ipv6() { [[ -n $(ipn client -6 -o addr show dev lan0 scope global -tentative 2>/dev/null) ]]; }

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
    printf 'lab:   client IPv6: %s\n' "$(ipn client -6 -o addr show dev lan0 scope global | awk '{print $4}' | tr '\n' ' ')"
    printf 'lab:   hosts with an address: %d/%d; router DHCP leases: %d; repeater %s (%s mode), tv %s\n' \
      "$hosts_up" "${#HOSTS[@]}" "$leases" "$(addr4 repeater "${DHCP_IFACE[repeater]:-br0}")" "$REPEATER_MODE" "$(addr4 tv lan0)"
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
  # avahi-browse and friends in the client talk to its private D-Bus
  if [[ -S $RUN/${node#"$PREFIX"}/dbus.sock ]]; then
    export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$RUN/${node#"$PREFIX"}/dbus.sock
  fi
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
  for s in "${SCENARIO_ORDER[@]}"; do printf '%-17s %s\n' "$s" "${SCENARIO_DESC[$s]}"; done
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
