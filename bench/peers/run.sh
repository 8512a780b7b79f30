#!/bin/sh
# make bench-peers: a venv under BUILD with the Python peers from PyPI, then bench/peers/peers.py
# on the inputs bench/gen-inputs.py wrote. A package that does not install only loses its row.
# The library (BUILD_DIR/libtronpay.so.1) runs alternately with each peer, in the same process.
# Usage: bench/peers/run.sh BUILD_DIR DATA_DIR
set -e
BUILD=${1:-build}
DATA=${2:-$BUILD/bench-data}
VENV=$BUILD/peers-venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# module:requirement (tronpy builds offline only with its protobuf extra)
for pair in tronpy:tronpy google.protobuf:tronpy[offline] coincurve:coincurve \
    bip_utils:bip_utils base58:base58; do
  module=${pair%%:*}
  requirement=${pair#*:}
  "$VENV/bin/python" -c "import $module" 2>/dev/null ||
    "$VENV/bin/pip" install -q "$requirement" ||
    echo "bench-peers: $requirement did not install; its rows are skipped"
done
"$VENV/bin/python" bench/peers/peers.py "$DATA" "$BUILD/bench-peers.json" \
  "$BUILD/libtronpay.so.1"
