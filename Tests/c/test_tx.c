/* Transactions through the C ABI: builders byte-exact against vectors/transactions.json, txID
 * and signatures, node JSON out and in, verification, and misuse of every function. */
#include <stdint.h>

#include "check.h"

/* Real mainnet USDT transfer 0130dfde… (vectors/mainnet.json, TronGrid account listing item). */
static const char *MAINNET_USDT = 
    "{\"ret\":[{\"contractRet\":\"SUCCESS\",\"fee\":26420100}],\"signature\":[\"d7480b0ec4829b80f7d78ffcd9"
    "ae55caf8f7648eac6e226bdd861e37f5758057475d6ef6f12ba0d7c06f284cffbb93dabe669db92f81c96492bd"
    "76731cc32da001\"],\"txID\":\"0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99\""
    ",\"net_usage\":345,\"raw_data_hex\":\"0a02afbf22084e85c21e37dfb0c540d0ce8ee6cc325aae01081f12a90"
    "10a31747970652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e54726967676572536d617274436"
    "f6e747261637412740a15416e3b44b96104b26f84057974a1f0c9880f7c9b13121541a614f803b6fd780986a42"
    "c78ec9c7f77e6ded13c2244a9059cbb000000000000000000000041ec20315a879c48f5e3a6a1c9826d5225f8b"
    "658b800000000000000000000000000000000000000000000000000000000027bf24d708face6e5cc32900180e"
    "1eb17\",\"net_fee\":0,\"energy_usage\":4475,\"blockNumber\":69316562,\"block_timestamp\":1738601505"
    "000,\"energy_fee\":26420100,\"energy_usage_total\":130285,\"raw_data\":{\"contract\":[{\"parameter\""
    ":{\"value\":{\"data\":\"a9059cbb000000000000000000000041ec20315a879c48f5e3a6a1c9826d5225f8b658b"
    "800000000000000000000000000000000000000000000000000000000027bf24d\",\"owner_address\":\"416e3b"
    "44b96104b26f84057974a1f0c9880f7c9b13\",\"contract_address\":\"41a614f803b6fd780986a42c78ec9c7f"
    "77e6ded13c\"},\"type_url\":\"type.googleapis.com/protocol.TriggerSmartContract\"},\"type\":\"Trigg"
    "erSmartContract\"}],\"ref_block_bytes\":\"afbf\",\"ref_block_hash\":\"4e85c21e37dfb0c5\",\"expiratio"
    "n\":1738602162000,\"fee_limit\":50000000,\"timestamp\":1738601502223},\"internal_transactions\":["
    "]}";
/* Real mainnet TRX transfer 5f1d1a8a… without timestamp (vectors/mainnet.json). */
static const char *MAINNET_TRX = 
    "{\"ret\":[{\"contractRet\":\"SUCCESS\",\"fee\":0}],\"signature\":[\"7dfbdd65c75fc7d30437a3a5d406c6cf0"
    "baa4cb76892a110900fbfac68443a72febdba04f8f00f4e6259058c6ce12565db2b83a5007df7f9306198cb8be"
    "9c96000\"],\"txID\":\"5f1d1a8a49913d09dc1e9e38b89dd4540aa8573fd55f9e82ea1dbad5eb3c491b\",\"net_u"
    "sage\":257,\"raw_data_hex\":\"0a02aef0220865812d05f253e55e40d8b8cfe5cc325a65080112610a2d747970"
    "652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412300a"
    "15414abdc7dbc6bb695f6cdf80a0a041872b1299109a1215416e3b44b96104b26f84057974a1f0c9880f7c9b13"
    "1801\",\"net_fee\":0,\"energy_usage\":0,\"blockNumber\":69316337,\"block_timestamp\":1738600830000,"
    "\"energy_fee\":0,\"energy_usage_total\":0,\"raw_data\":{\"contract\":[{\"parameter\":{\"value\":{\"amou"
    "nt\":1,\"owner_address\":\"414abdc7dbc6bb695f6cdf80a0a041872b1299109a\",\"to_address\":\"416e3b44b"
    "96104b26f84057974a1f0c9880f7c9b13\"},\"type_url\":\"type.googleapis.com/protocol.TransferContr"
    "act\"},\"type\":\"TransferContract\"}],\"ref_block_bytes\":\"aef0\",\"ref_block_hash\":\"65812d05f253e"
    "55e\",\"expiration\":1738601127000},\"internal_transactions\":[]}";
