#!/bin/bash
# Publishes CdsLearn and installs (or upgrades) it on this Debian 12 server. Run as root from a clone of the repository.
#
#   tools/deploy/install.sh                  publish here (needs the .NET 10 SDK), install, (re)start, check /healthz
#   tools/deploy/install.sh --published DIR  install DIR/app and DIR/cli published on another machine with
#                                            `install.sh --publish-only DIR` (the server then needs no SDK)
#   tools/deploy/install.sh --publish-only DIR   publish into DIR and stop
#   tools/deploy/install.sh --root DIR       lay the files out under DIR only: no user, no systemctl (used by check.sh)
#
# An upgrade takes a backup first (cdslearn-backup.service), keeps the previous release as /opt/cdslearn/app.previous,
# and never overwrites /etc/cdslearn/cdslearn.env, /etc/cdslearn/key-encryption-key or an nginx site the province has
# edited.
# The app is published self-contained for linux-x64: the server needs no .NET runtime.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
deploy=$repo/tools/deploy
root=/
published=
publish_only=
rid=${RID:-linux-x64}

while [[ $# -gt 0 ]]; do
    case $1 in
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        --published) published=${2:?--published needs a folder}; shift 2 ;;
        --publish-only) publish_only=${2:?--publish-only needs a folder}; shift 2 ;;
        *) echo "usage: $0 [--root DIR] [--published DIR | --publish-only DIR]" >&2; exit 2 ;;
    esac
done
live=false
[[ $root == / ]] && live=true
at() { echo "${root%/}$1"; }
say() { echo "install: $*"; }

if $live && [[ $(id -u) -ne 0 ]]; then
    echo "install: run as root (sudo $0)" >&2
    exit 1
fi

publish() {
    local out=$1
    say "publishing into $out (Release, $rid, self-contained)"
    dotnet publish "$repo/src/CdsLearn.Web" -c Release -r "$rid" --self-contained -o "$out/app" --nologo -v quiet
    dotnet publish "$repo/tools/CdsLearn.Cli" -c Release -r "$rid" --self-contained -o "$out/cli" --nologo -v quiet
}

if [[ -n $publish_only ]]; then
    publish "$(realpath -m "$publish_only")"
    exit 0
fi
if [[ -z $published ]]; then
    published=$(mktemp -d /var/tmp/cdslearn-publish.XXXXXX)
    trap 'rm -rf "$published"' EXIT
    publish "$published"
fi
[[ -x $published/app/CdsLearn.Web && -x $published/cli/CdsLearn.Cli ]] || {
    echo "install: $published holds no published app/ and cli/" >&2
    exit 1
}

# The service's own user: no login, no home of its own beyond the data folder.
if $live && ! id cdslearn >/dev/null 2>&1; then
    say "creating system user cdslearn"
    useradd --system --home-dir /var/lib/cdslearn --no-create-home --shell /usr/sbin/nologin --user-group cdslearn
fi
owned() { if $live; then install -d -o cdslearn -g cdslearn "$@"; else install -d "$@"; fi; }
install -d -m 0755 "$(at /opt/cdslearn)" "$(at /opt/cdslearn/deploy)" "$(at /etc/systemd/system)" "$(at /usr/local/bin)"
install -d -m 0750 "$(at /etc/cdslearn)"
owned -m 0750 "$(at /var/lib/cdslearn)"
owned -m 0700 "$(at /var/backups/cdslearn)"

upgrading=false
if $live && systemctl is-active --quiet cdslearn.service; then
    upgrading=true
    say "taking a backup before the upgrade"
    systemctl start cdslearn-backup.service
fi

# Each release goes in beside the running one, then two renames swap them; the previous stays for a rollback.
swap_in() {
    local from=$1 to=$2
    rm -rf "$to.new"
    cp -a "$from" "$to.new"
    chown -R root:root "$to.new"
    if [[ -d $to ]]; then
        rm -rf "$to.previous"
        mv "$to" "$to.previous"
    fi
    mv "$to.new" "$to"
}
say "installing the app into $(at /opt/cdslearn/app) and the command line into $(at /opt/cdslearn/cli)"
swap_in "$published/app" "$(at /opt/cdslearn/app)"
swap_in "$published/cli" "$(at /opt/cdslearn/cli)"

