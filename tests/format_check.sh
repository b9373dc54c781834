#!/bin/bash
# Fails when a C++ file is not formatted with the repository's .clang-format.
# Skips (77) when clang-format is not installed.
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "SKIPPED: clang-format is not installed"; exit 77; }
mapfile -t files < <(git ls-files '*.cc' '*.h' 2>/dev/null || find src checks tests -name '*.cc' -o -name '*.h')
clang-format --dry-run -Werror "${files[@]}"
echo "${#files[@]} files formatted"