/* wallet-core's signed TRX transfer dc6f6d93… (vectors/transactions.json). */
static const char *WC_JSON = 
    "{\"raw_data\":{\"ref_block_bytes\":\"7b3b\",\"ref_block_hash\":\"b21ace8d6ac20e7e\",\"expiration\":153"
    "9331479000,\"timestamp\":1539295479000,\"contract\":[{\"parameter\":{\"type_url\":\"type.googleapis"
    ".com/protocol.TransferContract\",\"value\":{\"amount\":2000000,\"owner_address\":\"415cd0fb0ab3ce4"
    "0f3051414c604b27756e69e43db\",\"to_address\":\"41521ea197907927725ef36d70f25f850d1659c7c7\"}},\""
    "type\":\"TransferContract\"}]},\"raw_data_hex\":\"0a027b3b2208b21ace8d6ac20e7e40d8abb9bae62c5a67"
    "080112630a2d747970652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f"
    "6e747261637412320a15415cd0fb0ab3ce40f3051414c604b27756e69e43db121541521ea197907927725ef36d"
    "70f25f850d1659c7c71880897a70d889a4a9e62c\",\"txID\":\"dc6f6d9325ee44ab3c00528472be16e1572ab076"
    "aa161ccd12515029869d0451\",\"signature\":[\"ede769f6df28aefe6a846be169958c155e23e7e5c9621d2e8d"
    "ce1719b4d952b63e8a8bf9f00e41204ac1bf69b1a663dacdf764367e48e4a5afcd6b055a747fb200\"]}";

static const char *WC_KEY = "2d8f68944bdbfbc0769542fba8fc2d2a3de67393334471624364c7006da2aa54";
static const char *WC_RAW =
    "0a027b3b2208b21ace8d6ac20e7e40d8abb9bae62c5a67080112630a2d747970652e676f6f676c65617069732e"
    "636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a15415cd0fb0ab3ce40f30514"
    "14c604b27756e69e43db121541521ea197907927725ef36d70f25f850d1659c7c71880897a70d889a4a9e62c";
static const char *WC_TXID = "dc6f6d9325ee44ab3c00528472be16e1572ab076aa161ccd12515029869d0451";
static const char *WC_SIG =
    "ede769f6df28aefe6a846be169958c155e23e7e5c9621d2e8dce1719b4d952b63e8a8bf9f00e41204ac1bf69b1"
    "a663dacdf764367e48e4a5afcd6b055a747fb200";

/* The SYNTHETIC USDT vector: BIP39 "abandon ×11 about" m/44'/195'/0'/0/0 → /0/1, 1 USDT. */
static const char *USDT_KEY = "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28";
static const char *USDT_RAW =
    "0a02afbf22084e85c21e37dfb0c540ef80eae5cc325aae01081f12a9010a31747970652e676f6f676c656170"
    "69732e636f6d2f70726f746f636f6c2e54726967676572536d617274436f6e747261637412740a1541c85991"
    "11f29c1e1e061265b4af93ea1f274ad78a121541a614f803b6fd780986a42c78ec9c7f77e6ded13c2244a905"
    "9cbb000000000000000000000000b6e708a39781c96bd399c7657780ff9fe9f052a8000000000000000000000"
    "00000000000000000000000000000000000000f4240708face6e5cc3290018087a70e";
static const char *USDT_TXID = "33fad5aa5ae0647390587359a64ee35de71c798ba8a8326bb26c705a3b98d3c5";
static const char *USDT_SIG =
    "42d155851152e02a0e5aa3bc83dc1ddb234af7b1c276748f964f82eeab7526c25a3ced3bfaa1c9f815dfe667"
    "10c4cd7bf691b0242fe26c546e680c3e0774474500";

