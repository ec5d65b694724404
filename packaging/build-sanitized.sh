#!/usr/bin/env bash
# Builds the core, engine and CLI with ASan + UBSan (-fno-sanitize-recover) into
# ./build-sanitized, for the sanitizer run of the GoogleTest suite (run-tests.sh). No GUI, no
# benchmarks: they add build time and nothing the core tests do not cover.
set -euo pipefail
cd "$(dirname "$0")/.."
MCUNET_BUILD_DIR=build-sanitized MCUNET_BUILD_TARGETS="mcunet mcunet_tests" \
  exec packaging/build.sh -DMCUNET_SANITIZE=ON -DMCUNET_BUILD_GUI=OFF -DMCUNET_BUILD_BENCH=OFF "$@"
