#!/usr/bin/env bash
# Installs and starts what MPLSandbox needs on a Debian/Ubuntu machine, idempotently:
# the Docker engine, the debian:bookworm-slim base image (made locally when no registry answers),
# npm packages, the sandbox images, and (for tests and the demo) code-server with Chromium.
#   scripts/provision.sh              for `npm start`
#   scripts/provision.sh --for-tests  also what the test suites need
set -euo pipefail
cd "$(dirname "$0")/.."
FOR_TESTS=0
[ "${1:-}" = "--for-tests" ] && FOR_TESTS=1

log() { printf '[provision] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else log "need root for: $*"; exit 1; fi; }

APT_PACKAGES=(docker.io debootstrap ca-certificates)
if [ "$FOR_TESTS" = 1 ] || [ "${MPLSANDBOX_WITH_CODE_SERVER:-1}" = 1 ]; then
  # code-server's native modules and the browser that drives it in tests.
  APT_PACKAGES+=(chromium libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev iproute2)
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Docker engine: use the one that answers (DOCKER_HOST or the local socket); start dockerd only when none does.
if ! docker version >/dev/null 2>&1; then
  if [ -n "${DOCKER_HOST:-}" ]; then log "DOCKER_HOST=$DOCKER_HOST does not answer"; exit 1; fi
  log "starting dockerd"
  as_root bash -c 'setsid nohup dockerd >/var/log/mplsandbox-dockerd.log 2>&1 < /dev/null &'
  for _ in $(seq 60); do docker version >/dev/null 2>&1 && break; sleep 1; done
  docker version >/dev/null 2>&1 || { log "dockerd did not start; see /var/log/mplsandbox-dockerd.log"; exit 1; }
fi

# Base image: from a registry when one answers, otherwise made with debootstrap.
if ! docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
  if ! timeout 60 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    log "no registry reachable: creating debian:bookworm-slim with debootstrap"
    as_root bash scripts/make-base-image.sh debian:bookworm-slim
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
node esbuild.mjs >/dev/null

log "building sandbox images (only those whose Dockerfile changed)"
node dist/cli.js images build --all

if [ -f scripts/provision-code-server.sh ] && { [ "$FOR_TESTS" = 1 ] || [ "${MPLSANDBOX_WITH_CODE_SERVER:-1}" = 1 ]; }; then
  bash scripts/provision-code-server.sh
fi
log "ready"
