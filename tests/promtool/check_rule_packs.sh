#!/usr/bin/env bash
# Runs `promtool check rules` on every rule file of the corpus
# (tests/promtool/cases/*.rules.yml) and on models/rules/*.yaml if present.
# Rule files whose first line is "# check-rules: invalid" are deliberately
# broken (they back the NNN_error_* cases) and must be REJECTED.
# PrometheusRule CRD files (kind: PrometheusRule) are converted first: their
# spec.groups block is extracted into a plain rule file.
#
# Usage: tests/promtool/check_rule_packs.sh PROMTOOL
# Prints one line per failure and "check-rules: N passed, M failed"; exits 1
# on any failure.
set -uo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 PROMTOOL" >&2
  exit 2
fi
promtool_bin=$1
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Prints the spec.groups block of a PrometheusRule as a plain rule file:
# "groups:" followed by the block's lines, de-indented by the indentation of
# the "groups:" key. The block ends at the first non-blank, non-comment line
# indented no deeper than that key, or at a document separator.
extract_crd_groups() {
  awk '
    function indent(s) { match(s, /^ */); return RLENGTH }
    /^spec:[[:space:]]*$/ { in_spec = 1; next }
    in_spec && !in_groups && /^[[:space:]]+groups:[[:space:]]*$/ {
      in_groups = 1; base = indent($0); print "groups:"; next
    }
    in_groups {
      if ($0 ~ /^---/) exit
      if ($0 !~ /^[[:space:]]*(#.*)?$/ && indent($0) <= base) exit
      print substr($0, base + 1)
    }
  ' "$1"
}

passed=0
failed=0
report() { # file outcome-ok detail
  if [[ $2 == ok ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED $1: $3"
  fi
}

check_file() { # file-to-report file-to-check expect(valid|invalid)
  local out rc
  out=$("$promtool_bin" check rules "$2" 2>&1)
  rc=$?
  if [[ $3 == valid && $rc -eq 0 ]] || [[ $3 == invalid && $rc -ne 0 ]]; then
    report "$1" ok
  elif [[ $3 == valid ]]; then
    report "$1" bad "$(grep -m1 -v -e '^Checking' -e '^[[:space:]]*$' -e 'FAILED:$' <<<"$out")"
  else
    report "$1" bad "marked invalid but promtool accepts it"
  fi
}

for rule_file in "$here"/cases/*.rules.yml; do
  expect=valid
  head -n 1 "$rule_file" | grep -q '^# check-rules: invalid' && expect=invalid
  check_file "${rule_file#"$repo"/}" "$rule_file" "$expect"
done

for pack in "$repo"/models/rules/*.yaml; do
  [[ -e $pack ]] || continue
  if grep -q '^kind:[[:space:]]*PrometheusRule' "$pack"; then
    plain="$work/$(basename "$pack")"
    extract_crd_groups "$pack" >"$plain"
    if ! grep -q '^groups:' "$plain"; then
      report "${pack#"$repo"/}" bad "PrometheusRule without spec.groups"
      continue
    fi
    check_file "${pack#"$repo"/}" "$plain" valid
  else
    check_file "${pack#"$repo"/}" "$pack" valid
  fi
done

echo "check-rules: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
