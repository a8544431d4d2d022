# Sourced by the bench generators (gen_long_*.sh): the output folder, expanding notation for
# promtool input series built from phases, and the test file's expectation blocks.
# counter and gauge read STEPS (the number of intervals; a series has STEPS+1 samples).

# take_outdir ARGS...: sets `outdir` from the one argument OUTDIR and creates it.
take_outdir() {
  if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
  fi
  outdir=$1
  mkdir -p "$outdir"
}

# counter PHASES: "inc:n inc:n ..." -> expanding notation of a counter that
# starts at 0 and grows by `inc` per step for `n` steps in each phase.
counter() {
  awk -v phases="$1" -v steps="$STEPS" 'BEGIN {
    n = split(phases, p, " "); value = 0; total = 0; out = ""
    for (i = 1; i <= n; i++) {
      split(p[i], f, ":"); inc = f[1]; cnt = f[2]; total += cnt
      if (i == 1) { out = sprintf("0+%sx%d", inc, cnt); value = inc * cnt }
      else { out = out sprintf(" %.15g+%sx%d", value + inc, inc, cnt - 1); value += inc * cnt }
    }
    if (total != steps) { print "phase steps " total " != " steps > "/dev/stderr"; exit 1 }
    print out
  }'
}

# gauge LEVELS: "value:n value:n ..." -> the first level also covers t = 0.
gauge() {
  awk -v levels="$1" -v steps="$STEPS" 'BEGIN {
    n = split(levels, p, " "); total = 0; out = ""
    for (i = 1; i <= n; i++) {
      split(p[i], f, ":"); total += f[2]
      out = out (i == 1 ? sprintf("%sx%d", f[1], f[2]) : sprintf(" %sx%d", f[1], f[2] - 1))
    }
    if (total != steps) { print "level steps " total " != " steps > "/dev/stderr"; exit 1 }
    print out
  }'
}

# alert_expect EVAL_TIME ALERTNAME [LABELS [ANNOTATIONS]] (YAML flow maps);
# without LABELS the alert must not be firing.
alert_expect() {
  printf '  - eval_time: %s\n    alertname: %s\n' "$1" "$2"
  if [[ $# -lt 3 ]]; then
    printf '    exp_alerts: []\n'
    return
  fi
  printf '    exp_alerts:\n    - exp_labels: %s\n' "$3"
  if [[ $# -ge 4 ]]; then printf '      exp_annotations: %s\n' "$4"; fi
}

# samples_expect EXPR EVAL_TIME [LABELS VALUE]...
samples_expect() {
  printf '  - expr: %s\n    eval_time: %s\n    exp_samples:\n' "$1" "$2"
  shift 2
  while [[ $# -ge 2 ]]; do
    printf "    - labels: '%s'\n      value: %s\n" "$1" "$2"
    shift 2
  done
}
