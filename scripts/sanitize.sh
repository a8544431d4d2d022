#!/usr/bin/env bash
# The whole test suite against the sanitized build in build-asan/ (issue 15.3): any ASan report
# (memory error or leak at exit) or UBSan report aborts the process, so its test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/sanitized-build.sh
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The end-to-end run against a real Prometheus (label e2e) is left out: it checks timing against
# another process over four wall-clock minutes, which the GCC suite already does; the sanitized
# suite still serves and scrapes pages in the serve test.
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -LE e2e
