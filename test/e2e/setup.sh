#!/bin/bash
# Installs what the e2e tests need, on a clean machine as root with apt and the npm registry only (see
# ../shared/vscode-host/RECIPE.md, which this follows). Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"
export TMPDIR=${TMPDIR:-/tmp}
# chromium drives the UI; rg replaces @vscode/ripgrep's GitHub download; libkrb5-dev lets code-server's kerberos
# dependency compile (node-gyp also needs make/g++/python3)
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ] || ! command -v g++ >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium ripgrep libkrb5-dev build-essential python3 >/dev/null
fi
if [ ! -x node_modules/.bin/code-server ]; then
  # code-server 4.100.3 → @vscode/ripgrep 1.15.11 → asset v13.0.0-10: seed its download cache with Debian's rg
  RGC="$TMPDIR/vscode-ripgrep-cache-1.15.11"; STAGE=$(mktemp -d)
  mkdir -p "$RGC"; cp "$(command -v rg)" "$STAGE/rg"
  tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$STAGE" rg; rm -rf "$STAGE"
  # root needs unsafe-perm for code-server's postinstall; node-pty's postinstall runs `npx node-gyp`
  # npm ci from the committed lock file: the same versions on every machine
  npm_config_unsafe_perm=true npm_config_yes=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ONNXRUNTIME_NODE_INSTALL=skip \
    npm ci --no-audit --no-fund --loglevel=error
fi
