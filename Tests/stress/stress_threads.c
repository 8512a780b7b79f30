/* 8 threads call the library at once for a few seconds; every result must equal the one
 * computed single-threaded first. Run plainly, under ThreadSanitizer (make test-tsan) and
 * under AddressSanitizer. The table of operations grows with the API. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tronpay.h"

#define THREADS 8
#define MAX_OPS 32
#define OUT_SIZE 4096

/* One operation: writes a deterministic result into out (at most OUT_SIZE bytes) and returns
 * its length, or -1 on an unexpected status. */
typedef int (*stress_op)(unsigned char *out, int seed);

static int op_address(unsigned char *out, int seed) {
  unsigned char key[32];
  memset(key, 0x11, sizeof key);
  key[31] = (unsigned char)(seed + 1);
  char text[TRONPAY_ADDRESS_TEXT_SIZE];
  unsigned char addr[21];
  if (tronpay_address_from_privkey(addr, key) != TRONPAY_OK) return -1;
  if (tronpay_address_to_base58(text, addr) != TRONPAY_OK) return -1;
  memcpy(out, text, 35);
  return 35;
}

static int op_parse_address(unsigned char *out, int seed) {
  const char *forms[] = {"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
                         "41a614f803b6fd780986a42c78ec9c7f77e6ded13c",
                         "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T"};
  tronpay_status s = tronpay_address_parse(out, forms[seed % 3]);
  if (s != TRONPAY_OK) {
    /* The failure's detail text must be this thread's own. */
    if (strcmp(tronpay_last_error(), "checksum mismatch") != 0) return -1;
    memset(out, 0, 21);
  }
  return 21;
}

static int op_amount(unsigned char *out, int seed) {
  char text[32], *units = NULL;
  snprintf(text, sizeof text, "%d.%d", seed * 7919, seed % 10);
  if (tronpay_amount_to_base_units(&units, text, 6) != TRONPAY_OK) return -1;
  size_t n = strlen(units);
  memcpy(out, units, n);
  tronpay_free(units);
  return (int)n;
}

static int op_keccak(unsigned char *out, int seed) {
  unsigned char data[300];
  for (int i = 0; i < 300; i++) data[i] = (unsigned char)(i * seed);
  return tronpay_keccak256(out, data, (size_t)(seed % 300)) == TRONPAY_OK ? 32 : -1;
}

