/* A systematic misuse battery over every fallible function of the header: a valid call first
 * (so the battery cannot pass by refusing everything), then NULL in each required pointer
 * position (TRONPAY_E_ARG, outputs untouched), then lengths past the documented limits. Each
 * section's own tests cover its semantic misuse (bad keys, paths, JSON). */
#include <stdint.h>

#include "check.h"

static uint8_t KEY[32], ADDR[21], TO[21], TOKEN[21], PUB[65], SEED[64], BLOCK[32], SIG[65];
static uint8_t *RAW;
static size_t RAW_LEN;
static char *TX_JSON, *EVIDENCE, *REQUEST;
static const char *PATH = "m/44'/195'/0'/0/1";
static const char *MNEMONIC =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
static char XPUB[TRONPAY_XKEY_TEXT_SIZE];
static tronpay_tx_options OPT;

/* Output sentinels: every output starts as this pattern and must keep it after a failure. */
static uint8_t OUT[4096];
static uint8_t *OUT_PTR;
static char *OUT_TEXT;
static size_t OUT_LEN, OUT_COUNT;
static char OUT_CHARS[256];
static tronpay_engine *OUT_ENGINE;

static void reset_outputs(void) {
  memset(OUT, 0xA5, sizeof OUT);
  memset(OUT_CHARS, 0x5A, sizeof OUT_CHARS);
  OUT_PTR = (uint8_t *)OUT;
  OUT_TEXT = (char *)OUT_CHARS;
  OUT_LEN = 77;
  OUT_COUNT = 88;
  OUT_ENGINE = (tronpay_engine *)OUT;
}

static int outputs_untouched(void) {
  for (size_t i = 0; i < sizeof OUT; i++)
    if (OUT[i] != 0xA5) return 0;
  for (size_t i = 0; i < sizeof OUT_CHARS; i++)
    if ((unsigned char)OUT_CHARS[i] != 0x5A) return 0;
  return OUT_PTR == (uint8_t *)OUT && OUT_TEXT == (char *)OUT_CHARS && OUT_LEN == 77 &&
         OUT_COUNT == 88 && OUT_ENGINE == (tronpay_engine *)OUT;
}

/* A call with pointer argument `k` replaced by NULL (k < 0: none replaced). */
#define P(k, i, v) ((k) == (i) ? NULL : (v))

typedef tronpay_status (*caller)(int k);

