#!/bin/sh
# Starts this host's Docker engine in the background and waits until it answers on its socket.
# Also used by the fault tests to bring an engine back after stopping it.
set -eu
# Where the host's engine cannot grant every capability to a --privileged container (a VM whose bounding
# set lacks one), the cluster tool starts this container with all the others instead, and its cgroup
# mounts are then read-only: make them writable so that this engine can create its containers' cgroups.
mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
for d in /sys/fs/cgroup/*/; do mount -o remount,rw,bind "$d" 2>/dev/null || true; done
# A restarted host container keeps its filesystem: a pid file of the previous engine would stop dockerd.
rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
# The API on tcp:2375 is for the cluster tool to load images; the tool publishes it on 127.0.0.1 only, and
# on the cluster network only the balancer and the other replicas are there (sandboxes have no network).
# --tls=false says so explicitly; without it dockerd waits 15 s to warn about an unauthenticated port.
dockerd --host=unix:///var/run/docker.sock --group=engine --host=tcp://0.0.0.0:2375 --tls=false \
  --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
  --data-root=/var/lib/docker --exec-opt native.cgroupdriver=cgroupfs \
  >>/var/log/dockerd.log 2>&1 &
echo $! >/run/engine.pid
i=0
until [ -S /var/run/docker.sock ] && kill -0 "$(cat /run/engine.pid)" 2>/dev/null && \
      curl -fsS -m 2 --unix-socket /var/run/docker.sock http://engine/_ping >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -gt 120 ]; then
    echo "the Docker engine did not start within 60 s; its log:" >&2
    tail -n 30 /var/log/dockerd.log >&2
    exit 1
  fi
  sleep 0.5
done
