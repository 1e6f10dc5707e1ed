#!/usr/bin/env bash
# Installs what Instep needs on a fresh Debian/Ubuntu machine: Node packages (without the
# Electron binary download, which is optional: without it Instep runs in browser mode) and
# Chromium for the end-to-end tests. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.instep-lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.instep-lock-hash
fi

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is needed for the end-to-end tests: sudo apt-get install -y chromium (or set CHROMIUM_PATH)." >&2
  fi
fi
