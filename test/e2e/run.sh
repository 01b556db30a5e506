#!/bin/bash
# The whole end-to-end flow for the VS Code extension, from a clean clone (as root, with apt and the npm registry):
#   1. install what the tests need (setup.sh: chromium, rg, libkrb5-dev via apt; code-server 4.100.3, playwright-core,
#      @vscode/test-cli, mocha into test/e2e/node_modules only)
#   2. build and package every VSIX (npm run package: five platforms and a universal one, each checked)
#   3. install it into fresh code-server extension folders
#   4. integration tests inside the real extension host (@vscode/test-cli + mocha, suite/)
#   5. UI test in Chromium that drives the workbench and saves screenshots into screenshots/ (ui/panel.ui.ts)
#   6. start-up, first run and walkthrough of the linux-x64 and the universal VSIX (ui/startup.ui.ts)
# The suite is TypeScript: type-checked against the installed packages' types and compiled to out/ (build.ts)
# before step 3; every step runs the compiled files.
# Prints one final line `N passed, M failed`; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")"
E2E=$PWD
ROOT=$(cd ../.. && pwd)
STATE=${HEADROOM_E2E_STATE:-$E2E/state}
OUT=$STATE/results   # logs, result JSON, activation figures (state/ is git-ignored; screenshots/ is not)
T0=$(date +%s)
log() { echo "[e2e $(($(date +%s) - T0))s] $*"; }
fail() { log "FAILED: $*"; echo "0 passed, 1 failed"; exit 1; }

