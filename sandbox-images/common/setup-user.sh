#!/bin/sh
# Shared by every sandbox image: the unprivileged user that runs code, and the work dir it owns.
# The container's root filesystem is read-only at run time; /sandbox and /tmp are tmpfs mounts.
set -eu
groupadd --gid 1000 sandbox
useradd --uid 1000 --gid 1000 --home-dir /sandbox --no-create-home --shell /bin/sh sandbox
mkdir -p /sandbox
chown sandbox:sandbox /sandbox
