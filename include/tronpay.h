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
 *  - A NULL pointer where one is required returns TRONPAY_E_ARG. Every byte input (ptr, len),
 *    JSON text included, may be (NULL, 0), meaning empty; the function then judges the empty
 *    input (empty JSON is TRONPAY_E_JSON, an empty public key TRONPAY_E_KEY). Text inputs are
 *    NUL-terminated UTF-8.
 *  - On failure, outputs are left untouched. Two documented exceptions: tronpay_tx_verify()
 *    writes its report with TRONPAY_E_VERIFY too (the report says why it does not verify), and
 *    tronpay_xpub_derive_addresses() may have written the addresses before an invalid child
 *    (probability below 2^-127 per index; no such index is known).
 *  - Memory: "TRONPAY_E_INTERNAL if out of memory" means malloc() could not allocate an output;
 *    outputs are then untouched. The memory a call works in comes from the Swift runtime, which
 *    cannot report a failed allocation and terminates the process instead; each function's
 *    input limits (64 MiB of JSON, 1 000 000 addresses, 2^20 signatures, …) bound what a call
 *    asks for. Any fallible function may also return TRONPAY_E_INTERNAL for a fault inside the
 *    library (libcrypto or libsecp256k1 failing): a bug to report.
 *  - Fixed-size outputs go into caller buffers of the TRONPAY_*_SIZE documented for them;
 *    variable-size outputs are allocated with malloc by the library, and released with
 *    tronpay_free(), which wipes them first.
 *  - Money is never a float: TRX is int64_t sun (1 TRX = 1 000 000 sun); token amounts are
 *    decimal strings of base units, 0 … 2^256−1.
 *  - Thread safety: every function may be called from any thread at any time. The library
 *    keeps no mutable global state except per-thread data (the last-error text and a reused
 *    SHA-256 context, freed when the thread exits); the secp256k1 context is created once,
 *    randomized, and then only read.
 *  - Loading: the library is built NODELETE, so dlclose() leaves it mapped (threads that
 *    called it run its thread-exit destructors later). Loading it again is free.
 *  - Secrets (private keys, seeds, mnemonics) are read from caller memory; the library wipes
 *    every copy it makes, and tronpay_free() wipes every output it releases. Wiping the
 *    caller's own buffers and copies is the caller's job (tronpay_memzero()).
 */
#ifndef TRONPAY_H
#define TRONPAY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ===== Attributes ===== */

/*
 * As in secp256k1.h, for GCC and Clang; empty for other compilers and in the macro-free
 * build/tronpay_ffi.h (generated with TRONPAY_NO_ATTRIBUTES defined, for PHP FFI and cffi).
 *
 * TRONPAY_WARN_UNUSED_RESULT marks every function that returns a tronpay_status whose value
 * depends on the data (all but tronpay_keccak256() and tronpay_sha256(), which fail only for a
 * NULL pointer): outputs are untouched on failure, so code that ignores the status goes on with
 * whatever its buffers held before. GCC warns even through a (void) cast; test the status.
 *
 * TRONPAY_ARG_NONNULL(n) marks each pointer argument for which NULL is always misuse (not the
 * (ptr, len) inputs, where (NULL, 0) is empty, nor arguments documented as "may be NULL"). It is
 * EMPTY unless you define TRONPAY_ENABLE_NONNULL before including this header. secp256k1 marks
 * arguments that must never be NULL; here NULL is a defined misuse that returns TRONPAY_E_ARG
 * (and a binding may pass one), and a nonnull attribute would let the caller's compiler assume
 * the pointer is not NULL: drop the caller's own NULL checks after the call, and refuse to
 * compile (-Werror) code that passes NULL to test the status, as Tests/c/test_misuse.c does.
 * Define TRONPAY_ENABLE_NONNULL to get -Wnonnull warnings for such calls when your code never
 * passes NULL there on purpose.
 */
#if defined(__GNUC__) && !defined(TRONPAY_NO_ATTRIBUTES)
#define TRONPAY_WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#else
#define TRONPAY_WARN_UNUSED_RESULT
#endif
#if defined(__GNUC__) && !defined(TRONPAY_NO_ATTRIBUTES) && defined(TRONPAY_ENABLE_NONNULL)
#define TRONPAY_ARG_NONNULL(n) __attribute__((__nonnull__(n)))
#else
#define TRONPAY_ARG_NONNULL(n)
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
#define TRONPAY_E_BUFFER -2     /* reserved; returned by no function: caller buffers have the
                                   documented fixed sizes, which the library cannot measure */
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
#define TRONPAY_E_INTERNAL -15  /* an output could not be allocated, or a library fault */
/* The engine's (sections "Engine" to "Disputes and refunds"): */
#define TRONPAY_E_STORE -16     /* the store failed: I/O, a corrupt, truncated or newer file */
#define TRONPAY_E_CONFLICT -17  /* an idempotency key (order_id, refund_id) reused with other
                                   terms, or a store opened with another network or wallet */
#define TRONPAY_E_NOT_FOUND -18 /* no such invoice, refund, delivery, event or webhook */
#define TRONPAY_E_STATE -19     /* not allowed in the current state (cancel after a final
                                   credit, a block out of order, a disconnect at or below the
                                   solidified block, an over-refund) */
