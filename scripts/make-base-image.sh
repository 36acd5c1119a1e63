#!/usr/bin/env bash
# Creates debian:bookworm-slim locally when no registry can be reached (CI, offline machines).
# Real users pull the same tag from Docker Hub; the project's Dockerfiles work with either.
set -euo pipefail
TAG="${1:-debian:bookworm-slim}"
if docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "base image $TAG already present"; exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
ROOT="$(mktemp -d /tmp/mplsandbox-rootfs.XXXXXX)"
trap 'rm -rf "$ROOT"' EXIT
MIRROR="${DEBIAN_MIRROR:-$(awk '/^deb / && /bookworm/ {print $2; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)}"
if [ -z "$MIRROR" ]; then
  MIRROR="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)"
fi
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
echo "debootstrap bookworm from $MIRROR"
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >/tmp/mplsandbox-debootstrap.log 2>&1 || { tail -20 /tmp/mplsandbox-debootstrap.log >&2; exit 1; }
# Same trimming as the official slim image: no apt lists, caches, docs or locales.
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/cache/apt/archives/*.deb \
       "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* "$ROOT"/tmp/*
tar -C "$ROOT" -c . | docker import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$TAG"
echo "created $TAG"
