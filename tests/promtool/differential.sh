#!/usr/bin/env bash
# Differential test: caracal-twin test-rules vs the real promtool on every
# case of tests/promtool/cases, both also checked against the recorded
# verdicts in expected_verdicts.txt.
#
# Usage: tests/promtool/differential.sh TWIN_BINARY PROMTOOL
#
# Verdicts: promtool exit 0 = pass, non-zero = fail. caracal-twin exit 0 =
# pass, 1 (test failure) or 2 (bad input) = fail; any other status (crash,
# signal, timeout) is a disagreement by itself. A case counts as passed when
# expected, promtool and twin verdicts all agree. One line is printed per
# disagreement with the first informative line of each tool's output; the
# last line is "differential: N passed, M failed". Exit 1 on any
# disagreement.
# Env: CASE_TIMEOUT (seconds per invocation, default 60).
set -uo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 TWIN_BINARY PROMTOOL" >&2
  exit 2
fi
twin=$1
promtool_bin=$2
for tool in "$twin" "$promtool_bin"; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: not an executable: $tool" >&2
    exit 2
  fi
done
here=$(cd "$(dirname "$0")" && pwd)
expected_file="$here/expected_verdicts.txt"
timeout_s=${CASE_TIMEOUT:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# first line worth showing: skips blank lines, promtool's banner and the
# bare "FAILED:" header so the line names the actual problem
first_line() {
  grep -v -e '^[[:space:]]*$' -e '^Unit Testing:' -e '^[[:space:]]*FAILED:[[:space:]]*$' "$1" |
    head -n 1 | sed 's/^[[:space:]]*//'
}

expected_verdict() {
  awk -v f="$1" '$1 == f { print $2 }' "$expected_file"
}

passed=0
failed=0
for case_file in "$here"/cases/*.yml; do
  [[ $case_file == *.rules.yml ]] && continue
  name=$(basename "$case_file")

  timeout "$timeout_s" "$promtool_bin" test rules "$case_file" >"$work/promtool.out" 2>&1
  promtool_rc=$?
  timeout "$timeout_s" "$twin" test-rules "$case_file" >"$work/twin.out" 2>&1
  twin_rc=$?

  if [[ $promtool_rc -eq 0 ]]; then promtool_verdict=pass; else promtool_verdict=fail; fi
  case $twin_rc in
    0) twin_verdict=pass ;;
    1 | 2) twin_verdict=fail ;;
    *) twin_verdict="abnormal-exit" ;;
  esac
  expected=$(expected_verdict "$name")
  [[ -n $expected ]] || expected="unrecorded"

  if [[ $expected == "$promtool_verdict" && $expected == "$twin_verdict" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "DISAGREE $name: expected=$expected promtool=$promtool_verdict(rc $promtool_rc)" \
      "twin=$twin_verdict(rc $twin_rc) | promtool: $(first_line "$work/promtool.out")" \
      "| twin: $(first_line "$work/twin.out")"
  fi
done

echo "differential: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
