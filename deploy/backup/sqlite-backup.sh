#!/usr/bin/env bash
# A consistent copy of the SQLite database while the app runs (the app's own `backup` command: SQLite's online backup API,
# integrity_check on the copy), dated, the newest KEEP kept.
#
#   deploy/backup/sqlite-backup.sh [-d DIR] [-k KEEP]
#
# Run as the app's user with the app's settings (the same environment as its unit, e.g. ConnectionStrings__Default);
# APP_DLL (default /opt/countyskills/CountySkills.Web.dll) is the app. Example cron: 15 2 * * *  . /etc/countyskills/env; sqlite-backup.sh
set -euo pipefail
DIR=${BACKUP_DIR:-/var/backups/countyskills}
KEEP=${BACKUP_KEEP:-14}
APP_DLL=${APP_DLL:-/opt/countyskills/CountySkills.Web.dll}
while getopts "d:k:" o; do case $o in d) DIR=$OPTARG ;; k) KEEP=$OPTARG ;; *) sed -n 2,9p "$0"; exit 2 ;; esac; done
[[ $KEEP =~ ^[1-9][0-9]*$ ]] || { echo "KEEP must be a positive number" >&2; exit 2; }
umask 077
mkdir -p "$DIR"
name="$DIR/countyskills-$(date -u +%Y%m%dT%H%M%SZ).db"
dotnet "$APP_DLL" backup --to "$name"
(cd "$DIR" && sha256sum "$(basename "$name")" > "$(basename "$name").sha256")
ls -1t "$DIR"/countyskills-*.db 2>/dev/null | tail -n +$((KEEP + 1)) | while read -r old; do rm -f "$old" "$old.sha256"; done
echo "$(ls -1 "$DIR"/countyskills-*.db | wc -l) copies kept in $DIR"
