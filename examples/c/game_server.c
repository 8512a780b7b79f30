/* A game server that sells in-game items for USDT and grants each item exactly once.
 *
 *   game_server --config TRONPAY_JSON --db GAME_DB buy PLAYER ITEM PRICE
 *   game_server --config TRONPAY_JSON --db GAME_DB serve [--until-idle] [--poll-ms N] [--batch N]
 *
 * `buy` creates an engine invoice (order_id "game-PLAYER-N", metadata {player, item}) and prints
 * where to pay. `serve` follows the engine's event log (tronpay_events_list) from a cursor kept
 * in the game's own SQLite database and grants the item of every invoice that reaches a paid
 * state. `tronpay watch` (or any other host of the engine) follows the chain meanwhile; this
 * process only reads events, so it needs no webhook endpoint and no network.
 *
 * Exactly once, also across kill -9: the grants of a page of events and the cursor past that
 * page are written in ONE transaction of the game database. A crash before the commit leaves
 * neither (the page is read again on restart); after it, both. The grant's key is the invoice
 * id, not the event, because one invoice can report several paid-like events (paid, then
 * overpaid when more money arrives; marked_paid by an operator).
 *
 * Not a numbered step: `make demo` runs examples/c/[0-9]*.c, and this one needs a chain to
 * watch (examples/c/test_game_server.py drives it against the simulated node). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_lite.h"
#include "tronpay.h"

/* The states in which the merchant has the money (ENGINE.md "Invoice states"): paid, overpaid,
 * paid_late (settled, only after the expiry) and marked_paid (an operator's audited decision).
 * partial, detected, expired, cancelled and invalid grant nothing. */
static const char *const PAID_EVENTS[] = {"invoice.paid", "invoice.overpaid", "invoice.paid_late",
                                          "invoice.marked_paid"};

static volatile sig_atomic_t stopping;

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Prints a failed library call with the library's own detail text; false for `if (!ok(…))`. */
static int ok(tronpay_status s, const char *what) {
  if (s == TRONPAY_OK) return 1;
  fprintf(stderr, "game_server: %s: %s (%s)\n", what, tronpay_status_str(s), tronpay_last_error());
  return 0;
}

static int db_ok(sqlite3 *db, int rc, const char *what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return 1;
  fprintf(stderr, "game_server: %s: %s\n", what, sqlite3_errmsg(db));
  return 0;
}

static int db_exec(sqlite3 *db, const char *sql) {
  return db_ok(db, sqlite3_exec(db, sql, NULL, NULL, NULL), sql);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "game_server: cannot read %s: %s\n", path, strerror(errno));
    return NULL;
  }
  char *text = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (cap - n < 4096) {
      char *grown = realloc(text, cap + 65536);
      if (!grown) break;
      text = grown;
      cap += 65536;
    }
    size_t got = fread(text + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  int failed = ferror(f) || text == NULL;
  fclose(f);
  if (failed) {
    fprintf(stderr, "game_server: cannot read %s\n", path);
    free(text);
    return NULL;
  }
  text[n] = 0;
  *len = n;
  return text;
}

/* Players and items go into JSON and order ids unescaped, so they are kept to a plain alphabet
 * (an order id is 1–128 printable ASCII: "game-" + 32 + "-" + a counter fits). */
static int plain_name(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 32) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '.'))
      return 0;
  return 1;
}

/* A decimal amount as text ("1.5"); the library checks it against the token's decimals. */
static int plain_amount(const char *s) {
  size_t n = strlen(s), dots = 0;
  if (n == 0 || n > 40) return 0;
  for (; *s; s++) {
    if (*s == '.') dots++;
    else if (*s < '0' || *s > '9') return 0;
  }
  return dots <= 1;
}

/* The game's own state: the orders it made, the grants, and the event cursor. WAL with
 * synchronous=FULL: a commit that returned is on disk, so a grant the player saw survives. */
static sqlite3 *open_game_db(const char *path) {
  sqlite3 *db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    fprintf(stderr, "game_server: cannot open %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 5000);
  if (!db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                   "CREATE TABLE IF NOT EXISTS orders (n INTEGER PRIMARY KEY AUTOINCREMENT,"
                   " player TEXT NOT NULL, item TEXT NOT NULL, price TEXT NOT NULL,"
                   " invoice_id TEXT);"
                   "CREATE TABLE IF NOT EXISTS grants (invoice_id TEXT PRIMARY KEY,"
                   " player TEXT NOT NULL, item TEXT NOT NULL, event_id TEXT NOT NULL,"
                   " event_seq INTEGER NOT NULL, granted_at_ms INTEGER NOT NULL);"
                   "CREATE TABLE IF NOT EXISTS cursor (id INTEGER PRIMARY KEY CHECK (id = 1),"
                   " seq INTEGER NOT NULL);"
                   "INSERT OR IGNORE INTO cursor VALUES (1, 0);")) {
    sqlite3_close(db);
    return NULL;
  }
  return db;
}

