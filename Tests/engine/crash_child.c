/* The child of the crash-safety harness (crash_harness.py) and its checker.
 *
 *   crash_child run   STORE SEED BLOCKS INVOICES RECEIVER_LOG
 *   crash_child check STORE SEED BLOCKS INVOICES RECEIVER_LOG
 *   crash_child create STORE SEED COUNT 1 OUTPUT
 *
 * run: opens the engine on STORE, creates the invoices (idempotent by order id), then applies
 * the seeded chain block by block from the cursor on, reports the chain tip, and delivers
 * webhooks: each delivery is written to RECEIVER_LOG (as a receiver that committed its work)
 * and acknowledged. It can be killed at any instruction; the next run carries on.
 *
 * check: finishes what is left, then checks the invariants on the store: every payment of every
 * applied block credited exactly once with the right sums and finality, no block skipped or
 * applied twice, every state change with exactly one event and no event without its change,
 * every event delivered once and acknowledged once, nothing delivered that the log lacks. */
#define _DEFAULT_SOURCE
#include <sqlite3.h>
#include <unistd.h>

#include "chain_gen.h"

static const char *store_path;
static uint64_t seed;
static int64_t blocks;
static int invoices;
static const char *receiver_log;
static uint8_t addresses[21 * 64];

static void die(const char *what, tronpay_status s) {
  fprintf(stderr, "crash_child: %s: %s (%s)\n", what, tronpay_status_str(s), tronpay_last_error());
  exit(2);
}

/* Retries a call the store reported busy (another connection held the lock). */
#define CALL(what, expr)                                   \
  do {                                                     \
    tronpay_status s_;                                     \
    int tries_ = 0;                                        \
    while ((s_ = (expr)) == TRONPAY_E_BUSY && tries_++ < 1000) usleep(5000); \
    if (s_ != TRONPAY_OK) die(what, s_);                   \
  } while (0)

/* A JSON integer member's value (the engine's own answers; no JSON library needed). */
static long long member_int(const char *json, const char *key, long long missing) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char *at = strstr(json, pattern);
  if (!at) return missing;
  at += strlen(pattern);
  if (*at == 'n') return missing;
  return strtoll(at, NULL, 10);
}

static const char *member_text(const char *json, const char *key, char *out, size_t size) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char *at = strstr(json, pattern);
  out[0] = 0;
  if (!at) return NULL;
  at += strlen(pattern);
  size_t n = 0;
  while (at[n] && at[n] != '"' && n + 1 < size) n++;
  memcpy(out, at, n);
  out[n] = 0;
  return out;
}

/* STORE is a SQLite file path or a postgresql:// URL (the same harness runs on both). */
static int is_postgresql(void) { return strncmp(store_path, "postgresql://", 13) == 0; }

static tronpay_engine *open_engine(void) {
  char config[1024];
  snprintf(config, sizeof config,
           "{\"store\":\"%s%s\",\"wallets\":[{\"id\":\"main\",\"xpub\":\"%s\"}],"
           "\"start_block\":%lld,\"policy\":{\"expiry_ms\":31536000000},"
           "\"webhooks\":[{\"id\":\"shop\",\"url\":\"http://127.0.0.1:9/hook\","
           "\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]}",
           is_postgresql() ? "" : "sqlite:", store_path, gen_xpub, (long long)GEN_START);
  tronpay_engine *e = NULL;
  CALL("engine_open", tronpay_engine_open(&e, config, strlen(config), GEN_STAMP0 - 60000));
  return e;
}

static int64_t cursor_of(tronpay_engine *e, int64_t now) {
  char *health = NULL;
  CALL("engine_health", tronpay_engine_health(e, &health, now));
  long long cursor = member_int(health, "cursor", GEN_START - 1);
  tronpay_free(health);
  return cursor;
}