/* A USDT transfer built, signed and printed as node JSON: builder, signer, JSON writer. */
static int op_sign(unsigned char *out, int seed) {
  unsigned char key[32], owner[21], token[21], to[21], block[32], *raw = NULL;
  size_t raw_len = 0;
  memset(key, 0x22, sizeof key);
  key[0] = (unsigned char)(seed + 1);
  memset(block, 0x33, sizeof block);
  if (tronpay_address_from_privkey(owner, key) != TRONPAY_OK) return -1;
  if (tronpay_address_parse(token, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t") != TRONPAY_OK) return -1;
  if (tronpay_address_parse(to, "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK") != TRONPAY_OK) return -1;
  char amount[24];
  snprintf(amount, sizeof amount, "%d", 1000000 + seed);
  tronpay_tx_options opt = {sizeof opt, block, 1700000000000, 1700000060000, 30000000, NULL, 0, 0};
  if (tronpay_tx_build_trc20_transfer(&raw, &raw_len, owner, token, to, amount, &opt) != TRONPAY_OK)
    return -1;
  unsigned char sig[65];
  char *json = NULL;
  int n = -1;
  if (tronpay_tx_sign(sig, raw, raw_len, key) == TRONPAY_OK &&
      tronpay_tx_to_json(&json, raw, raw_len, sig, 1) == TRONPAY_OK && strlen(json) < OUT_SIZE) {
    n = (int)strlen(json);
    memcpy(out, json, (size_t)n);
  }
  tronpay_free(json);
  tronpay_free(raw);
  return n;
}

/* TIP-104 sign then recover. */
static int op_recover(unsigned char *out, int seed) {
  unsigned char key[32], sig[65];
  memset(key, 0x44, sizeof key);
  key[5] = (unsigned char)seed;
  char msg[32];
  snprintf(msg, sizeof msg, "order %d paid", seed);
  if (tronpay_message_sign(sig, (const uint8_t *)msg, strlen(msg), key) != TRONPAY_OK) return -1;
  if (tronpay_message_recover(out, (const uint8_t *)msg, strlen(msg), sig) != TRONPAY_OK)
    return -1;
  memcpy(out + 21, sig, 65);
  return 86;
}

/* Watch-only deposit addresses from the TEST mnemonic's account xpub. */
static int op_derive(unsigned char *out, int seed) {
  static const char *xpub =
      "xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQg"
      "mv8D45oNUKx6DZMNZBCd";
  return tronpay_xpub_derive_addresses(out, xpub, 0, (uint32_t)seed * 4, 4) == TRONPAY_OK ? 84
                                                                                          : -1;
}

/* A real mainnet receipt (Tests/vectors/mainnet.json's USDT transfer shape), parsed and
 * checked against an invoice. */
static int op_parse(unsigned char *out, int seed) {
  static char receipts[1 << 16];
  static int loaded;
  (void)seed;
  if (!loaded) { /* first call is the single-threaded pass in main() */
    FILE *f = fopen("examples/data/mainnet_receipts.json", "rb");
    if (!f) return -1;
    size_t n = fread(receipts, 1, sizeof receipts - 1, f);
    fclose(f);
    receipts[n] = 0;
    loaded = 1;
  }
  char *parsed = NULL;
  if (tronpay_transfers_parse(&parsed, receipts, strlen(receipts)) != TRONPAY_OK) return -1;
  int n = (int)strlen(parsed);
  if (n >= OUT_SIZE) n = OUT_SIZE - 1;
  memcpy(out, parsed, (size_t)n);
  tronpay_free(parsed);
  return n;
}

/* A webhook signed and verified (Standard Webhooks), and an epusdt signature: HMAC through
 * EVP_MAC, MD5 through EVP, the JSON reader and the float text, from every thread at once. */
static int op_webhook(unsigned char *out, int seed) {
  char body[64], ts[24], params[96], *sig = NULL;
  snprintf(body, sizeof body, "{\"type\":\"invoice.paid\",\"n\":%d}", seed);
  snprintf(ts, sizeof ts, "%d", 1700000000 + seed);
  const char *secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  if (tronpay_webhook_sign(&sig, secret, "evt_stress", 1700000000 + seed, (const uint8_t *)body,
                           strlen(body)) != TRONPAY_OK)
    return -1;
  int ok = tronpay_webhook_verify(secret, "evt_stress", ts, sig, (const uint8_t *)body,
                                  strlen(body), 1700000000, 300) == (seed <= 300 ? TRONPAY_OK
                                                                               : TRONPAY_E_VERIFY);
  memcpy(out, sig, 47);
  tronpay_free(sig);
  snprintf(params, sizeof params, "{\"amount\":%d.%d,\"status\":2,\"trade_id\":\"t%d\"}", seed,
           seed * 7 % 1000, seed);
  if (!ok || tronpay_epusdt_sign((char *)out + 47, params, strlen(params), "token") != TRONPAY_OK)
    return -1;
  return 47 + 32;
}

/* One engine handle shared by every thread (in memory; its invoices made before the threads
 * start): an idempotent create and a get of the same order, whose answers never change. */
static tronpay_engine *ENGINE;
static const int64_t ENGINE_NOW = 1767225600000;

static int engine_setup(void) {
  unsigned char seed[64];
  char xpub[TRONPAY_XKEY_TEXT_SIZE], config[512];
  memset(seed, 0x42, sizeof seed);
  if (tronpay_hd_xpub(xpub, seed, 64, "m/44'/195'/0'") != TRONPAY_OK) return 0;
  snprintf(config, sizeof config,
           "{\"store\":\"sqlite::memory:\",\"wallets\":[{\"id\":\"main\",\"xpub\":\"%s\"}]}", xpub);
  if (tronpay_engine_open(&ENGINE, config, strlen(config), ENGINE_NOW) != TRONPAY_OK) return 0;
  for (int i = 0; i < 16; i++) {
    char req[96], *out = NULL;
    snprintf(req, sizeof req, "{\"order_id\":\"S-%d\",\"amount\":\"%d.5\"}", i, i + 1);
    if (tronpay_invoice_create(ENGINE, &out, req, strlen(req), ENGINE_NOW) != TRONPAY_OK) return 0;
    tronpay_free(out);
  }
  return 1;
}

static int op_engine(unsigned char *out, int seed) {
  char req[96], order[16], *created = NULL, *got = NULL;
  snprintf(order, sizeof order, "S-%d", seed);
  snprintf(req, sizeof req, "{\"order_id\":\"%s\",\"amount\":\"%d.5\"}", order, seed + 1);
  if (tronpay_invoice_create(ENGINE, &created, req, strlen(req), ENGINE_NOW) != TRONPAY_OK)
    return -1;
  tronpay_status s = tronpay_invoice_get(ENGINE, &got, order, ENGINE_NOW);
  size_t a = strlen(created), b = s == TRONPAY_OK ? strlen(got) : 0;
  int n = -1;
  if (s == TRONPAY_OK && a + b <= OUT_SIZE) {
    memcpy(out, created, a);
    memcpy(out + a, got, b);
    n = (int)(a + b);
  }
  tronpay_free(created);
  tronpay_free(got);
  return n;
}

static stress_op ops[MAX_OPS] = {op_address, op_parse_address, op_amount, op_keccak,
                                 op_sign,    op_recover,       op_derive, op_parse,
                                 op_webhook, op_engine};
static int op_count = 10;

#define SEEDS 16
static unsigned char expected[MAX_OPS][SEEDS][OUT_SIZE];
static int expected_len[MAX_OPS][SEEDS];
static double seconds = 3.0;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void *worker(void *arg) {
  long id = (long)arg;
  long mismatches = 0, calls = 0;
  unsigned char out[OUT_SIZE];
  double end = now() + seconds;
  for (unsigned i = (unsigned)id; now() < end; i++) {
    int op = (int)(i % (unsigned)op_count), seed = (int)((i / 7) % SEEDS);
    int n = ops[op](out, seed);
    calls++;
    if (n != expected_len[op][seed] || memcmp(out, expected[op][seed], (size_t)n) != 0)
      mismatches++;
  }
  printf("  thread %ld: %ld calls, %ld mismatches\n", id, calls, mismatches);
  return (void *)mismatches;
}

int main(int argc, char **argv) {
  if (argc > 1) seconds = atof(argv[1]);
  if (!engine_setup()) {
    printf("stress: engine setup failed (%s)\n0 passed, 1 failed\n", tronpay_last_error());
    return 1;
  }
  for (int op = 0; op < op_count; op++)
    for (int seed = 0; seed < SEEDS; seed++) {
      expected_len[op][seed] = ops[op](expected[op][seed], seed);
      if (expected_len[op][seed] < 0) {
        printf("stress: operation %d failed single-threaded\n0 passed, 1 failed\n", op);
        return 1;
      }
    }
  pthread_t threads[THREADS];
  for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, worker, (void *)t);
  long failed = 0;
  for (int t = 0; t < THREADS; t++) {
    void *r;
    pthread_join(threads[t], &r);
    failed += (long)r;
  }
  tronpay_engine_close(ENGINE);
  printf("stress_threads: %d operations x %d threads for %.1f s\n", op_count, THREADS, seconds);
  printf("stress_threads: %d passed, %d failed\n", failed ? 0 : 1, failed ? 1 : 0);
  return failed ? 1 : 0;
}
