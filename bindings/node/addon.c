/*
 * tronpay.node — the N-API half of the Node binding of libtronpay.
 *
 * Thin by design: it converts JavaScript values to C arguments and back, and turns a status into
 * a thrown TronPayError. It decides nothing. The library is loaded with dlopen from the path
 * index.js chooses ($TRONPAY_LIBRARY first), so the addon itself links to nothing but libc.
 *
 * Build: cc -shared -fPIC -O2 -I/usr/include/node -Iinclude -o build/tronpay.node addon.c -ldl
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tronpay.h"

/* Every function of include/tronpay.h, without its tronpay_ prefix. */
#define TRONPAY_FUNCTIONS(X)                                                                      \
  X(size_privkey) X(size_pubkey) X(size_address) X(size_address_text) X(size_address_hex)         \
  X(size_signature) X(size_txid) X(size_seed) X(size_xkey_text)                                   \
  X(version) X(abi_version) X(status_str) X(last_error) X(free) X(memzero)                        \
  X(keccak256) X(sha256) X(privkey_generate) X(privkey_verify) X(pubkey_from_privkey)             \
  X(address_from_pubkey) X(address_from_privkey) X(address_to_base58) X(address_to_hex)           \
  X(address_parse)                                                                                \
  X(mnemonic_generate) X(mnemonic_validate) X(mnemonic_to_seed) X(hd_privkey) X(hd_xpub)        \
  X(hd_xprv) X(xpub_derive_addresses)                                                             \
  X(tx_build_transfer) X(tx_build_trc20_transfer) X(tx_build_trigger) X(tx_id) X(tx_sign)         \
  X(tx_to_json) X(tx_serialize) X(tx_from_json) X(tx_verify)                                     \
  X(message_sign) X(message_recover) X(message_verify) X(message_recover_v1)                      \
  X(message_verify_v1) X(digest_sign) X(digest_recover)                                           \
  X(amount_to_base_units) X(amount_from_base_units)                                               \
  X(transfers_parse) X(payment_check)                                                             \
  X(webhook_sign) X(webhook_verify) X(size_epusdt_signature) X(epusdt_sign) X(epusdt_verify)  \
  TRONPAY_ENGINE_FUNCTIONS(X)

/* The engine's functions (addon_engine.h). */
#define TRONPAY_ENGINE_FUNCTIONS(X)                                                               \
  X(engine_open) X(engine_close) X(engine_health) X(invoice_create) X(invoice_get)                \
  X(invoice_list) X(invoice_cancel) X(invoice_resolve) X(audit_list) X(chain_tip) X(chain_block)  \
  X(chain_disconnect) X(chain_evidence) X(events_list) X(outbox_next) X(outbox_ack)               \
  X(outbox_redeliver) X(dispute_lookup) X(refund_create) X(refund_submit) X(refund_get)          \
  X(sync_next) X(sync_feed)

static struct {
#define FIELD(name) __typeof__(tronpay_##name) *name;
  TRONPAY_FUNCTIONS(FIELD)
#undef FIELD
} lib;

static void *lib_handle;
static napi_ref error_class;

/* ---- errors ---------------------------------------------------------------------------- */

/* new TronPayError(status, name, detail) — the class index.js registered; a plain Error if it
 * cannot be made. */
static napi_value make_tronpay_error(napi_env env, int32_t status, const char *name,
                                     const char *detail) {
  napi_value ctor, args[3], error = NULL;
  if (error_class == NULL || napi_get_reference_value(env, error_class, &ctor) != napi_ok ||
      napi_create_int32(env, status, &args[0]) != napi_ok ||
      napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &args[1]) != napi_ok ||
      napi_create_string_utf8(env, detail, NAPI_AUTO_LENGTH, &args[2]) != napi_ok ||
      napi_new_instance(env, ctor, 3, args, &error) != napi_ok) {
    napi_value code, message;
    error = NULL;
    if (napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code) == napi_ok &&
        napi_create_string_utf8(env, detail, NAPI_AUTO_LENGTH, &message) == napi_ok) {
      napi_create_error(env, code, message, &error);
    }
  }
  return error;
}

/* Throws new TronPayError(status, name, detail). */
static napi_value throw_tronpay(napi_env env, int32_t status, const char *name,
                                const char *detail) {
  napi_value error = make_tronpay_error(env, status, name, detail);
  if (error == NULL) {
    napi_throw_error(env, name, detail);
    return NULL;
  }
  napi_throw(env, error);
  return NULL;
}

/* A failed library call: its status, its name and this thread's detail text. */
static napi_value throw_status(napi_env env, tronpay_status status) {
  const char *detail = lib.last_error(); /* read before any other library call */
  return throw_tronpay(env, status, lib.status_str(status), detail);
}

/* What the library itself says for a bad length or value, for checks C cannot make. */
static napi_value throw_arg(napi_env env, const char *detail) {
  return throw_tronpay(env, TRONPAY_E_ARG, "TRONPAY_E_ARG", detail);
}

/* ---- arguments ------------------------------------------------------------------------- */

#define MAX_ARGS 8

typedef struct {
  napi_env env;
  size_t argc;
  napi_value argv[MAX_ARGS];
} call_args;

static bool get_args(napi_env env, napi_callback_info info, call_args *a) {
  a->env = env;
  a->argc = MAX_ARGS;
  if (napi_get_cb_info(env, info, &a->argc, a->argv, NULL, NULL) != napi_ok) return false;
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  for (size_t i = a->argc; i < MAX_ARGS; i++) a->argv[i] = undefined;
  if (lib_handle == NULL) {
    napi_throw_error(env, NULL, "libtronpay is not loaded");
    return false;
  }
  return true;
}

typedef struct {
  const uint8_t *ptr;
  size_t len;
} bytes_arg;

/* A Buffer or Uint8Array; want > 0 demands exactly that many bytes. */
static bool get_bytes(call_args *a, size_t i, const char *what, size_t want, bytes_arg *out) {
  bool is_typed = false;
  napi_typedarray_type type;
  void *data = NULL;
  size_t length = 0;
  napi_is_typedarray(a->env, a->argv[i], &is_typed);
  if (!is_typed ||
      napi_get_typedarray_info(a->env, a->argv[i], &type, &length, &data, NULL, NULL) !=
          napi_ok ||
      type != napi_uint8_array) {
    char message[96];
    snprintf(message, sizeof message, "%s must be a Buffer or Uint8Array", what);
    napi_throw_type_error(a->env, NULL, message);
    return false;
  }
  if (want > 0 && length != want) {
    char detail[96];
    snprintf(detail, sizeof detail, "%s must be %zu bytes, got %zu", what, want, length);
    throw_arg(a->env, detail);
    return false;
  }
  out->ptr = length ? data : NULL;
  out->len = length;
  return true;
}

