#!/usr/bin/env bash
# Brings up a whole CountySkills cluster on loopback, in a temporary folder: a PostgreSQL 15 primary, a streaming replica
# (pg_basebackup -R), two app nodes in Production (the built dll) and haproxy in front (deploy/haproxy/countyskills.cfg).
# Migrates and seeds a small demo county once, creates an administrator, and prints the addresses. Take it down with
# deploy/cluster-down.sh. Options: --people N (ledger size, default 2000), --no-history (no two years of training, placements…
# seeded: quicker, emptier dashboards). Needs the Release build (built here when missing).
set -euo pipefail
. "$(dirname "$0")/cluster-lib.sh"
PEOPLE=2000; HISTORY=--history
while [ $# -gt 0 ]; do
  case "$1" in
    --people) PEOPLE=$2; shift 2 ;;
    --no-history) HISTORY=""; shift ;;
    *) echo "Usage: deploy/cluster-up.sh [--people N] [--no-history]"; exit 2 ;;
  esac
done

if [ -f /tmp/cs-cluster.current ] && [ -d "$(cat /tmp/cs-cluster.current)" ]; then
  echo "A cluster is already up in $(cat /tmp/cs-cluster.current): deploy/cluster-down.sh first."; exit 1
fi

need=()
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
[ -x "$PGBIN/initdb" ] || need+=(postgresql-15)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  say "Installing: ${need[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -f "$WEB_DLL" ]; then
  say "Building the app (Release)"
  (cd "$ROOT" && dotnet build CountySkills.slnx -c Release -nologo -v q >/dev/null)
fi

CS_CLUSTER_DIR=$(mktemp -d /tmp/cs-cluster.XXXXXX)
chmod 755 "$CS_CLUSTER_DIR"
echo "$CS_CLUSTER_DIR" >/tmp/cs-cluster.current
failed() { echo "cluster-up failed; logs in $CS_CLUSTER_DIR (deploy/cluster-down.sh removes it)"; }
trap failed ERR
mkdir -p "$CS_CLUSTER_DIR"/{pg-primary,pg-replica,sock}
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd -r -M postgres
  chown postgres "$CS_CLUSTER_DIR"/{pg-primary,pg-replica,sock}
fi
chmod 700 "$CS_CLUSTER_DIR"/{pg-primary,pg-replica,sock}

secret() { openssl rand -hex 16; }
PG_PRIMARY_PORT=$(free_port); PG_REPLICA_PORT=$(free_port); APP1_PORT=$(free_port); APP2_PORT=$(free_port)
HAPROXY_PORT=$(free_port); STATS_PORT=$(free_port)
SUPER_PG_PASSWORD=$(secret); OWNER_PG_PASSWORD=$(secret); APP_PG_PASSWORD=$(secret); REPL_PG_PASSWORD=$(secret)
DP_PASSWORD=$(secret); ADMIN_USER=opsadmin; ADMIN_PASSWORD="Ops#$(openssl rand -hex 6)Aa1"
cat >"$CS_CLUSTER_DIR/cluster.env" <<EOF
CS_CLUSTER_DIR=$CS_CLUSTER_DIR
PG_PRIMARY_PORT=$PG_PRIMARY_PORT
PG_REPLICA_PORT=$PG_REPLICA_PORT
APP1_PORT=$APP1_PORT
APP2_PORT=$APP2_PORT
HAPROXY_PORT=$HAPROXY_PORT
STATS_PORT=$STATS_PORT
SUPER_PG_PASSWORD=$SUPER_PG_PASSWORD
OWNER_PG_PASSWORD=$OWNER_PG_PASSWORD
APP_PG_PASSWORD=$APP_PG_PASSWORD
REPL_PG_PASSWORD=$REPL_PG_PASSWORD
DP_PASSWORD=$DP_PASSWORD
ADMIN_USER=$ADMIN_USER
ADMIN_PASSWORD='$ADMIN_PASSWORD'
EOF
chmod 600 "$CS_CLUSTER_DIR/cluster.env"

