/* make bench: libtronpay through its C ABI against the raw libraries it builds on, in the same
 * process and run. Rounds alternate ours/raw; each figure is the median of the rounds, so a
 * noisy neighbour moves both sides alike. Speed is reported, never asserted. */
#define _POSIX_C_SOURCE 200809L
#include <openssl/evp.h>
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

typedef void (*work_fn)(int iterations);

/* Median nanoseconds per operation of ours and raw, measured in alternating rounds. */
static void measure(work_fn ours, work_fn raw, int iterations, double *ours_ns, double *raw_ns) {
  double a[ROUNDS], b[ROUNDS];
  ours(iterations / 10 + 1);
  raw(iterations / 10 + 1);
  for (int r = 0; r < ROUNDS; r++) {
    double t0 = now_ns();
    ours(iterations);
    double t1 = now_ns();
    raw(iterations);
    double t2 = now_ns();
    a[r] = (t1 - t0) / iterations;
    b[r] = (t2 - t1) / iterations;
  }
  *ours_ns = median(a, ROUNDS);
  *raw_ns = median(b, ROUNDS);
}

static FILE *json_out;
static int json_rows;

static void report(const char *name, const char *raw_name, double ours, double raw,
                   const char *target) {
  printf("%-34s %12.1f ns %12.1f ns  %6.2fx   %s vs %s\n", name, ours, raw, ours / raw, target,
         raw_name);
  if (json_out)
    fprintf(json_out, "%s\n    {\"name\":\"%s\",\"raw\":\"%s\",\"ours_ns\":%.1f,\"raw_ns\":%.1f,"
                      "\"ratio\":%.3f,\"target\":\"%s\"}",
            json_rows++ ? "," : "", name, raw_name, ours, raw, ours / raw, target);
}

/* ---- Keccak-256 of 1 MiB vs OpenSSL SHA3-256 (the same permutation, other padding) ---- */
static uint8_t *mib;
static volatile uint8_t sink;

static void keccak_ours(int n) {
  uint8_t out[32];
  for (int i = 0; i < n; i++) tronpay_keccak256(out, mib, 1 << 20);
  sink ^= out[0];
}

static void sha3_raw(int n) {
  uint8_t out[32];
  unsigned int len = 32;
  for (int i = 0; i < n; i++) EVP_Digest(mib, 1 << 20, out, &len, EVP_sha3_256(), NULL);
  sink ^= out[0];
}

/* ---- Address from a private key vs raw pubkey_create + serialize + keccak ---- */
static secp256k1_context *ctx;
static uint8_t bench_key[32];

static void address_ours(int n) {
  uint8_t addr[21];
  for (int i = 0; i < n; i++) tronpay_address_from_privkey(addr, bench_key);
  sink ^= addr[1];
}

static void address_raw(int n) {
  uint8_t ser[65], hash[32];
  size_t len;
  secp256k1_pubkey pub;
  for (int i = 0; i < n; i++) {
    secp256k1_ec_pubkey_create(ctx, &pub, bench_key);
    len = sizeof ser;
    secp256k1_ec_pubkey_serialize(ctx, ser, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
    tronpay_keccak256(hash, ser + 1, 64);
  }
  sink ^= hash[0];
}

int main(int argc, char **argv) {
  const char *json_path = argc > 1 ? argv[1] : "build/bench.json";
  json_out = fopen(json_path, "w");
  if (json_out) fprintf(json_out, "{\"rounds\":%d,\"results\":[", ROUNDS);
  mib = malloc(1 << 20);
  if (!mib) return 1;
  for (int i = 0; i < (1 << 20); i++) mib[i] = (uint8_t)(i * 7 + 3);
  ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
  for (int i = 0; i < 32; i++) bench_key[i] = (uint8_t)(i + 1);

  printf("%-34s %15s %15s %8s   %s\n", "operation (median per op)", "libtronpay", "raw", "ratio",
         "target");
  double ours, raw;
  measure(keccak_ours, sha3_raw, 8, &ours, &raw);
  report("keccak256 1 MiB", "OpenSSL SHA3-256", ours, raw, "<= 1.25x");
  measure(address_ours, address_raw, 2000, &ours, &raw);
  report("address_from_privkey", "secp256k1 create+serialize+keccak", ours, raw, "(info)");
#include "bench_sections.inc"

  if (json_out) {
    fprintf(json_out, "\n]}\n");
    fclose(json_out);
    printf("\nwrote %s\n", json_path);
  }
  secp256k1_context_destroy(ctx);
  free(mib);
  return 0;
}