static tronpay_status c_keccak(int k) { return tronpay_keccak256(P(k, 0, OUT), P(k, 1, KEY), 32); }
static tronpay_status c_sha256(int k) { return tronpay_sha256(P(k, 0, OUT), P(k, 1, KEY), 32); }
static tronpay_status c_privkey_generate(int k) {
  tronpay_status s = tronpay_privkey_generate(P(k, 0, OUT));
  if (s == TRONPAY_OK) memset(OUT, 0xA5, 32);
  return s;
}
static tronpay_status c_privkey_verify(int k) { return tronpay_privkey_verify(P(k, 0, KEY)); }
static tronpay_status c_pubkey(int k) { return tronpay_pubkey_from_privkey(P(k, 0, OUT), P(k, 1, KEY)); }
static tronpay_status c_addr_pub(int k) {
  return tronpay_address_from_pubkey(P(k, 0, OUT), P(k, 1, PUB), 65);
}
static tronpay_status c_addr_priv(int k) {
  return tronpay_address_from_privkey(P(k, 0, OUT), P(k, 1, KEY));
}
static tronpay_status c_to_base58(int k) {
  return tronpay_address_to_base58(P(k, 0, OUT_CHARS), P(k, 1, ADDR));
}
static tronpay_status c_to_hex(int k) { return tronpay_address_to_hex(P(k, 0, OUT_CHARS), P(k, 1, ADDR)); }
static tronpay_status c_parse(int k) {
  return tronpay_address_parse(P(k, 0, OUT), P(k, 1, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
}
static tronpay_status c_mnemonic_generate(int k) {
  return tronpay_mnemonic_generate(P(k, 0, &OUT_TEXT), 12, "english");
}
static tronpay_status c_mnemonic_validate(int k) { return tronpay_mnemonic_validate(P(k, 0, MNEMONIC)); }
static tronpay_status c_to_seed(int k) {
  return tronpay_mnemonic_to_seed(P(k, 0, OUT), P(k, 1, MNEMONIC), "");
}
static tronpay_status c_hd_privkey(int k) {
  return tronpay_hd_privkey(P(k, 0, OUT), P(k, 1, SEED), 64, P(k, 2, PATH));
}
static tronpay_status c_hd_xpub(int k) {
  return tronpay_hd_xpub(P(k, 0, OUT_CHARS), P(k, 1, SEED), 64, P(k, 2, PATH));
}
static tronpay_status c_hd_xprv(int k) {
  return tronpay_hd_xprv(P(k, 0, OUT_CHARS), P(k, 1, SEED), 64, P(k, 2, PATH));
}
static tronpay_status c_xpub_derive(int k) {
  return tronpay_xpub_derive_addresses(P(k, 0, OUT), P(k, 1, XPUB), 0, 0, 3);
}
static tronpay_status c_build_transfer(int k) {
  return tronpay_tx_build_transfer(P(k, 0, &OUT_PTR), P(k, 1, &OUT_LEN), P(k, 2, ADDR), P(k, 3, TO),
                                   1000000, P(k, 4, &OPT));
}
static tronpay_status c_build_trc20(int k) {
  return tronpay_tx_build_trc20_transfer(P(k, 0, &OUT_PTR), P(k, 1, &OUT_LEN), P(k, 2, ADDR),
                                         P(k, 3, TOKEN), P(k, 4, TO), P(k, 5, "1000000"),
                                         P(k, 6, &OPT));
}
static tronpay_status c_build_trigger(int k) {
  return tronpay_tx_build_trigger(P(k, 0, &OUT_PTR), P(k, 1, &OUT_LEN), P(k, 2, ADDR),
                                  P(k, 3, TOKEN), 0, P(k, 4, KEY), 4, P(k, 5, &OPT));
}
static tronpay_status c_tx_id(int k) { return tronpay_tx_id(P(k, 0, OUT), P(k, 1, RAW), RAW_LEN); }
static tronpay_status c_tx_sign(int k) {
  return tronpay_tx_sign(P(k, 0, OUT), P(k, 1, RAW), RAW_LEN, P(k, 2, KEY));
}
static tronpay_status c_tx_to_json(int k) {
  return tronpay_tx_to_json(P(k, 0, &OUT_TEXT), P(k, 1, RAW), RAW_LEN, P(k, 2, SIG), 1);
}
static tronpay_status c_tx_serialize(int k) {
  return tronpay_tx_serialize(P(k, 0, &OUT_PTR), P(k, 1, &OUT_LEN), P(k, 2, RAW), RAW_LEN,
                              P(k, 3, SIG), 1);
}
static tronpay_status c_tx_from_json(int k) {
  return tronpay_tx_from_json(P(k, 0, &OUT_PTR), P(k, 1, &OUT_LEN), P(k, 2, (uint8_t **)&OUT_TEXT),
                              P(k, 3, &OUT_COUNT), P(k, 4, TX_JSON), strlen(TX_JSON));
}
static tronpay_status c_tx_verify(int k) {
  return tronpay_tx_verify(P(k, 0, &OUT_TEXT), P(k, 1, TX_JSON), strlen(TX_JSON), 0);
}
static tronpay_status c_message_sign(int k) {
  return tronpay_message_sign(P(k, 0, OUT), P(k, 1, (const uint8_t *)"hi"), 2, P(k, 2, KEY));
}
static uint8_t MSG_SIG[65];
static tronpay_status c_message_recover(int k) {
  return tronpay_message_recover(P(k, 0, OUT), P(k, 1, (const uint8_t *)"hi"), 2, P(k, 2, MSG_SIG));
}
static tronpay_status c_message_verify(int k) {
  return tronpay_message_verify(P(k, 0, (const uint8_t *)"hi"), 2, P(k, 1, MSG_SIG), P(k, 2, ADDR));
}
static tronpay_status c_message_recover_v1(int k) {
  tronpay_status s =
      tronpay_message_recover_v1(P(k, 0, OUT), P(k, 1, (const uint8_t *)"hi"), 2, P(k, 2, MSG_SIG));
  if (s == TRONPAY_OK) memset(OUT, 0xA5, 21); /* recovers some other address: fine */
  return s;
}
static tronpay_status c_message_verify_v1(int k) {
  tronpay_status s =
      tronpay_message_verify_v1(P(k, 0, (const uint8_t *)"hi"), 2, P(k, 1, MSG_SIG), P(k, 2, ADDR));
  return s == TRONPAY_E_VERIFY ? TRONPAY_OK : s; /* a v2 signature is not a v1 one */
}
static tronpay_status c_digest_sign(int k) {
  return tronpay_digest_sign(P(k, 0, OUT), P(k, 1, SEED), P(k, 2, KEY));
}
static tronpay_status c_digest_recover(int k) {
  return tronpay_digest_recover(P(k, 0, OUT), P(k, 1, SEED), P(k, 2, SIG));
}
static tronpay_status c_amount_to(int k) {
  return tronpay_amount_to_base_units(P(k, 0, &OUT_TEXT), P(k, 1, "12.5"), 6);
}
static tronpay_status c_amount_from(int k) {
  return tronpay_amount_from_base_units(P(k, 0, &OUT_TEXT), P(k, 1, "12500000"), 6);
}
static tronpay_status c_transfers_parse(int k) {
  return tronpay_transfers_parse(P(k, 0, &OUT_TEXT), P(k, 1, EVIDENCE), strlen(EVIDENCE));
}
static tronpay_status c_payment_check(int k) {
  return tronpay_payment_check(P(k, 0, &OUT_TEXT), P(k, 1, REQUEST), strlen(REQUEST));
}

static const char *WH_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
static const char *WH_BODY = "{\"test\": 2432232314}";
static const char *WH_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
static const char *EP_PARAMS = "{\"amount\":42,\"signature\":\"d5a4a0e3e0c5e3b0a5e6d8d8c2d6d4a1\"}";
static char EP_SIGNED[128];
static tronpay_status c_webhook_sign(int k) {
  return tronpay_webhook_sign(P(k, 0, &OUT_TEXT), P(k, 1, WH_SECRET), P(k, 2, "msg_1"), 1614265330,
                              P(k, 3, (const uint8_t *)WH_BODY), strlen(WH_BODY));
}
static tronpay_status c_webhook_verify(int k) {
  return tronpay_webhook_verify(P(k, 0, WH_SECRET), P(k, 1, "msg_p5jXN8AQM9LWM0D4loKWxJek"),
                                P(k, 2, "1614265330"), P(k, 3, WH_SIG),
                                P(k, 4, (const uint8_t *)WH_BODY), strlen(WH_BODY), 1614265330,
                                300);
}
static tronpay_status c_epusdt_sign(int k) {
  return tronpay_epusdt_sign(P(k, 0, OUT_CHARS), P(k, 1, EP_PARAMS), strlen(EP_PARAMS),
                             P(k, 2, "token"));
}
static tronpay_status c_epusdt_verify(int k) {
  return tronpay_epusdt_verify(P(k, 0, EP_SIGNED), strlen(EP_SIGNED), P(k, 1, "token"));
}


/* The engine's functions, on the handle H: an open in-memory engine (ENGINE) for the battery,
 * or a closed or foreign handle for engine_handles(). A valid call that reaches the engine with
 * well-formed arguments counts as valid when the engine answers for the data (an unknown id is
 * TRONPAY_E_NOT_FOUND): what the battery proves is that every argument passed the boundary. */
static const int64_t ENOW = 1767225600000;
static tronpay_engine *ENGINE, *H;
static char ENGINE_CONFIG[1024];
static const char *EBLOCK =
    "{\"blockID\":\"0000000004210a4c2f7c9a1e5b8d3f6a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d\","
    "\"block_header\":{\"raw_data\":{\"number\":69274188,\"txTrieRoot\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\",\"witness_address\":"
    "\"41b668d4991cd636b694989ebf2aa61fbfc1a4e2a7\",\"parentHash\":"
    "\"0000000004210a4b9a1e5b8d3f6a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a\",\"version\":31,"
    "\"timestamp\":1738601565000},\"witness_signature\":\"00\"}}";
static const char *EBLOCK_ID = "0000000004210a4c2f7c9a1e5b8d3f6a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d";
static const char *TXID = "abababababababababababababababababababababababababababababababab";
static char REFUND_REQ[512];

static tronpay_status reached(tronpay_status s, tronpay_status a, tronpay_status b) {
  return s == a || s == b ? TRONPAY_OK : s;
}
static tronpay_status c_engine_open(int k) {
  return tronpay_engine_open(P(k, 0, &OUT_ENGINE), ENGINE_CONFIG, strlen(ENGINE_CONFIG), ENOW);
}
static tronpay_status c_engine_health(int k) {
  return tronpay_engine_health(P(k, 0, H), P(k, 1, &OUT_TEXT), ENOW);
}
static const char *ECREATE = "{\"order_id\":\"M-9\",\"amount\":\"1\"}";
static tronpay_status c_invoice_create(int k) {
  return tronpay_invoice_create(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, ECREATE), strlen(ECREATE),
                                ENOW);
}
static tronpay_status c_invoice_get(int k) {
  return tronpay_invoice_get(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, "M-1"), ENOW);
}
static tronpay_status c_invoice_list(int k) {
  return tronpay_invoice_list(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, "{}"), 2, ENOW);
}
static tronpay_status c_invoice_cancel(int k) {
  return tronpay_invoice_cancel(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, "M-2"), P(k, 3, "ops"),
                                P(k, 4, "test"), ENOW);
}
static const char *ERESOLVE =
    "{\"action\":\"mark_invalid\",\"invoice_id\":\"M-3\",\"actor\":\"ops\",\"reason\":\"test\"}";