/* A string as malloc'd NUL-terminated UTF-8 (free it); *out_len gets its byte length. */
static char *read_string(call_args *a, size_t i, const char *what, size_t *out_len,
                         bool allow_nul) {
  napi_valuetype type;
  size_t length = 0;
  napi_typeof(a->env, a->argv[i], &type);
  if (type != napi_string) {
    char message[96];
    snprintf(message, sizeof message, "%s must be a string", what);
    napi_throw_type_error(a->env, NULL, message);
    return NULL;
  }
  napi_get_value_string_utf8(a->env, a->argv[i], NULL, 0, &length);
  char *text = malloc(length + 1);
  if (text == NULL) {
    throw_tronpay(a->env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL", "out of memory");
    return NULL;
  }
  napi_get_value_string_utf8(a->env, a->argv[i], text, length + 1, &length);
  if (!allow_nul && strlen(text) != length) {
    free(text);
    char detail[96];
    snprintf(detail, sizeof detail, "%s contains a NUL character", what);
    throw_arg(a->env, detail);
    return NULL;
  }
  if (out_len) *out_len = length;
  return text;
}

/* Text for a NUL-terminated C argument: an embedded NUL would cut it short without the library
 * seeing it, so it is refused. */
static char *get_text(call_args *a, size_t i, const char *what, size_t *out_len) {
  return read_string(a, i, what, out_len, false);
}

/* JSON text, passed with its length: the library judges every byte of it. */
static char *get_json(call_args *a, size_t i, size_t *out_len) {
  return read_string(a, i, "json", out_len, true);
}

/* An integral Number in 0 … 2^32−1. */
static bool get_u32(call_args *a, size_t i, const char *what, uint32_t *out) {
  napi_valuetype type;
  double value;
  napi_typeof(a->env, a->argv[i], &type);
  if (type != napi_number) {
    char message[96];
    snprintf(message, sizeof message, "%s must be a number", what);
    napi_throw_type_error(a->env, NULL, message);
    return false;
  }
  napi_get_value_double(a->env, a->argv[i], &value);
  if (!(value >= 0 && value <= 4294967295.0) || value != (double)(uint32_t)value) {
    char detail[96];
    snprintf(detail, sizeof detail, "%s must be an integer in 0 … 2^32-1", what);
    throw_arg(a->env, detail);
    return false;
  }
  *out = (uint32_t)value;
  return true;
}

/* ---- results --------------------------------------------------------------------------- */

static napi_value buffer_result(napi_env env, const void *data, size_t len) {
  napi_value result;
  if (napi_create_buffer_copy(env, len, data, NULL, &result) != napi_ok) return NULL;
  return result;
}

static napi_value string_result(napi_env env, const char *text) {
  napi_value result;
  if (napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &result) != napi_ok) return NULL;
  return result;
}

/* A library-allocated string: copied into JavaScript, then released. */
static napi_value take_string(napi_env env, char *text) {
  napi_value result = string_result(env, text ? text : "");
  lib.free(text);
  return result;
}

static napi_value bool_result(napi_env env, bool value) {
  napi_value result;
  napi_get_boolean(env, value, &result);
  return result;
}

static napi_value u32_result(napi_env env, uint32_t value) {
  napi_value result;
  napi_create_uint32(env, value, &result);
  return result;
}

#define ARGS                                                                                     \
  call_args a;                                                                                   \
  if (!get_args(env, info, &a)) return NULL

/* ---- Library --------------------------------------------------------------------------- */

/* load(path) → abi version; refuses a library of another ABI. */
static napi_value n_load(napi_env env, napi_callback_info info) {
  call_args a;
  a.env = env;
  a.argc = MAX_ARGS;
  napi_get_cb_info(env, info, &a.argc, a.argv, NULL, NULL);
  if (a.argc < 1) return throw_arg(env, "load needs a path");
  char *path = get_text(&a, 0, "library path", NULL);
  if (path == NULL) return NULL;
  if (lib_handle != NULL) {
    free(path);
    napi_throw_error(env, NULL, "libtronpay is already loaded");
    return NULL;
  }
  /* RTLD_LOCAL without RTLD_DEEPBIND: see TOOLCHAIN.md (node's own OpenSSL symbols). */
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    const char *why = dlerror();
    char message[512];
    snprintf(message, sizeof message, "cannot load %s: %s", path, why ? why : "?");
    free(path);
    napi_throw_error(env, "ERR_DLOPEN_FAILED", message);
    return NULL;
  }
  free(path);
