/* tronpay_free wipes what it frees, for every kind of output the library allocates.
 *
 * The library wipes through OPENSSL_cleanse (libcrypto), which it imports dynamically. This
 * program defines its own OPENSSL_cleanse: the executable comes first in symbol lookup, so the
 * library's (and libcrypto's) calls land here. It zeroes like the original and records each call
 * with the first bytes it found, so the test can see that tronpay_free(p) wiped p's whole block
 * while it still held the output. (Reading freed memory instead would prove nothing reliable.)
 *
 * That needs the linker to export OPENSSL_cleanse from the executable, as GNU ld does for a
 * symbol a linked library references. ld.gold, which the toolchain's clang uses for the ASan
 * build, does not (the reference is versioned); there, and only in a sanitizer build, the wipe
 * checks are skipped with a message and the outputs are still freed under ASan's eye. */
#include <stdint.h>

#include "check.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZER_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZER_BUILD 1
#endif
#endif
#ifndef SANITIZER_BUILD
#define SANITIZER_BUILD 0
#endif

static int interposed = 1;

#define CALLS 64
static struct {
  uintptr_t start;
  size_t len;
  unsigned char head[16];
} calls[CALLS];
static int call_count;

void OPENSSL_cleanse(void *p, size_t len);
void OPENSSL_cleanse(void *p, size_t len) {
  if (call_count < CALLS) {
    calls[call_count].start = (uintptr_t)p;
    calls[call_count].len = len;
    memset(calls[call_count].head, 0, sizeof calls[call_count].head);
    memcpy(calls[call_count].head, p, len < 16 ? len : 16);
    call_count++;
  }
  volatile unsigned char *v = p;
  for (size_t i = 0; i < len; i++) v[i] = 0;
}

/* Frees p (holding at least n bytes) with tronpay_free; true if that wiped all n bytes while
 * they still held the output. */
static int freed_wiped(void *p, size_t n) {
  if (!interposed) {
    tronpay_free(p);
    return 1;
  }
  unsigned char head[16] = {0};
  size_t compared = n < 16 ? n : 16;
  memcpy(head, p, compared);
  uintptr_t start = (uintptr_t)p;
  call_count = 0;
  tronpay_free(p);
  for (int i = 0; i < call_count && i < CALLS; i++)
    if (calls[i].start == start && calls[i].len >= n && calls[i].len >= 1 &&
        !memcmp(calls[i].head, head, compared))
      return 1;
  return 0;
}

#define CHECK_WIPED(p, n, what)                                                     \
  do {                                                                              \
    int wiped_ = freed_wiped((p), (n));                                             \
    if (!wiped_) fprintf(stderr, "tronpay_free did not wipe the %s output\n", what); \
    CHECK(wiped_);                                                                  \
  } while (0)

