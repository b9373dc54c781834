#!/bin/bash
# Tests netfix's command-line contract on files: no network is touched.
# usage: cli_test.sh NETFIX_BINARY SOURCE_DIR
set -u
NETFIX=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PY=/usr/bin/python3
failures=0
tests=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run NAME EXPECTED_EXIT CMD... : runs CMD, keeps stdout/stderr in $WORK/NAME.{out,err}
run() {
  local name=$1 expected=$2
  shift 2
  tests=$((tests + 1))
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  local code=$?
  if [ "$code" != "$expected" ]; then
    fail "$name: exit $code, expected $expected: $*"
    sed 's/^/    stderr: /' "$WORK/$name.err" | head -5
  fi
}
expect_in() {  # expect_in NAME out|err TEXT
  grep -qF -- "$3" "$WORK/$1.$2" || fail "$1: '$3' not in std$2: $(head -c 300 "$WORK/$1.$2")"
}
expect_not_in() {
  if grep -qF -- "$3" "$WORK/$1.$2"; then fail "$1: '$3' unexpectedly in std$2"; fi
}
expect_lines() {  # expect_lines NAME out|err N
  local n
  n=$(wc -l <"$WORK/$1.$2")
  [ "$n" = "$3" ] || fail "$1: std$2 has $n lines, expected $3: $(cat "$WORK/$1.$2")"
}
json_check() {  # json_check NAME PYTHON_EXPR (with d = the parsed stdout)
  $PY -c "import json,sys; d=json.load(open('$WORK/$1.out')); sys.exit(0 if ($2) else 1)" ||
    fail "$1: JSON check failed: $2"
}

F=$SRC/checks
# Snapshots recorded by netfix in the simulated home (tests/lab/), one per scenario.
DATA=$SRC/tests/data/snapshots
BROKEN_DNS=$DATA/lab-dns-broken.json
HEALTHY=$DATA/lab-healthy.json
# The healthy home with a slow DNS server (only a warning).
SLOW_DNS=$WORK/slow-dns.json
$PY - "$HEALTHY" "$SLOW_DNS" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for r in s["measurements"]["dns"]:
    if r["source"] != "reference":
        for q in r["queries"]:
            q["rtt_ms"] = 450.0
json.dump(s, open(sys.argv[2], "w"))
PY

# --- help, version, usage errors -------------------------------------------
run help 0 "$NETFIX" --help
expect_in help out "Exit status:"
expect_in help out "130"
expect_in help out "check"
run version 0 "$NETFIX" --version
expect_in version out "netfix "
run no-args 2 "$NETFIX"
expect_in no-args err "netfix: error:"
run typo 2 "$NETFIX" chekc
expect_in typo err "netfix: error: unknown command 'chekc'; did you mean 'check'?"
run bad-flag 2 "$NETFIX" report --no-such-flag "$HEALTHY"
expect_in bad-flag err "netfix: error:"
run bad-lang 2 "$NETFIX" --lang fr report "$HEALTHY"
expect_in bad-lang err "netfix: error:"
run sub-help 0 "$NETFIX" report --help
expect_in sub-help out "--fail-on"

# --- unreadable and invalid files: one clear message, exit 2 ----------------
run missing 2 "$NETFIX" report "$WORK/nope.json"
expect_in missing err "netfix: error: cannot read '$WORK/nope.json': No such file or directory"
expect_lines missing err 1
printf '{"schema": "netfix.snapshot/1", "host": {}, ' >"$WORK/truncated.json"
run truncated 2 "$NETFIX" report "$WORK/truncated.json"
expect_in truncated err "is not a valid netfix snapshot: not valid JSON"
expect_in truncated err "line 1"
echo '{"schema": "netfix.snapshot/9", "host": {}, "probes": []}' >"$WORK/future.json"
run future 2 "$NETFIX" report "$WORK/future.json"
expect_in future err "/schema: this netfix reads 'netfix.snapshot/1', not 'netfix.snapshot/9'"
echo '{"schema": "netfix.snapshot/1", "host": {}, "probes": [{"id": "dns", "status": 3}]}' >"$WORK/wrongtype.json"
run wrongtype 2 "$NETFIX" report "$WORK/wrongtype.json"
expect_in wrongtype err "/probes/0/status: expected a string"
head -c 5000 /dev/urandom >"$WORK/garbage.json"
run garbage 2 "$NETFIX" report "$WORK/garbage.json"
expect_in garbage err "netfix: error:"

