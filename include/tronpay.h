/*
 * tronpay.h — the C interface of libtronpay, an embedded TRON payment engine.
 *
 * This header is the whole contract: every exported function is declared and documented here.
 *
 * Conventions (all functions):
 *  - Fallible functions return a tronpay_status: TRONPAY_OK (0) or a negative TRONPAY_E_* code.
 *    tronpay_status_str() names a code; tronpay_last_error() gives the calling thread's detail
 *    text of its last failure.
 *  - Outputs come first, inputs after; a length follows its pointer.
 *  - A NULL pointer where one is required returns TRONPAY_E_ARG. A byte input (ptr, len) may be
 *    (NULL, 0), meaning empty. Text inputs are NUL-terminated UTF-8.
 *  - On failure, outputs are left untouched.
 *  - Fixed-size outputs go into caller buffers of the TRONPAY_*_SIZE documented for them;
 *    variable-size outputs are allocated with malloc by the library, and released with
 *    tronpay_free().
 *  - Money is never a float: TRX is int64_t sun (1 TRX = 1 000 000 sun); token amounts are
 *    decimal strings of base units, 0 … 2^256−1.
 *  - Thread safety: every function may be called from any thread at any time. The library
 *    keeps no mutable global state except the per-thread last-error text; the secp256k1
 *    context is created once, randomized, and then only read.
 *  - Secrets (private keys, seeds, mnemonics) are read from caller memory; the library wipes
 *    every copy it makes. Wiping the caller's own buffers is the caller's job
 *    (tronpay_memzero()).
 */
#ifndef TRONPAY_H
#define TRONPAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ===== Versions ===== */

#define TRONPAY_VERSION_MAJOR 0
#define TRONPAY_VERSION_MINOR 1
#define TRONPAY_VERSION_PATCH 0
/** Incremented on any incompatible change of this header; equals tronpay_abi_version(). */
#define TRONPAY_ABI_VERSION 1

/* ===== Status codes ===== */

/** Return type of every fallible function: TRONPAY_OK or a negative TRONPAY_E_* code. */
typedef int32_t tronpay_status;

#define TRONPAY_OK 0
#define TRONPAY_E_ARG -1        /* NULL pointer, bad length, out-of-range argument */
#define TRONPAY_E_BUFFER -2     /* caller buffer too small */
#define TRONPAY_E_HEX -3        /* malformed hex text */
#define TRONPAY_E_ADDRESS -4    /* malformed address */
#define TRONPAY_E_KEY -5        /* invalid private or public key */
#define TRONPAY_E_SIGNATURE -6  /* malformed signature */
#define TRONPAY_E_VERIFY -7     /* well-formed, but does not verify */
#define TRONPAY_E_MNEMONIC -8   /* unknown word, bad checksum, bad word count */
#define TRONPAY_E_PATH -9       /* malformed derivation path or index */
#define TRONPAY_E_XKEY -10      /* malformed extended key */
#define TRONPAY_E_AMOUNT -11    /* malformed or out-of-range amount */
#define TRONPAY_E_TX -12        /* malformed or inconsistent transaction */
#define TRONPAY_E_JSON -13      /* malformed JSON or JSON of an unexpected shape */
#define TRONPAY_E_RANDOM -14    /* the OS random source failed */
#define TRONPAY_E_INTERNAL -15  /* out of memory or a library fault */

/* ===== Sizes (bytes) ===== */

#define TRONPAY_PRIVKEY_SIZE 32      /* secp256k1 secret scalar, big-endian */
#define TRONPAY_PUBKEY_SIZE 65       /* uncompressed point 04 || X || Y */
#define TRONPAY_ADDRESS_SIZE 21      /* 0x41 || 20 bytes */
#define TRONPAY_ADDRESS_TEXT_SIZE 35 /* 34 base58 characters + NUL */
#define TRONPAY_ADDRESS_HEX_SIZE 43  /* "41" + 40 hex digits + NUL */
#define TRONPAY_SIGNATURE_SIZE 65    /* r || s || v */
#define TRONPAY_TXID_SIZE 32         /* SHA-256 of raw_data */
#define TRONPAY_SEED_SIZE 64         /* BIP39 seed */
#define TRONPAY_XKEY_TEXT_SIZE 112   /* 111 base58 characters + NUL */

