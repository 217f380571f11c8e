#!/usr/bin/env bash
# First start of the compose database only (docker-entrypoint-initdb.d): the roles of docs/security.md. The superuser
# (POSTGRES_USER) stays the operator's; landinventory owns the database and migrates it (the import service);
# inventory_runtime may change rows and nothing else (src/Data/RuntimeRole.cs), and landinventory_api, the API's login,
# is its member. Passwords come from the environment, on psql's standard input, never its command line.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -X -q --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE landinventory LOGIN PASSWORD '${LANDINVENTORY_DB_PASSWORD:?set LANDINVENTORY_DB_PASSWORD}';
CREATE ROLE inventory_runtime NOLOGIN;
CREATE ROLE landinventory_api LOGIN PASSWORD '${LANDINVENTORY_API_DB_PASSWORD:?set LANDINVENTORY_API_DB_PASSWORD}' IN ROLE inventory_runtime;
ALTER DATABASE "$POSTGRES_DB" OWNER TO landinventory;
CREATE EXTENSION IF NOT EXISTS postgis;
SQL
