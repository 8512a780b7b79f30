/* Step 3 of the demo: a USDT (TRC-20) transfer built and signed offline, printed as the node's
 * JSON, verified — and then the JSON's amount altered, which verification refuses.
 *
 * Nothing here touches the network. The key is a TEST key: the private key of a public test
 * vector (BIP39 "abandon abandon … about", m/44'/195'/0'/0/0). Anyone can spend from it; never
 * send it real funds. It is never printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tronpay.h"

#define TRY(call)                                                                       \
  do {                                                                                  \
    tronpay_status s_ = (call);                                                         \
    if (s_ != TRONPAY_OK) {                                                             \
      fprintf(stderr, "%s failed: %s (%s)\n", #call, tronpay_status_str(s_),           \
              tronpay_last_error());                                                    \
      return 1;                                                                         \
    }                                                                                   \
  } while (0)

static void unhex(unsigned char *out, const char *hex) {
  for (size_t i = 0; hex[2 * i] && hex[2 * i + 1]; i++) {
    unsigned v;
    sscanf(hex + 2 * i, "%2x", &v);
    out[i] = (unsigned char)v;
  }
}

int main(void) {
  /* TEST key of a public vector — see the comment above. */
  unsigned char test_key[32];
  unhex(test_key, "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28");

  /* A real mainnet block id: block 66725851, the parent of the block referenced by
   * wallet-core's mainnet memo transfer (vectors/transactions.json). A live system takes the id
   * of a recent block from /wallet/getnowblock instead. */
  unsigned char block_id[32];
  unhex(block_id, "0000000003fa27db7d67f93920f64733532412ab6a71eb4089dc48c8ff5e182c");

  unsigned char owner[21], usdt[21], to[21];
  char owner_text[35];
  TRY(tronpay_address_from_privkey(owner, test_key));
  TRY(tronpay_address_to_base58(owner_text, owner));
  TRY(tronpay_address_parse(usdt, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
  TRY(tronpay_address_parse(to, "TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK"));

  char *amount = NULL;
  TRY(tronpay_amount_to_base_units(&amount, "12.5", 6));
  printf("paying 12.5 USDT = %s base units from %s (TEST key) to TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK\n",
         amount, owner_text);

  tronpay_tx_options opt;
  memset(&opt, 0, sizeof opt);
  opt.struct_size = sizeof opt;
  opt.ref_block_id = block_id;
  opt.timestamp_ms = 1730827017000;           /* fixed, so the demo prints the same bytes */
  opt.expiration_ms = opt.timestamp_ms + 60000;
  opt.fee_limit_sun = 30000000;               /* at most 30 TRX of energy may be burnt */

  uint8_t *raw = NULL;
  size_t raw_len = 0;
  TRY(tronpay_tx_build_trc20_transfer(&raw, &raw_len, owner, usdt, to, amount, &opt));
  tronpay_free(amount);

  unsigned char txid[32], sig[65];
  TRY(tronpay_tx_id(txid, raw, raw_len));
  TRY(tronpay_tx_sign(sig, raw, raw_len, test_key));
  tronpay_memzero(test_key, sizeof test_key);

  char *json = NULL;
  TRY(tronpay_tx_to_json(&json, raw, raw_len, sig, 1));
  tronpay_free(raw);
  printf("\nnode JSON, ready for /wallet/broadcasttransaction:\n%s\n", json);

  char *report = NULL;
  TRY(tronpay_tx_verify(&report, json, strlen(json), opt.timestamp_ms));
  printf("\nverification: OK\n%s\n", report);
  tronpay_free(report);

  /* Someone between you and the signer changes the amount shown in raw_data: the call data's
   * last hex digits 0000bebc20 (12 500 000) become 02540be400 (10 000 000 000 = 10 000 USDT),
   * while raw_data_hex — the bytes that would be signed and broadcast — stays as it is. */
  char *altered = json;
  char *word = strstr(altered, "0000bebc20\"");
  if (word == NULL) {
    fprintf(stderr, "amount not found in the JSON\n");
    return 1;
  }
  memcpy(word, "02540be400", 10);
  tronpay_status s = tronpay_tx_verify(&report, altered, strlen(altered), opt.timestamp_ms);
  printf("\nafter altering the JSON's amount, verification: %s\n%s\n", tronpay_status_str(s),
         s == TRONPAY_E_VERIFY ? report : "");
  if (s == TRONPAY_E_VERIFY) tronpay_free(report);

  uint8_t *raw_back = NULL, *sigs = NULL;
  size_t len_back = 0, count = 0;
  tronpay_status gate = tronpay_tx_from_json(&raw_back, &len_back, &sigs, &count, altered,
                                             strlen(altered));
  printf("\ntronpay_tx_from_json (the verify-then-sign gate): %s: %s\n",
         tronpay_status_str(gate), tronpay_last_error());
  tronpay_free(json);
  return s == TRONPAY_E_VERIFY && gate == TRONPAY_E_TX ? 0 : 1;
}
