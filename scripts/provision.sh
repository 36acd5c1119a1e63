#!/usr/bin/env bash
# Installs and starts what MPLSandbox needs on a Debian/Ubuntu machine, idempotently:
# the Docker engine, the debian:bookworm-slim base image (made locally when no registry answers),
# npm packages, the sandbox images, and (for tests and the demo) code-server with Chromium.
#   scripts/provision.sh              for `npm start`
#   scripts/provision.sh --for-tests  also what the test suites need
#   scripts/provision.sh --npm-only   only the npm packages and the build (the unit tier needs no more)
# Every step is named; a failure ends with one line naming the step, why it failed and what to do.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/clean-npm-env.sh
. scripts/lib/clean-npm-env.sh
# shellcheck source=scripts/lib/steps.sh
. scripts/lib/steps.sh
clean_npm_env

MODE="${1:-}"
case "$MODE" in ""|--for-tests|--npm-only) ;; *) echo "usage: scripts/provision.sh [--for-tests|--npm-only]" >&2; exit 2 ;; esac

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "this step needs root and there is no sudo: $*" >&2; return 1; fi
}

npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

if [ "$MODE" != "--npm-only" ]; then
  APT_PACKAGES=(docker.io debootstrap ca-certificates)
  if [ "$MODE" = --for-tests ] || [ "${MPLSANDBOX_WITH_CODE_SERVER:-1}" = 1 ]; then
    # code-server's native modules and the browser that drives it in tests.
    APT_PACKAGES+=(chromium libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev iproute2)
  fi
  if [ "$MODE" = --for-tests ]; then
    # The Python example clients (examples/python) run against the service in the tests.
    APT_PACKAGES+=(python3 python3-requests)
  fi
  missing=()
  for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    run_step "apt-get update" "check the network and the mirrors in /etc/apt/sources.list*, then run npm start again" \
      as_root apt-get update -qq
    run_step "apt-get install ${missing[*]}" "install them by hand (apt-get install -y ${missing[*]}) and see apt's message above" \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi

  # Docker engine: use the one that answers (DOCKER_HOST or the local socket); start dockerd only when none does.
  start_dockerd() {
    if [ -n "${DOCKER_HOST:-}" ]; then echo "DOCKER_HOST=$DOCKER_HOST does not answer"; return 1; fi
    as_root bash -c 'setsid nohup dockerd >/var/log/mplsandbox-dockerd.log 2>&1 < /dev/null &'
    for _ in $(seq 60); do docker version >/dev/null 2>&1 && return 0; sleep 1; done
    echo "dockerd did not answer within 60 s; last lines of /var/log/mplsandbox-dockerd.log:"
    tail -n 5 /var/log/mplsandbox-dockerd.log 2>/dev/null || true
    return 1
  }
  if ! docker version >/dev/null 2>&1; then
    run_step "starting the Docker engine (dockerd)" \
      "start Docker yourself (systemctl start docker, or dockerd &) or point DOCKER_HOST at an engine, then run again" start_dockerd
  fi

  # Base image: from a registry when one answers, otherwise made with debootstrap.
  base_image() {
    docker image inspect debian:bookworm-slim >/dev/null 2>&1 && return 0
    if timeout 60 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then return 0; fi
    echo "no registry reachable: creating debian:bookworm-slim with debootstrap"
    as_root bash scripts/make-base-image.sh debian:bookworm-slim
  }
  run_step "base image debian:bookworm-slim" \
    "pull it (docker pull debian:bookworm-slim) or check the apt mirror that debootstrap uses (DEBIAN_MIRROR)" base_image
fi

run_step "npm packages (npm ci)" "check that the npm registry answers (npm ping) and, behind a TLS-inspecting proxy, that npm trusts its CA (npm config set cafile FILE), then run again" npm_packages
run_step "building the extension, CLI and webview (esbuild)" "run node esbuild.mjs to see the error" node esbuild.mjs
[ "$MODE" = "--npm-only" ] && { step_log "ready (npm packages and build)"; exit 0; }

# The full test run needs every language's image. The demo needs only those of the folder it opens
# (MPLSANDBOX_DEMO_FOLDER, set by `npm start -- --folder`): the other images are built when a run first needs
# them, with the build's progress in VS Code, so that a fresh machine reaches the demo in minutes, not after 38 builds.
if [ "$MODE" = --for-tests ]; then
  IMAGES=(--all)
else
  IMAGES=(--used-in "${MPLSANDBOX_DEMO_FOLDER:-examples}")
fi
run_step "building sandbox images ${IMAGES[*]} (only those whose Dockerfile changed)" \
  "see the build output above; node dist/cli.js images build <language> retries one image" node dist/cli.js images build "${IMAGES[@]}"

if [ "$MODE" = --for-tests ] || [ "${MPLSANDBOX_WITH_CODE_SERVER:-1}" = 1 ]; then
  bash scripts/provision-code-server.sh
fi
step_log "ready"
