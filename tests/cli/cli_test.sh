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

echo "$((tests - failures)) of $tests CLI tests passed ($failures failures)"
[ "$failures" = 0 ]
