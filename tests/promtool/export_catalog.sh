#!/usr/bin/env bash
# Exports every drill of the catalog (scenarios/*.yaml) with `caracal-twin export-promtool` and runs
# the real `promtool test rules` on each export: the twin's alert predictions must follow from the
# scraped series by Prometheus' own engine.
#
# Usage: tests/promtool/export_catalog.sh TWIN PROMTOOL
# Prints one line per failure and "export-promtool: N passed, M failed"; exits 1 on any failure.
set -uo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 TWIN PROMTOOL" >&2
  exit 2
fi
twin=$1
promtool_bin=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for scenario in "$repo"/scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  out="$work/$name"
  if ! export_log=$(cd "$repo" && "$twin" export-promtool "$scenario" -o "$out" 2>&1); then
    failed=$((failed + 1))
    echo "FAILED $name: export: $(tail -n 1 <<<"$export_log")"
    continue
  fi
  test_file=$(head -n 1 <<<"$export_log")
  if result=$(cd "$out" && "$promtool_bin" test rules "$(basename "$test_file")" 2>&1); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED $name: promtool test rules:"
    grep -v -e '^Unit Testing' -e '^[[:space:]]*$' <<<"$result" | head -n 20 | sed 's/^/  /'
  fi
done

echo "export-promtool: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
