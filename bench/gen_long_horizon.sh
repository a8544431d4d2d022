#!/usr/bin/env bash
# Generates a long-horizon promtool unit test for benchmarking:
#   OUTDIR/long_horizon.yml        the test file (24 h at 15 s = 5761 samples/series)
#   OUTDIR/long_horizon.rules.yml  20 rules in 3 groups (recording + alerting)
# Usage: bench/gen_long_horizon.sh OUTDIR
#
# Input shapes are piecewise constant-rate counters and piecewise constant
# gauges, so every asserted value is exact: windows of the asserted
# expressions lie inside one phase, far from phase edges. The float literals
# below (e.g. 0.4800000000000001 for p99 = 0.48) are what the arithmetic
# gives in float64; they were confirmed with `promtool test rules` (2.42)
# and the file must PASS under promtool.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
outdir=$1
mkdir -p "$outdir"

readonly STEPS=5760 # 24h / 15s; a series has STEPS+1 samples (t = 0 .. 24h)

# counter PHASES: "inc:n inc:n ..." -> expanding notation of a counter that
# starts at 0 and grows by `inc` per 15 s step for `n` steps in each phase.
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

# Phase boundaries in 15 s steps: 6h = 1440, 1h = 240, 12h = 2880, 3h = 720,
# 9h = 2160, 18h = 4320, 20h = 4800.
ok_a=$(counter "30:5760")                   # 2 req/s
ok_b=$(counter "30:5760")                   # 2 req/s
err_a=$(counter "0:1440 15:240 0:4080")     # 1 err/s from 6h to 7h, else 0
lat_01=$(counter "240:2880 120:240 240:2640") # le=0.1: 16/s, 8/s from 12h to 13h
lat_05=$(counter "300:2880 240:240 300:2640") # le=0.5: 20/s, 16/s while degraded
lat_1=$(counter "300:5760")                 # le=1 and +Inf: 20/s
lat_inf=$(counter "300:5760")
cpu_a=$(gauge "0.5:4320 0.95:240 0.5:1200") # busy from 18h to 19h
cpu_b=$(gauge "0.25:5760")
mem_a="1000000000+1500000x$STEPS"           # +1e5 bytes/s
mem_b=$(gauge "2000000000:5760")
up_a=$(gauge "1:720 0:40 1:5000")           # down from 3h0m15s to 3h10m
up_b=$(gauge "1:5760")
queue=$(gauge "100:2160 5000:120 100:3480") # backlog from 9h0m15s to 9h30m
dead=$(gauge "0:4800 5:960")                # 5 dead rows from 20h0m15s

cat >"$outdir/long_horizon.rules.yml" <<'EOF'
# 20 rules for the long-horizon benchmark (see bench/gen_long_horizon.sh).
groups:
- name: api
  rules:
  - record: job_instance:requests:rate5m
    expr: sum by (job, instance) (rate(http_requests_total[5m]))
  - record: job:requests:rate5m
    expr: sum by (job) (rate(http_requests_total[5m]))
  - record: job:errors:rate5m
    expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))
  - record: job:error_ratio:rate5m
    expr: job:errors:rate5m / job:requests:rate5m
  - alert: HighErrorRatio
    expr: job:error_ratio:rate5m > 0.05
    for: 5m
    labels:
      severity: page
    annotations:
      summary: '{{ $labels.job }} error ratio {{ $value | humanizePercentage }}'
  - record: job:requests:increase1h
    expr: sum by (job) (increase(http_requests_total[1h]))
  - alert: TrafficDrop
    expr: job:requests:rate5m < 1
    for: 2m
- name: latency
  rules:
  - record: job_le:latency_seconds_bucket:rate5m
    expr: sum by (job, le) (rate(latency_seconds_bucket[5m]))
  - record: job:latency_seconds:p99
    expr: histogram_quantile(0.99, job_le:latency_seconds_bucket:rate5m)
  - record: job:latency_seconds:p50
    expr: histogram_quantile(0.5, job_le:latency_seconds_bucket:rate5m)
  - alert: HighLatency
    expr: job:latency_seconds:p99 > 0.5
    for: 10m
- name: resources
  rules:
  - record: instance:cpu_usage:avg5m
    expr: avg_over_time(cpu_usage[5m])
  - alert: CPUHigh
    expr: instance:cpu_usage:avg5m > 0.9
    for: 15m
  - record: instance:mem_bytes:max1h
    expr: max_over_time(mem_bytes[1h])
  - alert: MemoryFullIn4h
    expr: predict_linear(mem_bytes[1h], 4 * 3600) > 8e9
    for: 10m
  - alert: InstanceDown
    expr: up == 0
    for: 1m
  - record: job:up:sum
    expr: sum by (job) (up)
  - alert: QueueBacklog
    expr: queue_depth > 1000
    for: 5m
    keep_firing_for: 5m
  - record: queue_depth:avg10m
    expr: avg_over_time(queue_depth[10m])
  - alert: DeadRows
    expr: increase(dead_rows_total[10m]) > 0