#define LOAD(name)                                                                               \
  *(void **)(&lib.name) = dlsym(handle, "tronpay_" #name);                                       \
  if (lib.name == NULL) {                                                                        \
    dlclose(handle);                                                                             \
    napi_throw_error(env, NULL, "libtronpay lacks tronpay_" #name ": older than this binding"); \
    return NULL;                                                                                 \
  }
  TRONPAY_FUNCTIONS(LOAD)
#undef LOAD
  uint32_t abi = lib.abi_version();
  if (abi != TRONPAY_ABI_VERSION) {
    dlclose(handle);
    char message[96];
    snprintf(message, sizeof message, "libtronpay has ABI %u, this binding needs %d", abi,
             TRONPAY_ABI_VERSION);
    napi_throw_error(env, NULL, message);
    return NULL;
  }
  lib_handle = handle;
  return u32_result(env, abi);
}

/* setErrorClass(TronPayError): the constructor thrown errors are made with. */
static napi_value n_set_error_class(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value ctor;
  napi_valuetype type;
  napi_get_cb_info(env, info, &argc, &ctor, NULL, NULL);
  napi_typeof(env, ctor, &type);
  if (argc < 1 || type != napi_function) {
    napi_throw_type_error(env, NULL, "setErrorClass needs a constructor");
    return NULL;
  }
  if (error_class != NULL) napi_delete_reference(env, error_class);
  napi_create_reference(env, ctor, 1, &error_class);
  return NULL;
}

static napi_value n_sizes(napi_env env, napi_callback_info info) {
  ARGS;
  napi_value result;
  napi_create_object(env, &result);
#define SIZE(key, fn)                                                                            \
  do {                                                                                           \
    napi_value v;                                                                                \
    napi_create_uint32(env, (uint32_t)lib.fn(), &v);                                             \
    napi_set_named_property(env, result, key, v);                                                \
  } while (0)
  SIZE("PRIVKEY_SIZE", size_privkey);
  SIZE("PUBKEY_SIZE", size_pubkey);
  SIZE("ADDRESS_SIZE", size_address);
  SIZE("ADDRESS_TEXT_SIZE", size_address_text);
  SIZE("ADDRESS_HEX_SIZE", size_address_hex);
  SIZE("SIGNATURE_SIZE", size_signature);
  SIZE("TXID_SIZE", size_txid);
  SIZE("SEED_SIZE", size_seed);
  SIZE("XKEY_TEXT_SIZE", size_xkey_text);
  SIZE("EPUSDT_SIGNATURE_SIZE", size_epusdt_signature);
#undef SIZE
  return result;
}

static napi_value n_version(napi_env env, napi_callback_info info) {
  ARGS;
  return string_result(env, lib.version());
}

static napi_value n_abi_version(napi_env env, napi_callback_info info) {
  ARGS;
  return u32_result(env, lib.abi_version());
}

static napi_value n_status_str(napi_env env, napi_callback_info info) {
  ARGS;
  napi_valuetype type;
  int32_t status;
  napi_typeof(env, a.argv[0], &type);
  if (type != napi_number) {
    napi_throw_type_error(env, NULL, "status must be a number");
    return NULL;
  }
  napi_get_value_int32(env, a.argv[0], &status);
  return string_result(env, lib.status_str(status));
}

static napi_value n_last_error(napi_env env, napi_callback_info info) {
  ARGS;
  return string_result(env, lib.last_error());
}

/* memzero(buffer): wipes the caller's own Buffer in place. */
static napi_value n_memzero(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg b;
  if (!get_bytes(&a, 0, "buffer", 0, &b)) return NULL;
  lib.memzero((void *)b.ptr, b.len);
  return NULL;
}

/* ---- Hashes, keys, addresses ----------------------------------------------------------- */

static napi_value hash_with(napi_env env, napi_callback_info info,
                            tronpay_status (*fn)(uint8_t *, const uint8_t *, size_t)) {
  ARGS;
  bytes_arg data;
  uint8_t out[32];
  if (!get_bytes(&a, 0, "data", 0, &data)) return NULL;
  tronpay_status s = fn(out, data.ptr, data.len);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

static napi_value n_keccak256(napi_env env, napi_callback_info info) {
  return hash_with(env, info, lib.keccak256);
}

static napi_value n_sha256(napi_env env, napi_callback_info info) {
  return hash_with(env, info, lib.sha256);
}

static napi_value n_privkey_generate(napi_env env, napi_callback_info info) {
  ARGS;
  uint8_t key[TRONPAY_PRIVKEY_SIZE];
  tronpay_status s = lib.privkey_generate(key);
  if (s != TRONPAY_OK) return throw_status(env, s);
  napi_value result = buffer_result(env, key, sizeof key);
  lib.memzero(key, sizeof key);
  return result;
}

/* privkeyVerify(key) → true / false (E_KEY); other statuses throw. */
static napi_value n_privkey_verify(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg key;
  if (!get_bytes(&a, 0, "private key", TRONPAY_PRIVKEY_SIZE, &key)) return NULL;
  tronpay_status s = lib.privkey_verify(key.ptr);
  if (s == TRONPAY_E_KEY) return bool_result(env, false);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return bool_result(env, true);
}

static napi_value n_pubkey_from_privkey(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg key;
  uint8_t out[TRONPAY_PUBKEY_SIZE];
  if (!get_bytes(&a, 0, "private key", TRONPAY_PRIVKEY_SIZE, &key)) return NULL;
  tronpay_status s = lib.pubkey_from_privkey(out, key.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

static napi_value n_address_from_pubkey(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg pub;
  uint8_t out[TRONPAY_ADDRESS_SIZE];
  if (!get_bytes(&a, 0, "public key", 0, &pub)) return NULL;
  tronpay_status s = lib.address_from_pubkey(out, pub.ptr, pub.len);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

static napi_value n_address_from_privkey(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg key;
  uint8_t out[TRONPAY_ADDRESS_SIZE];
  if (!get_bytes(&a, 0, "private key", TRONPAY_PRIVKEY_SIZE, &key)) return NULL;
  tronpay_status s = lib.address_from_privkey(out, key.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

static napi_value n_address_to_base58(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg addr;
  char out[TRONPAY_ADDRESS_TEXT_SIZE];
  if (!get_bytes(&a, 0, "address", TRONPAY_ADDRESS_SIZE, &addr)) return NULL;
  tronpay_status s = lib.address_to_base58(out, addr.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return string_result(env, out);
}

static napi_value n_address_to_hex(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg addr;
  char out[TRONPAY_ADDRESS_HEX_SIZE];
  if (!get_bytes(&a, 0, "address", TRONPAY_ADDRESS_SIZE, &addr)) return NULL;
  tronpay_status s = lib.address_to_hex(out, addr.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return string_result(env, out);
}

static napi_value n_address_parse(napi_env env, napi_callback_info info) {
  ARGS;
  uint8_t out[TRONPAY_ADDRESS_SIZE];
  char *text = get_text(&a, 0, "address", NULL);
  if (text == NULL) return NULL;
  tronpay_status s = lib.address_parse(out, text);
  free(text);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

/* ---- Amounts --------------------------------------------------------------------------- */

static napi_value amount_with(napi_env env, napi_callback_info info,
                              tronpay_status (*fn)(char **, const char *, uint32_t)) {
  ARGS;
  uint32_t decimals;
  char *out = NULL;
  char *text = get_text(&a, 0, "amount", NULL);
  if (text == NULL) return NULL;
  if (!get_u32(&a, 1, "decimals", &decimals)) {
    free(text);
    return NULL;
  }
  tronpay_status s = fn(&out, text, decimals);
  free(text);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_string(env, out);
}

static napi_value n_amount_to_base_units(napi_env env, napi_callback_info info) {
  return amount_with(env, info, lib.amount_to_base_units);
}

static napi_value n_amount_from_base_units(napi_env env, napi_callback_info info) {
  return amount_with(env, info, lib.amount_from_base_units);
}

/* ---- shared helpers for the later sections ------------------------------------------------ */

/* A library-allocated byte array: copied into a Buffer, then released. */
static napi_value take_buffer(napi_env env, uint8_t *data, size_t len) {
  napi_value result = buffer_result(env, data, data ? len : 0);
  lib.free(data);
  return result;
}

static bool is_nullish(call_args *a, size_t i) {
  napi_valuetype type;
  napi_typeof(a->env, a->argv[i], &type);
  return type == napi_undefined || type == napi_null;
}

/* A BigInt or an integral Number within int64 (Numbers only up to 2^53, where they are exact). */
static bool value_i64(napi_env env, napi_value v, const char *what, int64_t *out) {
  napi_valuetype type;
  napi_typeof(env, v, &type);
  if (type == napi_bigint) {
    bool lossless = false;
    napi_get_value_bigint_int64(env, v, out, &lossless);
    if (!lossless) {
      char detail[96];
      snprintf(detail, sizeof detail, "%s does not fit in int64", what);
      throw_arg(env, detail);
      return false;
    }
    return true;
  }
  if (type == napi_number) {
    double d;
    napi_get_value_double(env, v, &d);
    if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0) || d != (double)(int64_t)d) {
      char detail[96];
      snprintf(detail, sizeof detail, "%s must be a safe integer or a BigInt", what);
      throw_arg(env, detail);
      return false;
    }
    *out = (int64_t)d;
    return true;
  }
  char message[96];
  snprintf(message, sizeof message, "%s must be a BigInt or an integer", what);
  napi_throw_type_error(env, NULL, message);
  return false;
}

/* tronpay_tx_options from {refBlockId, expirationMs, timestampMs, feeLimitSun, memo,
 * permissionId}; absent numbers are 0, an absent memo is empty. The buffers stay owned by JS
 * and alive for the synchronous call. */
static bool get_options(call_args *a, size_t i, tronpay_tx_options *opt) {
  napi_env env = a->env;
  napi_valuetype type;
  napi_typeof(env, a->argv[i], &type);
  if (type != napi_object) {
    napi_throw_type_error(env, NULL, "options must be an object");
    return false;
  }
  memset(opt, 0, sizeof *opt);
  opt->struct_size = (uint32_t)sizeof *opt;
  napi_value obj = a->argv[i], v;
  call_args field = {.env = env, .argc = 1};
  /* refBlockId: required 32 bytes */
  napi_get_named_property(env, obj, "refBlockId", &v);
  field.argv[0] = v;
  bytes_arg ref;
  if (!get_bytes(&field, 0, "options.refBlockId", 32, &ref)) return false;
  opt->ref_block_id = ref.ptr;
  static const struct {
    const char *name;
    size_t offset;
  } numbers[] = {
      {"timestampMs", offsetof(tronpay_tx_options, timestamp_ms)},
      {"expirationMs", offsetof(tronpay_tx_options, expiration_ms)},
      {"feeLimitSun", offsetof(tronpay_tx_options, fee_limit_sun)},
  };
  for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
    napi_get_named_property(env, obj, numbers[k].name, &v);
    napi_typeof(env, v, &type);
    if (type == napi_undefined) continue;
    char what[48];
    snprintf(what, sizeof what, "options.%s", numbers[k].name);
    if (!value_i64(env, v, what, (int64_t *)((char *)opt + numbers[k].offset))) return false;
  }
  napi_get_named_property(env, obj, "memo", &v);
  napi_typeof(env, v, &type);
  if (type != napi_undefined) {
    field.argv[0] = v;
    bytes_arg memo;
    if (!get_bytes(&field, 0, "options.memo", 0, &memo)) return false;
    opt->memo = memo.ptr;
    opt->memo_len = memo.len;
  }
  napi_get_named_property(env, obj, "permissionId", &v);
  napi_typeof(env, v, &type);
  if (type != napi_undefined) {
    int64_t id;
    if (!value_i64(env, v, "options.permissionId", &id)) return false;
    if (id < INT32_MIN || id > INT32_MAX) {
      throw_arg(env, "options.permissionId does not fit in int32");
      return false;
    }
    opt->permission_id = (int32_t)id;
  }
  return true;
}

/* ---- HD wallets ------------------------------------------------------------------------ */

static napi_value n_mnemonic_generate(napi_env env, napi_callback_info info) {
  ARGS;
  uint32_t words;
  char *language = NULL, *out = NULL;
  if (!get_u32(&a, 0, "wordCount", &words)) return NULL;
  if (!is_nullish(&a, 1) && (language = get_text(&a, 1, "language", NULL)) == NULL) return NULL;
  tronpay_status s = lib.mnemonic_generate(&out, words, language);
  free(language);
  if (s != TRONPAY_OK) return throw_status(env, s);
  napi_value result = string_result(env, out);
  lib.memzero(out, strlen(out));
  lib.free(out);
  return result;
}

static napi_value n_mnemonic_validate(napi_env env, napi_callback_info info) {
  ARGS;
  size_t len = 0;
  char *mnemonic = get_text(&a, 0, "mnemonic", &len);
  if (mnemonic == NULL) return NULL;
  tronpay_status s = lib.mnemonic_validate(mnemonic);
  lib.memzero(mnemonic, len);
  free(mnemonic);
  if (s == TRONPAY_E_MNEMONIC) return bool_result(env, false);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return bool_result(env, true);
}

static napi_value n_mnemonic_to_seed(napi_env env, napi_callback_info info) {
  ARGS;
  size_t mlen = 0, plen = 0;
  uint8_t seed[TRONPAY_SEED_SIZE];
  char *passphrase = NULL;
  char *mnemonic = get_text(&a, 0, "mnemonic", &mlen);
  if (mnemonic == NULL) return NULL;
  if (!is_nullish(&a, 1) && (passphrase = get_text(&a, 1, "passphrase", &plen)) == NULL) {
    lib.memzero(mnemonic, mlen);
    free(mnemonic);
    return NULL;
  }
  tronpay_status s = lib.mnemonic_to_seed(seed, mnemonic, passphrase);
  lib.memzero(mnemonic, mlen);
  free(mnemonic);
  if (passphrase) lib.memzero(passphrase, plen);
  free(passphrase);
  if (s != TRONPAY_OK) return throw_status(env, s);
  napi_value result = buffer_result(env, seed, sizeof seed);
  lib.memzero(seed, sizeof seed);
  return result;
}

/* hd_privkey / hd_xpub / hd_xprv share (seed, path). */
static bool seed_and_path(call_args *a, bytes_arg *seed, char **path) {
  if (!get_bytes(a, 0, "seed", 0, seed)) return false;
  *path = get_text(a, 1, "path", NULL);
  return *path != NULL;
}

static napi_value n_hd_privkey(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg seed;
  char *path;
  uint8_t key[TRONPAY_PRIVKEY_SIZE];
  if (!seed_and_path(&a, &seed, &path)) return NULL;
  tronpay_status s = lib.hd_privkey(key, seed.ptr, seed.len, path);
  free(path);
  if (s != TRONPAY_OK) return throw_status(env, s);
  napi_value result = buffer_result(env, key, sizeof key);
  lib.memzero(key, sizeof key);
  return result;
}

static napi_value hd_xkey_with(napi_env env, napi_callback_info info,
                               tronpay_status (*fn)(char *, const uint8_t *, size_t,
                                                    const char *)) {
  ARGS;
  bytes_arg seed;
  char *path;
  char out[TRONPAY_XKEY_TEXT_SIZE];
  if (!seed_and_path(&a, &seed, &path)) return NULL;
  tronpay_status s = fn(out, seed.ptr, seed.len, path);
  free(path);
  if (s != TRONPAY_OK) return throw_status(env, s);
  napi_value result = string_result(env, out);
  lib.memzero(out, sizeof out);
  return result;
}

static napi_value n_hd_xpub(napi_env env, napi_callback_info info) {
  return hd_xkey_with(env, info, lib.hd_xpub);
}

static napi_value n_hd_xprv(napi_env env, napi_callback_info info) {
  return hd_xkey_with(env, info, lib.hd_xprv);
}

/* xpubDeriveAddresses(xpub, change, first, count) → Buffer of count × 21 bytes. */
static napi_value n_xpub_derive_addresses(napi_env env, napi_callback_info info) {
  ARGS;
  uint32_t change, first, count;
  if (!get_u32(&a, 1, "change", &change) || !get_u32(&a, 2, "firstIndex", &first) ||
      !get_u32(&a, 3, "count", &count)) {
    return NULL;
  }
  char *xpub = get_text(&a, 0, "xpub", NULL);
  if (xpub == NULL) return NULL;
  size_t size = (size_t)count * TRONPAY_ADDRESS_SIZE;
  uint8_t *out = malloc(size ? size : 1);
  if (out == NULL) {
    free(xpub);
    return throw_tronpay(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL", "out of memory");
  }
  tronpay_status s = lib.xpub_derive_addresses(out, xpub, change, first, count);
  free(xpub);
  napi_value result = s == TRONPAY_OK ? buffer_result(env, out, size) : throw_status(env, s);
  free(out);
  return result;
}

/* ---- Transactions ---------------------------------------------------------------------- */

static napi_value n_tx_build_transfer(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg owner, to;
  int64_t amount;
  tronpay_tx_options opt;
  uint8_t *raw = NULL;
  size_t len = 0;
  if (!get_bytes(&a, 0, "owner", TRONPAY_ADDRESS_SIZE, &owner) ||
      !get_bytes(&a, 1, "to", TRONPAY_ADDRESS_SIZE, &to) ||
      !value_i64(env, a.argv[2], "amountSun", &amount) || !get_options(&a, 3, &opt)) {
    return NULL;
  }
  tronpay_status s = lib.tx_build_transfer(&raw, &len, owner.ptr, to.ptr, amount, &opt);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_buffer(env, raw, len);
}

static napi_value n_tx_build_trc20_transfer(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg owner, token, to;
  tronpay_tx_options opt;
  uint8_t *raw = NULL;
  size_t len = 0;
  if (!get_bytes(&a, 0, "owner", TRONPAY_ADDRESS_SIZE, &owner) ||
      !get_bytes(&a, 1, "token", TRONPAY_ADDRESS_SIZE, &token) ||
      !get_bytes(&a, 2, "to", TRONPAY_ADDRESS_SIZE, &to) || !get_options(&a, 4, &opt)) {
    return NULL;
  }
  char *amount = get_text(&a, 3, "amount", NULL);
  if (amount == NULL) return NULL;
  tronpay_status s =
      lib.tx_build_trc20_transfer(&raw, &len, owner.ptr, token.ptr, to.ptr, amount, &opt);
  free(amount);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_buffer(env, raw, len);
}

static napi_value n_tx_build_trigger(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg owner, contract, data;
  int64_t call_value;
  tronpay_tx_options opt;
  uint8_t *raw = NULL;
  size_t len = 0;
  if (!get_bytes(&a, 0, "owner", TRONPAY_ADDRESS_SIZE, &owner) ||
      !get_bytes(&a, 1, "contract", TRONPAY_ADDRESS_SIZE, &contract) ||
      !value_i64(env, a.argv[2], "callValueSun", &call_value) ||
      !get_bytes(&a, 3, "data", 0, &data) || !get_options(&a, 4, &opt)) {
    return NULL;
  }
  tronpay_status s = lib.tx_build_trigger(&raw, &len, owner.ptr, contract.ptr, call_value,
                                          data.ptr, data.len, &opt);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_buffer(env, raw, len);
}

static napi_value n_tx_id(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg raw;
  uint8_t out[TRONPAY_TXID_SIZE];
  if (!get_bytes(&a, 0, "raw", 0, &raw)) return NULL;
  tronpay_status s = lib.tx_id(out, raw.ptr, raw.len);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

static napi_value n_tx_sign(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg raw, key;
  uint8_t out[TRONPAY_SIGNATURE_SIZE];
  if (!get_bytes(&a, 0, "raw", 0, &raw) ||
      !get_bytes(&a, 1, "private key", TRONPAY_PRIVKEY_SIZE, &key)) {
    return NULL;
  }
  tronpay_status s = lib.tx_sign(out, raw.ptr, raw.len, key.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

/* txToJson(raw, signatures) with the signatures concatenated (n × 65 bytes). */
static napi_value n_tx_to_json(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg raw, sigs;
  char *out = NULL;
  if (!get_bytes(&a, 0, "raw", 0, &raw) || !get_bytes(&a, 1, "signatures", 0, &sigs)) {
    return NULL;
  }
  if (sigs.len % TRONPAY_SIGNATURE_SIZE != 0) {
    return throw_arg(env, "signatures must be 65 bytes each");
  }
  tronpay_status s =
      lib.tx_to_json(&out, raw.ptr, raw.len, sigs.ptr, sigs.len / TRONPAY_SIGNATURE_SIZE);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_string(env, out);
}

/* txSerialize(raw, signatures) → the Transaction protobuf (signatures concatenated). */
static napi_value n_tx_serialize(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg raw, sigs;
  uint8_t *out = NULL;
  size_t len = 0;
  if (!get_bytes(&a, 0, "raw", 0, &raw) || !get_bytes(&a, 1, "signatures", 0, &sigs)) {
    return NULL;
  }
  if (sigs.len % TRONPAY_SIGNATURE_SIZE != 0) {
    return throw_arg(env, "signatures must be 65 bytes each");
  }
  tronpay_status s = lib.tx_serialize(&out, &len, raw.ptr, raw.len, sigs.ptr,
                                      sigs.len / TRONPAY_SIGNATURE_SIZE);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_buffer(env, out, len);
}

/* txFromJson(json) → {raw: Buffer, signatures: Buffer of n × 65 bytes}. */
static napi_value n_tx_from_json(napi_env env, napi_callback_info info) {
  ARGS;
  size_t json_len = 0, raw_len = 0, sig_count = 0;
  uint8_t *raw = NULL, *sigs = NULL;
  char *json = get_json(&a, 0, &json_len);
  if (json == NULL) return NULL;
  tronpay_status s = lib.tx_from_json(&raw, &raw_len, &sigs, &sig_count, json, json_len);
  free(json);
  if (s != TRONPAY_OK) return throw_status(env, s);
  napi_value result;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "raw", take_buffer(env, raw, raw_len));
  napi_set_named_property(env, result, "signatures",
                          take_buffer(env, sigs, sig_count * TRONPAY_SIGNATURE_SIZE));
  return result;
}

/* txVerify(json, nowMs) → the report text, for a valid (OK) and an invalid (E_VERIFY) one. */
static napi_value n_tx_verify(napi_env env, napi_callback_info info) {
  ARGS;
  size_t json_len = 0;
  int64_t now;
  char *report = NULL;
  if (!value_i64(env, a.argv[1], "nowMs", &now)) return NULL;
  char *json = get_json(&a, 0, &json_len);
  if (json == NULL) return NULL;
  tronpay_status s = lib.tx_verify(&report, json, json_len, now);
  free(json);
  if (s != TRONPAY_OK && s != TRONPAY_E_VERIFY) return throw_status(env, s);
  return take_string(env, report);
}

/* ---- Messages and digests -------------------------------------------------------------- */

static napi_value n_message_sign(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg msg, key;
  uint8_t out[TRONPAY_SIGNATURE_SIZE];
  if (!get_bytes(&a, 0, "message", 0, &msg) ||
      !get_bytes(&a, 1, "private key", TRONPAY_PRIVKEY_SIZE, &key)) {
    return NULL;
  }
  tronpay_status s = lib.message_sign(out, msg.ptr, msg.len, key.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

typedef tronpay_status (*recover_fn)(uint8_t *, const uint8_t *, size_t, const uint8_t *);
typedef tronpay_status (*verify_fn)(const uint8_t *, size_t, const uint8_t *, const uint8_t *);

static napi_value message_recover_with(napi_env env, napi_callback_info info, recover_fn fn) {
  ARGS;
  bytes_arg msg, sig;
  uint8_t out[TRONPAY_ADDRESS_SIZE];
  if (!get_bytes(&a, 0, "message", 0, &msg) ||
      !get_bytes(&a, 1, "signature", TRONPAY_SIGNATURE_SIZE, &sig)) {
    return NULL;
  }
  tronpay_status s = fn(out, msg.ptr, msg.len, sig.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

/* true if the address signed; false for TRONPAY_E_VERIFY; other statuses throw. */
static napi_value message_verify_with(napi_env env, napi_callback_info info, verify_fn fn) {
  ARGS;
  bytes_arg msg, sig, addr;
  if (!get_bytes(&a, 0, "message", 0, &msg) ||
      !get_bytes(&a, 1, "signature", TRONPAY_SIGNATURE_SIZE, &sig) ||
      !get_bytes(&a, 2, "address", TRONPAY_ADDRESS_SIZE, &addr)) {
    return NULL;
  }
  tronpay_status s = fn(msg.ptr, msg.len, sig.ptr, addr.ptr);
  if (s == TRONPAY_E_VERIFY) return bool_result(env, false);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return bool_result(env, true);
}

static napi_value n_message_recover(napi_env env, napi_callback_info info) {
  return message_recover_with(env, info, lib.message_recover);
}

static napi_value n_message_verify(napi_env env, napi_callback_info info) {
  return message_verify_with(env, info, lib.message_verify);
}

static napi_value n_message_recover_v1(napi_env env, napi_callback_info info) {
  return message_recover_with(env, info, lib.message_recover_v1);
}

static napi_value n_message_verify_v1(napi_env env, napi_callback_info info) {
  return message_verify_with(env, info, lib.message_verify_v1);
}

static napi_value n_digest_sign(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg digest, key;
  uint8_t out[TRONPAY_SIGNATURE_SIZE];
  if (!get_bytes(&a, 0, "digest", 32, &digest) ||
      !get_bytes(&a, 1, "private key", TRONPAY_PRIVKEY_SIZE, &key)) {
    return NULL;
  }
  tronpay_status s = lib.digest_sign(out, digest.ptr, key.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

static napi_value n_digest_recover(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg digest, sig;
  uint8_t out[TRONPAY_ADDRESS_SIZE];
  if (!get_bytes(&a, 0, "digest", 32, &digest) ||
      !get_bytes(&a, 1, "signature", TRONPAY_SIGNATURE_SIZE, &sig)) {
    return NULL;
  }
  tronpay_status s = lib.digest_recover(out, digest.ptr, sig.ptr);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return buffer_result(env, out, sizeof out);
}

/* ---- Transfers and payment checks ------------------------------------------------------ */

static napi_value json_in_json_out(napi_env env, napi_callback_info info,
                                   tronpay_status (*fn)(char **, const char *, size_t)) {
  ARGS;
  size_t len = 0;
  char *out = NULL;
  char *json = get_json(&a, 0, &len);
  if (json == NULL) return NULL;
  tronpay_status s = fn(&out, json, len);
  free(json);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_string(env, out);
}

static napi_value n_transfers_parse(napi_env env, napi_callback_info info) {
  return json_in_json_out(env, info, lib.transfers_parse);
}

static napi_value n_payment_check(napi_env env, napi_callback_info info) {
  return json_in_json_out(env, info, lib.payment_check);
}

/* ---- Webhooks -------------------------------------------------------------------------- */

/* webhookSign(secret, msgId, timestampS, body) → "v1,…". */
static napi_value n_webhook_sign(napi_env env, napi_callback_info info) {
  ARGS;
  int64_t timestamp;
  bytes_arg body;
  char *out = NULL;
  if (!value_i64(env, a.argv[2], "timestamp", &timestamp) ||
      !get_bytes(&a, 3, "body", 0, &body)) {
    return NULL;
  }
  char *secret = get_text(&a, 0, "secret", NULL);
  if (secret == NULL) return NULL;
  char *msg_id = get_text(&a, 1, "msgId", NULL);
  if (msg_id == NULL) {
    free(secret);
    return NULL;
  }
  tronpay_status s = lib.webhook_sign(&out, secret, msg_id, timestamp, body.ptr, body.len);
  lib.memzero(secret, strlen(secret));
  free(secret);
  free(msg_id);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return take_string(env, out);
}

/* webhookVerify(secret, msgId, timestamp, signatureHeader, body, nowS, toleranceS) → undefined;
 * every failure throws (index.js turns TRONPAY_E_VERIFY into WebhookVerificationError). */
static napi_value n_webhook_verify(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg body;
  int64_t now, tolerance;
  if (!get_bytes(&a, 4, "body", 0, &body) || !value_i64(env, a.argv[5], "now", &now) ||
      !value_i64(env, a.argv[6], "tolerance", &tolerance)) {
    return NULL;
  }
  static const char *const names[4] = {"secret", "msgId", "timestamp", "signatureHeader"};
  char *text[4] = {NULL, NULL, NULL, NULL};
  for (int i = 0; i < 4; i++) {
    text[i] = get_text(&a, (size_t)i, names[i], NULL);
    if (text[i] == NULL) {
      if (i > 0) lib.memzero(text[0], strlen(text[0])); /* the secret's copy */
      for (int j = 0; j < i; j++) free(text[j]);
      return NULL;
    }
  }
  tronpay_status s =
      lib.webhook_verify(text[0], text[1], text[2], text[3], body.ptr, body.len, now, tolerance);
  lib.memzero(text[0], strlen(text[0]));
  for (int i = 0; i < 4; i++) free(text[i]);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return NULL;
}

/* epusdtSign(paramsBytes, apiToken) → 32 hex digits. The params are a Buffer of JSON text, so
 * the library judges every byte of it (index.js converts strings and objects). */
static napi_value n_epusdt_sign(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg params;
  char out[TRONPAY_EPUSDT_SIGNATURE_SIZE];
  if (!get_bytes(&a, 0, "params", 0, &params)) return NULL;
  char *token = get_text(&a, 1, "apiToken", NULL);
  if (token == NULL) return NULL;
  tronpay_status s = lib.epusdt_sign(out, (const char *)params.ptr, params.len, token);
  lib.memzero(token, strlen(token));
  free(token);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return string_result(env, out);
}

/* epusdtVerify(paramsBytes, apiToken) → undefined, or throws. */
static napi_value n_epusdt_verify(napi_env env, napi_callback_info info) {
  ARGS;
  bytes_arg params;
  if (!get_bytes(&a, 0, "params", 0, &params)) return NULL;
  char *token = get_text(&a, 1, "apiToken", NULL);
  if (token == NULL) return NULL;
  tronpay_status s = lib.epusdt_verify((const char *)params.ptr, params.len, token);
  lib.memzero(token, strlen(token));
  free(token);
  if (s != TRONPAY_OK) return throw_status(env, s);
  return NULL;
}

/* ---- Async variants (napi_async_work) -------------------------------------------------- */
/*
 * paymentCheckAsync(json) and mnemonicToSeedAsync(mnemonic, passphrase) return a Promise and run
 * the library call on libuv's thread pool, so the event loop keeps serving while a large
 * payment check or the 2048 PBKDF2 rounds of a seed run. The arguments are copied (and the
 * secrets wiped after use) before the call returns; the worker thread touches only C memory
 * (the library's functions are thread-safe), and it reads tronpay_last_error() itself, because
 * the detail text is the calling thread's. The Promise settles on the JavaScript thread: a
 * string or a Buffer, or a TronPayError exactly as the synchronous variant throws it.
 */

typedef enum { ASYNC_PAYMENT_CHECK, ASYNC_MNEMONIC_TO_SEED } async_kind;

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  async_kind kind;
  char *input; /* JSON request, or the mnemonic */
  size_t input_len;
  char *passphrase; /* may be NULL */
  size_t passphrase_len;
  tronpay_status status;
  char *detail;  /* malloc'd copy of the worker thread's tronpay_last_error() */
  char *out;     /* payment check: the library's JSON, freed with tronpay_free */
  uint8_t seed[TRONPAY_SEED_SIZE];
} async_call;

static void async_release(napi_env env, async_call *c) {
  if (c->work != NULL) napi_delete_async_work(env, c->work);
  if (c->kind == ASYNC_MNEMONIC_TO_SEED && c->input != NULL) lib.memzero(c->input, c->input_len);
  free(c->input);
  if (c->passphrase != NULL) lib.memzero(c->passphrase, c->passphrase_len);
  free(c->passphrase);
  free(c->detail);
  lib.free(c->out);
  lib.memzero(c->seed, sizeof c->seed);
  free(c);
}

/* On a pool thread: the library call only; no JavaScript value is touched. */
static void async_execute(napi_env env, void *data) {
  (void)env;
  async_call *c = data;
  if (c->kind == ASYNC_PAYMENT_CHECK) {
    c->status = lib.payment_check(&c->out, c->input, c->input_len);
  } else {
    c->status = lib.mnemonic_to_seed(c->seed, c->input, c->passphrase);
  }
  if (c->status != TRONPAY_OK) {
    const char *detail = lib.last_error();
    c->detail = strdup(detail ? detail : "");
  }
}

/* On the JavaScript thread: settles the Promise, then releases everything. */
static void async_complete(napi_env env, napi_status work_status, void *data) {
  async_call *c = data;
  napi_value value = NULL;
  if (work_status != napi_ok) {
    value = make_tronpay_error(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL",
                               work_status == napi_cancelled ? "cancelled" : "async work failed");
    napi_reject_deferred(env, c->deferred, value);
  } else if (c->status != TRONPAY_OK) {
    value = make_tronpay_error(env, c->status, lib.status_str(c->status),
                               c->detail ? c->detail : "");
    napi_reject_deferred(env, c->deferred, value);
  } else {
    value = c->kind == ASYNC_PAYMENT_CHECK
                ? string_result(env, c->out ? c->out : "")
                : buffer_result(env, c->seed, sizeof c->seed);
    if (value != NULL) {
      napi_resolve_deferred(env, c->deferred, value);
    } else {
      napi_reject_deferred(env, c->deferred,
                           make_tronpay_error(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL",
                                              "out of memory"));
    }
  }
  async_release(env, c);
}

/* Queues the call; returns its Promise (or NULL with an exception pending). */
static napi_value async_start(napi_env env, async_call *c, const char *name) {
  napi_value promise, resource_name;
  if (napi_create_promise(env, &c->deferred, &promise) != napi_ok ||
      napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &resource_name) != napi_ok ||
      napi_create_async_work(env, NULL, resource_name, async_execute, async_complete, c,
                             &c->work) != napi_ok ||
      napi_queue_async_work(env, c->work) != napi_ok) {
    async_release(env, c); /* a created deferred left unsettled is only garbage */
    return throw_tronpay(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL",
                         "cannot queue async work");
  }
  return promise;
}

static async_call *async_new(napi_env env, async_kind kind) {
  async_call *c = calloc(1, sizeof *c);
  if (c == NULL) {
    throw_tronpay(env, TRONPAY_E_INTERNAL, "TRONPAY_E_INTERNAL", "out of memory");
    return NULL;
  }
  c->kind = kind;
  return c;
}

/* paymentCheckAsync(json) → Promise<string>. */
static napi_value n_payment_check_async(napi_env env, napi_callback_info info) {
  ARGS;
  async_call *c = async_new(env, ASYNC_PAYMENT_CHECK);
  if (c == NULL) return NULL;
  if ((c->input = get_json(&a, 0, &c->input_len)) == NULL) {
    async_release(env, c);
    return NULL;
  }
  return async_start(env, c, "tronpay.paymentCheck");
}

/* mnemonicToSeedAsync(mnemonic, passphrase?) → Promise<Buffer> (64 bytes). */
static napi_value n_mnemonic_to_seed_async(napi_env env, napi_callback_info info) {
  ARGS;
  async_call *c = async_new(env, ASYNC_MNEMONIC_TO_SEED);
  if (c == NULL) return NULL;
  if ((c->input = get_text(&a, 0, "mnemonic", &c->input_len)) == NULL ||
      (!is_nullish(&a, 1) &&
       (c->passphrase = get_text(&a, 1, "passphrase", &c->passphrase_len)) == NULL)) {
    async_release(env, c);
    return NULL;
  }
  return async_start(env, c, "tronpay.mnemonicToSeed");
}

/* ---- Engine (sections "Engine" to "Disputes and refunds") -------------------------------- */

#include "addon_engine.h"

/* ---- module ---------------------------------------------------------------------------- */

static napi_value init(napi_env env, napi_value exports) {
  static const struct {
    const char *name;
    napi_callback fn;
  } methods[] = {
      {"load", n_load},
      {"setErrorClass", n_set_error_class},
      {"sizes", n_sizes},
      {"version", n_version},
      {"abiVersion", n_abi_version},
      {"statusStr", n_status_str},
      {"lastError", n_last_error},
      {"memzero", n_memzero},
      {"keccak256", n_keccak256},
      {"sha256", n_sha256},
      {"privkeyGenerate", n_privkey_generate},
      {"privkeyVerify", n_privkey_verify},
      {"pubkeyFromPrivkey", n_pubkey_from_privkey},
      {"addressFromPubkey", n_address_from_pubkey},
      {"addressFromPrivkey", n_address_from_privkey},
      {"addressToBase58", n_address_to_base58},
      {"addressToHex", n_address_to_hex},
      {"addressParse", n_address_parse},
      {"mnemonicGenerate", n_mnemonic_generate},
      {"mnemonicValidate", n_mnemonic_validate},
      {"mnemonicToSeed", n_mnemonic_to_seed},
      {"hdPrivkey", n_hd_privkey},
      {"hdXpub", n_hd_xpub},
      {"hdXprv", n_hd_xprv},
      {"xpubDeriveAddresses", n_xpub_derive_addresses},
      {"txBuildTransfer", n_tx_build_transfer},
      {"txBuildTrc20Transfer", n_tx_build_trc20_transfer},
      {"txBuildTrigger", n_tx_build_trigger},
      {"txId", n_tx_id},
      {"txSign", n_tx_sign},
      {"txToJson", n_tx_to_json},
      {"txSerialize", n_tx_serialize},
      {"txFromJson", n_tx_from_json},
      {"txVerify", n_tx_verify},
      {"messageSign", n_message_sign},
      {"messageRecover", n_message_recover},
      {"messageVerify", n_message_verify},
      {"messageRecoverV1", n_message_recover_v1},
      {"messageVerifyV1", n_message_verify_v1},
      {"digestSign", n_digest_sign},
      {"digestRecover", n_digest_recover},
      {"amountToBaseUnits", n_amount_to_base_units},
      {"amountFromBaseUnits", n_amount_from_base_units},
      {"transfersParse", n_transfers_parse},
      {"paymentCheck", n_payment_check},
      {"paymentCheckAsync", n_payment_check_async},
      {"mnemonicToSeedAsync", n_mnemonic_to_seed_async},
      {"webhookSign", n_webhook_sign},
      {"webhookVerify", n_webhook_verify},
      {"epusdtSign", n_epusdt_sign},
      {"epusdtVerify", n_epusdt_verify},
      {"engineOpen", n_engine_open},
      {"engineClose", n_engine_close},
      {"engineCall", n_engine_call},
      {"engineOps", n_engine_ops},
  };
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
    napi_value fn;
    if (napi_create_function(env, methods[i].name, NAPI_AUTO_LENGTH, methods[i].fn, NULL, &fn) !=
            napi_ok ||
        napi_set_named_property(env, exports, methods[i].name, fn) != napi_ok) {
      return NULL;
    }
  }
  return exports;
}

NAPI_MODULE(tronpay, init)
