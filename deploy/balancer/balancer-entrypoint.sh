#!/bin/sh
# pid 1 of the balancer: nginx in the foreground, the replica watcher beside it.
set -eu
dir=/etc/nginx/mplsandbox
[ -f "$dir/upstream.conf" ] || echo "server 127.0.0.1:9 down; # not checked yet" >"$dir/upstream.conf"
cp "$dir/upstream.conf" "$dir/upstream.applied"
/usr/local/bin/watch-replicas.sh &
exec nginx -g 'daemon off;'