# --- diagnosis and exit status ----------------------------------------------
run healthy 0 "$NETFIX" report "$HEALTHY"
expect_in healthy out "No problems found"
run conflict 1 "$NETFIX" report --format json "$DATA/lab-ip-conflict.json"
json_check conflict "[(f['check'], f['subject']) for f in d['findings']] == [('ip-address-conflict', '192.168.178.103')]"
run gateway-down 1 "$NETFIX" report --format json "$DATA/lab-gateway-down.json"
json_check gateway-down "[f['check'] for f in d['findings']] == ['gateway-unreachable']"
json_check gateway-down "[f['check'] for f in d['suppressed']] == ['dns-failing']"
run broken 1 "$NETFIX" report --format json "$BROKEN_DNS"
json_check broken "d['schema'] == 'netfix.report/1'"
json_check broken "[f['check'] for f in d['findings']] == ['dns-failing']"
json_check broken "d['findings'][0]['severity'] == 'error' and d['findings'][0]['subject'] == '192.168.178.1'"
json_check broken "d['findings'][0]['evidence'] and d['findings'][0]['customer'] and d['findings'][0]['technician']"
run slow-warning 1 "$NETFIX" report "$SLOW_DNS"
run slow-fail-on-error 0 "$NETFIX" report --fail-on error "$SLOW_DNS"
run slow-fail-on-info 1 "$NETFIX" report --fail-on info "$SLOW_DNS"
run stdin 1 sh -c "'$NETFIX' report --format json - < '$BROKEN_DNS'"
json_check stdin "d['findings'][0]['check'] == 'dns-failing'"
# A report is itself a valid input: its embedded snapshot is diagnosed again.
cp "$WORK/broken.out" "$WORK/report.json"
run from-report 1 "$NETFIX" report --format json "$WORK/report.json"
json_check from-report "[f['check'] for f in d['findings']] == ['dns-failing']"

# --- languages ----------------------------------------------------------------
run lang-de 1 "$NETFIX" report --lang de "$BROKEN_DNS"
expect_in lang-de out "Der DNS-Server löst keine Namen auf"
run locale-de 1 env LANG=de_DE.UTF-8 "$NETFIX" report "$BROKEN_DNS"
expect_in locale-de out "Der DNS-Server löst keine Namen auf"
run lc-all-wins 1 env LANG=de_DE.UTF-8 LC_ALL=en_US.UTF-8 "$NETFIX" report "$BROKEN_DNS"
expect_in lc-all-wins out "The DNS server does not resolve names"
run lang-flag-wins 1 env LC_ALL=de_DE.UTF-8 "$NETFIX" --lang en report "$BROKEN_DNS"
expect_in lang-flag-wins out "The DNS server does not resolve names"

# --- formats and output files --------------------------------------------------
run outputs 1 "$NETFIX" -q report "$BROKEN_DNS" -o "$WORK/r.html" -o "$WORK/r.json" -o "$WORK/r.md" -o "$WORK/r.txt"
expect_lines outputs out 0
for f in r.html r.json r.md r.txt; do [ -s "$WORK/$f" ] || fail "outputs: $f not written"; done
grep -q '<html' "$WORK/r.html" || fail "outputs: r.html is not HTML"
if grep -Eq '(src|href)="?(https?:)?//|@import|url\(' "$WORK/r.html"; then fail "outputs: r.html references external resources"; fi
$PY -c "import json; json.load(open('$WORK/r.json'))" || fail "outputs: r.json is not JSON"
grep -q '^#' "$WORK/r.md" || fail "outputs: r.md has no Markdown heading"
run out-unwritable 2 "$NETFIX" -q report "$BROKEN_DNS" -o "$WORK/no/such/dir/r.html"
expect_in out-unwritable err "netfix: error: cannot write '$WORK/no/such/dir/r.html'"
run md 1 "$NETFIX" report --format markdown "$BROKEN_DNS"
expect_in md out "dns-failing"
run html 1 "$NETFIX" report --format html "$BROKEN_DNS"
expect_in html out "<!DOCTYPE html>"
run no-color 1 "$NETFIX" --color never report "$BROKEN_DNS"
if grep -q $'\033' "$WORK/no-color.out"; then fail "no-color: escape sequences in output"; fi
run force-color 1 "$NETFIX" --color always report "$BROKEN_DNS"
grep -q $'\033\\[' "$WORK/force-color.out" || fail "force-color: no color with --color always"
run no-color-env 1 env NO_COLOR=1 "$NETFIX" --color auto report "$BROKEN_DNS"
if grep -q $'\033' "$WORK/no-color-env.out"; then fail "no-color-env: escape sequences in output"; fi

