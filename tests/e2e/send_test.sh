#!/usr/bin/env bash
# End-to-end test of `netfix send` against a real HTTPS server in the simulated home: the
# lab's support-server scenario (tests/lab/support-server.py on support.example, 62.1.1.80,
# with a test CA and certificates made by openssl at lab start) beside the healthy home.
# netfix runs in the client namespace; every case asserts the exit status, the message and
# what the server received (exact bytes, content type, schema header, token, attempts).
#
#   send_test.sh NETFIX_BINARY
#
# Exit status: 0 passed, 1 failed, 77 skipped (not root / no namespaces). The lab is always
# removed. Results (each case's stdout and stderr, lab logs) go to
# ${E2E_OUT:-<dir of NETFIX_BINARY>/e2e-results}/send/.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LAB=$REPO/tests/lab/lab.sh
PY=/usr/bin/python3
netfix=${1:?usage: send_test.sh NETFIX_BINARY}
netfix=$(realpath "$netfix")

((EUID == 0)) || { echo "SKIPPED: e2e send: needs root to create network namespaces"; exit 77; }
command -v openssl >/dev/null || { echo "FAILED: e2e send: openssl is missing (scripts/install-deps.sh)"; exit 1; }
# Can this machine make a network namespace? Leave /run/netns as it was (ip netns add
# creates and mounts it).
had_run_netns=0 had_mount=0
[[ -d /run/netns ]] && had_run_netns=1
mountpoint -q /run/netns 2>/dev/null && had_mount=1
probe_ok=1
err=$(ip netns add netfix-e2e-probe-$$ 2>&1) || probe_ok=0
((probe_ok)) && ip netns del netfix-e2e-probe-$$
if [[ -d /run/netns && -z $(ls -A /run/netns) ]]; then
  ((had_mount)) || umount /run/netns 2>/dev/null
  ((had_run_netns)) || rmdir /run/netns 2>/dev/null
fi
((probe_ok)) || { echo "SKIPPED: e2e send: cannot create a network namespace: $err"; exit 77; }

out=${E2E_OUT:-$(dirname "$netfix")/e2e-results}/send
rm -rf -- "$out" && mkdir -p "$out"
lock=${LAB_LOCK:-/run/lock/netfix-lab-nfx.lock}
mkdir -p "$(dirname "$lock")"
exec 9>>"$lock"
flock -w 600 9 || { echo "FAILED: e2e send: another lab holds $lock"; exit 1; }
export NETFIX_LAB_LOCKED=1
trap 'LAB_SAVE_LOGS=$out/lab "$LAB" down >>"$out/lab-down.log" 2>&1' EXIT
"$LAB" down >/dev/null 2>&1 || true
LAB_SAVE_LOGS=$out/lab "$LAB" up healthy,support-server >"$out/lab-up.log" 2>&1 || {
  cat "$out/lab-up.log"; echo "FAILED: e2e send: the lab did not come up"; exit 1; }

support=${LAB_RUN:-/run/netfix-lab}/inet/support
server_log=${LAB_RUN:-/run/netfix-lab}/inet/support.log
token=$(cat "$support/token")
[[ -n $token ]] || { echo "FAILED: e2e send: the lab made no token"; exit 1; }
cp "$support/ca.pem" "$out/ca.pem"
ca=$out/ca.pem
url=https://support.example

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# The files to send: a recorded snapshot, and the report made from it as HTML and Markdown.
snapshot=$out/home.json
cp "$REPO/tests/data/snapshots/lab-healthy.json" "$snapshot"
"$LAB" exec client "$netfix" -q report "$snapshot" -o "$out/report.html" -o "$out/report.md" \
  >/dev/null 2>&1
[[ -s $out/report.html && -s $out/report.md ]] || fail "netfix report did not write the HTML and Markdown reports"

# send CASE [VAR=VALUE...] -- ARGS...: netfix send in the client namespace, with the token in
# the environment (and the other VAR=VALUEs); stdout, stderr, exit status and duration saved
# as $out/CASE.{out,err}, $rc, $elapsed_ms. No proxy: the lab has none.
send() {
  local name=$1 vars=(NETFIX_SEND_TOKEN="$token") start
  shift
  while [[ $1 != -- ]]; do vars+=("$1"); shift; done
  shift
  start=$(date +%s%N)
  "$LAB" exec client env -u https_proxy -u HTTPS_PROXY -u all_proxy -u ALL_PROXY "${vars[@]}" \
    timeout 120 "$netfix" send "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
  rc=$?
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
}
# expect CASE RC TEXT...: the exit status, and each TEXT in the case's stderr.
expect() {
  local name=$1 want=$2 text ok=1
  shift 2
  if [[ $rc != "$want" ]]; then
    fail "$name: exit $rc, expected $want; stderr: $(cat "$out/$name.err")"
    ok=0
  fi
  for text in "$@"; do
    if ! grep -qF -- "$text" "$out/$name.err"; then
      fail "$name: stderr lacks '$text': $(cat "$out/$name.err")"
      ok=0
    fi
  done
  ((ok))
}
# requests PATH: how many POSTs for exactly PATH reached the server (logged on arrival).
requests() { grep -cxF "received POST $1" "$server_log"; }
# received CASE FILE CONTENT_TYPE SCHEMA: the case's ticket names a stored upload with
# exactly FILE's bytes, that content type and schema header, and the right token.
received() {
  local name=$1 file=$2 type=$3 schema=$4 ticket
  ticket=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["ticket"])' "$out/$name.out" 2>/dev/null)
  [[ $ticket =~ ^NFX-([0-9]{4})$ ]] || { fail "$name: no ticket on stdout: $(cat "$out/$name.out")"; return 1; }
  local stored=$support/received/${BASH_REMATCH[1]}
  cmp -s "$file" "$stored.body" || { fail "$name: the server did not receive the exact bytes of $file"; return 1; }
  $PY - "$stored.json" "$type" "$schema" <<'EOF' || { fail "$name: wrong headers: $(cat "$stored.json")"; return 1; }