static tronpay_status c_invoice_resolve(int k) {
  return tronpay_invoice_resolve(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, ERESOLVE),
                                 strlen(ERESOLVE), ENOW);
}
static tronpay_status c_audit_list(int k) {
  return tronpay_audit_list(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, "{}"), 2);
}
static const char *ETIP = "{\"head\":{\"number\":69274200},\"solidified\":{\"number\":69274100}}";
static tronpay_status c_chain_tip(int k) {
  return tronpay_chain_tip(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, ETIP), strlen(ETIP), ENOW);
}
/* A hand-made empty block (its id begins with its number, as TRON's do): the first block of a
 * store without start_block, applied. */
static tronpay_status c_chain_block(int k) {
  return tronpay_chain_block(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, EBLOCK), strlen(EBLOCK),
                             P(k, 3, "[]"), 2, ENOW);
}
/* The block chain_block applied, above the solidified block chain_tip gave: disconnected. */
static tronpay_status c_chain_disconnect(int k) {
  return tronpay_chain_disconnect(P(k, 0, H), P(k, 1, &OUT_TEXT), 69274188, P(k, 2, EBLOCK_ID),
                                  ENOW);
}
static tronpay_status c_chain_evidence(int k) {
  return tronpay_chain_evidence(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, EVIDENCE),
                                strlen(EVIDENCE), ENOW);
}
static tronpay_status c_events_list(int k) {
  return tronpay_events_list(P(k, 0, H), P(k, 1, &OUT_TEXT), 0, 10);
}
static tronpay_status c_outbox_next(int k) {
  return tronpay_outbox_next(P(k, 0, H), P(k, 1, &OUT_TEXT), 10, ENOW);
}
static tronpay_status c_outbox_ack(int k) {
  return reached(tronpay_outbox_ack(P(k, 0, H), P(k, 1, "dlv_unknown"), 503,
                                    P(k, 2, (const uint8_t *)"x"), 1, 0, "5", ENOW),
                 TRONPAY_E_NOT_FOUND, 1);
}
static tronpay_status c_outbox_redeliver(int k) {
  return reached(tronpay_outbox_redeliver(P(k, 0, H), P(k, 1, "evt_unknown"), P(k, 2, "shop"), ENOW),
                 TRONPAY_E_NOT_FOUND, 1);
}
static tronpay_status c_dispute_lookup(int k) {
  return tronpay_dispute_lookup(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, TXID), ENOW);
}
static tronpay_status c_refund_create(int k) {
  return reached(tronpay_refund_create(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, REFUND_REQ),
                                       strlen(REFUND_REQ), ENOW),
                 TRONPAY_E_STATE, 1);
}
static tronpay_status c_refund_submit(int k) {
  return reached(tronpay_refund_submit(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, "R-unknown"),
                                       P(k, 3, SIG), 1, ENOW),
                 TRONPAY_E_NOT_FOUND, 1);
}
static tronpay_status c_refund_get(int k) {
  return reached(tronpay_refund_get(P(k, 0, H), P(k, 1, &OUT_TEXT), P(k, 2, "R-unknown")),
                 TRONPAY_E_NOT_FOUND, 1);
}

struct entry {
  const char *name;
  caller call;
  int pointers; /* required pointer arguments, numbered from 0 as in P() */
  int allocates; /* a successful call allocates OUT_PTR (1), OUT_TEXT (2) or both (3), or
                    opens OUT_ENGINE (4) */
};

