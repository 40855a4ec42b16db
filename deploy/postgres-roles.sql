-- CountySkills on PostgreSQL: two roles, so that the application cannot rewrite its own audit log (ADR 0013).
--
--   countyskills_owner  owns the database and its tables; runs the migrations (`dotnet CountySkills.Web.dll migrate`, or the
--                       idempotent SQL script). Its password stays with the operator, not in the app's settings.
--   countyskills_app    the app's own connection string (ConnectionStrings__Default). Reads and writes the data, may only
--                       INSERT into and SELECT from "AuditEntries" (the AuditHardening migration narrows it), runs no DDL, so
--                       Database__MigrateOnStart stays false.
--
-- Run once as a superuser (or a role with CREATEROLE and CREATEDB), with psql: psql -v ON_ERROR_STOP=1 -f deploy/postgres-roles.sql
-- Replace the passwords first. Another name for the app role: keep it, and tell the migration before migrating:
--   ALTER DATABASE countyskills SET countyskills.app_role = 'that_name';

CREATE ROLE countyskills_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE countyskills_app LOGIN PASSWORD 'change-me-app';
CREATE DATABASE countyskills OWNER countyskills_owner;

\connect countyskills

-- Only the owner creates objects; the app uses them.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO countyskills_owner;
GRANT USAGE ON SCHEMA public TO countyskills_app;

-- Every table and sequence the owner's migrations create: reading and writing for the app (no TRUNCATE, no DDL) ...
ALTER DEFAULT PRIVILEGES FOR ROLE countyskills_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO countyskills_app;
ALTER DEFAULT PRIVILEGES FOR ROLE countyskills_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO countyskills_app;
-- ... except "AuditEntries": the AuditHardening migration, run as countyskills_owner, revokes UPDATE, DELETE, TRUNCATE,
-- REFERENCES and TRIGGER on it from countyskills_app and leaves INSERT and SELECT. The table's triggers refuse UPDATE, DELETE
-- and TRUNCATE from everyone, the owner included; only the owner could drop them, which is why its password is kept apart.

-- A database migrated before these roles existed (tables owned by another role): make countyskills_owner their owner, then
-- give the app what the defaults above would have, and take the audit log back:
--   REASSIGN OWNED BY old_owner TO countyskills_owner;
--   GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO countyskills_app;
--   GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO countyskills_app;
--   REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEntries" FROM countyskills_app;
--
-- Check:  SELECT privilege_type FROM information_schema.role_table_grants
--         WHERE grantee = 'countyskills_app' AND table_name = 'AuditEntries';     -- INSERT, SELECT
