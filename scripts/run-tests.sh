#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit tests and the differential tests against promtool).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
# The whole suite, the end-to-end run against a real Prometheus (label e2e, about five minutes of
# wall time) included.
ctest --test-dir build --output-on-failure -j "$(nproc)"
