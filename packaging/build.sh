#!/usr/bin/env bash
# Configures and builds into ./build (Ninja, RelWithDebInfo). Used by run-studio.sh and run-tests.sh.
# MCUNET_BUILD_DIR and MCUNET_BUILD_TARGETS choose another tree and targets (build-sanitized.sh);
# extra arguments go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
build_dir=${MCUNET_BUILD_DIR:-build}
launcher=()
# ccache (when installed) makes rebuilds of unchanged sources free, also across git worktrees.
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
targets=()
for target in ${MCUNET_BUILD_TARGETS:-}; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
