#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (ctest prints the summary):
# first the core, engine and CLI tests under ASan + UBSan, then everything (GUI included) in the
# normal build, whose ctest summary closes the output.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
packaging/build-sanitized.sh
(cd build-sanitized &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)")
packaging/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
