/*
 * The engine block of addon.c (sections "Engine" to "Disputes and refunds" of tronpay.h),
 * included once by addon.c after its helpers; kept in its own file so that the engine and the
 * stateless functions can change apart.
 *
 * One native entry point, engineCall(op * 2 + async, handle, ...args), converts the arguments of
 * the operation `op` (a row of ENGINE_OPS) into a call record, then either runs it at once
 * (returning the JSON text, or undefined for the calls without one) or queues it as
 * napi_async_work on libuv's thread pool and returns a Promise. The C call itself never touches
 * JavaScript, so it runs on the worker thread as well as on the main one: the library's
 * registry check, its per-handle serialisation and its thread-local last error make that safe
 * (the detail text is copied on the thread that failed). engineOpen / engineClose manage the
 * handle, an External whose finalizer closes an engine the program forgot (closing twice is a
 * no-op in the library).
 */

/* Argument kinds: J JSON text with its length, T text, t text or null (NULL), L int64 (BigInt
 * or safe integer), I int32, U uint32, B bytes (Buffer / Uint8Array), S signatures (Buffer of
 * n × 65 bytes: count = n). */
typedef enum {
  OP_HEALTH,
  OP_INVOICE_CREATE,
  OP_INVOICE_GET,
  OP_INVOICE_LIST,
  OP_INVOICE_CANCEL,
  OP_INVOICE_RESOLVE,
  OP_AUDIT_LIST,
  OP_CHAIN_TIP,
  OP_CHAIN_BLOCK,
  OP_CHAIN_DISCONNECT,
  OP_CHAIN_EVIDENCE,
  OP_EVENTS_LIST,
  OP_OUTBOX_NEXT,
  OP_OUTBOX_ACK,
  OP_OUTBOX_REDELIVER,
  OP_DISPUTE_LOOKUP,
  OP_REFUND_CREATE,
  OP_REFUND_SUBMIT,
  OP_REFUND_GET,
  OP_SYNC_NEXT,
  OP_SYNC_FEED,
  OP_OPEN, /* engineOpen's async form */
  OP_COUNT
} engine_op;

static const char *const ENGINE_OPS[OP_COUNT] = {
    [OP_HEALTH] = "L",          [OP_INVOICE_CREATE] = "JL",  [OP_INVOICE_GET] = "TL",
    [OP_INVOICE_LIST] = "JL",   [OP_INVOICE_CANCEL] = "TTTL", [OP_INVOICE_RESOLVE] = "JL",
    [OP_AUDIT_LIST] = "J",      [OP_CHAIN_TIP] = "JL",       [OP_CHAIN_BLOCK] = "JJL",
    [OP_CHAIN_DISCONNECT] = "LTL", [OP_CHAIN_EVIDENCE] = "JL", [OP_EVENTS_LIST] = "LU",
    [OP_OUTBOX_NEXT] = "UL",    [OP_OUTBOX_ACK] = "TIBItL",  [OP_OUTBOX_REDELIVER] = "TTL",
    [OP_DISPUTE_LOOKUP] = "TL", [OP_REFUND_CREATE] = "JL",   [OP_REFUND_SUBMIT] = "TSL",
    [OP_REFUND_GET] = "T",      [OP_SYNC_NEXT] = "L",        [OP_SYNC_FEED] = "TItBIL",
    [OP_OPEN] = "JL",
};

#define ENGINE_MAX_ARGS 6

typedef struct {
  engine_op op;
  tronpay_engine *engine;
  char *text[ENGINE_MAX_ARGS]; /* J, T, t: malloc'd copies (NULL for a null t) */
  size_t len[ENGINE_MAX_ARGS]; /* J: byte length; S: signature count */
  int64_t i64[ENGINE_MAX_ARGS];
  int32_t i32[ENGINE_MAX_ARGS];
  uint32_t u32[ENGINE_MAX_ARGS];
  uint8_t *bytes[ENGINE_MAX_ARGS]; /* B, S: malloc'd copies (the async call outlives the JS
                                      values) */
  tronpay_status status;
  char *out;
  tronpay_engine *opened;
  char detail[512];
  napi_async_work work;
  napi_deferred deferred;
  napi_ref keep; /* the handle External, alive while the work runs */
} engine_call;