/** The sizes above as functions, for FFI layers that cannot read #defines. */
size_t tronpay_size_privkey(void);
size_t tronpay_size_pubkey(void);
size_t tronpay_size_address(void);
size_t tronpay_size_address_text(void);
size_t tronpay_size_address_hex(void);
size_t tronpay_size_signature(void);
size_t tronpay_size_txid(void);
size_t tronpay_size_seed(void);
size_t tronpay_size_xkey_text(void);

/* ===== Library ===== */

/**
 * The library version, "MAJOR.MINOR.PATCH".
 * Returns: a static string; never NULL, never to be freed.
 */
const char *tronpay_version(void);

/**
 * The ABI version of the loaded library. Bindings compare it with TRONPAY_ABI_VERSION (1) at
 * load and refuse a mismatch.
 */
uint32_t tronpay_abi_version(void);

/**
 * The name of a status code, e.g. "TRONPAY_E_ADDRESS".
 * @param s  any value; unknown codes get "unknown status".
 * Returns: a static string; never NULL, never to be freed.
 */
const char *tronpay_status_str(tronpay_status s);

/**
 * Detail text of the calling thread's last failure ("checksum mismatch"), or "" if this thread
 * has not failed yet. A successful call does not clear it.
 * Returns: a thread-local string, valid until this thread's next library call; never NULL,
 * never to be freed. It never contains secret material.
 */
const char *tronpay_last_error(void);

/**
 * Releases memory the library allocated (char ** and uint8_t ** outputs).
 * @param p  NULL is a no-op.
 */
void tronpay_free(void *p);

/**
 * Overwrites len bytes at p with zeros in a way the compiler cannot optimise away. Use it on
 * your own copies of private keys, seeds and mnemonics.
 * @param p    NULL is a no-op.
 * @param len  bytes to wipe.
 */
void tronpay_memzero(void *p, size_t len);

/* ===== Hashes, keys, addresses ===== */

/**
 * Keccak-256 with the original Keccak padding (0x01) — the hash of TRON addresses, ABI
 * selectors and signed messages. Not FIPS 202 SHA3-256.
 * @param out   32 bytes, written.
 * @param data  input bytes; may be NULL when len is 0.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out, or NULL data with len > 0.
 */
tronpay_status tronpay_keccak256(uint8_t out[32], const uint8_t *data, size_t len);

/**
 * SHA-256 (transaction ids are SHA-256 of raw_data).
 * @param out   32 bytes, written.
 * @param data  input bytes; may be NULL when len is 0.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out, or NULL data with len > 0.
 */
tronpay_status tronpay_sha256(uint8_t out[32], const uint8_t *data, size_t len);

/**
 * A fresh private key from the kernel CSPRNG (getrandom); draws outside 1 … n−1 are redrawn.
 * @param out  TRONPAY_PRIVKEY_SIZE bytes, written.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out; TRONPAY_E_RANDOM if the OS random source
 * fails.
 * Security: out holds a secret; wipe it with tronpay_memzero() when done.
 */
tronpay_status tronpay_privkey_generate(uint8_t out[32]);

/**
 * Checks that 32 bytes are a valid secp256k1 secret: 1 ≤ key < n.
 * @param key  TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK if valid; TRONPAY_E_KEY if 0 or ≥ n; TRONPAY_E_ARG for NULL.
 */
tronpay_status tronpay_privkey_verify(const uint8_t key[32]);

/**
 * The uncompressed public key 04 || X || Y of a private key.
 * @param out  TRONPAY_PUBKEY_SIZE bytes, written.
 * @param key  TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for an invalid key; TRONPAY_E_ARG for NULL.
 */
tronpay_status tronpay_pubkey_from_privkey(uint8_t out[65], const uint8_t key[32]);

/**
 * The address of a public key: 0x41 || last 20 bytes of Keccak-256(X || Y).
 * @param out  TRONPAY_ADDRESS_SIZE bytes, written.
 * @param pub  33 bytes (02/03 || X, compressed) or 65 bytes (04 || X || Y).
 * @param len  33 or 65.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for another length, another prefix byte, or a point not on
 * the curve; TRONPAY_E_ARG for NULL.
 */
