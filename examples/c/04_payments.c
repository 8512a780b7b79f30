/* Step 4: payment checks. Parses real mainnet USDT receipts, then decides three invoices
 * against them: one paid, one still waiting for its block to solidify, and one that an
 * attacker tries to settle with a fake token emitting a look-alike Transfer event. Every line
 * after the request is read from what the library returned. */
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

/* Copies the value of "key" (a string's text, or a number/true/false/null as written) that
 * follows `from` and comes before `end` into out; returns where the value ends, or NULL when
 * there is none in that span. The demo's JSON is flat enough for this; a real host would use
 * its own JSON library. */
static const char *value_in(const char *from, const char *end, const char *key, char *out,
                            size_t cap) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char *p = strstr(from, pattern);
  out[0] = 0;
  if (!p || (end && p >= end)) return NULL;
  p += strlen(pattern);
  if (*p == '"') p++;
  size_t k = 0;
  while (*p && *p != '"' && *p != ',' && *p != '}' && k + 1 < cap) out[k++] = *p++;
  out[k] = 0;
  return p;
}

static const char *value_after(const char *from, const char *key, char *out, size_t cap) {
  return value_in(from, NULL, key, out, cap);
}

static int count(const char *text, const char *needle) {
  int n = 0;
  for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

/* The transfer that tronpay_transfers_parse listed under (txid, log_index): its recipient,
 * token and amount. Returns 0 when it is not in `transfers`. */
static int find_transfer(const char *transfers, const char *txid, const char *log_index,
                         char *to, char *token, char *amount, size_t cap) {
  char pattern[96], index[32];
  snprintf(pattern, sizeof pattern, "{\"txid\":\"%s\"", txid);
  for (const char *p = strstr(transfers, pattern); p; p = strstr(p + 1, pattern)) {
    const char *end = strchr(p, '}');
    value_in(p, end, "log_index", index, sizeof index);
    if (strcmp(index, log_index) != 0) continue;
    value_in(p, end, "to", to, cap);
    value_in(p, end, "token", token, cap);
    value_in(p, end, "amount", amount, cap);
    return 1;
  }
  return 0;
}

/* What each state means (the names are the verdict's; see tronpay_payment_check()). */
static const char *state_meaning(const char *state) {
  static const char *const table[][2] = {
      {"new", "nothing credited"},
      {"detected", "seen on chain, not final yet"},
      {"partial", "part of the amount is final"},
      {"paid", "paid in full, final"},
      {"overpaid", "paid more than due, final"},
      {"paid_late", "paid in full after it expired"},
      {"expired", "expired with nothing final"},
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(table[i][0], state) == 0) return table[i][1];
  return "unknown state";
}

struct invoice {
  const char *id, *address, *amount_due;
  long long created_at_ms, expires_at_ms;
};

int main(void) {
  char *receipts = read_file("examples/data/mainnet_receipts.json");
  char *fake = read_file("examples/data/fake_token_receipt.json");
  if (!receipts || !fake) {
    fprintf(stderr, "run from the repository root (needs examples/data/*.json)\n");
    return 1;
  }

  /* Every transfer the evidence holds; the verdict names transfers by (txid, log_index). */
  char *transfers = NULL, *fake_transfers = NULL;
  tronpay_status s = tronpay_transfers_parse(&transfers, receipts, strlen(receipts));
  if (s == TRONPAY_OK) s = tronpay_transfers_parse(&fake_transfers, fake, strlen(fake));
  if (s != TRONPAY_OK) {
    fprintf(stderr, "transfers_parse: %s (%s)\n", tronpay_status_str(s), tronpay_last_error());
    return 1;
  }
  printf("4 real mainnet receipts -> %d USDT transfers\n",
         count(transfers, "\"source\":\"log\""));
  const char *skipped = strstr(transfers, "\"skipped\":[");
  for (const char *k = skipped; k && (k = strstr(k, "{\"txid\":")) != NULL; k++) {
    char txid[80], reason[40], detail[80];
    const char *end = strchr(k, '}');
    value_in(k, end, "txid", txid, sizeof txid);
    value_in(k, end, "reason", reason, sizeof reason);
    value_in(k, end, "detail", detail, sizeof detail);
    printf("  skipped tx %.8s…: %s%s%s\n", txid, reason, detail[0] ? " " : "", detail);
  }

  static const struct invoice invoices[] = {
      {"order-1001", "TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB", "1000", 1722861990000LL,
       1722863190000LL},
      {"order-1002", "TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx", "41677389", 1738601205000LL,
       1738602405000LL},
      {"order-1003", "TL24LCps5FKwp3PoU1MvrYrwhi5LU1tHre", "25000000", 1738601205000LL,
       1738602405000LL},
  };
  const size_t invoice_count = sizeof invoices / sizeof invoices[0];
  char invoice_json[1024];
  size_t used = 0;
  for (size_t i = 0; i < invoice_count; i++)
    used += (size_t)snprintf(invoice_json + used, sizeof invoice_json - used,
                             "%s{\"id\":\"%s\",\"address\":\"%s\",\"token\":\"USDT\","
                             "\"amount_due\":\"%s\",\"created_at_ms\":%lld,"
                             "\"expires_at_ms\":%lld}",
                             i ? "," : "", invoices[i].id, invoices[i].address,
                             invoices[i].amount_due, invoices[i].created_at_ms,
                             invoices[i].expires_at_ms);

  /* Head 69316600, solidified 69316540: a credit in a later block is not final yet. */
  const char *fmt =
      "{\"chain\":{\"head_block\":69316600,\"solidified_block\":69316540,"
      "\"now_ms\":1738601565000},\"invoices\":[%s],\"evidence\":[%s,%s]}";
  size_t cap = strlen(fmt) + strlen(invoice_json) + strlen(receipts) + strlen(fake) + 1;
  char *request = malloc(cap);
  if (!request) return 1;
  snprintf(request, cap, fmt, invoice_json, receipts, fake);

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

  /* Each rejected entry, with the transfer it names. */
  const char *rejected = strstr(verdict, "\"rejected\":[");
  const char *unmatched = strstr(verdict, "\"unmatched\":[");
  char txid[80], log_index[32], reason[40], to[40], token[40], amount[80];
  printf("\nrejected:\n");
  for (const char *r = rejected; r && (r = strstr(r, "{\"txid\":")) != NULL && r < unmatched;
       r++) {
    value_after(r, "txid", txid, sizeof txid);
    value_after(r, "log_index", log_index, sizeof log_index);
    value_after(r, "reason", reason, sizeof reason);
    if (find_transfer(transfers, txid, log_index, to, token, amount, sizeof to) ||
        find_transfer(fake_transfers, txid, log_index, to, token, amount, sizeof to))
      printf("  %.16s…  %s: %s base units of token %s to %s\n", txid, reason, amount, token, to);
    else
      printf("  %.16s…  %s\n", txid, reason);
  }
  printf("unmatched transfers: %d\n", unmatched ? count(unmatched, "\"txid\"") : 0);

  /* Why each invoice is in its state: its credits and the rejected transfers to its address,
   * all read from the verdict. */
  printf("\n");
  for (size_t i = 0; i < invoice_count; i++) {
    char key[96];
    snprintf(key, sizeof key, "{\"id\":\"%s\"", invoices[i].id);
    const char *start = strstr(verdict, key);
    if (!start) continue;
    const char *end = strstr(start + 1, "{\"id\":");
    if (!end || (rejected && end > rejected)) end = rejected;
    value_in(start, end, "state", state, sizeof state);
    printf("%s: %s (%s)\n", invoices[i].id, state, state_meaning(state));
    int credits = 0;
    char block[32], is_final[8];
    for (const char *c = start; (c = strstr(c, "{\"txid\":")) != NULL && (!end || c < end);
         c++, credits++) {
      value_in(c, end, "txid", txid, sizeof txid);
      value_in(c, end, "amount", amount, sizeof amount);
      value_in(c, end, "block", block, sizeof block);
      value_in(c, end, "final", is_final, sizeof is_final);
      printf("  credit %s from tx %.8s… in block %s: %s\n", amount, txid, block,
             strcmp(is_final, "true") == 0 ? "final" : "not final yet");
    }
    if (credits == 0) printf("  no credit\n");
    for (const char *r = rejected; r && (r = strstr(r, "{\"txid\":")) != NULL && r < unmatched;
         r++) {
      value_after(r, "txid", txid, sizeof txid);
      value_after(r, "log_index", log_index, sizeof log_index);
      value_after(r, "reason", reason, sizeof reason);
      if ((find_transfer(transfers, txid, log_index, to, token, amount, sizeof to) ||
           find_transfer(fake_transfers, txid, log_index, to, token, amount, sizeof to)) &&
          strcmp(to, invoices[i].address) == 0)
        printf("  rejected: %s from tx %.8s… (token %s): %s\n", amount, txid, token, reason);
    }
  }

  tronpay_free(verdict);
  tronpay_free(transfers);
  tronpay_free(fake_transfers);
  free(request);
  free(receipts);
  free(fake);
  return 0;
}
