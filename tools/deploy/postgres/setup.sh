#!/bin/bash
# Creates CdsLearn's PostgreSQL role and database on this server and writes the connection to the env file.
# Run as root after `apt-get install -y postgresql` (PostgreSQL 15 on Debian 12). Safe to run again:
#
#   setup.sh                     create role and database if missing; write the env file if it has no connection yet
#   setup.sh --rotate-password   give the role a new generated password and write it (then: systemctl restart cdslearn)
#
# The password is generated here (40 letters and digits), written only to ENV_FILE (root:root 0600), and handed to
# psql on stdin, never on a command line. The role may log in only with it, over loopback (see README: pg_hba).
# Settings (environment): DB_NAME (cdslearn), DB_USER (cdslearn), ENV_FILE (/etc/cdslearn/cdslearn.env),
# PGPORT (5432), PG_SUPERUSER (postgres), PG_SOCKET (/var/run/postgresql).
set -euo pipefail
umask 077

db_name=${DB_NAME:-cdslearn}
db_user=${DB_USER:-cdslearn}
env_file=${ENV_FILE:-/etc/cdslearn/cdslearn.env}
port=${PGPORT:-5432}
pg_superuser=${PG_SUPERUSER:-postgres}
pg_socket=${PG_SOCKET:-/var/run/postgresql}

rotate=false
case ${1:-} in
    --rotate-password) rotate=true ;;
    "") ;;
    *) echo "usage: $0 [--rotate-password]" >&2; exit 2 ;;
esac
[[ $db_name =~ ^[a-z_][a-z0-9_]*$ && $db_user =~ ^[a-z_][a-z0-9_]*$ ]] || {
    echo "DB_NAME and DB_USER: lower-case letters, digits and _ only" >&2
    exit 2
}
command -v psql >/dev/null || { echo "psql not found: apt-get install -y postgresql" >&2; exit 1; }

psql_superuser() {
    runuser -u "$pg_superuser" -- env PGHOST="$pg_socket" PGPORT="$port" psql -X -q -A -t -v ON_ERROR_STOP=1 -d postgres "$@"
}

# KEY=VALUE into the env file, replacing an existing KEY line; the file stays root:root 0600.
set_env() {
    local key=$1 value=$2 next
    mkdir -p "$(dirname "$env_file")"
    touch "$env_file"
    next=$(mktemp "$env_file.XXXXXX")
    grep -v "^$key=" "$env_file" >"$next" || true
    printf '%s=%s\n' "$key" "$value" >>"$next"
    chown root:root "$next"
    chmod 0600 "$next"
    mv "$next" "$env_file"
}

role_exists=$(psql_superuser <<SQL
\set role '$db_user'
SELECT count(*) FROM pg_roles WHERE rolname = :'role';
SQL
)
has_connection=false
if [[ -f $env_file ]] && grep -q '^ConnectionStrings__Default=.*Password=' "$env_file"; then
    has_connection=true
fi

password=
if [[ $role_exists == 0 ]] || $rotate || ! $has_connection; then
    password=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40 || true)
    [[ ${#password} -eq 40 ]] || { echo "could not generate a password" >&2; exit 1; }
fi

# Role: may log in, nothing more (no superuser, no createdb, no createrole). Password hashed with SCRAM-SHA-256.
psql_superuser <<SQL
SET password_encryption = 'scram-sha-256';
\set role '$db_user'
\set db '$db_name'
\set password '$password'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') WHERE :'password' <> '' \gexec
-- UTF-8; C.UTF-8 collation sorts like SQLite's binary order, so both providers list things the same way.
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' LOCALE ''C.UTF-8'' TEMPLATE template0', :'db', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SQL

if [[ -n $password ]]; then
    set_env Database__Provider Postgres
    set_env ConnectionStrings__Default "Host=127.0.0.1;Port=$port;Database=$db_name;Username=$db_user;Password=$password"
    echo "setup: role $db_user has a new password, written to $env_file (restart cdslearn if it was running)"
else
    echo "setup: role $db_user and database $db_name exist; $env_file already holds the connection (--rotate-password for a new one)"
fi

# Loopback only: say so if the server listens elsewhere or lets the role in without a password.
listen=$(psql_superuser -c 'SHOW listen_addresses')
if [[ $listen != localhost && $listen != 127.0.0.1 && $listen != "127.0.0.1,::1" && $listen != "localhost,127.0.0.1" ]]; then
    echo "setup: WARNING: listen_addresses = '$listen'; on a single server it should be 'localhost' (postgresql.conf)" >&2
fi
weak=$(psql_superuser -c "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method IN ('trust', 'password', 'md5') AND type <> 'local'")
if [[ $weak != 0 ]]; then
    echo "setup: WARNING: pg_hba.conf has $weak host rule(s) with trust/password/md5; use scram-sha-256 (see README)" >&2
fi
echo "setup: database $db_name (owner $db_user) ready on port $port"
