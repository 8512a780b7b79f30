/* Step 2 of the demo: an HD wallet for deposit addresses.
 *
 * The shop's web server holds only the account xpub (m/44'/195'/0'); every invoice gets the
 * next address m/44'/195'/0'/0/i, derived watch-only from it. The mnemonic and keys stay
 * offline. This demo plays both sides and checks they agree.
 *
 * The mnemonic below is the public BIP39 TEST mnemonic: everybody knows its keys. Never send
 * funds to its addresses. */
#include <stdio.h>
#include <string.h>

#include "tronpay.h"

#define TEST_MNEMONIC                                                                      \
  "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " \
  "about"
#define COUNT 5

static int fail(const char *what, tronpay_status s) {
  fprintf(stderr, "%s: %s (%s)\n", what, tronpay_status_str(s), tronpay_last_error());
  return 1;
}

int main(void) {
  tronpay_status s;
  uint8_t seed[TRONPAY_SEED_SIZE];
  char xpub[TRONPAY_XKEY_TEXT_SIZE];

  printf("HD wallet (BIP39/BIP32/BIP44, TRON coin type 195)\n");
  printf("mnemonic: the public TEST mnemonic \"abandon … about\" (never use it for funds)\n");

  /* Offline side: mnemonic -> seed -> account xpub. */
  if ((s = tronpay_mnemonic_validate(TEST_MNEMONIC)) != TRONPAY_OK) return fail("validate", s);
  if ((s = tronpay_mnemonic_to_seed(seed, TEST_MNEMONIC, NULL)) != TRONPAY_OK)
    return fail("mnemonic_to_seed", s);
  if ((s = tronpay_hd_xpub(xpub, seed, sizeof seed, "m/44'/195'/0'")) != TRONPAY_OK)
    return fail("hd_xpub", s);
  printf("account xpub m/44'/195'/0':\n  %s\n", xpub);

  /* Web server side: only the xpub, addresses 0..4 of the external chain in one call. */
  uint8_t addresses[COUNT * TRONPAY_ADDRESS_SIZE];
  if ((s = tronpay_xpub_derive_addresses(addresses, xpub, 0, 0, COUNT)) != TRONPAY_OK)
    return fail("xpub_derive_addresses", s);

  /* Offline side again: the private path gives the same addresses. */
  printf("deposit addresses, watch-only from the xpub, checked against the private path:\n");
  int mismatches = 0;
  for (int i = 0; i < COUNT; i++) {
    char path[48], text[TRONPAY_ADDRESS_TEXT_SIZE];
    uint8_t key[TRONPAY_PRIVKEY_SIZE], address[TRONPAY_ADDRESS_SIZE];
    snprintf(path, sizeof path, "m/44'/195'/0'/0/%d", i);
    if ((s = tronpay_hd_privkey(key, seed, sizeof seed, path)) != TRONPAY_OK ||
        (s = tronpay_address_from_privkey(address, key)) != TRONPAY_OK) {
      tronpay_memzero(key, sizeof key);
      tronpay_memzero(seed, sizeof seed);
      return fail(path, s);
    }
    tronpay_memzero(key, sizeof key);
    const uint8_t *watched = addresses + i * TRONPAY_ADDRESS_SIZE;
    int same = memcmp(watched, address, sizeof address) == 0;
    mismatches += !same;
    if ((s = tronpay_address_to_base58(text, watched)) != TRONPAY_OK) return fail("base58", s);
    printf("  %-22s %s  %s\n", path, text, same ? "\u2713 same as private path" : "MISMATCH");
  }
  tronpay_memzero(seed, sizeof seed);
  printf(mismatches == 0 ? "all %d addresses agree\n" : "%d addresses disagree\n",
         mismatches == 0 ? COUNT : mismatches);
  return mismatches == 0 ? 0 : 1;
}
