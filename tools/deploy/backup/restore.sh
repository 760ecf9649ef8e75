#!/bin/bash
# Puts a backup made by backup.sh back, or rehearses it. Run as root on the server.
#
#   restore.sh --drill FILE   restore into a scratch copy, start a second instance of the app on it (127.0.0.1:5081)
#                             and check /healthz; the live site and its database are not touched. Do this monthly.
#   restore.sh FILE           stop the site, replace its database with FILE, start it, check /healthz.
#                             SQLite: the previous database stays as cdslearn.db.before-restore-<time>.
#                             PostgreSQL: the previous database is renamed cdslearn_before_restore_<time>.
#
# FILE: cdslearn-<time>.db (SQLite, from `cdslearn db backup`) or cdslearn-<time>.dump (PostgreSQL, pg_dump -Fc).
# The recordings in audio/ beside FILE (backup.sh keeps them there) are copied back into $CDSLEARN_DATA/audio: files
# the site lacks only, never over one it has (a name is its content).
# Settings come from /etc/cdslearn/cdslearn.env (ENV_FILE) like the site's: Database__Provider, ConnectionStrings__Default.
# The keys in a backup are encrypted with the key-encryption key (KEY_FILE, /etc/cdslearn/key-encryption-key), which is
# not in the backup: the drill starts its instance with that key, so it fails when the two do not belong together.
# PostgreSQL restores run as the postgres superuser over the local socket (PG_SOCKET, /var/run/postgresql).
set -euo pipefail

