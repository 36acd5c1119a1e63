#!/bin/sh
# pid 1 of a replica host: starts the engine, then the server; on SIGTERM lets the server drain (it stops
# accepting, finishes its runs and exits), then stops the engine, so `docker stop` with a grace period
# longer than the longest run loses nothing — the same order a Kubernetes pod's containers stop in.
set -eu
/usr/local/bin/start-engine.sh
# The server runs unprivileged; it reaches the engine through the socket's group (dockerd --group=engine).
setpriv --reuid=1000 --regid=1000 --groups=2375 node /opt/mplsandbox/dist/cli.js "$@" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true' TERM INT
# `wait` returns early when a trapped signal arrives: wait again until the server has really exited.
status=0
while kill -0 "$server" 2>/dev/null; do
  if wait "$server"; then status=0; else status=$?; fi
done
engine="$(cat /run/engine.pid 2>/dev/null || true)"
if [ -n "$engine" ] && kill -0 "$engine" 2>/dev/null; then
  kill -TERM "$engine"
  while kill -0 "$engine" 2>/dev/null; do sleep 0.2; done
fi
exit "$status"
