#!/bin/sh
# Keeps nginx's upstream list equal to the ready replicas, as a Kubernetes Service keeps its endpoints
# equal to the pods whose readiness probe passes. Replica names (one a line) are in
# /etc/nginx/mplsandbox/replicas; each is resolved through the cluster network's DNS (a stopped or
# killed replica no longer resolves: out at once, like a deleted pod). A replica that resolves is ready
# after one GET /healthz answering 200 within 3 s, and unready after 3 failures in a row (the probe's
# failureThreshold), so one slow answer on a loaded machine does not take it out.
set -u
dir=/etc/nginx/mplsandbox
port="${REPLICA_PORT:-8080}"
interval="${WATCH_INTERVAL:-1}"
threshold="${FAILURE_THRESHOLD:-3}"
render() {
  ready=0
  while read -r name; do
    [ -n "$name" ] || continue
    fails="$dir/fails.$name"
    addr="$(getent hosts "$name" | awk '{ print $1; exit }')"
    if [ -z "$addr" ]; then
      echo "$threshold" >"$fails"
      continue
    fi
    if curl -fsS -o /dev/null -m 3 "http://$addr:$port/healthz"; then
      echo 0 >"$fails"
    else
      echo $(($(cat "$fails" 2>/dev/null || echo "$threshold") + 1)) >"$fails"
    fi
    if [ "$(cat "$fails")" -lt "$threshold" ]; then
      # max_fails=0: nginx never takes a replica out by itself (that is the readiness check's job); a
      # failed attempt just moves the request on, so a lone draining replica cannot leave "no live upstreams".
      echo "server $addr:$port max_fails=0; # $name"
      ready=$((ready + 1))
    fi
  done <"$dir/replicas"
  # nginx needs one server in a block: with none ready, one that refuses at once (nothing listens on
  # port 9 here), so clients get a quick 502 instead of a hang.
  [ "$ready" -gt 0 ] || echo "server 127.0.0.1:9 down; # no replica ready"
}
# Reloads nginx and waits until its new workers run (the old ones finish their requests and go), then
# records the list as applied: upstream.applied is what nginx really sends to, for whoever asks.
active_workers() { pgrep -d, -P "$(cat /run/nginx.pid 2>/dev/null || echo 1)" -f 'worker process$' || true; }
apply() {
  before="$(active_workers)"
  nginx -s reload 2>/dev/null || return 1
  i=0
  while [ "$i" -lt 100 ]; do
    now="$(active_workers)"
    if [ -n "$now" ] && [ "$now" != "$before" ]; then
      cp "$dir/upstream.conf" "$dir/upstream.applied"
      return 0
    fi
    i=$((i + 1))
    sleep 0.1
  done
  return 1
}
while :; do
  render >"$dir/upstream.next"
  # Compared with what nginx has loaded, so that a reload that failed (nginx not up yet) is tried again.
  if ! cmp -s "$dir/upstream.next" "$dir/upstream.applied"; then
    mv "$dir/upstream.next" "$dir/upstream.conf"
    apply || echo "nginx did not reload its upstreams" >&2
    echo "upstreams: $(grep -c 'max_fails' "$dir/upstream.conf" | tr -d ' ') ready ($(sed -n 's/.*# //p' "$dir/upstream.conf" | tr '\n' ' '))"
  fi
  sleep "$interval"
done