# --- the device inventory ------------------------------------------------------
run devices 0 "$NETFIX" devices "$HEALTHY"
expect_in devices out "AVM FRITZ!Box 7590"
expect_in devices out "router (gateway)"
run devices-json 0 "$NETFIX" devices --format json "$HEALTHY"
json_check devices-json "d['schema'] == 'netfix.devices/1'"
json_check devices-json "{x['ipv4'][0]: x['role'] for x in d['devices'] if x['ipv4']}['192.168.178.30'] == 'receiver'"
json_check devices-json "all(f['source'] for x in d['devices'] for f in x['facts'])"
run devices-facts-de 0 "$NETFIX" --lang de devices --facts "$HEALTHY"
expect_in devices-facts-de out "upnp.model_name"
expect_in devices-facts-de out "Fernseher / Receiver"
run devices-missing 2 "$NETFIX" devices "$WORK/nope.json"
expect_in devices-missing err "cannot read"

# --- device-specific steps from a profile ----------------------------------------
run rogue 1 "$NETFIX" report --format json "$DATA/lab-rogue-dhcp.json"
json_check rogue "[f['check'] for f in d['findings']] == ['dhcp-multiple-servers']"
run double-nat 1 "$NETFIX" report --format json "$DATA/lab-double-nat.json"
json_check double-nat "sorted(f['check'] for f in d['findings']) == ['double-nat', 'repeater-in-router-mode']"
json_check double-nat "[f for f in d['findings'] if f['check'] == 'repeater-in-router-mode'][0]['device_steps']['profile'] == 'avm-fritzrepeater'"
run double-nat-de 1 "$NETFIX" --lang de report "$DATA/lab-double-nat.json"
expect_in double-nat-de out "An Ihrem Gerät AVM FRITZ!Repeater 1200 AX"

# --- the Wi-Fi survey ------------------------------------------------------------
HOME_SCANS=$SRC/tests/data/wifi/home
SURVEY=$WORK/home.survey.json
run survey-first 0 "$NETFIX" survey --room Wohnzimmer --near router --import "$HOME_SCANS/wohnzimmer.iw.txt" "$SURVEY"
expect_in survey-first out "Wohnzimmer: sample 1, 9 networks seen."
expect_in survey-first out "rooms: 1, samples: 1"
run survey-second 0 "$NETFIX" survey --room Küche --from iw --import "$HOME_SCANS/kueche-1.iw.txt" "$SURVEY"
run survey-again 0 "$NETFIX" --lang de survey --room Küche --import "$HOME_SCANS/kueche-2.iw.txt" "$SURVEY"
expect_in survey-again out "Küche: Messung 2, 8 Netze gesehen."
expect_in survey-again out "Surfen, nicht Video"
$PY -c "import json,sys; s=json.load(open('$SURVEY')); sys.exit(0 if [len(r['samples']) for r in s['rooms']] == [1, 2] and s['rooms'][0]['near'] == 'router' else 1)" ||
  fail "survey file: expected rooms with 1 and 2 samples"