static int buy(tronpay_engine *engine, sqlite3 *db, const char *player, const char *item,
               const char *price) {
  if (!plain_name(player) || !plain_name(item) || !plain_amount(price)) {
    fprintf(stderr, "game_server: PLAYER and ITEM are 1-32 of [A-Za-z0-9_.], PRICE a decimal\n");
    return 64;
  }
  /* The order number comes from the game's database, so it is never reused: the engine's
   * create is idempotent by order_id, and a reused one with another price would be refused. */
  sqlite3_stmt *st = NULL;
  if (!db_ok(db, sqlite3_prepare_v2(db, "INSERT INTO orders (player, item, price) VALUES (?,?,?)",
                                    -1, &st, NULL), "prepare order"))
    return 1;
  sqlite3_bind_text(st, 1, player, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, item, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, price, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (!db_ok(db, rc, "insert order")) return 1;
  long long n = sqlite3_last_insert_rowid(db);

  char request[512], *answer = NULL;
  snprintf(request, sizeof request,
           "{\"order_id\":\"game-%s-%lld\",\"amount\":\"%s\",\"metadata\":{\"player\":\"%s\","
           "\"item\":\"%s\"}}",
           player, n, price, player, item);
  if (!ok(tronpay_invoice_create(engine, &answer, request, strlen(request), now_ms()),
          "invoice_create"))
    return 1;
  const char *invoice = json_member(answer, "invoice");
  char id[80], order[160], address[48], due[48], base[48], token[16];
  json_text(invoice, "id", id, sizeof id);
  json_text(invoice, "order_id", order, sizeof order);
  json_text(invoice, "address", address, sizeof address);
  json_text(invoice, "amount_due_text", due, sizeof due);
  json_text(invoice, "amount_due", base, sizeof base);
  json_text(invoice, "token", token, sizeof token);
  tronpay_free(answer);

  rc = sqlite3_prepare_v2(db, "UPDATE orders SET invoice_id = ? WHERE n = ?", -1, &st, NULL);
  if (!db_ok(db, rc, "prepare order update")) return 1;
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, n);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (!db_ok(db, rc, "update order")) return 1;
  printf("order %s: pay %s %s (%s base units) to %s for %s's %s (invoice %s)\n", order, due,
         token, base, address, player, item, id);
  return 0;
}

static long long read_cursor(sqlite3 *db) {
  sqlite3_stmt *st = NULL;
  long long seq = -1;
  if (!db_ok(db, sqlite3_prepare_v2(db, "SELECT seq FROM cursor WHERE id = 1", -1, &st, NULL),
             "prepare cursor"))
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW) seq = sqlite3_column_int64(st, 0);
  else db_ok(db, SQLITE_ERROR, "read cursor");
  sqlite3_finalize(st);
  return seq;
}

static int is_paid_event(const char *type) {
  for (size_t i = 0; i < sizeof PAID_EVENTS / sizeof PAID_EVENTS[0]; i++)
    if (strcmp(type, PAID_EVENTS[i]) == 0) return 1;
  return 0;
}

/* One page of events in one transaction: the grants it makes and the cursor past it. Returns
 * the number of events read (0: nothing new), or -1 on an error (nothing written). */
