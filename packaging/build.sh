#!/usr/bin/env bash
# Configures and builds into ./build (Ninja, RelWithDebInfo). Used by run-studio.sh and run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$jobs"
