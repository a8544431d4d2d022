#!/usr/bin/env bash
# Issue 17.4: the twin rehearsed against a real Prometheus. `caracal-twin serve` runs the short
# Postgres outage (1m warm-up, 2m fault, 1m recovery); a real `prometheus` on 127.0.0.1 with a
# temporary TSDB discovers its pods through http_sd_configs, scrapes them and evaluates the pack
# every 5s. When the scenario ends the test saves the server's query_range answers for ALERTS and
# ALERTS_FOR_STATE and the raw `up` samples, and `conform` must find every alert instance
# conforming: within the tolerance, and (--scrape-log) exactly on the evaluation tick after
# replaying the live scrapes (the state each request found, stamped at Prometheus' instant).
# About five minutes of wall time. Usage: e2e_prometheus.sh TWIN PROMETHEUS (from the source tree).
set -euo pipefail
twin=$1
prometheus=$2
[ -x "$twin" ] || { echo "FAIL: no caracal-twin at $twin"; exit 1; }
[ -x "$prometheus" ] || { echo "FAIL: no prometheus binary ($prometheus); install Debian's prometheus"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
scenario=tests/fixtures/live/postgres-outage-short.yaml
pack=$(pwd)/tests/fixtures/live/live-pack.yaml
# shellcheck source=tests/live/live_session.sh
. "$here/live_session.sh"
start_serve "$twin"
twin_url=$serve_url

# A port the kernel says is free now (a race with another process is possible, and fails loudly).
prom_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
  || { echo "FAIL: no free port on 127.0.0.1"; exit 1; }
cat >"$scratch/prometheus.yml" <<YML
global:
  scrape_interval: 5s
  scrape_timeout: 4s
  evaluation_interval: 5s
rule_files: ["$pack"]
scrape_configs:
  - job_name: caracal-twin
    http_sd_configs:
      - url: $twin_url/targets
        refresh_interval: 5s
YML
"$prometheus" --config.file="$scratch/prometheus.yml" --storage.tsdb.path="$scratch/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$scratch/prometheus.log" 2>&1 &
prom_pid=$!
prom_url="http://127.0.0.1:$prom_port"
for _ in $(seq 100); do
  python3 "$here/http_get.py" "$prom_url/-/ready" 2 >/dev/null 2>&1 && break
  kill -0 "$prom_pid" 2>/dev/null || { echo "FAIL: prometheus exited: $(cat "$scratch/prometheus.log")"; exit 1; }
  sleep 0.2
done
echo "twin at $twin_url, prometheus at $prom_url; waiting for the scenario to end (~4 min)"

# The scenario lasts 4 simulated minutes from an origin up to 5s in the past; allow a minute more.
for _ in $(seq 300); do
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 1
done
if kill -0 "$serve_pid" 2>/dev/null; then echo "FAIL: serve still running after 5 minutes"; exit 1; fi
wait "$serve_pid" || { echo "FAIL: serve exited non-zero: $(cat "$scratch/serve.err")"; exit 1; }
serve_pid=""
cat "$scratch/serve.out"
sleep 2  # the server's last evaluation of the final tick

read -r start end < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["start_unix_ms"]/1000, s["end_unix_ms"]/1000)' "$scratch/status.json")
mkdir "$scratch/observed"
for query in ALERTS ALERTS_FOR_STATE; do
  python3 "$here/http_get.py" "$prom_url/api/v1/query_range?query=$query&start=$start&end=$end&step=1s" \
    >"$scratch/observed/$query.json" 2>"$scratch/query.status" || { echo "FAIL: query_range $query"; exit 1; }
  grep -qx 'status 200' "$scratch/query.status" || { echo "FAIL: query_range $query: $(cat "$scratch/query.status")"; exit 1; }
done
# The raw `up` samples of every target: their timestamps are the instants Prometheus stamped each
# scrape, which the exact replay pairs with serve's arrivals (an instant query of a range selector
# returns raw samples; the range covers the session and the final scrapes).
range_s=$(python3 -c 'import sys; print(int(float(sys.argv[2]) - float(sys.argv[1])) + 10)' "$start" "$end")
python3 "$here/http_get.py" "$prom_url/api/v1/query?query=up%5B${range_s}s%5D&time=$end" \
  >"$scratch/observed/up.json" 2>"$scratch/query.status" || { echo "FAIL: query up[${range_s}s]"; exit 1; }
grep -qx 'status 200' "$scratch/query.status" || { echo "FAIL: query up: $(cat "$scratch/query.status")"; exit 1; }
# How far Prometheus' stamps sit before serve's arrivals, and how many scrapes straddle the
# injection or the fault's end (those the exact replay must stamp before and answer after).
python3 - "$scratch/status.json" "$scratch/observed/up.json" <<'PY'
import json, sys
status = json.load(open(sys.argv[1]))
stamps = {}
for s in json.load(open(sys.argv[2]))["data"]["result"]:
    stamps.setdefault(s["metric"]["instance"], []).extend(round(float(t) * 1000) for t, _ in s["values"])
gaps, straddling = [], 0
for target, arrivals in status["scrape_log"].items():
    own = sorted(stamps.get(status["scrape_instances"].get(target, ""), []))
    for a in arrivals:
        before = [t for t in own if a - 4000 <= t <= a]
        if before:
            gaps.append(a - before[-1])
            straddling += sum(before[-1] < edge <= a for edge in (status["injected_at_unix_ms"], status["fault_end_unix_ms"]))
gaps.sort()
print(f"requests paired with an up stamp: {len(gaps)}; arrival - stamp: median {gaps[len(gaps) // 2]} ms, "
      f"max {gaps[-1]} ms; stamped before and arriving after the injection or fault end: {straddling}")
PY
kill "$prom_pid"
wait "$prom_pid" || true
prom_pid=""
python3 - "$scratch/observed/ALERTS.json" <<'PY'
import json, sys
series = json.load(open(sys.argv[1]))["data"]["result"]
assert series, "the real Prometheus recorded no alert at all"
print("observed ALERTS series:", len(series))
PY

echo "== conform, tolerance mode"
status=0
"$twin" conform "$scenario" --rules "$pack" --observed "$scratch/observed" --status "$scratch/status.json" || status=$?
[ "$status" -eq 0 ] || { echo "FAIL: tolerance mode exit $status"; exit 1; }
echo "== conform, exact replay of the live scrape instants"
status=0
"$twin" conform "$scenario" --rules "$pack" --observed "$scratch/observed" --scrape-log "$scratch/status.json" || status=$?
[ "$status" -eq 0 ] || { echo "FAIL: exact replay exit $status"; exit 1; }
echo "PASS"