int main(void) {
  /* Are the library's wipes landing here? */
  unsigned char probe[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  call_count = 0;
  tronpay_memzero(probe, sizeof probe);
  interposed = call_count == 1 && calls[0].start == (uintptr_t)probe && calls[0].len == 8;
  CHECK(probe[0] == 0 && probe[7] == 0);
  if (!interposed) {
    printf("test_outputs: OPENSSL_cleanse is not interposed in this link; %s\n",
           SANITIZER_BUILD ? "wipe checks skipped (sanitizer build), outputs only freed"
                           : "cannot check the wipe");
    CHECK(SANITIZER_BUILD);
  }

  /* NULL is a no-op, and wipes nothing. */
  call_count = 0;
  tronpay_free(NULL);
  CHECK(call_count == 0);

  /* Mnemonics: the case bindings used to free unwiped. */
  const char *languages[] = {NULL, "japanese", "korean"};
  for (int i = 0; i < 3; i++) {
    char *mnemonic = NULL;
    CHECK_STATUS(tronpay_mnemonic_generate(&mnemonic, 24, languages[i]), TRONPAY_OK);
    if (mnemonic) CHECK_WIPED(mnemonic, strlen(mnemonic) + 1, "mnemonic");
  }

  /* Amounts. */
  char *text = NULL;
  CHECK_STATUS(tronpay_amount_to_base_units(&text, "12.5", 6), TRONPAY_OK);
  if (text) CHECK_WIPED(text, strlen(text) + 1, "amount_to_base_units");
  text = NULL;
  CHECK_STATUS(tronpay_amount_from_base_units(&text, "12500000", 6), TRONPAY_OK);
  if (text) CHECK_WIPED(text, strlen(text) + 1, "amount_from_base_units");

  /* Transactions: built bytes, JSON, serialized bytes, the decoded parts, the report. */
  uint8_t key[32] = {0}, owner[21], to[21], token[21], block[32], sig[65];
  key[31] = 9;
  for (int i = 0; i < 32; i++) block[i] = (uint8_t)i;
  if (tronpay_address_from_privkey(owner, key) ||
      tronpay_address_parse(to, "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK") ||
      tronpay_address_parse(token, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")) {
    printf("test_outputs: setup failed\n0 passed, 1 failed\n");
    return 1;
  }
  tronpay_tx_options opt = {sizeof opt, block, 1700000000000, 1700000060000, 30000000, NULL, 0, 0};
  uint8_t *raw = NULL;
  size_t raw_len = 0;
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &raw_len, owner, to, 5, &opt), TRONPAY_OK);
  if (raw) CHECK_WIPED(raw, raw_len, "tx_build_transfer");
  raw = NULL;
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, &raw_len, owner, token, 0, NULL, 0, &opt),
               TRONPAY_OK);
  if (raw) CHECK_WIPED(raw, raw_len, "tx_build_trigger");
  raw = NULL;
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &raw_len, owner, token, to, "1", &opt),
               TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_sign(sig, raw, raw_len, key), TRONPAY_OK);

  uint8_t *serialized = NULL;
  size_t serialized_len = 0;
  CHECK_STATUS(tronpay_tx_serialize(&serialized, &serialized_len, raw, raw_len, sig, 1),
               TRONPAY_OK);
  if (serialized) CHECK_WIPED(serialized, serialized_len, "tx_serialize");

  char *json = NULL, *unsigned_json = NULL;
  CHECK_STATUS(tronpay_tx_to_json(&json, raw, raw_len, sig, 1), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_to_json(&unsigned_json, raw, raw_len, NULL, 0), TRONPAY_OK);
  if (json && unsigned_json) {
    uint8_t *raw2 = NULL, *sigs = NULL;
    size_t len2 = 0, count = 0;
    CHECK_STATUS(tronpay_tx_from_json(&raw2, &len2, &sigs, &count, json, strlen(json)),
                 TRONPAY_OK);
    if (raw2) CHECK_WIPED(raw2, len2, "tx_from_json raw");
    if (sigs) CHECK_WIPED(sigs, count * 65, "tx_from_json signatures");
    /* No signatures: still a valid (one-byte) block, wiped like the others. */
    raw2 = sigs = NULL;
    CHECK_STATUS(tronpay_tx_from_json(&raw2, &len2, &sigs, &count, unsigned_json,
                                      strlen(unsigned_json)),
                 TRONPAY_OK);
    CHECK(count == 0 && sigs != NULL);
    if (raw2) CHECK_WIPED(raw2, len2, "tx_from_json raw");
    if (sigs) CHECK_WIPED(sigs, 1, "tx_from_json empty signatures");

    char *report = NULL;
    CHECK_STATUS(tronpay_tx_verify(&report, json, strlen(json), 0), TRONPAY_OK);
    if (report) CHECK_WIPED(report, strlen(report) + 1, "tx_verify report");
    report = NULL;
    CHECK_STATUS(tronpay_tx_verify(&report, unsigned_json, strlen(unsigned_json), 0),
                 TRONPAY_E_VERIFY);
    if (report) CHECK_WIPED(report, strlen(report) + 1, "tx_verify report on E_VERIFY");
    CHECK_WIPED(json, strlen(json) + 1, "tx_to_json");
    CHECK_WIPED(unsigned_json, strlen(unsigned_json) + 1, "tx_to_json");
  }
  tronpay_free(raw);

  /* Transfers and payment checks. */
  text = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&text, "{}", 2), TRONPAY_OK);
  if (text) CHECK_WIPED(text, strlen(text) + 1, "transfers_parse");
  const char *request =
      "{\"chain\":{\"head_block\":2,\"solidified_block\":1,\"now_ms\":1738601565000},"
      "\"invoices\":[]}";
  text = NULL;
  CHECK_STATUS(tronpay_payment_check(&text, request, strlen(request)), TRONPAY_OK);
  if (text) CHECK_WIPED(text, strlen(text) + 1, "payment_check");

  return check_summary("test_outputs");
}
