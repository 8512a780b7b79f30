/* The engine through the C ABI on a real SQLite file in a temporary directory: open, create,
 * get, list, events, webhook deliveries, health, cancel and its audit record, close and reopen
 * (everything persists, derivation indexes are never reused), the store's recorded network and
 * wallets, strict configs and requests, a corrupt store. Written against ENGINE.md's shapes
 * only, read with the tiny reader of json_reader.h. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "json_reader.h"

static const int64_t NOW = 1767225600000; /* 2026-01-01T00:00:00Z */
static const char *SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
static char DIR_PATH[256], DB[512], XPUB[TRONPAY_XKEY_TEXT_SIZE], XPUB2[TRONPAY_XKEY_TEXT_SIZE];
static char CONFIG[4096];

static void make_config(char *out, size_t cap, const char *store, const char *network,
                        const char *xpub, const char *extra) {
  snprintf(out, cap,
           "{\"store\":\"%s\",\"network\":\"%s\",\"wallets\":[{\"id\":\"main\",\"xpub\":\"%s\"}],"
           "\"webhooks\":[{\"id\":\"shop\",\"url\":\"https://shop.example/hook\",\"secret\":\"%s\","
           "\"scheme\":\"standard\",\"events\":[\"invoice.*\"]}]%s}",
           store, network, xpub, SECRET, extra);
}

static tronpay_engine *open_engine(const char *config) {
  tronpay_engine *e = NULL;
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_OK);
  CHECK(e != NULL);
  return e;
}

/* Calls that answer JSON: the text, or NULL (the failure already counted). */
static char *create(tronpay_engine *e, const char *req, int64_t now, tronpay_status expected) {
  char *out = NULL;
  CHECK_STATUS(tronpay_invoice_create(e, &out, req, strlen(req), now), expected);
  return out;
}

static char *get(tronpay_engine *e, const char *id, int64_t now, tronpay_status expected) {
  char *out = NULL;
  CHECK_STATUS(tronpay_invoice_get(e, &out, id, now), expected);
  return out;
}

static void derived_address(char out[TRONPAY_ADDRESS_TEXT_SIZE], uint32_t index) {
  uint8_t addr[21];
  out[0] = 0;
  if (tronpay_xpub_derive_addresses(addr, XPUB, 0, index, 1) == TRONPAY_OK &&
      tronpay_address_to_base58(out, addr) == TRONPAY_OK)
    return;
  out[0] = 0;
}

static char ID_A[64], ID_B[64], ADDRESS_A[40];