tronpay_status tronpay_address_from_pubkey(uint8_t out[21], const uint8_t *pub, size_t len);

/**
 * The address of a private key.
 * @param out  TRONPAY_ADDRESS_SIZE bytes, written.
 * @param key  TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for an invalid key; TRONPAY_E_ARG for NULL.
 */
tronpay_status tronpay_address_from_privkey(uint8_t out[21], const uint8_t key[32]);

/**
 * The base58check text of an address, "T…" (34 characters).
 * @param out   TRONPAY_ADDRESS_TEXT_SIZE bytes, written NUL-terminated.
 * @param addr  TRONPAY_ADDRESS_SIZE bytes starting 0x41.
 * Returns: TRONPAY_OK; TRONPAY_E_ADDRESS if addr[0] is not 0x41; TRONPAY_E_ARG for NULL.
 */
tronpay_status tronpay_address_to_base58(char out[35], const uint8_t addr[21]);

/**
 * The hex text of an address: "41" + 40 lower-case hex digits.
 * @param out   TRONPAY_ADDRESS_HEX_SIZE bytes, written NUL-terminated.
 * @param addr  TRONPAY_ADDRESS_SIZE bytes starting 0x41.
 * Returns: TRONPAY_OK; TRONPAY_E_ADDRESS if addr[0] is not 0x41; TRONPAY_E_ARG for NULL.
 */
tronpay_status tronpay_address_to_hex(char out[43], const uint8_t addr[21]);

/**
 * Parses an address. Accepts exactly three forms:
 *   - base58check of 21 bytes with version byte 0x41 ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
 *   - 42 hex digits starting "41", either case ("41a614f8…");
 *   - "0x" + 40 hex digits, either case (the EVM form; 0x41 is prepended).
 * Nothing is repaired: whitespace, a bad checksum, another version byte, other lengths are
 * refused.
 * @param out   TRONPAY_ADDRESS_SIZE bytes, written.
 * @param text  NUL-terminated.
 * Returns: TRONPAY_OK; TRONPAY_E_ADDRESS for anything else; TRONPAY_E_ARG for NULL.
 * Security: an address that parses is well-formed, not necessarily the one you meant; compare
 * all 21 bytes, never a prefix and suffix (address poisoning).
 */
tronpay_status tronpay_address_parse(uint8_t out[21], const char *text);

/* ===== HD wallets ===== */

/* (declared when implemented) */

/* ===== Transactions ===== */

/* (declared when implemented) */

/* ===== Messages and digests ===== */

/* (declared when implemented) */

/* ===== Amounts ===== */

/**
 * Converts a human amount to integer base units, exactly: "12.5" with 6 decimals → "12500000".
 * Accepted text: decimal digits, optionally one '.' with digits on both sides, at most
 * `decimals` digits after it. Refused: signs, exponents, spaces, separators, ".5", "5.", "",
 * values ≥ 2^256.
 * @param out       receives a malloc'd NUL-terminated decimal string without leading zeros;
 *                  release with tronpay_free().
 * @param text      NUL-terminated.
 * @param decimals  the token's decimals (TRX and USDT: 6), 0 … 255.
 * Returns: TRONPAY_OK; TRONPAY_E_AMOUNT for text outside the grammar or the range;
 * TRONPAY_E_ARG for NULL or decimals > 255; TRONPAY_E_INTERNAL if out of memory.
 */
tronpay_status tronpay_amount_to_base_units(char **out, const char *text, uint32_t decimals);

/**
 * Converts integer base units to a human amount: "12500000" with 6 decimals → "12.5".
 * The output has no trailing zeros and no trailing point ("12", "0.000001", "0").
 * @param out         receives a malloc'd NUL-terminated string; release with tronpay_free().
 * @param base_units  NUL-terminated decimal digits (leading zeros allowed), value < 2^256.
 * @param decimals    0 … 255.
 * Returns: TRONPAY_OK; TRONPAY_E_AMOUNT for anything but digits, or a value ≥ 2^256;
 * TRONPAY_E_ARG for NULL or decimals > 255; TRONPAY_E_INTERNAL if out of memory.
 */
tronpay_status tronpay_amount_from_base_units(char **out, const char *base_units,
                                              uint32_t decimals);

