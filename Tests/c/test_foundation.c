/* C tests of the Library, Hashes/keys/addresses and Amounts sections, through the public
 * header only: known answers from Tests/vectors (their sources are named there) and misuse. */
#include "check.h"

static const char *KEY_HEX = "2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54";
static const char *KEY_PUB =
    "041f3ea174cafbe4e8f21893d0c4604ff79e2539c91fd2419e0b347a61a5020a06ff413d68cf6705b4ecfd1a9db131"
    "cff54bb614f8cbf6367f46c250267e541b49";
static const char *KEY_PUB_COMPRESSED =
    "031f3ea174cafbe4e8f21893d0c4604ff79e2539c91fd2419e0b347a61a5020a06";
static const char *KEY_ADDR_HEX = "415cd0fb0ab3ce40f3051414c604b27756e69e43db";
static const char *KEY_ADDR_B58 = "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC";
static const char *USDT_B58 = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
static const char *USDT_HEX = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c";

/* secp256k1 group order n, and n − 1. */
static const char *ORDER_N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
static const char *ORDER_N_MINUS_1 =
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140";

static void test_library(void) {
  CHECK(tronpay_abi_version() == TRONPAY_ABI_VERSION);
  CHECK(strcmp(tronpay_version(), "0.1.0") == 0);
  CHECK(strcmp(tronpay_status_str(TRONPAY_OK), "TRONPAY_OK") == 0);
  CHECK(strcmp(tronpay_status_str(TRONPAY_E_ADDRESS), "TRONPAY_E_ADDRESS") == 0);
  CHECK(strcmp(tronpay_status_str(TRONPAY_E_INTERNAL), "TRONPAY_E_INTERNAL") == 0);
  CHECK(strcmp(tronpay_status_str(-99), "unknown status") == 0);
  CHECK(strcmp(tronpay_status_str(5), "unknown status") == 0);
  /* All codes distinct. */
  int codes[] = {TRONPAY_OK, TRONPAY_E_ARG, TRONPAY_E_BUFFER, TRONPAY_E_HEX, TRONPAY_E_ADDRESS,
                 TRONPAY_E_KEY, TRONPAY_E_SIGNATURE, TRONPAY_E_VERIFY, TRONPAY_E_MNEMONIC,
                 TRONPAY_E_PATH, TRONPAY_E_XKEY, TRONPAY_E_AMOUNT, TRONPAY_E_TX, TRONPAY_E_JSON,
                 TRONPAY_E_RANDOM, TRONPAY_E_INTERNAL};
  int n = (int)(sizeof codes / sizeof codes[0]);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) CHECK(codes[i] != codes[j]);
  CHECK(tronpay_size_privkey() == TRONPAY_PRIVKEY_SIZE);
  CHECK(tronpay_size_pubkey() == TRONPAY_PUBKEY_SIZE);
  CHECK(tronpay_size_address() == TRONPAY_ADDRESS_SIZE);
  CHECK(tronpay_size_address_text() == TRONPAY_ADDRESS_TEXT_SIZE);
  CHECK(tronpay_size_address_hex() == TRONPAY_ADDRESS_HEX_SIZE);
  CHECK(tronpay_size_signature() == TRONPAY_SIGNATURE_SIZE);
  CHECK(tronpay_size_txid() == TRONPAY_TXID_SIZE);
  CHECK(tronpay_size_seed() == TRONPAY_SEED_SIZE);
  CHECK(tronpay_size_xkey_text() == TRONPAY_XKEY_TEXT_SIZE);
  tronpay_free(NULL);
  tronpay_memzero(NULL, 10);
  unsigned char secret[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  tronpay_memzero(secret, sizeof secret);
  int zero = 1;
  for (size_t i = 0; i < sizeof secret; i++) zero &= secret[i] == 0;
  CHECK(zero);
  /* last_error carries the detail of this thread's last failure. */
  unsigned char addr[21];
  CHECK_STATUS(tronpay_address_parse(addr, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T"), TRONPAY_E_ADDRESS);
  CHECK(strstr(tronpay_last_error(), "checksum") != NULL);
  CHECK_STATUS(tronpay_address_parse(NULL, USDT_B58), TRONPAY_E_ARG);
  CHECK(strstr(tronpay_last_error(), "NULL") != NULL);
}

static void test_hashes(void) {
  unsigned char out[32], expect[32];
  char hex[65];
  CHECK_STATUS(tronpay_keccak256(out, NULL, 0), TRONPAY_OK);
  check_hex(hex, out, 32);
  CHECK(strcmp(hex, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470") == 0);
  const char *fox = "The quick brown fox jumps over the lazy dog";
  CHECK_STATUS(tronpay_keccak256(out, (const uint8_t *)fox, strlen(fox)), TRONPAY_OK);
  check_unhex(expect, 32, "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
  CHECK(memcmp(out, expect, 32) == 0);
  CHECK_STATUS(tronpay_sha256(out, (const uint8_t *)fox, strlen(fox)), TRONPAY_OK);
  check_unhex(expect, 32, "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
  CHECK(memcmp(out, expect, 32) == 0);
  CHECK_STATUS(tronpay_sha256(out, NULL, 0), TRONPAY_OK);
  check_hex(hex, out, 32);
  CHECK(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
  /* Misuse: NULL out, NULL data with a length. Output untouched. */
  memset(out, 0xAA, 32);
  CHECK_STATUS(tronpay_keccak256(NULL, (const uint8_t *)fox, 3), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_keccak256(out, NULL, 3), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sha256(NULL, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sha256(out, NULL, 1), TRONPAY_E_ARG);
  CHECK(out[0] == 0xAA && out[31] == 0xAA);
}

static void test_keys(void) {
  unsigned char key[32], pub[65], addr[21], expect[65];
  char text[35], hex[43];
  check_unhex(key, 32, KEY_HEX);
  CHECK_STATUS(tronpay_privkey_verify(key), TRONPAY_OK);
  CHECK_STATUS(tronpay_pubkey_from_privkey(pub, key), TRONPAY_OK);
  check_unhex(expect, 65, KEY_PUB);
  CHECK(memcmp(pub, expect, 65) == 0);
  CHECK_STATUS(tronpay_address_from_privkey(addr, key), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_hex(hex, addr), TRONPAY_OK);
  CHECK(strcmp(hex, KEY_ADDR_HEX) == 0);
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK(strcmp(text, KEY_ADDR_B58) == 0);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 65), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK(strcmp(text, KEY_ADDR_B58) == 0);
  unsigned char compressed[33];
  check_unhex(compressed, 33, KEY_PUB_COMPRESSED);
  memset(addr, 0, 21);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, compressed, 33), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK(strcmp(text, KEY_ADDR_B58) == 0);

  /* Invalid keys: 0, n, 2^256 − 1 refused; n − 1 and 1 accepted. */
  unsigned char bad[32];
  memset(bad, 0, 32);
  CHECK_STATUS(tronpay_privkey_verify(bad), TRONPAY_E_KEY);
  memset(pub, 0xAA, 65);
  CHECK_STATUS(tronpay_pubkey_from_privkey(pub, bad), TRONPAY_E_KEY);
  CHECK(pub[0] == 0xAA && pub[64] == 0xAA);
  CHECK_STATUS(tronpay_address_from_privkey(addr, bad), TRONPAY_E_KEY);
  check_unhex(bad, 32, ORDER_N);
  CHECK_STATUS(tronpay_privkey_verify(bad), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_address_from_privkey(addr, bad), TRONPAY_E_KEY);
  memset(bad, 0xFF, 32);
  CHECK_STATUS(tronpay_privkey_verify(bad), TRONPAY_E_KEY);
  check_unhex(bad, 32, ORDER_N_MINUS_1);
  CHECK_STATUS(tronpay_privkey_verify(bad), TRONPAY_OK);
  memset(bad, 0, 32);
  bad[31] = 1;
  CHECK_STATUS(tronpay_privkey_verify(bad), TRONPAY_OK);
  CHECK_STATUS(tronpay_privkey_verify(NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_pubkey_from_privkey(NULL, key), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_pubkey_from_privkey(pub, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_from_privkey(NULL, key), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_from_privkey(addr, NULL), TRONPAY_E_ARG);

  /* Public keys: wrong lengths, wrong prefixes (hybrid 06/07 too), off-curve points. */
  check_unhex(pub, 65, KEY_PUB);
  memset(addr, 0xAA, 21);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 64), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 0), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 66), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, compressed, 65), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 33), TRONPAY_E_KEY);
  pub[0] = 0x07; /* hybrid form of an odd-Y point: libsecp256k1 would accept it */
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 65), TRONPAY_E_KEY);
  pub[0] = 0x04;
  pub[64] ^= 1; /* off the curve */
  CHECK_STATUS(tronpay_address_from_pubkey(addr, pub, 65), TRONPAY_E_KEY);
  CHECK(addr[0] == 0xAA && addr[20] == 0xAA);
  CHECK_STATUS(tronpay_address_from_pubkey(NULL, compressed, 33), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_from_pubkey(addr, NULL, 33), TRONPAY_E_ARG);
  /* (NULL, 0) is the empty key, as for every (ptr, len) input: a wrong length, not misuse. */
  CHECK_STATUS(tronpay_address_from_pubkey(addr, NULL, 0), TRONPAY_E_KEY);
  CHECK(addr[0] == 0xAA && addr[20] == 0xAA);

  /* Generation gives valid, distinct keys whose addresses round-trip. */
  unsigned char k1[32], k2[32];
  CHECK_STATUS(tronpay_privkey_generate(k1), TRONPAY_OK);
  CHECK_STATUS(tronpay_privkey_generate(k2), TRONPAY_OK);
  CHECK(memcmp(k1, k2, 32) != 0);
  CHECK_STATUS(tronpay_privkey_verify(k1), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_from_privkey(addr, k1), TRONPAY_OK);
  unsigned char again[21];
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(again, text), TRONPAY_OK);
  CHECK(memcmp(addr, again, 21) == 0);
  tronpay_memzero(k1, 32);
  tronpay_memzero(k2, 32);
  CHECK_STATUS(tronpay_privkey_generate(NULL), TRONPAY_E_ARG);
}

