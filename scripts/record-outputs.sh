#!/usr/bin/env bash
# Records the output of every command (stdout, stderr, exit status) for a byte-identity check of a
# structure-only change: run it from the tree root with the old and the new binary, then
# `diff -rq OLD NEW` (export.out names its output folder: compare it after replacing that path).
# Usage: scripts/record-outputs.sh BINARY OUTDIR
set -u
bin=$(realpath "$1"); out=$2; mkdir -p "$out"
run() { name=$1; shift; "$bin" "$@" > "$out/$name.out" 2> "$out/$name.err"; echo "exit $?" >> "$out/$name.out"; }
run check-json check --json
run check-json-s1 check --json --seed 1
run check-json-s7 check --json --seed 7
run check-docs check --docs scenarios/failure-drills.md scenarios/*.yaml
run check-junit check --junit "$out/junit.xml" --seed 3
run check-strict check --strict --seed 2
run report-md report --format md -o "$out/report.md"
run report-html report --format html -o "$out/report.html"
for s in scenarios/*.yaml scenarios/examples/*.yaml; do b=$(basename "$s" .yaml); run "run-$b" run --json "$s"; run "runtext-$b" run "$s"; done
run run-series run scenarios/redis-outage-unavailable.yaml --series 'up'
for f in tests/promtool/cases/*.yml; do case $f in *.rules.yml) continue;; esac; b=$(basename "$f" .yml); run "tr-$b" test-rules "$f"; done
run tr-json test-rules --json tests/promtool/cases/001_rate_basic.yml tests/promtool/cases/002_rate_counter_reset.yml
run tr-timeline test-rules --timeline tests/promtool/cases/001_rate_basic.yml
run tr-junit test-rules --junit "$out/tr-junit.xml" tests/promtool/cases/00*.yml
run compare compare --rules tests/fixtures/whatif/rules-a.yaml --against tests/fixtures/whatif/rules-b.yaml --no-fault tests/fixtures/whatif/no-fault.yaml tests/fixtures/whatif/sts-block.yaml
run sweep sweep tests/fixtures/whatif/sts-block.yaml --rules tests/fixtures/whatif/rules-a.yaml --set rule.CaracalGatewaySTSCircuitOpen.for=5m --set scenario.fault_duration=4m,8m
run advise advise tests/fixtures/whatif/sts-block.yaml --rules tests/fixtures/whatif/rules-a.yaml --no-fault tests/fixtures/whatif/no-fault.yaml --candidates 30s,1m,10m --replications 4
run check-mc check --replications 5 --json scenarios/redis-outage-unavailable.yaml scenarios/postgres-outage-block.yaml
run check-mc-text check --replications 5 scenarios/redis-outage-unavailable.yaml
"$bin" check --replications 5 --shard 1/2 scenarios/redis-outage-unavailable.yaml -o "$out/shard1.json" 2>/dev/null
"$bin" check --replications 5 --shard 2/2 scenarios/redis-outage-unavailable.yaml -o "$out/shard2.json" 2>/dev/null
run merge merge "$out/shard2.json" "$out/shard1.json"
rm -f "$out/shard1.json" "$out/shard2.json"
rm -rf "$out/export"; mkdir -p "$out/export"; run export export-promtool scenarios/redis-outage-unavailable.yaml -o "$out/export"
run graph graph
run bad-rules check --rules tests/fixtures/whatif/no-fault.yaml
run bad-sweep sweep tests/fixtures/whatif/sts-block.yaml --set rule.Nope.for=1m
run version --version