# `cdslearn` for operators and the backup service: the command line against the site's data folder.
cat >"$(at /usr/local/bin/cdslearn)" <<'EOF'
#!/bin/sh
# CdsLearn's command line (installed by tools/deploy/install.sh). Run it as the site's user:
#   sudo -u cdslearn cdslearn db backup --to /var/backups/cdslearn/manual.db
export CDSLEARN_DATA="${CDSLEARN_DATA:-/var/lib/cdslearn}"
exec /opt/cdslearn/cli/CdsLearn.Cli "$@"
EOF
chmod 0755 "$(at /usr/local/bin/cdslearn)"

install -m 0644 "$deploy/README.md" "$(at /opt/cdslearn/deploy/README.md)"
install -d -m 0755 "$(at /opt/cdslearn/deploy/backup)" "$(at /opt/cdslearn/deploy/postgres)"
install -m 0755 "$deploy/backup/backup.sh" "$deploy/backup/restore.sh" "$(at /opt/cdslearn/deploy/backup)/"
install -m 0644 "$deploy/backup/pg-environment.sh" "$(at /opt/cdslearn/deploy/backup)/"
install -m 0755 "$deploy/postgres/setup.sh" "$(at /opt/cdslearn/deploy/postgres)/"
install -m 0644 "$deploy/systemd/cdslearn.service" "$deploy/systemd/cdslearn-backup.service" \
    "$deploy/systemd/cdslearn-backup.timer" "$(at /etc/systemd/system)/"

env_file=$(at /etc/cdslearn/cdslearn.env)
if [[ ! -e $env_file ]]; then
    say "writing $env_file from the example: review it"
    install -m 0600 "$deploy/cdslearn.env.example" "$env_file"
fi

# The key-encryption key: the app stores its keys (certificate signing, sign-in cookies) in the database encrypted with
# it, so a copy of the database alone signs and reads nothing. Made once, never overwritten; systemd hands it to the
# app (LoadCredential in cdslearn.service), whose user cannot read this file. Every app server of one database needs
# the same file: on a further server, copy it here before installing.
key_file=$(at /etc/cdslearn/key-encryption-key)
if [[ ! -e $key_file ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 >"$key_file.new")
    mv "$key_file.new" "$key_file"
    say "made the key-encryption key $key_file: copy it somewhere safe now, apart from the backups"
    say "  (README.md, Keys: no backup can be used without it; another server of this database needs this same file)"
fi

# nginx: the province edits server_name and the certificate paths, so an edited site is never overwritten.
site=$(at /etc/nginx/sites-available/cdslearn.conf)
install -d -m 0755 "$(dirname "$site")" "$(at /etc/nginx/sites-enabled)"
if [[ ! -e $site ]]; then
    install -m 0644 "$deploy/nginx/cdslearn.conf" "$site"
    say "nginx site $site installed: set server_name and the certificate paths"
elif ! cmp -s "$deploy/nginx/cdslearn.conf" "$site"; then
    install -m 0644 "$deploy/nginx/cdslearn.conf" "$site.dist"
    say "kept your $site; this release's version is $site.dist (diff them)"
fi
ln -sfn ../sites-available/cdslearn.conf "$(at /etc/nginx/sites-enabled/cdslearn.conf)"

if ! $live; then
    say "laid out under $root (no user, no services started)"
    exit 0
fi

systemctl daemon-reload
systemctl enable --quiet cdslearn.service cdslearn-backup.timer
systemctl start cdslearn-backup.timer
say "$($upgrading && echo restarting || echo starting) cdslearn.service (migrations run at start-up)"
systemctl restart cdslearn.service
healthy=false
for _ in $(seq 1 600); do
    if curl -fsS --max-time 5 http://127.0.0.1:5080/healthz >/dev/null 2>&1; then
        healthy=true
        break
    fi
    if systemctl is-failed --quiet cdslearn.service; then
        break
    fi
    sleep 1
done
if ! $healthy; then
    echo "install: /healthz did not answer Healthy; see: journalctl -u cdslearn -n 100" >&2
    echo "install: the previous release is /opt/cdslearn/app.previous (README.md, \"Upgrades\": rolling back)" >&2
    exit 1
fi
say "cdslearn answers Healthy on 127.0.0.1:5080"

if command -v nginx >/dev/null && nginx -t -q 2>/dev/null; then
    systemctl reload nginx
    say "nginx reloaded"
else
    say "nginx not reloaded: install it (apt-get install -y nginx), set the certificate, then: nginx -t && systemctl reload nginx"
fi
