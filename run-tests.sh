#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (ctest prints the summary).
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
packaging/build.sh
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
