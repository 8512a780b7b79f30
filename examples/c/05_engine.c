/* Step 5: the engine. A shop on a temporary SQLite store takes USDT: two invoices get their
 * own deposit addresses from a watch-only xpub, a recorded chain (blocks and receipts as a
 * TRON node serves them) is pushed block by block, one invoice is paid (with 0.5 USDT too
 * much), the other expires, a fake token is refused; then the events, the webhook delivery the
 * shop would receive, two disputes explained from their txids, and the refund of the
 * overpayment built unsigned (the engine never holds a key). */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_lite.h"
#include "tronpay.h"

#define DATA "examples/data/engine/"
/* The recorded chain starts at block 80000000, stamped 1780000000000 ms. */
#define T0 1780000000000LL

static tronpay_engine *engine;

static void check(tronpay_status s, const char *what) {
  if (s != TRONPAY_OK) {
    fprintf(stderr, "%s: %s (%s)\n", what, tronpay_status_str(s), tronpay_last_error());
    exit(1);
  }
}

static char *read_file(const char *path, size_t *len) {
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
  if (len) *len = (size_t)n;
  return text;
}

static char *create(const char *request, int64_t now) {
  char *answer = NULL;
  check(tronpay_invoice_create(engine, &answer, request, strlen(request), now), "invoice_create");
  return answer;
}

static void print_event(const char *event, void *unused) {
  (void)unused;
  char type[40], order[40], state[24];
  const char *invoice = json_member(json_member(event, "data"), "invoice");
  json_text(invoice, "order_id", order, sizeof order);
  json_text(invoice, "state", state, sizeof state);
  printf("  event %2lld  %-18s %-10s -> %s\n", json_int(event, "seq", 0),
         json_text(event, "type", type, sizeof type), order[0] ? order : "(no invoice)",
         state[0] ? state : "-");
}

static void explain(const char *txid, int64_t now) {
  char *answer = NULL, status[24], summary[400];
  check(tronpay_dispute_lookup(engine, &answer, txid, now), "dispute_lookup");
  printf("  %.16s…  %-9s %s\n", txid, json_text(answer, "status", status, sizeof status),
         json_text(answer, "summary", summary, sizeof summary));
  tronpay_free(answer);
}