/* Hands out due deliveries and acknowledges each after the receiver logged it. */
static int deliver(tronpay_engine *e, int64_t now) {
  char *answer = NULL;
  CALL("outbox_next", tronpay_outbox_next(e, &answer, 8, now));
  int count = 0;
  const char *at = answer;
  while ((at = strstr(at, "{\"id\":\"dlv_")) != NULL) {
    char delivery[64], event[64];
    member_text(at, "id", delivery, sizeof delivery);
    member_text(at, "event_id", event, sizeof event);
    FILE *log = fopen(receiver_log, "a");
    if (!log) die("receiver log", TRONPAY_E_ARG);
    fprintf(log, "%s %s\n", event, delivery);
    fflush(log);
    fsync(fileno(log));
    fclose(log);
    CALL("outbox_ack", tronpay_outbox_ack(e, delivery, 200, NULL, 0, 0, NULL, now));
    count++;
    at++;
  }
  tronpay_free(answer);
  return count;
}

/* The node's tip after block n: n itself, solidified three blocks below. */
static void report_tip(tronpay_engine *e, int64_t n) {
  char tip[128], *answer = NULL;
  int len = snprintf(tip, sizeof tip,
                     "{\"head\":{\"number\":%lld},\"solidified\":{\"number\":%lld}}",
                     (long long)n, (long long)(n - 3));
  CALL("chain_tip", tronpay_chain_tip(e, &answer, tip, (size_t)len, gen_stamp(n) + 1000));
  tronpay_free(answer);
}

static void run(int finish) {
  tronpay_engine *e = open_engine();
  for (int k = 0; k < invoices; k++) {
    char request[128], *answer = NULL;
    int len = snprintf(request, sizeof request, "{\"order_id\":\"O-%d\",\"amount\":\"10\"}", k);
    CALL("invoice_create", tronpay_invoice_create(e, &answer, request, (size_t)len,
                                                  GEN_STAMP0 - 60000 + k));
    tronpay_free(answer);
  }
  int64_t last = GEN_START + blocks - 1;
  for (;;) {
    int64_t cursor = cursor_of(e, gen_stamp(GEN_START));
    /* The tip of what is applied, again: the last run may have died between a block and it. */
    if (cursor >= GEN_START) report_tip(e, cursor);
    if (cursor >= last) break;
    int64_t n = cursor + 1;
    int64_t now = gen_stamp(n) + 1000;
    gen_block b;
    if (gen_build(&b, seed, n, invoices, addresses) != 0) die("gen_build", TRONPAY_E_INTERNAL);
    char *answer = NULL;
    CALL("chain_block", tronpay_chain_block(e, &answer, b.block, b.block_len, b.infos,
                                            b.infos_len, now));
    tronpay_free(answer);
    gen_block_free(&b);
    report_tip(e, n);
    deliver(e, now);
  }
  if (finish) {
    int64_t now = gen_stamp(last) + 120000;
    while (deliver(e, now) > 0) now += 1;
  }
  tronpay_engine_close(e);
}

static int failures;
static void expect(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "crash_child check: FAILED: %s\n", what);
    failures++;
  }
}

/* One number from the store, read outside the engine: through SQLite's C API for a file, through
 * psql for PostgreSQL (the checker must not trust the code it checks). -1 when unreadable. */
static sqlite3 *check_db;
static long long scalar(const char *sql) {
  long long v = -1;
  if (!is_postgresql()) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(check_db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  char command[4096];
  snprintf(command, sizeof command, "psql '%s' -AtqX -c \"%s\"", store_path, sql);
  FILE *p = popen(command, "r");
  if (!p) return -1;
  char line[64];
  if (fgets(line, sizeof line, p)) v = strtoll(line, NULL, 10);
  pclose(p);
  return v;
}

/* Every event id, newline-separated, into a malloc'd text. */
static char *event_ids(void) {
  size_t cap = 1 << 16, len = 0;
  char *all = calloc(1, cap);
  if (!all) return NULL;
  if (is_postgresql()) {
    char command[1024];
    snprintf(command, sizeof command, "psql '%s' -AtqX -c 'SELECT id FROM events'", store_path);
    FILE *p = popen(command, "r");
    char line[128];
    while (p && fgets(line, sizeof line, p)) {
      size_t n = strlen(line);
      if (len + n + 1 >= cap) {
        char *bigger = realloc(all, cap *= 2);
        if (!bigger) break;
        all = bigger;
      }
      memcpy(all + len, line, n + 1);
      len += n;
    }
    if (p) pclose(p);
    return all;
  }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(check_db, "SELECT id FROM events", -1, &st, NULL) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      const char *id = (const char *)sqlite3_column_text(st, 0);
      size_t n = id ? strlen(id) : 0;
      if (len + n + 2 >= cap) {
        char *bigger = realloc(all, cap *= 2);
        if (!bigger) break;
        all = bigger;
      }
      if (id) memcpy(all + len, id, n);
      len += n;
      all[len++] = '\n';
      all[len] = 0;
    }
  }
  sqlite3_finalize(st);
  return all;
}