EOF

cat >"$outdir/long_horizon.yml" <<EOF
# Long-horizon benchmark test (generated by bench/gen_long_horizon.sh; do not edit).
# 24 h of 15 s samples for 15 series, 20 rules, evaluated every 15 s.
rule_files: [long_horizon.rules.yml]
evaluation_interval: 15s
group_eval_order: [api, latency, resources]
tests:
- interval: 15s
  input_series:
  - series: 'http_requests_total{job="api", instance="a", code="200"}'
    values: '$ok_a'
  - series: 'http_requests_total{job="api", instance="b", code="200"}'
    values: '$ok_b'
  - series: 'http_requests_total{job="api", instance="a", code="500"}'
    values: '$err_a'
  - series: 'latency_seconds_bucket{job="api", le="0.1"}'
    values: '$lat_01'
  - series: 'latency_seconds_bucket{job="api", le="0.5"}'
    values: '$lat_05'
  - series: 'latency_seconds_bucket{job="api", le="1"}'
    values: '$lat_1'
  - series: 'latency_seconds_bucket{job="api", le="+Inf"}'
    values: '$lat_inf'
  - series: 'cpu_usage{instance="a"}'
    values: '$cpu_a'
  - series: 'cpu_usage{instance="b"}'
    values: '$cpu_b'
  - series: 'mem_bytes{instance="a"}'
    values: '$mem_a'
  - series: 'mem_bytes{instance="b"}'
    values: '$mem_b'
  - series: 'up{job="api", instance="a"}'
    values: '$up_a'
  - series: 'up{job="api", instance="b"}'
    values: '$up_b'
  - series: 'queue_depth{queue="audit"}'
    values: '$queue'
  - series: 'dead_rows_total{service="api"}'
    values: '$dead'
EOF

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

{
  echo "  alert_rule_test:"
  alert_expect 3h5m InstanceDown '{job: api, instance: a}'
  alert_expect 3h15m InstanceDown
  alert_expect 6h30m HighErrorRatio '{job: api, severity: page}' '{summary: api error ratio 20%}'
  alert_expect 7h30m HighErrorRatio
  alert_expect 9h33m QueueBacklog '{queue: audit}'   # kept firing: backlog ended 9h30m15s
  alert_expect 9h40m QueueBacklog
  alert_expect 12h30m HighLatency '{job: api}'
  alert_expect 13h30m HighLatency
  alert_expect 12h MemoryFullIn4h
  alert_expect 18h30m CPUHigh '{instance: a}'
  alert_expect 20h5m DeadRows '{service: api}'
  alert_expect 21h DeadRows
  alert_expect 24h MemoryFullIn4h '{instance: a}'
  alert_expect 24h TrafficDrop
  alert_expect 24h CPUHigh

  echo "  promql_expr_test:"
  # errors 1/s of 5 req/s in total
  samples_expect job:error_ratio:rate5m 6h30m 'job:error_ratio:rate5m{job="api"}' 0.2
  # degraded: rank 19.8 in bucket (0.5, 1] holding 16..20: 0.5 + 0.5 * 3.8/4
  samples_expect job:latency_seconds:p99 12h30m 'job:latency_seconds:p99{job="api"}' 0.9750000000000001
  samples_expect 'instance:cpu_usage:avg5m{instance="a"}' 18h30m 'instance:cpu_usage:avg5m{instance="a"}' 0.95
  samples_expect job:requests:rate5m 24h 'job:requests:rate5m{job="api"}' 4
  samples_expect job_instance:requests:rate5m 24h \
    'job_instance:requests:rate5m{job="api", instance="a"}' 2 \
    'job_instance:requests:rate5m{job="api", instance="b"}' 2
  samples_expect job:requests:increase1h 24h 'job:requests:increase1h{job="api"}' 14400
  # normal: rank 19.8 in bucket (0.1, 0.5] holding 16..20: 0.1 + 0.4 * 3.8/4
  samples_expect job:latency_seconds:p99 24h 'job:latency_seconds:p99{job="api"}' 0.4800000000000001
  # rank 10 in the first bucket (0, 0.1] holding 16: 0.1 * 10/16
  samples_expect job:latency_seconds:p50 24h 'job:latency_seconds:p50{job="api"}' 0.0625
  samples_expect instance:mem_bytes:max1h 24h \
    'instance:mem_bytes:max1h{instance="a"}' 9640000000 \
    'instance:mem_bytes:max1h{instance="b"}' 2000000000
  samples_expect job:up:sum 24h 'job:up:sum{job="api"}' 2
  samples_expect queue_depth:avg10m 24h 'queue_depth:avg10m{queue="audit"}' 100
  samples_expect 'ALERTS{alertstate="firing"}' 24h \
    'ALERTS{alertname="MemoryFullIn4h", alertstate="firing", instance="a"}' 1
} >>"$outdir/long_horizon.yml"
echo "wrote $outdir/long_horizon.yml and $outdir/long_horizon.rules.yml"
