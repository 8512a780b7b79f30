#!/bin/bash
# Starts the checkout on Debian's php-fpm8.2: the templates php-fpm.conf and checkout.ini filled
# in for a new temp directory, a pool on a Unix socket there, libtronpay preloaded. Prints the
# socket path (one line on stdout) once FPM listens.
#
#   run.sh CONFIG               foreground: stops on SIGTERM/SIGINT (or after the max lifetime)
#   run.sh --daemon CONFIG      background: prints the socket path and returns
#   run.sh --stop SOCKET        stops a --daemon run and removes its temp directory
#
# CONFIG is the tronpay engine config (JSON) that `tronpay watch` uses too. Environment:
# TRONPAY_LIBRARY (default <repo>/build/libtronpay.so.1), TRONPAY_FFI_HEADER (default
# <repo>/build/tronpay_ffi.h), PHP_FPM (default php-fpm8.2), CHECKOUT_MAX_LIFETIME (seconds,
# default 3600: a forgotten demo does not keep FPM forever).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)

usage() { sed -n '6,8p' "$0" | sed 's/^# *//' >&2; exit 64; }

if [ "${1:-}" = --stop ]; then
  [ $# = 2 ] || usage
  dir=$(dirname "$2")
  [ -f "$dir/run.pid" ] || { echo "run.sh: no checkout runs at $2" >&2; exit 1; }
  pid=$(cat "$dir/run.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
  echo "run.sh: process $pid did not stop in 10 s" >&2; exit 1
fi

if [ "${1:-}" = --daemon ]; then
  [ $# = 2 ] || usage
  out=$(mktemp /tmp/tronpay-checkout-start.XXXXXX)
  # setsid: the FPM outlives this shell, and a Ctrl-C in the caller's terminal does not reach it.
  setsid "$0" "$2" > "$out" 2>&1 < /dev/null &
  for _ in $(seq 150); do
    if [ -s "$out" ] && head -1 "$out" | grep -q '\.sock$'; then head -1 "$out"; rm -f "$out"; exit 0; fi
    kill -0 $! 2>/dev/null || break
    sleep 0.1
  done
  cat "$out" >&2; rm -f "$out"; echo "run.sh: the checkout did not start" >&2; exit 1
fi

[ $# = 1 ] || usage
CONFIG=$(realpath "$1")
[ -r "$CONFIG" ] || { echo "run.sh: cannot read $CONFIG" >&2; exit 1; }
LIBRARY=$(realpath "${TRONPAY_LIBRARY:-$ROOT/build/libtronpay.so.1}")
FFI_HEADER=$(realpath "${TRONPAY_FFI_HEADER:-$ROOT/build/tronpay_ffi.h}")
FPM=${PHP_FPM:-$(command -v php-fpm8.2 || echo /usr/sbin/php-fpm8.2)}
MAX_LIFETIME=${CHECKOUT_MAX_LIFETIME:-3600}

DIR=$(mktemp -d /tmp/tronpay-checkout.XXXXXX)
chmod 755 "$DIR"
echo $$ > "$DIR/run.pid"
FPM_PID=

stop() {
  trap - TERM INT EXIT
  if [ -n "$FPM_PID" ]; then
    kill -QUIT "$FPM_PID" 2>/dev/null || true  # graceful: requests in flight finish
    for _ in $(seq 50); do kill -0 "$FPM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$FPM_PID" 2>/dev/null || true
    wait "$FPM_PID" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

# The declarations under FFI_SCOPE "tronpay", with FFI_LIB naming this library.
php "$ROOT/bindings/php/scoped-header.php" "$LIBRARY" "$FFI_HEADER" > "$DIR/tronpay.h"

user=$(id -un)
group=$(id -gn)
fill() {
  sed -e "s|@DIR@|$DIR|g" -e "s|@USER@|$user|g" -e "s|@GROUP@|$group|g" \
    -e "s|@CONFIG@|$CONFIG|g" -e "s|@LIBRARY@|$LIBRARY|g" -e "s|@FFI_HEADER@|$DIR/tronpay.h|g" \
    -e "s|@PRELOAD@|$HERE/preload.php|g" "$1"
}
mkdir "$DIR/conf.d"
fill "$HERE/php-fpm.conf" > "$DIR/php-fpm.conf"
fill "$HERE/checkout.ini" > "$DIR/conf.d/60-checkout.ini"
if grep -q '@[A-Z_]*@' "$DIR/php-fpm.conf" "$DIR/conf.d/60-checkout.ini"; then
  echo "run.sh: a placeholder was left unfilled" >&2; exit 1
fi

as_root=()
[ "$(id -u)" = 0 ] && as_root=(--allow-to-run-as-root)
# The leading ":" keeps Debian's own conf.d (ffi.so, opcache.so) and adds ours after it.
PHP_INI_SCAN_DIR=":$DIR/conf.d" timeout "$MAX_LIFETIME" "$FPM" --nodaemonize "${as_root[@]}" \
  --fpm-config "$DIR/php-fpm.conf" &
FPM_PID=$!
for _ in $(seq 100); do
  if [ -S "$DIR/checkout.sock" ]; then
    echo "$DIR/checkout.sock"
    # wait returns when FPM ends or a trapped signal arrives (the trap then stops FPM).
    wait "$FPM_PID" || true
    FPM_PID=
    exit 0
  fi
  kill -0 "$FPM_PID" 2>/dev/null || break
  sleep 0.1
done
echo "run.sh: php-fpm did not start:" >&2
cat "$DIR/php-fpm.log" >&2 2>/dev/null || true
exit 1
