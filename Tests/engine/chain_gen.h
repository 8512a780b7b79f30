/* A deterministic TRON chain for the engine's process-level tests: block n of a seeded chain
 * always holds the same USDT payments (real TriggerSmartContract bytes built by the library,
 * txID = SHA-256 of them, a Transfer log in the receipt) to the first deposit addresses of the
 * test wallet, so a killed process and its restarted successor see the very same blocks, and
 * the checker can recompute what must have been credited. */
#ifndef TRONPAY_TEST_CHAIN_GEN_H
#define TRONPAY_TEST_CHAIN_GEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tronpay.h"

#define GEN_START 70000000LL
#define GEN_STAMP0 1764000000000LL
#define GEN_MAX_PAYMENTS 3
#define GEN_DUE "10000000"

/* m/44'/195'/0' of the BIP39 "abandon … about" seed (Tests/vectors/hd.json). */
static const char *gen_xpub =
    "xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgm"
    "v8D45oNUKx6DZMNZBCd";
static const char *gen_usdt = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c";
static const char *gen_fake = "415ac9b37c1b0a2b0e86b41a0cfef1fbd16c0ff3d4";
static const char *gen_payer = "41ec20315a879c48f5e3a6a1c9826d5225f8b658b8";

typedef struct {
  int invoice;          /* index of the paid invoice (= its derivation index) */
  int fake;             /* sent by a fake token contract: never credited */
  unsigned long amount; /* base units */
} gen_payment;

static int64_t gen_stamp(int64_t n) { return GEN_STAMP0 + (n - GEN_START) * 3000; }

static uint64_t gen_mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* The payments of block n: 0 to 3, each to one of `invoices` addresses. */
static int gen_payments(uint64_t seed, int64_t n, int invoices, gen_payment out[GEN_MAX_PAYMENTS]) {
  uint64_t r = gen_mix(seed * 1000003ULL + (uint64_t)n);
  int count = (int)(r % (GEN_MAX_PAYMENTS + 1));
  for (int i = 0; i < count; i++) {
    uint64_t q = gen_mix(r + (uint64_t)i + 1);
    out[i].invoice = (int)(q % (uint64_t)invoices);
    out[i].fake = (q >> 20) % 8 == 0;
    out[i].amount = (q >> 24) % 2 ? 10000000UL : 5000000UL;
  }
  return count;
}

static void gen_hex(char *out, const uint8_t *bytes, size_t n) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  out[2 * n] = 0;
}

static int gen_unhex(uint8_t *out, const char *hex, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    if (sscanf(hex + 2 * i, "%2x", &v) != 1) return 0;
    out[i] = (uint8_t)v;
  }
  return 1;
}

/* Block id: the number as 8 big-endian bytes, then 24 bytes of SHA-256(seed, n). */
static void gen_block_id(char out[65], uint64_t seed, int64_t n) {
  uint8_t input[16], hash[32];
  memcpy(input, &seed, 8);
  memcpy(input + 8, &n, 8);
  if (tronpay_sha256(hash, input, sizeof input) != TRONPAY_OK) memset(hash, 0, sizeof hash);
  snprintf(out, 17, "%016llx", (unsigned long long)n);
  gen_hex(out + 16, hash, 24);
}

typedef struct {
  char *block;
  size_t block_len;
  char *infos;
  size_t infos_len;
  char txids[GEN_MAX_PAYMENTS][65];
  int count;
} gen_block;

static void gen_block_free(gen_block *b) {
  free(b->block);
  free(b->infos);
  memset(b, 0, sizeof *b);
}

/* Builds block n with its receipts; `addresses` holds the invoices' 21-byte addresses.
 * Returns 0 on success. */
