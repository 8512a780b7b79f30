/* make bench: libtronpay through its C ABI against the raw libraries it builds on, in the same
 * process and run. Rounds alternate ours/raw (ABBA); each time is the median of the rounds and
 * the ratio the median of the per-round ratios, so a noisy neighbour moves both sides alike.
 * Speed is reported, never asserted. Where the raw side needs Keccak-256 (addresses), it uses
 * tronpay_keccak256: libcrypto has no Keccak with the original padding.
 *
 * Sections for functions that are not (yet) declared in tronpay.h compile away: the Makefile
 * passes -DHAVE_tronpay_<name> for every function the header declares (bench/have-functions).
 *
 * Usage: bench [JSON_OUT [DATA_DIR [PEERS_JSON]]]
 *   JSON_OUT    default build/bench.json
 *   DATA_DIR    inputs from bench/gen-inputs.py, default build/bench-data
 *   PEERS_JSON  Python peers from `make bench-peers`, default build/bench-peers.json
 * BENCH_ONLY=word runs only the sections whose name contains word; BENCH_QUICK=1 runs few
 * rounds of few iterations (for profiling: valgrind --tool=callgrind, see bench/RESULTS.md). */
#define _POSIX_C_SOURCE 200809L
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tronpay.h"

#define ROUNDS 15

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A call that fails means the benchmark measures nothing: stop loudly. */
static void must(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "bench: %s failed\n", what);
    exit(1);
  }
}

static void must_ok(tronpay_status s, const char *what) {
  if (s != TRONPAY_OK) {
    fprintf(stderr, "bench: %s failed: %s (%s)\n", what, tronpay_status_str(s),
            tronpay_last_error());
    exit(1);
  }
}

typedef void (*work_fn)(int iterations);

static int quick; /* BENCH_QUICK=1: 3 rounds of a tenth, for profiling under callgrind */

/* Median nanoseconds per operation of ours and raw, measured in alternating rounds; which side
 * goes first alternates too (ABBA), so a slow drift in the machine's load favours neither. The
 * ratio reported is the median of the per-round ratios: each round's pair ran under about the
 * same load, which makes it steadier on a shared machine than the ratio of two medians. */
static double last_ratio;

static void measure_rounds(work_fn ours, work_fn raw, int iterations, int rounds, double *ours_ns,
                           double *raw_ns) {
  double a[ROUNDS], b[ROUNDS], q[ROUNDS];
  if (rounds > ROUNDS) rounds = ROUNDS;
  if (quick) {
    rounds = rounds < 3 ? rounds : 3;
    iterations = iterations / 10 > 0 ? iterations / 10 : 1;
  }
  ours(iterations / 10 + 1);
  raw(iterations / 10 + 1);
  for (int r = 0; r < rounds; r++) {
    work_fn first = r % 2 ? raw : ours, second = r % 2 ? ours : raw;
    double t0 = now_ns();
    first(iterations);
    double t1 = now_ns();
    second(iterations);
    double t2 = now_ns();
    a[r] = (r % 2 ? t2 - t1 : t1 - t0) / iterations;
    b[r] = (r % 2 ? t1 - t0 : t2 - t1) / iterations;
    q[r] = b[r] > 0 ? a[r] / b[r] : 0;
  }
  *ours_ns = median(a, rounds);
  *raw_ns = median(b, rounds);
  last_ratio = median(q, rounds);
}

static void measure(work_fn ours, work_fn raw, int iterations, double *ours_ns, double *raw_ns) {
  measure_rounds(ours, raw, iterations, ROUNDS, ours_ns, raw_ns);
}

/* ---- Reporting: a table on stdout, rows in JSON, peers' figures when there are some ---- */
static FILE *json_out;
static int json_rows;
static char *peers_text; /* build/bench-peers.json, or NULL */
static const char *only;

static int selected(const char *name) { return !only || strstr(name, only) != NULL; }

/* The peers file is written by bench/peers/peers.py: "key": {"ns": N, "what": "...",
 * "ours_ns": N, "peer_over_ours": R}. R, when present, was measured in the peers' process with
 * the library called alternately on the same input (same load): it is preferred to comparing
 * the peer's time with this process's. */
static double peer_ns(const char *key, char *what, size_t what_size, double *same_run_ratio) {
  *same_run_ratio = 0;
  if (!peers_text || !key) return 0;
  char pattern[96];
  snprintf(pattern, sizeof pattern, "\"%s\": {", key);
  const char *at = strstr(peers_text, pattern);
  if (!at) return 0;
  const char *end = strchr(at, '}');
  const char *ns = strstr(at, "\"ns\": ");
  const char *w = strstr(at, "\"what\": \"");
  const char *r = strstr(at, "\"peer_over_ours\": ");
  if (w && w < end && what_size) {
    w += 9;
    size_t n = 0;
    while (w[n] && w[n] != '"' && n + 1 < what_size) n++;
    memcpy(what, w, n);
    what[n] = 0;
  }
  if (r && end && r < end) *same_run_ratio = strtod(r + 18, NULL);
  return ns && (!end || ns < end) ? strtod(ns + 6, NULL) : 0;
}

