/* Planner mode through the C ABI (tronpay_sync_next, tronpay_sync_feed): misuse, the plan's
 * shape, a head answer applied, an unknown request id, the classes of failed answers, and the
 * lease between two handles on one store. The answers fed are the recorded chain of
 * examples/data/engine (the simulated node's shapes). */
#define _DEFAULT_SOURCE
#include <unistd.h>

#include "check.h"

static const int64_t NOW = 1780000030000; /* 10 blocks after the recorded chain's first */
static char DIR_PATH[] = "/tmp/tronpay-test-sync-XXXXXX";
static char CONFIG_A[1024], CONFIG_B[1024];

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
  if (len) *len = text ? (size_t)n : 0;
  return text;
}

static void text_member(const char *json, const char *key, char *out, size_t size) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char *at = strstr(json, pattern);
  out[0] = 0;
  if (!at) return;
  at += strlen(pattern);
  size_t n = 0;
  while (at[n] && at[n] != '"' && n + 1 < size) n++;
  memcpy(out, at, n);
  out[n] = 0;
}

static tronpay_engine *open_engine(const char *config) {
  tronpay_engine *e = NULL;
  CHECK_STATUS(tronpay_engine_open(&e, config, strlen(config), NOW), TRONPAY_OK);
  return e;
}

