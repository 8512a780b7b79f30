/* Messages and digests through the C ABI: TronWeb/wallet-core vectors (vectors/messages.json,
 * vectors/transactions.json) and misuse of every function. */
#include "check.h"

static unsigned char KEY1[32];           /* private key 1 (TronWeb test vectors) */
static unsigned char KEY1_ADDR[21];      /* TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC */
static unsigned char WC_KEY[32];         /* wallet-core test key 2d8f… */
static unsigned char OTHER_ADDR[21];     /* TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t */

static const char *HELLO_SIG =
    "0dc0b53d525e0103a6013061cf18e60cf158809149f2b8994a545af65a7004cb"
    "1eeaff560e801ab51b28df5d42549aa024c2aa7e9d34de1e01294b9afb5e6c7e1c";
static const char *LONG_MSG = "A much longer message to test the signing and verification process";
static const char *LONG_KEY = "75065f100e38d3f3b4c5c4235834ba8216de62272a4f03532c44b31a5734360a";
static const char *LONG_SIG =
    "93aee5f753cf889e0749c74dd0c5996cce889883ae079e09ede462e16d65d06a"
    "4f43d1ed2745e9f3c1690695628269bd58f057a4a93953cc50e66b4a05bc0f451b";
static const char *V1_HELLO_SIG =
    "b0c4db8ac44bb05380e09569711ba065f329b08aee8a3758839210641d09fe05"
    "78d92ca62a1add1ad775420891f34f86b4d34b30a31985560cca3b4410fb30611c";
static const char *TXID = "dc6f6d9325ee44ab3c00528472be16e1572ab076aa161ccd12515029869d0451";
static const char *TXSIG =
    "ede769f6df28aefe6a846be169958c155e23e7e5c9621d2e8dce1719b4d952b6"
    "3e8a8bf9f00e41204ac1bf69b1a663dacdf764367e48e4a5afcd6b055a747fb200";
static const char *N_HEX = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

static int all_equal(const unsigned char *p, size_t n, unsigned char v) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != v) return 0;
  return 1;
}