cp "$SURVEY" "$WORK/before.json"
run survey-bad-import 2 "$NETFIX" survey --room Flur --import "$SRC/README.md" "$SURVEY"
expect_in survey-bad-import err "cannot tell what"
expect_in survey-bad-import err "--from"
run survey-wrong-format 2 "$NETFIX" survey --room Flur --from netsh --import "$HOME_SCANS/buero.iw.txt" "$SURVEY"
expect_in survey-wrong-format err "netsh"
cmp -s "$SURVEY" "$WORK/before.json" || fail "a failed survey call changed the survey file"
run survey-replace 0 "$NETFIX" survey --room Küche --replace --import "$HOME_SCANS/kueche-1.iw.txt" "$SURVEY"
expect_in survey-replace out "Küche: sample 1"
run survey-list 0 "$NETFIX" survey "$SURVEY"
expect_in survey-list out "Wohnzimmer"
expect_in survey-list out "Küche"
run survey-stdin 0 "$NETFIX" survey --room Büro --near repeater --import - "$SURVEY" <"$HOME_SCANS/buero.iw.txt"
run survey-missing 2 "$NETFIX" survey "$WORK/none.json"
expect_in survey-missing err "does not exist yet"
run survey-not-a-survey 2 "$NETFIX" survey --room X --import "$HOME_SCANS/buero.iw.txt" "$HEALTHY"
expect_in survey-not-a-survey err "not a valid netfix survey"
run survey-report 1 "$NETFIX" report --format json "$HEALTHY" --survey "$SURVEY"
json_check survey-report "'repeater-placement' in [f['check'] for f in d['findings']]"
json_check survey-report "[r['name'] for r in d['wifi']['rooms']] == ['Wohnzimmer', 'Küche', 'Büro']"
json_check survey-report "d['snapshot']['survey']['rooms'][2]['near'] == 'repeater'"
run survey-report-html 1 "$NETFIX" --lang de report --format html "$HEALTHY" --survey "$SURVEY"
expect_in survey-report-html out '<section id="wifi">'
expect_in survey-report-html out "<svg"
expect_in survey-report-html out "Signalstärke pro Raum"
run survey-report-md 1 "$NETFIX" report --format markdown "$HEALTHY" --survey "$SURVEY"
expect_in survey-report-md out "| Room | 2.4 GHz | 5 GHz | Good for |"
run survey-report-missing 2 "$NETFIX" report "$HEALTHY" --survey "$WORK/none.json"
expect_in survey-report-missing err "cannot read"

# --- the catalog ---------------------------------------------------------------
run checks 0 "$NETFIX" checks
for id in $(ls "$F"); do
  expect_in checks out "$id"
done
run checks-json 0 "$NETFIX" checks --format json
json_check checks-json "len(d['checks']) == len([p for p in __import__('os').listdir('$F')])"
run explain 0 "$NETFIX" explain dns-slow
expect_in explain out "slow-ms = 200"
run explain-de 0 "$NETFIX" --lang de explain ip-address-conflict
expect_in explain-de out "Zwei Geräte nutzen dieselbe IP-Adresse"
run explain-typo 2 "$NETFIX" explain dns-failng
expect_in explain-typo err "did you mean 'dns-failing'?"

# --- -v, -q, data on stdout and messages on stderr (anchor: cli) --------------
run plain 1 "$NETFIX" report "$BROKEN_DNS" --format json
run verbose 1 "$NETFIX" -v report "$BROKEN_DNS" --format json
cmp -s "$WORK/plain.out" "$WORK/verbose.out" || fail "verbose: -v changed stdout"
expect_in verbose err "netfix: read '$BROKEN_DNS' ("
expect_in verbose err "netfix: check dns-failing fired: 1 finding"
expect_in verbose err " checks: "
[ -s "$WORK/plain.err" ] && fail "plain: stderr not empty without -v: $(head -c 200 "$WORK/plain.err")"
run verbose-files 1 "$NETFIX" report "$BROKEN_DNS" --verbose -o "$WORK/v.html"
expect_in verbose-files err "netfix: wrote '$WORK/v.html' ("
run quiet-verbose 2 "$NETFIX" -q -v report "$BROKEN_DNS"
expect_in quiet-verbose err "netfix: error: "
expect_in quiet-verbose err "-q (--quiet) and -v (--verbose) contradict each other"
[ -s "$WORK/quiet-verbose.out" ] && fail "quiet-verbose: stdout not empty"
run format-typo 2 "$NETFIX" report "$BROKEN_DNS" --format jsn
expect_in format-typo err "'jsn' is not one of text|json|markdown|html; did you mean 'json'?"
run color-typo 2 "$NETFIX" --color allways checks
expect_in color-typo err "did you mean 'always'?"
run from-typo 2 "$NETFIX" survey --room X --import "$WORK/none.txt" --from nmclli "$WORK/s.json"
expect_in from-typo err "did you mean 'nmcli'?"
run checks-man 0 "$NETFIX" checks --format man
expect_in checks-man out ".TH NETFIX\-CHECKS 7"