static void check(void) {
  run(1);
  int64_t last = GEN_START + blocks - 1;
  /* What the chain paid, recomputed from the generator. */
  unsigned long long want[64] = {0}, want_final[64] = {0};
  long long payments = 0;
  for (int64_t n = GEN_START; n <= last; n++) {
    gen_payment pay[GEN_MAX_PAYMENTS];
    int count = gen_payments(seed, n, invoices, pay);
    for (int i = 0; i < count; i++) {
      if (pay[i].fake) continue;
      payments++;
      want[pay[i].invoice] += pay[i].amount;
      if (n <= last - 3) want_final[pay[i].invoice] += pay[i].amount;
    }
  }
  tronpay_engine *e = open_engine();
  for (int k = 0; k < invoices; k++) {
    char key[16], *answer = NULL, text[64];
    snprintf(key, sizeof key, "O-%d", k);
    CALL("invoice_get", tronpay_invoice_get(e, &answer, key, gen_stamp(last) + 1000));
    char expected[32];
    snprintf(expected, sizeof expected, "%llu", want[k]);
    expect(strcmp(member_text(answer, "received", text, sizeof text), expected) == 0,
           "received equals the payments to the invoice in applied blocks");
    snprintf(expected, sizeof expected, "%llu", want_final[k]);
    expect(strcmp(member_text(answer, "received_final", text, sizeof text), expected) == 0,
           "received_final equals the payments at or below the solidified block");
    tronpay_free(answer);
  }
  tronpay_engine_close(e);

  if (!is_postgresql() &&
      sqlite3_open_v2(store_path, &check_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    fprintf(stderr, "crash_child check: cannot open %s\n", store_path);
    exit(2);
  }
  char sql[512];
  expect(scalar("SELECT count(*) FROM credits WHERE status = 'credited'") == payments,
         "one credit per distinct payment");
  snprintf(sql, sizeof sql,
           "SELECT CASE WHEN count(*) = %lld AND min(number) = %lld AND max(number) = %lld "
           "THEN 1 ELSE 0 END FROM blocks",
           (long long)blocks, (long long)GEN_START, (long long)last);
  expect(scalar(sql) == 1, "every block applied once, none skipped");
  expect(scalar("SELECT count(*) FROM (SELECT 1 FROM events WHERE type = 'invoice.paid' "
                    "GROUP BY invoice_id HAVING count(*) > 1) twice") == 0,
         "at most one invoice.paid per invoice");
  /* Each invoice's last state event names its state; consecutive events differ. */
  expect(scalar(
                "SELECT count(*) FROM invoices i WHERE i.state != 'new' AND i.state != "
                "(SELECT substr(e.type, 9) FROM events e WHERE e.invoice_id = i.id AND e.type "
                "LIKE 'invoice.%' ORDER BY e.seq DESC LIMIT 1)") == 0,
         "every state has its event");
  expect(scalar(
                "SELECT count(*) FROM events a JOIN events b ON b.invoice_id = a.invoice_id AND "
                "b.seq = (SELECT min(seq) FROM events c WHERE c.invoice_id = a.invoice_id AND "
                "c.seq > a.seq) WHERE a.type = b.type AND a.type != 'invoice.detected'") == 0,
         "no state event written twice in a row");
  expect(scalar("SELECT count(*) FROM events WHERE type = 'invoice.created'") == invoices,
         "one invoice.created per invoice");
  expect(scalar("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM deliveries d "
                    "WHERE d.event_id = e.id AND d.state = 'delivered')") == 0,
         "every event delivered");
  expect(scalar("SELECT count(*) FROM (SELECT 1 FROM deliveries WHERE state = 'delivered' "
                    "GROUP BY event_id, webhook HAVING count(*) > 1) twice") == 0,
         "no event acknowledged twice");
  /* Every delivered event is in the receiver's log. */
  FILE *log = fopen(receiver_log, "r");
  char *logged = NULL;
  size_t logged_len = 0;
  if (log) {
    fseek(log, 0, SEEK_END);
    logged_len = (size_t)ftell(log);
    fseek(log, 0, SEEK_SET);
    logged = calloc(1, logged_len + 1);
    if (logged && fread(logged, 1, logged_len, log) != logged_len) logged[0] = 0;
    fclose(log);
  }
  int missing = 0;
  char *ids = event_ids();
  for (char *id = ids ? strtok(ids, "\n") : NULL; id; id = strtok(NULL, "\n"))
    if (!logged || !strstr(logged, id)) missing++;
  free(ids);
  expect(missing == 0, "the receiver saw every event");
  long long events = scalar("SELECT count(*) FROM events");
  if (check_db) sqlite3_close(check_db);
  free(logged);
  printf("crash_child check: %lld blocks, %lld payments, %lld events: %s\n", (long long)blocks,
         payments, events, failures ? "FAILED" : "ok");
  exit(failures ? 1 : 0);
}

/* create: COUNT invoice creates with order ids drawn from 40 (so processes overlap), even ids
 * on a derived address, odd ones with a unique amount on one shared address; each answer is
 * written as "order_id id address amount_due" to the log for the driver to compare. */
static void create(int count) {
  tronpay_engine *e = open_engine();
  FILE *out = fopen(receiver_log, "w");
  if (!out) die("output", TRONPAY_E_ARG);
  uint64_t r = gen_mix(seed);
  for (int i = 0; i < count; i++) {
    r = gen_mix(r + (uint64_t)i);
    int k = (int)(r % 40);
    char request[256], *answer = NULL, id[64], address[64], due[96];
    int len = k % 2 == 0
                  ? snprintf(request, sizeof request, "{\"order_id\":\"M-%d\",\"amount\":\"3\"}", k)
                  : snprintf(request, sizeof request,
                             "{\"order_id\":\"M-%d\",\"amount\":\"3\",\"address_mode\":"
                             "\"unique_amount\",\"address\":\"TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx\"}",
                             k);
    CALL("invoice_create", tronpay_invoice_create(e, &answer, request, (size_t)len,
                                                  GEN_STAMP0 - 60000));
    fprintf(out, "M-%d %s %s %s\n", k, member_text(answer, "id", id, sizeof id),
            member_text(answer, "address", address, sizeof address),
            member_text(answer, "amount_due", due, sizeof due));
    tronpay_free(answer);
  }
  fclose(out);
  tronpay_engine_close(e);
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: crash_child run|check STORE SEED BLOCKS INVOICES RECEIVER_LOG\n");
    return 64;
  }
  store_path = argv[2];
  seed = strtoull(argv[3], NULL, 10);
  blocks = strtoll(argv[4], NULL, 10);
  invoices = atoi(argv[5]);
  receiver_log = argv[6];
  if (invoices < 1 || invoices > 64 || blocks < 1) return 64;
  if (tronpay_xpub_derive_addresses(addresses, gen_xpub, 0, 0, (uint32_t)invoices) != TRONPAY_OK)
    die("xpub_derive_addresses", TRONPAY_E_XKEY);
  if (strcmp(argv[1], "run") == 0) {
    run(0);
    return 0;
  }
  if (strcmp(argv[1], "check") == 0) check();
  if (strcmp(argv[1], "create") == 0) {
    create((int)blocks);
    return 0;
  }
  return 64;
}
