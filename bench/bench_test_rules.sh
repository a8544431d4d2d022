#!/usr/bin/env bash
# Times whole processes: promtool vs caracal-twin on
#   corpus        every case of tests/promtool/cases, one invocation per file
#                 (total wall time of the sequence; verdicts are not checked here,
#                 that is tests/promtool/differential.sh's job)
#   long-horizon  the generated 24 h / 15 s test (bench/gen_long_horizon.sh)
#   long-window   the generated 25 h / 1 m test of 12 h windows and subqueries (bench/gen_long_window.sh)
# Each workload runs REPEATS times per tool; the minimum wall time is kept.
#
# Usage: bench/bench_test_rules.sh TWIN_BINARY [REPEATS]   (REPEATS default 3)
# Env:   PROMTOOL (default: promtool)
# Output, one line per workload:
#   long-horizon: promtool 4.21 s, caracal-twin 0.09 s, ratio 46.8x
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 TWIN_BINARY [REPEATS]" >&2
  exit 2
fi
twin=$1
repeats=${2:-3}
promtool_bin=${PROMTOOL:-promtool}
here=$(cd "$(dirname "$0")" && pwd)
cases_dir="$here/../tests/promtool/cases"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/gen_long_horizon.sh" "$work" >/dev/null
long_horizon="$work/long_horizon.yml"
"$here/gen_long_window.sh" "$work" >/dev/null
long_window="$work/long_window.yml"

case_files=()
for f in "$cases_dir"/*.yml; do
  [[ $f == *.rules.yml ]] || case_files+=("$f")
done

# run_tool TOOL FILE...: one process per file, exit codes ignored
run_promtool() { for f in "$@"; do "$promtool_bin" test rules "$f" >/dev/null 2>&1 || true; done; }
run_twin() { for f in "$@"; do "$twin" test-rules "$f" >/dev/null 2>&1 || true; done; }

# min_wall_ns RUNNER FILE...: minimum wall time over $repeats runs, in ns
min_wall_ns() {
  local runner=$1 best="" start end elapsed
  shift
  for ((i = 0; i < repeats; i++)); do
    start=$(date +%s%N)
    "$runner" "$@"
    end=$(date +%s%N)
    elapsed=$((end - start))
    if [[ -z $best || $elapsed -lt $best ]]; then best=$elapsed; fi
  done
  echo "$best"
}

report() { # name promtool_ns twin_ns
  awk -v name="$1" -v p="$2" -v t="$3" 'BEGIN {
    printf "%s: promtool %.2f s, caracal-twin %.2f s, ratio %.1fx\n", name, p / 1e9, t / 1e9, (t > 0 ? p / t : 0)
  }'
}

# A timing of a wrong answer is meaningless: say so if either tool fails.
for tool in promtool twin; do
  if [[ $tool == promtool ]]; then cmd=("$promtool_bin" test rules); else cmd=("$twin" test-rules); fi
  for file in "$long_horizon" "$long_window"; do
    if ! "${cmd[@]}" "$file" >/dev/null 2>&1; then
      echo "warning: $tool does not pass $(basename "$file")" >&2
    fi
  done
done

report corpus "$(min_wall_ns run_promtool "${case_files[@]}")" "$(min_wall_ns run_twin "${case_files[@]}")"
report long-horizon "$(min_wall_ns run_promtool "$long_horizon")" "$(min_wall_ns run_twin "$long_horizon")"
report long-window "$(min_wall_ns run_promtool "$long_window")" "$(min_wall_ns run_twin "$long_window")"
