/* C ABI tests of tronpay_transfers_parse and tronpay_payment_check: a real mainnet receipt
 * (vectors/mainnet.json, case usdt_transfer_success_41_padded_recipient) and misuse. */
#include "check.h"

/* node /wallet/gettransactioninfobyid of txid 0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99, copied verbatim. */
static const char *real_receipt =
    "{\"id\":\"0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99\",\"fee\":2"
    "6420100,\"blockNumber\":69316562,\"blockTimeStamp\":1738601505000,\"contractResult\":["
    "\"0000000000000000000000000000000000000000000000000000000000000000\"],\"contract_ad"
    "dress\":\"41a614f803b6fd780986a42c78ec9c7f77e6ded13c\",\"receipt\":{\"energy_usage\":44"
    "75,\"energy_fee\":26420100,\"energy_usage_total\":130285,\"net_usage\":345,\"result\":\"S"
    "UCCESS\",\"energy_penalty_total\":100635},\"log\":[{\"address\":\"a614f803b6fd780986a42c"
    "78ec9c7f77e6ded13c\",\"topics\":[\"ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a1162"
    "8f55a4df523b3ef\",\"0000000000000000000000006e3b44b96104b26f84057974a1f0c9880f7c9b"
    "13\",\"000000000000000000000000ec20315a879c48f5e3a6a1c9826d5225f8b658b8\"],\"data\":\""
    "00000000000000000000000000000000000000000000000000000000027bf24d\"}]}";

static char *repeat(char c, size_t n) {
  char *s = malloc(n + 1);
  if (!s) exit(2);
  memset(s, c, n);
  s[n] = 0;
  return s;
}

static void test_parse_real_receipt(void) {
  char *out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, real_receipt, strlen(real_receipt)), TRONPAY_OK);
  CHECK(out != NULL);
  if (!out) return;
  CHECK(strstr(out, "\"txid\":\"0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99\"") != NULL);
  CHECK(strstr(out, "\"token\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\"") != NULL);
  CHECK(strstr(out, "\"from\":\"TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre\"") != NULL);
  CHECK(strstr(out, "\"to\":\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\"") != NULL);
  CHECK(strstr(out, "\"amount\":\"41677389\"") != NULL);
  CHECK(strstr(out, "\"block\":69316562,") != NULL);
  CHECK(strstr(out, "\"timestamp_ms\":1738601505000,") != NULL);
  CHECK(strstr(out, "\"log_index\":0,") != NULL);
  CHECK(strstr(out, "\"success\":true,\"source\":\"log\"") != NULL);
  CHECK(strstr(out, "\"skipped\":[]") != NULL);
  tronpay_free(out);
}