env_file=${ENV_FILE:-/etc/cdslearn/cdslearn.env}
key_file=${KEY_FILE:-/etc/cdslearn/key-encryption-key}
data=${CDSLEARN_DATA:-/var/lib/cdslearn}
app=${CDSLEARN_APP:-/opt/cdslearn/app}
cli=${CDSLEARN_CLI:-cdslearn}
service=${CDSLEARN_SERVICE:-cdslearn}
site_user=${CDSLEARN_USER:-cdslearn}
pg_superuser=${PG_SUPERUSER:-postgres}
pg_socket=${PG_SOCKET:-/var/run/postgresql}
systemctl=${SYSTEMCTL:-systemctl}
health_url=${HEALTH_URL:-http://127.0.0.1:5080/healthz}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

usage() {
    echo "usage: $0 [--drill] FILE" >&2
    exit 2
}

drill=false
if [[ ${1:-} == --drill ]]; then
    drill=true
    shift
fi
[[ $# -eq 1 ]] || usage
file=$(realpath -e -- "$1")

# The env file is systemd's EnvironmentFile syntax, not shell: a connection string's ';' would end a shell
# command. Read it line by line instead of sourcing it.
if [[ -r $env_file ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
        [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
        key=${BASH_REMATCH[1]}
        value=${BASH_REMATCH[2]}
        if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
            value=${BASH_REMATCH[1]}
        fi
        export "$key=$value"
    done <"$env_file"
fi
provider=${Database__Provider:-Sqlite}
provider=${provider,,}
case $file in
    *.dump) [[ $provider == postgres ]] || { echo "$file is a PostgreSQL dump but Database__Provider is not Postgres" >&2; exit 1; } ;;
    *) [[ $provider != postgres ]] || { echo "$file is not a .dump; Database__Provider=Postgres restores pg_dump -Fc archives only" >&2; exit 1; } ;;
esac

# shellcheck source=SCRIPTDIR/pg-environment.sh
source "$(dirname "$(realpath "$0")")/pg-environment.sh"

# As the PostgreSQL superuser over the local socket (peer authentication), on the port of the connection string.
as_superuser() {
    runuser -u "$pg_superuser" -- env -u PGUSER -u PGPASSWORD -u PGDATABASE PGHOST="$pg_socket" "$@"
}

psql_superuser() {
    as_superuser psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
}

# Replaces database $1 with the dump: the old one renamed to $2 (if $2 is set), or dropped.
pg_restore_into() {
    local database=$1 aside=${2:-}
    local owner=${PGUSER:?ConnectionStrings__Default names no Username}
    psql_superuser <<SQL
\set db '$database'
\set aside '$aside'
\set owner '$owner'
\o /dev/null
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :'db' AND pid <> pg_backend_pid();
\o
SELECT format(CASE WHEN :'aside' = '' THEN 'DROP DATABASE IF EXISTS %I' ELSE 'ALTER DATABASE %I RENAME TO %I' END, :'db', :'aside')
 WHERE EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' LOCALE ''C.UTF-8'' TEMPLATE template0', :'db', :'owner') \gexec
SQL
    # As the application's role, in one transaction: a dump that fails half-way leaves an empty database, not half a one.
    as_superuser pg_restore --exit-on-error --single-transaction --no-owner --no-acl --role="$owner" --dbname="$database" <"$file"
}

# The recordings beside the backup (backup.sh's audio/, without removed/) back into the data folder, as the site's user.
restore_audio() {
    local from
    from="$(dirname "$file")/audio"
    [[ -d $from ]] || return 0
    local sub files
    shopt -s nullglob
    for sub in "$from"/??/; do
        files=("$sub"*.webm "$sub"*.ogg)
        ((${#files[@]} > 0)) || continue
        runuser -u "$site_user" -- mkdir -p "$data/audio/$(basename "$sub")"
        runuser -u "$site_user" -- cp -n --preserve=timestamps "${files[@]}" "$data/audio/$(basename "$sub")/"
    done
    shopt -u nullglob
    echo "restore: recordings copied back from $from into $data/audio"
}

wait_healthy() {
    local url=$1 pid=${2:-}
    for _ in $(seq 1 300); do
        if curl -fsS --max-time 5 "$url" >/dev/null 2>&1; then
            echo "restore: $url answers Healthy"
            return 0
        fi
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        sleep 1
    done
    echo "restore: $url did not answer Healthy" >&2
    return 1
}

# The drill leaves nothing behind: its app instance stopped, its scratch database and folder removed.
drill_pid=
drill_db=
scratch=
drill_cleanup() {
    if [[ -n $drill_pid ]] && kill "$drill_pid" 2>/dev/null; then
        wait "$drill_pid" 2>/dev/null || true
    fi
    if [[ -n $drill_db ]]; then
        psql_superuser -c "DROP DATABASE IF EXISTS \"$drill_db\" WITH (FORCE)" || true
    fi
    if [[ -n $scratch ]]; then
        rm -rf "$scratch"
    fi
}

if $drill; then
    scratch=$(mktemp -d /var/tmp/cdslearn-drill.XXXXXX)
    chown "$site_user": "$scratch"
    trap drill_cleanup EXIT
    if [[ $provider == postgres ]]; then
        pg_environment "${ConnectionStrings__Default:?}"
        drill_db="${PGDATABASE:?}_drill"
        pg_restore_into "$drill_db"
        connection="${ConnectionStrings__Default%;};Database=$drill_db"
    else
        runuser -u "$site_user" -- "$cli" db restore --data "$scratch" --from "$file"
        connection=${ConnectionStrings__Default:-}
    fi
    # The live key-encryption key, for the drill's user alone and gone with the scratch folder. Without it the
    # instance refuses to start on a backup whose keys are encrypted: the drill fails, as a real restore would.
    drill_key=()
    if [[ -r $key_file ]]; then
        install -m 0600 -o "$site_user" -g "$site_user" "$key_file" "$scratch/key-encryption-key"
        drill_key=(-u Keys__EncryptionKey Keys__EncryptionKeyFile="$scratch/key-encryption-key")
    else
        echo "restore: no key-encryption key at $key_file" >&2
    fi
    # A second instance on the copy: it applies pending migrations and must come up Healthy. No Redis: it must not
    # join the live site's SignalR backplane.
    # setpriv execs the app itself, so $! is the app's own process id.
    (
        cd "$app"
        exec setpriv --reuid="$site_user" --regid="$site_user" --init-groups -- env -u SignalR__Redis "${drill_key[@]}" \
            ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:5081 CDSLEARN_DATA="$scratch" \
            ConnectionStrings__Default="$connection" "$app/CdsLearn.Web"
    ) >"$scratch/drill.log" 2>&1 &
    drill_pid=$!
    if ! wait_healthy http://127.0.0.1:5081/healthz "$drill_pid"; then
        tail -n 40 "$scratch/drill.log" >&2
        exit 1
    fi
    echo "restore: drill passed for $file"
    exit 0
fi

echo "restore: stopping $service"
"$systemctl" stop "$service"
if [[ $provider == postgres ]]; then
    pg_environment "${ConnectionStrings__Default:?}"
    aside="${PGDATABASE:?}_before_restore_${stamp,,}"
    pg_restore_into "$PGDATABASE" "$aside"
    echo "restore: database $PGDATABASE restored from $file; the previous one is kept as $aside (drop it once satisfied)"
else
    runuser -u "$site_user" -- "$cli" db restore --data "$data" --from "$file"
fi
restore_audio
echo "restore: starting $service"
"$systemctl" start "$service"
wait_healthy "$health_url"
