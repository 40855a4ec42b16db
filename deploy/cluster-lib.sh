# Shared by cluster-up.sh, cluster-down.sh and faults.sh (sourced, not run). Everything here acts on loopback only.
PGBIN=/usr/lib/postgresql/15/bin
DEPLOY=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$DEPLOY/.." && pwd)
WEB_DIR="$ROOT/src/CountySkills.Web/bin/Release/net10.0"
WEB_DLL="$WEB_DIR/CountySkills.Web.dll"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# What says a node can serve (the database answers): haproxy's check, and what the fault script expects 503 from while the primary is down.
HEALTH_PATH=${CS_HEALTH_PATH:-/healthz}

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The cluster's folder: the argument, else CS_CLUSTER_DIR, else the one cluster-up.sh last made.
cluster_dir() {
  local d="${1:-${CS_CLUSTER_DIR:-}}"
  [ -z "$d" ] && [ -f /tmp/cs-cluster.current ] && d=$(cat /tmp/cs-cluster.current)
  printf '%s' "$d"
}

load_cluster() {
  CS_CLUSTER_DIR=$(cluster_dir "${1:-}")
  [ -n "$CS_CLUSTER_DIR" ] && [ -f "$CS_CLUSTER_DIR/cluster.env" ] || { echo "No cluster found (run deploy/cluster-up.sh first)"; return 1; }
  # shellcheck disable=SC1091
  . "$CS_CLUSTER_DIR/cluster.env"
}

# psql as the superuser over the cluster's socket: primary | replica.
pg_sql() {
  local port=$PG_PRIMARY_PORT; [ "$1" = replica ] && port=$PG_REPLICA_PORT
  as_pg "$PGBIN/psql" -X -q -t -A -h "$CS_CLUSTER_DIR/sock" -p "$port" -U postgres -d "${3:-countyskills}" -v ON_ERROR_STOP=1 -c "$2"
}

pg_start() { # primary | replica
  local port=$PG_PRIMARY_PORT; [ "$1" = replica ] && port=$PG_REPLICA_PORT
  as_pg "$PGBIN/pg_ctl" -D "$CS_CLUSTER_DIR/pg-$1/data" -l "$CS_CLUSTER_DIR/pg-$1/postgres.log" -w -t 60 \
    -o "-p $port -k $CS_CLUSTER_DIR/sock -c listen_addresses=127.0.0.1" start >/dev/null
}

pg_stop() { # primary | replica [mode]
  as_pg "$PGBIN/pg_ctl" -D "$CS_CLUSTER_DIR/pg-$1/data" -m "${2:-fast}" -w -t 60 stop >/dev/null 2>&1
}

# The settings every app node runs with (Production, as an operator would set them; see deploy/systemd/countyskills.env.example).
node_env() {
  cat <<EOF
ASPNETCORE_ENVIRONMENT=Production
DOTNET_CLI_TELEMETRY_OPTOUT=1
DOTNET_NOLOGO=1
Database__Provider=Postgres
ConnectionStrings__Default=Host=127.0.0.1;Port=$PG_PRIMARY_PORT;Database=countyskills;Username=countyskills_app;Password=$APP_PG_PASSWORD;Maximum Pool Size=50;Timeout=5
ConnectionStrings__Replica=Host=127.0.0.1;Port=$PG_REPLICA_PORT;Maximum Pool Size=50;Timeout=3
Database__MigrateOnStart=false
App__PublicBaseUrl=http://127.0.0.1:$HAPROXY_PORT
AllowedHosts=127.0.0.1;localhost
App__ForwardedProxies=127.0.0.1
DataProtection__CertificatePath=$CS_CLUSTER_DIR/dp.pfx
DataProtection__CertificatePassword=$DP_PASSWORD
Serilog__MinimumLevel__Default=Warning
App__StaticWebAssetsFromBuild=true
EOF
}

# Runs the app's operator command (migrate, seed, create-admin…) as the owner role, which may run DDL.
app_cli() {
  local vars; mapfile -t vars < <(node_env)
  (cd "$WEB_DIR" && env "${vars[@]}" \
    "ConnectionStrings__Default=Host=127.0.0.1;Port=$PG_PRIMARY_PORT;Database=countyskills;Username=countyskills_owner;Password=$OWNER_PG_PASSWORD;Timeout=5" \
    dotnet "$WEB_DLL" "$@")
}

node_port() { if [ "$1" = 1 ]; then echo "$APP1_PORT"; else echo "$APP2_PORT"; fi; }

# Starts app node 1 or 2 in the background, its current folder the dll's (the content root), its log and pid in the cluster folder.
node_start() {
  local n=$1 port; port=$(node_port "$1")
  local vars; mapfile -t vars < <(node_env)
  (cd "$WEB_DIR" && exec env "${vars[@]}" setsid dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" >>"$CS_CLUSTER_DIR/app$n.log" 2>&1 </dev/null) &
  echo $! >"$CS_CLUSTER_DIR/app$n.pid"
}

# Waits until a URL answers the given status (default 200), at most N seconds (default 60).
wait_status() {
  local url=$1 want=${2:-200} limit=${3:-60} code end=$((SECONDS + ${3:-60}))
  while [ $SECONDS -lt $end ]; do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null)
    [ "$code" = "$want" ] && return 0
    sleep 0.25
  done
  return 1
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
