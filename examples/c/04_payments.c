/* Step 4: payment checks. Parses real mainnet USDT receipts, then decides three invoices
 * against them: one paid, one still waiting for its block to solidify, and one that an
 * attacker tries to settle with a fake token emitting a look-alike Transfer event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tronpay.h"

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)n + 1);
  if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
    free(text);
    text = NULL;
  }
  if (text) text[n] = 0;
  fclose(f);
  return text;
}

/* Copies the string value of "key" found after `from` into out (the demo's JSON is flat
 * enough for this; a real host would use its own JSON library). */
static const char *value_after(const char *from, const char *key, char *out, size_t cap) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char *p = strstr(from, pattern);
  out[0] = 0;
  if (!p) return NULL;
  p += strlen(pattern);
  if (*p == '"') p++;
  size_t k = 0;
  while (*p && *p != '"' && *p != ',' && *p != '}' && k + 1 < cap) out[k++] = *p++;
  out[k] = 0;
  return p;
}

static int count(const char *text, const char *needle) {
  int n = 0;
  for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

int main(void) {
  char *receipts = read_file("examples/data/mainnet_receipts.json");
  char *fake = read_file("examples/data/fake_token_receipt.json");
  if (!receipts || !fake) {
    fprintf(stderr, "run from the repository root (needs examples/data/*.json)\n");
    return 1;
  }

  char *transfers = NULL;
  tronpay_status s = tronpay_transfers_parse(&transfers, receipts, strlen(receipts));
  if (s != TRONPAY_OK) {
    fprintf(stderr, "transfers_parse: %s (%s)\n", tronpay_status_str(s), tronpay_last_error());
    return 1;
  }
  printf("4 real mainnet receipts -> %d USDT transfers (the out-of-energy one has no log)\n",
         count(transfers, "\"source\":\"log\""));
  tronpay_free(transfers);

  /* Head 69316600, solidified 69316540: the block 69316562 receipt is not final yet. */
  const char *fmt =
      "{\"chain\":{\"head_block\":69316600,\"solidified_block\":69316540,"
      "\"now_ms\":1738601565000},"
      "\"invoices\":["
      "{\"id\":\"order-1001\",\"address\":\"TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB\","
      "\"token\":\"USDT\",\"amount_due\":\"1000\",\"created_at_ms\":1722861990000,"
      "\"expires_at_ms\":1722863190000},"
      "{\"id\":\"order-1002\",\"address\":\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\","
      "\"token\":\"USDT\",\"amount_due\":\"41677389\",\"created_at_ms\":1738601205000,"
      "\"expires_at_ms\":1738602405000},"
      "{\"id\":\"order-1003\",\"address\":\"TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre\","
      "\"token\":\"USDT\",\"amount_due\":\"25000000\",\"created_at_ms\":1738601205000,"
      "\"expires_at_ms\":1738602405000}],"
      "\"evidence\":[%s,%s]}";
  size_t cap = strlen(fmt) + strlen(receipts) + strlen(fake) + 1;
  char *request = malloc(cap);
  if (!request) return 1;
  snprintf(request, cap, fmt, receipts, fake);

  char *verdict = NULL;
  s = tronpay_payment_check(&verdict, request, strlen(request));
  if (s != TRONPAY_OK) {
    fprintf(stderr, "payment_check: %s (%s)\n", tronpay_status_str(s), tronpay_last_error());
    return 1;
  }

  printf("\n%-11s %-9s %10s %10s %14s\n", "invoice", "state", "due", "received",
         "received_final");
  const char *p = verdict;
  char id[64], state[32], due[80], received[80], final_amount[80];
  while ((p = strstr(p, "{\"id\":")) != NULL) {
    value_after(p, "id", id, sizeof id);
    value_after(p, "state", state, sizeof state);
    value_after(p, "due", due, sizeof due);
    value_after(p, "received", received, sizeof received);
    value_after(p, "received_final", final_amount, sizeof final_amount);
    printf("%-11s %-9s %10s %10s %14s\n", id, state, due, received, final_amount);
    p++;
  }

  printf("\nrejected:\n");
  const char *r = strstr(verdict, "\"rejected\":[");
  const char *end = strstr(verdict, "\"unmatched\":[");
  char txid[80], reason[40];
  while (r && end && (r = strstr(r, "{\"txid\":")) != NULL && r < end) {
    value_after(r, "txid", txid, sizeof txid);
    value_after(r, "reason", reason, sizeof reason);
    printf("  %.16s…  %s\n", txid, reason);
    r++;
  }
  printf("unmatched transfers: %d\n", end ? count(end, "\"txid\"") : 0);
  printf("\norder-1001: paid by real tx 46710419…, final (block 64072156 <= solidified)\n");
  printf("order-1002: real tx 0130dfde… seen in block 69316562, waits for solidification\n");
  printf("order-1003: a fake contract's Transfer event: foreign_token, never a credit\n");

  tronpay_free(verdict);
  free(request);
  free(receipts);
  free(fake);
  return 0;
}