static const struct entry ENTRIES[] = {
    {"keccak256", c_keccak, 2, 0},
    {"sha256", c_sha256, 2, 0},
    {"privkey_generate", c_privkey_generate, 1, 0},
    {"privkey_verify", c_privkey_verify, 1, 0},
    {"pubkey_from_privkey", c_pubkey, 2, 0},
    {"address_from_pubkey", c_addr_pub, 2, 0},
    {"address_from_privkey", c_addr_priv, 2, 0},
    {"address_to_base58", c_to_base58, 2, 0},
    {"address_to_hex", c_to_hex, 2, 0},
    {"address_parse", c_parse, 2, 0},
    {"mnemonic_generate", c_mnemonic_generate, 1, 2},
    {"mnemonic_validate", c_mnemonic_validate, 1, 0},
    {"mnemonic_to_seed", c_to_seed, 2, 0},
    {"hd_privkey", c_hd_privkey, 3, 0},
    {"hd_xpub", c_hd_xpub, 3, 0},
    {"hd_xprv", c_hd_xprv, 3, 0},
    {"xpub_derive_addresses", c_xpub_derive, 2, 0},
    {"tx_build_transfer", c_build_transfer, 5, 1},
    {"tx_build_trc20_transfer", c_build_trc20, 7, 1},
    {"tx_build_trigger", c_build_trigger, 6, 1},
    {"tx_id", c_tx_id, 2, 0},
    {"tx_sign", c_tx_sign, 3, 0},
    {"tx_to_json", c_tx_to_json, 3, 2},
    {"tx_serialize", c_tx_serialize, 4, 1},
    {"tx_from_json", c_tx_from_json, 5, 3},
    {"tx_verify", c_tx_verify, 2, 2},
    {"message_sign", c_message_sign, 3, 0},
    {"message_recover", c_message_recover, 3, 0},
    {"message_verify", c_message_verify, 3, 0},
    {"message_recover_v1", c_message_recover_v1, 3, 0},
    {"message_verify_v1", c_message_verify_v1, 3, 0},
    {"digest_sign", c_digest_sign, 3, 0},
    {"digest_recover", c_digest_recover, 3, 0},
    {"amount_to_base_units", c_amount_to, 2, 2},
    {"amount_from_base_units", c_amount_from, 2, 2},
    {"transfers_parse", c_transfers_parse, 2, 2},
    {"payment_check", c_payment_check, 2, 2},
    {"webhook_sign", c_webhook_sign, 4, 2},
    {"webhook_verify", c_webhook_verify, 5, 0},
    {"epusdt_sign", c_epusdt_sign, 3, 0},
    {"epusdt_verify", c_epusdt_verify, 2, 0},
};

/* The engine's entries: pointer 0 is the handle (except for engine_open, whose 0 is out). */
static const struct entry ENGINE_ENTRIES[] = {
    {"engine_open", c_engine_open, 1, 4},
    {"engine_health", c_engine_health, 2, 2},
    {"invoice_create", c_invoice_create, 3, 2},
    {"invoice_get", c_invoice_get, 3, 2},
    {"invoice_list", c_invoice_list, 3, 2},
    {"invoice_cancel", c_invoice_cancel, 5, 2},
    {"invoice_resolve", c_invoice_resolve, 3, 2},
    {"audit_list", c_audit_list, 3, 2},
    {"chain_tip", c_chain_tip, 3, 2},
    {"chain_block", c_chain_block, 4, 2},
    {"chain_disconnect", c_chain_disconnect, 3, 2},
    {"chain_evidence", c_chain_evidence, 3, 2},
    {"events_list", c_events_list, 2, 2},
    {"outbox_next", c_outbox_next, 2, 2},
    {"outbox_ack", c_outbox_ack, 3, 0},
    {"outbox_redeliver", c_outbox_redeliver, 3, 0},
    {"dispute_lookup", c_dispute_lookup, 3, 2},
    {"refund_create", c_refund_create, 3, 2},
    {"refund_submit", c_refund_submit, 4, 2},
    {"refund_get", c_refund_get, 3, 2},
};

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  static char buffer[1 << 16];
  size_t n = fread(buffer, 1, sizeof buffer - 1, f);
  fclose(f);
  buffer[n] = 0;
  return buffer;
}

static int setup(void) {
  memset(KEY, 0, 32);
  KEY[31] = 9;
  memset(SEED, 0x42, 64);
  for (int i = 0; i < 32; i++) BLOCK[i] = (uint8_t)i;
  if (tronpay_address_from_privkey(ADDR, KEY) || tronpay_pubkey_from_privkey(PUB, KEY) ||
      tronpay_address_parse(TO, "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK") ||
      tronpay_address_parse(TOKEN, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t") ||
      tronpay_hd_xpub(XPUB, SEED, 64, "m/44'/195'/0'"))
    return 0;
  OPT = (tronpay_tx_options){sizeof OPT, BLOCK, 1700000000000, 1700000060000, 30000000, NULL, 0, 0};
  if (tronpay_tx_build_trc20_transfer(&RAW, &RAW_LEN, ADDR, TOKEN, TO, "1", &OPT) ||
      tronpay_tx_sign(SIG, RAW, RAW_LEN, KEY) || tronpay_tx_to_json(&TX_JSON, RAW, RAW_LEN, SIG, 1) ||
      tronpay_message_sign(MSG_SIG, (const uint8_t *)"hi", 2, KEY))
    return 0;
  EVIDENCE = read_file("examples/data/mainnet_receipts.json");
  if (!EVIDENCE) return 0;
  static char request[1 << 17];
  snprintf(request, sizeof request,
           "{\"chain\":{\"head_block\":69316600,\"solidified_block\":69316540,\"now_ms\":"
           "1738601565000},\"invoices\":[{\"id\":\"a\",\"address\":\"TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB\","
           "\"token\":\"USDT\",\"amount_due\":\"1000\",\"created_at_ms\":1722861990000,"
           "\"expires_at_ms\":1722863190000,\"tolerance_bps\":0}],\"evidence\":[%s]}",
           EVIDENCE);
  REQUEST = request;
  char signature[33];
  if (tronpay_epusdt_sign(signature, "{\"amount\":42}", 13, "token")) return 0;
  snprintf(EP_SIGNED, sizeof EP_SIGNED, "{\"amount\":42,\"signature\":\"%s\"}", signature);
  return 1;
}

static void release(const struct entry *e) {
  /* A valid call that the engine answered with a data status wrote nothing. */
  if ((e->allocates & 1) && OUT_PTR != (uint8_t *)OUT) tronpay_free(OUT_PTR);
  if ((e->allocates & 2) && OUT_TEXT != (char *)OUT_CHARS) tronpay_free(OUT_TEXT);
  if ((e->allocates & 4) && OUT_ENGINE != (tronpay_engine *)OUT) tronpay_engine_close(OUT_ENGINE);
}

static void battery_of(const struct entry *entries, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const struct entry *e = &entries[i];
    reset_outputs();
    tronpay_status ok = e->call(-1);
    if (ok != TRONPAY_OK) fprintf(stderr, "valid call of %s failed\n", e->name);
    CHECK(ok == TRONPAY_OK);
    release(e);
    for (int k = 0; k < e->pointers; k++) {
      reset_outputs();
      tronpay_status s = e->call(k);
      if (s != TRONPAY_E_ARG || !outputs_untouched())
        fprintf(stderr, "%s with argument %d NULL: %s\n", e->name, k, tronpay_status_str(s));
      CHECK(s == TRONPAY_E_ARG);
      CHECK(outputs_untouched());
    }
  }
}

