#!/usr/bin/env bash
# The bash completion offers every command and every option that the real
# binary's --help lists (commands added later are picked up: the list comes
# from --help, not from this test), the words of every WORD|WORD option, the
# check ids for `explain`, and files for FILE arguments.
#   completion_test.sh NETFIX SOURCE_DIR
set -uo pipefail
NETFIX=$(realpath "$1")
SRC=$2
COMPLETION=$SRC/completion/netfix.bash
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# shellcheck source=/dev/null
source "$COMPLETION" || {
  echo "FAIL: cannot source $COMPLETION"
  exit 1
}
[[ $(complete -p netfix 2>/dev/null) == *"-F _netfix"* ]] || fail "no 'complete -F _netfix netfix'"

# Completes the words given (the last one is the word under the cursor) and
# prints the candidates, one per line.
complete_words() {
  COMP_WORDS=("$NETFIX" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _netfix
  printf '%s\n' "${COMPREPLY[@]}"
}

offers() {  # offers WORD -- WORDS...: the completion of WORDS offers WORD
  local want=$1
  shift 2
  local got
  got=$(complete_words "$@")  # not piped into grep -q: SIGPIPE under pipefail
  grep -qxF -- "$want" <<<"$got"
}

# The commands and options, read from --help independently of the completion.
commands=$("$NETFIX" --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[[ $(wc -l <<<"$commands") -ge 7 ]] || fail "fewer than 7 commands in 'netfix --help': $commands"
options_of() {  # every -x / --xxx in the option entries of a help text
  sed -n '/^Options:/,/^$/p' | grep -E '^  -' | awk '{print $1}' | tr ',' '\n'
}

checked=0
for c in $commands; do
  offers "$c" -- "" || fail "'netfix <TAB>' does not offer '$c'"
  offers "$c" -- "${c:0:2}" || fail "'netfix ${c:0:2}<TAB>' does not offer '$c'"
  help=$("$NETFIX" "$c" --help) || fail "netfix $c --help failed"
  for o in $(options_of <<<"$help") $("$NETFIX" --help | options_of); do
    prefix=${o:0:2}
    offers "$o" -- "$c" "$prefix" || fail "'netfix $c $prefix<TAB>' does not offer '$o'"
    checked=$((checked + 1))
  done
  # Every WORD|WORD option completes to exactly its words.
  while read -r o words; do
    [[ -z $o ]] && continue
    got=$(complete_words "$c" "$o" "" | sort | tr '\n' ' ')
    want=$(tr '|' '\n' <<<"$words" | sort | tr '\n' ' ')
    [[ $got == "$want" ]] || fail "'netfix $c $o <TAB>' offers '$got', not '$want'"
    got=$(complete_words "$c" "$o=" | sort | tr '\n' ' ')
    want=$(tr '|' '\n' <<<"$words" | sed "s/^/$o=/" | sort | tr '\n' ' ')
    [[ $got == "$want" ]] || fail "'netfix $c $o=<TAB>' offers '$got', not '$want'"
    checked=$((checked + 1))
  done < <(sed -n '/^Options:/,/^$/p' <<<"$help" |
    sed -n 's/^  \(-[a-zA-Z],\)\{0,1\}\(--[a-z0-9-]*\) \([a-z_]*\(|[a-z_]*\)\{1,\}\).*/\2 \3/p')
done
echo "checked $checked options of $(wc -w <<<"$commands") commands"

# The global choices the issue names, also before a command.
for o in --lang --color; do
  [[ -n $(complete_words "$o" "") ]] || fail "'netfix $o <TAB>' offers nothing"
done
offers de -- --lang "" || fail "'netfix --lang <TAB>' does not offer 'de'"
offers never -- check --color "" || fail "'netfix check --color <TAB>' does not offer 'never'"
offers --fail-on -- --lang de report x.json --fa ||
  fail "options after a global option with a value and a FILE are not offered"

# explain: every check id, and nothing else.
want=$("$NETFIX" checks --format json |
  python3 -c 'import json,sys; print("\n".join(sorted(c["id"] for c in json.load(sys.stdin)["checks"])))')
got=$(complete_words explain "" | sort)
[[ $got == "$want" ]] || fail "'netfix explain <TAB>' does not offer exactly the check ids: $got"
offers dns-slow -- explain dns-s || fail "'netfix explain dns-s<TAB>' does not offer dns-slow"

# FILE arguments and options complete file names.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/home-snapshot.json"
offers "$dir/home-snapshot.json" -- report "$dir/home-" || fail "'netfix report FILE' does not complete files"
offers "$dir/home-snapshot.json" -- check -o "$dir/home-" || fail "'netfix check -o FILE' does not complete files"
offers "--survey=$dir/home-snapshot.json" -- check --survey="$dir/home-" ||
  fail "'netfix check --survey=FILE' does not complete files"
# ... and as bash splits it at '=' (COMP_WORDBREAKS): the words, without the option.
offers "$dir/home-snapshot.json" -- check --survey = "$dir/home-" ||
  fail "'netfix check --survey=FILE' (split) does not complete files"
offers json -- check --format = ||
  fail "'netfix check --format=<TAB>' (split) does not offer json"
offers markdown -- check --format = m ||
  fail "'netfix check --format=m<TAB>' (split) does not offer markdown"
# A value that is not a file or a choice (a room name) offers nothing.
[[ -z $(complete_words survey --room "$dir/home-") ]] || fail "'--room' completes file names"

if ((failures)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "completion: all good"
