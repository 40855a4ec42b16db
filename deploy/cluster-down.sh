#!/usr/bin/env bash
# Stops the cluster deploy/cluster-up.sh brought up (haproxy, the app nodes, the replica, the primary) and removes its folder.
# Argument: the cluster's folder (default: the one cluster-up.sh last made, see /tmp/cs-cluster.current).
set -uo pipefail
. "$(dirname "$0")/cluster-lib.sh"
CS_CLUSTER_DIR=$(cluster_dir "${1:-}")
if [ -z "$CS_CLUSTER_DIR" ] || [ ! -d "$CS_CLUSTER_DIR" ]; then echo "No cluster to take down."; rm -f /tmp/cs-cluster.current; exit 0; fi
case "$CS_CLUSTER_DIR" in /tmp/cs-cluster.*) ;; *) echo "Not a cluster folder: $CS_CLUSTER_DIR"; exit 1 ;; esac

stop_pid() { # pidfile: SIGTERM, then SIGKILL after 10 s
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null
}
stop_pid "$CS_CLUSTER_DIR/haproxy.pid"
stop_pid "$CS_CLUSTER_DIR/app1.pid"
stop_pid "$CS_CLUSTER_DIR/app2.pid"
for db in replica primary; do
  [ -f "$CS_CLUSTER_DIR/pg-$db/data/postmaster.pid" ] && pg_stop "$db" fast
done
rm -rf "$CS_CLUSTER_DIR"
[ "$(cat /tmp/cs-cluster.current 2>/dev/null)" = "$CS_CLUSTER_DIR" ] && rm -f /tmp/cs-cluster.current
echo "Cluster $CS_CLUSTER_DIR is down and removed."