int main(void) {
  char dir[] = "/tmp/tronpay-demo-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  char config[768];
  snprintf(config, sizeof config,
           "{\"store\":\"sqlite:%s/shop.db\","
           "\"wallets\":[{\"id\":\"main\",\"xpub\":\"xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBi"
           "JXALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd\"}],"
           "\"start_block\":80000000,\"policy\":{\"expiry_ms\":900000},"
           "\"webhooks\":[{\"id\":\"shop\",\"url\":\"http://127.0.0.1:8080/tronpay\","
           "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]}",
           dir);
  int64_t now = T0 - 60000;
  check(tronpay_engine_open(&engine, config, strlen(config), now), "engine_open");

  char address[40], due[24];
  char *a = create("{\"order_id\":\"GAME-1001\",\"amount\":\"12.5\",\"metadata\":{\"item\":\"sword\"}}", now);
  const char *inv = json_member(a, "invoice");
  printf("invoice GAME-1001: pay %s USDT to %s\n", json_text(inv, "amount_due_text", due, sizeof due),
         json_text(inv, "address", address, sizeof address));
  tronpay_free(a);
  char *b = create("{\"order_id\":\"GAME-1002\",\"amount\":\"5\",\"expiry_ms\":60000}", now);
  inv = json_member(b, "invoice");
  printf("invoice GAME-1002: pay %s USDT to %s within a minute\n",
         json_text(inv, "amount_due_text", due, sizeof due),
         json_text(inv, "address", address, sizeof address));
  tronpay_free(b);

  /* Push mode: each block with its receipt list, in chain order. */
  size_t len;
  char *chain = read_file(DATA "chain.txt", &len);
  if (!chain) {
    fprintf(stderr, "run from the repository root (%schain.txt)\n", DATA);
    return 1;
  }
  long long last = 0;
  for (char *line = strtok(chain, "\n"); line; line = strtok(NULL, "\n")) {
    char path[256];
    size_t block_len, infos_len;
    snprintf(path, sizeof path, DATA "%s.block.json", line);
    char *block = read_file(path, &block_len);
    snprintf(path, sizeof path, DATA "%s.infos.json", line);
    char *infos = read_file(path, &infos_len);
    if (!block || !infos) return 1;
    last = atoll(line);
    now = T0 + (last - 80000000LL) * 3000 + 1000;
    char *answer = NULL;
    check(tronpay_chain_block(engine, &answer, block, block_len, infos, infos_len, now),
          "chain_block");
    printf("block %lld applied: %lld event(s)\n", last, json_int(answer, "events", 0));
    tronpay_free(answer);
    free(block);
    free(infos);
  }
  free(chain);
  /* The node's tip: everything up to the last block is solidified, so credits are final. */
  char tip[128], *answer = NULL;
  now = T0 + 120000;
  snprintf(tip, sizeof tip, "{\"head\":{\"number\":%lld},\"solidified\":{\"number\":%lld}}",
           last + 19, last);
  check(tronpay_chain_tip(engine, &answer, tip, strlen(tip), now), "chain_tip");
  tronpay_free(answer);

  const char *orders[] = {"GAME-1001", "GAME-1002"};
  for (int i = 0; i < 2; i++) {
    char state[24], received[40];
    check(tronpay_invoice_get(engine, &answer, orders[i], now), "invoice_get");
    printf("%s is %s (received %s base units)\n", orders[i],
           json_text(answer, "state", state, sizeof state),
           json_text(answer, "received_final", received, sizeof received));
    tronpay_free(answer);
  }

  /* The transactional outbox: every change above wrote its event in the same transaction. */
  check(tronpay_events_list(engine, &answer, 0, 100), "events_list");
  printf("events:\n");
  json_each(answer, "events", print_event, NULL);
  tronpay_free(answer);

  check(tronpay_outbox_next(engine, &answer, 1, now), "outbox_next");
  char id[48], signature[64];
  const char *delivery = json_member(answer, "deliveries");
  if (delivery && delivery[0] == '[' && delivery[1] == '{') {
    const char *headers = json_member(delivery + 1, "headers");
    printf("webhook: POST %s with webhook-id %s, webhook-signature %.20s…\n",
           json_text(delivery + 1, "url", address, sizeof address),
           json_text(headers, "webhook-id", id, sizeof id),
           json_text(headers, "webhook-signature", signature, sizeof signature));
  }
  tronpay_free(answer);

  char *txids = read_file(DATA "txids.txt", NULL);
  if (!txids) return 1;
  printf("support desk:\n");
  for (char *t = strtok(txids, "\n"); t; t = strtok(NULL, "\n")) explain(t, now);
  free(txids);

  /* The overpayment goes back to the payer, from the deposit address that received it. */
  const char *refund =
      "{\"refund_id\":\"R-GAME-1001\",\"invoice_id\":\"GAME-1001\","
      "\"from\":\"TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH\",\"to\":\"TA9ZZun5Y3Hu6b1vNNjNc23BG5neKpbiQ2\","
      "\"overpaid\":true,\"fee_limit_sun\":30000000}";
  check(tronpay_refund_create(engine, &answer, refund, strlen(refund), now), "refund_create");
  char amount[40], txid[72], state[16];
  printf("refund %s: %s base units, txid %.16s…, %s (sign it offline, then refund_submit)\n",
         json_text(answer, "id", id, sizeof id), json_text(answer, "amount", amount, sizeof amount),
         json_text(answer, "txid", txid, sizeof txid), json_text(answer, "state", state, sizeof state));
  tronpay_free(answer);

  tronpay_engine_close(engine);
  char path[128];
  snprintf(path, sizeof path, "%s/shop.db", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/shop.db-wal", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/shop.db-shm", dir);
  unlink(path);
  rmdir(dir);
  return 0;
}
