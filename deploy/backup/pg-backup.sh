#!/usr/bin/env bash
# A logical copy of the CountySkills PostgreSQL database (pg_dump -Fc), dated, checked readable, the newest KEEP kept.
#
#   deploy/backup/pg-backup.sh [-d DIR] [-k KEEP] [DBNAME]
#
# DIR    where copies go (default $BACKUP_DIR or /var/backups/countyskills); then copy them off the machine (docs/operations/backup.md)
# KEEP   how many copies of this database to keep in DIR (default $BACKUP_KEEP or 14)
# DBNAME default $PGDATABASE or countyskills
# The connection is libpq's: PGHOST, PGPORT, PGUSER (the owner role, or any role that may read every table), and the password in
# ~/.pgpass or PGPASSWORD set by the caller's unit, never on this command line. Same as `dotnet CountySkills.Web.dll backup --to DIR/`,
# for hosts without the app. Example cron (as postgres): 15 2 * * *  /opt/countyskills/deploy/backup/pg-backup.sh -k 30
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg-tools.sh"
DIR=${BACKUP_DIR:-/var/backups/countyskills}
KEEP=${BACKUP_KEEP:-14}
while getopts "d:k:" o; do case $o in d) DIR=$OPTARG ;; k) KEEP=$OPTARG ;; *) sed -n 2,13p "$0"; exit 2 ;; esac; done
shift $((OPTIND - 1))
DB=${1:-${PGDATABASE:-countyskills}}
[[ $KEEP =~ ^[1-9][0-9]*$ ]] || { echo "KEEP must be a positive number" >&2; exit 2; }
need_pg_client

umask 077
mkdir -p "$DIR"
name="$DIR/$DB-$(date -u +%Y%m%dT%H%M%SZ).dump"
tmp="$name.partial"
trap 'rm -f "$tmp"' EXIT
started=$(date +%s)
pg_dump --format=custom --dbname="$DB" --file="$tmp"
# Readable, and holds data of every table the database has.
tables=$(psql -X -At -v ON_ERROR_STOP=1 -d "$DB" -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
data=$(pg_restore --list "$tmp" | grep -c " TABLE DATA " || true)
[ "$data" -eq "$tables" ] || { echo "the copy holds data of $data tables, the database has $tables: not kept" >&2; exit 1; }
mv "$tmp" "$name"
(cd "$DIR" && sha256sum "$(basename "$name")" > "$(basename "$name").sha256")
# Keep the newest KEEP copies of this database.
ls -1t "$DIR/$DB"-*.dump 2>/dev/null | tail -n +$((KEEP + 1)) | while read -r old; do rm -f "$old" "$old.sha256"; done
echo "Backup written to $name: $tables tables, $(stat -c %s "$name") bytes, in $(( $(date +%s) - started )) s; $(ls -1 "$DIR/$DB"-*.dump | wc -l) copies kept in $DIR"