static void test_address_parse(void) {
  unsigned char addr[21], expect[21];
  char text[35], hex[43];
  check_unhex(expect, 21, USDT_HEX);
  const char *good[] = {USDT_B58, USDT_HEX, "41A614F803B6FD780986A42C78EC9C7F77E6DED13C",
                        "0xa614f803b6fd780986a42c78ec9c7f77e6ded13c",
                        "0xA614F803B6FD780986A42C78EC9C7F77E6DED13C"};
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    memset(addr, 0, 21);
    CHECK_STATUS(tronpay_address_parse(addr, good[i]), TRONPAY_OK);
    CHECK(memcmp(addr, expect, 21) == 0);
  }
  CHECK_STATUS(tronpay_address_to_base58(text, expect), TRONPAY_OK);
  CHECK(strcmp(text, USDT_B58) == 0);
  CHECK_STATUS(tronpay_address_to_hex(hex, expect), TRONPAY_OK);
  CHECK(strcmp(hex, USDT_HEX) == 0);
  /* The zero address has a known base58 form. */
  unsigned char zero[21] = {0x41};
  CHECK_STATUS(tronpay_address_to_base58(text, zero), TRONPAY_OK);
  CHECK(strcmp(text, "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb") == 0);

  const char *bad[] = {
      "",                                            /* empty */
      "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T",          /* bad checksum */
      "TSvT6Bg3siokv3dbdtt9o4oM1CTXmymGn2",          /* bad checksum (gotron-sdk) */
      "27eDfqA41mYyW9NxN9zCp8jBsbovcENGQMP",         /* version byte 0xa0 */
      "G9AHnMvAgqKJ2eWErupYfdzu6hgWVUZqu",           /* 20-byte payload */
      "175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W",          /* version 0x00 */
      " TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",         /* leading space */
      "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ",         /* trailing space */
      "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n",        /* newline */
      "tr7nhqjekqxgtci8q8zy4pl8otszgjlj6t",          /* lower-cased base58 */
      "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6",           /* truncated */
      "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6tt",         /* extended */
      "TR7NHqjeKQxGTCi8q8ZY4pL0otSzgjLj6t",          /* '0' is not base58 */
      "a614f803b6fd780986a42c78ec9c7f77e6ded13c",    /* 20 bytes, no prefix */
      "42a614f803b6fd780986a42c78ec9c7f77e6ded13c",  /* wrong hex prefix */
      "41a614f803b6fd780986a42c78ec9c7f77e6ded13",   /* 41 digits */
      "41a614f803b6fd780986a42c78ec9c7f77e6ded13c0", /* 43 digits */
      "41a614f803b6fd780986a42c78ec9c7f77e6ded13z",  /* non-hex */
      "0Xa614f803b6fd780986a42c78ec9c7f77e6ded13c",  /* capital X */
      "0xa614f803b6fd780986a42c78ec9c7f77e6ded1",    /* 0x + 38 */
      "0x41a614f803b6fd780986a42c78ec9c7f77e6ded13c", /* 0x + 42 */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    memset(addr, 0xAA, 21);
    CHECK_STATUS(tronpay_address_parse(addr, bad[i]), TRONPAY_E_ADDRESS);
    CHECK(addr[0] == 0xAA && addr[20] == 0xAA);
  }
  /* A very long input is refused without trouble. */
  char *huge = malloc(1 << 20);
  if (huge) {
    memset(huge, 'T', (1 << 20) - 1);
    huge[(1 << 20) - 1] = 0;
    CHECK_STATUS(tronpay_address_parse(addr, huge), TRONPAY_E_ADDRESS);
    free(huge);
  }
  CHECK_STATUS(tronpay_address_parse(addr, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_parse(NULL, USDT_B58), TRONPAY_E_ARG);
  /* Formatting refuses bytes that are not an address. */
  unsigned char wrong[21] = {0xa0};
  memset(text, 'x', sizeof text);
  CHECK_STATUS(tronpay_address_to_base58(text, wrong), TRONPAY_E_ADDRESS);
  CHECK(text[0] == 'x');
  CHECK_STATUS(tronpay_address_to_hex(hex, wrong), TRONPAY_E_ADDRESS);
  CHECK_STATUS(tronpay_address_to_base58(NULL, expect), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_to_base58(text, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_to_hex(NULL, expect), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_address_to_hex(hex, NULL), TRONPAY_E_ARG);
}

static void expect_amount(const char *text, uint32_t decimals, const char *expected) {
  char *out = NULL;
  CHECK_STATUS(tronpay_amount_to_base_units(&out, text, decimals), TRONPAY_OK);
  CHECK(out != NULL && strcmp(out, expected) == 0);
  tronpay_free(out);
}

static void expect_human(const char *units, uint32_t decimals, const char *expected) {
  char *out = NULL;
  CHECK_STATUS(tronpay_amount_from_base_units(&out, units, decimals), TRONPAY_OK);
  CHECK(out != NULL && strcmp(out, expected) == 0);
  tronpay_free(out);
}

static void test_amounts(void) {
  static const char *MAX =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";
  static const char *MAX_PLUS_1 =
      "115792089237316195423570985008687907853269984665640564039457584007913129639936";
  expect_amount("12.5", 6, "12500000");
  expect_amount("0.000001", 6, "1");
  expect_amount("0", 6, "0");
  expect_amount("100", 0, "100");
  expect_amount(MAX, 0, MAX);
  expect_human("12500000", 6, "12.5");
  expect_human("12000000", 6, "12");
  expect_human("1", 6, "0.000001");
  expect_human("0", 6, "0");
  expect_human(MAX, 0, MAX);
  expect_human("18446744073709551616", 6, "18446744073709.551616"); /* 2^64: no truncation */
  const char *bad[] = {"",    "-1",  "+1",     "1e6", "1E6",       " 1",   "1 ", ".5",
                       "5.",  "1,5", "1.2.3",  "0x1", "12.5000001", "NaN", "inf", MAX_PLUS_1};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char *out = (char *)0x1;
    CHECK_STATUS(tronpay_amount_to_base_units(&out, bad[i], 6), TRONPAY_E_AMOUNT);
    CHECK(out == (char *)0x1);
  }
  char *out = NULL;
  CHECK_STATUS(tronpay_amount_to_base_units(&out, MAX, 1), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_amount_to_base_units(&out, "1", 256), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_amount_to_base_units(&out, "1", 0xFFFFFFFFu), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_amount_to_base_units(NULL, "1", 6), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_amount_to_base_units(&out, NULL, 6), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_amount_from_base_units(&out, "12.5", 6), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_amount_from_base_units(&out, "-1", 6), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_amount_from_base_units(&out, "", 6), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_amount_from_base_units(&out, MAX_PLUS_1, 6), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_amount_from_base_units(&out, "1", 256), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_amount_from_base_units(NULL, "1", 6), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_amount_from_base_units(&out, NULL, 6), TRONPAY_E_ARG);
  CHECK(out == NULL);
}

int main(void) {
  test_library();
  test_hashes();
  test_keys();
  test_address_parse();
  test_amounts();
  return check_summary("test_foundation");
}