int main(void) {
  if (!mkdtemp(DIR_PATH)) return 1;
  const char *rest =
      "\"wallets\":[{\"id\":\"main\",\"xpub\":\"xpub6D1AabNHCupeiLM65ZR9UStMhJ1vCpyV4XbZdyhMZBiJX"
      "ALQtmn9p42VTQckoHVn8WNqS7dqnJokZHAHcHGoaQgmv8D45oNUKx6DZMNZBCd\"}],"
      "\"providers\":[{\"id\":\"node\",\"kind\":\"fullnode\",\"base_url\":\"http://127.0.0.1:1/\","
      "\"headers\":{\"TRON-PRO-API-KEY\":\"k\"}}],\"start_block\":80000000";
  snprintf(CONFIG_A, sizeof CONFIG_A, "{\"store\":\"sqlite:%s/s.db\",%s,\"worker_id\":\"a\"}",
           DIR_PATH, rest);
  snprintf(CONFIG_B, sizeof CONFIG_B, "{\"store\":\"sqlite:%s/s.db\",%s,\"worker_id\":\"b\"}",
           DIR_PATH, rest);
  tronpay_engine *a = open_engine(CONFIG_A);
  char *out = NULL;

  /* Misuse: every pointer, and a handle that is not one. */
  CHECK_STATUS(tronpay_sync_next(NULL, &out, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_next(a, NULL, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_feed(a, NULL, "r_1", 200, NULL, NULL, 0, 0, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_feed(a, &out, NULL, 200, NULL, NULL, 0, 0, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_feed(a, &out, "r_1", 200, NULL, NULL, 5, 0, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_feed(a, &out, "r_1", 1000, NULL, NULL, 0, 0, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_feed(a, &out, "r_1", 200, NULL, NULL, 0, 7, NOW), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_sync_feed(a, &out, "r_nope", 200, NULL, (const uint8_t *)"{}", 2, 0, NOW),
               TRONPAY_E_NOT_FOUND);
  CHECK(out == NULL);

  /* Nothing is watched yet: idle. */
  CHECK_STATUS(tronpay_sync_next(a, &out, NOW), TRONPAY_OK);
  CHECK(out && strstr(out, "\"kind\":\"idle\"") && strstr(out, "nothing_to_watch"));
  tronpay_free(out);
  out = NULL;
  out = NULL;
  const char *req = "{\"order_id\":\"S-1\",\"amount\":\"1\"}";
  CHECK_STATUS(tronpay_invoice_create(a, &out, req, strlen(req), NOW), TRONPAY_OK);
  tronpay_free(out);
  out = NULL;

  /* The first plan asks the head, with the provider's headers, and is fed the recorded block. */
  char *plan = NULL, id[32], purpose[32], url[128];
  CHECK_STATUS(tronpay_sync_next(a, &plan, NOW), TRONPAY_OK);
  CHECK(plan && strstr(plan, "\"kind\":\"http\"") && strstr(plan, "\"method\":\"POST\""));
  text_member(plan ? plan : "", "id", id, sizeof id);
  text_member(plan ? plan : "", "purpose", purpose, sizeof purpose);
  text_member(plan ? plan : "", "url", url, sizeof url);
  CHECK(strcmp(purpose, "head") == 0);
  CHECK(strcmp(url, "http://127.0.0.1:1/wallet/getnowblock") == 0);
  CHECK(plan && strstr(plan, "\"TRON-PRO-API-KEY\":\"k\""));
  tronpay_free(plan);
  plan = NULL;
  size_t block_len = 0;
  char *block = read_file("examples/data/engine/80000003.block.json", &block_len);
  CHECK(block != NULL);
  CHECK_STATUS(tronpay_sync_feed(a, &out, id, 200, "Content-Type: application/json\r\n",
                                 (const uint8_t *)block, block_len, TRONPAY_TRANSPORT_NONE, NOW),
               TRONPAY_OK);
  CHECK(out && strstr(out, "\"class\":\"ok\"") && strstr(out, "\"applied\":true"));
  tronpay_free(out);
  out = NULL;
  /* A request is fed once. */
  CHECK_STATUS(tronpay_sync_feed(a, &out, id, 200, NULL, (const uint8_t *)block, block_len, 0,
                                 NOW),
               TRONPAY_E_NOT_FOUND);
  char *health = NULL;
  CHECK_STATUS(tronpay_engine_health(a, &health, NOW), TRONPAY_OK);
  CHECK(health && strstr(health, "\"head\":80000003"));
  tronpay_free(health);
  health = NULL;

  /* The solidified head times out: transient, and the provider backs off. (The next request
   * may go out a tenth of a second later: max_rps defaults to 10.) */
  CHECK_STATUS(tronpay_sync_next(a, &plan, NOW), TRONPAY_OK);
  CHECK(plan && strstr(plan, "\"reason\":\"rate_limited\"") && strstr(plan, "1780000030100"));
  tronpay_free(plan);
  plan = NULL;
  CHECK_STATUS(tronpay_sync_next(a, &plan, NOW + 100), TRONPAY_OK);
  text_member(plan ? plan : "", "id", id, sizeof id);
  CHECK(plan && strstr(plan, "\"purpose\":\"solid_head\""));
  tronpay_free(plan);
  plan = NULL;
  CHECK_STATUS(tronpay_sync_feed(a, &out, id, 0, NULL, NULL, 0, TRONPAY_TRANSPORT_TIMEOUT,
                                 NOW + 100),
               TRONPAY_OK);
  CHECK(out && strstr(out, "\"class\":\"transient\"") &&
        strstr(out, "\"retry_at_ms\":1780000031100"));
  tronpay_free(out);
  out = NULL;
  CHECK_STATUS(tronpay_sync_next(a, &plan, NOW + 200), TRONPAY_OK);
  CHECK(plan && strstr(plan, "\"kind\":\"wait\"") && strstr(plan, "\"reason\":\"backoff\""));
  tronpay_free(plan);
  plan = NULL;
  CHECK_STATUS(tronpay_engine_health(a, &health, NOW + 200), TRONPAY_OK);
  CHECK(health && strstr(health, "\"state\":\"backoff\""));
  tronpay_free(health);
  health = NULL;

  /* One scanner: a second process on the store is idle while the first holds the lease. */
  tronpay_engine *b = open_engine(CONFIG_B);
  CHECK_STATUS(tronpay_sync_next(b, &plan, NOW + 20), TRONPAY_OK);
  CHECK(plan && strstr(plan, "\"reason\":\"lease_held\""));
  tronpay_free(plan);
  plan = NULL;
  CHECK_STATUS(tronpay_sync_next(b, &plan, NOW + 40000), TRONPAY_OK);
  CHECK(plan && !strstr(plan, "lease_held"));
  tronpay_free(plan);
  plan = NULL;

  /* Push mode only: no providers, no planner. */
  char config[512];
  snprintf(config, sizeof config, "{\"store\":\"sqlite:%s/push.db\"}", DIR_PATH);
  tronpay_engine *push = open_engine(config);
  CHECK_STATUS(tronpay_sync_next(push, &out, NOW), TRONPAY_E_STATE);
  tronpay_engine_close(push);
  tronpay_engine_close(a);
  CHECK_STATUS(tronpay_sync_next(a, &out, NOW), TRONPAY_E_ARG);
  tronpay_engine_close(b);
  free(block);
  char command[128];
  snprintf(command, sizeof command, "rm -rf %s", DIR_PATH);
  if (system(command) != 0) return 1;
  return check_summary("test_sync");
}
