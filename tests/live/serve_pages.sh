#!/usr/bin/env bash
# Issue 17.1: `caracal-twin serve` on 127.0.0.1 (a free port picked by the kernel) answers /targets
# (http_sd JSON with __metrics_path__ per pod and kube-state-metrics), /status, and a pod's
# /metrics that `promtool check metrics` accepts; it stops on SIGTERM and writes its scrape log.
# Usage: serve_pages.sh TWIN PROMTOOL (from the source tree).
set -euo pipefail
twin=$1
promtool=$2
[ -x "$twin" ] || { echo "FAIL: no caracal-twin at $twin"; exit 1; }
[ -x "$promtool" ] || { echo "FAIL: no promtool at $promtool"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/live/live_session.sh
. "$here/live_session.sh"
start_serve "$twin"
base=$serve_url
echo "serving at $base"

get() { python3 "$here/http_get.py" "$base$1" 2>"$scratch/status"; }
expect_status() { grep -qx "status $1" "$scratch/status" || { echo "FAIL: $2: $(cat "$scratch/status")"; exit 1; }; }

get /targets >"$scratch/targets.json"
expect_status 200 /targets
python3 - "$scratch/targets.json" <<'PY'
import json, sys
groups = json.load(open(sys.argv[1]))
jobs = {g["labels"]["job"] for g in groups}
for job in ["kube-state-metrics", "caracal-api", "caracal-sts", "caracal-gateway", "caracal-audit", "caracal-coordinator"]:
    assert job in jobs, f"no target of job {job}: {sorted(jobs)}"
for g in groups:
    labels = g["labels"]
    assert labels["__metrics_path__"].startswith("/pods/") and labels["__metrics_path__"].endswith("/metrics"), labels
    assert len(g["targets"]) == 1, g
    if labels["job"] != "kube-state-metrics":
        for key in ["namespace", "pod", "service", "endpoint", "container", "instance"]:
            assert key in labels, f"{key} missing: {labels}"
print(f"/targets: {len(groups)} targets, jobs {sorted(jobs)}")
PY

gateway_path=$(python3 -c "import json,sys; print(next(g['labels']['__metrics_path__'] for g in json.load(open(sys.argv[1])) if g['labels']['job']=='caracal-gateway'))" "$scratch/targets.json")
get "$gateway_path" >"$scratch/gateway.prom"
expect_status 200 "$gateway_path"
grep -q '^# TYPE caracal_gateway_sts_exchange_errors_total counter$' "$scratch/gateway.prom" || { echo "FAIL: the counter is not typed counter"; exit 1; }
grep -q '^# HELP caracal_gateway_revocation_snapshot_fresh ' "$scratch/gateway.prom" || { echo "FAIL: no HELP line"; exit 1; }
"$promtool" check metrics <"$scratch/gateway.prom" || { echo "FAIL: promtool check metrics rejects $gateway_path"; exit 1; }
echo "$gateway_path: $(grep -vc '^#' "$scratch/gateway.prom") samples, promtool check metrics: no problems"

get /pods/kube-state-metrics/metrics >"$scratch/ksm.prom"
expect_status 200 kube-state-metrics
grep -q '^kube_pod_container_status_ready{' "$scratch/ksm.prom" || { echo "FAIL: no readiness series"; exit 1; }
"$promtool" check metrics <"$scratch/ksm.prom" || { echo "FAIL: promtool check metrics rejects kube-state-metrics"; exit 1; }

# The coordinator's /metrics wants an operator token the ServiceMonitor does not send.
coordinator_path=$(python3 -c "import json,sys; print(next(g['labels']['__metrics_path__'] for g in json.load(open(sys.argv[1])) if g['labels']['job']=='caracal-coordinator'))" "$scratch/targets.json")
get "$coordinator_path" >/dev/null
expect_status 401 "$coordinator_path"
get /pods/no-such-pod/metrics >/dev/null
expect_status 404 "an unknown pod"

get /status >"$scratch/status_page.json"
expect_status 200 /status
python3 - "$scratch/status_page.json" "$gateway_path" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["phase"] == "warm-up", s["phase"]
assert s["injected_at_unix_ms"] == s["start_unix_ms"] + 60000, s
pod = sys.argv[2].split("/")[2]
assert len(s["scrape_log"][pod]) == 1, s["scrape_log"]
print(f"/status: phase {s['phase']}, simulated {s['simulated_time']}, injection at {s['injected_at_unix_ms']}")
PY

kill -TERM "$serve_pid"
wait "$serve_pid" || { echo "FAIL: serve exited non-zero on SIGTERM"; exit 1; }
serve_pid=""
grep -q '^stopped: SIGTERM' "$scratch/serve.out" || { echo "FAIL: $(cat "$scratch/serve.out")"; exit 1; }
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); assert s['scrape_log'], s" "$scratch/status.json" \
  || { echo "FAIL: no scrape log written"; exit 1; }
echo "PASS"