static void battery(void) {
  battery_of(ENTRIES, sizeof ENTRIES / sizeof ENTRIES[0]);
  H = ENGINE;
  battery_of(ENGINE_ENTRIES, sizeof ENGINE_ENTRIES / sizeof ENGINE_ENTRIES[0]);
}

/* Webhooks: a secret that is not strict base64 is TRONPAY_E_ARG (never a crash), hostile epusdt
 * params TRONPAY_E_JSON, bodies and params past any size refused before they are read. */
static void webhooks(void) {
  const char *bad_secrets[] = {"", "whsec_", "whsec_!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
                               "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS=", "whsec_====",
                               "whsec_Zh==", "whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                               "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa\xff\xfe", "WHSEC_MfKQ9r8G"};
  reset_outputs();
  for (size_t i = 0; i < sizeof bad_secrets / sizeof bad_secrets[0]; i++) {
    CHECK_STATUS(tronpay_webhook_sign(&OUT_TEXT, bad_secrets[i], "msg_1", 1, NULL, 0),
                 TRONPAY_E_ARG);
    CHECK_STATUS(tronpay_webhook_verify(bad_secrets[i], "msg_1", "1", WH_SIG, NULL, 0, 1, 300),
                 TRONPAY_E_ARG);
  }
  CHECK_STATUS(tronpay_webhook_verify(WH_SECRET, "m", "1", WH_SIG, NULL, 0, 1, -1), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_verify(WH_SECRET, "m", "1", WH_SIG, NULL, 0, 1, INT64_MIN),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&OUT_TEXT, WH_SECRET, "m", 1, (const uint8_t *)"x", SIZE_MAX),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_verify(WH_SECRET, "m", "1", WH_SIG, (const uint8_t *)"x",
                                      (size_t)1 << 63, 1, 300),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&OUT_TEXT, WH_SECRET, "m", -5, NULL, 0), TRONPAY_E_ARG);
  CHECK(outputs_untouched());
  const char *hostile[] = {"{\"a\":true}", "{\"a\":[1]}", "{\"a\":{\"b\":1}}", "[]", "1e999",
                           "{\"a\":1e999}", "{\"a\":\"\xff\"}", "{\"a\":1,\"a\":1}", "{",
                           "{\"a\":1}\x00"};
  for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
    size_t len = strlen(hostile[i]) + (i == 9 ? 1 : 0);
    CHECK_STATUS(tronpay_epusdt_sign(OUT_CHARS, hostile[i], len, "token"), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_epusdt_verify(hostile[i], len, "token"), TRONPAY_E_JSON);
  }
  CHECK_STATUS(tronpay_epusdt_sign(OUT_CHARS, EP_PARAMS, strlen(EP_PARAMS), ""), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_epusdt_sign(OUT_CHARS, "{}", SIZE_MAX, "token"), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_epusdt_verify(EP_SIGNED, (size_t)64 * 1024 * 1024 + 1, "token"),
               TRONPAY_E_JSON);
  CHECK(outputs_untouched());
}

/* Lengths past the documented limits are refused before anything is read: the pointers below
 * point at a few bytes only. */
