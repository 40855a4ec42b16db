-- The role a replica streams with (run once on the primary as a superuser; replace the password):
--   psql -v ON_ERROR_STOP=1 -f deploy/postgresql/replication-role.sql
-- then on the replica machine, with its data folder empty and PostgreSQL stopped:
--   pg_basebackup -h PRIMARY -U replicator -D /var/lib/postgresql/15/main -R -X stream -C -S replica1 -P
-- (-R writes primary_conninfo and standby.signal; -C -S keeps a replication slot so the primary holds WAL the replica has not had.)
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD 'change-me-replication';
