#!/usr/bin/env bash
# Adds a migration with the same name to both provider sets (SQLite and PostgreSQL), keeping them in step.
# Usage: scripts/add-migration.sh AddTrainingClasses
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh MigrationName}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/CountySkills.Web -v q -nologo >/dev/null
for ctx in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project src/CountySkills.Web \
    --context "${ctx}AppDbContext" --output-dir "Data/Migrations/${ctx}"
done
echo "Added $name to both migration sets."