# --- privacy: netfix redact and --redact ---------------------------------------
# The values that must not survive: the gateway, every device MAC and IPv4,
# host names and a UPnP serial number of the recorded snapshot.
ORIGINALS=$($PY -c "
import json; d = json.load(open('$HEALTHY')); m = d['measurements']
v = [d['default_gateway']] + [x['mac'] for x in d['devices']] + [i for x in d['devices'] for i in x['ipv4']]
v += [s['host'].split('.')[0] for s in m['mdns']['services']]
v += [u['serial_number'] for x in m['ssdp']['descriptions'] for u in x['devices'] if u['serial_number']]
print('\n'.join(sorted(set(v))))")
expect_none_of() {  # expect_none_of NAME: no original value in its stdout (any case)
  local value
  while read -r value; do
    if grep -qiF -- "$value" "$WORK/$1.out"; then fail "$1: '$value' survived redaction"; fi
  done <<<"$ORIGINALS"
}
[ "$(wc -l <<<"$ORIGINALS")" -gt 10 ] || fail "redact: too few original values collected"
"$NETFIX" report "$HEALTHY" >/dev/null 2>&1
HEALTHY_EXIT=$?
run redact-original-json "$HEALTHY_EXIT" "$NETFIX" report --format json "$HEALTHY"
run redact-snapshot 0 "$NETFIX" redact "$HEALTHY"
json_check redact-snapshot "d['schema'] == 'netfix.snapshot/1' and d['redacted'] is True"
expect_none_of redact-snapshot
run redact-to-file 0 "$NETFIX" redact "$HEALTHY" -o "$WORK/redacted.json"
expect_lines redact-to-file out 0
run redact-report-of-redacted "$HEALTHY_EXIT" "$NETFIX" report --format json "$WORK/redacted.json"
$PY -c "
import json, sys
a, b = (json.load(open('$WORK/' + n + '.out')) for n in ('redact-original-json', 'redact-report-of-redacted'))
key = lambda d: sorted((f['check'], f.get('variant', '')) for f in d['findings'])
sys.exit(0 if key(a) == key(b) else 1)" ||
  fail "redact: the redacted snapshot's findings differ from the original's"
# ... also where there is something to find.
"$NETFIX" report --format json "$DATA/lab-dns-broken.json" >"$WORK/dns-broken.json" 2>/dev/null
"$NETFIX" redact "$DATA/lab-dns-broken.json" | "$NETFIX" report --format json - >"$WORK/dns-broken-redacted.json" 2>/dev/null
tests=$((tests + 1))
$PY -c "
import json, sys
a, b = (json.load(open('$WORK/' + n)) for n in ('dns-broken.json', 'dns-broken-redacted.json'))
key = lambda d: sorted((f['check'], f.get('variant', '')) for f in d['findings'])
sys.exit(0 if key(a) == key(b) and a['findings'] else 1)" ||
  fail "redact: the redacted lab-dns-broken snapshot's findings differ from the original's"
tests=$((tests + 1))
"$PY" "$SRC/tests/schema/validate.py" "$SRC/schema/snapshot.schema.json" "$WORK/redacted.json" >/dev/null
case $? in 0 | 77) ;; *) fail "redact: the redacted snapshot is not valid by the schema" ;; esac
run report-redact "$HEALTHY_EXIT" "$NETFIX" report --redact "$HEALTHY"
expect_in report-redact out "Redacted: addresses"
expect_none_of report-redact
run report-redact-html-de "$HEALTHY_EXIT" "$NETFIX" --lang de report --redact --format html "$HEALTHY"
expect_in report-redact-html-de out "Anonymisiert"
expect_none_of report-redact-html-de
run report-redact-json "$HEALTHY_EXIT" "$NETFIX" report --redact --format json "$HEALTHY" -o "$WORK/redacted-report.md"
json_check report-redact-json "d['snapshot']['redacted'] is True"
expect_none_of report-redact-json
tests=$((tests + 1))
grep -qiF -- "$(head -1 <<<"$ORIGINALS")" "$WORK/redacted-report.md" && fail "report --redact -o: original in the file"
run redact-report 0 "$NETFIX" redact "$WORK/redact-original-json.out"
json_check redact-report "d['schema'] == 'netfix.report/1' and d['snapshot']['redacted'] is True"
expect_none_of redact-report
run devices-redact 0 "$NETFIX" devices --redact "$HEALTHY"
expect_none_of devices-redact
run redact-survey 0 "$NETFIX" redact "$SURVEY"
json_check redact-survey "d['schema'] == 'netfix.survey/1' and d['redacted'] is True"
expect_not_in redact-survey out "FRITZ!Box 7590 XY"
expect_in redact-survey out "WLAN-1"
run redact-stdin 0 "$NETFIX" redact - <"$HEALTHY"
json_check redact-stdin "d['redacted'] is True"
echo '{"schema": "something/1"}' >"$WORK/other.json"
run redact-invalid 2 "$NETFIX" redact "$WORK/other.json"
expect_in redact-invalid err "is not a netfix snapshot, report or survey"
run redact-missing 2 "$NETFIX" redact "$WORK/none.json"
expect_in redact-missing err "cannot read"
run survey-no-redact 2 "$NETFIX" survey --redact "$SURVEY"