/* The multi-signature vector (Permission_id 2) and the wallet-core memo vector. */
static const char *MULTI_RAW =
    "0a02afbf22084e85c21e37dfb0c540ef80eae5cc325a69080112630a2d747970652e676f6f676c6561706973"
    "2e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a1541c8599111f29c1e1e06"
    "1265b4af93ea1f274ad78a121541b6e708a39781c96bd399c7657780ff9fe9f052a818c0843d2802708face6"
    "e5cc32";
static const char *MULTI_KEY2 = "edb728e259afca2ddcc428459e7681b8414668649aedbc8d25c0872da219b2e6";
static const char *MULTI_SIG2 =
    "6b6f369bf4f21293dd5268091d1e91e9cc321bd742c21349197ddb18fd2c3c297dcc3a796b2e3baacb485d2854"
    "59da5b1afe799617883c354c36cad176868dc000";
static const char *MEMO_RAW =
    "0a0227dc2208aa9ccb29dfc6e53540a8d8e6fbaf32520954657374206d656d6f5a67080112630a2d74797065"
    "2e676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a"
    "15413fcc5f66a381694b6f6656eb08b535c3587e8ed112154110742eeb00c46dc27321e75f3cc02bcb6577a5"
    "2b18a08d0670a8b6d1eaaf32";

/* TronWeb's SIGNED_HEX_TRANSACTION (vectors/transactions.json): raw_data, its signature, and the
 * whole Transaction protobuf that /wallet/broadcasthex takes. */
static const char *TW_RAW =
    "0a02380a220830202d4c1473d46640d8edabfea72f5a67080112630a2d747970652e676f6f676c6561706973"
    "2e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a1541fbbb1a37f9fbc18a3e"
    "2b8fd8c0823251cd3b8ee8121541af4852489314e72ffae825238c52d0e1ffff1ead18c0843d70f182cffca7"
    "2f";
static const char *TW_SIG =
    "fa301a789dc51714be33b0f298e3f990650bec285ab628ab8ea5f18aeb3466643ca89b604d9df74fa19a1123"
    "5e0d7ab974322f0097eefe0b7efb38ea9ce4cf6601";
static const char *TW_PROTOBUF =
    "0a85010a02380a220830202d4c1473d46640d8edabfea72f5a67080112630a2d747970652e676f6f676c6561"
    "7069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a1541fbbb1a37f9fb"
    "c18a3e2b8fd8c0823251cd3b8ee8121541af4852489314e72ffae825238c52d0e1ffff1ead18c0843d70f182"
    "cffca72f1241fa301a789dc51714be33b0f298e3f990650bec285ab628ab8ea5f18aeb3466643ca89b604d9d"
    "f74fa19a11235e0d7ab974322f0097eefe0b7efb38ea9ce4cf6601";

static unsigned char raw_buf[4096], key[32], sig[65], id[32];

/* A writable copy of a string (C99 has no strdup). */
static char *copy_text(const char *text) {
  size_t n = strlen(text) + 1;
  char *copy = malloc(n);
  if (copy) memcpy(copy, text, n);
  return copy;
}

/* A 32-byte block id carrying the given ref_block_bytes / ref_block_hash. */
static void block_id(unsigned char out[32], const char *ref_bytes, const char *ref_hash) {
  memset(out, 0, 32);
  check_unhex(out + 6, 2, ref_bytes);
  check_unhex(out + 8, 8, ref_hash);
  memset(out + 16, 0xee, 16);
}

static tronpay_tx_options options(const unsigned char *block, int64_t ts, int64_t exp) {
  tronpay_tx_options o;
  memset(&o, 0, sizeof o);
  o.struct_size = sizeof o;
  o.ref_block_id = block;
  o.timestamp_ms = ts;
  o.expiration_ms = exp;
  return o;
}

static int same_hex(const unsigned char *bytes, size_t n, const char *hex) {
  static char buf[8192];
  if (2 * n + 1 > sizeof buf) return 0;
  check_hex(buf, bytes, n);
  return strcmp(buf, hex) == 0;
}

