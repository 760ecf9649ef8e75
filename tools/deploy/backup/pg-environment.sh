# shellcheck shell=bash
# Sourced by backup.sh and restore.sh.
#
# pg_environment CONNECTION_STRING sets PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD from an Npgsql connection
# string ("Host=127.0.0.1;Port=5432;Database=cdslearn;Username=cdslearn;Password=..."), so that the password never
# appears on a command line. Keys it does not know (Maximum Pool Size…) are left to the app.
pg_environment() {
    local part key value
    local -a parts
    IFS=';' read -ra parts <<<"$1"
    for part in "${parts[@]}"; do
        [[ $part == *=* ]] || continue
        key=${part%%=*}
        value=${part#*=}
        key=$(tr -d '[:space:]' <<<"$key" | tr '[:upper:]' '[:lower:]')
        case $key in
            host | server) export PGHOST=$value ;;
            port) export PGPORT=$value ;;
            database | db) export PGDATABASE=$value ;;
            username | userid | user) export PGUSER=$value ;;
            password | pwd) export PGPASSWORD=$value ;;
        esac
    done
}