# --- netfix send: everything refused before the network -------------------------
# (These all fail before any connection; the sending itself is tested in the lab,
# tests/e2e/send_test.sh.)
TOKEN=cli-test-token
run send-help 0 "$NETFIX" send --help
expect_in send-help out "--ca-file"
run send-no-to 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$HEALTHY"
expect_in send-no-to err "--to is required"
run send-no-token 2 env -u NETFIX_SEND_TOKEN "$NETFIX" send "$HEALTHY" --to https://support.example/u
expect_in send-no-token err "netfix: error: NETFIX_SEND_TOKEN is not set"
expect_in send-no-token err "netfix: hint: export NETFIX_SEND_TOKEN="
run send-bad-token 2 env "NETFIX_SEND_TOKEN=a b" "$NETFIX" send "$HEALTHY" --to https://support.example/u
expect_in send-bad-token err "contains spaces"
run send-http 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$HEALTHY" --to http://support.example/u
expect_in send-http err "is plain http: netfix sends only over https://"
"$NETFIX" report --format html -o "$WORK/send-report.html" "$HEALTHY" >/dev/null
run send-redact-html 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$WORK/send-report.html" --redact --to https://support.invalid/u
expect_in send-redact-html err "--redact works on JSON files"
expect_in send-redact-html err "netfix report --redact"
run send-token-in-url 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$HEALTHY" --to "https://support.example/u/$TOKEN"
expect_in send-token-in-url err "the URL contains the token"
expect_not_in send-token-in-url err "$TOKEN"
run send-userinfo 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$HEALTHY" --to https://me:pw@support.example/u
expect_in send-userinfo err "user name or password"
expect_not_in send-userinfo err "pw@"
run send-missing 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$WORK/none.json" --to https://support.example/u
expect_in send-missing err "cannot read"
run send-ca-missing 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$HEALTHY" --to https://support.example/u --ca-file "$WORK/none.pem"
expect_in send-ca-missing err "cannot read '$WORK/none.pem'"
truncate -s 21M "$WORK/huge.json"
run send-huge 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$WORK/huge.json" --to https://support.example/u
expect_in send-huge err "is 21.0 MiB; netfix sends at most 20.0 MiB"
echo '{"schema": "other/1"}' >"$WORK/send-other.json"
run send-not-netfix 2 env NETFIX_SEND_TOKEN=$TOKEN "$NETFIX" send "$WORK/send-other.json" --to https://support.example/u
expect_in send-not-netfix err "is not a netfix file"