static void builders_match_vectors(void) {
  unsigned char block[32], owner[21], to[21], token[21];
  uint8_t *raw = NULL;
  size_t len = 0;

  /* wallet-core TRX transfer: raw bytes, txID, signature. */
  block_id(block, "7b3b", "b21ace8d6ac20e7e");
  tronpay_tx_options o = options(block, 1539295479000, 1539331479000);
  CHECK_STATUS(tronpay_address_parse(owner, "415cd0fb0ab3ce40f3051414c604b27756e69e43db"),
               TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(to, "41521ea197907927725ef36d70f25f850d1659c7c7"), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, 2000000, &o), TRONPAY_OK);
  CHECK(raw && same_hex(raw, len, WC_RAW));
  CHECK_STATUS(tronpay_tx_id(id, raw, len), TRONPAY_OK);
  CHECK(same_hex(id, 32, WC_TXID));
  check_unhex(key, 32, WC_KEY);
  CHECK_STATUS(tronpay_tx_sign(sig, raw, len, key), TRONPAY_OK);
  CHECK(same_hex(sig, 65, WC_SIG));
  tronpay_free(raw);

  /* wallet-core memo transfer, broadcast on mainnet. */
  block_id(block, "27dc", "aa9ccb29dfc6e535");
  o = options(block, 1730827017000, 1730863017000);
  o.memo = (const uint8_t *)"Test memo";
  o.memo_len = 9;
  CHECK_STATUS(tronpay_address_parse(owner, "413fcc5f66a381694b6f6656eb08b535c3587e8ed1"),
               TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(to, "4110742eeb00c46dc27321e75f3cc02bcb6577a52b"), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, 100000, &o), TRONPAY_OK);
  CHECK(raw && same_hex(raw, len, MEMO_RAW));
  tronpay_free(raw);

  /* USDT transfer with fee_limit 30 TRX. */
  block_id(block, "afbf", "4e85c21e37dfb0c5");
  o = options(block, 1738601502223, 1738601562223);
  o.fee_limit_sun = 30000000;
  CHECK_STATUS(tronpay_address_parse(owner, "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH"), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(token, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(to, "41b6e708a39781c96bd399c7657780ff9fe9f052a8"), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, token, to, "1000000", &o),
               TRONPAY_OK);
  CHECK(raw && same_hex(raw, len, USDT_RAW));
  CHECK_STATUS(tronpay_tx_id(id, raw, len), TRONPAY_OK);
  CHECK(same_hex(id, 32, USDT_TXID));
  check_unhex(key, 32, USDT_KEY);
  CHECK_STATUS(tronpay_tx_sign(sig, raw, len, key), TRONPAY_OK);
  CHECK(same_hex(sig, 65, USDT_SIG));
  /* The same call through the generic builder. */
  uint8_t data[68] = {0xa9, 0x05, 0x9c, 0xbb};
  memcpy(data + 4 + 12, to + 1, 20);
  data[4 + 64 - 3] = 0x0f, data[4 + 64 - 2] = 0x42, data[4 + 64 - 1] = 0x40;
  uint8_t *raw2 = NULL;
  size_t len2 = 0;
  CHECK_STATUS(tronpay_tx_build_trigger(&raw2, &len2, owner, token, 0, data, 68, &o), TRONPAY_OK);
  CHECK(raw2 && len2 == len && memcmp(raw, raw2, len) == 0);
  tronpay_free(raw2);
  tronpay_free(raw);

  /* Multi-signature: Permission_id 2, the second co-signer's signature. */
  o = options(block, 1738601502223, 1738601562223);
  o.permission_id = 2;
  CHECK_STATUS(tronpay_address_parse(to, "41b6e708a39781c96bd399c7657780ff9fe9f052a8"), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, 1000000, &o), TRONPAY_OK);
  CHECK(raw && same_hex(raw, len, MULTI_RAW));
  check_unhex(key, 32, MULTI_KEY2);
  CHECK_STATUS(tronpay_tx_sign(sig, raw, len, key), TRONPAY_OK);
  CHECK(same_hex(sig, 65, MULTI_SIG2));
  tronpay_free(raw);
}

