#!/bin/sh
# pid 1 of the engine sidecar: dockerd in the foreground (SIGTERM — sent after the server has drained, as
# native sidecars stop last — stops its containers and exits).
set -eu
# Where the engine cannot be privileged and gets every capability it can instead (see deploy/README.md),
# the cgroup mounts are read-only: make them writable so that dockerd can create its containers' cgroups.
mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
for d in /sys/fs/cgroup/*/; do mount -o remount,rw,bind "$d" 2>/dev/null || true; done
mkdir -p /run/mplsandbox-engine
exec dockerd --host=unix:///run/mplsandbox-engine/docker.sock --group=engine \
  --bridge=none --iptables=false --ip6tables=false --ip-masq=false --data-root=/var/lib/docker "$@"
