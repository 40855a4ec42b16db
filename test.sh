#!/usr/bin/env bash
# Runs every test: domain and HTTP tests on SQLite and PostgreSQL, and browser tests in Debian's chromium.
# Installs what the tests need when missing (chromium, postgresql-15, fonts-noto-cjk, and for the Word report's
# print test LibreOffice Writer, poppler-utils and fonts-arphic-ukai), starts PostgreSQL 15 on a
# loopback port in a temporary folder, stops it afterwards, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
# grep without -q: -q stops reading, fc-list dies of SIGPIPE, and pipefail would count the font as missing.
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i "AR PL UKai" >/dev/null || need+=(fonts-arphic-ukai)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null || { echo "could not install ${need[*]}"; exit 1; }
fi

# --- PostgreSQL 15 in a temporary folder on a loopback port ---
PGBIN=/usr/lib/postgresql/15/bin
PGTMP=$(mktemp -d /tmp/cs-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then id postgres >/dev/null 2>&1 || useradd -r -M postgres; chown postgres "$PGTMP"; fi
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PGTMP" /tmp/countyskills-tests
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 || { cat "$PGTMP/initdb.log"; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/pg.log" -w \
  -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$PGTMP/pg.log"; exit 1; }
export CS_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
echo "PostgreSQL 15 on 127.0.0.1:$PGPORT"

# --- build once, then run each test project ---
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build CountySkills.slnx -c Release -nologo -v q || { echo "0 passed, 1 failed (build)"; exit 1; }
RESULTS="$ROOT/TestResults"; rm -rf "$RESULTS"; mkdir -p "$RESULTS"
status=0
for proj in tests/CountySkills.Tests tests/CountySkills.E2E; do
  name=$(basename "$proj")
  dotnet test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --logger "console;verbosity=normal" || status=1
done

read -r passed failed < <(python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = 0
for t in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(t).getroot().find(".//{*}Counters")
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
print(p, f)
PY
)
[ "$(ls "$RESULTS"/*.trx 2>/dev/null | wc -l)" -lt 2 ] && { failed=$((failed + 1)); status=1; }
# --- faults survived by a loopback cluster (deploy/faults.sh: a node killed, the primary restarted, the replica stopped), one test ---
echo "Fault script (deploy/faults.sh, at most 150 s)"
if deploy/faults.sh --bound 150 2>&1 | sed 's/^/  /'; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ $status -eq 0 ]