static void extremes(void) {
  unsigned char block[32], owner[21], to[21], token[21];
  uint8_t *raw = NULL;
  size_t len = 0;
  char *json = NULL;
  block_id(block, "afbf", "4e85c21e37dfb0c5");
  CHECK_STATUS(tronpay_address_parse(owner, "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH"), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(token, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(to, "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK"), TRONPAY_OK);
  tronpay_tx_options o = options(block, 0, 1738601562223);
  o.fee_limit_sun = INT64_MAX;
  const char *max256 =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, token, to, max256, &o),
               TRONPAY_OK);
  /* The amount word is 32 bytes of ff, right before the fee_limit field 90 01 ff…7f. */
  CHECK(raw && len > 40 && memcmp(raw + len - 11 - 32, "\xff\xff\xff\xff", 4) == 0);
  CHECK(raw && raw[len - 11] == 0x90 && raw[len - 10] == 0x01 && raw[len - 1] == 0x7f);
  check_unhex(key, 32, USDT_KEY);
  CHECK_STATUS(tronpay_tx_sign(sig, raw, len, key), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_to_json(&json, raw, len, sig, 1), TRONPAY_OK);
  CHECK(json && strstr(json, "\"fee_limit\":9223372036854775807") != NULL);
  char *report = NULL;
  CHECK_STATUS(tronpay_tx_verify(&report, json, strlen(json), 0), TRONPAY_OK);
  CHECK(report && strstr(report, max256) != NULL);
  tronpay_free(report);
  uint8_t *back = NULL, *sigs = NULL;
  size_t back_len = 0, count = 0;
  CHECK_STATUS(tronpay_tx_from_json(&back, &back_len, &sigs, &count, json, strlen(json)),
               TRONPAY_OK);
  CHECK(back && back_len == len && memcmp(back, raw, len) == 0 && count == 1 &&
        memcmp(sigs, sig, 65) == 0);
  tronpay_free(back);
  tronpay_free(sigs);
  tronpay_free(json);
  tronpay_free(raw);

  const char *bad_amounts[] = {
      "115792089237316195423570985008687907853269984665640564039457584007913129639936", "", "-1",
      "1.5", " 1", "1e6", "0x10"};
  for (size_t i = 0; i < sizeof bad_amounts / sizeof *bad_amounts; i++) {
    raw = (uint8_t *)0x1;
    CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, token, to, bad_amounts[i], &o),
                 TRONPAY_E_AMOUNT);
    CHECK(raw == (uint8_t *)0x1);
  }
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, token, to, "0", &o), TRONPAY_OK);
  tronpay_free(raw);
  o.fee_limit_sun = 0;
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, INT64_MAX, &o), TRONPAY_OK);
  tronpay_free(raw);
}

