# Sourced by pg-backup.sh and pg-restore.sh: puts pg_dump/pg_restore/psql on PATH, installing the Debian client when missing.
need_pg_client() {
  if ! command -v pg_dump >/dev/null 2>&1; then
    for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
      [ -x "$d/pg_dump" ] && { PATH="$d:$PATH"; break; }
    done
  fi
  if ! command -v pg_dump >/dev/null 2>&1; then
    echo "pg_dump missing: installing postgresql-client-15" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql-client-15 >/dev/null
  fi
  command -v pg_dump >/dev/null 2>&1 || { echo "pg_dump is still missing" >&2; exit 1; }
}

# A table's row count and an md5 of its rows in a fixed order: "schema.table count md5", one line per table of the database.
# The job store's tables (qrtz_*) are left out: a running scheduler moves their heartbeats and next fire times on its own.
table_checksums() {
  psql -X -At -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT format('SELECT %L || '' '' || count(*) || '' '' || md5(coalesce(string_agg(x::text, ''|'' ORDER BY x::text), '''')) FROM %s x', t, t)
FROM (SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename NOT ILIKE 'qrtz\_%' ORDER BY 1) tables
\gexec
SQL
}