import json, sys
meta = json.load(open(sys.argv[1]))
ok = (meta["token_ok"] and meta["content_type"] == sys.argv[2]
      and (meta["schema"] or "") == sys.argv[3] and meta["user_agent"].startswith("netfix/"))
sys.exit(0 if ok else 1)
EOF
}

# 1. The snapshot, the HTML and the Markdown report arrive byte for byte, with their type.
send ok-json -- "$snapshot" --to "$url/upload" --ca-file "$ca"
expect ok-json 0 "netfix: note: sent" &&
  received ok-json "$snapshot" "application/json" "netfix.snapshot/1" &&
  pass "snapshot sent: $(cat "$out/ok-json.out")"
send ok-html -- "$out/report.html" --to "$url/upload?case=html" --ca-file "$ca"
expect ok-html 0 && received ok-html "$out/report.html" "text/html; charset=utf-8" "" &&
  pass "HTML report sent as text/html"
send ok-md -- "$out/report.md" --to "$url/upload?case=md" --ca-file "$ca"
expect ok-md 0 && received ok-md "$out/report.md" "text/markdown; charset=utf-8" "" &&
  pass "Markdown report sent as text/markdown"

# 1b. --redact: the server gets the snapshot with pseudonyms, and none of its MAC addresses.
send ok-redacted -- "$snapshot" --redact --to "$url/upload?case=redacted" --ca-file "$ca"
if expect ok-redacted 0 "netfix: note: sent"; then
  ticket=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["ticket"][4:])' "$out/ok-redacted.out")
  if $PY - "$snapshot" "$support/received/$ticket.body" <<'EOF'; then
import json, sys
original = json.load(open(sys.argv[1]))
sent = open(sys.argv[2], encoding="utf-8").read()
macs = {d["mac"] for d in original["devices"] if d.get("mac")}
leaked = sorted(m for m in macs if m.lower() in sent.lower())
body = json.loads(sent)
sys.exit(0 if body.get("redacted") is True and macs and not leaked else 1)
EOF
    pass "--redact: the server received the snapshot redacted, none of its MAC addresses"
  else
    fail "--redact: the received snapshot is not redacted"
  fi
fi

# 2. A wrong token: 401, said plainly, not retried, and neither token shown.
send bad-token NETFIX_SEND_TOKEN=not-the-token -- "$snapshot" --to "$url/upload?case=401" --ca-file "$ca"
expect bad-token 2 "netfix: error: support.example did not accept the token (HTTP 401): \"invalid token\"" \
  "netfix: hint: check NETFIX_SEND_TOKEN" &&
  [[ $(requests "/upload?case=401") == 1 ]] && ! grep -qF not-the-token "$out/bad-token.err" &&
  pass "wrong token: 401 once, 'did not accept the token'"

# 3. A 500, then a 200: retried after a note, and the second attempt's ticket printed.
send retry -- "$snapshot" --to "$url/upload?fail=500&times=1" --ca-file "$ca"
expect retry 0 "netfix: note: attempt 1 of 3 failed: support.example failed to take the file (HTTP 500)" \
  "trying again in 1 s" &&
  [[ $(requests "/upload?fail=500&times=1") == 2 ]] &&
  received retry "$snapshot" "application/json" "netfix.snapshot/1" &&
  pass "500 then 200: retried once, sent"

# 4. A server that keeps failing: exactly 3 attempts, then exit 2 with the status.
send gives-up -- "$snapshot" --to "$url/upload?fail=503&times=9" --ca-file "$ca"
expect gives-up 2 "support.example failed to take the file (HTTP 503): \"temporarily unavailable\" (3 attempts)" &&
  [[ $(requests "/upload?fail=503&times=9") == 3 ]] &&
  pass "503 three times: gave up after 3 attempts"

# 5. A slow server: each attempt ends at --timeout, and the whole send is bounded.
send slow -- "$snapshot" --to "$url/upload?slow=30" --ca-file "$ca" --timeout 2
expect slow 2 "support.example did not answer within 2 s (3 attempts)" "--timeout" &&
  ((elapsed_ms < 15000)) && [[ $(requests "/upload?slow=30") == 3 ]] &&
  pass "slow server: 3 attempts of 2 s, ${elapsed_ms} ms in all"
