#!/usr/bin/env bash
# The whole test suite against the sanitized build in build-asan/ (issue 15.3): any ASan report
# (memory error or leak at exit) or UBSan report aborts the process, so its test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/sanitized-build.sh
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
