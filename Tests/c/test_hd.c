/* HD wallets through the C ABI: BIP39 (English and Japanese vectors), BIP32 vectors, TRON
 * paths, watch-only batches from an xpub, and misuse of every function in the section.
 * Vectors: Tests/vectors/hd.json (BIP32 spec, trezor/python-mnemonic, TRON values) and
 * Tests/vectors/bip39_japanese.json (bip32JP). */
#include <pthread.h>
#include <stdint.h>

#include "check.h"

#define ABOUT                                                                              \
  "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon " \
  "about"
#define ABOUT_SEED                                                                         \
  "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206d" \
  "ec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4"
#define ACCOUNT_XPUB                                                                       \
  "xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoa" \
  "Qgmv8D45oNUKx6DZMNZBCd"
#define ACCOUNT_XPRV                                                                       \
  "xprv9z1pB5qPNYGMVrGcyXt97Jwd9GBRoNFdhJfxqbHjzrBKeN1GMETuGFi1c73SQkP8kkKz5MVoMtLRcsDWggUcaPF" \
  "32AXN4qNsNWBoJbaHcQ7"
#define V1_XPUB                                                                            \
  "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD26" \
  "5TMg7usUDFdp6W1EGMcet8"

static const struct {
  const char *path, *key, *base58;
} about_addresses[] = {
    {"m/44'/195'/0'/0/0", "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28",
     "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH"},
    {"m/44'/195'/0'/0/1", "edb728e259afca2ddcc428459e7681b8414668649aedbc8d25c0872da219b2e6",
     "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK"},
    {"m/44'/195'/0'/0/2", "0e5684898be2d272d54eb2be3fd41a12f720db6358cee02c2d23043eed4bf7a2",
     "TYJPRrdB5APNeRs4R7fYZSwW3TcrTKw2gx"},
};

static const struct {
  const char *seed, *path, *xpub, *xprv;
} bip32[] = {
    {"000102030405060708090a0b0c0d0e0f", "m", V1_XPUB,
     "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGt"
     "RBeJgk33yuGBxrMPHi"},
    {"000102030405060708090a0b0c0d0e0f", "m/0'/1/2'",
     "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trk"
     "rX7x7DogT5Uv6fcLW5",
     "xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtp"
     "gP4mLTj34bhnZX7UiM"},
    {"000102030405060708090a0b0c0d0e0f", "m/0h/1/2h/2/1000000000",
     "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEY"
     "BVPamhGW6cFJodrTHy",
     "xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZ"
     "REPSL39UNdE3BBDu76"},
    {"fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b787"
     "5726f6c696663605d5a5754514e4b484542",
     "m/0/2147483647'/1/2147483646'/2",
     "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9r"
     "XpVGyy3bdW6EEgAtqt",
     "xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBY"
     "JUuekgW4BYPJcr9E7j"},
    {"4b381541583be4423346c643850da4b320e46a87ae3d2a4e6da11eba819cd4acba45d239319ac14f863b8d5ab5a0d"
     "0c64d2e8a1e7d1457df2e5a3c51c73235be",
     "m/0'",
     "xpub68NZiKmJWnxxS6aaHmn81bvJeTESw724CRDs6HbuccFQN9Ku14VQrADWgqbhhTHBaohPX4CjNLf9fq9MYo6oDaPPL"
     "PxSb7gwQN3ih19Zm4Y",
     "xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJ"
     "FjaPdGZ2y9WACViL4L"},
};

/* bip32JP Japanese vectors: U+3000 between words; passphrase in NFC and NFD forms. */
#define JP_SALT_NFC                                                                        \
  "\xe3\x8d\x8d\xe3\x82\xac\xe3\x83\x90\xe3\x83\xb4\xe3\x82\xa1\xe3\x81\xb1\xe3\x81\xb0\xe3\x81" \
  "\x90\xe3\x82\x9e\xe3\x81\xa1\xe3\x81\xa2\xe5\x8d\x81\xe4\xba\xba\xe5\x8d\x81\xe8\x89\xb2"
