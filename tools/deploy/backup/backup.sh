#!/bin/bash
# One backup of CdsLearn's database into BACKUP_DIR, then removes backups older than KEEP_DAYS days.
# Run by cdslearn-backup.service (nightly, from cdslearn-backup.timer) as the cdslearn user, with the env file loaded:
#   SQLite (the default):         cdslearn db backup (online: the site keeps running and writing)
#   Database__Provider=Postgres:  pg_dump -Fc, with the credentials of ConnectionStrings__Default
# Settings (environment): CDSLEARN_DATA (/var/lib/cdslearn), BACKUP_DIR (/var/backups/cdslearn), KEEP_DAYS (14),
# CDSLEARN_CLI (cdslearn). Exit code non-zero on any failure; old backups are only removed after a good one.
set -euo pipefail
umask 077

data=${CDSLEARN_DATA:-/var/lib/cdslearn}
dir=${BACKUP_DIR:-/var/backups/cdslearn}
keep_days=${KEEP_DAYS:-14}
cli=${CDSLEARN_CLI:-cdslearn}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

if ! [[ $keep_days =~ ^[0-9]+$ ]] || ((keep_days < 1)); then
    echo "KEEP_DAYS must be a whole number of days, at least 1 (got '$keep_days')" >&2
    exit 2
fi
mkdir -p "$dir"

# shellcheck source=SCRIPTDIR/pg-environment.sh
source "$(dirname "$(realpath "$0")")/pg-environment.sh"

provider=${Database__Provider:-Sqlite}
if [[ ${provider,,} == postgres ]]; then
    pg_environment "${ConnectionStrings__Default:?Database__Provider=Postgres needs ConnectionStrings__Default}"
    : "${PGDATABASE:?ConnectionStrings__Default names no Database}"
    target="$dir/cdslearn-$stamp.dump"
    pg_dump --format=custom --compress=6 --file="$target.partial" "$PGDATABASE"
    # The archive's table of contents must read back whole before the dump counts as a backup.
    pg_restore --list "$target.partial" >/dev/null
    mv "$target.partial" "$target"
    echo "backup: $target ($(du -h "$target" | cut -f1), pg_dump -Fc of database $PGDATABASE)"
    # The teams' recordings (files named by their content, never changed): the new ones into $dir/audio, shared by
    # every backup. `cdslearn db backup` does the same for SQLite.
    if [[ -d $data/audio ]]; then
        for sub in "$data"/audio/??/; do
            [[ -d $sub ]] || continue
            mkdir -p "$dir/audio/$(basename "$sub")"
            cp -n "$sub"* "$dir/audio/$(basename "$sub")/"
        done
        echo "backup: recordings in $dir/audio"
    fi
else
    target="$dir/cdslearn-$stamp.db"
    "$cli" db backup --data "$data" --to "$target"
fi

# Keep KEEP_DAYS days: remove older backups of either kind (and leftovers of interrupted runs), never the new one.
find "$dir" -maxdepth 1 -type f \( -name 'cdslearn-*.db' -o -name 'cdslearn-*.dump' -o -name 'cdslearn-*.partial*' \) \
    -mmin +$((keep_days * 24 * 60)) ! -path "$target" -print -delete | sed 's/^/backup: removed old /'