/* ===== Transfers and payment checks ===== */

/*
 * Both functions read JSON strictly (RFC 8259 over UTF-8): invalid UTF-8, lone surrogates,
 * duplicate keys, trailing commas, leading zeros, NaN, anything after the value, nesting deeper
 * than 128, or more than 64 MiB of input are TRONPAY_E_JSON. Numbers are read exactly (never
 * through a double). Addresses in any form (base58 "T…", "41"+40 hex, "0x"+40 hex, bare 40 hex,
 * hex of either case) are normalised to their 21 bytes before anything compares them, and are
 * written back as base58. Amounts are decimal strings of base units, exact at any size.
 */

/**
 * Extracts every transfer that a piece of node, TronGrid or JSON-RPC JSON shows.
 *
 * Recognised by shape (a top-level array may hold any mix of the record shapes):
 *  - node /wallet/gettransactioninfobyid object, or the array of
 *    /wallet/gettransactioninfobyblocknum: TRC-20 Transfer logs and internal TRX transfers;
 *  - node /wallet/gettransactionbyid transaction, /wallet/getblockbynum block, and the
 *    {"block":[…]} list of getblockbylimitnext / getblockbylatestnum: TRX TransferContracts
 *    (TransferAssetContract is TRC-10: skipped as "trc10", never TRX);
 *  - TronGrid pages {"data":[…],"success":…,"meta":…} of /v1/accounts/…/transactions/trc20
 *    (items with token_info), /v1/accounts/…/transactions (full transactions, with their
 *    internal_transactions) and /v1/contracts/…/events (items with event_name "Transfer");
 *  - JSON-RPC eth_getLogs and eth_getTransactionReceipt answers, as the whole
 *    {"jsonrpc","id","result"} envelope or the bare result (null result: nothing yet).
 *  {} (a receipt not yet available) yields nothing.
 *
 * Output (keys in this order):
 *   {"transfers":[{"txid":"<64 hex>","log_index":n|null,"block":n|null,"timestamp_ms":n|null,
 *                  "token":"T…"|"TRX","from":"T…","to":"T…","amount":"<decimal base units>",
 *                  "success":true|false|null,
 *                  "source":"log"|"transfer_contract"|"internal"|"indexer"}, …],
 *    "skipped":[{"txid":"<64 hex>"|"","log_index":n|null,"reason":"…"}, …]}
 * Rules: a log is a TRC-20 Transfer iff it has exactly 3 topics, topic0 =
 * ddf252ad…b3ef (Transfer), both address topics have 12 zero high bytes and data is exactly 32
 * bytes; the token is 0x41 ‖ the log's emitter, never the transaction's contract_address. Logs
 * of other events are ignored; a log with the Transfer topic that breaks the rule is skipped.
 * Transfers of a failed transaction are listed with "success":false; zero-value logs are
 * listed. An internal transaction counts only with a positive TRX call value and rejected
 * false. log_index is the position in the transaction's own log list for node receipts, the
 * node's logIndex for JSON-RPC, the event_index of TronGrid events, null otherwise. success is
 * null where the input cannot say (TronGrid TRC-20 and event items, a transaction without
 * ret); eth_getLogs logs count as successful (nodes keep no logs of reverted calls) unless
 * "removed":true. Skip reasons: "malformed", "removed", "rejected" (internal transaction the
 * VM rejected), "trc10", "unsupported" (a transaction with several contracts).
 *
 * @param out_json  receives a malloc'd NUL-terminated JSON text; release with tronpay_free().
 *                  Untouched on failure.
 * @param json      the JSON text, json_len bytes (no NUL needed); (NULL, 0) is the empty input.
 * @param json_len  at most 64 MiB.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an error answer ({"Error":…}, a
 * JSON-RPC error) or a shape none of the above; TRONPAY_E_ARG for a NULL out_json, or json NULL
 * with json_len > 0; TRONPAY_E_INTERNAL if out of memory.
 */
tronpay_status tronpay_transfers_parse(char **out_json, const char *json, size_t json_len);

