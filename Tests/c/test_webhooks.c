/* Webhooks through the C ABI: the published Standard Webhooks vector and the reference suites'
 * negative table, the epusdt wiki vector, the derived callback vector and a numeric zero, hostile
 * parameters, and what every failure leaves behind (vectors: Tests/vectors/webhooks.json). */
#include <stdint.h>

#include "check.h"

#define SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define MSG_ID "msg_p5jXN8AQM9LWM0D4loKWxJek"
#define TS 1614265330
#define TS_TEXT "1614265330"
#define BODY "{\"test\": 2432232314}"
#define GOOD "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
#define WRONG "jd8+iQvkzvHYyjEbijSF2QRLr7jKlx7Y0PC1Y/q4gRM="
#define TOKEN "epusdt_password_xasddawqe"

static tronpay_status verify_body(const char *secret, const char *id, const char *ts,
                                  const char *header, const char *body, int64_t now,
                                  int64_t tolerance) {
  return tronpay_webhook_verify(secret, id, ts, header, (const uint8_t *)body, strlen(body), now,
                                tolerance);
}

static void standard_vector(void) {
  char *sig = NULL;
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, MSG_ID, TS, (const uint8_t *)BODY, strlen(BODY)),
               TRONPAY_OK);
  CHECK(sig != NULL && strcmp(sig, "v1," GOOD) == 0);
  tronpay_free(sig);
  sig = NULL;
  /* The same key without the prefix. */
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET + 6, MSG_ID, TS, (const uint8_t *)BODY,
                                    strlen(BODY)),
               TRONPAY_OK);
  CHECK(sig != NULL && strcmp(sig, "v1," GOOD) == 0);
  tronpay_free(sig);
  /* Python-computed (scripts/gen-webhook-vectors.py): an empty body, and a 64-byte key. */
  sig = NULL;
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, "evt_1", 0, NULL, 0), TRONPAY_OK);
  CHECK(sig != NULL && strcmp(sig, "v1,GQ7zWhW0206Y+e7k/VRgncw/0EJLtGchZ5xIu5HX/Vw=") == 0);
  tronpay_free(sig);
  sig = NULL;
  const char *key64 =
      "whsec_QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+"
      "fw==";
  const char *utf8 = "{\"note\":\"\xc3\xa9 \xe2\x80\x94 \xe2\x9c\x93\"}";
  CHECK_STATUS(tronpay_webhook_sign(&sig, key64, "evt_\xc3\xbc", INT64_MAX, (const uint8_t *)utf8,
                                    strlen(utf8)),
               TRONPAY_OK);
  CHECK(sig != NULL && strcmp(sig, "v1,fLpome8mfyIMREqGy9DSRMnlg7B+cQ41VzCB3ZoPk+c=") == 0);
  tronpay_free(sig);
}

struct verify_case {
  const char *name, *secret, *id, *ts, *header, *body;
  int64_t now, tolerance;
  tronpay_status expected;
};

/* The negative table of standard-webhooks' suites (libraries/go/webhook_test.go) and the edges of
 * each rule; the same rows as standard_webhooks.verify in Tests/vectors/webhooks.json. */