static void invoices(tronpay_engine *e) {
  /* Create: the shape of ENGINE.md's INVOICE, the wallet's first index, default expiry. */
  char *a = create(e, "{\"order_id\":\"A-1001\",\"amount\":\"12.5\"}", NOW, TRONPAY_OK);
  if (!a) return;
  char expected[TRONPAY_ADDRESS_TEXT_SIZE];
  derived_address(expected, 0);
  int64_t n = -1;
  CHECK(jis(a, "created", "true"));
  CHECK(jstr(a, "invoice.id", ID_A, sizeof ID_A) && !strncmp(ID_A, "inv_", 4));
  CHECK(jstr_is(a, "invoice.order_id", "A-1001"));
  CHECK(jstr_is(a, "invoice.token", "USDT"));
  CHECK(jstr_is(a, "invoice.token_contract", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"));
  CHECK(jint(a, "invoice.decimals", &n) && n == 6);
  CHECK(jstr(a, "invoice.address", ADDRESS_A, sizeof ADDRESS_A) && !strcmp(ADDRESS_A, expected));
  CHECK(jstr_is(a, "invoice.wallet", "main"));
  CHECK(jint(a, "invoice.derivation_index", &n) && n == 0);
  CHECK(jstr_is(a, "invoice.amount_due", "12500000"));
  CHECK(jstr_is(a, "invoice.amount_due_text", "12.5"));
  CHECK(jstr_is(a, "invoice.state", "new"));
  CHECK(jstr_is(a, "invoice.received", "0"));
  CHECK(jstr_is(a, "invoice.received_final", "0"));
  CHECK(jstr_is(a, "invoice.refunded", "0"));
  CHECK(jint(a, "invoice.created_at_ms", &n) && n == NOW);
  int64_t expires = -1, monitor = -1;
  CHECK(jint(a, "invoice.expires_at_ms", &expires) && expires == NOW + 900000);
  CHECK(jint(a, "invoice.monitor_until_ms", &monitor) && monitor == expires + 86400000);
  CHECK(jint(a, "invoice.updated_at_ms", &n));
  CHECK(jcount(a, "invoice.credits") == 0);
  CHECK(jget(a, "invoice.metadata") != NULL);
  tronpay_free(a);

  /* Idempotent by order_id: the same terms later return the same invoice, expiry kept. */
  char *again = create(e, "{\"order_id\":\"A-1001\",\"amount\":\"12.5\"}", NOW + 60000, TRONPAY_OK);
  if (again) {
    CHECK(jis(again, "created", "false"));
    CHECK(jstr_is(again, "invoice.id", ID_A));
    CHECK(jint(again, "invoice.expires_at_ms", &n) && n == expires);
    tronpay_free(again);
  }
  /* Other terms: a conflict, nothing written. */
  char *conflict = (char *)"untouched";
  const char *other_terms = "{\"order_id\":\"A-1001\",\"amount\":\"13\"}";
  CHECK_STATUS(tronpay_invoice_create(e, &conflict, other_terms, strlen(other_terms), NOW),
               TRONPAY_E_CONFLICT);
  CHECK(!strcmp(conflict, "untouched"));

  /* The next derived invoice takes the next index; base units and metadata. */
  char *b = create(e,
                   "{\"order_id\":\"B-7\",\"token\":\"USDT\",\"amount_base_units\":\"3000000\","
                   "\"expiry_ms\":600000,\"metadata\":{\"sku\":\"sword\"}}",
                   NOW + 1000, TRONPAY_OK);
  if (b) {
    derived_address(expected, 1);
    CHECK(jstr(b, "invoice.id", ID_B, sizeof ID_B) && strcmp(ID_A, ID_B));
    CHECK(jint(b, "invoice.derivation_index", &n) && n == 1);
    CHECK(jstr_is(b, "invoice.address", expected));
    CHECK(jstr_is(b, "invoice.amount_due_text", "3"));
    CHECK(jint(b, "invoice.expires_at_ms", &n) && n == NOW + 1000 + 600000);
    CHECK(jstr_is(b, "invoice.metadata.sku", "sword"));
    tronpay_free(b);
  }

  /* Strict requests: an unknown member, both amounts, no order_id, a bad amount (a member of
   * the wrong form is TRONPAY_E_JSON naming it, whatever it holds). */
  const char *bad_json[] = {"{\"order_id\":\"X\",\"amount\":\"1\",\"expiry\":5}",
                            "{\"order_id\":\"X\",\"amount\":\"1\",\"amount_base_units\":\"1\"}",
                            "{\"amount\":\"1\"}", "{\"order_id\":\"\",\"amount\":\"1\"}",
                            "{\"order_id\":\"X\"}", "[]", "{", ""};
  for (size_t i = 0; i < sizeof bad_json / sizeof bad_json[0]; i++) {
    char *out = (char *)"untouched";
    CHECK_STATUS(tronpay_invoice_create(e, &out, bad_json[i], strlen(bad_json[i]), NOW),
                 TRONPAY_E_JSON);
    CHECK(!strcmp(out, "untouched"));
  }
  char *out = NULL;
  const char *bad_amounts[] = {"{\"order_id\":\"X\",\"amount\":\"1.1234567\"}",
                               "{\"order_id\":\"X\",\"amount\":\"-1\"}"};
  for (size_t i = 0; i < 2; i++)
    CHECK_STATUS(tronpay_invoice_create(e, &out, bad_amounts[i], strlen(bad_amounts[i]), NOW),
                 TRONPAY_E_JSON);
  CHECK(out == NULL);

  /* Get by id and by order_id; unknown is NOT_FOUND; reads report expiry as of now_ms. */
  char *by_id = get(e, ID_A, NOW + 2000, TRONPAY_OK);
  char *by_order = get(e, "A-1001", NOW + 2000, TRONPAY_OK);
  if (by_id && by_order) {
    CHECK(jstr_is(by_id, "order_id", "A-1001"));
    CHECK(jstr_is(by_order, "id", ID_A));
    CHECK(jstr_is(by_id, "state", "new"));
  }
  tronpay_free(by_id);
  tronpay_free(by_order);
  out = (char *)"untouched";
  CHECK_STATUS(tronpay_invoice_get(e, &out, "inv_nope", NOW), TRONPAY_E_NOT_FOUND);
  CHECK_STATUS(tronpay_invoice_get(e, &out, "", NOW), TRONPAY_E_NOT_FOUND);
  CHECK(!strcmp(out, "untouched"));
  char *late = get(e, "A-1001", NOW + 900001, TRONPAY_OK);
  if (late) CHECK(jstr_is(late, "state", "expired"));
  tronpay_free(late);
}

static void lists(tronpay_engine *e) {
  char *all = NULL;
  CHECK_STATUS(tronpay_invoice_list(e, &all, "{}", 2, NOW + 3000), TRONPAY_OK);
  if (all) {
    CHECK(jcount(all, "invoices") == 2);
    CHECK(jis(all, "next", "null"));
    tronpay_free(all);
  }
  /* Pages of one: the cursor leads to the other invoice, then to the end. */
  char *first = NULL, *second = NULL, request[256], cursor[200];
  CHECK_STATUS(tronpay_invoice_list(e, &first, "{\"limit\":1}", 11, NOW + 3000), TRONPAY_OK);
  if (first && jcount(first, "invoices") == 1 && jstr(first, "next", cursor, sizeof cursor)) {
    snprintf(request, sizeof request, "{\"limit\":1,\"after\":\"%s\"}", cursor);
    CHECK_STATUS(tronpay_invoice_list(e, &second, request, strlen(request), NOW + 3000),
                 TRONPAY_OK);
    char id1[64] = "", id2[64] = "";
    CHECK(second && jstr(first, "invoices.0.id", id1, sizeof id1) &&
          jstr(second, "invoices.0.id", id2, sizeof id2) && strcmp(id1, id2) != 0);
  } else {
    CHECK(!"a page of one invoice with a next cursor");
  }
  tronpay_free(first);
  tronpay_free(second);
  char *filtered = NULL;
  CHECK_STATUS(tronpay_invoice_list(e, &filtered, "{\"states\":[\"paid\"]}", 19, NOW), TRONPAY_OK);
  if (filtered) CHECK(jcount(filtered, "invoices") == 0);
  tronpay_free(filtered);
  char *out = (char *)"untouched";
  CHECK_STATUS(tronpay_invoice_list(e, &out, "{\"limt\":1}", 10, NOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_invoice_list(e, &out, "{\"states\":[\"payed\"]}", 20, NOW), TRONPAY_E_JSON);
  CHECK(!strcmp(out, "untouched"));
}

static int64_t LAST_SEQ;

static void events(tronpay_engine *e) {
  char *list = NULL;
  CHECK_STATUS(tronpay_events_list(e, &list, 0, 100), TRONPAY_OK);
  if (!list) return;
  CHECK(jcount(list, "events") == 2);
  int64_t seq1 = 0, seq2 = 0, at = 0;
  CHECK(jint(list, "events.0.seq", &seq1) && jint(list, "events.1.seq", &seq2) && seq1 < seq2);
  CHECK(jint(list, "last_seq", &LAST_SEQ) && LAST_SEQ == seq2);
  CHECK(jstr_is(list, "events.0.type", "invoice.created"));
  CHECK(jstr_is(list, "events.1.type", "invoice.created"));
  char id[64];
  CHECK(jstr(list, "events.0.id", id, sizeof id) && !strncmp(id, "evt_", 4));
  CHECK(jint(list, "events.0.created_at_ms", &at) && at == NOW);
  CHECK(jstr_is(list, "events.0.data.invoice.id", ID_A));
  CHECK(jstr_is(list, "events.1.data.invoice.id", ID_B));
  tronpay_free(list);
  /* After the last: nothing, and last_seq stays. */
  char *rest = NULL;
  CHECK_STATUS(tronpay_events_list(e, &rest, LAST_SEQ, 100), TRONPAY_OK);
  int64_t last = -1;
  CHECK(rest && jcount(rest, "events") == 0 && jint(rest, "last_seq", &last) && last == LAST_SEQ);
  tronpay_free(rest);
  char *one = NULL;
  CHECK_STATUS(tronpay_events_list(e, &one, 0, 1), TRONPAY_OK);
  CHECK(one && jcount(one, "events") == 1 && jint(one, "last_seq", &last) && last == seq1);
  tronpay_free(one);
}

/* The outbox: each invoice.created is due for the "shop" webhook at once, signed the Standard
 * Webhooks way (checked with tronpay_webhook_verify); a 2xx ack ends it. */
static void outbox(tronpay_engine *e) {
  char *due = NULL;
  int64_t now = NOW + 5000;
  CHECK_STATUS(tronpay_outbox_next(e, &due, 10, now), TRONPAY_OK);
  if (!due) return;
  long n = jcount(due, "deliveries");
  CHECK(n == 2);
  for (long i = 0; i < n; i++) {
    char path[64], id[128] = "", msg_id[128] = "", ts[32] = "", sig[256] = "";
    const char *d = jget(due, (snprintf(path, sizeof path, "deliveries.%ld", i), path));
    CHECK(d != NULL);
    if (!d) continue;
    CHECK(jstr(d, "id", id, sizeof id) && !strncmp(id, "dlv_", 4));
    CHECK(jstr_is(d, "webhook", "shop"));
    CHECK(jstr_is(d, "url", "https://shop.example/hook"));
    int64_t attempt = 0;
    CHECK(jint(d, "attempt", &attempt) && attempt == 1);
    CHECK(jstr(d, "headers.webhook-id", msg_id, sizeof msg_id));
    CHECK(jstr(d, "headers.webhook-timestamp", ts, sizeof ts) && !strcmp(ts, "1767225605"));
    CHECK(jstr(d, "headers.webhook-signature", sig, sizeof sig));
    /* The body is a JSON string member: the test unescapes \" and \\ only, which is all a
     * JSON body of ASCII text needs inside a string. */
    const char *raw = jget(d, "body");
    char body[16384];
    size_t len = 0;
    if (raw && *raw == '"') {
      for (raw++; *raw && *raw != '"' && len + 1 < sizeof body; raw++) {
        if (*raw == '\\') raw++;
        body[len++] = *raw;
      }
    }
    body[len] = 0;
    CHECK(len > 0 && strstr(body, "invoice.created") != NULL);
    CHECK_STATUS(tronpay_webhook_verify(SECRET, msg_id, ts, sig, (const uint8_t *)body, len,
                                        now / 1000, 300),
                 TRONPAY_OK);
    CHECK_STATUS(tronpay_outbox_ack(e, id, 200, (const uint8_t *)"", 0, 0, NULL, now), TRONPAY_OK);
  }
  tronpay_free(due);
  char *after = NULL;
  CHECK_STATUS(tronpay_outbox_next(e, &after, 10, now + 1000), TRONPAY_OK);
  CHECK(after && jcount(after, "deliveries") == 0);
  tronpay_free(after);
  CHECK_STATUS(tronpay_outbox_ack(e, "dlv_nope", 200, NULL, 0, 0, NULL, now), TRONPAY_E_NOT_FOUND);
  CHECK_STATUS(tronpay_outbox_redeliver(e, "evt_nope", "shop", now), TRONPAY_E_NOT_FOUND);
}

static void health(tronpay_engine *e, int64_t open_invoices) {
  char *h = NULL;
  CHECK_STATUS(tronpay_engine_health(e, &h, NOW + 6000), TRONPAY_OK);
  if (!h) return;
  int64_t n = -1;
  CHECK(jstr_is(h, "store", "sqlite"));
  CHECK(jint(h, "schema_version", &n) && n >= 1);
  CHECK(jstr_is(h, "network", "mainnet"));
  CHECK(jis(h, "cursor", "null"));
  CHECK(jis(h, "stalled", "false"));
  CHECK(jint(h, "open_invoices", &n) && n == open_invoices);
  CHECK(jint(h, "outbox.pending", &n) && n == 0);
  CHECK(jint(h, "outbox.failed", &n) && n == 0);
  CHECK(jcount(h, "providers") == 0);
  CHECK(jget(h, "lease") != NULL);
  tronpay_free(h);
}

static void cancel_and_audit(tronpay_engine *e) {
  char *c = NULL;
  CHECK_STATUS(tronpay_invoice_cancel(e, &c, "B-7", "alice", "customer asked", NOW + 7000),
               TRONPAY_OK);
  if (c) CHECK(jstr_is(c, "state", "cancelled") && jstr_is(c, "id", ID_B));
  tronpay_free(c);
  char *audit = NULL;
  CHECK_STATUS(tronpay_audit_list(e, &audit, "{}", 2), TRONPAY_OK);
  if (audit) {
    CHECK(jcount(audit, "records") == 1);
    CHECK(jstr_is(audit, "records.0.actor", "alice"));
    CHECK(jstr_is(audit, "records.0.invoice_id", ID_B));
    CHECK(jstr_is(audit, "records.0.reason", "customer asked"));
    CHECK(jstr_is(audit, "records.0.after", "cancelled"));
    CHECK(jis(audit, "next", "null"));
  }
  tronpay_free(audit);
  char *ev = NULL;
  CHECK_STATUS(tronpay_events_list(e, &ev, LAST_SEQ, 100), TRONPAY_OK);
  CHECK(ev && jcount(ev, "events") == 1 && jstr_is(ev, "events.0.type", "invoice.cancelled"));
  tronpay_free(ev);
}

static void disputes_and_refunds(tronpay_engine *e) {
  char *d = NULL;
  const char *txid = "abababababababababababababababababababababababababababababababab"; /* never seen */
  CHECK_STATUS(tronpay_dispute_lookup(e, &d, txid, NOW), TRONPAY_OK);
  if (d) {
    CHECK(jstr_is(d, "txid", txid));
    CHECK(jstr_is(d, "status", "unknown") || jstr_is(d, "status", "lookup_scheduled"));
    CHECK(jcount(d, "transfers") == 0);
    CHECK(jget(d, "summary") != NULL);
  }
  tronpay_free(d);
  char *out = (char *)"untouched";
  CHECK_STATUS(tronpay_dispute_lookup(e, &out, "zz", NOW), TRONPAY_E_HEX);
  CHECK_STATUS(tronpay_refund_get(e, &out, "R-none"), TRONPAY_E_NOT_FOUND);
  /* Nothing was received: any refund is beyond it. */
  char req[512];
  snprintf(req, sizeof req,
           "{\"refund_id\":\"R-1\",\"invoice_id\":\"%s\",\"from\":\"TSeJkUh4Qv67VNFwY8LaAxERygNdy6NQZK\","
           "\"to\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\",\"amount\":\"1\",\"fee_limit_sun\":30000000}",
           ID_A);
  CHECK_STATUS(tronpay_refund_create(e, &out, req, strlen(req), NOW), TRONPAY_E_STATE);
  CHECK(!strcmp(out, "untouched"));
}


/* One handle from 8 threads: every create succeeds, indexes are allocated once each, in order
 * (0 … 79 after the store's first three invoices, whichever thread asked). */
#define THREADS 8
#define PER_THREAD 10
static tronpay_engine *SHARED;
static int THREAD_FAILURES;
static pthread_mutex_t THREAD_LOCK = PTHREAD_MUTEX_INITIALIZER;

static void *create_many(void *arg) {
  int n = (int)(intptr_t)arg;
  for (int i = 0; i < PER_THREAD; i++) {
    char req[96], *out = NULL;
    snprintf(req, sizeof req, "{\"order_id\":\"T-%d-%d\",\"amount\":\"1\"}", n, i);
    tronpay_status s = tronpay_invoice_create(SHARED, &out, req, strlen(req), NOW + 10000);
    char *got = NULL;
    tronpay_status g = s == TRONPAY_OK ? tronpay_invoice_get(SHARED, &got, req + 13, NOW) : s;
    (void)g;
    pthread_mutex_lock(&THREAD_LOCK);
    if (s != TRONPAY_OK) THREAD_FAILURES++;
    pthread_mutex_unlock(&THREAD_LOCK);
    tronpay_free(out);
    tronpay_free(got);
  }
  return NULL;
}

static void threads(tronpay_engine *e) {
  SHARED = e;
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, create_many, (void *)(intptr_t)i);
  for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
  CHECK(THREAD_FAILURES == 0);
  char *list = NULL;
  CHECK_STATUS(tronpay_invoice_list(e, &list, "{\"limit\":1000}", 14, NOW + 10000), TRONPAY_OK);
  if (!list) return;
  long n = jcount(list, "invoices");
  CHECK(n == 3 + THREADS * PER_THREAD);
  static char seen[3 + THREADS * PER_THREAD];
  memset(seen, 0, sizeof seen);
  int bad = 0;
  for (long i = 0; i < n; i++) {
    char path[48];
    int64_t index = -1;
    snprintf(path, sizeof path, "invoices.%ld.derivation_index", i);
    if (!jint(list, path, &index) || index < 0 || index >= (int64_t)sizeof seen || seen[index]++)
      bad++;
  }
  CHECK(bad == 0);
  tronpay_free(list);
}

/* Closing a handle while other threads call it: each call answers OK, TRONPAY_E_STATE (it raced
 * with the close inside the engine) or TRONPAY_E_ARG (it came after), never anything else, and
 * nothing crashes. */
static int RACE_BAD;
static void *call_until_closed(void *arg) {
  (void)arg;
  for (int i = 0; i < 2000; i++) {
    char *out = NULL;
    tronpay_status s = tronpay_engine_health(SHARED, &out, NOW);
    if (s == TRONPAY_OK) tronpay_free(out);
    if (s != TRONPAY_OK && s != TRONPAY_E_STATE && s != TRONPAY_E_ARG) {
      pthread_mutex_lock(&THREAD_LOCK);
      RACE_BAD++;
      pthread_mutex_unlock(&THREAD_LOCK);
    }
    if (s == TRONPAY_E_ARG) break;
  }
  return NULL;
}

static void close_race(void) {
  tronpay_engine *e = open_engine(CONFIG);
  if (!e) return;
  SHARED = e;
  pthread_t t[4];
  for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, call_until_closed, NULL);
  usleep(2000);
  tronpay_engine_close(e);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  CHECK(RACE_BAD == 0);
  char *out = (char *)"untouched";
  CHECK_STATUS(tronpay_engine_health(e, &out, NOW), TRONPAY_E_ARG);
}

/* Configs: strict, the network and wallets recorded by the store. */
static void configs(void) {
  tronpay_engine *e = (tronpay_engine *)&CONFIG; /* must stay untouched */
  tronpay_engine *const before = e;
  char config[4096];
  make_config(config, sizeof config, DB, "mainnet", XPUB, ",\"polcy\":{}");
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_E_JSON);
  make_config(config, sizeof config, DB, "nile", XPUB, "");
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_E_CONFLICT);
  make_config(config, sizeof config, DB, "mainnet", XPUB2, "");
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_E_CONFLICT);
  make_config(config, sizeof config, DB, "mainnet", "xpub-not-a-key", "");
  tronpay_status s = tronpay_engine_open(&e, config, strlen(config), NOW);
  CHECK(s == TRONPAY_E_XKEY || s == TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_engine_open(&e, "{}", 2, NOW), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_engine_open(&e, NULL, 0, NOW), TRONPAY_E_JSON);
  CHECK(e == before);

  /* A file that is not a store, and a truncated store. */
  char path[600];
  snprintf(path, sizeof path, "%s/garbage.db", DIR_PATH);
  FILE *f = fopen(path, "wb");
  if (f) {
    for (int i = 0; i < 8192; i++) fputc((i * 7919) & 0xFF, f);
    fclose(f);
  }
  char store[700];
  snprintf(store, sizeof store, "sqlite:%s", path);
  make_config(config, sizeof config, store, "mainnet", XPUB, "");
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_E_STORE);
  snprintf(path, sizeof path, "%s/truncated.db", DIR_PATH);
  char source[600];
  snprintf(source, sizeof source, "%s/tronpay.db", DIR_PATH);
  FILE *in = fopen(source, "rb"), *outf = fopen(path, "wb");
  if (in && outf) {
    char buffer[1500];
    size_t got = fread(buffer, 1, sizeof buffer, in); /* the header and part of page 1 */
    fwrite(buffer, 1, got, outf);
  }
  if (in) fclose(in);
  if (outf) fclose(outf);
  snprintf(store, sizeof store, "sqlite:%s", path);
  make_config(config, sizeof config, store, "mainnet", XPUB, "");
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_E_STORE);
  snprintf(store, sizeof store, "sqlite:%s/no/such/dir/x.db", DIR_PATH);
  make_config(config, sizeof config, store, "mainnet", XPUB, "");
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_E_STORE);
  CHECK(e == before);
}