#define TRONPAY_E_BUSY -20      /* the store stayed locked past its busy timeout; retry */

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
 * Releases memory the library allocated (char ** and uint8_t ** outputs), after overwriting the
 * whole allocation with zeros in a way the compiler cannot optimise away (the library asks the
 * allocator for the block's size, malloc_usable_size()). So freeing a mnemonic, or any other
 * output, leaves no copy of it in freed memory; there is nothing to remember per output. The
 * outputs are ordinary malloc() blocks: free() releases them too, but without the wipe.
 * @param p  an output pointer of this library, released once; NULL is a no-op.
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
tronpay_status tronpay_keccak256(uint8_t out[32], const uint8_t *data, size_t len)
    TRONPAY_ARG_NONNULL(1);

/**
 * SHA-256 (transaction ids are SHA-256 of raw_data).
 * @param out   32 bytes, written.
 * @param data  input bytes; may be NULL when len is 0.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out, or NULL data with len > 0.
 */
tronpay_status tronpay_sha256(uint8_t out[32], const uint8_t *data, size_t len)
    TRONPAY_ARG_NONNULL(1);

/**
 * A fresh private key from the kernel CSPRNG (getrandom); draws outside 1 … n−1 are redrawn.
 * @param out  TRONPAY_PRIVKEY_SIZE bytes, written.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out; TRONPAY_E_RANDOM if the OS random source
 * fails.
 * Security: out holds a secret; wipe it with tronpay_memzero() when done.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_privkey_generate(uint8_t out[32]) TRONPAY_ARG_NONNULL(1);

/**
 * Checks that 32 bytes are a valid secp256k1 secret: 1 ≤ key < n.
 * @param key  TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK if valid; TRONPAY_E_KEY if 0 or ≥ n; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_privkey_verify(const uint8_t key[32]) TRONPAY_ARG_NONNULL(1);

/**
 * The uncompressed public key 04 || X || Y of a private key.
 * @param out  TRONPAY_PUBKEY_SIZE bytes, written.
 * @param key  TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for an invalid key; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_pubkey_from_privkey(uint8_t out[65], const uint8_t key[32])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The address of a public key: 0x41 || last 20 bytes of Keccak-256(X || Y).
 * @param out  TRONPAY_ADDRESS_SIZE bytes, written.
 * @param pub  33 bytes (02/03 || X, compressed) or 65 bytes (04 || X || Y); (NULL, 0) is empty.
 * @param len  33 or 65.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for another length (0 included), another prefix byte, or a
 * point not on the curve; TRONPAY_E_ARG for NULL out, or NULL pub with len > 0.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_address_from_pubkey(uint8_t out[21], const uint8_t *pub, size_t len)
    TRONPAY_ARG_NONNULL(1);

/**
 * The address of a private key.
 * @param out  TRONPAY_ADDRESS_SIZE bytes, written.
 * @param key  TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for an invalid key; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_address_from_privkey(uint8_t out[21], const uint8_t key[32])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The base58check text of an address, "T…" (34 characters).
 * @param out   TRONPAY_ADDRESS_TEXT_SIZE bytes, written NUL-terminated.
 * @param addr  TRONPAY_ADDRESS_SIZE bytes starting 0x41.
 * Returns: TRONPAY_OK; TRONPAY_E_ADDRESS if addr[0] is not 0x41; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_address_to_base58(char out[35], const uint8_t addr[21])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The hex text of an address: "41" + 40 lower-case hex digits.
 * @param out   TRONPAY_ADDRESS_HEX_SIZE bytes, written NUL-terminated.
 * @param addr  TRONPAY_ADDRESS_SIZE bytes starting 0x41.
 * Returns: TRONPAY_OK; TRONPAY_E_ADDRESS if addr[0] is not 0x41; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_address_to_hex(char out[43], const uint8_t addr[21])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

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
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_address_parse(uint8_t out[21], const char *text)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/* ===== HD wallets ===== */

/*
 * BIP39 mnemonics, BIP32 derivation, BIP44 paths for TRON (SLIP-44 coin type 195).
 *
 * Default TRON path: m/44'/195'/0'/0/i — account 0', external chain 0, address index i (the
 * path TronWeb, TronLink and wallet-core use). A shop keeps only the account xpub
 * (tronpay_hd_xpub(…, "m/44'/195'/0'")) on its web server and derives deposit addresses
 * m/44'/195'/0'/0/i from it with tronpay_xpub_derive_addresses(…, change 0, …); the seed and
 * private keys stay offline.
 *
 * Path syntax (the `path` arguments): "m" alone is the master node; then "/" + index for
 * each level, where an index is a decimal number below 2^31 without sign, space or leading
 * zero, followed by ' or h for a hardened index (index + 2^31). At most 255 levels (the
 * depth of BIP32 is one byte). Anything else is TRONPAY_E_PATH: "", "m/", "m//0", "m/0/",
 * "m/+1", "m/ 1", "m/01", "m/2147483648", "m/1H", ….
 *
 * Invalid children: BIP32 declares a child invalid when its tweak is ≥ n (or its point is
 * the point at infinity), with probability below 2^-127 per index. This library does not
 * skip to the next index: it returns TRONPAY_E_PATH for that path or index, so an address
 * is always exactly the one at the index asked for. (No such index is known for any seed.)
 *
 * Word lists: english, chinese_simplified, chinese_traditional, czech, french, italian,
 * japanese, korean, portuguese, russian, spanish, turkish — embedded in the library.
 */

/**
 * A fresh BIP39 mnemonic from the kernel CSPRNG (getrandom): 128 to 256 bits of entropy
 * plus checksum, as 12, 15, 18, 21 or 24 words.
 * @param out         receives a malloc'd NUL-terminated UTF-8 string; release with
 *                    tronpay_free(), which wipes it (wipe your own copies of it).
 *                    Words are spelled as in the official list files (French, Spanish,
 *                    Japanese and Korean lists are stored in NFKD form) and joined by one
 *                    space, or by U+3000 (ideographic space) for Japanese.
 * @param word_count  12, 15, 18, 21 or 24.
 * @param language    a list name above; NULL means "english".
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out, a word_count outside the five, or an
 * unknown language name; TRONPAY_E_RANDOM if the OS random source fails;
 * TRONPAY_E_INTERNAL if out of memory.
 * Security: the mnemonic is the wallet. Never log it; wipe it when done.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_mnemonic_generate(char **out, uint32_t word_count, const char *language)
    TRONPAY_ARG_NONNULL(1);

/**
 * Checks a mnemonic: after NFKD normalisation, 12/15/18/21/24 words separated by single
 * spaces (U+3000 and other characters whose NFKD form is a space count as one), nothing
 * before the first word or after the last, every word in one word list, and the checksum
 * holds. Words are matched exactly after NFKD: no case folding, no prefixes, no repair.
 * @param mnemonic  NUL-terminated UTF-8, at most 4096 bytes.
 * Returns: TRONPAY_OK if valid; TRONPAY_E_MNEMONIC otherwise (tronpay_last_error() says why:
 * word count, unknown word position, mixed lists, checksum, ill-formed UTF-8);
 * TRONPAY_E_ARG for NULL.
 * Security: the detail text never quotes a word.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_mnemonic_validate(const char *mnemonic) TRONPAY_ARG_NONNULL(1);

/**
 * The BIP39 seed: PBKDF2-HMAC-SHA512(password NFKD(mnemonic), salt "mnemonic" +
 * NFKD(passphrase), 2048 rounds, 64 bytes). The mnemonic is validated first, as by
 * tronpay_mnemonic_validate(). NFC and NFD (and NFKC/NFKD) forms of the same passphrase give
 * the same seed.
 * @param out         TRONPAY_SEED_SIZE (64) bytes, written.
 * @param mnemonic    NUL-terminated UTF-8.
 * @param passphrase  NUL-terminated UTF-8 (the "25th word"); NULL means "".
 * Returns: TRONPAY_OK; TRONPAY_E_MNEMONIC for an invalid mnemonic; TRONPAY_E_ARG for NULL
 * out or mnemonic, or a passphrase that is not well-formed UTF-8.
 * Security: out holds the wallet's master secret; wipe it with tronpay_memzero().
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_mnemonic_to_seed(uint8_t out[64], const char *mnemonic,
                                        const char *passphrase)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The private key at a BIP32 path below the master node of a seed.
 * @param out       TRONPAY_PRIVKEY_SIZE (32) bytes, written.
 * @param seed      seed_len bytes (a BIP39 seed is 64).
 * @param seed_len  16 … 64.
 * @param path      e.g. "m/44'/195'/0'/0/7" (syntax above).
 * Returns: TRONPAY_OK; TRONPAY_E_PATH for a malformed path, or an invalid child on the path
 * (probability < 2^-127 per level); TRONPAY_E_KEY if the seed gives an invalid master key
 * (probability < 2^-127); TRONPAY_E_ARG for NULL out or path, NULL seed with seed_len > 0, or
 * seed_len outside 16 … 64 (checked before the path).
 * Security: out is a private key; wipe it with tronpay_memzero(). Seed, chain codes and
 * intermediate keys are wiped inside the library.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_hd_privkey(uint8_t out[32], const uint8_t *seed, size_t seed_len,
                                  const char *path) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * The extended public key ("xpub…", version 0488b21e) at a path: what a watch-only server
 * holds. For TRON deposits, the account node "m/44'/195'/0'".
 * @param out       TRONPAY_XKEY_TEXT_SIZE (112) bytes, written: 111 characters + NUL.
 * @param seed      seed_len bytes.
 * @param seed_len  16 … 64.
 * @param path      syntax above.
 * Returns: as tronpay_hd_privkey().
 * Security: an xpub reveals every address below it (not their keys); but an xpub together
 * with any private key derived from it by non-hardened steps reveals the xpub's own private
 * key: never let the two meet on one server.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_hd_xpub(char out[112], const uint8_t *seed, size_t seed_len,
                               const char *path) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * The extended private key ("xprv…", version 0488ade4) at a path.
 * @param out       TRONPAY_XKEY_TEXT_SIZE (112) bytes, written: 111 characters + NUL.
 * @param seed      seed_len bytes.
 * @param seed_len  16 … 64.
 * @param path      syntax above.
 * Returns: as tronpay_hd_privkey().
 * Security: out controls every key below the node; wipe it with tronpay_memzero().
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_hd_xprv(char out[112], const uint8_t *seed, size_t seed_len,
                               const char *path) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * Watch-only deposit addresses: writes the addresses of xpub/change/i for i = first_index …
 * first_index + count − 1, count × 21 bytes (0x41 || 20 bytes each), in index order.
 * With the account xpub of m/44'/195'/0' and change 0, address i is the one of the private
 * path m/44'/195'/0'/0/i. The xpub is parsed and the change node derived once; each address
 * then costs one HMAC-SHA512 and one point tweak.
 * The xpub is parsed strictly: Base58Check checksum, 78 bytes, version 0488b21e (an "xprv…"
 * is refused without being decoded), depth 0 only with parent fingerprint 0 and child
 * number 0, a 02/03 key that is a point on the curve.
 * @param out          count × TRONPAY_ADDRESS_SIZE bytes, written; may be NULL only when
 *                     count is 0.
 * @param xpub         NUL-terminated "xpub…" text.
 * @param change       below 2^31 (0 external/deposit, 1 internal/change).
 * @param first_index  first index; first_index + count must not exceed 2^31.
 * @param count        0 … 1 000 000; 0 checks the arguments and writes nothing.
 * Returns: TRONPAY_OK; TRONPAY_E_XKEY for a malformed, corrupted or private extended key;
 * TRONPAY_E_PATH for change ≥ 2^31 or any index ≥ 2^31 (an xpub has no hardened
 * children), or an invalid child (probability < 2^-127 per index: derive that index's
 * neighbours separately; only in this case may entries before it have been written);
 * TRONPAY_E_ARG for NULL xpub, NULL out with count > 0, or count > 1 000 000.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_xpub_derive_addresses(uint8_t *out, const char *xpub, uint32_t change,
                                             uint32_t first_index, uint32_t count)
    TRONPAY_ARG_NONNULL(2);

/* ===== Transactions ===== */

/*
 * Offline TRX and TRC-20 transactions, byte-exact with java-tron. A transaction here is its
 * raw_data protobuf bytes (Transaction.raw); txID = SHA-256(raw_data); each signature is
 * r || s || v (65 bytes) over the txID. Hand the node either the JSON of tronpay_tx_to_json()
 * (/wallet/broadcasttransaction) or, built by you, the Transaction protobuf (/wallet/broadcasthex).
 *
 * "Decodes" below means: well-formed protobuf (no truncated or over-long varints, no length past
 * the end, no wire types 3, 4, 6, 7, known fields with their own wire type, no singular field
 * twice), exactly one contract, and a contract type that agrees with its parameter's type_url.
 * Unknown fields are skipped.
 */

/**
 * Options of every built transaction. Versioned: set struct_size = sizeof(tronpay_tx_options);
 * later versions only append fields.
 */
typedef struct tronpay_tx_options {
    uint32_t       struct_size;    /* sizeof(tronpay_tx_options) */
    const uint8_t *ref_block_id;   /* 32-byte id of a recent block; ref_block_bytes = id[6..8], ref_block_hash = id[8..16] */
    int64_t        timestamp_ms;   /* raw_data.timestamp; 0 leaves it out */
    int64_t        expiration_ms;  /* raw_data.expiration; > 0 and > timestamp_ms when that is set */
    int64_t        fee_limit_sun;  /* raw_data.fee_limit; 0 leaves it out; never defaulted */
    const uint8_t *memo;           /* raw_data.data; may be NULL when memo_len is 0 */
    size_t         memo_len;
    int32_t        permission_id;  /* Contract.Permission_id; 0 leaves it out */
} tronpay_tx_options;

/*
 * Options are checked the same way by every builder; each returns TRONPAY_E_ARG (naming the
 * field in tronpay_last_error()) for: opt NULL; opt->struct_size < sizeof of this version (64 on
 * LP64); ref_block_id NULL; memo NULL with memo_len > 0; timestamp_ms < 0; expiration_ms <= 0;
 * expiration_ms <= timestamp_ms when timestamp_ms is set; fee_limit_sun < 0; permission_id < 0.
 * The block id is a block's "blockID" from the node (getnowblock, getblockbynum); it must be one
 * of the last 65 536 blocks of the canonical chain when the transaction is broadcast.
 * fee_limit_sun caps the TRX a contract call may burn for energy: too low and the call fails
 * after burning TRX (OUT_OF_ENERGY). There is no default; TRX transfers need none.
 */

/**
 * Builds a TRX payment (TransferContract).
 * @param out_raw     receives the malloc'd raw_data bytes; release with tronpay_free().
 * @param out_len     receives their length.
 * @param owner       TRONPAY_ADDRESS_SIZE bytes, the payer (and signer).
 * @param to          TRONPAY_ADDRESS_SIZE bytes, the recipient.
 * @param amount_sun  > 0 (1 TRX = 1 000 000 sun).
 * @param opt         see tronpay_tx_options.
 * Returns: TRONPAY_OK; TRONPAY_E_AMOUNT for amount_sun <= 0; TRONPAY_E_TX when owner == to
 * (java-tron refuses both); TRONPAY_E_ADDRESS for an address not starting 0x41; TRONPAY_E_ARG
 * for NULL or bad options; TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_build_transfer(uint8_t **out_raw, size_t *out_len,
                                         const uint8_t owner[21], const uint8_t to[21],
                                         int64_t amount_sun, const tronpay_tx_options *opt)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3) TRONPAY_ARG_NONNULL(4)
    TRONPAY_ARG_NONNULL(6);

/**
 * Builds a TRC-20 transfer: TriggerSmartContract on `token` calling transfer(to, amount), call
 * value 0. Call data = a9059cbb || 12 zero bytes || to[1..21] || amount as 32 big-endian bytes.
 * @param out_raw  receives the malloc'd raw_data bytes; release with tronpay_free().
 * @param out_len  receives their length.
 * @param owner    TRONPAY_ADDRESS_SIZE bytes, the token holder (and signer).
 * @param token    TRONPAY_ADDRESS_SIZE bytes, the token contract (USDT mainnet:
 *                 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t).
 * @param to       TRONPAY_ADDRESS_SIZE bytes, the recipient.
 * @param amount   NUL-terminated decimal digits of base units, 0 … 2^256−1 (USDT: 6 decimals,
 *                 "1000000" is 1 USDT); leading zeros allowed, nothing else.
 * @param opt      see tronpay_tx_options; set fee_limit_sun.
 * Returns: TRONPAY_OK; TRONPAY_E_AMOUNT for an amount outside the grammar or ≥ 2^256;
 * TRONPAY_E_ADDRESS for an address not starting 0x41; TRONPAY_E_ARG for NULL or bad options;
 * TRONPAY_E_INTERNAL if out of memory.
 * Security: the chain learns who is paid only from the call data; verify the token address
 * byte for byte (fake tokens copy USDT's name and symbol).
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_build_trc20_transfer(uint8_t **out_raw, size_t *out_len,
                                               const uint8_t owner[21], const uint8_t token[21],
                                               const uint8_t to[21], const char *amount,
                                               const tronpay_tx_options *opt)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3) TRONPAY_ARG_NONNULL(4)
    TRONPAY_ARG_NONNULL(5) TRONPAY_ARG_NONNULL(6) TRONPAY_ARG_NONNULL(7);

/**
 * Builds any contract call (approve, transferFrom, …): TriggerSmartContract with your call data.
 * @param out_raw        receives the malloc'd raw_data bytes; release with tronpay_free().
 * @param out_len        receives their length.
 * @param owner          TRONPAY_ADDRESS_SIZE bytes, the caller (and signer).
 * @param contract       TRONPAY_ADDRESS_SIZE bytes.
 * @param call_value_sun TRX sent with the call, >= 0 (0 leaves it out).
 * @param data           ABI call data; may be NULL when data_len is 0.
 * @param opt            see tronpay_tx_options.
 * Returns: TRONPAY_OK; TRONPAY_E_AMOUNT for call_value_sun < 0; TRONPAY_E_ADDRESS for an
 * address not starting 0x41; TRONPAY_E_ARG for NULL or bad options; TRONPAY_E_INTERNAL if out
 * of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_build_trigger(uint8_t **out_raw, size_t *out_len,
                                        const uint8_t owner[21], const uint8_t contract[21],
                                        int64_t call_value_sun, const uint8_t *data,
                                        size_t data_len, const tronpay_tx_options *opt)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3) TRONPAY_ARG_NONNULL(4)
    TRONPAY_ARG_NONNULL(8);

/**
 * The transaction id: SHA-256 of raw_data bytes.
 * @param out      TRONPAY_TXID_SIZE bytes, written.
 * @param raw      raw_data bytes; may be NULL when raw_len is 0 (which does not decode).
 * Returns: TRONPAY_OK; TRONPAY_E_TX if the bytes do not decode; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_id(uint8_t out[32], const uint8_t *raw, size_t raw_len)
    TRONPAY_ARG_NONNULL(1);

/**
 * Signs raw_data: r || s || v over its txID, RFC 6979 deterministic, low-s, v ∈ {0, 1}. For a
 * multi-signature permission, each co-signer calls this on the same bytes and the signatures
 * are listed together. The key is read in place; the library keeps no copy.
 * @param out_sig  TRONPAY_SIGNATURE_SIZE bytes, written.
 * @param raw      raw_data bytes.
 * @param key      TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_TX if raw does not decode; TRONPAY_E_KEY for a key of 0 or
 * ≥ n; TRONPAY_E_ARG for NULL.
 * Security: you sign exactly these bytes. If they came from elsewhere (a node's
 * createtransaction), pass the node's JSON through tronpay_tx_from_json() or tronpay_tx_verify()
 * first and check the decoded contract: who pays whom, how much, which token, fee limit.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_sign(uint8_t out_sig[65], const uint8_t *raw, size_t raw_len,
                               const uint8_t key[32]) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * The node's JSON form of a transaction, as /wallet/createtransaction returns it with
 * visible=false and /wallet/broadcasttransaction takes it:
 * {"txID":hex,"raw_data":{…},"raw_data_hex":hex,"signature":[hex,…],"visible":false}.
 * raw_data uses java-tron's names (ref_block_bytes, contract[].parameter.value.owner_address,
 * type_url, type, Permission_id …), bytes as lower-case hex, int64 as numbers, defaults left out.
 * @param out_json   receives a malloc'd NUL-terminated JSON text; release with tronpay_free().
 * @param raw        raw_data bytes.
 * @param sigs       sig_count × 65 bytes, written to "signature" as given; may be NULL when
 *                   sig_count is 0 ("signature":[]).
 * @param sig_count  0 … 1 048 576.
 * Returns: TRONPAY_OK; TRONPAY_E_TX if raw does not decode, is not in canonical form (unknown
 * fields or non-minimal encodings: the node rebuilds the bytes from the JSON and would get
 * another txID — broadcast such bytes with /wallet/broadcasthex instead), or holds a contract
 * other than TransferContract, TransferAssetContract, TriggerSmartContract; TRONPAY_E_ARG for
 * NULL or sig_count out of range; TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_to_json(char **out_json, const uint8_t *raw, size_t raw_len,
                                  const uint8_t *sigs, size_t sig_count) TRONPAY_ARG_NONNULL(1);

/**
 * The whole Transaction protobuf (raw_data as field 1, each signature as field 2), the bytes
 * /wallet/broadcasthex takes as hex. Unlike /wallet/broadcasttransaction, the node then never
 * rebuilds the bytes from JSON, so what was signed is what is sent.
 * @param out_tx     receives the malloc'd Transaction bytes; release with tronpay_free().
 * @param out_len    receives their length.
 * @param raw        raw_data bytes.
 * @param sigs       sig_count × 65 bytes; may be NULL when sig_count is 0.
 * @param sig_count  0 … 1 048 576.
 * Returns: TRONPAY_OK; TRONPAY_E_TX if raw does not decode; TRONPAY_E_ARG for NULL or
 * sig_count out of range; TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_serialize(uint8_t **out_tx, size_t *out_len, const uint8_t *raw,
                                    size_t raw_len, const uint8_t *sigs, size_t sig_count)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Reads a node's transaction JSON (gettransactionbyid, createtransaction, TronGrid
 * /v1/accounts/…/transactions items; visible=false) as a verify-then-sign gate:
 * raw_data_hex is the truth; txID must be its SHA-256; raw_data, when present, must say exactly
 * what the bytes say (every member known, every value equal, and its canonical encoding equal
 * to raw_data_hex). Other members (ret, TronGrid extras) are ignored.
 * @param out_raw        receives the malloc'd raw_data bytes; release with tronpay_free().
 * @param out_len        receives their length.
 * @param out_sigs       receives a malloc'd array of out_sig_count × 65 bytes, the signatures
 *                       exactly as the JSON carries them (v 27/28 stays 27/28); release with
 *                       tronpay_free(). A valid pointer even when there are none.
 * @param out_sig_count  receives the number of signatures.
 * @param json           the JSON text; need not be NUL-terminated; (NULL, 0) is the empty
 *                       input.
 * @param json_len       its length in bytes, at most 64 MiB.
 * Returns: TRONPAY_OK; TRONPAY_E_TX when raw_data_hex does not decode, txID differs, raw_data
 * disagrees with the bytes or holds something that cannot be checked (an unknown member, an
 * unsupported contract type), or "visible" is true — tronpay_last_error() names the field and
 * both values; TRONPAY_E_JSON for text that is not JSON, not an object, or lacks txID or
 * raw_data_hex strings, or a member of the wrong JSON type; TRONPAY_E_HEX for txID, raw_data_hex
 * or a signature that is not hex; TRONPAY_E_SIGNATURE for a signature that is not 65 bytes;
 * TRONPAY_E_ARG for a NULL output pointer, or json NULL with json_len > 0; TRONPAY_E_INTERNAL if
 * out of memory.
 * Security: a node or proxy that shows one transaction in raw_data and has you sign another in
 * raw_data_hex is caught here. It does not judge the content: read the contract before signing.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_from_json(uint8_t **out_raw, size_t *out_len, uint8_t **out_sigs,
                                    size_t *out_sig_count, const char *json, size_t json_len)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3) TRONPAY_ARG_NONNULL(4);

/**
 * Verifies a node's transaction JSON and reports what it found. Valid means: txID is SHA-256 of
 * raw_data_hex, raw_data (if present) says the same as the bytes, every signature is well-formed
 * and recovers, there is at least one, and the owner of the contract is among the signers (the
 * owner's own key: a multi-signature permission's other keys cannot be judged without the
 * account's permissions). Report (both on OK and on TRONPAY_E_VERIFY):
 *   {"valid":bool,"txid":hex (recomputed),"txid_matches":bool,"raw_data_matches":bool|null (null:
 *    no raw_data),"signers":["T…",…] (recovered, in order),"owner":"T…"|null,"owner_signed":bool,
 *    "expired":bool,"contract":{…},"expiration_ms":n,"timestamp_ms":n|null,"fee_limit_sun":n,
 *    "memo_hex":hex,"problems":["…",…]}
 * contract: {"type":"TransferContract","owner","to","token":"TRX","amount":"sun"} |
 *   {"type":"TransferAssetContract","owner","to","asset_name_hex","amount"} |
 *   {"type":"TriggerSmartContract","owner","contract","call_value":"sun","data":hex,
 *    "call":{"method":"transfer","to","amount"} | {"method":"transferFrom","from","to","amount"}
 *           | {"method":"approve","spender","amount"} | null} | {"type":"<other>"};
 *   "permission_id":n when not 0. Amounts are decimal strings. TRC-20 call data is decoded
 *   strictly: exact length, 12 zero bytes before each address; anything else gives "call":null
 *   and a problem (wallets that pad with …0041 produce such calls, and tokens may execute them).
 * problems lists every failed check and what the chain would refuse or a careful signer would
 * not do: high-s signatures (accepted, as java-tron accepts them), a signer twice, expiry, a
 * non-positive TRX amount, owner == recipient, malformed call data. They do not make a
 * transaction invalid unless they are one of the checks above.
 * @param out_report  receives a malloc'd NUL-terminated JSON text; release with tronpay_free().
 *                    Written on TRONPAY_OK and on TRONPAY_E_VERIFY, untouched on any other
 *                    status.
 * @param json        node transaction JSON as for tronpay_tx_from_json(); need not be
 *                    NUL-terminated; (NULL, 0) is the empty input.
 * @param json_len    its length in bytes, at most 64 MiB.
 * @param now_ms      current time in ms: "expired" is expiration_ms <= now_ms; 0 skips the check
 *                    (expired is then false). Expiry is reported, not part of "valid".
 * Returns: TRONPAY_OK if valid; TRONPAY_E_VERIFY if well-formed but not valid (report written);
 * without a report: TRONPAY_E_JSON (not JSON, not an object, no raw_data_hex string, raw_data
 * not an object), TRONPAY_E_HEX (raw_data_hex not hex), TRONPAY_E_TX (raw_data_hex does not
 * decode, or visible=true), TRONPAY_E_ARG for NULL out_report or json NULL with json_len > 0,
 * TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_tx_verify(char **out_report, const char *json, size_t json_len,
                                 int64_t now_ms) TRONPAY_ARG_NONNULL(1);

/* ===== Messages and digests ===== */

/*
 * TIP-104 signed messages, as TronWeb's signMessageV2 / verifyMessageV2 use them:
 *   digest = Keccak-256("\x19TRON Signed Message:\n" || decimal byte length || message bytes).
 * A text message is its UTF-8 bytes ("hello world" is 11 bytes, framed with "11").
 * Signatures are r || s || v (65 bytes). Recovery and verification accept v ∈ {0, 1, 27, 28}
 * and high-s. Status rules for every function here: TRONPAY_E_SIGNATURE for a malformed
 * signature (v outside {0, 1, 27, 28}, r or s zero or ≥ n); TRONPAY_E_VERIFY when it is
 * well-formed but no key recovers from it or (verify) another key made it.
 */

/**
 * Signs a message the TIP-104 v2 way; v is 27 or 28, TronWeb's bytes exactly (TronWeb shows
 * them as "0x" + 130 hex digits).
 * @param out_sig  TRONPAY_SIGNATURE_SIZE bytes, written.
 * @param msg      message bytes; may be NULL when len is 0.
 * @param key      TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for a key of 0 or ≥ n; TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_message_sign(uint8_t out_sig[65], const uint8_t *msg, size_t len,
                                    const uint8_t key[32])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * The address that signed a message (TIP-104 v2).
 * @param out_addr  TRONPAY_ADDRESS_SIZE bytes, written.
 * @param msg       message bytes; may be NULL when len is 0.
 * @param sig       TRONPAY_SIGNATURE_SIZE bytes, v ∈ {0, 1, 27, 28}.
 * Returns: TRONPAY_OK; TRONPAY_E_SIGNATURE; TRONPAY_E_VERIFY if no key recovers;
 * TRONPAY_E_ARG for NULL.
 * Security: any signature recovers to some address; compare it with the one you expect, or
 * use tronpay_message_verify().
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_message_recover(uint8_t out_addr[21], const uint8_t *msg, size_t len,
                                       const uint8_t sig[65])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * Checks that `addr` signed a message (TIP-104 v2).
 * @param msg   message bytes; may be NULL when len is 0.
 * @param sig   TRONPAY_SIGNATURE_SIZE bytes.
 * @param addr  TRONPAY_ADDRESS_SIZE bytes starting 0x41.
 * Returns: TRONPAY_OK if addr signed it; TRONPAY_E_VERIFY if another key did (or none
 * recovers); TRONPAY_E_SIGNATURE; TRONPAY_E_ADDRESS if addr does not start 0x41;
 * TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_message_verify(const uint8_t *msg, size_t len, const uint8_t sig[65],
                                      const uint8_t addr[21])
    TRONPAY_ARG_NONNULL(3) TRONPAY_ARG_NONNULL(4);

/**
 * Legacy v1 recovery (TronWeb trx.sign(hexString) / trx.verifyMessage): the digest is
 * Keccak-256("\x19TRON Signed Message:\n32" || message bytes) — the length text is always "32",
 * whatever the message length. msg is the hex-DECODED bytes of the hex string TronWeb was
 * given. For a 32-byte message v1 and v2 are the same digest. Arguments and statuses as
 * tronpay_message_recover().
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_message_recover_v1(uint8_t out_addr[21], const uint8_t *msg, size_t len,
                                          const uint8_t sig[65])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(4);

/**
 * Legacy v1 verification (see tronpay_message_recover_v1()). Arguments and statuses as
 * tronpay_message_verify().
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_message_verify_v1(const uint8_t *msg, size_t len, const uint8_t sig[65],
                                         const uint8_t addr[21])
    TRONPAY_ARG_NONNULL(3) TRONPAY_ARG_NONNULL(4);

/**
 * Signs a raw 32-byte digest, no prefix or hashing: r || s || v with v ∈ {0, 1}, RFC 6979,
 * low-s.
 * @param out_sig  TRONPAY_SIGNATURE_SIZE bytes, written.
 * @param digest   32 bytes.
 * @param key      TRONPAY_PRIVKEY_SIZE bytes.
 * Returns: TRONPAY_OK; TRONPAY_E_KEY for a key of 0 or ≥ n; TRONPAY_E_ARG for NULL.
 * Security: whoever chose the digest chose what you sign: a txID is a transaction, and a
 * digest you cannot recompute yourself can be anything.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_digest_sign(uint8_t out_sig[65], const uint8_t digest[32],
                                   const uint8_t key[32])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

/**
 * The address whose key signed a raw 32-byte digest.
 * @param out_addr  TRONPAY_ADDRESS_SIZE bytes, written.
 * @param digest    32 bytes.
 * @param sig       TRONPAY_SIGNATURE_SIZE bytes, v ∈ {0, 1, 27, 28}.
 * Returns: TRONPAY_OK; TRONPAY_E_SIGNATURE; TRONPAY_E_VERIFY if no key recovers;
 * TRONPAY_E_ARG for NULL.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_digest_recover(uint8_t out_addr[21], const uint8_t digest[32],
                                      const uint8_t sig[65])
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

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
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_amount_to_base_units(char **out, const char *text, uint32_t decimals)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Converts integer base units to a human amount: "12500000" with 6 decimals → "12.5".
 * The output has no trailing zeros and no trailing point ("12", "0.000001", "0").
 * @param out         receives a malloc'd NUL-terminated string; release with tronpay_free().
 * @param base_units  NUL-terminated decimal digits (leading zeros allowed), value < 2^256.
 * @param decimals    0 … 255.
 * Returns: TRONPAY_OK; TRONPAY_E_AMOUNT for anything but digits, or a value ≥ 2^256;
 * TRONPAY_E_ARG for NULL or decimals > 255; TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_amount_from_base_units(char **out, const char *base_units,
                                              uint32_t decimals)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

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
 *   {"transfers":[{"txid":"<64 hex>","log_index":n|null,"ordinal":n,"block":n|null,
 *                  "timestamp_ms":n|null,"token":"T…"|"TRX","from":"T…","to":"T…",
 *                  "amount":"<decimal base units>","success":true|false|null,
 *                  "source":"log"|"transfer_contract"|"internal"|"indexer"}, …],
 *    "skipped":[{"txid":"<64 hex>"|"","log_index":n|null,"reason":"…","detail":"…"?}, …]}
 * Rules: a log is a TRC-20 Transfer iff it has exactly 3 topics, topic0 =
 * ddf252ad…b3ef (Transfer), both address topics have 12 zero high bytes and data is exactly 32
 * bytes; the token is 0x41 ‖ the log's emitter, never the transaction's contract_address. Logs
 * of other events are ignored; a log with the Transfer topic that breaks the rule is skipped.
 * Transfers of a failed transaction are listed with "success":false; zero-value logs are
 * listed. An internal transaction counts only with a positive TRX call value and rejected
 * false. log_index is the position in the transaction's own log list for node receipts, the
 * node's logIndex for JSON-RPC, the event_index of TronGrid events, null otherwise: each
 * source's own number. ordinal is the credit identity's: how many transfers equal to this one
 * (token, from, to, amount) precede it in the transaction in log order, the same whatever the
 * source, so (txid, token, from, to, amount, ordinal) names one movement everywhere. A JSON-RPC
 * logIndex counts across its block, so it orders equal logs only inside the answer that carries
 * it (one JSON text here, one evidence item of tronpay_payment_check): answers meet by ordinal,
 * and one claim that two answers place at different logIndex values is one movement (hand an
 * eth_getLogs answer over whole). An eth_getTransactionReceipt numbers its logs by their order
 * in it, logIndex or not (where present it must rise with that order).
 *
 * Truth per transaction: every record of a txid is gathered first (records without transfers
 * too). If any record says the transaction failed (receipt "result":"FAILED" or a
 * receipt.result other than SUCCESS, a ret contractRet other than SUCCESS, a JSON-RPC status
 * 0x0), all its transfers get "success":false and one skipped entry {"reason":"failed",
 * "detail":"<the result, e.g. OUT_OF_ENERGY>"} lists it. If its records disagree (block
 * numbers, block hashes, times, their log lists, a log seen alone that the receipt does not
 * list, a receipt's logs naming another txid, block or block hash, ret entries or ret code vs
 * contractRet, JSON raw_data vs the signed raw_data_hex), one skipped entry
 * {"reason":"inconsistent","detail":
 * "<what disagrees>"} lists it, and tronpay_payment_check credits nothing of it. A record
 * unreadable at the transaction level (a quoted blockNumber, a non-array log) is skipped as
 * "malformed" and makes its transaction inconsistent. Block and time of a transfer are its
 * transaction's, agreed by all its records; a block record (getblockbynum,
 * eth_getBlockByNumber) dates the transactions of its number. The block hash is a fact of the
 * transaction (JSON-RPC blockHash, a node block's blockID, which is the same id): two of them,
 * or a block record that gives the transaction's block number another id, mean a reorg between
 * the answers: inconsistent. A time only an indexer gives (TronGrid block_timestamp) never dates
 * a transfer read from node or JSON-RPC records: its timestamp_ms stays null until a node-level
 * record (its receipt, its block) dates it.
 *
 * Signed bytes: a node transaction with raw_data_hex is what its bytes say: their SHA-256
 * must be the txID, and the JSON type and type_url must name the contract type the bytes hold,
 * whatever it is (a "TriggerSmartContract" type over signed TransferContract bytes is
 * inconsistent, not a call). A TransferContract / TransferAssetContract is read from the bytes,
 * and the JSON raw_data must agree with them. Without raw_data_hex the transfer is an
 * indexer's word: success null.
 *
 * Field forms, as each source prints them: node and TronGrid numbers (blockNumber,
 * blockTimeStamp, block_timestamp, fee, amount, event_index) are JSON integers, JSON-RPC
 * quantities are "0x" hex, block hashes and ids 32 bytes of hex, "removed" is true or false;
 * anything else is "malformed". A TronGrid page with "success" other than true is an error
 * answer. A TronGrid event whose forms of one field disagree (positional "0"/"1"/"2", from/
 * _from, to/_to, value/_value: every one present must agree) is "malformed". An internal
 * transaction whose callValueInfo entry has a tokenId (even "") is TRC-10, never TRX.
 *
 * success is null where the input cannot say (TronGrid TRC-20 and event items, a transaction
 * without ret or without raw_data_hex); eth_getLogs logs count as successful (nodes keep no
 * logs of reverted calls) unless "removed":true, which revokes that movement wherever else it
 * appears. Skip reasons: "malformed", "removed", "rejected" (internal transaction the VM
 * rejected), "trc10", "unsupported" (a transaction with several contracts), "failed",
 * "inconsistent".
 *
 * @param out_json  receives a malloc'd NUL-terminated JSON text; release with tronpay_free().
 *                  Untouched on failure.
 * @param json      the JSON text, json_len bytes (no NUL needed); (NULL, 0) is the empty input.
 * @param json_len  at most 64 MiB.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an error answer ({"Error":…}, a
 * JSON-RPC error) or a shape none of the above; TRONPAY_E_ARG for a NULL out_json, or json NULL
 * with json_len > 0; TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_transfers_parse(char **out_json, const char *json, size_t json_len)
    TRONPAY_ARG_NONNULL(1);

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
 * ≥ 1 and min_amount: a decimal string in its one form ("0", or no leading zero) or a JSON
 * integer; created_at_ms, expires_at_ms optional (leave them out: null is refused);
 * tolerance_bps 0…5000 (default 0): the invoice is settled by due − ⌊due × tolerance_bps /
 * 10000⌋. Invoice ids are unique.
 *
 * Strictness (TRONPAY_E_JSON, the detail names the field): a member the request does not
 * define, at any level outside "evidence" ("expires_at" for "expires_at_ms" would silently mean
 * "never expires"); solidified_block > head_block; expires_at_ms ≤ created_at_ms; now_ms,
 * created_at_ms or expires_at_ms below 10^11 ("looks like seconds, milliseconds expected");
 * created_at_ms, expires_at_ms or tolerance_bps given as null (null is not absence); an
 * amount_due or min_amount string with a leading zero ("041677389"); a tokens entry named
 * "TRX"; an invoice token that is a symbol tokens does not pin (also the default "USDT" when
 * tokens does not pin it).
 *
 * Evidence is resolved per transaction first (see tronpay_transfers_parse: truth per
 * transaction, signed bytes, field forms). Then each transfer passes, in order: its credit
 * identity (txid, token, from, to, amount, ordinal) is judged once, through its most direct
 * sighting (node receipts, node transactions, JSON-RPC, TronGrid), the other sightings are
 * "duplicate"; an identity that a "removed":true log withdrew is "removed"; recipient an
 * invoice address (else "unmatched"); token = the invoice's pinned contract or TRX
 * ("foreign_token" otherwise, including TRC-10); the transaction failed by any record
 * ("failed") or its records disagree ("inconsistent"); amount ≥ min_amount ("below_minimum",
 * also zero-value poisoning); with several invoices on one address the exact amount decides (in
 * their time window first; "ambiguous" if still several, "unmatched" if none); evidence without
 * a receipt status (TronGrid items, a transaction without ret or raw_data_hex) only makes the
 * invoice "detected" ("not_final"); an invoice with created_at_ms or expires_at_ms is judged
 * only against a trustworthy block time — positive, a multiple of 3000 ms (TRON's slot), at most
 * now_ms + 60 s — else the credit only makes it "detected" ("undated": eth_getLogs carries no
 * time, so hand over the eth_getBlockByNumber of its block too; a TronGrid time never dates a
 * node-level credit); a block stamped before
 * created_at_ms is "early". What remains is a credit of at most one invoice, final per the
 * policy. A credit stamped after expires_at_ms counts towards paid_late, unless the invoice was
 * already settled in time ("late": refund it). received and received_final are exact sums at
 * any size (beyond 2^256 − 1 too), so an overpayment is never "paid".
 *
 * States: "paid" / "overpaid" (final credits reach the settled amount in time; overpaid when
 * they exceed due), "paid_late" (only with credits stamped after expiry), "detected" (enough
 * or something seen, not final), "partial" (some final, too little), "expired" (now_ms past
 * expires_at_ms, nothing received), "new".
 *
 * Response (keys in this order):
 *   {"invoices":[{"id":"…","state":"…","due":"…","received":"…","received_final":"…",
 *                 "credits":[{"txid":"…","log_index":n|null,"ordinal":n,"amount":"…",
 *                             "block":n|null,"final":bool}, …]}, …],
 *    "rejected":[{"txid":"…","log_index":n|null,"reason":"…"}, …],
 *    "unmatched":[ transfers to no invoice, shaped as in tronpay_transfers_parse ]}
 * Reasons: "foreign_token", "failed", "inconsistent", "not_final", "undated", "late", "early",
 * "below_minimum", "duplicate", "malformed", "ambiguous", "removed", "unsupported". Skipped
 * records reach "rejected" when they name an invoice address or no readable one (a failed or
 * inconsistent transaction is reported through its transfers).
 * Work grows linearly with invoices plus transfers, however many invoices share an address
 * (indexes by address, token and amount due; no pairwise matching).
 *
 * Security: credits come only from logs whose emitter is a pinned contract, from successful
 * transactions, in final blocks. Token names, symbols and decimals in indexer data are never
 * trusted, and calldata is never evidence of a movement.
 *
 * @param out_json     receives a malloc'd NUL-terminated JSON text; release with
 *                     tronpay_free(). Untouched on failure.
 * @param request      the request JSON, request_len bytes; (NULL, 0) is the empty input.
 * @param request_len  at most 64 MiB.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, a missing, unknown or mistyped field,
 * a tolerance_bps outside 0…5000, an unknown token symbol, a repeated invoice id, a rule of
 * "Strictness" above, or evidence tronpay_transfers_parse refuses; TRONPAY_E_ADDRESS for an invoice or token address that is
 * not an exact base58check / 41-hex / 0x-hex address; TRONPAY_E_ARG for a NULL out_json, or
 * request NULL with request_len > 0; TRONPAY_E_INTERNAL if out of memory.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_payment_check(char **out_json, const char *request, size_t request_len)
    TRONPAY_ARG_NONNULL(1);

/* ===== Webhooks ===== */

/*
 * Signed callbacks, for the merchant's receiving side (and for the engine's outbox, which signs
 * every delivery with these functions). Stateless; time is an argument, never read inside.
 *
 * Standard Webhooks v1 (standardwebhooks.com), the default scheme. A delivery is an HTTP POST
 * with the headers
 *   webhook-id:        the event id ("evt_…"); the same for every retry of one event
 *   webhook-timestamp: Unix seconds of this attempt, plain decimal
 *   webhook-signature: "v1,<base64 HMAC-SHA256>", or several such entries separated by spaces
 *                      (during a key rotation)
 *   content-type:      application/json
 * and a body of the shape
 *   {"type":"invoice.paid","timestamp":"2026-01-27T10:15:00Z","data":{"invoice":{…},…}}
 * where type is the event type (invoice.created, invoice.detected, invoice.partial,
 * invoice.paid, invoice.overpaid, invoice.paid_late, invoice.expired, invoice.cancelled,
 * invoice.marked_paid, invoice.invalid, payment.reverted, payment.unmatched, refund.*),
 * timestamp the event's time in RFC 3339 UTC, and data the event's data. The signature covers
 * the raw bytes  webhook-id "." webhook-timestamp "." body : verify the body exactly as it was
 * received, before any JSON parsing (a re-serialised body does not verify). Success is any 2xx
 * answer; anything else is retried later with the same webhook-id.
 *
 * A receiver: verify (tronpay_webhook_verify), then dedup on webhook-id (a retry or a replay
 * within the tolerance repeats it), do its own work and commit it, and only then answer 2xx.
 *
 * The secret is "whsec_" + base64 of the key (24 to 64 random bytes), or the bare base64, as in
 * the reference libraries. Base64 is read strictly: standard alphabet, '=' padding to a
 * multiple of 4 characters, no whitespace, no non-zero unused bits.
 */

/**
 * Signs a message the Standard Webhooks v1 way: "v1," + base64(HMAC-SHA256(key,
 * msg_id "." timestamp "." body)), where key is the decoded secret.
 * @param out_signature  receives a malloc'd NUL-terminated text of 47 characters ("v1," and
 *                       44 base64 characters); release with tronpay_free(). Untouched on
 *                       failure.
 * @param secret         NUL-terminated: "whsec_" + base64, or base64 alone.
 * @param msg_id         NUL-terminated; not empty, no '.', no control characters.
 * @param timestamp_s    Unix seconds, ≥ 0; signed as its plain decimal text.
 * @param body           the exact body bytes; may be NULL when len is 0.
 * @param len            body length, at most PTRDIFF_MAX.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for NULL out_signature, secret or msg_id, NULL body with
 * len > 0, a len above PTRDIFF_MAX, a secret that is not strict base64 or decodes to nothing, a bad msg_id, a negative
 * timestamp; TRONPAY_E_INTERNAL if out of memory or libcrypto fails.
 * Security: the secret is read in place; the decoded key lives in memory the library wipes
 * before returning, and libcrypto cleanses its keyed state. Thread-safe.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_webhook_sign(char **out_signature, const char *secret, const char *msg_id,
                                    int64_t timestamp_s, const uint8_t *body, size_t len);

/**
 * Verifies a Standard Webhooks v1 delivery from its three headers and raw body.
 * signature_header is the webhook-signature value: entries "version,signature" separated by
 * spaces; the delivery verifies if any "v1" entry equals the expected signature (compared in
 * constant time); entries of other versions ("v1a", "v2") are ignored. The timestamp must lie
 * within tolerance_s of now_s in both directions (|now_s − timestamp| ≤ tolerance_s): an old
 * delivery may be a replay, one from the future a clock problem. Nothing is remembered: dedup
 * on msg_id is the caller's job.
 * @param secret            NUL-terminated: "whsec_" + base64, or base64 alone.
 * @param msg_id            NUL-terminated webhook-id value.
 * @param timestamp         NUL-terminated webhook-timestamp value: 1 to 19 decimal digits, no
 *                          sign, no leading zero, no spaces.
 * @param signature_header  NUL-terminated webhook-signature value.
 * @param body              the body bytes exactly as received; may be NULL when len is 0.
 * @param len               body length, at most PTRDIFF_MAX.
 * @param now_s             the current Unix time in seconds.
 * @param tolerance_s       ≥ 0; 300 (5 minutes) is what the reference libraries use.
 * Pass "" for a header that is missing: that is TRONPAY_E_VERIFY, not a misuse.
 * Returns: TRONPAY_OK if the delivery is authentic and fresh; TRONPAY_E_VERIFY if msg_id is
 * empty or contains '.', the timestamp is not plain decimal or is outside the tolerance, or
 * no v1 entry matches (tronpay_last_error() says which); TRONPAY_E_ARG for any NULL pointer
 * but body (or NULL body with len > 0, a len above PTRDIFF_MAX), a secret that is not strict
 * base64 or decodes to nothing, a negative tolerance_s; TRONPAY_E_INTERNAL if libcrypto fails.
 * Security: the key is wiped after use, as for tronpay_webhook_sign(). Verify before parsing
 * or acting on the body. Thread-safe.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_webhook_verify(const char *secret, const char *msg_id,
                                      const char *timestamp, const char *signature_header,
                                      const uint8_t *body, size_t len, int64_t now_s,
                                      int64_t tolerance_s);

/*
 * epusdt / BEpusdt legacy signature — LEGACY, for existing shop plugins only. MD5 over sorted
 * parameters with the API token appended; no timestamp, so there is NO REPLAY PROTECTION: a
 * captured callback verifies forever. Prefer Standard Webhooks for anything new, and confirm a
 * payment by its txid before shipping goods.
 *
 * The engine's epusdt deliveries POST a JSON body
 *   {"trade_id":"<invoice id>","order_id":"<merchant order id>","amount":<due>,
 *    "actual_amount":<received>,"token":"<receiving address T…>",
 *    "block_transaction_id":"<txid>","status":2|3,"signature":"<32 hex>"}
 * where amount and actual_amount are the decimal text of the amounts due and received in token
 * units (12.5, not base units), written as JSON numbers as epusdt writes them; status is 2 for
 * paid, 3 for expired (float64 numbers, as in epusdt: amounts are exact up to 15 significant
 * digits). The merchant must answer HTTP 200 with the body "ok"; anything else is retried.
 *
 * The signature, exactly as epusdt's Go computes it (src/util/sign/sign.go): params is a JSON
 * object; the member "signature" is skipped, and so is null; every number is read as a
 * float64 and written as Go's strconv.FormatFloat(v, 'f', -1, 64) (shortest round-trip
 * digits, never an exponent: 100, 15.625, 0.0000001; 0 stays "0"); strings are used raw, as
 * decoded from JSON (no escaping, no URL encoding); members whose text is empty ("") are
 * dropped. Booleans, arrays and objects cannot be signed (TRONPAY_E_JSON). The "key=value"
 * pairs are sorted by their bytes, joined with '&', the API token is appended, and the
 * signature is MD5 of that, as 32 lower-case hex digits. params is read strictly as
 * everywhere (duplicate keys, invalid UTF-8 are TRONPAY_E_JSON); numbers longer than 4096
 * characters or beyond float64's range are TRONPAY_E_JSON.
 */

#define TRONPAY_EPUSDT_SIGNATURE_SIZE 33 /* 32 lower-case hex digits + NUL */

/** TRONPAY_EPUSDT_SIGNATURE_SIZE as a function, for FFI layers. */
size_t tronpay_size_epusdt_signature(void);

/**
 * The epusdt signature of a parameter object (see above).
 * @param out        TRONPAY_EPUSDT_SIGNATURE_SIZE bytes, written NUL-terminated.
 * @param params     a JSON object, len bytes (no NUL needed); a "signature" member is ignored.
 * @param len        at most 64 MiB.
 * @param api_token  NUL-terminated, not empty: the merchant's epusdt API token.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, a non-object, or a member that cannot
 * be signed (the detail names it); TRONPAY_E_ARG for NULL out or api_token, NULL params with
 * len > 0, an empty api_token; TRONPAY_E_INTERNAL if libcrypto fails.
 * Security: legacy scheme without replay protection (see above). The token is read in place
 * and hashed on a context libcrypto cleanses. Thread-safe.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_epusdt_sign(char out[33], const char *params, size_t len,
                                   const char *api_token);

/**
 * Verifies an epusdt callback: recomputes the signature of params without its "signature"
 * member and compares it with that member in constant time.
 * @param params     the callback's JSON object, len bytes, with its "signature" member.
 * @param len        at most 64 MiB.
 * @param api_token  NUL-terminated, not empty.
 * Returns: TRONPAY_OK if it matches; TRONPAY_E_VERIFY if it differs (upper-case hex differs
 * too, as in epusdt), or "signature" is missing or not a string; TRONPAY_E_JSON and
 * TRONPAY_E_ARG as for tronpay_epusdt_sign(); TRONPAY_E_INTERNAL if libcrypto fails.
 * Security: legacy scheme: a valid signature proves the token holder signed these values once,
 * not that the callback is new. Dedup on trade_id and check the payment by its txid.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_epusdt_verify(const char *params, size_t len, const char *api_token);

/* ===== Engine ===== */

/*
 * The stateful payment engine: a durable store of invoices, an exactly-once ledger of credits,
 * the chain position, an outbox of signed webhook deliveries, audit records and refunds, behind
 * one opaque handle. It never performs network I/O (the host fetches chain data and posts
 * webhooks) and never holds a private key (deposit addresses come from an xpub; refunds come
 * back unsigned). Time is always an argument, now_ms (Unix milliseconds), never read inside.
 *
 * Conventions of every function in the sections "Engine" to "Disputes and refunds":
 *  - The handle comes first. NULL, a handle that tronpay_engine_close() released, or a value
 *    that never came from tronpay_engine_open() is TRONPAY_E_ARG ("engine handle is closed or
 *    unknown"): the library keeps a registry of live handles and checks it on every call, and a
 *    handle value is never given out twice in a process, so a stale handle cannot reach
 *    another engine. (A pointer that is not a handle at all is still misuse; the check makes
 *    it an error instead of a crash.)
 *  - char **out_json receives a malloc'd NUL-terminated JSON text (UTF-8, members in the order
 *    shown); release it with tronpay_free(). Untouched on failure.
 *  - JSON inputs are (const char *json, size_t len): len bytes, no NUL needed; (NULL, 0) is the
 *    empty input, which is TRONPAY_E_JSON (for the two list filters it means "no filter").
 *    They are read strictly (RFC 8259 over UTF-8, duplicate keys, nesting deeper than 128 or
 *    more than 64 MiB are TRONPAY_E_JSON), and an unknown member of a request, filter or config
 *    is TRONPAY_E_JSON naming it: a typo must never silently drop an expiry. A member of the
 *    wrong type or form is TRONPAY_E_JSON too, whatever it holds (an amount, an address, an
 *    xpub, a hex id): the detail names the field and says why ("amount: more fraction digits
 *    than the token's 6 decimals", "config.wallets[0].xpub: …"). (Chain data handed to the
 *    chain input functions is node JSON, read as tronpay_transfers_parse() reads it.)
 *  - Text arguments (ids, actor, reason) are NUL-terminated UTF-8: NULL or invalid UTF-8 is
 *    TRONPAY_E_ARG unless the argument says "may be NULL". Ids are matched exactly; an id that
 *    names nothing is TRONPAY_E_NOT_FOUND. actor is 1–128 printable ASCII characters and
 *    reason 1–1024 bytes (else TRONPAY_E_JSON, as for the same members of a request).
 *  - Amounts are decimal strings of base units; "amount_text" members are the same amounts in
 *    token units ("12.5"). Times are integers of Unix milliseconds (*_ms).
 *  - Every call that writes does so in one store transaction together with the events it
 *    causes (transactional outbox): after a crash at any point, either the change and its
 *    events are there, or neither is. Time-driven changes (expiry, the end of monitoring) are
 *    written, with their events, by the next call that writes; invoice_get and invoice_list
 *    already report the state as of their now_ms without writing.
 *  - Statuses every engine call may return besides its own: TRONPAY_E_ARG (the handle, as
 *    above), TRONPAY_E_STORE (I/O error, corrupt or truncated file, disk full),
 *    TRONPAY_E_BUSY (another process held the store's write lock past the busy timeout of
 *    5 s; nothing was changed, retry the same call), TRONPAY_E_RANDOM (the OS random source
 *    failed while making a new id), TRONPAY_E_INTERNAL (out of memory, or a library fault).
 *    A call that races with tronpay_engine_close() on another thread may get TRONPAY_E_STATE
 *    ("the handle is closed"). On any failure nothing was written to the store.
 *  - Thread safety: one handle may be used from several threads at once; its calls are
 *    serialised inside (one store connection per handle). Several handles, in one process or
 *    in several processes on one host, may open the same SQLite store: each write is one
 *    BEGIN IMMEDIATE transaction, and the store's own UNIQUE rules (credit identity, order_id,
 *    deposit address, derivation index, refund id, event id) keep them consistent. Use one
 *    handle per process and share it between threads. SQLite's WAL mode needs all processes
 *    on one host (no network file systems); processes on several hosts share a PostgreSQL
 *    store, where the same rules hold. A handle does not survive fork(): a child process
 *    (a PHP-FPM or gunicorn worker, multiprocessing) opens its own, and never uses or closes
 *    one its parent opened.
 *
 * Store durability: SQLite runs with journal_mode=WAL, synchronous=FULL (a commit survives a
 * power loss) and foreign keys on; PostgreSQL with the same schema and constraints, serialised
 * writers, and conflicts (SQLSTATE 40001/40P01) retried inside. Both keep a schema version with
 * forward migrations applied on open; a store written by a newer library is refused
 * (TRONPAY_E_STORE), never downgraded. A lost PostgreSQL connection is TRONPAY_E_STORE for the
 * call that met it; the next call reconnects.
 *
 * A host in outline (error handling shortened to `if (s) …`; every JSON text below is the
 * caller's, every char * answer is released with tronpay_free()):
 *
 *   tronpay_engine *e = NULL;
 *   const char *cfg = "{\"store\":\"sqlite:/var/lib/shop/tronpay.db\","
 *                     "\"wallets\":[{\"id\":\"main\",\"xpub\":\"xpub6C…\"}]}";
 *   tronpay_status s = tronpay_engine_open(&e, cfg, strlen(cfg), now_ms());
 *   if (s) { fprintf(stderr, "%s: %s\n", tronpay_status_str(s), tronpay_last_error()); … }
 *
 *   // A shop request: one invoice per order (safe to repeat: idempotent by order_id).
 *   char *answer = NULL;
 *   const char *req = "{\"order_id\":\"A-1001\",\"amount\":\"12.5\"}";
 *   s = tronpay_invoice_create(e, &answer, req, strlen(req), now_ms());
 *   // answer: {"created":true,"invoice":{"id":"inv_…","address":"T…",…}}: show the address
 *   tronpay_free(answer);
 *
 *   // The chain loop (push mode), every few seconds: the tip, then each new block in order.
 *   s = tronpay_chain_tip(e, &answer, tip_json, tip_len, now_ms());        // /wallet/getnowblock
 *   …                                                                      // and the solidified
 *   s = tronpay_chain_block(e, &answer, block, block_len, infos, infos_len, now_ms());
 *
 *   // The webhook loop: POST each due delivery, report each outcome.
 *   s = tronpay_outbox_next(e, &answer, 100, now_ms());
 *   // for each {"id","url","headers","body"} of answer's "deliveries": POST it, then
 *   s = tronpay_outbox_ack(e, delivery_id, http_status, body, body_len, 0, NULL, now_ms());
 *
 *   tronpay_engine_close(e);
 */

/** An open engine: opaque; created by tronpay_engine_open(), released by tronpay_engine_close(). */
typedef struct tronpay_engine tronpay_engine;

/**
 * Opens (or creates) the store a config names, migrates its schema under the store's write
 * lock, and returns a handle.
 *
 * Config (only "store" is required):
 *   {"store":"sqlite:/var/lib/shop/tronpay.db" | "sqlite::memory:" |
 *            "postgresql://user@host/db",
 *    "network":"mainnet" | "nile" | "shasta",        default "mainnet"; pins the network's USDT
 *    "tokens":{"USDT":"T…", …},                       more or other TRC-20 pins, by symbol
 *    "wallets":[{"id":"main","xpub":"xpub…"}, …],     account xpubs (m/44'/195'/a')
 *    "policy":{"confirmations":"solidified" | n,      default "solidified"
 *              "min_amount":"1",                      base units, default "1"
 *              "expiry_ms":900000,                    default invoice lifetime (15 min)
 *              "monitor_ms":86400000,                 watch after expiry (late payments)
 *              "tolerance_bps":0,                     default underpayment tolerance
 *              "unique_amount_step":"10000"},         base units, for "unique_amount" mode
 *    "providers":[{"id":"tg","kind":"trongrid" | "fullnode","base_url":"https://…",
 *                  "headers":{"TRON-PRO-API-KEY":"…"},"max_rps":10}, …],
 *    "webhooks":[{"id":"shop","url":"https://shop.example/hook","secret":"whsec_…",
 *                 "scheme":"standard" | "epusdt","events":["invoice.*", …]}, …],
 *    "start_block":n,                                 where a new store starts scanning
 *    "worker_id":"…",                                 lease holder name; default pid@host
 *    "busy_timeout_ms":5000}                          0…600000: how long a write waits for
 *                                                     the store's lock before E_BUSY
 * "sqlite:PATH" creates the file if it does not exist (its directory must exist);
 * "sqlite::memory:" is a private store that lives as long as the handle. A "postgresql://…"
 * store (a libpq connection string; the one choice when processes on several hosts share a
 * store) loads libpq.so.5 with dlopen() on first use: the library does not link it, and a
 * host without it gets TRONPAY_E_STORE. The store records the network, the
 * token pins and each wallet's xpub on first open; opening it again with another network, pin
 * or xpub for a recorded wallet id is TRONPAY_E_CONFLICT (a store never mixes networks or
 * wallets). Secrets (webhook secrets, provider headers) are kept in memory only, never written
 * to the store: pass them in the config at every open.
 *
 * @param out     receives the handle; written only on success (untouched on failure).
 * @param config  the config JSON, len bytes; (NULL, 0) is the empty input (TRONPAY_E_JSON).
 * @param len     at most 64 MiB.
 * @param now_ms  the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown member, a wrong type or a
 * malformed value (an xpub that is not an account-level extended public key, a token pin that
 * is not an address, an unknown network, a wallet or webhook id given twice, a store text of
 * another form; the detail names the field); TRONPAY_E_ARG for a NULL out, config NULL with
 * len > 0; TRONPAY_E_CONFLICT for a store recorded with another network, pin or xpub;
 * TRONPAY_E_STORE when the file cannot be opened or created, is not a store, is corrupt or
 * truncated, or has a newer schema, and when libpq cannot be loaded or the server refuses;
 * TRONPAY_E_BUSY when another process holds the write lock past the busy timeout;
 * TRONPAY_E_RANDOM, TRONPAY_E_INTERNAL as every engine call.
 * Security: the config may carry webhook secrets and API keys: they stay in the handle's
 * memory and are never stored, logged or returned.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_engine_open(tronpay_engine **out, const char *config, size_t len,
                                   int64_t now_ms) TRONPAY_ARG_NONNULL(1);

/**
 * Closes a handle: releases its store connection and memory. Everything committed stays in
 * the store. A call already running on the handle in another thread finishes first or fails
 * with TRONPAY_E_STATE; every later call with this handle is TRONPAY_E_ARG.
 * @param e  a handle from tronpay_engine_open(), closed at most once; NULL is a no-op, and so
 *           is a handle that is already closed or unknown.
 */
void tronpay_engine_close(tronpay_engine *e);

/**
 * The engine's health: where the chain input stands and what waits.
 * @param e         an open handle.
 * @param out_json  receives
 *   {"store":"sqlite"|"postgresql","schema_version":n,"network":"mainnet",
 *    "head":n|null,"solidified":n|null,      the last chain tip given (tronpay_chain_tip)
 *    "cursor":n|null,                        the last block applied
 *    "lag_blocks":n|null,                    head − cursor
 *    "stalled":bool,                         head − solidified > 54: credits stay "detected"
 *    "open_invoices":n,
 *    "outbox":{"pending":n,"failed":n},
 *    "providers":[{"id":"tg","state":"ok"|"backoff"|"failing","retry_at_ms":n|null,
 *                  "last_error":"…"|null}, …],
 *    "lease":{"holder":"…"|null,"expires_at_ms":n|null}}
 *                  null where nothing is known yet.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for a NULL out_json or a closed or unknown handle;
 * TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call. Reads only.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_engine_health(tronpay_engine *e, char **out_json, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/* ===== Invoices ===== */

/*
 * INVOICE, the JSON object the invoice functions answer and events carry:
 *   {"id":"inv_…","order_id":"A-1001","token":"USDT"|"TRX"|"T…",
 *    "token_contract":"T…"|null,                  null for TRX
 *    "decimals":6,"address":"T…",                 the deposit address
 *    "wallet":"main"|null,"derivation_index":n|null,   null in "unique_amount" mode
 *    "amount_due":"12500000","amount_due_text":"12.5",
 *    "state":"new"|"detected"|"partial"|"paid"|"overpaid"|"expired"|"paid_late"|
 *            "cancelled"|"marked_paid"|"invalid",
 *    "received":"…","received_final":"…","refunded":"…",      base units
 *    "created_at_ms":n,"expires_at_ms":n,"monitor_until_ms":n,"updated_at_ms":n,
 *    "credits":[{"txid":"<64 hex>","ordinal":n,"amount":"…","block":n|null,
 *                "block_id":"<64 hex>"|null,"final":bool,
 *                "source":"log"|"transfer_contract"|"internal"|"indexer"}, …],
 *    "metadata":{…}|null}                         as given to create; null when none was
 * States: "new" (nothing seen); "detected" (something seen, nothing final yet); "partial",
 * "paid", "overpaid" (final credits below, at, above the amount due less the tolerance);
 * "expired" (expiry passed, nothing final); "paid_late" (settled by credits stamped after
 * expiry); "cancelled" (by the merchant; later payments stay visible for refund);
 * "marked_paid" and "invalid" (manual, audited, tronpay_invoice_resolve()). Credits pass the
 * same gates as tronpay_payment_check(): pinned token, successful transaction, minimum amount,
 * time window, finality; a credit attaches to one invoice at most. The address is watched
 * until monitor_until_ms (expiry + policy monitor_ms), so a late payment is seen and reported.
 */

/**
 * Creates an invoice, or returns the one that already has this order_id.
 *
 * Request:
 *   {"order_id":"A-1001",           required: 1–128 printable ASCII characters
 *    "token":"USDT"|"TRX"|"T…",     default "USDT": a pinned symbol, "TRX", or a pinned contract
 *    "amount":"12.5",               exactly one of: human text in token units, converted
 *    "amount_base_units":"12500000",  exactly with the token's decimals; or base units
 *                                   (above 0 and at least the policy's min_amount)
 *    "wallet":"main",               "derived" only; required when the config has several
 *    "expiry_ms":n,                 lifetime, default the policy's expiry_ms
 *    "tolerance_bps":n,             0…5000, default the policy's
 *    "address_mode":"derived"|"unique_amount",   default "derived"
 *    "address":"T…",                required with "unique_amount", refused otherwise
 *    "metadata":{…}}                at most 4 KiB of JSON, echoed in the invoice and events
 * "derived": the wallet's next index i (m/44'/195'/a'/0/i), allocated atomically in order,
 * never reused and never skipped (a create that fails or dies leaves no gap: a wallet restored
 * from the xpub stops scanning after 20 unused addresses). "unique_amount": a fixed address;
 * the amount due is raised by the policy's unique_amount_step until no open invoice on that
 * address has it, at most 100 steps (then TRONPAY_E_STATE).
 * Idempotent by order_id: the same order_id with the same terms returns the stored invoice
 * with "created":false (its expiry is not extended); with other terms it is
 * TRONPAY_E_CONFLICT. An invoice.created event is written with a new invoice.
 *
 * @param e         an open handle.
 * @param out_json  receives {"created":bool,"invoice":INVOICE}.
 * @param req       the request JSON, len bytes.
 * @param len       at most 64 MiB.
 * @param now_ms    the current time, Unix milliseconds: the invoice's created_at_ms.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown member, a missing or
 * malformed order_id, both or neither amount, an amount that is malformed, zero, below
 * min_amount or has more decimals than the token, a bad address, a wallet or token the config
 * does not have, metadata above 4 KiB (the detail names the field); TRONPAY_E_CONFLICT for an
 * order_id already used with other terms, or a "unique_amount" address that is a derived
 * deposit address; TRONPAY_E_STATE when no unique amount is free within 100 steps or the
 * wallet has no index left; TRONPAY_E_ARG for a NULL out_json, req NULL with len > 0, or a
 * closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_RANDOM,
 * TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_invoice_create(tronpay_engine *e, char **out_json, const char *req,
                                      size_t len, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * One invoice, as of now_ms (an expiry that has passed shows as "expired" though not yet
 * written). Reads only.
 * @param e               an open handle.
 * @param out_json        receives INVOICE.
 * @param id_or_order_id  NUL-terminated: the invoice id ("inv_…") or the merchant's order_id.
 * @param now_ms          the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_NOT_FOUND when no invoice has that id or order_id;
 * TRONPAY_E_ARG for a NULL out_json, an id_or_order_id that is NULL or not UTF-8, or a closed
 * or unknown handle;
 * TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_invoice_get(tronpay_engine *e, char **out_json,
                                   const char *id_or_order_id, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

/**
 * Invoices, one page at a time, as of now_ms. Reads only.
 *
 * Filter (every member optional; "{}", "" or (NULL, 0) lists everything):
 *   {"states":["paid", …],          only these states
 *    "updated_after_ms":n,          only invoices updated after this time
 *    "limit":n,                     page size, 1…1000 (default 100)
 *    "after":"cursor"}              the "next" of the previous page
 * @param e         an open handle.
 * @param out_json  receives {"invoices":[INVOICE, …],"next":"cursor"|null}; next is null on
 *                  the last page, else pass it as "after" for the next one.
 * @param filter    the filter JSON, len bytes.
 * @param len       at most 64 MiB.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown member, an unknown state,
 * a limit outside 1…1000 or a cursor this engine did not give; TRONPAY_E_ARG for a NULL
 * out_json, filter NULL with len > 0, or a closed or unknown handle; TRONPAY_E_STORE,
 * TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_invoice_list(tronpay_engine *e, char **out_json, const char *filter,
                                    size_t len, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Cancels an invoice for the merchant: state "cancelled", an audit record and an
 * invoice.cancelled event. Payments that arrive later stay visible (for a refund) and never
 * change the state back. Cancelling a cancelled invoice returns it unchanged.
 * @param e         an open handle.
 * @param out_json  receives the INVOICE in "cancelled".
 * @param id        NUL-terminated invoice id ("inv_…") or order_id.
 * @param actor     NUL-terminated: who cancels (an operator's name, 1–128 printable ASCII
 *                  characters), recorded in the audit.
 * @param reason    NUL-terminated: why (1–1024 bytes), recorded in the audit.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_NOT_FOUND for an unknown invoice; TRONPAY_E_STATE once any
 * final credit was attached to the invoice (refund instead), or when it was marked paid or
 * invalid; TRONPAY_E_JSON for an actor or reason of the wrong length or characters;
 * TRONPAY_E_ARG for a NULL out_json, an id, actor or reason that is NULL or not UTF-8, or a
 * closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every
 * engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_invoice_cancel(tronpay_engine *e, char **out_json, const char *id,
                                      const char *actor, const char *reason, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3)
    TRONPAY_ARG_NONNULL(4) TRONPAY_ARG_NONNULL(5);

/**
 * Manual resolution by the support desk, with an audit record and an event.
 *
 * Request:
 *   {"action":"mark_paid"|"mark_invalid"|"attach",
 *    "invoice_id":"inv_…",            the invoice id or order_id
 *    "txid":"<64 hex>","ordinal":n,   "attach" only: the credit to move (as a dispute lookup
 *                                     or an event names it); ordinal may be left out when the
 *                                     transaction has one transfer
 *    "actor":"…",                     required: who decides (1–128 printable ASCII)
 *    "reason":"…"}                    required: why (1–1024 bytes)
 * "mark_paid" → state "marked_paid" (invoice.marked_paid); "mark_invalid" → "invalid"
 * (invoice.invalid); "attach" moves an unmatched or rejected credit to the invoice and
 * re-evaluates its state (never a credit already attached to another invoice).
 * @param e         an open handle.
 * @param out_json  receives the INVOICE after the action.
 * @param req       the request JSON, len bytes.
 * @param len       at most 64 MiB.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown member or action, a member
 * missing or malformed (a txid that is not 64 hex digits, a txid with another action);
 * TRONPAY_E_NOT_FOUND for an unknown invoice or credit; TRONPAY_E_STATE for a credit attached
 * elsewhere, in another token, a transaction with several transfers and no ordinal, or an
 * action the invoice's state does not allow; TRONPAY_E_ARG for a NULL out_json, req NULL with len > 0, or a closed or
 * unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_invoice_resolve(tronpay_engine *e, char **out_json, const char *req,
                                       size_t len, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The audit trail of manual actions (cancel, resolve), oldest first. Reads only.
 *
 * Filter (every member optional; "{}", "" or (NULL, 0) lists everything):
 * {"invoice_id":"inv_…","limit":n (1…1000, default 100),"after":"cursor"}.
 * @param e         an open handle.
 * @param out_json  receives {"records":[{"seq":n,"at_ms":n,"actor":"…","action":"…",
 *                  "invoice_id":"inv_…","reason":"…","before":"<state>","after":"<state>"},
 *                  …],"next":"cursor"|null}; action is "cancel", "mark_paid",
 *                  "mark_invalid" or "attach".
 * @param filter    the filter JSON, len bytes.
 * @param len       at most 64 MiB.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown member, a bad limit or
 * cursor; TRONPAY_E_ARG for a NULL out_json, filter NULL with len > 0, or a closed or unknown
 * handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_audit_list(tronpay_engine *e, char **out_json, const char *filter,
                                  size_t len) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/* ===== Chain input ===== */

/*
 * Push mode: the host fetches chain data from its node or provider and hands it over; the
 * engine decides. Planner mode (tronpay_sync_next() and tronpay_sync_feed(), after this
 * section) lets the engine decide what to fetch as well.
 *
 * Every function of this section answers
 *   {"applied":bool,                 false: nothing changed (a block or evidence seen before)
 *    "credits":[{"txid":"<64 hex>","ordinal":n,"token":"T…"|"TRX","from":"T…","to":"T…",
 *                "amount":"…","block":n|null,"block_id":"<64 hex>"|null,"final":bool,
 *                "invoice_id":"inv_…"|null, …}, …],   the credits new or changed by this call
 *    "events":n,                     events written by this call
 *    "cursor":n|null}                the last block applied
 * A credit's identity is (txid, token, from, to, amount, ordinal), whatever the source: a
 * second sighting, from any source, updates what is known (block, block id, finality) and
 * never adds money. "final" means the credit's block is at or below the solidified block and
 * its id is the one stored (policy confirmations may only delay that).
 */

/**
 * Tells the engine where the chain stands: the head, the solidified block, or both. Credits
 * in blocks that become solidified turn final (with their invoices' events). A solidified
 * block below the one already recorded is ignored (providers behind a load balancer lag each
 * other); the head is taken as given.
 * @param e         an open handle.
 * @param out_json  receives the chain input answer (above).
 * @param tip       {"head":{"number":n,"id":"<64 hex>"},"solidified":{"number":n,
 *                  "id":"<64 hex>"}}; either member may be left out, not both; the ids are
 *                  optional; len bytes.
 * @param len       at most 64 MiB.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown member, neither member, a
 * negative number, a malformed id, or solidified above head; TRONPAY_E_STATE for a solidified
 * id that differs from the applied block of that number (disconnect back to it first); TRONPAY_E_ARG for a NULL out_json, tip NULL with len > 0, or a
 * closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every
 * engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_chain_tip(tronpay_engine *e, char **out_json, const char *tip,
                                 size_t len, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Applies one block: its transfers to watched addresses become credits (or unmatched
 * payments), all in one store transaction with their events.
 *
 * Blocks are pushed in chain order: the first at the config's start_block (or any number
 * when none is configured), then cursor + 1. A block is applied only when its receipts agree
 * with it: as many infos as the block has transactions, with the same ids (a node can
 * silently return a short list); otherwise nothing is applied. The same block again is
 * "applied":false. A block whose parent id is not the stored id of number − 1 is refused:
 * disconnect the stale blocks first (tronpay_chain_disconnect(), newest first), then push the
 * new branch.
 * @param e          an open handle.
 * @param out_json   receives the chain input answer (above).
 * @param block      the node's /wallet/getblockbynum answer for the block, block_len bytes.
 * @param block_len  at most 64 MiB.
 * @param infos      the node's /wallet/gettransactioninfobyblocknum answer (an array; [] for
 *                   a block without transactions), infos_len bytes.
 * @param infos_len  at most 64 MiB.
 * @param now_ms     the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, a block or infos of another shape
 * (an unknown block arrives as {}: nothing to apply yet), a block id that is not 64 hex digits
 * or does not begin with the block's number; TRONPAY_E_STATE for receipts that disagree with
 * the block ("inconsistent": fetch them again), a gap or a block before start_block (the
 * detail names the expected number), a parent mismatch (the detail names the expected parent
 * id), or another block already applied at that number; TRONPAY_E_ARG for a NULL out_json, block or infos NULL
 * with a length > 0, or a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY,
 * TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_chain_block(tronpay_engine *e, char **out_json, const char *block,
                                   size_t block_len, const char *infos, size_t infos_len,
                                   int64_t now_ms) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Disconnects the newest applied block (a reorg): its credits are revoked (payment.reverted
 * events; invoices go back to what their remaining credits say) and the cursor steps back to
 * number − 1. The same transfers in the new branch credit again, once.
 * @param e             an open handle.
 * @param out_json      receives the chain input answer (above); "credits" lists the revoked.
 * @param number        the block number, which must be the cursor.
 * @param block_id_hex  NUL-terminated: the block's id, 64 hex digits, as it was applied (a
 *                      TRON block id begins with its number).
 * @param now_ms        the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for a block id that is not 64 hex digits or does not
 * begin with number (a negative number included); TRONPAY_E_STATE at or below the solidified
 * block (nothing final is ever disconnected), or for a block that is not the newest applied
 * (number and id); TRONPAY_E_ARG for a NULL out_json, a block_id_hex that is NULL or not
 * UTF-8, or a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_chain_disconnect(tronpay_engine *e, char **out_json, int64_t number,
                                        const char *block_id_hex, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(4);

/**
 * Evidence outside the block stream: any JSON tronpay_transfers_parse() accepts (a receipt
 * fetched for a dispute, TronGrid pages, JSON-RPC logs). Node receipts and transactions are
 * judged like block data; indexer items (TronGrid) only ever make a credit "detected", never
 * final. Known transfers are updated, never counted twice.
 * @param e         an open handle.
 * @param out_json  receives the chain input answer (above).
 * @param json      the evidence JSON, len bytes.
 * @param len       at most 64 MiB.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK ([] and {} are evidence of nothing); TRONPAY_E_JSON as for
 * tronpay_transfers_parse(); TRONPAY_E_ARG for a
 * NULL out_json, json NULL with len > 0, or a closed or unknown handle; TRONPAY_E_STORE,
 * TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_chain_evidence(tronpay_engine *e, char **out_json, const char *json,
                                      size_t len, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/* ===== Chain input: planner mode ===== */

/*
 * Sans-I/O, as h11, quinn-proto and LDK do it: the engine says which node request to make,
 * the host makes it with its own HTTP client and feeds the answer back; the library never
 * opens a socket. The planner owns everything a poller gets wrong: heads every block slot
 * (/wallet/getnowblock, /walletsolidity/getnowblock), catch-up in batches
 * (/wallet/getblockbylimitnext, at most 100 blocks, then one
 * /wallet/gettransactioninfobyblocknum per block that has transactions), steady state at the
 * head, the reorg walk back to the common ancestor, look-ups of txids asked about in a dispute
 * (/wallet/gettransactioninfobyid), refund broadcasts (/wallet/broadcasttransaction), provider
 * rotation with back-off (1 s doubling to 60 s, Retry-After honoured when longer) and each
 * provider's max_rps, kept in the store so that tronpay_engine_health() of any process shows
 * it. The cursor never passes a block that was not applied. One process scans at a time: the
 * first to call takes a lease (30 s, renewed by every call, given back by
 * tronpay_engine_close(); config "worker_id" names the holder) and the others are told "idle". A request that is never fed (the host died) costs
 * nothing: reads are idempotent and the lease expires. Requests are remembered by the handle
 * that planned them: feed each answer to the handle it came from.
 *
 * The host loop:
 *   for (;;) {
 *     tronpay_sync_next(e, &plan, now_ms());
 *     kind "http": POST plan.body to plan.url with plan.headers, timeout plan.timeout_ms;
 *                  tronpay_sync_feed(e, &fed, plan.id, status, headers, body, len,
 *                                    transport_error, now_ms());
 *     kind "wait": sleep until plan.until_ms (or until an invoice is created);
 *     kind "idle": sleep a few seconds (another process holds the lease, or nothing is
 *                  watched).
 *     deliver webhooks between requests (tronpay_outbox_next(), tronpay_outbox_ack()).
 *   }
 */

/* transport_error of tronpay_sync_feed() and tronpay_outbox_ack(). */
#define TRONPAY_TRANSPORT_NONE 0
#define TRONPAY_TRANSPORT_TIMEOUT 1
#define TRONPAY_TRANSPORT_CONNECT 2
#define TRONPAY_TRANSPORT_DNS 3
#define TRONPAY_TRANSPORT_TLS 4
#define TRONPAY_TRANSPORT_RESET 5
#define TRONPAY_TRANSPORT_OTHER 6

/**
 * What to do next. *out_json is one of
 *   {"kind":"http","id":"r_…","purpose":"head"|"solid_head"|"block"|"block_infos"|"tx_info"|
 *    "broadcast","provider":"<config id>","method":"POST","url":"https://…/wallet/…",
 *    "headers":{"Content-Type":"application/json",…the provider's configured headers},
 *    "body":"{…}","timeout_ms":n}
 *   {"kind":"wait","until_ms":n,"reason":"at_head"|"backoff"|"rate_limited"}
 *   {"kind":"idle","reason":"lease_held"|"nothing_to_watch"}
 * Time-driven changes (expiry) are written by this call, as by every call that writes.
 * @param e         an open handle whose config lists at least one provider.
 * @param out_json  receives the plan; release with tronpay_free().
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_STATE when the config lists no providers (push mode only);
 * TRONPAY_E_ARG for a NULL out_json or a closed or unknown handle; TRONPAY_E_STORE,
 * TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 * Security: the provider headers (API keys) are in the plan as configured; do not log them.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_sync_next(tronpay_engine *e, char **out_json, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The answer to a planned request, classified and applied:
 *   {"class":"ok"|"not_yet"|"rate_limited"|"transient"|"persistent"|"inconsistent",
 *    "applied":bool,"retry_at_ms":n|null,"cursor":n|null,"events":n}
 * ok: read and applied. not_yet: the node has no such block or transaction yet ({}); asked
 * again later. rate_limited: 429, 503 or 403 (TronGrid's three forms). transient: a transport
 * error, another 5xx, a cut-off body. persistent: another 4xx, or java-tron's {"Error":…} with
 * HTTP 200. inconsistent: receipts that disagree with their block (a short list), or a chain
 * the engine cannot follow; fetched again, from the next provider. Every class but ok and
 * not_yet puts the provider in back-off until retry_at_ms. A reorg found on the way is walked
 * back (payment.reverted events), which is why "events" may be counted on any class.
 * @param e                an open handle, the one whose tronpay_sync_next() planned it.
 * @param out_json         receives the classification; release with tronpay_free().
 * @param request_id       NUL-terminated: the plan's "id".
 * @param http_status      0 … 999; 0 when no answer came (with a transport_error).
 * @param headers          NUL-terminated "Name: value\r\n" lines of the answer (Retry-After
 *                         is read from them), or NULL.
 * @param body             the answer's body, body_len bytes; may be NULL when body_len is 0.
 * @param body_len         at most PTRDIFF_MAX.
 * @param transport_error  TRONPAY_TRANSPORT_* (0 … 6).
 * @param now_ms           the current time, Unix milliseconds.
 * Returns: TRONPAY_OK (whatever the answer said: its class is in *out_json);
 * TRONPAY_E_NOT_FOUND for a request_id this handle did not plan or already fed;
 * TRONPAY_E_ARG for a NULL out_json or request_id, body NULL with body_len > 0, an http_status
 * outside 0…999, a transport_error outside 0…6, text that is not UTF-8, or a closed or unknown
 * handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_sync_feed(tronpay_engine *e, char **out_json, const char *request_id,
                                 int32_t http_status, const char *headers, const uint8_t *body,
                                 size_t body_len, int32_t transport_error, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

/* ===== Events and webhooks ===== */

/*
 * EVENT: {"seq":n,"id":"evt_…","type":"…","created_at_ms":n,"data":{"invoice":INVOICE,…}}.
 * seq increases in commit order, without reuse. Types: invoice.created, invoice.detected,
 * invoice.partial, invoice.paid, invoice.overpaid, invoice.paid_late, invoice.expired,
 * invoice.cancelled, invoice.marked_paid, invoice.invalid, payment.reverted,
 * payment.unmatched (money to a watched address that no invoice takes; data is
 * {"invoice":null,"payment":{…the credit…}}), refund.created, refund.broadcast,
 * refund.confirmed, refund.failed (data has "refund":REFUND beside the invoice). Each event is written in the same store transaction as the change it
 * reports: a crash never loses one and never invents one.
 *
 * Webhook delivery (the outbox): each event is queued once for every configured webhook whose
 * "events" patterns match its type ("invoice.paid" exactly, "invoice.*" every invoice event,
 * "*" all). The host asks
 * for due deliveries (tronpay_outbox_next), POSTs each one exactly as given, and reports the
 * outcome (tronpay_outbox_ack). Bodies and signatures are those of the section "Webhooks"
 * (Standard Webhooks v1, or the epusdt scheme); a receiver checks them with
 * tronpay_webhook_verify() or tronpay_epusdt_verify().
 */

/**
 * Events in commit order, for hosts that consume them directly (instead of, or besides,
 * webhooks). Reads only; nothing is marked as read.
 * @param e          an open handle.
 * @param out_json   receives {"events":[EVENT, …],"last_seq":n}: the events with seq >
 *                   after_seq, oldest first; last_seq is the seq of the last one listed, or
 *                   after_seq when none is (pass it as after_seq next time).
 * @param after_seq  0 (or any number below the first seq) for the beginning.
 * @param limit      at most this many events: 1…1000; 0 is taken as 1 and a larger value as
 *                   1000.
 * Returns: TRONPAY_OK; TRONPAY_E_ARG for a NULL out_json or a closed or unknown handle;
 * TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_events_list(tronpay_engine *e, char **out_json, int64_t after_seq,
                                   uint32_t limit) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * The deliveries due at now_ms, signed for this attempt, oldest first. Ack every delivery
 * handed out (tronpay_outbox_ack()); one that is never acked is handed out again later, so a
 * host that died mid-delivery costs a retry, never a lost delivery (receivers dedup on
 * webhook-id).
 * @param e         an open handle.
 * @param out_json  receives {"deliveries":[{"id":"dlv_…","event_id":"evt_…","webhook":"shop",
 *                  "url":"https://…","headers":{"webhook-id":"…","webhook-timestamp":"…",
 *                  "webhook-signature":"v1,…","content-type":"application/json"},
 *                  "body":"…","attempt":n}, …]}; POST body (the exact text) with those
 *                  headers to url. attempt counts from 1.
 * @param max       at most this many deliveries: 1…100; 0 is taken as 1 and a larger value
 *                  as 100.
 * @param now_ms    the current time, Unix milliseconds (also the signature's timestamp).
 * Returns: TRONPAY_OK (an empty list when nothing is due); TRONPAY_E_ARG for a NULL out_json
 * or a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_RANDOM,
 * TRONPAY_E_INTERNAL as every engine call.
 * Security: the returned headers carry signatures made with the webhook's secret, not the
 * secret itself.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_outbox_next(tronpay_engine *e, char **out_json, uint32_t max,
                                   int64_t now_ms) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Records the outcome of one delivery attempt. Success is a 2xx status (the "epusdt" scheme
 * also needs the body "ok", surrounding whitespace ignored); 410 Gone disables the webhook and
 * drops its pending deliveries; anything else (another status, a transport error) queues a
 * retry, a new delivery (new id, attempt + 1, the same webhook-id) due after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (or after Retry-After, when that is later), and
 * after the last one the delivery is "failed" (tronpay_outbox_redeliver() queues the event
 * again). Each delivery is acked once: a second ack of it is TRONPAY_E_STATE.
 * @param e                an open handle.
 * @param delivery_id      NUL-terminated: the delivery's id ("dlv_…").
 * @param http_status      the answer's HTTP status, 0…999; 0 when there was none (transport
 *                         error).
 * @param body             the answer's body bytes (only its first bytes matter); may be NULL
 *                         when body_len is 0.
 * @param body_len         its length, at most PTRDIFF_MAX (the library copies the body: pass
 *                         what you read, not a length you were told).
 * @param transport_error  0 none, 1 timeout, 2 connect, 3 dns, 4 tls, 5 reset, 6 other.
 * @param retry_after      NUL-terminated Retry-After header value (seconds or an HTTP date),
 *                         or NULL when the answer had none.
 * @param now_ms           the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_NOT_FOUND for an unknown delivery id; TRONPAY_E_STATE for a
 * delivery already acked; TRONPAY_E_ARG for a delivery_id that is NULL or not UTF-8, body NULL with body_len > 0, a body_len above
 * PTRDIFF_MAX, an http_status outside 0…999, a transport_error outside 0…6, a retry_after that
 * is not UTF-8, or a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY,
 * TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_outbox_ack(tronpay_engine *e, const char *delivery_id,
                                  int32_t http_status, const uint8_t *body, size_t body_len,
                                  int32_t transport_error, const char *retry_after,
                                  int64_t now_ms) TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Queues one more delivery of an event to a webhook (after a "failed" delivery, or to replay
 * an event to a receiver that lost it); it is due at now_ms, and re-enables a webhook that a
 * 410 disabled.
 * @param e           an open handle.
 * @param event_id    NUL-terminated event id ("evt_…").
 * @param webhook_id  NUL-terminated webhook id of the config ("shop").
 * @param now_ms      the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_NOT_FOUND for an unknown event or a webhook the config does
 * not have; TRONPAY_E_ARG for an event_id or webhook_id that is NULL or not UTF-8, or a closed
 * or unknown handle;
 * TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_outbox_redeliver(tronpay_engine *e, const char *event_id,
                                        const char *webhook_id, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

/* ===== Disputes and refunds ===== */

/*
 * REFUND: {"id":"R-1","invoice_id":"inv_…",
 *          "state":"built"|"signed"|"broadcast"|"confirmed"|"failed",
 *          "txid":"<64 hex>","raw_data_hex":"…","from":"T…","to":"T…","token":"USDT"|"TRX"|"T…",
 *          "amount":"…","created_at_ms":n,"updated_at_ms":n}
 * The engine holds no key: a refund is built unsigned, signed by the host (tronpay_tx_sign()
 * over raw_data_hex, or a hardware wallet), handed back with tronpay_refund_submit(), and
 * confirmed when the scanner sees its txid in an applied block (refund.confirmed).
 */

/**
 * What the engine knows about a txid, for the support desk ("I paid, where is my order?").
 * @param e         an open handle.
 * @param out_json  receives
 *   {"txid":"<64 hex>",
 *    "status":"credited"|"pending"|"rejected"|"unknown"|"lookup_scheduled",
 *    "transfers":[{"token":"T…"|"TRX","from":"T…","to":"T…","amount":"…","ordinal":n,
 *                  "block":n|null,"final":bool,"invoice_id":"inv_…"|null,
 *                  "outcome":"credited"|"rejected"|"unmatched","reason":"…"|null}, …],
 *    "invoices":[INVOICE, …],                     the invoices its transfers touch
 *    "result":"OUT_OF_ENERGY"|…|null,             a failed transaction's receipt result
 *    "refund":REFUND|null,                        when the txid is one of the refunds
 *    "summary":"one plain sentence"}
 *                  reason: "failed" (with the receipt's result, e.g. OUT_OF_ENERGY, also for
 *                  a failed transaction that left no log), "foreign_token",
 *                  "not_our_address", "below_minimum", "late", "early", "already_settled",
 *                  "ambiguous", "reverted" (its block was orphaned), "not_final",
 *                  "duplicate". An unknown txid is "unknown": hand its receipt to
 *                  tronpay_chain_evidence() and ask again.
 * @param txid_hex  NUL-terminated: 64 hex digits (either case).
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK (also for a txid the engine never saw); TRONPAY_E_HEX for a txid that is
 * not 64 hex digits; TRONPAY_E_ARG for a NULL out_json, a txid_hex that is NULL or not UTF-8,
 * or a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_dispute_lookup(tronpay_engine *e, char **out_json, const char *txid_hex,
                                      int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

/**
 * Builds and records an unsigned refund transaction (TRX transfer or TRC-20 transfer of the
 * invoice's token), with a refund.created event.
 *
 * Request:
 *   {"refund_id":"R-1",            required: the merchant's idempotency key
 *    "invoice_id":"inv_…",         required: the invoice id or order_id
 *    "from":"T…",                  required: the address that paid (the signer)
 *    "to":"T…",                    required: where the money goes back, as the merchant
 *                                  was told (never inferred from the payer: exchanges pay
 *                                  from hot wallets); not "from" itself
 *    "amount":"1.5" | "amount_base_units":"1500000" | "overpaid":true,   exactly one
 *    "fee_limit_sun":n,            required (> 0) for TRC-20
 *    "ref_block_id":"<64 hex>",    default: the last block the engine applied
 *    "expiration_ms":n}            default: now_ms + 3 600 000 (one hour to sign and send;
 *                                  TRON refuses a transaction more than 24 h after its
 *                                  reference block)
 * Idempotent by refund_id: the same refund_id with the same terms returns the stored REFUND;
 * with other terms it is TRONPAY_E_CONFLICT.
 * @param e         an open handle.
 * @param out_json  receives REFUND in state "built".
 * @param req       the request JSON, len bytes.
 * @param len       at most 64 MiB.
 * @param now_ms    the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_JSON for invalid JSON, an unknown, missing or malformed
 * member (an amount, an address, a ref_block_id), not exactly one amount, a zero amount, "to"
 * equal to "from", a TRC-20 refund without fee_limit_sun; TRONPAY_E_NOT_FOUND for an unknown
 * invoice; TRONPAY_E_STATE for a "to" that is one of the engine's deposit addresses, a refund
 * beyond what was received less what was already refunded, "overpaid" on an invoice that is
 * not overpaid, or no applied block to reference (give ref_block_id); TRONPAY_E_CONFLICT for a refund_id
 * used with other terms; TRONPAY_E_ARG for a NULL out_json, req NULL with len > 0, or a closed
 * or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_refund_create(tronpay_engine *e, char **out_json, const char *req,
                                     size_t len, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2);

/**
 * Stores the signatures of a built refund (state "signed"); the host broadcasts the signed
 * transaction (tronpay_tx_to_json() of raw_data_hex and the signatures, POSTed to
 * /wallet/broadcasttransaction), and the scanner confirms it when its txid appears in an
 * applied block. A signed refund may be signed again (the new signatures replace the old)
 * until it is broadcast.
 * @param e          an open handle.
 * @param out_json   receives REFUND in state "signed".
 * @param refund_id  NUL-terminated refund id.
 * @param sigs       sig_count × 65 bytes (r ‖ s ‖ v, as tronpay_tx_sign() writes them), in
 *                   the order of the transaction's signature list; read whole, whatever
 *                   sig_count is.
 * @param sig_count  1 … 16.
 * @param now_ms     the current time, Unix milliseconds.
 * Returns: TRONPAY_OK; TRONPAY_E_SIGNATURE for a malformed signature; TRONPAY_E_VERIFY when
 * the signatures do not sign the refund's transaction (for a single signature, the signer
 * must be "from"; a signer may not sign twice); TRONPAY_E_NOT_FOUND for an unknown refund;
 * TRONPAY_E_STATE for a refund already broadcast, confirmed or failed; TRONPAY_E_ARG for a
 * NULL out_json or sigs, a refund_id that is NULL or not UTF-8, a sig_count outside 1…16, or
 * a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY, TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_refund_submit(tronpay_engine *e, char **out_json, const char *refund_id,
                                     const uint8_t *sigs, size_t sig_count, int64_t now_ms)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3)
    TRONPAY_ARG_NONNULL(4);

/**
 * One refund. Reads only.
 * @param e          an open handle.
 * @param out_json   receives REFUND.
 * @param refund_id  NUL-terminated refund id.
 * Returns: TRONPAY_OK; TRONPAY_E_NOT_FOUND for an unknown refund; TRONPAY_E_ARG for a NULL
 * out_json, a refund_id that is NULL or not UTF-8, or a closed or unknown handle; TRONPAY_E_STORE, TRONPAY_E_BUSY,
 * TRONPAY_E_INTERNAL as every engine call.
 */
TRONPAY_WARN_UNUSED_RESULT
tronpay_status tronpay_refund_get(tronpay_engine *e, char **out_json, const char *refund_id)
    TRONPAY_ARG_NONNULL(1) TRONPAY_ARG_NONNULL(2) TRONPAY_ARG_NONNULL(3);

#ifdef __cplusplus
}
#endif

#endif /* TRONPAY_H */
