#!/bin/bash
# Checks tools/deploy offline, on any Debian 12 machine, without touching the machine's own nginx or systemd:
#   1. bash -n and shellcheck on every script;
#   2. nginx -t on nginx/cdslearn.conf, with a throwaway self-signed certificate;
#   3. that configuration run for real on spare ports, in front of a small echo server standing in for Kestrel:
#      the HTTPS redirect, TLS versions, forwarded headers, no double compression, the 6 MB body limit and the
#      WebSocket upgrade on /hubs/;
#   4. install.sh --root into a scratch folder (twice: the key-encryption key is made once), then systemd-analyze
#      verify and security on the installed units;
#   5. backup/backup.sh with stand-ins for cdslearn, pg_dump and pg_restore: on SQLite and on PostgreSQL it backs up
#      the teams' recordings (cdslearn audio backup) beside the database.
# Run as root (it installs nginx, shellcheck, openssl and curl with apt-get when missing). Exit code 0: all passed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PATH=$PATH:/usr/sbin:/sbin
work=$(mktemp -d /tmp/cdslearn-deploy-check.XXXXXX)
chmod 0755 "$work"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }
expect() { # expect DESCRIPTION COMMAND...: passes when the command succeeds
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

need=()
command -v nginx >/dev/null || need+=(nginx)
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v openssl >/dev/null || need+=(openssl)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
if [[ ${#need[@]} -gt 0 ]]; then
    echo "installing ${need[*]}"
    apt-get install -y -q "${need[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi

echo "1. scripts"
scripts=("$here"/*.sh "$here"/backup/*.sh "$here"/postgres/*.sh)
for script in "${scripts[@]}"; do
    expect "bash -n ${script#"$here"/}" bash -n "$script"
    # A file without a #! line is sourced by the others (backup/pg-environment.sh), not run.
    if [[ $(head -c 2 "$script") == '#!' ]]; then
        expect "executable ${script#"$here"/}" test -x "$script"
    else
        expect "sourced only, not executable: ${script#"$here"/}" test ! -x "$script"
    fi
done
if shellcheck --version >/dev/null 2>&1; then
    expect "shellcheck (all scripts)" shellcheck -x "${scripts[@]}"
else
    echo "  skip  shellcheck (not installable here)"
fi

echo "2. nginx -t"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=hoc.example.gov.vn \
    -addext subjectAltName=DNS:hoc.example.gov.vn -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
mkdir -p "$work/acme" "$work/logs"
http_port=18080
https_port=18443
echo_port=18081
sed -e "s|/etc/ssl/cdslearn/|$work/|" -e "s|/var/www/acme|$work/acme|" "$here/nginx/cdslearn.conf" >"$work/as-shipped.conf"
# The same site on spare ports, IPv4 only, with the echo server as its upstream.
sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
    -e '/listen \[::\]/d' -e "s|server 127.0.0.1:5080;|server 127.0.0.1:$echo_port;|" "$work/as-shipped.conf" >"$work/site.conf"
nginx_conf() { # nginx_conf SITE: a whole nginx.conf around one site file, everything under $work
    cat <<EOF
pid $work/nginx.pid;
error_log $work/logs/error.log;
daemon off;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $work/logs/access.log;
    client_body_temp_path $work/client_body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $1;
}
EOF
}
nginx_conf "$work/as-shipped.conf" >"$work/nginx-as-shipped.conf"
nginx_conf "$work/site.conf" >"$work/nginx.conf"
if nginx -t -q -p "$work" -c "$work/nginx-as-shipped.conf" 2>"$work/nginx-t.log" && ! grep -q . "$work/nginx-t.log"; then
    pass "nginx -t: nginx/cdslearn.conf as shipped (certificate paths pointed at a throwaway certificate)"
else
    fail "nginx -t: $(cat "$work/nginx-t.log")"
fi

echo "3. nginx in front of a stand-in for Kestrel"
cat >"$work/echo.py" <<'EOF'
# Answers every request with what it received, as JSON; answers a WebSocket handshake with 101, echoing headers.
import base64, hashlib, json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Echo(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        received = 0
        while received < length:
            chunk = self.rfile.read(min(65536, length - received))
            if not chunk:
                break
            received += len(chunk)
        if self.headers.get("Upgrade", "").lower() == "websocket":
            key = self.headers["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
            self.send_response(101)
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", base64.b64encode(hashlib.sha1(key.encode()).digest()).decode())
            self.send_header("X-Upstream-Saw-Connection", self.headers.get("Connection", ""))
            self.end_headers()
            self.close_connection = True
            return
        body = json.dumps({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                           "body": received}).encode() + b"\n" + b" " * 2000
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = handle_any

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
EOF
python3 "$work/echo.py" "$echo_port" &
pids+=($!)
nginx -p "$work" -c "$work/nginx.conf" &
pids+=($!)
for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$echo_port/" && curl -s -o /dev/null "http://127.0.0.1:$http_port/" && break
    sleep 0.1
done

host=hoc.example.gov.vn
https=(curl -sk --resolve "$host:$https_port:127.0.0.1")
base="https://$host:$https_port"

redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $host" "http://127.0.0.1:$http_port/bai-hoc/x?y=1")
expect "http:// answers 301 to https:// with path and query ($redirect)" test "$redirect" = "301 https://$host/bai-hoc/x?y=1"

page=$("${https[@]}" -H 'X-Forwarded-For: 6.6.6.6' -H 'Accept-Encoding: gzip' -D "$work/headers" "$base/so-lieu")
header() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["headers"].get(sys.argv[1], ""))' "$1" <<<"$page"; }
expect "upstream sees Host: $host" test "$(header host)" = "$host"
expect "upstream sees X-Forwarded-Proto: https" test "$(header x-forwarded-proto)" = https
expect "upstream sees the client's address only, not a claimed X-Forwarded-For ($(header x-forwarded-for))" test "$(header x-forwarded-for)" = 127.0.0.1
expect "keepalive to upstream (no Connection: close)" test -z "$(header connection)"
expect "nginx does not compress (the app does)" bash -c "! grep -qi '^content-encoding' '$work/headers'"
expect "no nginx version in Server" bash -c "tr -d '\r' <'$work/headers' | grep -qix 'server: nginx'"
expect "HTTP/2 offered over TLS" test "$("${https[@]}" -o /dev/null -w '%{http_version}' "$base/")" = 2

head -c $((5 * 1024 * 1024)) /dev/zero >"$work/5mb"
head -c $((7 * 1024 * 1024)) /dev/zero >"$work/7mb"
upload=$("${https[@]}" -F "file=@$work/5mb" "$base/ho-gia-dinh/nhap")
expect "a 5 MB upload reaches the app" python3 -c 'import json,sys; sys.exit(json.loads(sys.stdin.readline())["body"] < 5*1024*1024)' <<<"$upload"
expect "a 7 MB upload is refused with 413" test "$("${https[@]}" -o /dev/null -w '%{http_code}' -F "file=@$work/7mb" "$base/ho-gia-dinh/nhap")" = 413

upgrade=$("${https[@]}" --http1.1 -o /dev/null -D - --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$base/hubs/so-lieu?id=x" | tr -d '\r' || true)
expect "WebSocket upgrade on /hubs/ answers 101" grep -q '^HTTP/1.1 101' <<<"$upgrade"
expect "upstream sees Connection: upgrade on /hubs/" grep -qi '^x-upstream-saw-connection: upgrade$' <<<"$upgrade"
expect "/healthz is proxied" test "$("${https[@]}" -o /dev/null -w '%{http_code}' "$base/healthz")" = 200

tls() { echo | openssl s_client -connect "127.0.0.1:$https_port" -servername "$host" "$@" >/dev/null 2>&1; }
expect "TLS 1.3 accepted" tls -tls1_3
expect "TLS 1.2 accepted" tls -tls1_2
expect "TLS 1.1 refused by the server" bash -c "! echo | openssl s_client -connect 127.0.0.1:$https_port -servername $host -tls1_1 -cipher DEFAULT@SECLEVEL=0 >/dev/null 2>&1"
expect "TLS 1.2 with a CBC cipher refused" bash -c "! echo | openssl s_client -connect 127.0.0.1:$https_port -servername $host -tls1_2 -cipher ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES128-SHA >/dev/null 2>&1"
if grep -q '\[error\]\|\[emerg\]' "$work/logs/error.log" 2>/dev/null; then
    grep '\[error\]\|\[emerg\]' "$work/logs/error.log" | grep -v 'client intended to send too large body' | sed 's/^/        /' || true
fi

echo "4. install.sh --root and the systemd units"
stage=$work/root
mkdir -p "$work/published/app" "$work/published/cli"
printf '#!/bin/sh\n' >"$work/published/app/CdsLearn.Web"
printf '#!/bin/sh\n' >"$work/published/cli/CdsLearn.Cli"
chmod +x "$work/published/app/CdsLearn.Web" "$work/published/cli/CdsLearn.Cli"
expect "install.sh --root lays the files out" bash -c "'$here/install.sh' --root '$stage' --published '$work/published' >'$work/install.log'"
for path in /opt/cdslearn/app/CdsLearn.Web /usr/local/bin/cdslearn /opt/cdslearn/deploy/backup/backup.sh \
    /opt/cdslearn/deploy/backup/restore.sh /opt/cdslearn/deploy/postgres/setup.sh; do
    expect "installed executable $path" test -x "$stage$path"
done
expect "installed beside them: backup/pg-environment.sh" test -r "$stage/opt/cdslearn/deploy/backup/pg-environment.sh"
expect "env file installed with mode 0600" test "$(stat -c %a "$stage/etc/cdslearn/cdslearn.env")" = 600
key=$stage/etc/cdslearn/key-encryption-key
expect "key-encryption key made with mode 0600" test "$(stat -c %a "$key")" = 600
expect "key-encryption key is the base64 of 32 bytes" test "$(base64 -d "$key" | wc -c)" = 32
cp "$key" "$work/key-before"
"$here/install.sh" --root "$stage" --published "$work/published" >>"$work/install.log"
expect "a second install keeps the key-encryption key" cmp -s "$key" "$work/key-before"
expect "the unit hands the key to the app as a credential" \
    grep -qx 'LoadCredential=key-encryption-key:/etc/cdslearn/key-encryption-key' "$stage/etc/systemd/system/cdslearn.service"
expect "nginx site enabled" test -L "$stage/etc/nginx/sites-enabled/cdslearn.conf"
if command -v systemd-analyze >/dev/null; then
    # systemd-analyze --root needs the distribution's own units (targets) inside the root.
    mkdir -p "$stage/usr/lib/systemd"
    cp -a /usr/lib/systemd/system "$stage/usr/lib/systemd/"
    units=(cdslearn.service cdslearn-backup.service cdslearn-backup.timer)
    if systemd-analyze verify --root="$stage" "${units[@]}" >"$work/verify.log" 2>&1 && ! grep -q . "$work/verify.log"; then
        pass "systemd-analyze verify ${units[*]}"
    else
        fail "systemd-analyze verify: $(cat "$work/verify.log")"
    fi
    for unit in cdslearn.service cdslearn-backup.service; do
        exposure=$(systemd-analyze security --offline=true --root="$stage" "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        expect "systemd-analyze security $unit: exposure $exposure (at most 2.5 of 10)" \
            python3 -c 'import sys; sys.exit(not (sys.argv[1] and float(sys.argv[1]) <= 2.5))' "$exposure"
    done
else
    echo "  skip  systemd-analyze (not installed)"
fi

echo "5. backup.sh backs up the recordings on either database"
stubs=$work/stubs
mkdir -p "$stubs" "$work/backups-sqlite" "$work/backups-postgres"
# shellcheck disable=SC2016 # the stand-ins expand their own arguments when they run
printf '#!/bin/bash\necho "$*" >>"$STUB_LOG"\n' >"$stubs/cdslearn"
# pg_dump writes the file its --file= names; pg_restore --list reads it back.
# shellcheck disable=SC2016
printf '#!/bin/bash\nfor arg in "$@"; do [[ $arg == --file=* ]] && echo dump >"${arg#--file=}"; done\necho "pg_dump $*" >>"$STUB_LOG"\n' >"$stubs/pg_dump"
printf '#!/bin/bash\nexit 0\n' >"$stubs/pg_restore"
chmod +x "$stubs/cdslearn" "$stubs/pg_dump" "$stubs/pg_restore"
run_backup() { # run_backup PROVIDER DIR
    env PATH="$stubs:$PATH" STUB_LOG="$work/stub-$1.log" CDSLEARN_DATA=/srv/cdslearn-data BACKUP_DIR="$2" KEEP_DAYS=9 \
        CDSLEARN_CLI="$stubs/cdslearn" Database__Provider="$1" \
        ConnectionStrings__Default="Host=127.0.0.1;Database=cdslearn;Username=cdslearn;Password=x" "$here/backup/backup.sh" >"$work/backup-$1.log" 2>&1
}
expect "backup.sh on SQLite runs" run_backup Sqlite "$work/backups-sqlite"
expect "  and backs up the database with cdslearn db backup" grep -q "^db backup --data /srv/cdslearn-data --to $work/backups-sqlite/cdslearn-" "$work/stub-Sqlite.log"
expect "  and the recordings into BACKUP_DIR/audio, keeping removed ones KEEP_DAYS" \
    grep -qx "audio backup --data /srv/cdslearn-data --to $work/backups-sqlite/audio --keep-days 9" "$work/stub-Sqlite.log"
expect "backup.sh on PostgreSQL runs" run_backup Postgres "$work/backups-postgres"
expect "  and dumps the database with pg_dump" grep -q "^pg_dump --format=custom" "$work/stub-Postgres.log"
expect "  and the recordings into BACKUP_DIR/audio, keeping removed ones KEEP_DAYS" \
    grep -qx "audio backup --data /srv/cdslearn-data --to $work/backups-postgres/audio --keep-days 9" "$work/stub-Postgres.log"

if ((failures > 0)); then
    echo "check: $failures check(s) failed"
    exit 1
fi
echo "check: all passed"
