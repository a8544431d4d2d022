#!/usr/bin/env bash
# Sets up, builds and runs the main job: the full drill check of the built-in catalog (scenarios/)
# against the documentation page it implements. Exit status: 0 every expectation held, 1 some did
# not (the report says which and why), 2 bad input.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec ./build/caracal-twin check --docs scenarios/failure-drills.md scenarios/*.yaml
