#!/usr/bin/env bash
# Installs what is missing, builds, and starts MCUNet Studio on the built-in MCUNet model.
# Without a display (no DISPLAY / WAYLAND_DISPLAY) it prints that model's analysis from the CLI.
set -euo pipefail
cd "$(dirname "$0")"
packaging/install-deps.sh
packaging/build.sh
model="zoo:mcunet-256kb-1mb"
if [ -x build/app/studio/mcunet-studio ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec build/app/studio/mcunet-studio "$model"
fi
exec build/app/mcunet profile "$model" --board stm32f412
