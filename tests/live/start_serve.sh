# Sourced by the live tests: `start_serve TWIN SCRATCH` starts `caracal-twin serve` on the short
# Postgres outage fixture on 127.0.0.1 (the kernel picks a free port), writing its status to
# SCRATCH/status.json at the end; sets serve_pid and serve_url, or fails loudly.
start_serve() {
  "$1" serve tests/fixtures/live/postgres-outage-short.yaml --rules "$(pwd)/tests/fixtures/live/live-pack.yaml" \
    --listen 127.0.0.1:0 --scrape-log "$2/status.json" >"$2/serve.out" 2>"$2/serve.err" &
  serve_pid=$!
  for _ in $(seq 50); do
    grep -q '^listening on ' "$2/serve.out" && break
    kill -0 "$serve_pid" 2>/dev/null || { echo "FAIL: serve exited: $(cat "$2/serve.err")"; exit 1; }
    sleep 0.1
  done
  serve_url=$(sed -n 's/^listening on //p' "$2/serve.out")
  [ -n "$serve_url" ] || { echo "FAIL: serve never said where it listens"; exit 1; }
}