/**
 * The pure payment verdict: decides invoices from evidence, deterministically and offline.
 *
 * Request:
 *   {"chain":{"head_block":n,"solidified_block":n,"now_ms":n},               required
 *    "tokens":{"USDT":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", …},               optional
 *    "policy":{"min_amount":"1","confirmations":"solidified"|n},             optional
 *    "invoices":[{"id":"…","address":"T…","token":"USDT"|"TRX"|"T…",
 *                 "amount_due":"<base units>","created_at_ms":n,"expires_at_ms":n,
 *                 "tolerance_bps":n}, …],                                     required
 *    "evidence":[ any JSON tronpay_transfers_parse accepts, … ]}               optional
 * tokens pins the token contracts by symbol and replaces the default (mainnet USDT only);
 * an invoice token is "TRX", a pinned symbol, or a contract address (default "USDT").
 * min_amount defaults to "1" base unit. confirmations: "solidified" (default) makes a credit
 * final when its block ≤ solidified_block; n also accepts head_block − block ≥ n. amount_due
 * ≥ 1 (string or integer); created_at_ms, expires_at_ms optional; tolerance_bps 0…5000
 * (default 0): the invoice is settled by due − ⌊due × tolerance_bps / 10000⌋. Invoice ids are
 * unique. Other keys are ignored.
 *
 * Each transfer passes, in order: one evidence family per transaction (node receipts over
 * JSON-RPC over TronGrid; the others are "duplicate"); its identity (txid, log index or
 * position, source) counted once ("duplicate" on repeats); recipient an invoice address (else
 * "unmatched"); token = the invoice's pinned contract or TRX ("foreign_token" otherwise,
 * including TRC-10); success ("failed"); amount ≥ min_amount ("below_minimum", also zero-value
 * poisoning); with several invoices on one address the exact amount decides (in their time
 * window first; "ambiguous" if still several, "unmatched" if none); evidence without a receipt
 * status (TronGrid items, a transaction without ret) only makes the invoice "detected"
 * ("not_final"); a block stamped before created_at_ms is "early". What remains is a credit of
 * at most one invoice, final per the policy. A credit stamped after expires_at_ms counts
 * towards paid_late, unless the invoice was already settled in time ("late": refund it).
 *
 * States: "paid" / "overpaid" (final credits reach the settled amount in time; overpaid when
 * they exceed due), "paid_late" (only with credits stamped after expiry), "detected" (enough
 * or something seen, not final), "partial" (some final, too little), "expired" (now_ms past
 * expires_at_ms, nothing received), "new".
 *
 * Response (keys in this order):
 *   {"invoices":[{"id":"…","state":"…","due":"…","received":"…","received_final":"…",
 *                 "credits":[{"txid":"…","log_index":n|null,"amount":"…","block":n|null,
 *                             "final":bool}, …]}, …],
 *    "rejected":[{"txid":"…","log_index":n|null,"reason":"…"}, …],
 *    "unmatched":[ transfers to no invoice, shaped as in tronpay_transfers_parse ]}
 * Reasons: "foreign_token", "failed", "not_final", "late", "early", "below_minimum",
 * "duplicate", "malformed", "ambiguous", "removed", "unsupported". Skipped records reach
 * "rejected" when they name an invoice address or no readable one.
 * Work grows linearly with invoices plus transfers (hash indexes, no pairwise matching).
 *
 * Security: credits come only from logs whose emitter is a pinned contract, from successful
 * transactions, in final blocks. Token names, symbols and decimals in indexer data are never
 * trusted, and calldata is never evidence of a movement.
 *
 * @param out_json     receives a malloc'd NUL-terminated JSON text; release with
 *                     tronpay_free(). Untouched on failure.
 * @param request      the request JSON, request_len bytes; (NULL, 0) is the empty input.
 * @param request_len  at most 64 MiB.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, a missing or mistyped field, a
 * tolerance_bps outside 0…5000, an unknown token symbol, a repeated invoice id, or evidence
 * tronpay_transfers_parse refuses; TRONPAY_E_ADDRESS for an invoice or token address that is
 * not an exact base58check / 41-hex / 0x-hex address; TRONPAY_E_ARG for a NULL out_json, or
 * request NULL with request_len > 0; TRONPAY_E_INTERNAL if out of memory.
 */
tronpay_status tronpay_payment_check(char **out_json, const char *request, size_t request_len);

#ifdef __cplusplus
}
#endif

#endif /* TRONPAY_H */
