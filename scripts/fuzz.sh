#!/usr/bin/env bash
# Runs every libFuzzer harness in tests/fuzz/ (issue 15.2) for SECONDS each (default 60), one after
# the other, starting from a seed corpus cut from the repo's own fixtures (rule files, promtool
# tests, scenarios, the profile, the docs page) plus what earlier runs found (build-asan/fuzz/).
# Prints executions and the verdict per harness; a crash, leak, timeout (10 s for one input) or
# out-of-memory (2 GB) leaves its input in build-asan/fuzz/artifacts/ and makes the script exit 1.
# Usage: fuzz.sh [SECONDS [HARNESS...]]  (harness names without fuzz_; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
all=(promql rule_file unittest_file series_notation template scenario profile drill_docs alertmanager_config)
harnesses=("${all[@]}")
[ $# -gt 1 ] && harnesses=("${@:2}")
bash scripts/sanitized-build.sh "${harnesses[@]/#/fuzz_}"

work=build-asan/fuzz
rm -rf "$work/seeds"
mkdir -p "$work/artifacts"
for h in "${all[@]}"; do mkdir -p "$work/seeds/$h" "$work/corpus/$h"; done

# Whole files as seeds.
yaml_files() { find tests/fixtures tests/promtool/cases models/rules scenarios -name '*.y*ml' | sort; }
yaml_files | xargs grep -l '^groups:' | xargs -I{} cp --backup=numbered {} "$work/seeds/rule_file/" || true
yaml_files | xargs grep -l '^tests:' | xargs -I{} cp --backup=numbered {} "$work/seeds/unittest_file/" || true
yaml_files | xargs grep -l '^fault_duration:' | xargs -I{} cp --backup=numbered {} "$work/seeds/scenario/" || true
cp models/profiles/*.yaml "$work/seeds/profile/"
cp tests/alertmanager/configs/*.yml "$work/seeds/alertmanager_config/"
find scenarios tests/fixtures/docs -name '*.md' -exec cp --backup=numbered {} "$work/seeds/drill_docs/" \;
# One value per seed: PromQL expressions, series notation and templates, cut out of the YAML.
values_of() {  # KEY-REGEX HARNESS
  yaml_files | xargs grep -hoE "^\s*-?\s*($1):\s*.+" | sed -E "s/^\s*-?\s*($1):\s*//; s/^'(.*)'$/\1/; s/^\"(.*)\"$/\1/" |
    sort -u | awk -v dir="$work/seeds/$2" '{ print > (dir "/" NR); close(dir "/" NR) }'
}
values_of 'expr' promql
values_of 'values' series_notation
values_of 'summary|description|runbook_url|[a-z_]+_template' template

failed=0
printf '%-16s %12s  %s\n' harness executions verdict
for h in "${harnesses[@]}"; do
  log="$work/$h.log"
  dict=()
  [ -f "tests/fuzz/fuzz_$h.dict" ] && dict=(-dict="tests/fuzz/fuzz_$h.dict")
  set +e
  "build-asan/tests/fuzz/fuzz_$h" "$work/corpus/$h" "$work/seeds/$h" "${dict[@]}" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/$h-" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  if [ "$rc" -eq 0 ]; then verdict=ok; else verdict="FAILED (exit $rc): $(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|fuzz property broken|ALARM|out-of-memory' "$log" || true) — see $log"; failed=1; fi
  printf '%-16s %12s  %s\n' "$h" "$execs" "$verdict"
done
exit $failed