static void vectors(void) {
  const unsigned char *hello = (const unsigned char *)"hello world";
  unsigned char sig[65], expect[65], addr[21];
  char text[35], hex[131];

  CHECK_STATUS(tronpay_message_sign(sig, hello, 11, KEY1), TRONPAY_OK);
  check_hex(hex, sig, 65);
  CHECK(strcmp(hex, HELLO_SIG) == 0);
  CHECK_STATUS(tronpay_message_recover(addr, hello, 11, sig), TRONPAY_OK);
  CHECK(memcmp(addr, KEY1_ADDR, 21) == 0);
  CHECK_STATUS(tronpay_message_verify(hello, 11, sig, KEY1_ADDR), TRONPAY_OK);
  CHECK_STATUS(tronpay_message_verify(hello, 11, sig, OTHER_ADDR), TRONPAY_E_VERIFY);
  CHECK_STATUS(tronpay_message_verify(hello, 10, sig, KEY1_ADDR), TRONPAY_E_VERIFY);

  /* v 0/1/27/28 all recover; the 67-byte wallet-core message frames its length as "67". */
  unsigned char key[32];
  check_unhex(key, 32, LONG_KEY);
  CHECK_STATUS(tronpay_message_sign(sig, (const unsigned char *)LONG_MSG, strlen(LONG_MSG), key),
               TRONPAY_OK);
  check_unhex(expect, 65, LONG_SIG);
  CHECK(memcmp(sig, expect, 65) == 0);
  CHECK_STATUS(tronpay_address_from_privkey(addr, key), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK(strcmp(text, "TWWb9EjUWai17YEVB7FR8hreupYJKG9sMR") == 0);
  sig[64] -= 27;
  CHECK_STATUS(tronpay_message_verify((const unsigned char *)LONG_MSG, strlen(LONG_MSG), sig, addr),
               TRONPAY_OK);

  /* v1: header length fixed at "32"; through v2 the same signature names someone else. */
  check_unhex(sig, 65, V1_HELLO_SIG);
  const unsigned char *five = (const unsigned char *)"Hello";
  CHECK_STATUS(tronpay_message_recover_v1(addr, five, 5, sig), TRONPAY_OK);
  CHECK(memcmp(addr, KEY1_ADDR, 21) == 0);
  CHECK_STATUS(tronpay_message_verify_v1(five, 5, sig, KEY1_ADDR), TRONPAY_OK);
  CHECK_STATUS(tronpay_message_verify(five, 5, sig, KEY1_ADDR), TRONPAY_E_VERIFY);

  /* Raw digests: the wallet-core transaction signature (v 00). */
  unsigned char digest[32];
  check_unhex(digest, 32, TXID);
  CHECK_STATUS(tronpay_digest_sign(sig, digest, WC_KEY), TRONPAY_OK);
  check_unhex(expect, 65, TXSIG);
  CHECK(memcmp(sig, expect, 65) == 0);
  sig[64] = 27;
  CHECK_STATUS(tronpay_digest_recover(addr, digest, sig), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK(strcmp(text, "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC") == 0);

  /* An empty message is a message: "\x19TRON Signed Message:\n0". */
  CHECK_STATUS(tronpay_message_sign(sig, NULL, 0, KEY1), TRONPAY_OK);
  CHECK_STATUS(tronpay_message_verify(NULL, 0, sig, KEY1_ADDR), TRONPAY_OK);
}

static void malformed_signatures(void) {
  unsigned char digest[32], good[65], sig[65], addr[21];
  check_unhex(digest, 32, TXID);
  check_unhex(good, 65, TXSIG);
  const unsigned char bad_v[] = {2, 3, 26, 29, 255};
  for (size_t i = 0; i < sizeof bad_v; i++) {
    memcpy(sig, good, 65);
    sig[64] = bad_v[i];
    memset(addr, 0xAA, 21);
    CHECK_STATUS(tronpay_digest_recover(addr, digest, sig), TRONPAY_E_SIGNATURE);
    CHECK(all_equal(addr, 21, 0xAA));
    CHECK_STATUS(tronpay_message_verify(digest, 32, sig, KEY1_ADDR), TRONPAY_E_SIGNATURE);
  }
  memcpy(sig, good, 65);
  memset(sig, 0, 32);
  CHECK_STATUS(tronpay_digest_recover(addr, digest, sig), TRONPAY_E_SIGNATURE);
  memcpy(sig, good, 65);
  memset(sig + 32, 0, 32);
  CHECK_STATUS(tronpay_message_recover(addr, digest, 32, sig), TRONPAY_E_SIGNATURE);
  memcpy(sig, good, 65);
  check_unhex(sig + 32, 32, N_HEX);
  CHECK_STATUS(tronpay_digest_recover(addr, digest, sig), TRONPAY_E_SIGNATURE);
  memcpy(sig, good, 65);
  check_unhex(sig, 32, N_HEX);
  CHECK_STATUS(tronpay_message_recover_v1(addr, digest, 32, sig), TRONPAY_E_SIGNATURE);
  CHECK(all_equal(addr, 21, 0xAA));
}

static void misuse(void) {
  unsigned char sig[65], addr[21], digest[32] = {1};
  unsigned char zero_key[32] = {0}, bad_addr[21];
  const unsigned char *m = (const unsigned char *)"m";
  memcpy(bad_addr, KEY1_ADDR, 21);
  bad_addr[0] = 0x42;
  check_unhex(sig, 65, HELLO_SIG);

  unsigned char out[65];
  memset(out, 0xAA, 65);
  CHECK_STATUS(tronpay_message_sign(NULL, m, 1, KEY1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_sign(out, NULL, 1, KEY1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_sign(out, m, 1, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_sign(out, m, 1, zero_key), TRONPAY_E_KEY);
  CHECK(all_equal(out, 65, 0xAA));

  memset(addr, 0xAA, 21);
  CHECK_STATUS(tronpay_message_recover(NULL, m, 1, sig), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_recover(addr, NULL, 1, sig), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_recover(addr, m, 1, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_recover_v1(NULL, m, 1, sig), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_recover_v1(addr, NULL, 1, sig), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_recover_v1(addr, m, 1, NULL), TRONPAY_E_ARG);
  CHECK(all_equal(addr, 21, 0xAA));

  CHECK_STATUS(tronpay_message_verify(NULL, 1, sig, KEY1_ADDR), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_verify(m, 1, NULL, KEY1_ADDR), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_verify(m, 1, sig, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_verify((const unsigned char *)"hello world", 11, sig, bad_addr),
               TRONPAY_E_ADDRESS);
  CHECK_STATUS(tronpay_message_verify_v1(NULL, 1, sig, KEY1_ADDR), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_verify_v1(m, 1, NULL, KEY1_ADDR), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_verify_v1(m, 1, sig, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_message_verify_v1(m, 1, sig, bad_addr), TRONPAY_E_ADDRESS);

  CHECK_STATUS(tronpay_digest_sign(NULL, digest, KEY1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_digest_sign(out, NULL, KEY1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_digest_sign(out, digest, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_digest_sign(out, digest, zero_key), TRONPAY_E_KEY);
  unsigned char n_key[32];
  check_unhex(n_key, 32, N_HEX);
  CHECK_STATUS(tronpay_digest_sign(out, digest, n_key), TRONPAY_E_KEY);
  CHECK(all_equal(out, 65, 0xAA));
  CHECK_STATUS(tronpay_digest_recover(NULL, digest, sig), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_digest_recover(addr, NULL, sig), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_digest_recover(addr, digest, NULL), TRONPAY_E_ARG);
  CHECK(all_equal(addr, 21, 0xAA));
}

int main(void) {
  memset(KEY1, 0, 32);
  KEY1[31] = 1;
  CHECK_STATUS(tronpay_address_parse(KEY1_ADDR, "TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC"), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(OTHER_ADDR, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), TRONPAY_OK);
  check_unhex(WC_KEY, 32, "2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54");
  vectors();
  malformed_signatures();
  misuse();
  return check_summary("test_messages");
}
