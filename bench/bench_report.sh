#!/usr/bin/env bash
# Times `caracal-twin report` over the whole drill catalog (scenarios/*.yaml, with the docs page),
# Markdown and HTML, against the 2 s target; `check` over the same catalog is timed too, so the
# difference shows what gathering and writing the report add to the simulations. Keeps the
# minimum wall time of REPEATS runs of each.
#
# Usage: bench/bench_report.sh TWIN_BINARY [REPEATS]   (REPEATS default 5; run from anywhere)
# Output: catalog: 14 scenarios, check 1.52 s; report md 1.61 s, html 1.63 s (target < 2 s)
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 TWIN_BINARY [REPEATS]" >&2
  exit 2
fi
twin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repeats=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

# best_ns ARGS...: the minimum wall time (ns) of REPEATS runs of `caracal-twin ARGS`.
best_ns() {
  local best= start ns
  for ((i = 0; i < repeats; i++)); do
    start=$(date +%s%N)
    "$twin" "$@" >/dev/null || [[ $? == 1 ]]  # check exits 1 when an expectation fails
    ns=$(($(date +%s%N) - start))
    [[ -n $best && $best -le $ns ]] || best=$ns
  done
  echo "$best"
}

seconds() { printf '%d.%02d' $(($1 / 1000000000)) $(($1 / 10000000 % 100)); }

count=$(ls scenarios/*.yaml | wc -l)
check=$(best_ns check --docs scenarios/failure-drills.md)
md=$(best_ns report --format md -o "$work/report.md")
html=$(best_ns report --format html -o "$work/report.html")
printf 'catalog: %d scenarios, check %s s; report md %s s (%d KiB), html %s s (%d KiB) (target < 2 s)\n' \
  "$count" "$(seconds "$check")" "$(seconds "$md")" $(($(stat -c %s "$work/report.md") / 1024)) \
  "$(seconds "$html")" $(($(stat -c %s "$work/report.html") / 1024))