static int apply_page(sqlite3 *db, const char *page, long long *cursor) {
  const char *list = json_member(page, "events");
  if (!list || *list != '[') {
    fprintf(stderr, "game_server: events_list answered without an events array\n");
    return -1;
  }
  const char *first = json_first(page, "events");
  if (!first) return 0;
  /* IMMEDIATE: take the write lock first, so two serve processes on one game database queue
   * here instead of failing half-way with SQLITE_BUSY. */
  if (!db_exec(db, "BEGIN IMMEDIATE")) return -1;
  sqlite3_stmt *grant = NULL, *move = NULL;
  int count = 0, failed = 0;
  long long last = *cursor;
  failed = !db_ok(db, sqlite3_prepare_v2(db,
                                         "INSERT OR IGNORE INTO grants (invoice_id, player, item,"
                                         " event_id, event_seq, granted_at_ms)"
                                         " VALUES (?,?,?,?,?,?)",
                                         -1, &grant, NULL),
                  "prepare grant") ||
           !db_ok(db, sqlite3_prepare_v2(db, "UPDATE cursor SET seq = ? WHERE id = 1", -1, &move,
                                         NULL),
                  "prepare cursor update");
  for (const char *event = first; event && !failed; event = json_next(event), count++) {
    char type[40], event_id[80], invoice_id[80], order[160], player[80], item[80];
    long long seq = json_int(event, "seq", -1);
    if (seq <= last) {
      fprintf(stderr, "game_server: events out of order (%lld after %lld)\n", seq, last);
      failed = 1;
      break;
    }
    last = seq;
    json_text(event, "type", type, sizeof type);
    if (is_paid_event(type)) {
      const char *invoice = json_member(json_member(event, "data"), "invoice");
      const char *metadata = json_member(invoice, "metadata");
      json_text(event, "id", event_id, sizeof event_id);
      json_text(invoice, "id", invoice_id, sizeof invoice_id);
      json_text(invoice, "order_id", order, sizeof order);
      json_text(metadata, "player", player, sizeof player);
      json_text(metadata, "item", item, sizeof item);
      /* Only the game's own orders: the store may also serve a shop with other invoices. */
      if (strncmp(order, "game-", 5) == 0 && invoice_id[0] && player[0] && item[0]) {
        sqlite3_reset(grant);
        sqlite3_bind_text(grant, 1, invoice_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(grant, 2, player, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(grant, 3, item, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(grant, 4, event_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(grant, 5, seq);
        sqlite3_bind_int64(grant, 6, now_ms());
        failed = !db_ok(db, sqlite3_step(grant), "insert grant");
      }
    }
  }
  if (!failed) {
    sqlite3_bind_int64(move, 1, last);
    failed = !db_ok(db, sqlite3_step(move), "move cursor");
  }
  sqlite3_finalize(grant);
  sqlite3_finalize(move);
  if (failed || !db_exec(db, "COMMIT")) {
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  *cursor = last;
  return count;
}

/* The grants a committed page made, printed from the database (after the commit, so a line is
 * never printed for a grant that was rolled back). */
static int print_grants(sqlite3 *db, long long after, long long upto) {
  sqlite3_stmt *st = NULL;
  if (!db_ok(db, sqlite3_prepare_v2(db, "SELECT item, player, invoice_id FROM grants"
                                        " WHERE event_seq > ? AND event_seq <= ? ORDER BY event_seq",
                                    -1, &st, NULL),
             "prepare grant list"))
    return 0;
  sqlite3_bind_int64(st, 1, after);
  sqlite3_bind_int64(st, 2, upto);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    printf("granted %s to %s (invoice %s)\n", (const char *)sqlite3_column_text(st, 0),
           (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
  sqlite3_finalize(st);
  fflush(stdout);
  return db_ok(db, rc, "list grants");
}

static int serve(tronpay_engine *engine, sqlite3 *db, int until_idle, long poll_ms, long batch) {
  long long cursor = read_cursor(db);
  if (cursor < 0) return 1;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: the poll sleep ends at once */
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  while (!stopping) {
    char *page = NULL;
    if (!ok(tronpay_events_list(engine, &page, cursor, (uint32_t)batch), "events_list")) return 1;
    long long before = cursor;
    int n = apply_page(db, page, &cursor);
    tronpay_free(page);
    if (n < 0) return 1;
    if (n > 0) {
      if (!print_grants(db, before, cursor)) return 1;
      continue; /* more may be waiting behind a full page */
    }
    if (until_idle) break;
    struct timespec pause = {poll_ms / 1000, (poll_ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
  }
  return 0;
}

static int usage(void) {
  fprintf(stderr,
          "usage: game_server --config TRONPAY_JSON --db GAME_DB buy PLAYER ITEM PRICE\n"
          "       game_server --config TRONPAY_JSON --db GAME_DB serve [--until-idle]"
          " [--poll-ms N] [--batch N]\n");
  return 64;
}

int main(int argc, char **argv) {
  const char *config_path = NULL, *db_path = NULL;
  int i = 1;
  for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
    if (strcmp(argv[i], "--config") == 0) config_path = argv[i + 1];
    else if (strcmp(argv[i], "--db") == 0) db_path = argv[i + 1];
    else return usage();
  }
  if (!config_path || !db_path || i >= argc) return usage();
  const char *command = argv[i++];
  int until_idle = 0;
  long poll_ms = 1000, batch = 100;
  if (strcmp(command, "buy") == 0) {
    if (argc - i != 3) return usage();
  } else if (strcmp(command, "serve") == 0) {
    for (; i < argc; i++) {
      if (strcmp(argv[i], "--until-idle") == 0) until_idle = 1;
      else if (strcmp(argv[i], "--poll-ms") == 0 && i + 1 < argc) poll_ms = atol(argv[++i]);
      else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) batch = atol(argv[++i]);
      else return usage();
    }
    /* events_list clamps its limit; a page of 0 would never advance. */
    if (poll_ms < 1 || poll_ms > 600000 || batch < 1 || batch > 1000) return usage();
  } else {
    return usage();
  }

  size_t len = 0;
  char *config = read_file(config_path, &len);
  if (!config) return 66;
  tronpay_engine *engine = NULL;
  tronpay_status s = tronpay_engine_open(&engine, config, len, now_ms());
  /* The config may carry webhook secrets and API keys: wiped, never printed. */
  tronpay_memzero(config, len);
  free(config);
  if (!ok(s, "engine_open")) return 1;
  sqlite3 *db = open_game_db(db_path);
  int rc = 1;
  if (db) {
    rc = strcmp(command, "buy") == 0 ? buy(engine, db, argv[i], argv[i + 1], argv[i + 2])
                                     : serve(engine, db, until_idle, poll_ms, batch);
    sqlite3_close(db);
  }
  tronpay_engine_close(engine);
  return rc;
}