log "setup"
./setup.sh || fail "setup.sh"
if [ ! -d "$ROOT/node_modules/esbuild" ]; then
  log "installing the extension's own dependencies (npm ci)"
  (cd "$ROOT" && ONNXRUNTIME_NODE_INSTALL=skip PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci"
fi

log "type-check and compile the suite"
(cd "$ROOT" && npx tsc -p test/e2e/tsconfig.installed.json --noEmit) || fail "tsc -p test/e2e/tsconfig.installed.json"
(cd "$ROOT" && node --import tsx test/e2e/build.ts) || fail "test/e2e/build.ts"

rm -rf "$STATE"
mkdir -p "$STATE/workspace" "$OUT"
log "build + package"
(cd "$ROOT" && npm run --silent package) > "$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; fail "npm run package"; }
VSIX=$(ls -t "$ROOT"/dist/*-linux-x64.vsix | head -1)
log "packaged $(basename "$VSIX") ($(du -h "$VSIX" | cut -f1))"

echo "A workspace for the Headroom e2e tests." > "$STATE/workspace/README.md"
CS="$E2E/node_modules/.bin/code-server"
# settings every run starts from: quiet workbench, and the proxy on a free port (0) so a busy 8787 cannot interfere
write_settings() { # $1 = user folder, $2 = extra JSON members
  mkdir -p "$1"
  cat > "$1/settings.json" <<JSON
{ "workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false, "extensions.autoCheckUpdates": false, "update.mode": "none",
  "workbench.enableExperiments": false, "workbench.tips.enabled": false, "chat.commandCenter.enabled": false$2 }
JSON
}
install_vsix() { # $1 = state folder
  HOME="$1/home" XDG_CONFIG_HOME="$1/home/.config" XDG_DATA_HOME="$1/home/.local/share" XDG_CACHE_HOME="$1/home/.cache" \
    "$CS" --user-data-dir "$1/ud" --extensions-dir "$1/ext" --install-extension "$VSIX" > "$1/install.log" 2>&1 || { cat "$1/install.log"; return 1; }
}

log "integration tests (extension host)"
mkdir -p "$STATE/it/home"
write_settings "$STATE/it/ud/User" ''
# code-server is a remote window: machine-scoped settings (headroom.port, upstream.*, storeDir, proseModel) are read
# from the remote side's settings, <user-data-dir>/Machine/settings.json, as they would be over SSH or in a container
mkdir -p "$STATE/it/ud/Machine"
echo '{ "headroom.port": 0 }' > "$STATE/it/ud/Machine/settings.json"
# a workspace that tries to take the user's requests (suite/workspace-settings.test.ts): its upstream is a loopback
# port the test listens on later; it must receive nothing. minChars (window scope, the default value) shows VS Code
# did read the file.
TRAP_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
mkdir -p "$STATE/workspace/.vscode"
cat > "$STATE/workspace/.vscode/settings.json" <<JSON
{ "headroom.upstream.anthropic": "http://127.0.0.1:$TRAP_PORT/v1", "headroom.upstream.openai": "http://127.0.0.1:$TRAP_PORT/v1",
  "headroom.port": $TRAP_PORT, "headroom.storeDir": "$STATE/workspace-store", "headroom.proseModel": "headroom-prose-v1",
  "headroom.minChars": 600 }
JSON
install_vsix "$STATE/it" || fail "install VSIX (integration)"
T1=$(date +%s)
(
  export HOME="$STATE/it/home" HEADROOM_HOME="$STATE/it/headroom-home" HEADROOM_E2E_HOME="$STATE/it/home"
  export HEADROOM_E2E_OUT="$OUT" HEADROOM_E2E_STATE="$STATE" HEADROOM_E2E_USER_DIR="$STATE/it/ud/User" HEADROOM_E2E_TRAP_PORT="$TRAP_PORT"
  export CODE_SERVER_BIN="$CS" TEST_HOST_SCREENSHOT="$OUT/integration-end.png"
  "$E2E/node_modules/.bin/vscode-test" --config "$E2E/.vscode-test.mjs"
) 2>&1 | tee "$OUT/integration.log"
IT_RC=${PIPESTATUS[0]}
log "integration tests finished in $(($(date +%s) - T1))s (exit $IT_RC)"

log "UI test (Chromium)"
mkdir -p "$STATE/ui/home"
install_vsix "$STATE/ui" || fail "install VSIX (UI)"
T2=$(date +%s)
STATE="$STATE/ui" OUT="$OUT" node "$E2E/out/ui/panel.ui.js" 2>&1 | tee "$OUT/ui.log"
UI_RC=${PIPESTATUS[0]}
log "UI test finished in $(($(date +%s) - T2))s (exit $UI_RC)"

# start-up, first run and walkthrough of the linux-x64 VSIX and of the universal one (no native files): each installed
# into fresh folders; figures (window open → proxy listening, extension host RSS) in $OUT/startup-<kind>.json
STARTUP_RC=0
for KIND in linux-x64 universal; do
  log "start-up and walkthrough ($KIND VSIX)"
  VSIX=$(ls -t "$ROOT"/dist/*-"$KIND".vsix | head -1)
  # installed outside the repository, as in a user's extensions folder: below test/e2e/state, Node would resolve the
  # repository's own node_modules/onnxruntime-node from the universal VSIX's dist/ and the prose model would run
  KSTATE=$(mktemp -d)/startup-$KIND
  mkdir -p "$KSTATE/home"
  install_vsix "$KSTATE" || fail "install VSIX (start-up, $KIND)"
  # the linux-x64 run uses the default port 8787 when it is free: code-server must not auto-forward it (the
  # contributed remote.portsAttributes); elsewhere a free port
  PORT_ENV=()
  if [ "$KIND" = linux-x64 ] && node -e 'require("net").createServer().on("error",()=>process.exit(1)).listen(8787,"127.0.0.1",function(){this.close()})'; then PORT_ENV=(PROXY_PORT=8787); fi
  env "${PORT_ENV[@]}" STATE="$KSTATE" OUT="$OUT" VSIX_KIND="$KIND" node "$E2E/out/ui/startup.ui.js" 2>&1 | tee "$OUT/startup-$KIND.log"
  [ "${PIPESTATUS[0]}" -ne 0 ] && STARTUP_RC=1
  rm -rf "$(dirname "$KSTATE")"
done

# totals from the result files; a run that crashed before writing its file counts as one failure
read -r P F < <(node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const n of ["integration-results.json", "ui-results.json", "startup-linux-x64-results.json", "startup-universal-results.json"]) {
    try { const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + n, "utf8")); p += r.passed.length; f += r.failed.length; }
    catch { f += 1; }
  }
  console.log(p, f);' "$OUT")
[ "$IT_RC" -ne 0 ] && [ "$F" -eq 0 ] && F=1
[ "$UI_RC" -ne 0 ] && [ "$F" -eq 0 ] && F=1
[ "$STARTUP_RC" -ne 0 ] && [ "$F" -eq 0 ] && F=1
[ -f "$OUT/activation.json" ] && log "activation: $(tr -d '\n ' < "$OUT/activation.json")"
for KIND in linux-x64 universal; do [ -f "$OUT/startup-$KIND.json" ] && log "start-up ($KIND): $(tr -d '\n ' < "$OUT/startup-$KIND.json")"; done
log "total $(($(date +%s) - T0))s; screenshots in $E2E/screenshots"
echo "$P passed, $F failed"
[ "$F" -eq 0 ]
