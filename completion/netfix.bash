# bash completion for netfix                               -*- shell-script -*-
#
# Nothing here lists netfix's commands or options: they are read from
# `netfix --help` and `netfix COMMAND --help` of the netfix being completed,
# so the completion cannot drift from the program. What the help says about
# an option's value decides how it is completed:
#   WORD|WORD|...  those words (--format, --lang, --color, --from, --near, --fail-on)
#   FILE           file names
#   IFACE          network interfaces
# and positional arguments: CHECK is a check id (from `netfix checks --format
# json`), any other name is a file.
# Installed as share/bash-completion/completions/netfix; to try it from a
# checkout: source completion/netfix.bash

# The help text of netfix ($1) or of one of its commands ($2).
_netfix_help() {
  if [[ -n ${2:-} ]]; then
    "$1" "$2" --help 2>/dev/null
  else
    "$1" --help 2>/dev/null
  fi
}

# Lines of one section ("Options:", "Subcommands:", "Positionals:") of a help
# text: the entries, each starting in column 3.
_netfix_section() {
  local help=$1 section=$2 line inside=0
  while IFS= read -r line; do
    if [[ $line == "$section" ]]; then
      inside=1
    elif [[ $line =~ ^[A-Za-z] || -z $line ]]; then
      inside=0
    elif ((inside)) && [[ $line =~ ^\ \ [^\ ] ]]; then
      printf '%s\n' "${line#  }"
    fi
  done <<<"$help"
}

# "-f,--format text|json=text" -> the option names, one per line.
_netfix_option_names() {
  local entry names
  while IFS= read -r entry; do
    names=${entry%% *}
    tr ',' '\n' <<<"$names"
  done | sort -u
}

# The value type the help gives for option $2 ("" for a flag).
_netfix_option_type() {
  local entry names name type
  while IFS= read -r entry; do
    names=${entry%% *}
    for name in ${names//,/ }; do
      if [[ $name == "$2" ]]; then
        type=${entry#"$names"}
        type=${type# }
        [[ $type == " "* || -z $type ]] && return 1
        type=${type%% *}
        printf '%s\n' "${type%%=*}"
        return 0
      fi
    done
  done <<<"$1"
  return 1
}

_netfix_check_ids() {
  "$1" checks --format json 2>/dev/null |
    sed -n 's/^ *"id": *"\([^"]*\)".*/\1/p'
}

_netfix_complete_value() {
  local netfix=$1 type=$2 cur=$3
  case $type in
    *"|"*) mapfile -t COMPREPLY < <(compgen -W "${type//|/ }" -- "$cur") ;;
    IFACE) mapfile -t COMPREPLY < <(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur") ;;
    CHECK) mapfile -t COMPREPLY < <(compgen -W "$(_netfix_check_ids "$netfix")" -- "$cur") ;;
    FILE)
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      compopt -o filenames 2>/dev/null
      ;;
  esac
  return 0
}

_netfix() {
  # bash splits "--format=json" at '=' (COMP_WORDBREAKS): join it again.
  local words=() cword=0 j
  for ((j = 0; j <= COMP_CWORD && j < ${#COMP_WORDS[@]}; j++)); do
    if [[ ${COMP_WORDS[j]} == "=" && ${#words[@]} -gt 0 && ${words[-1]} == -* ]]; then
      words[-1]+="="
      [[ $j -lt $COMP_CWORD ]] && ((j++)) && words[-1]+=${COMP_WORDS[j]}
    elif [[ ${#words[@]} -gt 0 && ${words[-1]} == -*= && ${COMP_WORDS[j - 1]} == "=" ]]; then
      words[-1]+=${COMP_WORDS[j]}
    else
      words+=("${COMP_WORDS[j]}")
    fi
  done
  cword=$((${#words[@]} - 1))
  local cur=${words[cword]} netfix=${words[0]}
  local split=0
  [[ $cur != "${COMP_WORDS[COMP_CWORD]}" ]] && split=1
  netfix=${netfix/#\~/$HOME}
  COMPREPLY=()
  type -P "$netfix" &>/dev/null || [[ -x $netfix ]] || return 0

  local main_help main_options commands
  main_help=$(_netfix_help "$netfix")
  main_options=$(_netfix_section "$main_help" "Options:")
  commands=$(_netfix_section "$main_help" "Subcommands:" | while read -r c _; do echo "$c"; done)

  # Find the command and whether the word before the cursor wants a value.
  local i word command="" options="$main_options" positionals="" npos=0 type
  for ((i = 1; i < cword; i++)); do
    word=${words[i]}
    if [[ $word == -* ]]; then
      [[ $word == *=* ]] && continue
      if type=$(_netfix_option_type "$options" "$word"); then
        ((i++))  # skip its value
      fi
    elif [[ -z $command ]] && grep -qx -- "$word" <<<"$commands"; then
      command=$word
      local sub_help
      sub_help=$(_netfix_help "$netfix" "$command")
      options=$(_netfix_section "$sub_help" "Options:")$'\n'$main_options
      positionals=$(_netfix_section "$sub_help" "Positionals:" | while read -r p _; do echo "$p"; done)
    else
      ((npos++))
    fi
  done

  local prev=${words[cword - 1]}
  if ((cword > 1)) && [[ $prev == -* ]] && type=$(_netfix_option_type "$options" "$prev"); then
    _netfix_complete_value "$netfix" "$type" "$cur"
    return 0
  fi
  if [[ $cur == --*=* ]] && type=$(_netfix_option_type "$options" "${cur%%=*}"); then
    local prefix=${cur%%=*}=
    _netfix_complete_value "$netfix" "$type" "${cur#*=}"
    ((split)) || COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_netfix_option_names <<<"$options")" -- "$cur")
    return 0
  fi
  if [[ -z $command ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
    return 0
  fi
  local name
  name=$(sed -n "$((npos + 1))p" <<<"$positionals")
  [[ -z $name ]] && name=$(tail -n 1 <<<"$positionals")  # a repeatable last one
  [[ $name == CHECK ]] || name=FILE  # FILE, and others such as BEFORE, AFTER
  [[ -n $positionals ]] && _netfix_complete_value "$netfix" "$name" "$cur"
  return 0
}

complete -F _netfix netfix
