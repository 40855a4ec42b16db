#!/usr/bin/env bash
# Faults the cluster must survive, on loopback, bounded in time, printing what it saw; exit code 0 only when every check holds.
#   (a) an app node killed (SIGKILL) under write load: every write acknowledged with 2xx is in the primary afterwards, and the
#       clients of the killed node go on through haproxy on the other node, signed in with the same token;
#   (b) the PostgreSQL primary restarted under load: /healthz answers 503 while it is down and 200 again after, no app restart;
#   (c) the replica stopped: the dashboard and a statistical table still answer, read from the primary (source "primary").
# Uses the cluster deploy/cluster-up.sh brought up, or brings one up itself (and takes it down at the end).
# Options: --bound SECONDS (default 170: everything, cluster included, is stopped past it), --people N (own cluster, default 500).
set -uo pipefail
. "$(dirname "$0")/cluster-lib.sh"
BOUND=170; PEOPLE=500
while [ $# -gt 0 ]; do
  case "$1" in
    --bound) BOUND=$2; shift 2 ;;
    --people) PEOPLE=$2; shift 2 ;;
    *) echo "Usage: deploy/faults.sh [--bound SECONDS] [--people N]"; exit 2 ;;
  esac
done
START=$SECONDS
OWN=0; PASSED=0; FAILED=0; LOAD_PID=""
check() { # check NAME CONDITION-EXIT-CODE DETAIL
  if [ "$2" -eq 0 ]; then PASSED=$((PASSED + 1)); say "PASS $1${3:+ — $3}"; else FAILED=$((FAILED + 1)); say "FAIL $1${3:+ — $3}"; fi
}
finish() {
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
  [ -n "${WATCHDOG:-}" ] && kill "$WATCHDOG" 2>/dev/null
  if [ -n "${CS_CLUSTER_DIR:-}" ] && [ -d "${CS_CLUSTER_DIR:-/nonexistent}" ]; then
    # Whatever a check left stopped is started again for a cluster we did not make; ours is taken down.
    if [ $OWN -eq 1 ]; then "$DEPLOY/cluster-down.sh" "$CS_CLUSTER_DIR" >/dev/null 2>&1
    else
      [ -f "$CS_CLUSTER_DIR/pg-primary/data/postmaster.pid" ] || pg_start primary
      [ -f "$CS_CLUSTER_DIR/pg-replica/data/postmaster.pid" ] || pg_start replica
      for n in 1 2; do pid_alive "$CS_CLUSTER_DIR/app$n.pid" || node_start "$n"; done
    fi
  fi
  say "faults: $PASSED passed, $FAILED failed in $((SECONDS - START)) s"
  [ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
}
trap 'exit_code=0; finish || exit_code=1; exit $exit_code' EXIT
trap 'say "FAIL the bound of $BOUND s was reached"; FAILED=$((FAILED + 1)); exit 1' TERM
( exec >/dev/null 2>&1 </dev/null; sleep "$BOUND" & s=$!; trap 'kill $s; exit 0' TERM; wait $s; kill -TERM $$ ) & WATCHDOG=$!

if ! load_cluster >/dev/null 2>&1 || ! pid_alive "$CS_CLUSTER_DIR/haproxy.pid"; then
  say "Bringing up a cluster of my own ($PEOPLE people)"
  "$DEPLOY/cluster-up.sh" --people "$PEOPLE" --no-history | sed 's/^/  /' || { FAILED=$((FAILED + 1)); say "FAIL cluster-up"; exit 1; }
  OWN=1; load_cluster
fi
H="http://127.0.0.1:$HAPROXY_PORT"
WORK="$CS_CLUSTER_DIR/faults"; mkdir -p "$WORK"
VILLAGE=$(pg_sql primary 'SELECT "Code" FROM "Regions" WHERE length("Code") = 12 ORDER BY "Code" LIMIT 1')
say "Cluster $CS_CLUSTER_DIR: haproxy $H, nodes :$APP1_PORT :$APP2_PORT, primary :$PG_PRIMARY_PORT, replica :$PG_REPLICA_PORT"

load() { # load NAME CLIENTS SECONDS: the write client in the background
  python3 "$DEPLOY/tools/writeload.py" --url "$H" --user "$ADMIN_USER" --password "$ADMIN_PASSWORD" --village "$VILLAGE" \
    --clients "$2" --seconds "$3" --out "$WORK/$1.json" >"$WORK/$1.log" 2>&1 &
  LOAD_PID=$!
}
# How many of the acknowledged writes of a run the primary holds, and how many were acknowledged.
acks_in_db() {
  python3 - "$WORK/$1.json" >"$WORK/$1.sql" <<'PY'
import json, sys
acks = json.load(open(sys.argv[1]))["acknowledged"]
ids = ",".join("'" + a["idNumber"] + "'" for a in acks) or "NULL"
print(f'SELECT count(*) FROM "People" WHERE "IdNumber" IN ({ids});')
PY
  local found; found=$(as_pg "$PGBIN/psql" -X -q -t -A -h "$CS_CLUSTER_DIR/sock" -p "$PG_PRIMARY_PORT" -U postgres -d countyskills -f - <"$WORK/$1.sql")
  echo "$found $(python3 -c 'import json,sys;print(len(json.load(open(sys.argv[1]))["acknowledged"]))' "$WORK/$1.json")"
}
summary() { python3 -c 'import json,sys;d=json.load(open(sys.argv[1]));print(" ".join(f"{k}:{v}" for k,v in sorted(d["outcomes"].items())))' "$WORK/$1.json"; }

# ---------------------------------------------------------------- (a) a node killed under write load
say "(a) write load through haproxy (4 clients, 16 s); SIGKILL app node 1 after 6 s"
load kill 4 16
sleep 6
VICTIM=$(cat "$CS_CLUSTER_DIR/app1.pid")
kill -9 "$VICTIM"; say "    SIGKILL app1 (pid $VICTIM)"
wait "$LOAD_PID"; LOAD_PID=""
sed 's/^/  /' "$WORK/kill.log" | tail -4
read -r found acked < <(acks_in_db kill)
say "    outcomes: $(summary kill)"
check "(a) every acknowledged write is in the database" $([ "$acked" -gt 0 ] && [ "$found" = "$acked" ]; echo $?) "$found of $acked acknowledged writes found on the primary"
moved=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
on1=[c for c in d["clients"] if "app1" in c["servers"]]
moved=[c for c in on1 if c["servers"][-1]=="app2"]
print(len(on1), len(moved), " ".join(str(c["client"])+":"+">".join(c["servers"]) for c in d["clients"]))' "$WORK/kill.json")
read -r on1 nmoved timeline <<<"$moved"
check "(a) the killed node's clients go on on the other node" $([ "$on1" -gt 0 ] && [ "$on1" = "$nmoved" ]; echo $?) "$nmoved of $on1 clients of app1 moved to app2 (client:servers $timeline)"
unauth=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["outcomes"].get("401",0))' "$WORK/kill.json")
check "(a) their sign-in holds on the other node (keys in the database)" $([ "$unauth" = 0 ]; echo $?) "$unauth answers 401"
say "    restarting app1"
node_start 1
wait_status "http://127.0.0.1:$APP1_PORT$HEALTH_PATH" 200 60 || say "    app1 did not come back"