static void test_parse_misuse(void) {
  char sentinel = 0;
  char *out = &sentinel;
  const char *garbage = "{\"id\": nope}";
  CHECK_STATUS(tronpay_transfers_parse(NULL, real_receipt, strlen(real_receipt)), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_transfers_parse(&out, NULL, 5), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_transfers_parse(&out, NULL, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_transfers_parse(&out, real_receipt, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_transfers_parse(&out, garbage, strlen(garbage)), TRONPAY_E_JSON);
  /* Truncated: proper prefixes of the real receipt are refused. */
  size_t n = strlen(real_receipt);
  int truncations_refused = 1;
  for (size_t k = 1; k < n; k += 7)
    if (tronpay_transfers_parse(&out, real_receipt, k) != TRONPAY_E_JSON) truncations_refused = 0;
  CHECK(truncations_refused);
  /* The terminating NUL counted in the length is data after the value. */
  CHECK_STATUS(tronpay_transfers_parse(&out, real_receipt, n + 1), TRONPAY_E_JSON);
  char *deep = repeat('[', 100000);
  CHECK_STATUS(tronpay_transfers_parse(&out, deep, 100000), TRONPAY_E_JSON);
  free(deep);
  char *huge = repeat('9', 1000000);
  CHECK_STATUS(tronpay_transfers_parse(&out, huge, 1000000), TRONPAY_E_JSON);
  free(huge);
  const char bad_utf8[] = "{\"id\":\"\xed\xa0\x80\"}";
  CHECK_STATUS(tronpay_transfers_parse(&out, bad_utf8, sizeof bad_utf8 - 1), TRONPAY_E_JSON);
  const char dup[] = "{\"id\":\"00\",\"id\":\"01\"}";
  CHECK_STATUS(tronpay_transfers_parse(&out, dup, sizeof dup - 1), TRONPAY_E_JSON);
  const char shape[] = "{\"hello\":\"world\"}";
  CHECK_STATUS(tronpay_transfers_parse(&out, shape, sizeof shape - 1), TRONPAY_E_JSON);
  CHECK(out == &sentinel); /* outputs untouched on every failure */
  CHECK(strlen(tronpay_last_error()) > 0);
}

/* A request for one invoice paid by the real receipt; extra members go into the invoice. */
static char *request_with(const char *invoice_extra, const char *evidence, long solidified) {
  const char *fmt =
      "{\"chain\":{\"head_block\":69316587,\"solidified_block\":%ld,\"now_ms\":1738601525000},"
      "\"invoices\":[{\"id\":\"order-1\",\"address\":\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\",\"token\":\"USDT\","
      "\"amount_due\":\"41677389\",\"created_at_ms\":1738601445000,\"expires_at_ms\":1738602105000%s}],"
      "\"evidence\":[%s]}";
  size_t cap = strlen(fmt) + strlen(invoice_extra) + strlen(evidence) + 64;
  char *s = malloc(cap);
  if (!s) exit(2);
  snprintf(s, cap, fmt, solidified, invoice_extra, evidence);
  return s;
}

static void test_payment_check(void) {
  char *out = NULL;
  char *paid = request_with("", real_receipt, 69316562);
  CHECK_STATUS(tronpay_payment_check(&out, paid, strlen(paid)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"paid\"") != NULL);
  CHECK(out && strstr(out, "\"received_final\":\"41677389\"") != NULL);
  CHECK(out && strstr(out, "\"final\":true") != NULL);
  tronpay_free(out);
  out = NULL;
  char *pending = request_with("", real_receipt, 69316562 - 1);
  CHECK_STATUS(tronpay_payment_check(&out, pending, strlen(pending)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"detected\"") != NULL);
  CHECK(out && strstr(out, "\"final\":false") != NULL);
  tronpay_free(out);
  free(pending);

  char sentinel = 0;
  out = &sentinel;
  CHECK_STATUS(tronpay_payment_check(NULL, paid, strlen(paid)), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_payment_check(&out, NULL, 3), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_payment_check(&out, NULL, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&out, paid, 0), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&out, paid, strlen(paid) - 1), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&out, "[]", 2), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_payment_check(&out, "{}", 2), TRONPAY_E_JSON);
  char *tolerance = request_with(",\"tolerance_bps\":5001", real_receipt, 69316562);
  CHECK_STATUS(tronpay_payment_check(&out, tolerance, strlen(tolerance)), TRONPAY_E_JSON);
  free(tolerance);
  char *negative = request_with(",\"tolerance_bps\":-1", real_receipt, 69316562);
  CHECK_STATUS(tronpay_payment_check(&out, negative, strlen(negative)), TRONPAY_E_JSON);
  free(negative);
  char *bad_evidence = request_with("", "{\"what\":1}", 69316562);
  CHECK_STATUS(tronpay_payment_check(&out, bad_evidence, strlen(bad_evidence)), TRONPAY_E_JSON);
  free(bad_evidence);
  const char *bad_address =
      "{\"chain\":{\"head_block\":1,\"solidified_block\":1,\"now_ms\":1738601505000},"
      "\"invoices\":[{\"id\":\"x\",\"address\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T\","
      "\"amount_due\":\"1\"}]}";
  CHECK_STATUS(tronpay_payment_check(&out, bad_address, strlen(bad_address)), TRONPAY_E_ADDRESS);
  char *deep = repeat('{', 100000);
  CHECK_STATUS(tronpay_payment_check(&out, deep, 100000), TRONPAY_E_JSON);
  free(deep);
  CHECK(out == &sentinel);
  free(paid);
}

/* ---- Conflicting evidence (issue 12): one check per class, through the ABI. ---- */

#define TXID_X "13df06d50a1ff1f4a164e25afc946dd7b05df044894b1073b1e92eef41d8a98a"
#define HASH_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define HASH_E "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
/* The real receipt of a USDT transfer that ran out of energy (mainnet block 52299981). */
static const char *failed_receipt =
    "{\"id\":\"" TXID_X "\",\"blockNumber\":69316562,\"blockTimeStamp\":1738601505000,"
    "\"contractResult\":[\"\"],\"receipt\":{\"energy_usage_total\":16,\"result\":\"OUT_OF_ENERGY\"},"
    "\"result\":\"FAILED\"}";