((elapsed_ms < 15000)) || fail "slow: took ${elapsed_ms} ms, more than 3 x 2 s + backoff"

# 6. Certificates: another name, expired, an unknown CA. Never retried, nothing stored.
before=$(ls "$support/received" | wc -l)
send wrong-name -- "$snapshot" --to "$url:8443/upload" --ca-file "$ca"
expect wrong-name 2 "the certificate of support.example:8443 is for another name" "intercepting" &&
  pass "certificate for another name refused"
send expired -- "$snapshot" --to "$url:9443/upload" --ca-file "$ca"
expect expired 2 "the certificate of support.example:9443 has expired or is not valid yet" "date and time" &&
  pass "expired certificate refused"
send untrusted -- "$snapshot" --to "$url/upload?case=untrusted"
expect untrusted 2 "the certificate of support.example is not signed by a trusted authority" "--ca-file" &&
  pass "unknown CA refused (no --ca-file)"
[[ $(ls "$support/received" | wc -l) == "$before" ]] || fail "an upload was stored despite a bad certificate"
for c in wrong-name expired untrusted; do
  grep -q "attempt 1 of 3 failed" "$out/$c.err" && fail "$c: a certificate problem was retried"
done

# 7. No server there: refused, an unknown name, a dropped connection (connect timeout).
send refused -- "$snapshot" --to "$url:7443/upload" --ca-file "$ca"
expect refused 2 "support.example:7443 refused the connection: nothing listens there (3 attempts)" &&
  pass "connection refused: 3 attempts"
send nxdomain -- "$snapshot" --to "https://nowhere.example/upload" --ca-file "$ca"
expect nxdomain 2 "cannot reach nowhere.example: the name does not resolve (DNS) (3 attempts)" &&
  pass "unknown name: 'does not resolve'"
send blackhole -- "$snapshot" --to "https://62.1.1.54/upload" --ca-file "$ca" --timeout 2
expect blackhole 2 "no connection to 62.1.1.54 within 2 s (3 attempts)" && ((elapsed_ms < 15000)) &&
  pass "dropped connection: connect timeout, ${elapsed_ms} ms in all"

# 8. The server's own refusals: too large for it (413), a redirect (not followed).
send too-large-for-server -- "$snapshot" --to "$url/upload?max=100" --ca-file "$ca"
expect too-large-for-server 2 "support.example refuses a file this large (HTTP 413" &&
  [[ $(requests "/upload?max=100") == 1 ]] && pass "413: 'refuses a file this large', not retried"
send redirect -- "$snapshot" --to "$url/upload?redirect=https://elsewhere.example/x" --ca-file "$ca"
expect redirect 2 "answered with a redirect (HTTP 302 to https://elsewhere.example/x); netfix does not follow redirects" &&
  pass "redirect not followed"

# 9. Refused before anything is sent: plain http, a token in the URL, no token, a file
# over 20 MiB, a file that is not netfix's.
n_before=$(grep -c '^received POST ' "$server_log")
send http -- "$snapshot" --to "http://support.example/upload"
expect http 2 "is plain http: netfix sends only over https://" && pass "http:// refused"
send token-in-url -- "$snapshot" --to "$url/upload?token=$token" --ca-file "$ca"
expect token-in-url 2 "the URL contains the token" && pass "token in the URL refused"
send secret-in-url -- "$snapshot" --to "$url/upload?access_token=abc" --ca-file "$ca"
expect secret-in-url 2 "the URL carries a secret in its query ('access_token=')" && pass "secret query parameter refused"
send no-token NETFIX_SEND_TOKEN= -- "$snapshot" --to "$url/upload" --ca-file "$ca"
expect no-token 2 "NETFIX_SEND_TOKEN is empty" && pass "empty token refused"
"$LAB" exec client env -u NETFIX_SEND_TOKEN "$netfix" send "$snapshot" --to "$url/upload" \
  --ca-file "$ca" >"$out/unset-token.out" 2>"$out/unset-token.err"
rc=$?
expect unset-token 2 "NETFIX_SEND_TOKEN is not set" && pass "unset token refused"
truncate -s 21M "$out/huge.json"
send huge -- "$out/huge.json" --to "$url/upload" --ca-file "$ca"
expect huge 2 "'$out/huge.json' is 21.0 MiB; netfix sends at most 20.0 MiB" && pass "21 MiB file refused"
printf '\x89PNG\r\n' >"$out/picture.png"
send not-netfix -- "$out/picture.png" --to "$url/upload" --ca-file "$ca"
expect not-netfix 2 "is neither JSON, HTML, Markdown nor text" && pass "a PNG refused"
[[ $(grep -c '^received POST ' "$server_log") == "$n_before" ]] || fail "a refused send still reached the server"

# 10. The token never shows in anything netfix printed.
if grep -lF -- "$token" "$out"/*.out "$out"/*.err; then
  fail "the token appears in netfix's output (files above)"
else
  pass "the token appears in no output"
fi

if ((failures)); then
  echo "FAILED: e2e send: $failures failure(s); outputs in $out, server log in $out/lab/inet/support.log"
  exit 1
fi
echo "PASSED: e2e send"