# ---------------------------------------------------------------- (b) the primary restarted under load
say "(b) write load (2 clients, 15 s); PostgreSQL primary stopped after 4 s, started again 3 s after the nodes answer 503"
pids_before="$(cat "$CS_CLUSTER_DIR/app1.pid") $(cat "$CS_CLUSTER_DIR/app2.pid")"
load restart 2 15
sleep 4
pg_stop primary fast; DOWN_AT=$(date +%s.%N); say "    primary stopped"
down_ok=0
for n in 1 2; do
  wait_status "http://127.0.0.1:$(node_port $n)$HEALTH_PATH" 503 10 || down_ok=1
done
codes="$(curl -s -o /dev/null -m 6 -w '%{http_code}' "http://127.0.0.1:$APP1_PORT$HEALTH_PATH") $(curl -s -o /dev/null -m 6 -w '%{http_code}' "http://127.0.0.1:$APP2_PORT$HEALTH_PATH")"
check "(b) /healthz answers 503 while the primary is down" $([ $down_ok -eq 0 ] && [ "$codes" = "503 503" ]; echo $?) "nodes answered $codes"
sleep 3
pg_start primary; UP_AT=$(date +%s.%N); say "    primary started"
up_ok=0
for n in 1 2; do wait_status "http://127.0.0.1:$(node_port $n)$HEALTH_PATH" 200 30 || up_ok=1; done
pids_after="$(cat "$CS_CLUSTER_DIR/app1.pid") $(cat "$CS_CLUSTER_DIR/app2.pid")"
alive=0; for p in $pids_after; do kill -0 "$p" 2>/dev/null || alive=1; done
check "(b) /healthz answers 200 again, the nodes not restarted" $([ $up_ok -eq 0 ] && [ $alive -eq 0 ] && [ "$pids_before" = "$pids_after" ]; echo $?) \
  "200 after $(python3 -c "import time;print(round(time.time()-$UP_AT,1))") s, pids $pids_after"
