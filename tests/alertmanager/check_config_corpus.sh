#!/usr/bin/env bash
# Issue 18.1: the reader accepts and refuses what Alertmanager 0.25 does. For every file of
# tests/alertmanager/configs, `caracal-twin routes show` must exit 0 where `amtool check-config`
# accepts the file (and print the same tree as `amtool config routes show`) and exit 2 with one
# positioned line where amtool refuses it. Files are named valid_* or bad_* for the reader; the
# verdict compared is amtool's own.
#
# Usage: tests/alertmanager/check_config_corpus.sh TWIN_BINARY AMTOOL
set -uo pipefail

twin=${1:?usage: $0 TWIN_BINARY AMTOOL}
amtool=${2:?usage: $0 TWIN_BINARY AMTOOL}
[[ -x $twin && -x $amtool ]] || { echo "$0: not executable: $twin or $amtool" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)

agreed=0
disagreed=0
for config in "$here"/configs/*.yml; do
  name=$(basename "$config")
  "$amtool" check-config "$config" >/dev/null 2>&1
  amtool_rc=$?
  twin_out=$("$twin" routes show --config "$config" 2>&1)
  twin_rc=$?
  verdict=ok
  if [[ $amtool_rc -eq 0 ]]; then
    if [[ $twin_rc -ne 0 ]]; then
      verdict="amtool accepts, twin exits $twin_rc: $twin_out"
    elif [[ "$twin_out" != "$("$amtool" config routes show --config.file "$config" 2>/dev/null)" ]]; then
      verdict="routes show differs from amtool's"
    fi
  elif [[ $twin_rc -ne 2 ]]; then
    verdict="amtool refuses, twin exits $twin_rc"
  elif ! grep -qE "^[^:]+:[0-9]+:[0-9]+: " <<<"$twin_out"; then
    verdict="refused without file:line:col: $twin_out"
  fi
  if [[ $verdict == ok ]]; then
    agreed=$((agreed + 1))
  else
    disagreed=$((disagreed + 1))
    echo "DISAGREE $name: $verdict"
  fi
done
echo "check-config corpus: $((agreed + disagreed)) files, $agreed agree with amtool, $disagreed disagree"
[[ $disagreed -eq 0 && $agreed -gt 0 ]]
