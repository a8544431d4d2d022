#!/usr/bin/env bash
# Configures and builds build-asan/: clang with AddressSanitizer, UndefinedBehaviorSanitizer (UB
# aborts: -fno-sanitize-recover) and libFuzzer's coverage instrumentation, so one tree serves both
# the sanitized test suite (scripts/sanitize.sh) and the fuzz harnesses (scripts/fuzz.sh).
# Usage: sanitized-build.sh [TARGET...]  (default: everything)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" \
  -DCARACAL_SANITIZE=address,undefined,fuzzer-no-link -DCARACAL_FUZZ=ON >/dev/null
if [ $# -eq 0 ]; then cmake --build build-asan; else cmake --build build-asan --target "$@"; fi