#define JP_SALT_NFD                                                                        \
  "\xe3\x8d\x8d\xe3\x82\xab\xe3\x82\x99\xe3\x83\x8f\xe3\x82\x99\xe3\x82\xa6\xe3\x82\x99\xe3\x82" \
  "\xa1\xe3\x81\xaf\xe3\x82\x9a\xe3\x81\xaf\xe3\x82\x99\xe3\x81\x8f\xe3\x82\x99\xe3\x82\x9d\xe3" \
  "\x82\x99\xe3\x81\xa1\xe3\x81\xa1\xe3\x82\x99\xe5\x8d\x81\xe4\xba\xba\xe5\x8d\x81\xe8\x89\xb2"

static const struct {
  const char *phrase, *seed, *xprv;
} japanese[] = {
    {"そつう　れきだい　ほんやく　わかす　りくつ　ばいか　ろせん　やちん　"
     "そつう　れきだい　ほんやく　わかめ",
     "aee025cbe6ca256862f889e48110a6a382365142f7d16f2b9545285b3af64e542143a577e9c144e101a6bdca18f8d"
     "97ec3366ebf5b088b1c1af9bc31346e60d9",
     "xprv9s21ZrQH143K3ra1D6uGQyST9UqtUscH99GK8MBh5RrgPkrQo83QG4o6H2YktwSKvoZRVXDQZQrSyCDpHdA2j8i3P"
     "W5M9LkauaaTKwym1Wf"},
    {"くのう　てぬぐい　そんかい　すろっと　ちきゅう　ほあん　とさか　はくしゅ　"
     "ひびく　みえる　そざい　てんすう　たんぴん　くしょう　すいようび　みけん　"
     "きさらぎ　げざん　ふくざつ　あつかう　はやい　くろう　おやゆび　こすう",
     "32e78dce2aff5db25aa7a4a32b493b5d10b4089923f3320c8b287a77e512455443298351beb3f7eb2390c4662a2e5"
     "66eec5217e1a37467af43b46668d515e41b",
     "xprv9s21ZrQH143K2gbMb94GNwdogai6fA3vTrALH8eoNJKqPWn9KyeBMhUQLpsN5ePJkZdHsPmyDsECNLRaYiposqDDq"
     "sbk3ANk9hbsSgmVq7G"},
};

static const char *bad_xpubs[] = {
    /* an xprv where an xpub is needed */
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtR"
    "BeJgk33yuGBxrMPHi",
    /* valid checksums, bad fields (built from V1_XPUB's payload) */
    "xpubEPi3iGSX9RiyvsV1Di18LRuDrFpz6df7c66p4wnNJAPnoasbg8Cz2EL4st4MxPJkjGD2cuow7PNo7bnjvJiKATe4D5"
    "SsVPBpUxLzYWtrgz1", /* version 0488b21f */
    "tpubD6NzVbkrYhZ4XgiXtGrdW5XDAPFCL9h7we1vwNCpn8tGbBcgfVYjXyhWo4E1xkh56hjod1RhGjxbaTLV3X4FyWueji"
    "fB9jusQ46QzG87VKp", /* testnet version */
    "xpub661MyMwTWkfYcT7EEz9KiYQa4946ix1C9L1PRmw3EjMDTiHiU19utNaEKeLzTKQjQ88ovpWASDvR5X5e9Tif1KHJPW"
    "m2vgCHdNCpzmNvjTY", /* depth 0, parent fingerprint 1 */
    "xpub661MyMwAqRbcJSMey3ddJhFon1i55f2nLYgX5LxBDabkRyAsvzgomLjsqFzpRTFkwhazZ36LecmLvsoS7aLKHNc4nY"
    "PgvP3geewEjpUTwEd", /* depth 0, child number 1 */
    "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ45ycVBsADt89FVXeDkYqbSeZmpjjnJETk"
    "yyiMwXokWPisrtUjm", /* key prefix 04 */
    "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gYvJzuZPjkXBDbyAi1uGZ2K3YuKMs8xvjKC"
    "hYjmBwq8UqkQPeaoS", /* key prefix 00 */
    "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gYym6yCVZtiQKSpLUqpuy2xafsZZR8vydJm"
    "D1kZ1yXu2Lp8uNH4N", /* key 02 00…07: not on the curve */
    "5FQT7TT6bZmQ6QjZkciSR3iW58jYrY1rhLE3ozYsiUF7K4LwZQpHenGJQ2TxRaL3LJU44DYwWYtx9hCtKjJviZDe3oQfLF"
    "fWMm75bUsH21DUWZFJB", /* 79-byte payload */
    "", "xpub", "xpub661MyMwAqRbc", " " V1_XPUB, V1_XPUB " ", V1_XPUB "1",
};

