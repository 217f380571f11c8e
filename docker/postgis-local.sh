# shellcheck shell=bash
# PostgreSQL 15 + PostGIS 3 from Debian's packages, for machines without a Docker engine.
# Sourced by run.sh and test.sh; every function either succeeds or stops the script with what to do.

PG_MAJOR=15
LI_CLUSTER=${LANDINVENTORY_PG_CLUSTER:-landinventory}
LI_PORT=${LANDINVENTORY_PG_PORT:-5433}
LI_STATE_DIR=${LANDINVENTORY_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/landinventory}

li_die() { printf 'landinventory: %s\n' "$*" >&2; exit 1; }
li_say() { printf '==> %s\n' "$*" >&2; }

li_require_dotnet() {
  command -v dotnet >/dev/null || li_die "the .NET SDK is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
}

li_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else li_die "need root to run: $* (install sudo, or run as root)"; fi
}

# Installs the Debian packages named, when any of them is missing.
li_ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || li_die "missing ${missing[*]} and no apt-get: install them, or set ConnectionStrings__Inventory to a PostGIS database"
  li_say "installing ${missing[*]} (Debian packages)"
  li_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
    || li_die "apt-get update failed: is the Debian mirror reachable?"
  li_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || li_die "could not install ${missing[*]}: see apt-get's message above"
}

li_ensure_postgis() { li_ensure_packages "postgresql-$PG_MAJOR" "postgresql-$PG_MAJOR-postgis-3"; }

li_psql() { li_as_root runuser -u postgres -- env PGOPTIONS='-c client_min_messages=warning' psql -p "$LI_PORT" -h /var/run/postgresql -X -q -v ON_ERROR_STOP=1 "$@"; }

# A password made on first use and kept in $LI_STATE_DIR/NAME (mode 600), not in the repository: letters and digits.
li_password() {
  local file="$LI_STATE_DIR/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$LI_STATE_DIR" && (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$file")
  fi
  local pw; pw=$(cat "$file")
  [[ $pw =~ ^[A-Za-z0-9]+$ ]] || li_die "$file is not a password this script made (letters and digits): remove it to make a new one"
  printf '%s' "$pw"
}

# A cluster of our own (not Debian's 'main'), on 127.0.0.1 only, data kept in /var/lib/postgresql across runs, with
# three roles: landinventory owns the database and migrates it; inventory_runtime is what the API may do (rows, not
# schema: src/Data/RuntimeRole.cs), and landinventory_api logs in as its member. Prints the owner's connection string
# (li_api_connection: the API's).
li_ensure_cluster() {
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$PG_MAJOR/$LI_CLUSTER"; then
    li_say "creating PostgreSQL cluster $PG_MAJOR/$LI_CLUSTER on 127.0.0.1:$LI_PORT"
    li_as_root pg_createcluster "$PG_MAJOR" "$LI_CLUSTER" -p "$LI_PORT" \
      -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null || li_die "pg_createcluster failed"
    echo "listen_addresses = '127.0.0.1'" | li_as_root tee "/etc/postgresql/$PG_MAJOR/$LI_CLUSTER/conf.d/landinventory.conf" >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v c="$LI_CLUSTER" '$2==c {print $4}' | grep -q online; then
    # Its messages ("Removed stale pid file.") go to stderr: stdout carries only the connection string.
    li_as_root pg_ctlcluster "$PG_MAJOR" "$LI_CLUSTER" start >&2 \
      || li_die "PostgreSQL cluster $PG_MAJOR/$LI_CLUSTER did not start: see /var/log/postgresql/postgresql-$PG_MAJOR-$LI_CLUSTER.log"
  fi
  local pw; pw=$(li_password db-password)
  local apipw; apipw=$(li_password db-api-password)
  # The role's password is (re)set from the file each run, so a lost state dir heals itself. It goes to psql on its
  # standard input, never on a command line, where any user of the machine would read it in ps.
  li_psql -d postgres <<SQL || li_die "could not create the landinventory role and database"
SELECT format('CREATE ROLE landinventory LOGIN PASSWORD %L', '$pw')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'landinventory') \gexec
SELECT format('ALTER ROLE landinventory PASSWORD %L', '$pw') \gexec
SELECT 'CREATE ROLE inventory_runtime NOLOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inventory_runtime') \gexec
SELECT format('CREATE ROLE landinventory_api LOGIN PASSWORD %L IN ROLE inventory_runtime', '$apipw')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'landinventory_api') \gexec
SELECT format('ALTER ROLE landinventory_api PASSWORD %L', '$apipw') \gexec
SELECT 'CREATE DATABASE landinventory OWNER landinventory'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'landinventory') \gexec
SQL
  # PostGIS needs a superuser to create; the migrations then find it present.
  li_psql -d landinventory -c 'CREATE EXTENSION IF NOT EXISTS postgis' || li_die "PostGIS is not available in the cluster"
  printf 'Host=127.0.0.1;Port=%s;Database=landinventory;Username=landinventory;Password=%s' "$LI_PORT" "$pw"
}

# The connection string the API runs with: the least-privileged landinventory_api (after li_ensure_cluster).
li_api_connection() {
  printf 'Host=127.0.0.1;Port=%s;Database=landinventory;Username=landinventory_api;Password=%s' "$LI_PORT" "$(li_password db-api-password)"
}