static void engine_call_free(napi_env env, engine_call *c) {
  for (int i = 0; i < ENGINE_MAX_ARGS; i++) {
    free(c->text[i]);
    free(c->bytes[i]);
  }
  if (c->out) lib.free(c->out);
  if (c->keep) napi_delete_reference(env, c->keep);
  free(c);
}

/* The C call: runs on the main thread or a worker, never touches JavaScript. */
static void engine_execute(napi_env env, void *data) {
  (void)env;
  engine_call *c = data;
  tronpay_engine *e = c->engine;
  char **o = &c->out;
  char *const *t = c->text;
  const size_t *n = c->len;
  const int64_t *l = c->i64;
  switch (c->op) {
    case OP_HEALTH: c->status = lib.engine_health(e, o, l[0]); break;
    case OP_INVOICE_CREATE: c->status = lib.invoice_create(e, o, t[0], n[0], l[1]); break;
    case OP_INVOICE_GET: c->status = lib.invoice_get(e, o, t[0], l[1]); break;
    case OP_INVOICE_LIST: c->status = lib.invoice_list(e, o, t[0], n[0], l[1]); break;
    case OP_INVOICE_CANCEL: c->status = lib.invoice_cancel(e, o, t[0], t[1], t[2], l[3]); break;
    case OP_INVOICE_RESOLVE: c->status = lib.invoice_resolve(e, o, t[0], n[0], l[1]); break;
    case OP_AUDIT_LIST: c->status = lib.audit_list(e, o, t[0], n[0]); break;
    case OP_CHAIN_TIP: c->status = lib.chain_tip(e, o, t[0], n[0], l[1]); break;
    case OP_CHAIN_BLOCK: c->status = lib.chain_block(e, o, t[0], n[0], t[1], n[1], l[2]); break;
    case OP_CHAIN_DISCONNECT: c->status = lib.chain_disconnect(e, o, l[0], t[1], l[2]); break;
    case OP_CHAIN_EVIDENCE: c->status = lib.chain_evidence(e, o, t[0], n[0], l[1]); break;
    case OP_EVENTS_LIST: c->status = lib.events_list(e, o, l[0], c->u32[1]); break;
    case OP_OUTBOX_NEXT: c->status = lib.outbox_next(e, o, c->u32[0], l[1]); break;
    case OP_OUTBOX_ACK:
      c->status = lib.outbox_ack(e, t[0], c->i32[1], c->bytes[2], n[2], c->i32[3], t[4], l[5]);
      break;
    case OP_OUTBOX_REDELIVER: c->status = lib.outbox_redeliver(e, t[0], t[1], l[2]); break;
    case OP_DISPUTE_LOOKUP: c->status = lib.dispute_lookup(e, o, t[0], l[1]); break;
    case OP_REFUND_CREATE: c->status = lib.refund_create(e, o, t[0], n[0], l[1]); break;
    case OP_REFUND_SUBMIT: c->status = lib.refund_submit(e, o, t[0], c->bytes[1], n[1], l[2]); break;
    case OP_REFUND_GET: c->status = lib.refund_get(e, o, t[0]); break;
    case OP_SYNC_NEXT: c->status = lib.sync_next(e, o, l[0]); break;
    case OP_SYNC_FEED:
      c->status = lib.sync_feed(e, o, t[0], c->i32[1], t[2], c->bytes[3], n[3], c->i32[4], l[5]);
      break;
    case OP_OPEN: c->status = lib.engine_open(&c->opened, t[0], n[0], l[1]); break;
    default: c->status = TRONPAY_E_INTERNAL; break;
  }
  if (c->status != TRONPAY_OK) snprintf(c->detail, sizeof c->detail, "%s", lib.last_error());
}

static void engine_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  lib.engine_close((tronpay_engine *)data); /* a no-op once closed */
}

static napi_value engine_handle_value(napi_env env, tronpay_engine *e) {
  napi_value external;
  if (napi_create_external(env, e, engine_finalize, NULL, &external) != napi_ok) return NULL;
  return external;
}

/* The result of a finished call, or NULL with an exception pending (for the sync form), or the
 * error object (*error set) for the async form. */