static const char *bad_paths[] = {
    "", "M", "m/", "/0", "m//0", "m/0/", "m/+1", "m/-1", "m/ 1", "m/1 ", " m", "m/1''",
    "m/1H", "m/01", "m/2147483648", "m/2147483648'", "m/4294967296", "m/18446744073709551617",
    "m/1/a", "m/0x1", "m0", "m/44'/195'/0'/0/7/", "m\\0", "44'/195'",
};

static uint8_t seed_about[64];

/* The word lists and NFKD tables are built on first use: several threads race to it here
 * (this runs first), and each must get the same answers. */
#define THREADS 4
static uint8_t thread_results[THREADS][64 + 10 * 21];
static tronpay_status thread_status[THREADS][2];

static void *thread_body(void *arg) {
  size_t t = (size_t)arg;
  thread_status[t][0] = tronpay_mnemonic_to_seed(thread_results[t], japanese[0].phrase,
                                                 JP_SALT_NFD);
  thread_status[t][1] =
      tronpay_xpub_derive_addresses(thread_results[t] + 64, ACCOUNT_XPUB, 0, 0, 10);
  return NULL;
}

static void test_threads(void) {
  pthread_t threads[THREADS];
  for (size_t t = 0; t < THREADS; t++)
    CHECK(pthread_create(&threads[t], NULL, thread_body, (void *)t) == 0);
  for (size_t t = 0; t < THREADS; t++) CHECK(pthread_join(threads[t], NULL) == 0);
  uint8_t expected[64];
  CHECK(check_unhex(expected, 64, japanese[0].seed) == 64);
  for (size_t t = 0; t < THREADS; t++) {
    CHECK(thread_status[t][0] == TRONPAY_OK && thread_status[t][1] == TRONPAY_OK);
    CHECK(memcmp(thread_results[t], expected, 64) == 0);
    CHECK(memcmp(thread_results[t], thread_results[0], sizeof thread_results[0]) == 0);
  }
}

static void check_bytes_untouched(const uint8_t *p, size_t n, uint8_t value) {
  int same = 1;
  for (size_t i = 0; i < n; i++) same &= p[i] == value;
  CHECK(same);
}