wait "$LOAD_PID"; LOAD_PID=""
read -r found acked < <(acks_in_db restart)
after=$(python3 -c 'import json,sys;print(sum(1 for a in json.load(open(sys.argv[1]))["acknowledged"] if a["t"]>float(sys.argv[2])))' "$WORK/restart.json" "$UP_AT")
say "    outcomes: $(summary restart)"
check "(b) writes go on after the restart, every acknowledged one kept" $([ "$after" -gt 0 ] && [ "$found" = "$acked" ]; echo $?) "$after writes acknowledged after the restart; $found of $acked in the database"

# ---------------------------------------------------------------- (c) the replica stopped
say "(c) dashboards with the replica up, then stopped"
TOKEN=$(curl -s -m 10 -H 'Content-Type: application/json' -d "{\"userName\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASSWORD\"}" "$H/api/auth/login" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])' 2>/dev/null)
source_of() { # GET path -> "status source seconds"
  local out; out=$(curl -s -m 15 -o "$WORK/c.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" "$H$1")
  echo "${out% *} $(python3 -c 'import json,sys
try: print(json.load(open(sys.argv[1])).get("source"))
except Exception: print("-")' "$WORK/c.json") ${out#* }"
}
# The replica catches up with the restarted primary first (its WAL receiver retries every few seconds).
for _ in $(seq 1 40); do [ "$(pg_sql replica "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" postgres)" = 1 ] && break; sleep 0.5; done
say "    replica up: dashboard $(source_of /api/dashboard)"
pg_stop replica fast; say "    replica stopped"
c_ok=0; seen=""
for i in 1 2 3 4; do
  for path in /api/dashboard /api/reports/training; do
    r=$(source_of "$path"); seen="$seen; $path $r"
    read -r st src secs <<<"$r"
    [ "$st" = 200 ] && [ "$src" = primary ] && python3 -c "import sys;sys.exit(0 if float('$secs')<5 else 1)" || c_ok=1
  done
done
check "(c) with the replica stopped, dashboards and tables answer from the primary" $c_ok "${seen#; }"
pg_start replica; say "    replica started again"
back=""
for _ in $(seq 1 30); do r=$(source_of /api/dashboard); case "$r" in *" replica "*) back=$r; break ;; esac; sleep 1; done
say "    after the replica is back: dashboard ${back:-still from the primary}"
exit 0