static const struct verify_case CASES[] = {
    {"valid", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_OK},
    {"secret without prefix", SECRET + 6, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_OK},
    {"old edge", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS + 300, 300, TRONPAY_OK},
    {"new edge", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS - 300, 300, TRONPAY_OK},
    {"tolerance 0", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, 0, TRONPAY_OK},
    {"missing id", SECRET, "", TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"missing timestamp", SECRET, MSG_ID, "", "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"missing signature", SECRET, MSG_ID, TS_TEXT, "", BODY, TS, 300, TRONPAY_E_VERIFY},
    {"v1 empty signature", SECRET, MSG_ID, TS_TEXT, "v1,", BODY, TS, 300, TRONPAY_E_VERIFY},
    {"wrong signature", SECRET, MSG_ID, TS_TEXT, "v1," WRONG, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"other body", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, "{\"test\": 2432232315}", TS, 300,
     TRONPAY_E_VERIFY},
    {"other id", SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJeK", TS_TEXT, "v1," GOOD, BODY, TS, 300,
     TRONPAY_E_VERIFY},
    {"other timestamp", SECRET, MSG_ID, "1614265331", "v1," GOOD, BODY, TS + 1, 300,
     TRONPAY_E_VERIFY},
    {"too old", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS + 301, 300, TRONPAY_E_VERIFY},
    {"too new", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS - 301, 300, TRONPAY_E_VERIFY},
    {"far future now", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, INT64_MAX, INT64_MAX - TS - 1,
     TRONPAY_E_VERIFY},
    {"now at INT64_MIN", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, INT64_MIN, INT64_MAX,
     TRONPAY_E_VERIFY},
    {"huge tolerance", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, INT64_MAX, INT64_MAX, TRONPAY_OK},
    {"several, one valid", SECRET, MSG_ID, TS_TEXT, "v1," WRONG " v1," GOOD, BODY, TS, 300,
     TRONPAY_OK},
    {"several, none valid", SECRET, MSG_ID, TS_TEXT, "v1," WRONG " v1," WRONG, BODY, TS, 300,
     TRONPAY_E_VERIFY},
    {"v2 ignored", SECRET, MSG_ID, TS_TEXT, "v1," WRONG " v2," GOOD, BODY, TS, 300,
     TRONPAY_E_VERIFY},
    {"v1a ignored", SECRET, MSG_ID, TS_TEXT, "v1a," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"valid after v2", SECRET, MSG_ID, TS_TEXT, "v2," GOOD " v1," GOOD, BODY, TS, 300, TRONPAY_OK},
    {"extra spaces", SECRET, MSG_ID, TS_TEXT, "  v1," WRONG "   v1," GOOD " ", BODY, TS, 300,
     TRONPAY_OK},
    {"version only", SECRET, MSG_ID, TS_TEXT, "v1", BODY, TS, 300, TRONPAY_E_VERIFY},
    {"unpadded", SECRET, MSG_ID, TS_TEXT, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE", BODY,
     TS, 300, TRONPAY_E_VERIFY},
    {"upper-case version", SECRET, MSG_ID, TS_TEXT, "V1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"id with a dot", SECRET, "msg.1", TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"timestamp +", SECRET, MSG_ID, "+" TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"timestamp 0-led", SECRET, MSG_ID, "0" TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"timestamp .0", SECRET, MSG_ID, TS_TEXT ".0", "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"timestamp space", SECRET, MSG_ID, TS_TEXT " ", "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"timestamp -1", SECRET, MSG_ID, "-1", "v1," GOOD, BODY, TS, 300, TRONPAY_E_VERIFY},
    {"timestamp > int64", SECRET, MSG_ID, "9223372036854775808", "v1," GOOD, BODY, TS, 300,
     TRONPAY_E_VERIFY},
    {"secret not base64", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!", MSG_ID, TS_TEXT, "v1," GOOD,
     BODY, TS, 300, TRONPAY_E_ARG},
    {"secret bad length", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", MSG_ID, TS_TEXT, "v1," GOOD,
     BODY, TS, 300, TRONPAY_E_ARG},
    {"empty secret", "whsec_", MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_E_ARG},
    {"bare empty secret", "", MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, 300, TRONPAY_E_ARG},
    {"secret with newline", SECRET "\n", MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, 300,
     TRONPAY_E_ARG},
    {"negative tolerance", SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS, -1, TRONPAY_E_ARG},
};

static void standard_table(void) {
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    const struct verify_case *c = &CASES[i];
    tronpay_status s = verify_body(c->secret, c->id, c->ts, c->header, c->body, c->now,
                                   c->tolerance);
    if (s != c->expected)
      fprintf(stderr, "case '%s': %s, expected %s (%s)\n", c->name, tronpay_status_str(s),
              tronpay_status_str(c->expected), tronpay_last_error());
    CHECK(s == c->expected);
    /* A failure says why, and never shows the secret. */
    if (s != TRONPAY_OK) CHECK(strlen(tronpay_last_error()) > 0);
    CHECK(strstr(tronpay_last_error(), "MfKQ9r8G") == NULL);
  }
  verify_body(SECRET, MSG_ID, TS_TEXT, "v1," GOOD, BODY, TS + 301, 300);
  CHECK(strcmp(tronpay_last_error(), "webhook-timestamp is more than 300 s old") == 0);
  verify_body(SECRET, MSG_ID, TS_TEXT, "v2," GOOD, BODY, TS, 300);
  CHECK(strcmp(tronpay_last_error(), "webhook-signature has no v1 entry") == 0);
  verify_body("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!", MSG_ID, TS_TEXT, "", BODY, TS, 300);
  CHECK(strcmp(tronpay_last_error(), "secret: base64: character at offset 31 is not base64") == 0);
}

/* Bodies of every length up to 2 KiB with random bytes (NULs included): what is signed verifies,
 * any one flipped byte of the body does not. */
static void round_trips(void) {
  static uint8_t body[2048];
  uint32_t x = 2463534242u;
  for (size_t len = 0; len <= sizeof body; len += 37) {
    for (size_t i = 0; i < len; i++) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      body[i] = (uint8_t)x;
    }
    char *sig = NULL;
    CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, "evt_r", 1700000000 + (int64_t)len, body, len),
                 TRONPAY_OK);
    if (!sig) continue;
    CHECK(strlen(sig) == 47);
    char ts[24];
    snprintf(ts, sizeof ts, "%lld", (long long)(1700000000 + (int64_t)len));
    CHECK_STATUS(tronpay_webhook_verify(SECRET, "evt_r", ts, sig, body, len, 1700000000, 100000),
                 TRONPAY_OK);
    if (len > 0) {
      body[len / 2] ^= 1;
      CHECK_STATUS(tronpay_webhook_verify(SECRET, "evt_r", ts, sig, body, len, 1700000000, 100000),
                   TRONPAY_E_VERIFY);
    }
    tronpay_free(sig);
  }
}