static void cleanup(void) {
  const char *names[] = {"tronpay.db", "tronpay.db-wal", "tronpay.db-shm", "garbage.db",
                         "truncated.db", "truncated.db-wal", "truncated.db-shm",
                         "garbage.db-wal", "garbage.db-shm"};
  char path[600];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", DIR_PATH, names[i]);
    unlink(path);
  }
  rmdir(DIR_PATH);
}

int main(void) {
  uint8_t seed[64], seed2[64];
  memset(seed, 0x42, sizeof seed);
  memset(seed2, 0x43, sizeof seed2);
  const char *tmp = getenv("TMPDIR");
  snprintf(DIR_PATH, sizeof DIR_PATH, "%s/tronpay-engine-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(DIR_PATH) || tronpay_hd_xpub(XPUB, seed, 64, "m/44'/195'/0'") ||
      tronpay_hd_xpub(XPUB2, seed2, 64, "m/44'/195'/0'")) {
    printf("test_engine: setup failed\n0 passed, 1 failed\n");
    return 1;
  }
  char store[600];
  snprintf(DB, sizeof DB, "sqlite:%s/tronpay.db", DIR_PATH);
  snprintf(store, sizeof store, "%s", DB);
  make_config(CONFIG, sizeof CONFIG, store, "mainnet", XPUB, "");

  tronpay_engine *e = open_engine(CONFIG);
  if (e) {
    health(e, 0);
    invoices(e);
    lists(e);
    events(e);
    outbox(e);
    health(e, 2);
    cancel_and_audit(e);
    disputes_and_refunds(e);
    tronpay_engine_close(e);
    /* A closed handle is refused, never used. */
    char *out = (char *)"untouched";
    CHECK_STATUS(tronpay_invoice_get(e, &out, "A-1001", NOW), TRONPAY_E_ARG);
    CHECK(strstr(tronpay_last_error(), "closed or unknown") != NULL);
    CHECK(!strcmp(out, "untouched"));
    tronpay_engine_close(e); /* a second close is a no-op */
  }

  /* Reopen: everything persisted; the next derived index is 2, never a reused 0 or 1. */
  tronpay_engine *again = open_engine(CONFIG);
  if (again) {
    char *a = get(again, "A-1001", NOW + 8000, TRONPAY_OK);
    CHECK(a && jstr_is(a, "id", ID_A) && jstr_is(a, "address", ADDRESS_A));
    tronpay_free(a);
    char *b = get(again, ID_B, NOW + 8000, TRONPAY_OK);
    CHECK(b && jstr_is(b, "state", "cancelled"));
    tronpay_free(b);
    char *c = create(again, "{\"order_id\":\"C-1\",\"amount\":\"1\"}", NOW + 9000, TRONPAY_OK);
    int64_t index = -1;
    CHECK(c && jint(c, "invoice.derivation_index", &index) && index == 2);
    tronpay_free(c);
    char *ev = NULL;
    CHECK_STATUS(tronpay_events_list(again, &ev, 0, 1000), TRONPAY_OK);
    CHECK(ev && jcount(ev, "events") == 4);
    tronpay_free(ev);
    /* Two handles on one file: the second sees the first's writes. */
    tronpay_engine *other = open_engine(CONFIG);
    if (other) {
      char *seen = get(other, "C-1", NOW + 9000, TRONPAY_OK);
      CHECK(seen && jstr_is(seen, "order_id", "C-1"));
      tronpay_free(seen);
      tronpay_engine_close(other);
    }
    threads(again);
    tronpay_engine_close(again);
  }
  close_race();
  configs();
  tronpay_engine_close(NULL);
  cleanup();
  return check_summary("test_engine");
}
