#!/usr/bin/env bash
# Configures and builds the core, engine and CLI with ASan + UBSan (-fno-sanitize-recover) into
# ./build-sanitized, for the sanitizer run of the GoogleTest suite (run-tests.sh). No GUI, no
# benchmarks: they add build time and nothing the core tests do not cover.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-sanitized -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCUNET_SANITIZE=ON \
  -DMCUNET_BUILD_GUI=OFF -DMCUNET_BUILD_BENCH=OFF "${launcher[@]}" "$@" >/dev/null
cmake --build build-sanitized -j "$jobs" --target mcunet mcunet_tests
