# Sourced by the live tests: a scratch folder and the processes a test starts, removed and ended
# (by PID) on exit, and `start_serve TWIN`, which starts `caracal-twin serve` on the short Postgres
# outage fixture on 127.0.0.1 (the kernel picks a free port), writing its status to
# $scratch/status.json at the end; sets serve_pid and serve_url, or fails loudly.
scratch=$(mktemp -d)
serve_pid=""
prom_pid=""
cleanup() {
  for pid in $serve_pid $prom_pid; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  rm -rf "$scratch"
}
trap cleanup EXIT

start_serve() {
  "$1" serve tests/fixtures/live/postgres-outage-short.yaml --rules "$(pwd)/tests/fixtures/live/live-pack.yaml" \
    --listen 127.0.0.1:0 --scrape-log "$scratch/status.json" >"$scratch/serve.out" 2>"$scratch/serve.err" &
  serve_pid=$!
  for _ in $(seq 50); do
    grep -qs '^listening on ' "$scratch/serve.out" && break
    kill -0 "$serve_pid" 2>/dev/null || { echo "FAIL: serve exited: $(cat "$scratch/serve.err")"; exit 1; }
    sleep 0.1
  done
  serve_url=$(sed -n 's/^listening on //p' "$scratch/serve.out")
  [ -n "$serve_url" ] || { echo "FAIL: serve never said where it listens"; exit 1; }
}
