#!/usr/bin/env bash
# Sets up, builds and runs the main job. Until the drill catalog lands, that is the rule unit tests in
# examples/ (the same files `promtool test rules` accepts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/caracal-twin test-rules examples/*.test.yml
