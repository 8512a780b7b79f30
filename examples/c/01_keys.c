/* Step 1 of the demo: a fresh key, its address in both text forms, the three accepted address
 * spellings, and exact amount conversion. The private key is generated, used, and wiped; it is
 * never printed. */
#include <stdio.h>
#include <string.h>

#include "tronpay.h"

static int fail(const char *what, tronpay_status s) {
  fprintf(stderr, "%s: %s (%s)\n", what, tronpay_status_str(s), tronpay_last_error());
  return 1;
}

int main(void) {
  tronpay_status s;
  uint8_t key[TRONPAY_PRIVKEY_SIZE], addr[TRONPAY_ADDRESS_SIZE];
  char text[TRONPAY_ADDRESS_TEXT_SIZE], hex[TRONPAY_ADDRESS_HEX_SIZE];

  printf("libtronpay %s (ABI %u)\n", tronpay_version(), tronpay_abi_version());
  if ((s = tronpay_privkey_generate(key)) != TRONPAY_OK) return fail("generate", s);
  s = tronpay_address_from_privkey(addr, key);
  tronpay_memzero(key, sizeof key);
  if (s != TRONPAY_OK) return fail("address", s);
  if ((s = tronpay_address_to_base58(text, addr)) != TRONPAY_OK) return fail("base58", s);
  if ((s = tronpay_address_to_hex(hex, addr)) != TRONPAY_OK) return fail("hex", s);
  printf("fresh key's address   %s\n", text);
  printf("             as hex   %s\n", hex);

  const char *forms[] = {"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
                         "41a614f803b6fd780986a42c78ec9c7f77e6ded13c",
                         "0xa614f803b6fd780986a42c78ec9c7f77e6ded13c",
                         "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T"};
  printf("\nparsing addresses (USDT's contract, three spellings, then a typo):\n");
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    s = tronpay_address_parse(addr, forms[i]);
    if (s == TRONPAY_OK) {
      if ((s = tronpay_address_to_base58(text, addr)) != TRONPAY_OK) return fail("base58", s);
      printf("  %-44s -> %s\n", forms[i], text);
    } else {
      printf("  %-44s -> refused: %s (%s)\n", forms[i], tronpay_status_str(s), tronpay_last_error());
    }
  }

  char *units = NULL, *human = NULL;
  if ((s = tronpay_amount_to_base_units(&units, "12.5", 6)) != TRONPAY_OK) return fail("amount", s);
  if ((s = tronpay_amount_from_base_units(&human, units, 6)) != TRONPAY_OK) {
    tronpay_free(units);
    return fail("amount", s);
  }
  printf("\n12.5 USDT = %s base units = %s USDT\n", units, human);
  tronpay_free(units);
  tronpay_free(human);
  s = tronpay_amount_to_base_units(&units, "12.5000001", 6);
  printf("12.5000001 USDT -> %s (%s)\n", tronpay_status_str(s), tronpay_last_error());
  return 0;
}
