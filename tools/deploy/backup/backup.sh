#!/bin/bash
# One backup of CdsLearn's database and of the teams' recorded voices into BACKUP_DIR, then removes backups older than
# KEEP_DAYS days.
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
else
    target="$dir/cdslearn-$stamp.db"
    "$cli" db backup --data "$data" --to "$target"
fi

# The teams' recordings (files named by their content, never changed; on several servers the shared folder mounted at
# $data/audio), whatever the database: the new ones into $dir/audio, shared by every backup. A recording the site has
# deleted (by its reader, or with a withdrawn consent) moves to $dir/audio/removed and is deleted after KEEP_DAYS days,
# with the last database backup that may name it.
"$cli" audio backup --data "$data" --to "$dir/audio" --keep-days "$keep_days"

# Keep KEEP_DAYS days: remove older backups of either kind (and leftovers of interrupted runs), never the new one.
find "$dir" -maxdepth 1 -type f \( -name 'cdslearn-*.db' -o -name 'cdslearn-*.dump' -o -name 'cdslearn-*.partial*' \) \
    -mmin +$((keep_days * 24 * 60)) ! -path "$target" -print -delete | sed 's/^/backup: removed old /'