# --- the key-encryption certificate Production requires (ADR 0013) ---
openssl req -x509 -newkey rsa:2048 -sha256 -days 30 -nodes -subj "/CN=CountySkills cluster data protection" \
  -keyout "$CS_CLUSTER_DIR/dp.key" -out "$CS_CLUSTER_DIR/dp.crt" >/dev/null 2>&1
openssl pkcs12 -export -inkey "$CS_CLUSTER_DIR/dp.key" -in "$CS_CLUSTER_DIR/dp.crt" -out "$CS_CLUSTER_DIR/dp.pfx" -passout "pass:$DP_PASSWORD"
rm -f "$CS_CLUSTER_DIR/dp.key"; chmod 600 "$CS_CLUSTER_DIR/dp.pfx"

# --- the primary: initdb, the production settings (deploy/postgresql) shrunk for loopback, the roles ---
say "PostgreSQL primary on 127.0.0.1:$PG_PRIMARY_PORT"
P="$CS_CLUSTER_DIR/pg-primary/data"
printf '%s\n' "$SUPER_PG_PASSWORD" >"$CS_CLUSTER_DIR/pg-primary/pw"
[ "$(id -u)" -eq 0 ] && chown postgres "$CS_CLUSTER_DIR/pg-primary/pw"
as_pg "$PGBIN/initdb" -D "$P" -U postgres --pwfile="$CS_CLUSTER_DIR/pg-primary/pw" --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$CS_CLUSTER_DIR/pg-primary/initdb.log" 2>&1 || { cat "$CS_CLUSTER_DIR/pg-primary/initdb.log"; exit 1; }
rm -f "$CS_CLUSTER_DIR/pg-primary/pw"
# (root may write in the postgres user's folder; the files keep or get that user.)
cp "$DEPLOY/postgresql/countyskills.conf" "$P/countyskills.conf"
[ "$(id -u)" -eq 0 ] && chown postgres "$P/countyskills.conf"
cat >>"$P/postgresql.conf" <<'EOF'
include 'countyskills.conf'
# cluster-up.sh: a loopback cluster on a small machine
shared_buffers = 128MB
effective_cache_size = 512MB
work_mem = 8MB
maintenance_work_mem = 64MB
huge_pages = off
max_wal_size = 1GB
min_wal_size = 80MB
wal_keep_size = 256MB
max_slot_wal_keep_size = 1GB
log_min_duration_statement = -1
log_checkpoints = off
EOF
# Loopback only: the local socket (in the cluster folder, 0700) for the superuser; passwords over TCP.
cat >"$P/pg_hba.conf" <<'EOF'
local   all           postgres                              trust
host    countyskills  countyskills_app    127.0.0.1/32      scram-sha-256
host    countyskills  countyskills_owner  127.0.0.1/32      scram-sha-256
host    replication   replicator          127.0.0.1/32      scram-sha-256
host    all           postgres            127.0.0.1/32      scram-sha-256
EOF
pg_start primary
sed -e "s/change-me-owner/$OWNER_PG_PASSWORD/" -e "s/change-me-app/$APP_PG_PASSWORD/" "$DEPLOY/postgres-roles.sql" >"$CS_CLUSTER_DIR/roles.sql"
sed -e "s/change-me-replication/$REPL_PG_PASSWORD/" "$DEPLOY/postgresql/replication-role.sql" >>"$CS_CLUSTER_DIR/roles.sql"
chmod 644 "$CS_CLUSTER_DIR/roles.sql"
as_pg "$PGBIN/psql" -X -q -h "$CS_CLUSTER_DIR/sock" -p "$PG_PRIMARY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -f "$CS_CLUSTER_DIR/roles.sql" >/dev/null
rm -f "$CS_CLUSTER_DIR/roles.sql"

