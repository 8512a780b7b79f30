#!/bin/sh
# Instruction-count ratios ours/raw, per bench section, under valgrind --tool=callgrind: stable
# on a noisy machine where wall-clock ratios swing. Each pair of work functions is called with
# the same iteration counts, so the ratio of their inclusive totals is the per-operation ratio.
# Usage (after make bench): bench/callgrind-ratios.sh [BUILD_DIR]
BUILD=${1:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
row() { # section ours_fn raw_fn label
  BENCH_QUICK=1 BENCH_ONLY="$1" valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
    "$BUILD/bench/bench" "$out/bench.json" "$BUILD/bench-data" /dev/null >/dev/null 2>&1 || return
  callgrind_annotate --threshold=100 --inclusive=yes "$out/cg" 2>/dev/null | awk -v o="$2" \
    -v r="$3" -v label="$4" '
    $0 ~ ("\\?\\?\\?:" o " ") { gsub(",", "", $1); ours = $1 }
    $0 ~ ("\\?\\?\\?:" r " ") { gsub(",", "", $1); raw = $1 }
    END { if (ours && raw) printf "%-34s %14d %14d  %6.3fx\n", label, ours, raw, ours / raw }'
}
printf "%-34s %14s %14s  %7s\n" "section (instructions, same n)" "libtronpay" "raw" "ratio"
row "keccak256" keccak_ours sha3_raw "keccak256 1 MiB / SHA3-256"
row "address_from_privkey" address_ours address_raw "address_from_privkey"
row "tx_sign" tx_sign_ours tx_sign_raw "tx_sign / SHA-256 + sign"
row "usdt" tx_e2e_ours tx_sign_raw "build+sign+to_json / SHA-256 + sign"
row "digest_recover" recover_ours recover_raw "digest_recover / recover"
row "message_recover" message_recover_ours message_recover_raw "message_recover / recover"
row "xpub" xpub_ours tweak_raw "xpub address / tweak_add"
