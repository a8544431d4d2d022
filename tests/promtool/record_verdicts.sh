#!/usr/bin/env bash
# Regenerates expected_verdicts.txt from the real promtool: one line per
# case file, "FILE pass|fail" (exit 0 = pass, anything else = fail).
# Usage: tests/promtool/record_verdicts.sh [PROMTOOL]   (default: promtool)
set -euo pipefail
promtool_bin=${1:-promtool}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/expected_verdicts.txt"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

for case_file in "$here"/cases/*.yml; do
  # rule files live next to their test files; they are not cases
  [[ $case_file == *.rules.yml ]] && continue
  if "$promtool_bin" test rules "$case_file" >/dev/null 2>&1; then
    verdict=pass
  else
    verdict=fail
  fi
  name=$(basename "$case_file")
  # the file name states the intent; a mismatch means the case is broken
  case $name in
    *_fail_*|*_error_*) [[ $verdict == fail ]] || echo "warning: $name passes under promtool" >&2 ;;
    *) [[ $verdict == pass ]] || echo "warning: $name fails under promtool" >&2 ;;
  esac
  echo "$name $verdict" >>"$tmp"
done
chmod 644 "$tmp"  # mktemp creates 0600; the file is committed
mv "$tmp" "$out"
trap - EXIT
echo "recorded $(wc -l <"$out") verdicts in $out"