static void json_round_trip_and_gate(void) {
  uint8_t *raw = NULL, *sigs = NULL;
  size_t len = 0, count = 0;
  char *json = NULL, *report = NULL;

  /* Real mainnet records: txID recomputed, the signature recovers to the owner. */
  const char *records[] = {MAINNET_USDT, MAINNET_TRX};
  const char *txids[] = {"0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99",
                         "5f1d1a8a49913d09dc1e9e38b89dd4540aa8573fd55f9e82ea1dbad5eb3c491b"};
  const char *owners[] = {"TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre", "TGnQMSxtpGVhK5JkYkx3rYPs9Wmj8GFn17"};
  for (int i = 0; i < 2; i++) {
    CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, records[i], strlen(records[i])),
                 TRONPAY_OK);
    CHECK(count == 1);
    CHECK_STATUS(tronpay_tx_id(id, raw, len), TRONPAY_OK);
    CHECK(same_hex(id, 32, txids[i]));
    unsigned char addr[21];
    char text[35];
    CHECK_STATUS(tronpay_digest_recover(addr, id, sigs), TRONPAY_OK);
    CHECK_STATUS(tronpay_address_to_base58(text, addr), TRONPAY_OK);
    CHECK(strcmp(text, owners[i]) == 0);
    /* Our JSON of the same bytes reads back to the same bytes. */
    CHECK_STATUS(tronpay_tx_to_json(&json, raw, len, sigs, count), TRONPAY_OK);
    uint8_t *raw2 = NULL, *sigs2 = NULL;
    size_t len2 = 0, count2 = 0;
    CHECK_STATUS(tronpay_tx_from_json(&raw2, &len2, &sigs2, &count2, json, strlen(json)),
                 TRONPAY_OK);
    CHECK(len2 == len && memcmp(raw2, raw, len) == 0 && count2 == 1 && memcmp(sigs2, sigs, 65) == 0);
    CHECK_STATUS(tronpay_tx_verify(&report, records[i], strlen(records[i]), 0), TRONPAY_OK);
    CHECK(report && strstr(report, "\"valid\":true") && strstr(report, owners[i]));
    tronpay_free(report);
    tronpay_free(raw2);
    tronpay_free(sigs2);
    tronpay_free(json);
    tronpay_free(raw);
    tronpay_free(sigs);
  }

  /* Alter the amount shown in raw_data: the gate refuses, verification reports it. */
  char *tampered = copy_text(WC_JSON);
  char *amount = strstr(tampered, "2000000");
  CHECK(amount != NULL);
  if (amount) amount[0] = '9';
  raw = (uint8_t *)0x1;
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, tampered, strlen(tampered)),
               TRONPAY_E_TX);
  CHECK(raw == (uint8_t *)0x1);
  CHECK(strstr(tronpay_last_error(), "amount") != NULL);
  CHECK_STATUS(tronpay_tx_verify(&report, tampered, strlen(tampered), 0), TRONPAY_E_VERIFY);
  CHECK(report && strstr(report, "\"raw_data_matches\":false") && strstr(report, "\"valid\":false"));
  tronpay_free(report);
  free(tampered);

  /* v 0x1b instead of 0x00 still verifies; from_json hands it back unchanged. */
  char *v27 = copy_text(WC_JSON);
  char *v = strstr(v27, "747fb200");
  CHECK(v != NULL);
  if (v) v[6] = '1', v[7] = 'b';
  CHECK_STATUS(tronpay_tx_verify(&report, v27, strlen(v27), 0), TRONPAY_OK);
  tronpay_free(report);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, v27, strlen(v27)), TRONPAY_OK);
  CHECK(count == 1 && sigs[64] == 0x1b);
  tronpay_free(raw);
  tronpay_free(sigs);
  /* A foreign signature: the owner did not sign. */
  char *foreign = copy_text(WC_JSON);
  char *s = strstr(foreign, "ede769f6");
  const char *other =
      "6b5de85a80b2f4f02351f691593fb0e49f14c5cb42451373485357e42d7890cd77ad7bfcb733555c098b992da"
      "79dabe5050f5e2db77d9d98f199074222de037701";
  if (s) memcpy(s, other, 130);
  CHECK_STATUS(tronpay_tx_verify(&report, foreign, strlen(foreign), 0), TRONPAY_E_VERIFY);
  CHECK(report && strstr(report, "\"owner_signed\":false"));
  tronpay_free(report);
  /* Expiry is reported against now_ms. */
  CHECK_STATUS(tronpay_tx_verify(&report, WC_JSON, strlen(WC_JSON), 1539331479001), TRONPAY_OK);
  CHECK(report && strstr(report, "\"expired\":true"));
  tronpay_free(report);
  free(v27);
  free(foreign);
}

