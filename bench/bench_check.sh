#!/usr/bin/env bash
# Times `caracal-twin check` over the drill catalog (scenarios/*.yaml) with every scenario
# stretched to 1 hour of simulated time (its recovery window extended so warm-up + fault +
# recovery = 1h; the fault timeline is unchanged). Keeps the minimum wall time of REPEATS runs.
#
# Usage: bench/bench_check.sh TWIN_BINARY [REPEATS]   (REPEATS default 3; run from anywhere)
# Output: catalog: 13 scenarios x 1h, check 3.21 s (target < 0.5 s)
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 TWIN_BINARY [REPEATS]" >&2
  exit 2
fi
twin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repeats=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/scenarios"

# seconds DURATION: whole seconds of a duration written in h/m/s units (`1h30m`, `15m`, `30s`)
seconds() {
  local d=$1 total=0 n unit
  while [[ $d =~ ^([0-9]+)(h|m|s)(.*)$ ]]; do
    n=${BASH_REMATCH[1]} unit=${BASH_REMATCH[2]} d=${BASH_REMATCH[3]}
    case $unit in h) total=$((total + n * 3600)) ;; m) total=$((total + n * 60)) ;; s) total=$((total + n)) ;; esac
  done
  [[ -z $d ]] || { echo "bench_check: cannot read duration $1" >&2; exit 2; }
  echo "$total"
}

count=0
for f in "$root"/scenarios/*.yaml; do
  warmup=$(sed -n 's/^warmup: *\([^ #]*\).*/\1/p' "$f"); warmup=${warmup:-10m}
  fault=$(sed -n 's/^fault_duration: *\([^ #]*\).*/\1/p' "$f")
  recovery=$((3600 - $(seconds "$warmup") - $(seconds "$fault")))
  (( recovery >= 0 )) || { echo "bench_check: $f is longer than 1h" >&2; exit 2; }
  { grep -v '^recovery:' "$f"; echo "recovery: ${recovery}s"; } > "$work/scenarios/$(basename "$f")"
  count=$((count + 1))
done

best=
for ((i = 0; i < repeats; i++)); do
  start=$(date +%s%N)
  (cd "$work" && "$twin" check --rules "$root/models/rules/caracal-alerts.yaml" >/dev/null) || [[ $? == 1 ]]
  ns=$(($(date +%s%N) - start))
  [[ -n $best && $best -le $ns ]] || best=$ns
done
printf 'catalog: %d scenarios x 1h, check %d.%02d s (target < 0.5 s)\n' "$count" $((best / 1000000000)) $((best / 10000000 % 100))