/* An eth_getLogs log claiming that same transaction paid the invoice, and its block. */
#define RPC_LOG(removed)                                                                     \
  "{\"address\":\"0xa614f803b6fd780986a42c78ec9c7f77e6ded13c\",\"topics\":[\"0xddf252ad1be2"  \
  "c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef\",\"0x0000000000000000000000006e3b44"   \
  "b96104b26f84057974a1f0c9880f7c9b13\",\"0x000000000000000000000000ec20315a879c48f5e3a6a1c98" \
  "26d5225f8b658b8\"],\"data\":\"0x00000000000000000000000000000000000000000000000000000000027" \
  "bf24d\",\"blockNumber\":\"0x421afd2\",\"transactionHash\":\"0x" TXID_X "\",\"logIndex\":"     \
  "\"0x39\",\"removed\":" removed "}"
#define RPC_BLOCK                                                                            \
  "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"number\":\"0x421afd2\",\"timestamp\":"           \
  "\"0x67a0f421\",\"hash\":\"0x" HASH_D "\",\"parentHash\":\"0x" HASH_E "\",\"transactions\":[]}}"

static char *check_of(const char *evidence, tronpay_status expected) {
  char *request = request_with("", evidence, 69316562);
  char *out = NULL;
  CHECK_STATUS(tronpay_payment_check(&out, request, strlen(request)), expected);
  free(request);
  return out;
}

static void test_conflicting_evidence(void) {
  /* 1. A log of a transaction whose receipt says it failed never credits. */
  char *out = check_of("[" RPC_LOG("false") "]," RPC_BLOCK, TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"paid\"") != NULL); /* the log alone pays */
  tronpay_free(out);
  size_t cap = strlen(failed_receipt) + 4096;
  char *evidence = malloc(cap);
  if (!evidence) exit(2);
  snprintf(evidence, cap, "[" RPC_LOG("false") "]," RPC_BLOCK ",%s", failed_receipt);
  out = check_of(evidence, TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"new\"") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"failed\"") != NULL);
  tronpay_free(out);
  /* 2. The failed transaction is listed with the receipt's result. */
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, failed_receipt, strlen(failed_receipt)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"reason\":\"failed\",\"detail\":\"OUT_OF_ENERGY\"") != NULL);
  tronpay_free(out);
  /* 3. removed is a boolean, and removed:true revokes the log. */
  const char *loose = "[" RPC_LOG("\"true\"") "]";
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, loose, strlen(loose)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"transfers\":[]") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"malformed\"") != NULL);
  tronpay_free(out);
  out = check_of("[" RPC_LOG("false") "," RPC_LOG("true") "]," RPC_BLOCK, TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"new\"") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"removed\"") != NULL);
  tronpay_free(out);
  /* 4. One identity whatever the source: receipt (position 0) and log (logIndex 0x39). */
  snprintf(evidence, cap, "%s,[" RPC_LOG("false") "]", real_receipt);
  char *both = malloc(cap);
  if (!both) exit(2);
  /* The log names the failed txid; give it the real receipt's. */
  snprintf(both, cap, "%s", evidence);
  char *at = strstr(both, TXID_X);
  if (at) memcpy(at, "0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99", 64);
  out = check_of(both, TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"paid\"") != NULL);
  CHECK(out && strstr(out, "\"received\":\"41677389\"") != NULL);
  CHECK(out && strstr(out, "\"ordinal\":0,") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"duplicate\"") != NULL);
  tronpay_free(out);
  free(both);
  /* 5. A log without a trustworthy time cannot settle an invoice with a window. */
  out = check_of("[" RPC_LOG("false") "]", TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"detected\"") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"undated\"") != NULL);
  tronpay_free(out);
  /* 6. A transfer contract whose txID is not the hash of its bytes is inconsistent. */
  const char *forged =
      "{\"txID\":\"" TXID_X "\",\"ret\":[{\"contractRet\":\"SUCCESS\"}],\"raw_data\":{\"contract\":"
      "[{\"type\":\"TransferContract\",\"parameter\":{\"type_url\":\"type.googleapis.com/protocol."
      "TransferContract\",\"value\":{\"amount\":41677389,\"owner_address\":\"416e3b44b96104b26f84"
      "057974a1f0c9880f7c9b13\",\"to_address\":\"41ec20315a879c48f5e3a6a1c9826d5225f8b658b8\"}}}]},"
      "\"raw_data_hex\":\"0a02afbf\"}";
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, forged, strlen(forged)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"transfers\":[]") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"inconsistent\"") != NULL);
  tronpay_free(out);
  /* 7. A quoted block number is not what java-tron prints. */
  const char *quoted = "{\"id\":\"" TXID_X "\",\"blockNumber\":\"69316562\",\"receipt\":{}}";
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, quoted, strlen(quoted)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"reason\":\"malformed\"") != NULL);
  tronpay_free(out);
  /* 9. A misspelt member is refused, naming it. */
  char *typo = request_with(",\"expires_at\":1", real_receipt, 69316562);
  char sentinel = 0;
  out = &sentinel;
  CHECK_STATUS(tronpay_payment_check(&out, typo, strlen(typo)), TRONPAY_E_JSON);
  CHECK(strstr(tronpay_last_error(), "invoices[0].expires_at") != NULL);
  CHECK(out == &sentinel);
  free(typo);
  /* 11. A TronGrid page that says success:false is an error answer. */
  const char *page = "{\"data\":[],\"success\":false,\"meta\":{}}";
  CHECK_STATUS(tronpay_transfers_parse(&out, page, strlen(page)), TRONPAY_E_JSON);
  CHECK(out == &sentinel);
  free(evidence);
}