/* One row. raw_ns 0 means there is no raw counterpart in this process (throughput rows). */
static void report(const char *name, const char *raw_name, double ours, double raw,
                   const char *target, const char *peer_key) {
  char what[160] = "";
  double ratio = raw > 0 ? last_ratio : 0;
  double same_run = 0;
  double peer = peer_ns(peer_key, what, sizeof what, &same_run);
  double peer_ratio = same_run > 0 ? same_run : peer / ours;
  if (raw > 0)
    printf("%-36s %13.1f ns %13.1f ns %7.2fx  %-9s vs %s\n", name, ours, raw, ratio, target,
           raw_name);
  else
    printf("%-36s %13.1f ns %16s %8s  %-9s %s\n", name, ours, "", "", target, raw_name);
  if (peer > 0)
    printf("%36s   peer: %s %.1f ns (peer/ours %.1fx%s)\n", "", what, peer, peer_ratio,
           same_run > 0 ? ", same process" : "");
  if (json_out) {
    fprintf(json_out, "%s\n    {\"name\":\"%s\",\"raw\":\"%s\",\"ours_ns\":%.1f,\"raw_ns\":%.1f,",
            json_rows++ ? "," : "", name, raw_name, ours, raw);
    if (raw > 0) fprintf(json_out, "\"ratio\":%.3f,", ratio);
    if (peer > 0)
      fprintf(json_out, "\"peer\":\"%s\",\"peer_ns\":%.1f,\"peer_over_ours\":%.2f,", what, peer,
              peer_ratio);
    fprintf(json_out, "\"target\":\"%s\"}", target);
  }
  fflush(stdout);
}

static char *read_path(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
  if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  buf[size] = 0;
  if (len) *len = (size_t)size;
  return buf;
}

static volatile uint8_t sink;
static secp256k1_context *ctx;
static uint8_t bench_key[32];
static const char *data_dir;

/* ---- Keccak-256 of 1 MiB vs OpenSSL SHA3-256 (the same permutation, other padding) ---- */
static uint8_t *mib;

static void keccak_ours(int n) {
  uint8_t out[32];
  for (int i = 0; i < n; i++) must_ok(tronpay_keccak256(out, mib, 1 << 20), "keccak256");
  sink ^= out[0];
}

static void sha3_raw(int n) {
  uint8_t out[32];
  unsigned int len = 32;
  for (int i = 0; i < n; i++) EVP_Digest(mib, 1 << 20, out, &len, EVP_sha3_256(), NULL);
  sink ^= out[0];
}

/* ---- Address from a private key vs raw pubkey_create + serialize + keccak ---- */
static void address_ours(int n) {
  uint8_t addr[21];
  for (int i = 0; i < n; i++)
    must_ok(tronpay_address_from_privkey(addr, bench_key), "address_from_privkey");
  sink ^= addr[1];
}

static void address_raw(int n) {
  uint8_t ser[65], hash[32];
  size_t len;
  secp256k1_pubkey pub;
  for (int i = 0; i < n; i++) {
    must(secp256k1_ec_pubkey_create(ctx, &pub, bench_key), "pubkey_create");
    len = sizeof ser;
    must(secp256k1_ec_pubkey_serialize(ctx, ser, &len, &pub, SECP256K1_EC_UNCOMPRESSED),
         "pubkey_serialize");
    tronpay_keccak256(hash, ser + 1, 64);
  }
  sink ^= hash[0];
}

static void bench_core(void) {
  double ours, raw;
  if (selected("keccak256 1 MiB")) {
    measure(keccak_ours, sha3_raw, 8, &ours, &raw);
    report("keccak256 1 MiB", "OpenSSL SHA3-256", ours, raw, "<= 1.25x", NULL);
  }
  if (selected("address_from_privkey")) {
    measure(address_ours, address_raw, 2000, &ours, &raw);
    report("address_from_privkey", "secp256k1 create+serialize+keccak", ours, raw, "(info)",
           NULL);
  }
}

#include "sec_tx.inc"
#include "sec_recover.inc"
#include "sec_xpub.inc"
#include "sec_transfers.inc"
#include "sec_more.inc"
#include "sec_load.inc"
#include "sec_webhooks.inc"
#include "sec_engine.inc"

int main(int argc, char **argv) {
  const char *json_path = argc > 1 ? argv[1] : "build/bench.json";
  data_dir = argc > 2 ? argv[2] : "build/bench-data";
  peers_text = read_path(argc > 3 ? argv[3] : "build/bench-peers.json", NULL);
  only = getenv("BENCH_ONLY");
  quick = getenv("BENCH_QUICK") != NULL;
  json_out = fopen(json_path, "w");
  if (json_out) fprintf(json_out, "{\"rounds\":%d,\"results\":[", ROUNDS);
  mib = malloc(1 << 20);
  if (!mib) return 1;
  for (int i = 0; i < (1 << 20); i++) mib[i] = (uint8_t)(i * 7 + 3);
  ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
  must(ctx != NULL, "context_create");
  for (int i = 0; i < 32; i++) bench_key[i] = (uint8_t)(i + 1);

  printf("%-36s %16s %16s %8s  %-9s\n", "operation (median per op)", "libtronpay", "raw",
         "ratio", "target");
  bench_core();
  bench_tx();
  bench_recover();
  bench_xpub();
  bench_transfers();
  bench_more();
  bench_webhooks();
  bench_engine();
  bench_load(argv[0]);

  if (json_out) {
    fprintf(json_out, "\n]}\n");
    fclose(json_out);
    printf("\nwrote %s\n", json_path);
  }
  secp256k1_context_destroy(ctx);
  free(mib);
  free(peers_text);
  return 0;
}