static void limits(void) {
  const char *small = "{}";
  size_t huge = (size_t)64 * 1024 * 1024 + 1;
  reset_outputs();
  CHECK_STATUS(tronpay_transfers_parse(&OUT_TEXT, small, huge), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&OUT_TEXT, small, huge), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_tx_verify(&OUT_TEXT, small, huge, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_tx_from_json(&OUT_PTR, &OUT_LEN, (uint8_t **)&OUT_TEXT, &OUT_COUNT, small,
                                    huge),
               TRONPAY_E_JSON);
  CHECK(outputs_untouched());
  /* Wrong struct_size: too small for version 1 of the options. */
  tronpay_tx_options old = OPT;
  old.struct_size = 8;
  CHECK_STATUS(tronpay_tx_build_transfer(&OUT_PTR, &OUT_LEN, ADDR, TO, 1, &old), TRONPAY_E_ARG);
  old.struct_size = 0;
  CHECK_STATUS(tronpay_tx_build_transfer(&OUT_PTR, &OUT_LEN, ADDR, TO, 1, &old), TRONPAY_E_ARG);
  CHECK(outputs_untouched());
  /* A later, longer version: its version-1 fields are read at C's offsets, nothing past them. */
  struct {
    tronpay_tx_options v1;
    uint64_t appended;
  } newer = {OPT, 0};
  newer.v1.struct_size = sizeof newer;
  uint8_t *built = NULL, *expected = NULL;
  size_t built_len = 0, expected_len = 0;
  CHECK_STATUS(tronpay_tx_build_transfer(&built, &built_len, ADDR, TO, 1, &newer.v1), TRONPAY_OK);
  CHECK_STATUS(tronpay_tx_build_transfer(&expected, &expected_len, ADDR, TO, 1, &OPT), TRONPAY_OK);
  CHECK(built && expected && built_len == expected_len && !memcmp(built, expected, built_len));
  tronpay_free(built);
  tronpay_free(expected);
  /* Out-of-range numbers. */
  CHECK_STATUS(tronpay_mnemonic_generate(&OUT_TEXT, 13, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_mnemonic_generate(&OUT_TEXT, 0xFFFFFFFFu, NULL), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_mnemonic_generate(&OUT_TEXT, 12, "klingon"), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_privkey(OUT, SEED, 15, PATH), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_hd_privkey(OUT, SEED, 65, PATH), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_xpub_derive_addresses(OUT, XPUB, 0, 0x7FFFFFFFu, 2), TRONPAY_E_PATH);
  CHECK_STATUS(tronpay_xpub_derive_addresses(OUT, XPUB, 0x80000000u, 0, 1), TRONPAY_E_PATH);
  CHECK_STATUS(tronpay_xpub_derive_addresses(OUT, XPUB, 0, 0, 0xFFFFFFFFu), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_tx_build_transfer(&OUT_PTR, &OUT_LEN, ADDR, TO, 0, &OPT), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_tx_build_transfer(&OUT_PTR, &OUT_LEN, ADDR, TO, -1, &OPT), TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_tx_build_transfer(&OUT_PTR, &OUT_LEN, ADDR, TO, INT64_MIN, &OPT),
               TRONPAY_E_AMOUNT);
  CHECK_STATUS(tronpay_tx_to_json(&OUT_TEXT, RAW, RAW_LEN, SIG, (size_t)1 << 62), TRONPAY_E_ARG);
  CHECK(outputs_untouched());
  /* Zero lengths where bytes are required. */
  CHECK_STATUS(tronpay_tx_id(OUT, RAW, 0), TRONPAY_E_TX);
  CHECK_STATUS(tronpay_transfers_parse(&OUT_TEXT, small, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&OUT_TEXT, small, 0), TRONPAY_E_JSON);
  CHECK(outputs_untouched());
  webhooks();
}


/* An in-memory engine with three invoices (M-1 to read, M-2 to cancel, M-3 to resolve). Its
 * failure is counted, and every engine check below then fails with it. */
static void engine_setup(void) {
  snprintf(ENGINE_CONFIG, sizeof ENGINE_CONFIG,
           "{\"store\":\"sqlite::memory:\",\"wallets\":[{\"id\":\"main\",\"xpub\":\"%s\"}],"
           "\"webhooks\":[{\"id\":\"shop\",\"url\":\"https://shop.example/h\",\"secret\":\"%s\","
           "\"events\":[\"invoice.*\"]}]}",
           XPUB, WH_SECRET);
  tronpay_status s = tronpay_engine_open(&ENGINE, ENGINE_CONFIG, strlen(ENGINE_CONFIG), ENOW);
  if (s != TRONPAY_OK) fprintf(stderr, "engine_open for the engine battery failed\n");
  CHECK_STATUS(s, TRONPAY_OK);
  const char *orders[] = {"M-1", "M-2", "M-3"};
  for (size_t i = 0; ENGINE && i < 3; i++) {
    char req[128], *out = NULL;
    snprintf(req, sizeof req, "{\"order_id\":\"%s\",\"amount\":\"2\"}", orders[i]);
    CHECK_STATUS(tronpay_invoice_create(ENGINE, &out, req, strlen(req), ENOW), TRONPAY_OK);
    tronpay_free(out);
  }
  snprintf(REFUND_REQ, sizeof REFUND_REQ,
           "{\"refund_id\":\"R-1\",\"invoice_id\":\"M-1\",\"from\":\"TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK\","
           "\"to\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\",\"amount\":\"1\",\"fee_limit_sun\":30000000}");
}

/* Closed and foreign handles: every engine function refuses them with TRONPAY_E_ARG and
 * touches no output; closing one is a no-op. */
static void engine_handles(void) {
  tronpay_engine *closed = NULL;
  CHECK_STATUS(tronpay_engine_open(&closed, ENGINE_CONFIG, strlen(ENGINE_CONFIG), ENOW), TRONPAY_OK);
  tronpay_engine_close(closed);
  int stack_object = 0;
  tronpay_engine *handles[] = {closed, (tronpay_engine *)(uintptr_t)0x1234,
                               (tronpay_engine *)&stack_object, (tronpay_engine *)OUT,
                               (tronpay_engine *)(uintptr_t)UINTPTR_MAX};
  size_t n = sizeof ENGINE_ENTRIES / sizeof ENGINE_ENTRIES[0];
  for (size_t h = 0; h < sizeof handles / sizeof handles[0]; h++) {
    if (!handles[h]) continue;
    H = handles[h];
    for (size_t i = 1; i < n; i++) { /* 0 is engine_open */
      reset_outputs();
      tronpay_status s = ENGINE_ENTRIES[i].call(-1);
      if (s != TRONPAY_E_ARG)
        fprintf(stderr, "%s with handle %zu: %s\n", ENGINE_ENTRIES[i].name, h, tronpay_status_str(s));
      CHECK(s == TRONPAY_E_ARG);
      CHECK(strstr(tronpay_last_error(), "closed or unknown") != NULL);
      CHECK(outputs_untouched());
    }
    tronpay_engine_close(H); /* no-op */
  }
  tronpay_engine_close(NULL);
  tronpay_engine_close(closed);
  H = ENGINE;
  /* The live engine still answers after all that. */
  reset_outputs();
  CHECK_STATUS(c_invoice_get(-1), TRONPAY_OK);
  if (OUT_TEXT != (char *)OUT_CHARS) tronpay_free(OUT_TEXT);
}

/* Lengths and numbers out of range, refused before anything is read. */
static void engine_limits(void) {
  const char *small = "{}";
  size_t huge = (size_t)64 * 1024 * 1024 + 1, lengths[] = {huge, SIZE_MAX, (size_t)1 << 63};
  reset_outputs();
  for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
    size_t len = lengths[i];
    CHECK_STATUS(tronpay_engine_open(&OUT_ENGINE, small, len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_invoice_create(ENGINE, &OUT_TEXT, small, len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_invoice_list(ENGINE, &OUT_TEXT, small, len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_invoice_resolve(ENGINE, &OUT_TEXT, small, len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_audit_list(ENGINE, &OUT_TEXT, small, len), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_chain_tip(ENGINE, &OUT_TEXT, small, len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_chain_block(ENGINE, &OUT_TEXT, small, len, "[]", 2, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_chain_block(ENGINE, &OUT_TEXT, EBLOCK, strlen(EBLOCK), small, len, ENOW),
                 TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_chain_evidence(ENGINE, &OUT_TEXT, small, len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_refund_create(ENGINE, &OUT_TEXT, small, len, ENOW), TRONPAY_E_JSON);
  }
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", 200, (const uint8_t *)"ok", SIZE_MAX, 0, NULL,
                                  ENOW),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", 200, (const uint8_t *)"ok", (size_t)1 << 63, 0,
                                  NULL, ENOW),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", 0, NULL, 0, 7, NULL, ENOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", 0, NULL, 0, -1, NULL, ENOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", 0, NULL, 0, INT32_MIN, NULL, ENOW),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", -1, NULL, 0, 0, NULL, ENOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", 1000, NULL, 0, 0, NULL, ENOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_outbox_ack(ENGINE, "dlv_1", INT32_MIN, NULL, 0, 0, NULL, ENOW),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_chain_disconnect(ENGINE, &OUT_TEXT, -1, EBLOCK_ID, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_chain_disconnect(ENGINE, &OUT_TEXT, INT64_MIN, EBLOCK_ID, ENOW),
               TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_refund_submit(ENGINE, &OUT_TEXT, "R-1", SIG, 0, ENOW), TRONPAY_E_ARG);
  {
    static uint8_t seventeen[17 * 65];
    CHECK_STATUS(tronpay_refund_submit(ENGINE, &OUT_TEXT, "R-1", seventeen, 17, ENOW),
                 TRONPAY_E_ARG);
  }
  CHECK_STATUS(tronpay_refund_submit(ENGINE, &OUT_TEXT, "R-1", SIG, (size_t)1 << 21, ENOW),
               TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_refund_submit(ENGINE, &OUT_TEXT, "R-1", SIG, SIZE_MAX, ENOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_refund_submit(ENGINE, &OUT_TEXT, "R-1", SIG, SIZE_MAX / 65 + 1, ENOW),
               TRONPAY_E_ARG);
  CHECK(outputs_untouched());
  /* Page sizes are clamped, not refused: 0 is 1, above the cap is the cap. */
  const uint32_t limits[] = {0, 1001, UINT32_MAX};
  for (size_t i = 0; i < 3; i++) {
    char *page = NULL;
    CHECK_STATUS(tronpay_events_list(ENGINE, &page, 0, limits[i]), TRONPAY_OK);
    tronpay_free(page);
    page = NULL;
    CHECK_STATUS(tronpay_outbox_next(ENGINE, &page, limits[i], ENOW), TRONPAY_OK);
    tronpay_free(page);
  }
  char *page = NULL;
  CHECK_STATUS(tronpay_events_list(ENGINE, &page, INT64_MIN, 10), TRONPAY_OK);
  tronpay_free(page);
}

/* Hostile JSON and text: a status, never a crash, nothing written. Syntax errors are
 * TRONPAY_E_JSON everywhere; unknown members are TRONPAY_E_JSON in every strict request. */
static void engine_hostile(void) {
  static char deep[600];
  memset(deep, '[', 300);
  memset(deep + 300, ']', 300);
  const char *bad[] = {"", "{", "[]", "{\"a\":1,\"a\":1}", "{\"a\":\"\xff\"}", "1e999", "nul",
                       "{\"a\":1}\x00", "{\"a\":\"\\ud800\"}", "{} {}", deep, "\"x\"", "null"};
  size_t n = sizeof bad / sizeof bad[0];
  for (size_t i = 0; i < n; i++) {
    size_t len = i == 7 ? 8 : (bad[i] == deep ? sizeof deep : strlen(bad[i]));
    reset_outputs();
    CHECK_STATUS(tronpay_engine_open(&OUT_ENGINE, bad[i], len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_invoice_create(ENGINE, &OUT_TEXT, bad[i], len, ENOW), TRONPAY_E_JSON);
    if (len > 0) { /* an empty filter is no filter */
      CHECK_STATUS(tronpay_invoice_list(ENGINE, &OUT_TEXT, bad[i], len, ENOW), TRONPAY_E_JSON);
      CHECK_STATUS(tronpay_audit_list(ENGINE, &OUT_TEXT, bad[i], len), TRONPAY_E_JSON);
    }
    CHECK_STATUS(tronpay_invoice_resolve(ENGINE, &OUT_TEXT, bad[i], len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_chain_tip(ENGINE, &OUT_TEXT, bad[i], len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_chain_block(ENGINE, &OUT_TEXT, bad[i], len, "[]", 2, ENOW),
                 TRONPAY_E_JSON);
    if (i != 2) /* [] is the receipts of a block without transactions */
      CHECK_STATUS(tronpay_chain_block(ENGINE, &OUT_TEXT, EBLOCK, strlen(EBLOCK), bad[i], len,
                                       ENOW),
                   TRONPAY_E_JSON);
    if (i != 2) /* [] is a list of no evidence */
      CHECK_STATUS(tronpay_chain_evidence(ENGINE, &OUT_TEXT, bad[i], len, ENOW), TRONPAY_E_JSON);
    CHECK_STATUS(tronpay_refund_create(ENGINE, &OUT_TEXT, bad[i], len, ENOW), TRONPAY_E_JSON);
    CHECK(outputs_untouched());
  }
  /* (NULL, 0) is the empty input: TRONPAY_E_JSON, not a misuse. */
  CHECK_STATUS(tronpay_engine_open(&OUT_ENGINE, NULL, 0, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_invoice_create(ENGINE, &OUT_TEXT, NULL, 0, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_chain_block(ENGINE, &OUT_TEXT, NULL, 0, NULL, 0, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_chain_evidence(ENGINE, &OUT_TEXT, NULL, 0, ENOW), TRONPAY_E_JSON);
  CHECK(outputs_untouched());
  char *all = NULL;
  CHECK_STATUS(tronpay_invoice_list(ENGINE, &all, NULL, 0, ENOW), TRONPAY_OK); /* no filter */
  tronpay_free(all);
  all = NULL;
  CHECK_STATUS(tronpay_audit_list(ENGINE, &all, NULL, 0), TRONPAY_OK);
  tronpay_free(all);
  /* Unknown members of strict requests. */
  const char *typo = "{\"zzz\":1}";
  CHECK_STATUS(tronpay_invoice_create(ENGINE, &OUT_TEXT, typo, 9, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_invoice_list(ENGINE, &OUT_TEXT, typo, 9, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_invoice_resolve(ENGINE, &OUT_TEXT, typo, 9, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_audit_list(ENGINE, &OUT_TEXT, typo, 9), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_chain_tip(ENGINE, &OUT_TEXT, typo, 9, ENOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_refund_create(ENGINE, &OUT_TEXT, typo, 9, ENOW), TRONPAY_E_JSON);
  char config[1200];
  snprintf(config, sizeof config, "%.*s,\"zzz\":1}", (int)strlen(ENGINE_CONFIG) - 1, ENGINE_CONFIG);
  CHECK_STATUS(tronpay_engine_open(&OUT_ENGINE, config, strlen(config), ENOW), TRONPAY_E_JSON);
  CHECK(outputs_untouched());
  /* Hostile texts: malformed hex, invalid UTF-8, very long ids. */
  static char long_id[70000];
  memset(long_id, 'x', sizeof long_id - 1);
  const char *texts[] = {"", "\xff\xfe", "inv_\xc0\x80", long_id, "M-1' OR 1=1 --"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    CHECK(tronpay_invoice_get(ENGINE, &OUT_TEXT, texts[i], ENOW) != TRONPAY_OK);
    CHECK(tronpay_invoice_cancel(ENGINE, &OUT_TEXT, texts[i], "ops", "r", ENOW) != TRONPAY_OK);
    CHECK(tronpay_refund_get(ENGINE, &OUT_TEXT, texts[i]) != TRONPAY_OK);
    CHECK(tronpay_refund_submit(ENGINE, &OUT_TEXT, texts[i], SIG, 1, ENOW) != TRONPAY_OK);
    CHECK(tronpay_outbox_ack(ENGINE, texts[i], 200, NULL, 0, 0, texts[i], ENOW) != TRONPAY_OK);
    CHECK(tronpay_outbox_redeliver(ENGINE, texts[i], texts[i], ENOW) != TRONPAY_OK);
    CHECK(tronpay_chain_disconnect(ENGINE, &OUT_TEXT, 5, texts[i], ENOW) != TRONPAY_OK);
    CHECK(tronpay_dispute_lookup(ENGINE, &OUT_TEXT, texts[i], ENOW) != TRONPAY_OK);
  }
  CHECK_STATUS(tronpay_dispute_lookup(ENGINE, &OUT_TEXT, "zz", ENOW), TRONPAY_E_HEX);
  CHECK_STATUS(tronpay_dispute_lookup(ENGINE, &OUT_TEXT, "0x1234", ENOW), TRONPAY_E_HEX);
  CHECK_STATUS(tronpay_chain_disconnect(ENGINE, &OUT_TEXT, 5, "zz", ENOW), TRONPAY_E_JSON);
  CHECK(outputs_untouched());
}

/* The header's general promises, where a function used to break them. */
static void promises(void) {
  /* (NULL, 0) is the empty input everywhere, then judged by the function. */
  reset_outputs();
  CHECK_STATUS(tronpay_tx_from_json(&OUT_PTR, &OUT_LEN, (uint8_t **)&OUT_TEXT, &OUT_COUNT, NULL, 0),
               TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_tx_verify(&OUT_TEXT, NULL, 0, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_transfers_parse(&OUT_TEXT, NULL, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&OUT_TEXT, NULL, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_address_from_pubkey(OUT, NULL, 0), TRONPAY_E_KEY);
  CHECK_STATUS(tronpay_hd_privkey(OUT, NULL, 0, PATH), TRONPAY_E_ARG);
  CHECK(strstr(tronpay_last_error(), "seed_len") != NULL);
  CHECK_STATUS(tronpay_tx_id(OUT, NULL, 0), TRONPAY_E_TX);
  CHECK_STATUS(tronpay_tx_serialize(&OUT_PTR, &OUT_LEN, NULL, 0, NULL, 0), TRONPAY_E_TX);
  CHECK(outputs_untouched());

  /* tx_verify: the report is written with OK and E_VERIFY only, never with another failure. */
  const char *not_verifiable[] = {"{}", "[]", "{\"raw_data_hex\":\"zz\"}",
                                  "{\"raw_data_hex\":\"0a\"}"};
  for (size_t i = 0; i < sizeof not_verifiable / sizeof not_verifiable[0]; i++) {
    reset_outputs();
    tronpay_status s = tronpay_tx_verify(&OUT_TEXT, not_verifiable[i], strlen(not_verifiable[i]), 0);
    CHECK(s != TRONPAY_OK && s != TRONPAY_E_VERIFY);
    CHECK(outputs_untouched());
  }
  char *unsigned_json = NULL;
  CHECK_STATUS(tronpay_tx_to_json(&unsigned_json, RAW, RAW_LEN, NULL, 0), TRONPAY_OK);
  if (unsigned_json) {
    reset_outputs();
    CHECK_STATUS(tronpay_tx_verify(&OUT_TEXT, unsigned_json, strlen(unsigned_json), 0),
                 TRONPAY_E_VERIFY);
    CHECK(OUT_TEXT != (char *)OUT_CHARS && strstr(OUT_TEXT, "\"valid\":false") != NULL);
    if (OUT_TEXT != (char *)OUT_CHARS) tronpay_free(OUT_TEXT);
    tronpay_free(unsigned_json);
  }

  /* tronpay_free: NULL is a no-op. */
  tronpay_free(NULL);
  CHECK(1);
}

int main(void) {
  if (!setup()) {
    printf("test_misuse: setup failed (%s)\n0 passed, 1 failed\n", tronpay_last_error());
    return 1;
  }
  engine_setup();
  battery();
  limits();
  promises();
  engine_handles();
  engine_limits();
  engine_hostile();
  tronpay_engine_close(ENGINE);
  tronpay_free(RAW);
  tronpay_free(TX_JSON);
  return check_summary("test_misuse");
}