# --- the schema and a small demo county, once, before any node starts (operator commands, as the owner) ---
say "Migrating and seeding $PEOPLE people (as countyskills_owner)"
app_cli migrate >"$CS_CLUSTER_DIR/migrate.log" 2>&1 || { cat "$CS_CLUSTER_DIR/migrate.log"; exit 1; }
app_cli seed --people "$PEOPLE" $HISTORY >"$CS_CLUSTER_DIR/seed.log" 2>&1 || { cat "$CS_CLUSTER_DIR/seed.log"; exit 1; }
app_cli create-admin --user "$ADMIN_USER" --password "$ADMIN_PASSWORD" >"$CS_CLUSTER_DIR/admin.log" 2>&1 || { cat "$CS_CLUSTER_DIR/admin.log"; exit 1; }

# --- the replica: a base backup of the primary with its standby settings (-R), streaming through a slot ---
say "PostgreSQL replica on 127.0.0.1:$PG_REPLICA_PORT (pg_basebackup -R)"
as_pg env PGPASSWORD="$REPL_PG_PASSWORD" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U replicator \
  -D "$CS_CLUSTER_DIR/pg-replica/data" -R -X stream -c fast -C -S replica1 >"$CS_CLUSTER_DIR/pg-replica/basebackup.log" 2>&1 \
  || { cat "$CS_CLUSTER_DIR/pg-replica/basebackup.log"; exit 1; }
pg_start replica
for _ in $(seq 1 60); do
  [ "$(pg_sql primary "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" postgres)" = 1 ] && break
  sleep 0.5
done
[ "$(pg_sql replica "SELECT pg_is_in_recovery()" postgres)" = t ] || { echo "the replica is not in recovery"; exit 1; }

# --- two app nodes, then haproxy ---
for n in 1 2; do say "App node $n on 127.0.0.1:$(node_port $n)"; node_start "$n"; done
for n in 1 2; do
  wait_status "http://127.0.0.1:$(node_port $n)$HEALTH_PATH" 200 90 || { echo "node $n did not answer /healthz"; tail -30 "$CS_CLUSTER_DIR/app$n.log"; exit 1; }
done
sed -e "s/@BIND@/127.0.0.1:$HAPROXY_PORT/" -e "s/@STATS_BIND@/127.0.0.1:$STATS_PORT/" -e "s/@HEALTH_HOST@/127.0.0.1/" -e "s|@HEALTH_PATH@|$HEALTH_PATH|" \
    -e "s|@SERVERS@|    server app1 127.0.0.1:$APP1_PORT cookie app1\n    server app2 127.0.0.1:$APP2_PORT cookie app2|" \
    "$DEPLOY/haproxy/countyskills.cfg" >"$CS_CLUSTER_DIR/haproxy.cfg"
haproxy -c -q -f "$CS_CLUSTER_DIR/haproxy.cfg"
say "haproxy on 127.0.0.1:$HAPROXY_PORT"
(exec setsid haproxy -f "$CS_CLUSTER_DIR/haproxy.cfg" -db >>"$CS_CLUSTER_DIR/haproxy.log" 2>&1 </dev/null) &
echo $! >"$CS_CLUSTER_DIR/haproxy.pid"
wait_status "http://127.0.0.1:$HAPROXY_PORT$HEALTH_PATH" 200 30 || { echo "haproxy does not answer"; cat "$CS_CLUSTER_DIR/haproxy.log"; exit 1; }
trap - ERR

cat <<EOF

CountySkills cluster is up (folder $CS_CLUSTER_DIR, settings in cluster.env):
  app (haproxy)       http://127.0.0.1:$HAPROXY_PORT        sign in as $ADMIN_USER / $ADMIN_PASSWORD
  haproxy stats       http://127.0.0.1:$STATS_PORT
  app node 1          http://127.0.0.1:$APP1_PORT          log app1.log
  app node 2          http://127.0.0.1:$APP2_PORT          log app2.log
  PostgreSQL primary  127.0.0.1:$PG_PRIMARY_PORT  (psql -h $CS_CLUSTER_DIR/sock -p $PG_PRIMARY_PORT -U postgres countyskills)
  PostgreSQL replica  127.0.0.1:$PG_REPLICA_PORT  (streaming, hot standby; dashboards and reports read here)
Take it down: deploy/cluster-down.sh
EOF