static void sign_refusals(void) {
  char *sig = (char *)0x1;
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, "", TS, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, "a.b", TS, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, "a\r\nX: y", TS, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, MSG_ID, -1, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, MSG_ID, INT64_MIN, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, "whsec_Zh==", MSG_ID, TS, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, "whsec_MfKQ-r8G", MSG_ID, TS, NULL, 0), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, MSG_ID, TS, NULL, 5), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_webhook_sign(&sig, SECRET, MSG_ID, TS, (const uint8_t *)"x", SIZE_MAX),
               TRONPAY_E_ARG);
  CHECK(sig == (char *)0x1); /* untouched */
}

/* ---- epusdt ---- */

#define WIKI                                                                                  \
  "{\"order_id\":\"20220201030210321\",\"amount\":42,\"notify_url\":\"http://example.com/notify\"," \
  "\"redirect_url\":\"http://example.com/redirect\"}"
#define CALLBACK_HEAD                                                                         \
  "{\"trade_id\":\"202203251648208648961728\",\"order_id\":\"2022123321312321321\",\"amount\":100,"
#define CALLBACK                                                                              \
  CALLBACK_HEAD "\"actual_amount\":15.625,\"token\":\"TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK\","        \
                "\"block_transaction_id\":\"123333333321232132131\",\"status\":2"
#define EXPIRED                                                                               \
  CALLBACK_HEAD "\"actual_amount\":0,\"token\":\"TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK\","             \
                "\"block_transaction_id\":\"\",\"status\":3}"

static tronpay_status esign(char out[33], const char *params) {
  return tronpay_epusdt_sign(out, params, strlen(params), TOKEN);
}

static tronpay_status everify(const char *params) {
  return tronpay_epusdt_verify(params, strlen(params), TOKEN);
}

static void epusdt_vectors(void) {
  char out[TRONPAY_EPUSDT_SIGNATURE_SIZE];
  CHECK(tronpay_size_epusdt_signature() == TRONPAY_EPUSDT_SIGNATURE_SIZE);
  /* assimon/epusdt wiki/API.md (published). */
  CHECK_STATUS(esign(out, WIKI), TRONPAY_OK);
  CHECK(strcmp(out, "1cd4b52df5587cfb1968b0c0c6e156cd") == 0);
  /* The wiki's callback body, signed by the Go rules (engine-research.md §4). */
  CHECK_STATUS(esign(out, CALLBACK "}"), TRONPAY_OK);
  CHECK(strcmp(out, "a9a2530ea673dbf920e50ff6a9ce4789") == 0);
  CHECK_STATUS(everify(CALLBACK ",\"signature\":\"a9a2530ea673dbf920e50ff6a9ce4789\"}"), TRONPAY_OK);
  CHECK_STATUS(everify(CALLBACK ",\"signature\":\"A9A2530EA673DBF920E50FF6A9CE4789\"}"),
               TRONPAY_E_VERIFY);
  CHECK_STATUS(everify(CALLBACK ",\"signature\":\"a9a2530ea673dbf920e50ff6a9ce4788\"}"),
               TRONPAY_E_VERIFY);
  CHECK_STATUS(everify(CALLBACK "}"), TRONPAY_E_VERIFY);
  CHECK_STATUS(everify(CALLBACK ",\"signature\":null}"), TRONPAY_E_VERIFY);
  /* A signature member is not signed: the same result with it. */
  CHECK_STATUS(esign(out, CALLBACK ",\"signature\":\"whatever\"}"), TRONPAY_OK);
  CHECK(strcmp(out, "a9a2530ea673dbf920e50ff6a9ce4789") == 0);
  /* A numeric zero is kept as "0", an empty string dropped (computed by the Go rules with
   * Python: scripts/gen-webhook-vectors.py and bindings/python/tests/test_webhooks.py). */
  CHECK_STATUS(esign(out, EXPIRED), TRONPAY_OK);
  CHECK(strcmp(out, "ad6105c15068f8359f6a35b0041453bd") == 0);
  /* Number forms and huge numbers, as Go formats the float64. */
  CHECK_STATUS(esign(out, "{\"a\":1e2,\"b\":15.6250,\"c\":1E-7,\"d\":-0,\"e\":0.1,\"f\":1e21,"
                          "\"g\":-2.5e-3,\"h\":9007199254740993,"
                          "\"i\":123456789012345678901234567890,\"j\":5e-324,"
                          "\"k\":1.7976931348623157e308,\"l\":0.30000000000000004,\"m\":1e-400}"),
               TRONPAY_OK);
  CHECK(strcmp(out, "fce9b5feca6d2d9a4f991b46b403b2de") == 0);
  /* Failures leave out untouched. */
  memset(out, 'x', sizeof out);
  CHECK_STATUS(esign(out, "{\"paid\":true}"), TRONPAY_E_JSON);
  CHECK(out[0] == 'x' && out[32] == 'x');
}