static void test_bip39_english(void) {
  uint8_t seed[64];
  char hex[129];
  CHECK_STATUS(tronpay_mnemonic_validate(ABOUT), TRONPAY_OK);
  CHECK_STATUS(tronpay_mnemonic_to_seed(seed, ABOUT, NULL), TRONPAY_OK);
  check_hex(hex, seed, 64);
  CHECK(strcmp(hex, ABOUT_SEED) == 0);
  uint8_t empty_passphrase[64];
  CHECK_STATUS(tronpay_mnemonic_to_seed(empty_passphrase, ABOUT, ""), TRONPAY_OK);
  CHECK(memcmp(seed, empty_passphrase, 64) == 0);
  memcpy(seed_about, seed, 64);

  CHECK_STATUS(tronpay_mnemonic_to_seed(seed, ABOUT, "TREZOR"), TRONPAY_OK);
  check_hex(hex, seed, 64);
  CHECK(strcmp(hex, "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599"
                    "d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04") == 0);
  char xprv[112];
  CHECK_STATUS(tronpay_hd_xprv(xprv, seed, 64, "m"), TRONPAY_OK);
  CHECK(strcmp(xprv, "xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SP"
                     "mYHrEpTuuRhxMwvKDwqdKiGJS9XFKzUsAF") == 0);
  uint8_t key[32];
  CHECK_STATUS(tronpay_hd_privkey(key, seed, 64, "m/44'/195'/0'/0/0"), TRONPAY_OK);
  uint8_t addr[21];
  char text[35];
  CHECK_STATUS(tronpay_address_from_privkey(addr, key), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
  CHECK(strcmp(text, "TAyDUYP5rcf56xFwrg8cU1qQwvnWpkeapM") == 0);

  /* 24 words, trezor vector english[23] */
  CHECK_STATUS(tronpay_mnemonic_to_seed(
                   seed,
                   "void come effort suffer camp survey warrior heavy shoot primary clutch crush "
                   "open amazing screen patrol group space point ten exist slush involve unfold",
                   "TREZOR"),
               TRONPAY_OK);
  check_hex(hex, seed, 64);
  CHECK(strcmp(hex, "01f5bced59dec48e362f2c45b5de68b9fd6c92c6634f44d6d40aab69056506f0e35524a518034d"
                    "dc1192e1dacd32c1ed3eaa3c3b131c88ed8e7e54c49a5d0998") == 0);
}

static void test_bip39_japanese(void) {
  for (size_t i = 0; i < sizeof japanese / sizeof japanese[0]; i++) {
    uint8_t nfc[64], nfd[64];
    char hex[129], xprv[112];
    CHECK_STATUS(tronpay_mnemonic_validate(japanese[i].phrase), TRONPAY_OK);
    CHECK_STATUS(tronpay_mnemonic_to_seed(nfc, japanese[i].phrase, JP_SALT_NFC), TRONPAY_OK);
    CHECK_STATUS(tronpay_mnemonic_to_seed(nfd, japanese[i].phrase, JP_SALT_NFD), TRONPAY_OK);
    check_hex(hex, nfc, 64);
    CHECK(strcmp(hex, japanese[i].seed) == 0);
    CHECK(memcmp(nfc, nfd, 64) == 0);
    CHECK_STATUS(tronpay_hd_xprv(xprv, nfc, 64, "m"), TRONPAY_OK);
    CHECK(strcmp(xprv, japanese[i].xprv) == 0);
  }
  /* the same words joined by ASCII spaces validate too (NFKD maps U+3000 to a space) */
  CHECK_STATUS(tronpay_mnemonic_validate("そつう れきだい ほんやく わかす りくつ ばいか "
                                         "ろせん やちん そつう れきだい ほんやく わかめ"),
               TRONPAY_OK);
  /* one word changed: checksum fails */
  CHECK_STATUS(tronpay_mnemonic_validate("そつう　れきだい　ほんやく　わかす　りくつ　ばいか　"
                                         "ろせん　やちん　そつう　れきだい　ほんやく　わかす"),
               TRONPAY_E_MNEMONIC);
}

static void test_generate(void) {
  static const char *languages[] = {
      "english", "chinese_simplified", "chinese_traditional", "czech", "french", "italian",
      "japanese", "korean", "portuguese", "russian", "spanish", "turkish"};
  static const uint32_t counts[] = {12, 15, 18, 21, 24};
  for (size_t l = 0; l < sizeof languages / sizeof languages[0]; l++) {
    for (size_t c = 0; c < 5; c++) {
      char *words = NULL;
      CHECK_STATUS(tronpay_mnemonic_generate(&words, counts[c], languages[l]), TRONPAY_OK);
      if (!words) continue;
      CHECK_STATUS(tronpay_mnemonic_validate(words), TRONPAY_OK);
      uint8_t seed[64];
      CHECK_STATUS(tronpay_mnemonic_to_seed(seed, words, "pass"), TRONPAY_OK);
      /* separators: count U+3000 for Japanese, spaces for the others */
      const char *sep = strcmp(languages[l], "japanese") == 0 ? "\xe3\x80\x80" : " ";
      uint32_t separators = 0;
      for (const char *p = strstr(words, sep); p; p = strstr(p + 1, sep)) separators++;
      CHECK(separators == counts[c] - 1);
      tronpay_memzero(words, strlen(words));
      tronpay_free(words);
    }
  }
  char *a = NULL, *b = NULL;
  CHECK_STATUS(tronpay_mnemonic_generate(&a, 12, NULL), TRONPAY_OK);
  CHECK_STATUS(tronpay_mnemonic_generate(&b, 12, NULL), TRONPAY_OK);
  CHECK(a && b && strcmp(a, b) != 0);
  CHECK(a && strchr(a, ' ') && (unsigned char)a[0] < 0x80); /* NULL means English */
  tronpay_free(a);
  tronpay_free(b);
}

static void test_bip32_vectors(void) {
  for (size_t i = 0; i < sizeof bip32 / sizeof bip32[0]; i++) {
    uint8_t seed[64];
    int n = check_unhex(seed, sizeof seed, bip32[i].seed);
    char xpub[112], xprv[112];
    CHECK_STATUS(tronpay_hd_xpub(xpub, seed, (size_t)n, bip32[i].path), TRONPAY_OK);
    CHECK_STATUS(tronpay_hd_xprv(xprv, seed, (size_t)n, bip32[i].path), TRONPAY_OK);
    CHECK(strcmp(xpub, bip32[i].xpub) == 0);
    CHECK(strcmp(xprv, bip32[i].xprv) == 0);
    CHECK(strlen(xpub) == 111 && strlen(xprv) == 111);
  }
}

static void test_tron_paths(void) {
  char xpub[112], xprv[112];
  CHECK_STATUS(tronpay_hd_xpub(xpub, seed_about, 64, "m/44'/195'/0'"), TRONPAY_OK);
  CHECK_STATUS(tronpay_hd_xprv(xprv, seed_about, 64, "m/44h/195h/0h"), TRONPAY_OK);
  CHECK(strcmp(xpub, ACCOUNT_XPUB) == 0);
  CHECK(strcmp(xprv, ACCOUNT_XPRV) == 0);

  uint8_t batch[3 * 21];
  CHECK_STATUS(tronpay_xpub_derive_addresses(batch, ACCOUNT_XPUB, 0, 0, 3), TRONPAY_OK);
  for (size_t i = 0; i < 3; i++) {
    uint8_t key[32], expected[32], addr[21];
    char hex[65], text[35];
    CHECK_STATUS(tronpay_hd_privkey(key, seed_about, 64, about_addresses[i].path), TRONPAY_OK);
    check_hex(hex, key, 32);
    CHECK(strcmp(hex, about_addresses[i].key) == 0);
    CHECK(check_unhex(expected, 32, about_addresses[i].key) == 32);
    CHECK_STATUS(tronpay_address_from_privkey(addr, key), TRONPAY_OK);
    CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
    CHECK(strcmp(text, about_addresses[i].base58) == 0);
    CHECK(memcmp(batch + 21 * i, addr, 21) == 0);
  }
  /* index 42 alone, as the vector file lists it */
  uint8_t one[21];
  char text[35];
  CHECK_STATUS(tronpay_xpub_derive_addresses(one, ACCOUNT_XPUB, 0, 42, 1), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_to_base58(text, one), TRONPAY_OK);
  CHECK(strcmp(text, "TEnzFm6jmsVnizS7RSuBr7H6zzn4e7H7Pb") == 0);
}

/* xpub batch vs private path, 200 indexes of the external and internal chains */
static void test_agreement(void) {
  static uint8_t batch[200 * 21];
  for (uint32_t change = 0; change < 2; change++) {
    CHECK_STATUS(tronpay_xpub_derive_addresses(batch, ACCOUNT_XPUB, change, 0, 200), TRONPAY_OK);
    int agree = 0;
    for (uint32_t i = 0; i < 200; i++) {
      char path[64];
      uint8_t key[32], addr[21];
      snprintf(path, sizeof path, "m/44'/195'/0'/%u/%u", (unsigned)change, (unsigned)i);
      if (tronpay_hd_privkey(key, seed_about, 64, path) == TRONPAY_OK &&
          tronpay_address_from_privkey(addr, key) == TRONPAY_OK &&
          memcmp(addr, batch + 21 * i, 21) == 0)
        agree++;
    }
    CHECK(agree == 200);
  }
  /* a window equals the same slice of a longer batch */
  uint8_t window[5 * 21];
  CHECK_STATUS(tronpay_xpub_derive_addresses(batch, ACCOUNT_XPUB, 0, 0, 200), TRONPAY_OK);
  CHECK_STATUS(tronpay_xpub_derive_addresses(window, ACCOUNT_XPUB, 0, 195, 5), TRONPAY_OK);
  CHECK(memcmp(window, batch + 195 * 21, sizeof window) == 0);
  /* the last non-hardened index */
  uint8_t last[21], key[32], addr[21];
  CHECK_STATUS(tronpay_xpub_derive_addresses(last, ACCOUNT_XPUB, 0, 2147483647u, 1), TRONPAY_OK);
  CHECK_STATUS(tronpay_hd_privkey(key, seed_about, 64, "m/44'/195'/0'/0/2147483647"), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_from_privkey(addr, key), TRONPAY_OK);
  CHECK(memcmp(last, addr, 21) == 0);
}

static void test_misuse(void) {
  uint8_t out[64 + 21 * 4];
  char text[112];
  char *words = (char *)0x1;

  /* mnemonic_generate */
  CHECK_STATUS(tronpay_mnemonic_generate(NULL, 12, NULL), TRONPAY_E_ARG);
  static const uint32_t bad_counts[] = {0, 1, 11, 13, 23, 25, 48, 0xFFFFFFFFu};
  for (size_t i = 0; i < sizeof bad_counts / sizeof bad_counts[0]; i++)
    CHECK_STATUS(tronpay_mnemonic_generate(&words, bad_counts[i], "english"), TRONPAY_E_ARG);
  static const char *bad_languages[] = {"", "English", "klingon", "chinese", "japanese ", "en"};
  for (size_t i = 0; i < sizeof bad_languages / sizeof bad_languages[0]; i++)
    CHECK_STATUS(tronpay_mnemonic_generate(&words, 12, bad_languages[i]), TRONPAY_E_ARG);
  CHECK(words == (char *)0x1);

  /* mnemonic_validate and mnemonic_to_seed */
  static const char *bad_mnemonics[] = {
      "",
      "abandon",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "abandon", /* bad checksum */
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "abuot", /* unknown word */
      "Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "about", /* case */
      "abandon  abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "about", /* double space */
      ABOUT " ",
      " " ABOUT,
      "abandon\tabandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "about",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "\xff\xfe", /* ill-formed UTF-8 */
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
      "あおぞら", /* mixed lists */
  };
  for (size_t i = 0; i < sizeof bad_mnemonics / sizeof bad_mnemonics[0]; i++) {
    CHECK_STATUS(tronpay_mnemonic_validate(bad_mnemonics[i]), TRONPAY_E_MNEMONIC);
    memset(out, 0xAA, 64);
    CHECK_STATUS(tronpay_mnemonic_to_seed(out, bad_mnemonics[i], ""), TRONPAY_E_MNEMONIC);
    check_bytes_untouched(out, 64, 0xAA);
  }
  static char huge[20000];
  for (size_t i = 0; i + 1 < sizeof huge; i++) huge[i] = i % 8 == 7 ? ' ' : 'a';
  CHECK_STATUS(tronpay_mnemonic_validate(huge), TRONPAY_E_MNEMONIC);
  CHECK_STATUS(tronpay_mnemonic_validate(NULL), TRONPAY_E_ARG);
  memset(out, 0xAA, 64);
  CHECK_STATUS(tronpay_mnemonic_to_seed(out, NULL, ""), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_mnemonic_to_seed(NULL, ABOUT, ""), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_mnemonic_to_seed(out, ABOUT, "\xc0\x80"), TRONPAY_E_ARG);
  check_bytes_untouched(out, 64, 0xAA);

  /* hd_privkey, hd_xpub, hd_xprv */
  for (size_t i = 0; i < sizeof bad_paths / sizeof bad_paths[0]; i++) {
    memset(out, 0xAA, 32);
    memset(text, 0x55, sizeof text);
    CHECK_STATUS(tronpay_hd_privkey(out, seed_about, 64, bad_paths[i]), TRONPAY_E_PATH);
    CHECK_STATUS(tronpay_hd_xpub(text, seed_about, 64, bad_paths[i]), TRONPAY_E_PATH);
    CHECK_STATUS(tronpay_hd_xprv(text, seed_about, 64, bad_paths[i]), TRONPAY_E_PATH);
    check_bytes_untouched(out, 32, 0xAA);
    check_bytes_untouched((uint8_t *)text, sizeof text, 0x55);
  }
  /* 255 levels is the limit */
  static char deep[2 + 2 * 256 + 1];
  strcpy(deep, "m");
  for (int i = 0; i < 255; i++) strcat(deep, "/1");
  CHECK_STATUS(tronpay_hd_privkey(out, seed_about, 64, deep), TRONPAY_OK);
  strcat(deep, "/1");
  CHECK_STATUS(tronpay_hd_privkey(out, seed_about, 64, deep), TRONPAY_E_PATH);
  static const size_t bad_lengths[] = {0, 1, 15, 65, 128};
  for (size_t i = 0; i < sizeof bad_lengths / sizeof bad_lengths[0]; i++) {
    static uint8_t big_seed[128];
    CHECK_STATUS(tronpay_hd_privkey(out, big_seed, bad_lengths[i], "m"), TRONPAY_E_ARG);
    CHECK_STATUS(tronpay_hd_xpub(text, big_seed, bad_lengths[i], "m"), TRONPAY_E_ARG);
    CHECK_STATUS(tronpay_hd_xprv(text, big_seed, bad_lengths[i], "m"), TRONPAY_E_ARG);
  }
  CHECK_STATUS(tronpay_hd_privkey(out, seed_about, 16, "m"), TRONPAY_OK);
  CHECK_STATUS(tronpay_hd_privkey(NULL, seed_about, 64, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_privkey(out, NULL, 64, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_privkey(out, NULL, 0, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_privkey(out, seed_about, 64, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_xpub(NULL, seed_about, 64, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_xpub(text, NULL, 64, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_xpub(text, seed_about, 64, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_xprv(NULL, seed_about, 64, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_xprv(text, NULL, 64, "m"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_xprv(text, seed_about, 64, NULL), TRONPAY_E_ARG);

  /* xpub_derive_addresses: corrupted and wrong extended keys */
  for (size_t i = 0; i < sizeof bad_xpubs / sizeof bad_xpubs[0]; i++) {
    memset(out, 0xAA, 21);
    CHECK_STATUS(tronpay_xpub_derive_addresses(out, bad_xpubs[i], 0, 0, 1), TRONPAY_E_XKEY);
    CHECK_STATUS(tronpay_xpub_derive_addresses(NULL, bad_xpubs[i], 0, 0, 0), TRONPAY_E_XKEY);
    check_bytes_untouched(out, 21, 0xAA);
  }
  /* every character of a valid xpub replaced by a digit, an upper and a lower-case letter,
   * and by characters outside the base58 alphabet: always E_XKEY */
  static const char replacements[] = "1zZ0OIl+/ ";
  char copy[112];
  int refused = 0, tried = 0;
  for (size_t pos = 0; pos < 111; pos++) {
    for (size_t r = 0; r < sizeof replacements - 1; r++) {
      strcpy(copy, ACCOUNT_XPUB);
      if (copy[pos] == replacements[r]) continue;
      copy[pos] = replacements[r];
      tried++;
      refused += tronpay_xpub_derive_addresses(out, copy, 0, 0, 1) == TRONPAY_E_XKEY;
    }
  }
  CHECK(tried > 1000 && refused == tried);
  /* hardened and out-of-range indexes */
  memset(out, 0xAA, 21 * 4);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0x80000000u, 0, 1),
               TRONPAY_E_PATH);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0xFFFFFFFFu, 0, 1),
               TRONPAY_E_PATH);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0, 0x80000000u, 1),
               TRONPAY_E_PATH);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0, 2147483647u, 2),
               TRONPAY_E_PATH);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0, 0xFFFFFFFFu, 2),
               TRONPAY_E_PATH); /* first + count overflows 32 bits */
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0, 0, 1000001), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_xpub_derive_addresses(NULL, ACCOUNT_XPUB, 0, 0, 1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, NULL, 0, 0, 1), TRONPAY_E_ARG);
  check_bytes_untouched(out, 21 * 4, 0xAA);
  CHECK_STATUS(tronpay_xpub_derive_addresses(NULL, ACCOUNT_XPUB, 0, 0, 0), TRONPAY_OK);
  CHECK_STATUS(tronpay_xpub_derive_addresses(out, ACCOUNT_XPUB, 0, 0x80000000u, 0), TRONPAY_OK);
  check_bytes_untouched(out, 21 * 4, 0xAA);
}

int main(void) {
  test_threads();
  test_bip39_english();
  test_bip39_japanese();
  test_generate();
  test_bip32_vectors();
  test_tron_paths();
  test_agreement();
  test_misuse();
  return check_summary("test_hd");
}