/* An eth_getLogs log of the real USDT transfer (txid 0130dfde…), at a logIndex, in a block of
 * the given hash; "" leaves logIndex out. */
#define TXID_REAL "0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99"
static void real_log(char *buf, size_t cap, const char *index, const char *hash) {
  snprintf(buf, cap,
           "{\"address\":\"0xa614f803b6fd780986a42c78ec9c7f77e6ded13c\",\"topics\":[\"0xddf252ad1be2"
           "c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef\",\"0x0000000000000000000000006e3b44"
           "b96104b26f84057974a1f0c9880f7c9b13\",\"0x000000000000000000000000ec20315a879c48f5e3a6a1c98"
           "26d5225f8b658b8\"],\"data\":\"0x00000000000000000000000000000000000000000000000000000000027"
           "bf24d\",\"blockNumber\":\"0x421afd2\",\"transactionHash\":\"0x" TXID_REAL "\"%s%s%s,"
           "\"blockHash\":\"0x%s\",\"removed\":false}",
           *index ? ",\"logIndex\":\"" : "", index, *index ? "\"" : "", hash);
}

/* The second review of issue 12: findings 4, 6 and 7 through the ABI. */
static void test_conflicting_evidence_review(void) {
  char a[2048], b[2048], evidence[8192];
  char *out = NULL;
  /* 4. The same log from two blocks at one height (two answers, two block hashes): nothing. */
  real_log(a, sizeof a, "0x39", HASH_D);
  real_log(b, sizeof b, "0x3a", HASH_E);
  snprintf(evidence, sizeof evidence, "[%s],[%s]," RPC_BLOCK, a, b);
  out = check_of(evidence, TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"new\"") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"inconsistent\"") != NULL);
  tronpay_free(out);
  /* 4. One block, the claim at logIndex 0x39 in one answer and 0x3a in another: one movement. */
  real_log(b, sizeof b, "0x3a", HASH_D);
  snprintf(evidence, sizeof evidence, "[%s],[%s]," RPC_BLOCK, a, b);
  out = check_of(evidence, TRONPAY_OK);
  CHECK(out && strstr(out, "\"state\":\"paid\"") != NULL);
  CHECK(out && strstr(out, "\"received\":\"41677389\"") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"duplicate\"") != NULL);
  tronpay_free(out);
  /* 7. A receipt whose logs carry no logIndex keeps two equal logs apart (ordinals 0 and 1). */
  real_log(a, sizeof a, "", HASH_D);
  snprintf(evidence, sizeof evidence,
           "{\"transactionHash\":\"0x" TXID_REAL "\",\"status\":\"0x1\",\"blockNumber\":"
           "\"0x421afd2\",\"blockHash\":\"0x" HASH_D "\",\"logs\":[%s,%s]}",
           a, a);
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, evidence, strlen(evidence)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"ordinal\":0,") != NULL);
  CHECK(out && strstr(out, "\"ordinal\":1,") != NULL);
  tronpay_free(out);
  /* 6. The real TRX transfer (mainnet, 1 sun) whose JSON type says TriggerSmartContract over
   * its signed TransferContract bytes. */
  const char *retyped =
      "{\"ret\":[{\"contractRet\":\"SUCCESS\",\"fee\":0}],\"txID\":\"5144c4f5a52a08e57dfdf550b4f"
      "925c396e68c59a80339cea69497bee116437f\",\"raw_data_hex\":\"0a02aff92208a37b85ddf807ec7540c0c"
      "ef4e5cc325a65080112610a2d747970652e676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472"
      "616e73666572436f6e747261637412300a154121b72c741caed659bf48c3fa2b717b007c20fb4b1215416e3"
      "b44b96104b26f84057974a1f0c9880f7c9b13180170eb92f1e5cc32\",\"raw_data\":{\"contract\":[{"
      "\"parameter\":{\"value\":{\"amount\":1,\"owner_address\":\"4121b72c741caed659bf48c3fa2b7"
      "17b007c20fb4b\",\"to_address\":\"416e3b44b96104b26f84057974a1f0c9880f7c9b13\"},\"type_url"
      "\":\"type.googleapis.com/protocol.TransferContract\"},\"type\":\"TriggerSmartContract\"}],"
      "\"ref_block_bytes\":\"aff9\",\"ref_block_hash\":\"a37b85ddf807ec75\",\"expiration\":"
      "1738601736000,\"timestamp\":1738601679211}}";
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, retyped, strlen(retyped)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"transfers\":[]") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"inconsistent\"") != NULL);
  tronpay_free(out);
  /* 7. An indexer's time never dates the node receipt's transfer (receipt without
   * blockTimeStamp, a TronGrid item of the same transfer with block_timestamp). */
  const char *item =
      "{\"data\":[{\"transaction_id\":\"" TXID_REAL "\",\"token_info\":{\"symbol\":\"USDT\","
      "\"address\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\",\"decimals\":6,\"name\":\"Tether USD\"},"
      "\"block_timestamp\":1738601505000,\"from\":\"TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre\",\"to\":"
      "\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\",\"type\":\"Transfer\",\"value\":\"41677389\"}],"
      "\"success\":true,\"meta\":{}}";
  char *undated = malloc(strlen(real_receipt) + 1);
  if (!undated) exit(2);
  strcpy(undated, real_receipt);
  char *stamp = strstr(undated, "\"blockTimeStamp\":1738601505000,");
  if (stamp) memmove(stamp, stamp + 31, strlen(stamp + 31) + 1);
  snprintf(evidence, sizeof evidence, "%s,%s", undated, item);
  free(undated);
  out = check_of(evidence, TRONPAY_OK);
  CHECK(stamp != NULL);
  CHECK(out && strstr(out, "\"state\":\"detected\"") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"undated\"") != NULL);
  tronpay_free(out);
  /* 7. An event whose value and _value disagree is malformed. */
  const char *event =
      "{\"data\":[{\"transaction_id\":\"" TXID_REAL "\",\"event_name\":\"Transfer\","
      "\"event_index\":0,\"contract_address\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\","
      "\"block_number\":69316562,\"block_timestamp\":1738601505000,\"result\":{\"from\":"
      "\"0x6e3b44b96104b26f84057974a1f0c9880f7c9b13\",\"to\":\"0xec20315a879c48f5e3a6a1c9826d5225"
      "f8b658b8\",\"value\":\"41677389\",\"_value\":\"99000000\"}}],\"success\":true,\"meta\":{}}";
  out = NULL;
  CHECK_STATUS(tronpay_transfers_parse(&out, event, strlen(event)), TRONPAY_OK);
  CHECK(out && strstr(out, "\"transfers\":[]") != NULL);
  CHECK(out && strstr(out, "\"reason\":\"malformed\"") != NULL);
  tronpay_free(out);
  /* 7. null is not absence; base units have no leading zero. */
  char sentinel = 0;
  out = &sentinel;
  char *null_ms = request_with(",\"tolerance_bps\":null", real_receipt, 69316562);
  CHECK_STATUS(tronpay_payment_check(&out, null_ms, strlen(null_ms)), TRONPAY_E_JSON);
  CHECK(strstr(tronpay_last_error(), "invoices[0].tolerance_bps is null") != NULL);
  free(null_ms);
  const char *null_created =
      "{\"chain\":{\"head_block\":1,\"solidified_block\":1,\"now_ms\":1738601505000},"
      "\"invoices\":[{\"id\":\"x\",\"address\":\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\","
      "\"amount_due\":\"1\",\"created_at_ms\":null}]}";
  CHECK_STATUS(tronpay_payment_check(&out, null_created, strlen(null_created)), TRONPAY_E_JSON);
  CHECK(strstr(tronpay_last_error(), "invoices[0].created_at_ms is null") != NULL);
  const char *padded =
      "{\"chain\":{\"head_block\":1,\"solidified_block\":1,\"now_ms\":1738601505000},"
      "\"invoices\":[{\"id\":\"x\",\"address\":\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\","
      "\"amount_due\":\"041677389\"}]}";
  CHECK_STATUS(tronpay_payment_check(&out, padded, strlen(padded)), TRONPAY_E_JSON);
  CHECK(strstr(tronpay_last_error(), "invoices[0].amount_due") != NULL);
  CHECK(out == &sentinel);
}

int main(void) {
  test_parse_real_receipt();
  test_parse_misuse();
  test_payment_check();
  test_conflicting_evidence();
  test_conflicting_evidence_review();
  return check_summary("test_transfers");
}