# --- before and after: netfix diff ----------------------------------------------
run diff-fixed 0 "$NETFIX" diff "$BROKEN_DNS" "$HEALTHY"
expect_in diff-fixed out "Before and after"
expect_in diff-fixed out "Better: 1 problem fixed"
expect_in diff-fixed out "The DNS server does not resolve names (192.168.178.1) · dns-failing"
expect_in diff-fixed out "DNS server 192.168.178.1: answer time (median)"
run diff-worse 1 "$NETFIX" diff "$HEALTHY" "$BROKEN_DNS"
expect_in diff-worse out "Worse: 1 new problem"
run diff-same 0 "$NETFIX" diff "$BROKEN_DNS" "$BROKEN_DNS"
expect_in diff-same out "Nothing got worse: 1 problem still there."
run diff-slow 1 "$NETFIX" diff --fail-on error "$HEALTHY" "$SLOW_DNS"
expect_in diff-slow out "450 ms"
run diff-json 0 "$NETFIX" diff --format json "$BROKEN_DNS" "$HEALTHY"
json_check diff-json "d['schema'] == 'netfix.diff/1' and d['verdict']['status'] == 'better'"
json_check diff-json "[(f['check'], f['subject']) for f in d['findings']['resolved']] == [('dns-failing', '192.168.178.1')]"
json_check diff-json "d['findings']['new'] == [] and d['findings']['remaining'] == []"
json_check diff-json "[(c['kind'], c['before'], c['direction']) for c in d['changes']] == [('dns-time', None, 'better')]"
run diff-json-worse 1 "$NETFIX" diff -f json "$HEALTHY" "$BROKEN_DNS"
for name in diff-json diff-json-worse; do
  cp "$WORK/$name.out" "$WORK/$name.json"
  $PY "$SRC/tests/schema/validate.py" "$SRC/schema/diff.schema.json" "$WORK/$name.json" >"$WORK/$name.schema" 2>&1
  code=$?
  [ "$code" = 0 ] || [ "$code" = 77 ] || fail "$name: not valid by schema/diff.schema.json: $(cat "$WORK/$name.schema")"
done
run diff-de 0 "$NETFIX" --lang de diff "$BROKEN_DNS" "$HEALTHY"
expect_in diff-de out "Vorher und nachher"
expect_in diff-de out "Behoben"
expect_in diff-de out "Der DNS-Server löst keine Namen auf"
expect_in diff-de out "keine Antwort"
# A report is as good as a snapshot, on either side, and '-' reads stdin.
run diff-report-input 0 sh -c "'$NETFIX' diff '$WORK/report.json' - < '$HEALTHY'"
expect_in diff-report-input out "Better: 1 problem fixed"
run diff-outputs 0 "$NETFIX" -q diff "$BROKEN_DNS" "$HEALTHY" -o "$WORK/d.html" -o "$WORK/d.md" -o "$WORK/d.json"
expect_lines diff-outputs out 0
grep -q '<!DOCTYPE html>' "$WORK/d.html" || fail "diff-outputs: d.html is not HTML"
grep -q 'dns-failing' "$WORK/d.html" || fail "diff-outputs: d.html lacks the fixed finding"
if grep -Eq '(src|href)="?(https?:)?//|@import|url\(' "$WORK/d.html"; then fail "diff-outputs: d.html references external resources"; fi
grep -q '^| Measurement | Before | After | Change |' "$WORK/d.md" || fail "diff-outputs: d.md has no changes table"
$PY -c "import json; assert json.load(open('$WORK/d.json'))['schema'] == 'netfix.diff/1'" || fail "diff-outputs: d.json"
run diff-color 0 "$NETFIX" --color always diff "$BROKEN_DNS" "$HEALTHY"
grep -q $'\033\\[' "$WORK/diff-color.out" || fail "diff-color: no color with --color always"
if grep -q $'\033' "$WORK/diff-fixed.out"; then fail "diff-fixed: escape sequences in output"; fi
run diff-missing 2 "$NETFIX" diff "$HEALTHY" "$WORK/nope.json"
expect_in diff-missing err "netfix: error: cannot read '$WORK/nope.json'"
run diff-garbage 2 "$NETFIX" diff "$WORK/garbage.json" "$HEALTHY"
expect_in diff-garbage err "netfix: error:"
run diff-one-arg 2 "$NETFIX" diff "$HEALTHY"
expect_in diff-one-arg err "netfix: error:"
run diff-two-stdin 2 "$NETFIX" diff - -
expect_in diff-two-stdin err "only one of BEFORE and AFTER"
run diff-help 0 "$NETFIX" diff --help
expect_in diff-help out "--fail-on"
expect_in diff-help out "BEFORE"
expect_in help out "diff"
# The Wi-Fi survey again after the kitchen got a better 5 GHz signal: two
# reports, compared room by room.
$PY - "$SURVEY" "$WORK/survey-after.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for room in s["rooms"]:
    if room["name"] == "Küche":
        for sample in room["samples"]:
            for n in sample["networks"]:
                if n.get("bssid") == "3c:a6:2f:10:00:04":
                    n["signal_dbm"] = -61.0