static void serialize(void) {
  unsigned char raw[512], one[65];
  int n = check_unhex(raw, sizeof raw, TW_RAW);
  check_unhex(one, 65, TW_SIG);
  uint8_t *tx = NULL;
  size_t len = 0;
  CHECK_STATUS(tronpay_tx_serialize(&tx, &len, raw, (size_t)n, one, 1), TRONPAY_OK);
  CHECK(tx && same_hex(tx, len, TW_PROTOBUF));
  tronpay_free(tx);
  tx = (uint8_t *)0x1;
  len = 77;
  CHECK_STATUS(tronpay_tx_serialize(NULL, &len, raw, (size_t)n, one, 1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_serialize(&tx, NULL, raw, (size_t)n, one, 1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_serialize(&tx, &len, NULL, 4, one, 1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_serialize(&tx, &len, raw, (size_t)n, NULL, 1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_serialize(&tx, &len, raw, (size_t)n, one, (size_t)-1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_serialize(&tx, &len, raw, 7, one, 1), TRONPAY_E_TX);
  CHECK(tx == (uint8_t *)0x1 && len == 77);
  CHECK_STATUS(tronpay_tx_serialize(&tx, &len, raw, (size_t)n, NULL, 0), TRONPAY_OK);
  CHECK(tx && len == (size_t)n + 3 && tx[0] == 0x0a && memcmp(tx + 3, raw, (size_t)n) == 0);
  tronpay_free(tx);
}

static void misuse(void) {
  unsigned char block[32], owner[21], to[21], bad[21];
  uint8_t *raw = (uint8_t *)0x1;
  size_t len = 77;
  block_id(block, "7b3b", "b21ace8d6ac20e7e");
  CHECK_STATUS(tronpay_address_parse(owner, "415cd0fb0ab3ce40f3051414c604b27756e69e43db"),
               TRONPAY_OK);
  CHECK_STATUS(tronpay_address_parse(to, "41521ea197907927725ef36d70f25f850d1659c7c7"), TRONPAY_OK);
  memcpy(bad, to, 21);
  bad[0] = 0xa0;
  tronpay_tx_options o = options(block, 1539295479000, 1539331479000);
  uint8_t data[4] = {1, 2, 3, 4};

#define UNTOUCHED CHECK(raw == (uint8_t *)0x1 && len == 77)
  CHECK_STATUS(tronpay_tx_build_transfer(NULL, &len, owner, to, 1, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, NULL, owner, to, 1, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, NULL, to, 1, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, NULL, 1, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, 1, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, 0, &o), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, -1, &o), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, owner, 1, &o), TRONPAY_E_TX);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, bad, to, 1, &o), TRONPAY_E_ADDRESS);
  CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, bad, 1, &o), TRONPAY_E_ADDRESS);
  UNTOUCHED;
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(NULL, &len, owner, to, owner, "1", &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, NULL, owner, to, owner, "1", &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, NULL, to, owner, "1", &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, NULL, owner, "1", &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, to, NULL, "1", &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, to, owner, NULL, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, to, owner, "1", NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, bad, owner, "1", &o), TRONPAY_E_ADDRESS);
  UNTOUCHED;
  CHECK_STATUS(tronpay_tx_build_trigger(NULL, &len, owner, to, 0, data, 4, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, NULL, owner, to, 0, data, 4, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, &len, NULL, to, 0, data, 4, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, &len, owner, NULL, 0, data, 4, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, &len, owner, to, 0, NULL, 4, &o), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, &len, owner, to, 0, data, 4, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_trigger(&raw, &len, owner, to, -1, data, 4, &o), TRONPAY_E_AMOUNT);
  UNTOUCHED;

  /* Every bad option, on each builder. */
  for (int which = 0; which < 8; which++) {
    tronpay_tx_options b = o;
    switch (which) {
      case 0: b.struct_size = sizeof b - 1; break;
      case 1: b.ref_block_id = NULL; break;
      case 2: b.memo = NULL, b.memo_len = 3; break;
      case 3: b.expiration_ms = 0; break;
      case 4: b.expiration_ms = b.timestamp_ms; break;
      case 5: b.timestamp_ms = -1; break;
      case 6: b.fee_limit_sun = -1; break;
      case 7: b.permission_id = -1; break;
    }
    CHECK_STATUS(tronpay_tx_build_transfer(&raw, &len, owner, to, 1, &b), TRONPAY_E_ARG);
    CHECK_STATUS(tronpay_tx_build_trc20_transfer(&raw, &len, owner, to, owner, "1", &b), TRONPAY_E_ARG);
    CHECK_STATUS(tronpay_tx_build_trigger(&raw, &len, owner, to, 0, data, 4, &b), TRONPAY_E_ARG);
  }
  UNTOUCHED;
  /* A NULL memo with length 0 and an expiration without timestamp are fine. */
  tronpay_tx_options fine = options(block, 0, 1);
  uint8_t *ok = NULL;
  CHECK_STATUS(tronpay_tx_build_trigger(&ok, &len, owner, to, 0, NULL, 0, &fine), TRONPAY_OK);
  tronpay_free(ok);
  len = 77;

  /* tx_id / tx_sign. */
  int n = check_unhex(raw_buf, sizeof raw_buf, WC_RAW);
  unsigned char zero_key[32] = {0};
  check_unhex(key, 32, WC_KEY);
  memset(id, 0xAA, 32);
  memset(sig, 0xAA, 65);
  CHECK_STATUS(tronpay_tx_id(NULL, raw_buf, (size_t)n), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_id(id, NULL, 5), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_id(id, NULL, 0), TRONPAY_E_TX);
  CHECK_STATUS(tronpay_tx_id(id, raw_buf, (size_t)n - 1), TRONPAY_E_TX);
  CHECK_STATUS(tronpay_tx_sign(NULL, raw_buf, (size_t)n, key), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_sign(sig, NULL, 5, key), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_sign(sig, raw_buf, (size_t)n, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_sign(sig, raw_buf, (size_t)n, zero_key), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_tx_sign(sig, raw_buf, 3, key), TRONPAY_E_TX);
  unsigned char groups[] = {0x0a, 0x02, 0x7b, 0x3b, 0x0b, 0x0c};
  CHECK_STATUS(tronpay_tx_sign(sig, groups, sizeof groups, key), TRONPAY_E_TX);
  for (int i = 0; i < 32; i++) CHECK(id[i] == 0xAA);
  for (int i = 0; i < 65; i++) CHECK(sig[i] == 0xAA);

  /* to_json. */
  char *json = (char *)0x1;
  CHECK_STATUS(tronpay_tx_to_json(NULL, raw_buf, (size_t)n, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_to_json(&json, NULL, 5, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_to_json(&json, raw_buf, (size_t)n, NULL, 1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_to_json(&json, raw_buf, (size_t)n, sig, (size_t)1 << 40), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_to_json(&json, raw_buf, 3, NULL, 0), TRONPAY_E_TX);
  /* An unknown field (auths) makes the bytes non-canonical: refused for JSON. */
  raw_buf[n] = 0x4a, raw_buf[n + 1] = 0x00;
  CHECK_STATUS(tronpay_tx_id(id, raw_buf, (size_t)n + 2), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_to_json(&json, raw_buf, (size_t)n + 2, NULL, 0), TRONPAY_E_TX);
  CHECK(json == (char *)0x1);
  CHECK_STATUS(tronpay_tx_to_json(&json, raw_buf, (size_t)n, NULL, 0), TRONPAY_OK);
  CHECK(json && strstr(json, "\"signature\":[]"));
  tronpay_free(json);

  /* from_json. */
  uint8_t *sigs = (uint8_t *)0x1;
  size_t count = 77;
  size_t wl = strlen(WC_JSON);
  CHECK_STATUS(tronpay_tx_from_json(NULL, &len, &sigs, &count, WC_JSON, wl), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_from_json(&raw, NULL, &sigs, &count, WC_JSON, wl), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, NULL, &count, WC_JSON, wl), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, NULL, WC_JSON, wl), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, NULL, wl), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, WC_JSON, wl - 1), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, "[]", 2), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, "{}", 2), TRONPAY_E_JSON);
  const char *nothex = "{\"txID\":\"00\",\"raw_data_hex\":\"0g\"}";
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, nothex, strlen(nothex)),
               TRONPAY_E_HEX);
  char *short_sig = copy_text(WC_JSON);
  char *end = strstr(short_sig, "747fb200");
  if (end) memmove(end + 6, end + 8, strlen(end + 8) + 1);
  CHECK_STATUS(tronpay_tx_from_json(&raw, &len, &sigs, &count, short_sig, strlen(short_sig)),
               TRONPAY_E_SIGNATURE);
  free(short_sig);
  CHECK(raw == (uint8_t *)0x1 && len == 77 && sigs == (uint8_t *)0x1 && count == 77);

  /* verify. */
  char *report = (char *)0x1;
  CHECK_STATUS(tronpay_tx_verify(NULL, WC_JSON, wl, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_verify(&report, NULL, wl, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_verify(&report, WC_JSON, 3, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_tx_verify(&report, "{\"raw_data_hex\":\"0a\"}", 21, 0), TRONPAY_E_TX);
  CHECK(report == (char *)0x1);
#undef UNTOUCHED
}

int main(void) {
  builders_match_vectors();
  extremes();
  json_round_trip_and_gate();
  serialize();
  misuse();
  return check_summary("test_tx");
}