static napi_value engine_result(napi_env env, engine_call *c, napi_value *error) {
  if (c->status != TRONPAY_OK) {
    napi_value ctor, args[3];
    *error = NULL;
    if (error_class != NULL && napi_get_reference_value(env, error_class, &ctor) == napi_ok &&
        napi_create_int32(env, c->status, &args[0]) == napi_ok &&
        napi_create_string_utf8(env, lib.status_str(c->status), NAPI_AUTO_LENGTH, &args[1]) ==
            napi_ok &&
        napi_create_string_utf8(env, c->detail, NAPI_AUTO_LENGTH, &args[2]) == napi_ok) {
      napi_new_instance(env, ctor, 3, args, error);
    }
    if (*error == NULL) {
      napi_value message;
      napi_create_string_utf8(env, c->detail, NAPI_AUTO_LENGTH, &message);
      napi_create_error(env, NULL, message, error);
    }
    return NULL;
  }
  if (c->op == OP_OPEN) return engine_handle_value(env, c->opened);
  if (c->out == NULL) {
    napi_value undefined;
    napi_get_undefined(env, &undefined);
    return undefined;
  }
  return string_result(env, c->out);
}

static void engine_complete(napi_env env, napi_status status, void *data) {
  engine_call *c = data;
  napi_value error = NULL, result = NULL;
  if (status != napi_ok) {
    c->status = TRONPAY_E_INTERNAL;
    snprintf(c->detail, sizeof c->detail, "the asynchronous call was cancelled");
  }
  result = engine_result(env, c, &error);
  if (result != NULL) {
    napi_resolve_deferred(env, c->deferred, result);
  } else {
    if (c->op == OP_OPEN && c->status == TRONPAY_OK) lib.engine_close(c->opened);
    napi_reject_deferred(env, c->deferred, error);
  }
  napi_delete_async_work(env, c->work);
  engine_call_free(env, c);
}

