#!/usr/bin/env bash
# Monte Carlo throughput: `caracal-twin check --replications N` on one drill with T threads. Prints
# the wall time and the peak resident memory (GNU time's "Maximum resident set size"), and checks
# that the replicated report is the same on 1 thread (only when asked: SAME_AS_ONE_THREAD=1).
#
# Usage: bench/bench_replications.sh TWIN_BINARY [SCENARIO] [REPLICATIONS] [THREADS]
#   defaults: scenarios/redis-outage-unavailable.yaml (warm-up 10m + fault 15m + recovery 15m), 1000, 2
# Output: replications: 1000 x redis-outage-unavailable on 2 threads: 41.20 s (target < 60 s),
#         peak RSS 48.1 MiB (target < 256 MiB), 24.3 runs/s
#         cpu: user 80.10 s + system 0.52 s over 2 threads
set -euo pipefail

if [[ $# -lt 1 || $# -gt 4 ]]; then
  echo "usage: $0 TWIN_BINARY [SCENARIO] [REPLICATIONS] [THREADS]" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
twin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scenario=${2:-scenarios/redis-outage-unavailable.yaml}
replications=${3:-1000}
threads=${4:-2}
[[ -x /usr/bin/time ]] || { echo "bench_replications: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # run THREADS OUT: the replicated check, its report in OUT, GNU time's figures in OUT.time
  local status=0
  (cd "$root" && /usr/bin/time -v -o "$2.time" "$twin" check --replications "$replications" --threads "$1" \
    "$scenario" -o "$2") || status=$?
  [[ $status -le 1 ]] || { echo "bench_replications: check failed (exit $status)" >&2; cat "$2.time" >&2; exit 2; }
}

start=$(date +%s%N)
run "$threads" "$work/report"
ns=$(($(date +%s%N) - start))
rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/report.time")
user=$(sed -n 's/.*User time (seconds): *//p' "$work/report.time")
system=$(sed -n 's/.*System time (seconds): *//p' "$work/report.time")
name=$(basename "$scenario" .yaml)
printf 'replications: %d x %s on %d threads: %d.%02d s (target < 60 s), peak RSS %d.%d MiB (target < 256 MiB), %d.%d runs/s\n' \
  "$replications" "$name" "$threads" $((ns / 1000000000)) $((ns / 10000000 % 100)) \
  $((rss_kib / 1024)) $((rss_kib * 10 / 1024 % 10)) \
  $((replications * 1000000000 / ns)) $((replications * 10000000000 / ns % 10))
# CPU time shows what the runs cost when other work shares the cores (wall time then overstates it).
echo "cpu: user ${user} s + system ${system} s over ${threads} threads"

if [[ ${SAME_AS_ONE_THREAD:-0} == 1 ]]; then
  run 1 "$work/report-1"
  cmp -s "$work/report" "$work/report-1" && echo "same report on 1 thread: yes" || echo "same report on 1 thread: NO"
fi
