#!/bin/bash
# The PHP-FPM path of bindings/php/README.md, for real: Debian's php-fpm8.2 (its own php.ini and
# conf.d, plus one extra ini as the README shows it), on a Unix socket in a temp directory,
# driven with cgi-fcgi (Debian's libfcgi-bin). Each case starts its own FPM master and stops it;
# `timeout` ends any FPM that is left, and the temp directory is removed on exit.
#
#   test-fpm.sh LIBRARY FFI_HEADER        (make test-php-fpm)
set -euo pipefail

LIBRARY=$(realpath "$1")
FFI_HEADER=$(realpath "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
PHP_DIR=$(cd "$HERE/../.." && pwd)
FPM=${PHP_FPM:-$(command -v php-fpm8.2 || echo /usr/sbin/php-fpm8.2)}
CGI_FCGI=${CGI_FCGI:-cgi-fcgi}
TMP=$(mktemp -d /tmp/tronpay-fpm.XXXXXX)
chmod 755 "$TMP"
FPM_PID=
passed=0
failed=0

stop_fpm() {
  if [ -n "$FPM_PID" ]; then
    kill -QUIT "$FPM_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$FPM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$FPM_PID" 2>/dev/null || true
    wait "$FPM_PID" 2>/dev/null || true
    FPM_PID=
  fi
}
trap 'stop_fpm; rm -rf "$TMP"' EXIT

# The scoped header the README tells you to write with scoped-header.php.
php "$PHP_DIR/scoped-header.php" "$LIBRARY" "$FFI_HEADER" > "$TMP/tronpay.h"
cp "$HERE/app.php" "$TMP/app.php"
sed -i "s|dirname(__DIR__, 2) . '/TronPay.php'|'$PHP_DIR/TronPay.php'|" "$TMP/app.php"
grep -qF "'$PHP_DIR/TronPay.php'" "$TMP/app.php"

user=$(id -un)
group=$(id -gn)
run_as_root=()
[ "$(id -u)" = 0 ] && run_as_root=(--allow-to-run-as-root)

# start_fpm NAME INI_TEXT: an FPM master with Debian's configuration plus INI_TEXT as one more
# conf.d file, listening on $TMP/NAME.sock only.
start_fpm() {
  local name=$1 ini=$2
  mkdir -p "$TMP/$name.d"
  printf '%s\n' "$ini" > "$TMP/$name.d/60-tronpay.ini"
  cat > "$TMP/$name.conf" <<CONF
[global]
pid = $TMP/$name.pid
error_log = $TMP/$name.log
daemonize = no
[tronpay]
user = $user
group = $group
listen = $TMP/$name.sock
listen.owner = $user
listen.group = $group
listen.mode = 0600
pm = static
pm.max_children = 1
catch_workers_output = yes
CONF
  # A blank entry first: Debian's own conf.d is scanned too (ffi.so, opcache.so).
  PHP_INI_SCAN_DIR=":$TMP/$name.d" timeout 120 "$FPM" --nodaemonize "${run_as_root[@]}" \
    --fpm-config "$TMP/$name.conf" &
  FPM_PID=$!
  for _ in $(seq 100); do
    [ -S "$TMP/$name.sock" ] && return 0
    kill -0 "$FPM_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "php-fpm ($name) did not start:"; cat "$TMP/$name.log" 2>/dev/null; return 1
}

# request NAME MODE: the JSON body app.php answers.
request() {
  SCRIPT_FILENAME="$TMP/app.php" SCRIPT_NAME=/app.php REQUEST_METHOD=GET \
    QUERY_STRING="mode=$2${3:-}" "$CGI_FCGI" -bind -connect "$TMP/$1.sock" | tr -d '\r' |
    sed '1,/^$/d'
}

# expect NAME DESCRIPTION BODY GREP-PATTERN...
expect() {
  local name=$1 what=$2 body=$3 ok=1
  shift 3
  for pattern in "$@"; do grep -qF -- "$pattern" <<< "$body" || ok=0; done
  if [ $ok = 1 ]; then
    passed=$((passed + 1)); echo "ok   $what"
  else
    failed=$((failed + 1)); echo "FAIL $what"; echo "     got: $body"
    echo "     fpm log:"; sed 's/^/       /' "$TMP/$name.log" 2>/dev/null || true
  fi
}

ADDRESS='"address":"TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC"'

# 1. What the README used to say is enough: ffi.preload alone. The scope exists, but the
#    request script may not use the FFI API: fromScope() fails.
start_fpm preload-only "ffi.enable=preload
ffi.preload=$TMP/tronpay.h"
body=$(request preload-only scope)
expect preload-only "ffi.preload alone: fromScope() is refused (the old instructions)" "$body" \
  '"sapi":"fpm-fcgi"' '"ffi.enable":"preload"' '"preloaded_class":false' \
  'FFI\\Exception: FFI API is restricted by'
stop_fpm

# 2. The README's recommended setup: ffi.preload, and TronPay.php in opcache.preload.
start_fpm preload "ffi.enable=preload
ffi.preload=$TMP/tronpay.h
opcache.enable=1
opcache.preload=$PHP_DIR/TronPay.php
opcache.preload_user=$user"
for i in 1 2 3; do  # the same worker, request after request
  body=$(request preload scope)
  expect preload "ffi.preload + opcache.preload: fromScope() works (request $i)" "$body" \
    '"sapi":"fpm-fcgi"' '"ffi.enable":"preload"' '"preloaded_class":true' "$ADDRESS" \
    '"amount":"12500000"'
done
body=$(request preload scope '&require_once=1')
expect preload "ffi.preload + opcache.preload: a require_once of the preloaded file is harmless" \
  "$body" '"preloaded_class":true' "$ADDRESS"
# The preloaded class may use the FFI API (so load(), parsing the header per request, works
# too); a request script's own FFI calls stay refused.
body=$(request preload load)
expect preload "ffi.preload + opcache.preload: load() inside the preloaded class works" "$body" \
  "$ADDRESS"
body=$(request preload raw)
expect preload "ffi.preload + opcache.preload: the request script's own FFI::cdef is refused" \
  "$body" 'FFI API is restricted by'
stop_fpm

# 3. The simple setup: ffi.enable=1, TronPay::load() as in the CLI.
start_fpm enabled "ffi.enable=1"
body=$(request enabled load)
expect enabled "ffi.enable=1: load() works" "$body" '"sapi":"fpm-fcgi"' '"ffi.enable":"1"' \
  '"preloaded_class":false' "$ADDRESS" '"amount":"12500000"'
body=$(request enabled raw)
expect enabled "ffi.enable=1: FFI is open to every script of the pool" "$body" '"abs":5'
stop_fpm

echo "php-fpm: $passed passed, $failed failed"
[ "$failed" = 0 ]