/* Copies a Buffer / Uint8Array argument. */
static bool engine_bytes(call_args *a, size_t i, const char *what, uint8_t **out, size_t *len) {
  bytes_arg b;
  if (!get_bytes(a, i, what, 0, &b)) return false;
  *out = malloc(b.len ? b.len : 1);
  if (*out == NULL) {
    throw_tronpay(a->env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL", "out of memory");
    return false;
  }
  if (b.len) memcpy(*out, b.ptr, b.len);
  *len = b.len;
  return true;
}

/* Reads the arguments of `op` from a.argv[first…] into c; false with an exception pending. */
static bool engine_args(call_args *a, size_t first, engine_call *c) {
  const char *spec = ENGINE_OPS[c->op];
  for (size_t k = 0; spec[k]; k++) {
    size_t i = first + k;
    char what[32];
    snprintf(what, sizeof what, "argument %zu", k + 1);
    switch (spec[k]) {
      case 'J':
        if ((c->text[k] = read_string(a, i, what, &c->len[k], true)) == NULL) return false;
        break;
      case 't':
        if (is_nullish(a, i)) break;
        /* fall through */
      case 'T':
        if ((c->text[k] = get_text(a, i, what, NULL)) == NULL) return false;
        break;
      case 'L':
        if (!value_i64(a->env, a->argv[i], what, &c->i64[k])) return false;
        break;
      case 'I': {
        int64_t v;
        if (!value_i64(a->env, a->argv[i], what, &v)) return false;
        if (v < INT32_MIN || v > INT32_MAX) {
          throw_arg(a->env, "an int32 argument is out of range");
          return false;
        }
        c->i32[k] = (int32_t)v;
        break;
      }
      case 'U':
        if (!get_u32(a, i, what, &c->u32[k])) return false;
        break;
      case 'B':
        if (!engine_bytes(a, i, what, &c->bytes[k], &c->len[k])) return false;
        break;
      case 'S':
        if (!engine_bytes(a, i, what, &c->bytes[k], &c->len[k])) return false;
        if (c->len[k] % 65 != 0) {
          throw_arg(a->env, "signatures must be a multiple of 65 bytes");
          return false;
        }
        c->len[k] /= 65;
        break;
      default:
        throw_arg(a->env, "bad engine operation table");
        return false;
    }
  }
  return true;
}

static tronpay_engine *engine_handle_arg(call_args *a, size_t i) {
  void *data = NULL;
  napi_valuetype type;
  napi_typeof(a->env, a->argv[i], &type);
  if (type == napi_external) napi_get_value_external(a->env, a->argv[i], &data);
  return data; /* anything else is NULL: the library refuses it (TRONPAY_E_ARG) */
}

/* Runs or queues one call; c is consumed. */
static napi_value engine_run(napi_env env, engine_call *c, bool async, napi_value keep) {
  if (!async) {
    engine_execute(env, c);
    napi_value error = NULL;
    napi_value result = engine_result(env, c, &error);
    if (result == NULL && error != NULL) napi_throw(env, error);
    engine_call_free(env, c);
    return result;
  }
  napi_value promise, name;
  if (napi_create_promise(env, &c->deferred, &promise) != napi_ok ||
      napi_create_string_utf8(env, "tronpay.engine", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      (keep != NULL && napi_create_reference(env, keep, 1, &c->keep) != napi_ok) ||
      napi_create_async_work(env, NULL, name, engine_execute, engine_complete, c, &c->work) !=
          napi_ok ||
      napi_queue_async_work(env, c->work) != napi_ok) {
    engine_call_free(env, c);
    napi_throw_error(env, NULL, "cannot queue the engine call");
    return NULL;
  }
  return promise;
}

static bool engine_flag(call_args *a, size_t i) {
  bool value = false;
  napi_get_value_bool(a->env, a->argv[i], &value);
  return value;
}

/* engineCall(op * 2 + async, handle, ...args) → JSON text | undefined | Promise of either.
 * (op and the flag share one argument: outbox_ack's six arguments and the handle then fill
 * the MAX_ARGS slots exactly.) */
static napi_value n_engine_call(napi_env env, napi_callback_info info) {
  ARGS;
  uint32_t code;
  if (!get_u32(&a, 0, "op", &code)) return NULL;
  uint32_t op = code / 2;
  if (op >= OP_OPEN) return throw_arg(env, "unknown engine operation");
  size_t wanted = 2 + strlen(ENGINE_OPS[op]);
  if (wanted > MAX_ARGS) return throw_arg(env, "an engine operation with too many arguments");
  if (a.argc < wanted) return throw_arg(env, "too few arguments");
  engine_call *c = calloc(1, sizeof *c);
  if (c == NULL) return throw_tronpay(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL", "out of memory");
  c->op = (engine_op)op;
  c->engine = engine_handle_arg(&a, 1);
  if (!engine_args(&a, 2, c)) {
    engine_call_free(env, c);
    return NULL;
  }
  return engine_run(env, c, code % 2 == 1, a.argv[1]);
}

/* engineOpen(configJson, nowMs, async) → handle External | Promise of one. */
static napi_value n_engine_open(napi_env env, napi_callback_info info) {
  ARGS;
  engine_call *c = calloc(1, sizeof *c);
  if (c == NULL) return throw_tronpay(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL", "out of memory");
  c->op = OP_OPEN;
  if (!engine_args(&a, 0, c)) {
    engine_call_free(env, c);
    return NULL;
  }
  return engine_run(env, c, engine_flag(&a, 2), NULL);
}

/* engineClose(handle): closes it now (the finalizer then finds it closed). */
static napi_value n_engine_close(napi_env env, napi_callback_info info) {
  ARGS;
  lib.engine_close(engine_handle_arg(&a, 0));
  return NULL;
}

/* engineOps(): {HEALTH: 0, …} — the op numbers engine.js uses. */
static napi_value n_engine_ops(napi_env env, napi_callback_info info) {
  (void)info;
  static const char *const names[OP_OPEN] = {
      "health", "invoiceCreate", "invoiceGet", "invoiceList", "invoiceCancel",
      "invoiceResolve", "auditList", "chainTip", "chainBlock", "chainDisconnect",
      "chainEvidence", "eventsList", "outboxNext", "outboxAck", "outboxRedeliver",
      "disputeLookup", "refundCreate", "refundSubmit", "refundGet", "syncNext", "syncFeed"};
  napi_value result;
  napi_create_object(env, &result);
  for (uint32_t i = 0; i < OP_OPEN; i++)
    napi_set_named_property(env, result, names[i], u32_result(env, i));
  return result;
}