static int gen_build(gen_block *b, uint64_t seed, int64_t n, int invoices,
                     const uint8_t *addresses) {
  gen_payment pay[GEN_MAX_PAYMENTS];
  int count = gen_payments(seed, n, invoices, pay);
  size_t cap = 4096 + (size_t)count * 4096;
  memset(b, 0, sizeof *b);
  b->block = malloc(cap);
  b->infos = malloc(cap);
  if (!b->block || !b->infos) return -1;
  char id[65], parent[65];
  gen_block_id(id, seed, n);
  gen_block_id(parent, seed, n - 1);
  int64_t stamp = gen_stamp(n);
  size_t bl = (size_t)snprintf(
      b->block, cap,
      "{\"blockID\":\"%s\",\"block_header\":{\"raw_data\":{\"number\":%lld,\"txTrieRoot\":\"%064d\","
      "\"witness_address\":\"411111111111111111111111111111111111111111\",\"parentHash\":\"%s\","
      "\"version\":31,\"timestamp\":%lld},\"witness_signature\":\"%0130d\"}",
      id, (long long)n, 0, parent, (long long)stamp, 0);
  size_t il = (size_t)snprintf(b->infos, cap, "[");
  uint8_t owner[21], usdt[21], fake[21], ref[32];
  gen_unhex(owner, gen_payer, 21);
  gen_unhex(usdt, gen_usdt, 21);
  gen_unhex(fake, gen_fake, 21);
  gen_unhex(ref, parent, 32);
  for (int i = 0; i < count; i++) {
    const uint8_t *to = addresses + 21 * pay[i].invoice;
    char amount[32];
    snprintf(amount, sizeof amount, "%lu", pay[i].amount);
    tronpay_tx_options opt = {sizeof opt, ref, stamp - 3000 + i, stamp + 60000, 30000000,
                              NULL, 0, 0};
    uint8_t *raw = NULL;
    size_t raw_len = 0;
    uint8_t txid[32];
    char *json = NULL;
    if (tronpay_tx_build_trc20_transfer(&raw, &raw_len, owner, pay[i].fake ? fake : usdt, to,
                                        amount, &opt) != TRONPAY_OK ||
        tronpay_tx_id(txid, raw, raw_len) != TRONPAY_OK ||
        tronpay_tx_to_json(&json, raw, raw_len, NULL, 0) != TRONPAY_OK) {
      tronpay_free(raw);
      return -1;
    }
    tronpay_free(raw);
    gen_hex(b->txids[i], txid, 32);
    bl += (size_t)snprintf(b->block + bl, cap - bl, "%s{\"ret\":[{\"contractRet\":\"SUCCESS\"}],%s",
                           i ? "," : ",\"transactions\":[", json + 1);
    tronpay_free(json);
    char to_hex[43];
    gen_hex(to_hex, to, 21);
    il += (size_t)snprintf(
        b->infos + il, cap - il,
        "%s{\"id\":\"%s\",\"fee\":13844850,\"blockNumber\":%lld,\"blockTimeStamp\":%lld,"
        "\"contractResult\":[\"%064d\"],\"contract_address\":\"%s\",\"receipt\":{\"energy_fee\":"
        "13499850,\"energy_usage_total\":64285,\"net_fee\":345000,\"result\":\"SUCCESS\"},"
        "\"log\":[{\"address\":\"%s\",\"topics\":[\"ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a"
        "11628f55a4df523b3ef\",\"000000000000000000000000%s\",\"000000000000000000000000%s\"],"
        "\"data\":\"%064lx\"}]}",
        i ? "," : "", b->txids[i], (long long)n, (long long)stamp, 0,
        pay[i].fake ? gen_fake : gen_usdt, (pay[i].fake ? gen_fake : gen_usdt) + 2, gen_payer + 2,
        to_hex + 2, pay[i].amount);
  }
  if (count) bl += (size_t)snprintf(b->block + bl, cap - bl, "]");
  bl += (size_t)snprintf(b->block + bl, cap - bl, "}");
  il += (size_t)snprintf(b->infos + il, cap - il, "]");
  b->block_len = bl;
  b->infos_len = il;
  b->count = count;
  return bl < cap && il < cap ? 0 : -1;
}

#endif
