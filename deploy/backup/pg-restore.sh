#!/usr/bin/env bash
# Restores a pg_dump -Fc copy into a NEW database and verifies it. Never restores over a database in use.
#
#   deploy/backup/pg-restore.sh FILE NEWDB [--owner ROLE] [--compare SOURCEDB]
#
# FILE       a copy made by pg-backup.sh or `CountySkills.Web.dll backup` (its .sha256 beside it is checked when present)
# NEWDB      the database to create; it must not exist yet
# --owner    the role to own it (countyskills_owner in production, deploy/postgres-roles.sql; the roles must exist on the server)
# --compare  a restore drill: compare every table's row count and checksum with SOURCEDB (the live one, quiet, or another restore)
# Run as a superuser or a role with CREATEDB that may create the objects and grants of the copy; libpq's PGHOST/PGPORT/PGUSER.
# Afterwards: point ConnectionStrings__Default at NEWDB (or rename the databases with the app stopped), run `migrate` if the copy
# is older than the app, start the app.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg-tools.sh"
[ $# -ge 2 ] || { sed -n 2,14p "$0"; exit 2; }
FILE=$1 NEWDB=$2; shift 2
OWNER="" COMPARE=""
while [ $# -gt 0 ]; do
  case $1 in --owner) OWNER=$2; shift 2 ;; --compare) COMPARE=$2; shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;; esac
done
need_pg_client
[ -f "$FILE" ] || { echo "no file $FILE" >&2; exit 1; }
if [ -f "$FILE.sha256" ]; then (cd "$(dirname "$FILE")" && sha256sum --quiet -c "$(basename "$FILE").sha256") || { echo "$FILE does not match its .sha256" >&2; exit 1; }; fi
list=$(pg_restore --list "$FILE") || { echo "$FILE is not a pg_dump custom-format archive" >&2; exit 1; }
grep -q ' TABLE DATA public __EFMigrationsHistory ' <<<"$list" && grep -q ' TABLE DATA public AuditEntries ' <<<"$list" ||
  { echo "$FILE is not a CountySkills database (no __EFMigrationsHistory or AuditEntries)" >&2; exit 1; }
if [ -n "$(psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$NEWDB'")" ]; then
  echo "database $NEWDB exists: a restore goes into a new database (choose another name, or dropdb it first)" >&2; exit 1
fi

started=$(date +%s)
createdb ${OWNER:+--owner="$OWNER"} "$NEWDB"
if ! pg_restore --exit-on-error --single-transaction --dbname="$NEWDB" "$FILE"; then
  dropdb "$NEWDB"; echo "pg_restore failed: $NEWDB dropped, nothing restored" >&2; exit 1
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$NEWDB" -c "ANALYZE"

# Verify: every table of the archive is there, the migrations, the audit log and its append-only triggers.
expected=$(grep -c " TABLE DATA " <<<"$list" || true)
tables=$(psql -X -At -d "$NEWDB" -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
[ "$tables" -eq "$expected" ] || { echo "restored $tables tables, the archive has data of $expected" >&2; exit 1; }
migrations=$(psql -X -At -v ON_ERROR_STOP=1 -d "$NEWDB" -c "SELECT count(*) || ' (last ' || max(\"MigrationId\") || ')' FROM \"__EFMigrationsHistory\"")
audit=$(psql -X -At -d "$NEWDB" -c 'SELECT count(*) FROM "AuditEntries"')
triggers=$(psql -X -At -d "$NEWDB" -c "SELECT count(*) FROM pg_trigger WHERE tgrelid = '\"AuditEntries\"'::regclass AND NOT tgisinternal")
[ "$triggers" -ge 1 ] || { echo "the audit log's append-only triggers are missing in $NEWDB" >&2; exit 1; }
echo "Restored $FILE into $NEWDB in $(( $(date +%s) - started )) s: $tables tables, migrations $migrations, $audit audit entries, $triggers audit triggers"

if [ -n "$COMPARE" ]; then
  a=$(mktemp) b=$(mktemp); trap 'rm -f "$a" "$b"' EXIT
  table_checksums "$COMPARE" >"$a"
  table_checksums "$NEWDB" >"$b"
  if diff -u "$a" "$b"; then
    echo "Compared with $COMPARE: all $(wc -l <"$a") tables identical (row counts and checksums)"
  else
    echo "Compared with $COMPARE: the tables above differ" >&2; exit 1
  fi
fi