json.dump(s, open(sys.argv[2], "w"))
PY
run diff-wifi-before 1 "$NETFIX" -q report "$HEALTHY" --survey "$SURVEY" -o "$WORK/wifi-before.json"
run diff-wifi-after 1 "$NETFIX" -q report "$HEALTHY" --survey "$WORK/survey-after.json" -o "$WORK/wifi-after.json"
run diff-wifi 0 "$NETFIX" diff -f json "$WORK/wifi-before.json" "$WORK/wifi-after.json"
json_check diff-wifi "[(c['after'], c['direction']) for c in d['changes'] if c['kind'] == 'wifi-signal' and c['subject'] == 'Küche' and c['band'] == '5'] == [(-61, 'better')]"
json_check diff-wifi "('wifi-weak-signal', 'Küche') in [(f['check'], f['subject']) for f in d['findings']['resolved']]"
run diff-wifi-back 1 "$NETFIX" --lang de diff "$WORK/wifi-after.json" "$WORK/wifi-before.json"
expect_in diff-wifi-back out "Küche, 5 GHz:"
expect_in diff-wifi-back out "Küche: reicht für"
expect_in diff-wifi-back out "schlechter"

# --- diff --redact: one set of pseudonyms for both files -----------------------------
run diff-redact 0 "$NETFIX" diff --redact --format json "$HEALTHY" "$HEALTHY"
expect_not_in diff-redact out "3c:a6:2f:10:00:01"
run diff-redact-fixed 0 "$NETFIX" diff --redact "$BROKEN_DNS" "$HEALTHY"
expect_in diff-redact-fixed out "dns-failing"

# --- load tests and netfix serve: usage only (nothing listens, nothing is sent) ------
# check and scan get -q -v as well: should an option wrongly pass, the
# contradiction still ends netfix before it scans the host's network.
run serve-help 0 "$NETFIX" serve --help
expect_in serve-help out "--port"
expect_in serve-help out "--bind"
expect_in serve-help out "--timeout"
run serve-bad-port 2 "$NETFIX" serve --port 70000
run serve-bad-bind 2 "$NETFIX" serve --bind example.com
expect_in serve-bad-bind err "'example.com' is not an IPv4 or IPv6 address"
run check-help-load 0 "$NETFIX" check --help
for option in --speed-url --upload-url --peer --streams --load-duration --contract; do
  expect_in check-help-load out "$option"
done
i=0
for bad in abc 0 -5 100/ /40 100/40/10 1e3 250,5 .5 100/0 100000000; do
  i=$((i + 1))
  run bad-contract-$i 2 "$NETFIX" report --contract "$bad" "$HEALTHY"
  expect_in bad-contract-$i err "is not DOWN[/UP] in Mbit/s, e.g. 250/40"
done
run bad-latency-interval 2 "$NETFIX" -q scan --latency-interval 5
expect_in bad-latency-interval err "--latency-interval"
run check-help-latency 0 "$NETFIX" check --help
for option in --ping-method --latency-count --latency-interval --internet-target --no-latency; do
  expect_in check-help-latency out "$option"
done
run bad-contract-scan 2 "$NETFIX" -q -v scan --contract fast
expect_in bad-contract-scan err "'fast' is not DOWN[/UP] in Mbit/s"
run contract-report 0 "$NETFIX" report --contract 250/40.5 --format json "$HEALTHY"
json_check contract-report "d['snapshot']['contract'] == {'down_mbit': 250, 'up_mbit': 40.5}"
run contract-down-only 0 "$NETFIX" report --contract 100 --format json "$HEALTHY"
json_check contract-down-only "d['snapshot']['contract'] == {'down_mbit': 100}"
run bad-speed-url 2 "$NETFIX" -q -v check --speed-url ftp://example.com/x
expect_in bad-speed-url err "'ftp://example.com/x' is not an http:// or https:// URL"
run bad-peer 2 "$NETFIX" -q -v check --peer "tv box:80"
expect_in bad-peer err "is not HOST[:PORT]"
run bad-streams 2 "$NETFIX" -q -v check --streams 17
expect_not_in bad-streams err "contradict"
run bad-load-duration 2 "$NETFIX" -q -v scan --load-duration 600
expect_not_in bad-load-duration err "contradict"

echo "$((tests - failures)) of $tests CLI tests passed ($failures failures)"
[ "$failures" = 0 ]