static void epusdt_hostile(void) {
  char out[33];
  const char *json_errors[] = {
      "{\"amount\":1,\"paid\":true}",
      "{\"amount\":1,\"paid\":false}",
      "{\"amount\":1,\"list\":[1,2]}",
      "{\"amount\":1,\"list\":[]}",
      "{\"amount\":1,\"meta\":{\"a\":1}}",
      "{\"amount\":1,\"meta\":{}}",
      "[{\"amount\":1}]",
      "\"amount=1\"",
      "42",
      "null",
      "{\"amount\":1e400}",
      "{\"amount\":-1.8e308}",
      "{\"amount\":1,\"amount\":2}",
      "{\"amount\":1,}",
      "{\"amount\":01}",
      "{\"amount\":NaN}",
      "{\"order_id\":\"A-\xff\xfe\"}",
      "{\"\xc0\xaf\":\"1\"}",
      "{\"a\":\"\\ud800\"}",
      "{\"a\":1} x",
      "",
  };
  for (size_t i = 0; i < sizeof json_errors / sizeof json_errors[0]; i++) {
    tronpay_status s = esign(out, json_errors[i]);
    if (s != TRONPAY_E_JSON) fprintf(stderr, "params %zu: %s\n", i, tronpay_status_str(s));
    CHECK(s == TRONPAY_E_JSON);
    CHECK_STATUS(everify(json_errors[i]), TRONPAY_E_JSON);
  }
  esign(out, "{\"amount\":1,\"paid\":true}");
  CHECK(strcmp(tronpay_last_error(),
               "epusdt: \"paid\" is a boolean; only strings, numbers and null can be signed") == 0);
  /* Deep nesting is refused by the reader's depth limit, long numbers before conversion. */
  static char deep[4096];
  size_t n = 0;
  deep[n++] = '{', deep[n++] = '"', deep[n++] = 'a', deep[n++] = '"', deep[n++] = ':';
  for (int i = 0; i < 1000; i++) deep[n++] = '[';
  deep[n] = 0;
  CHECK_STATUS(esign(out, deep), TRONPAY_E_JSON);
  static char big[6000];
  strcpy(big, "{\"n\":1");
  memset(big + 6, '0', 5000);
  strcpy(big + 5006, "}");
  CHECK_STATUS(esign(out, big), TRONPAY_E_JSON);
  /* 4096 digits are still read (1e4095 is beyond float64: refused as out of range). */
  big[4096 + 5] = '}';
  big[4096 + 6] = 0;
  CHECK_STATUS(esign(out, big), TRONPAY_E_JSON);
  CHECK(strstr(tronpay_last_error(), "outside float64") != NULL);
  /* An empty token signs nothing. */
  CHECK_STATUS(tronpay_epusdt_sign(out, WIKI, strlen(WIKI), ""), TRONPAY_E_ARG);
  CHECK_STATUS(tronpay_epusdt_verify(WIKI, strlen(WIKI), ""), TRONPAY_E_ARG);
  /* Lengths past the JSON limit are refused before anything is read. */
  CHECK_STATUS(tronpay_epusdt_sign(out, "{}", (size_t)64 * 1024 * 1024 + 1, TOKEN), TRONPAY_E_JSON);
  CHECK_STATUS(tronpay_epusdt_verify("{}", SIZE_MAX, TOKEN), TRONPAY_E_JSON);
}

int main(void) {
  standard_vector();
  standard_table();
  round_trips();
  sign_refusals();
  epusdt_vectors();
  epusdt_hostile();
  return check_summary("test_webhooks");
}
