#!/usr/bin/env bash
# Renders the HTML report of the Redis outage drill in headless Chromium and checks the PNG: the
# window's size (A4 portrait width at 96 dpi, 794 px), not blank, the SVG timeline drawn.
#
# Usage: tests/report/render_html.sh TWIN_BINARY CHROMIUM [OUT_PNG]   (run from the project root)
# OUT_PNG defaults to a temporary file; give one to keep the screenshot.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 TWIN_BINARY CHROMIUM [OUT_PNG]" >&2
  exit 2
fi
twin=$1 chromium=$2
width=794 height=3400  # A4 width; tall enough for the summary and the whole drill
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
png=${3:-$work/report.png}

"$twin" report --format html -o "$work/report.html" scenarios/redis-outage-unavailable.yaml
# A profile of its own, so parallel runs do not share Chromium's lock; no sandbox (CI runs as root).
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
  --screenshot="$png" --window-size="$width,$height" "file://$work/report.html" >"$work/chromium.log" 2>&1 ||
  { cat "$work/chromium.log" >&2; exit 1; }
python3 "$(dirname "$0")/png_check.py" "$png" "$width" "$height"
