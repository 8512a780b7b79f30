<?php
/**
 * PHP binding of libtronpay, an embedded TRON payment engine, over FFI.
 *
 * Thin by design: it converts PHP values to C arguments and back and throws TronPayException;
 * every decision is the C library's. Bytes are binary strings; addresses come out as "T…" text
 * and go in as text (base58, "41…" hex, "0x…") or 21 raw bytes; amounts are decimal strings
 * (or int), never float; JSON comes out as arrays (big integers kept as strings).
 *
 * The library: the constructor's argument, else $TRONPAY_LIBRARY, else libtronpay.so.1 beside
 * this file, else the checkout's build/, else `make install`'s or the Debian package's
 * (/usr/lib/<multiarch>/), else the system loader path. The declarations: the argument, else
 * $TRONPAY_FFI_HEADER, else tronpay_ffi.h beside this file, else the checkout's
 * build/tronpay_ffi.h (made by `make`), else PREFIX/share/tronpay/ (`make install`, the Debian
 * package: /usr/share/tronpay/). The ABI version is checked on construction.
 * Under PHP-FPM see README.md (ffi.enable, preloading with TronPay::fromScope()).
 */

declare(strict_types=1);

namespace TronPay;

/** A failed libtronpay call. getCode() and ->status are the negative status code. */
class TronPayException extends \RuntimeException
{
    public function __construct(
        public readonly int $status,
        public readonly string $statusName,
        public readonly string $detail,
    ) {
        parent::__construct($detail !== '' ? "$statusName: $detail" : $statusName, $status);
    }
}

/**
 * A callback that is not authentic or not fresh (TRONPAY_E_VERIFY from verifyWebhook() or
 * verifyEpusdt()): answer it with a 4xx and do nothing else.
 */
final class WebhookVerificationException extends TronPayException
{
    public function __construct(string $detail)
    {
        parent::__construct(TronPay::E_VERIFY, 'TRONPAY_E_VERIFY', $detail);
    }
}

final class TronPay
{
    public const ABI_VERSION = 1;

    public const OK = 0;
    public const E_ARG = -1;
    public const E_BUFFER = -2;
    public const E_HEX = -3;
    public const E_ADDRESS = -4;
    public const E_KEY = -5;
    public const E_SIGNATURE = -6;
    public const E_VERIFY = -7;
    public const E_MNEMONIC = -8;
    public const E_PATH = -9;
    public const E_XKEY = -10;
    public const E_AMOUNT = -11;
    public const E_TX = -12;
    public const E_JSON = -13;
    public const E_RANDOM = -14;
    public const E_INTERNAL = -15;
    public const E_STORE = -16;
    public const E_CONFLICT = -17;
    public const E_NOT_FOUND = -18;
    public const E_STATE = -19;
    public const E_BUSY = -20;

    /** Every C function and the method that exposes it (the tests check it covers the header). */
    public const BINDINGS = [
        'tronpay_size_privkey' => 'sizes',
        'tronpay_size_pubkey' => 'sizes',
        'tronpay_size_address' => 'sizes',
        'tronpay_size_address_text' => 'sizes',
        'tronpay_size_address_hex' => 'sizes',
        'tronpay_size_signature' => 'sizes',
        'tronpay_size_txid' => 'sizes',
        'tronpay_size_seed' => 'sizes',
        'tronpay_size_xkey_text' => 'sizes',
        'tronpay_version' => 'version',
        'tronpay_abi_version' => 'abiVersion',
        'tronpay_status_str' => 'statusName',
        'tronpay_last_error' => 'lastError',
        'tronpay_free' => null, // used inside: every result is copied into PHP, then freed
        'tronpay_memzero' => 'memzero',
        'tronpay_keccak256' => 'keccak256',
        'tronpay_sha256' => 'sha256',
        'tronpay_privkey_generate' => 'generatePrivateKey',
        'tronpay_privkey_verify' => 'isValidPrivateKey',
        'tronpay_pubkey_from_privkey' => 'publicKeyFromPrivateKey',
        'tronpay_address_from_pubkey' => 'addressFromPublicKey',
        'tronpay_address_from_privkey' => 'addressFromPrivateKey',
        'tronpay_address_to_base58' => 'addressToBase58',
        'tronpay_address_to_hex' => 'addressToHex',
        'tronpay_address_parse' => 'parseAddress',
        'tronpay_mnemonic_generate' => 'generateMnemonic',
        'tronpay_mnemonic_validate' => 'isValidMnemonic',
        'tronpay_mnemonic_to_seed' => 'mnemonicToSeed',
        'tronpay_hd_privkey' => 'hdPrivateKey',
        'tronpay_hd_xpub' => 'hdXpub',
        'tronpay_hd_xprv' => 'hdXprv',
        'tronpay_xpub_derive_addresses' => 'xpubDeriveAddresses',
        'tronpay_tx_build_transfer' => 'buildTransfer',
        'tronpay_tx_build_trc20_transfer' => 'buildTrc20Transfer',
        'tronpay_tx_build_trigger' => 'buildTrigger',
        'tronpay_tx_id' => 'transactionId',
        'tronpay_tx_sign' => 'signTransaction',
        'tronpay_tx_to_json' => 'transactionToJson',
        'tronpay_tx_serialize' => 'serializeTransaction',
        'tronpay_tx_from_json' => 'transactionFromJson',
        'tronpay_tx_verify' => 'verifyTransaction',
        'tronpay_message_sign' => 'signMessage',
        'tronpay_message_recover' => 'recoverMessageSigner',
        'tronpay_message_verify' => 'verifyMessage',
        'tronpay_message_recover_v1' => 'recoverMessageSignerV1',
        'tronpay_message_verify_v1' => 'verifyMessageV1',
        'tronpay_digest_sign' => 'signDigest',
        'tronpay_digest_recover' => 'recoverDigestSigner',
        'tronpay_amount_to_base_units' => 'toBaseUnits',
        'tronpay_amount_from_base_units' => 'fromBaseUnits',
        'tronpay_transfers_parse' => 'parseTransfers',
        'tronpay_payment_check' => 'checkPayments',
        'tronpay_webhook_sign' => 'signWebhook',
        'tronpay_webhook_verify' => 'verifyWebhook',
        'tronpay_size_epusdt_signature' => 'sizes',
        'tronpay_epusdt_sign' => 'signEpusdt',
        'tronpay_epusdt_verify' => 'verifyEpusdt',
        // The engine (Engine.php): TronPay::engine() opens one; the rest are its methods.
        'tronpay_engine_open' => 'engine',
        'tronpay_engine_close' => 'Engine::close',
        'tronpay_engine_health' => 'Engine::health',
        'tronpay_invoice_create' => 'Engine::invoiceCreate',
        'tronpay_invoice_get' => 'Engine::invoiceGet',
        'tronpay_invoice_list' => 'Engine::invoiceList',
        'tronpay_invoice_cancel' => 'Engine::invoiceCancel',
        'tronpay_invoice_resolve' => 'Engine::invoiceResolve',
        'tronpay_audit_list' => 'Engine::auditList',
        'tronpay_chain_tip' => 'Engine::chainTip',
        'tronpay_chain_block' => 'Engine::chainBlock',
        'tronpay_chain_disconnect' => 'Engine::chainDisconnect',
        'tronpay_chain_evidence' => 'Engine::chainEvidence',
        'tronpay_sync_next' => 'Engine::syncNext',
        'tronpay_sync_feed' => 'Engine::syncFeed',
        'tronpay_events_list' => 'Engine::eventsList',
        'tronpay_outbox_next' => 'Engine::outboxNext',
        'tronpay_outbox_ack' => 'Engine::outboxAck',
        'tronpay_outbox_redeliver' => 'Engine::outboxRedeliver',
        'tronpay_dispute_lookup' => 'Engine::disputeLookup',
        'tronpay_refund_create' => 'Engine::refundCreate',
        'tronpay_refund_submit' => 'Engine::refundSubmit',
        'tronpay_refund_get' => 'Engine::refundGet',
    ];

    /** Seconds a webhook's timestamp may differ from now, either way (the reference libraries'). */
    public const WEBHOOK_TOLERANCE = 300;

    /** The headers of a Standard Webhooks delivery, in lower case. */
    public const WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

    private const HOW_TO_INSTALL = 'Install libtronpay: in a libtronpay checkout run '
        . '`make && sudo make install && sudo ldconfig` (library in PREFIX/lib, FFI header in '
        . 'PREFIX/share/tronpay; PREFIX=/usr/local by default), or install its Debian package '
        . '(`make deb`; sudo apt install ./build/tronpay_*.deb)';

    /** The most addresses one xpubDeriveAddresses() call derives (the library's limit). */
    public const MAX_DERIVE = 1000000;

    private const PRIVKEY = 32;
    private const PUBKEY = 65;
    private const ADDRESS = 21;
    private const ADDRESS_TEXT = 35;
    private const ADDRESS_HEX = 43;

    public readonly string $libraryPath;

    private \FFI $ffi;

    /**
     * Loads the library with FFI::cdef: $library and $header, else the search order above.
     * Throws \RuntimeException when either is missing or the ABI version differs.
     */
    public function __construct(?string $library = null, ?string $header = null)
    {
        $root = dirname(__DIR__, 2);
        // After the explicit choices: beside this file, the checkout's build/, then what
        // `make install` writes (PREFIX /usr/local by default, or /usr), the Debian package's
        // multiarch directory (x86_64-linux-gnu, aarch64-linux-gnu), then the loader path.
        $library ??= self::firstOf([
            getenv('TRONPAY_LIBRARY') ?: null,
            __DIR__ . '/libtronpay.so.1',
            "$root/build/libtronpay.so.1",
            '/usr/local/lib/libtronpay.so.1',
            '/usr/lib/libtronpay.so.1',
            '/usr/lib/' . php_uname('m') . '-linux-gnu/libtronpay.so.1',
        ], getenv('TRONPAY_LIBRARY') !== false) ?? 'libtronpay.so.1';
        $headers = [
            getenv('TRONPAY_FFI_HEADER') ?: null,
            __DIR__ . '/tronpay_ffi.h',
            "$root/build/tronpay_ffi.h",
            '/usr/local/share/tronpay/tronpay_ffi.h',
            '/usr/share/tronpay/tronpay_ffi.h',
        ];
        $header ??= self::firstOf($headers, getenv('TRONPAY_FFI_HEADER') !== false);
        if ($header === null || !is_readable($header)) {
            throw new \RuntimeException(
                'tronpay_ffi.h not found (tried ' . (getenv('TRONPAY_FFI_HEADER') !== false
                    ? $headers[0] : implode(', ', array_filter($headers))) . '). '
                . self::HOW_TO_INSTALL . ', or set TRONPAY_FFI_HEADER=/path/to/build/tronpay_ffi.h'
            );
        }
        try {
            $ffi = \FFI::cdef(file_get_contents($header), $library);
        } catch (\FFI\Exception $e) {
            throw new \RuntimeException(
                "cannot load libtronpay from $library: " . $e->getMessage() . '. '
                . self::HOW_TO_INSTALL . ', or set TRONPAY_LIBRARY=/path/to/libtronpay.so.1',
                0,
                $e
            );
        }
        $this->attach($ffi, $library);
    }

    /** The same as new TronPay($library, $header). */
    public static function load(?string $library = null, ?string $header = null): self
    {
        return new self($library, $header);
    }

    private function attach(\FFI $ffi, string $libraryPath): void
    {
        $abi = $ffi->tronpay_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new \RuntimeException(
                "libtronpay at $libraryPath has ABI $abi, this binding needs " . self::ABI_VERSION
            );
        }
        $this->ffi = $ffi;
        $this->libraryPath = $libraryPath;
    }

    /**
     * Uses the declarations php.ini's ffi.preload made under FFI_SCOPE (scoped-header.php writes
     * that file). Under PHP-FPM with ffi.enable=preload this class must be preloaded too
     * (opcache.preload=TronPay.php), or the FFI API is refused to it: see README.md.
     */
    public static function fromScope(string $scope = 'tronpay'): self
    {
        $self = (new \ReflectionClass(self::class))->newInstanceWithoutConstructor();
        $self->attach(\FFI::scope($scope), "(preloaded scope $scope)");
        return $self;
    }

    /** @param list<?string> $candidates */
    private static function firstOf(array $candidates, bool $firstIsExplicit): ?string
    {
        if ($firstIsExplicit) {
            return $candidates[0]; // an explicit choice is never second-guessed
        }
        foreach ($candidates as $path) {
            if ($path !== null && file_exists($path)) {
                return $path;
            }
        }
        return null;
    }

    // ---- conversions ----------------------------------------------------------------------

    private function check(int $status): void
    {
        if ($status !== self::OK) {
            $detail = $this->ffi->tronpay_last_error(); // read before any other call
            throw new TronPayException($status, $this->ffi->tronpay_status_str($status), $detail);
        }
    }

    private static function argError(string $detail): TronPayException
    {
        return new TronPayException(self::E_ARG, 'TRONPAY_E_ARG', $detail);
    }

    /** A binary string copied into a C byte array; $size demands exactly that length. */
    private function bytesIn(string $data, string $what, ?int $size = null): ?\FFI\CData
    {
        $len = strlen($data);
        if ($size !== null && $len !== $size) {
            throw self::argError("$what must be $size bytes, got $len");
        }
        if ($len === 0) {
            return null; // (NULL, 0) is the empty input
        }
        $buf = $this->ffi->new("uint8_t[$len]");
        \FFI::memcpy($buf, $data, $len);
        return $buf;
    }

    /** Wipes a C copy of a secret. */
    private function wipe(?\FFI\CData $buf): void
    {
        if ($buf !== null) {
            $this->ffi->tronpay_memzero($buf, \FFI::sizeof($buf));
        }
    }

    /** A text argument; an embedded NUL would cut it short unseen, so it is refused. */
    private static function textIn(string $text, string $what): string
    {
        if (str_contains($text, "\0")) {
            throw self::argError("$what contains a NUL byte");
        }
        return $text;
    }

    private static function u32(int $value, string $what): int
    {
        if ($value < 0 || $value > 0xFFFFFFFF) {
            throw self::argError("$what $value is outside 0 … 2^32-1");
        }
        return $value;
    }

    /** A token amount as decimal text: string or int, never float. */
    private static function amountText(mixed $value, string $what): string
    {
        if (is_int($value)) {
            return (string) $value;
        }
        if (is_string($value)) {
            return self::textIn($value, $what);
        }
        throw new \TypeError("$what must be a decimal string or int, not " . get_debug_type($value));
    }

    /** Calls fn(char **out, ...$args) and returns the text, released with tronpay_free. */
    private function allocText(string $fn, mixed ...$args): string
    {
        $out = $this->ffi->new('char *');
        $this->check($this->ffi->$fn(\FFI::addr($out), ...$args));
        try {
            return \FFI::isNull($out) ? '' : \FFI::string($out);
        } finally {
            $this->ffi->tronpay_free($out);
        }
    }

    /** 21 address bytes: raw bytes as they are, text through the library's parser. */
    private function addressIn(string $address): \FFI\CData
    {
        if (strlen($address) === self::ADDRESS) {
            return $this->bytesIn($address, 'address', self::ADDRESS);
        }
        $out = $this->ffi->new('uint8_t[21]');
        $this->check($this->ffi->tronpay_address_parse($out, self::textIn($address, 'address')));
        return $out;
    }

    private static function bytesOut(\FFI\CData $buf, int $len): string
    {
        return \FFI::string($buf, $len);
    }

    // ---- Library --------------------------------------------------------------------------

    /** "MAJOR.MINOR.PATCH" of the loaded library. */
    public function version(): string
    {
        return $this->ffi->tronpay_version();
    }

    public function abiVersion(): int
    {
        return $this->ffi->tronpay_abi_version();
    }

    /** "TRONPAY_E_KEY" for -5; "unknown status" for codes the library does not know. */
    public function statusName(int $status): string
    {
        return $this->ffi->tronpay_status_str($status);
    }

    /** This thread's detail text of its last failure ("" if none). */
    public function lastError(): string
    {
        return $this->ffi->tronpay_last_error();
    }

    /**
     * Wipes a C buffer you hold a secret in. PHP strings cannot be wiped safely (they may be
     * shared or interned), so secrets you must wipe belong in FFI buffers.
     */
    public function memzero(\FFI\CData $buffer): void
    {
        if (\FFI::typeof($buffer)->getKind() !== \FFI\CType::TYPE_ARRAY) {
            throw new \TypeError('memzero needs a C array, e.g. FFI::new("uint8_t[32]")');
        }
        $this->ffi->tronpay_memzero($buffer, \FFI::sizeof($buffer));
    }

    /** @return array<string,int> the TRONPAY_*_SIZE values, from the library. */
    public function sizes(): array
    {
        $f = $this->ffi;
        return [
            'privkey' => $f->tronpay_size_privkey(),
            'pubkey' => $f->tronpay_size_pubkey(),
            'address' => $f->tronpay_size_address(),
            'address_text' => $f->tronpay_size_address_text(),
            'address_hex' => $f->tronpay_size_address_hex(),
            'signature' => $f->tronpay_size_signature(),
            'txid' => $f->tronpay_size_txid(),
            'seed' => $f->tronpay_size_seed(),
            'xkey_text' => $f->tronpay_size_xkey_text(),
            'epusdt_signature' => $f->tronpay_size_epusdt_signature(),
        ];
    }

    // ---- Hashes, keys, addresses ----------------------------------------------------------

    /** Keccak-256 with the original 0x01 padding (not SHA3-256): 32 raw bytes. */
    public function keccak256(string $data): string
    {
        $out = $this->ffi->new('uint8_t[32]');
        $this->check($this->ffi->tronpay_keccak256($out, $this->bytesIn($data, 'data'), strlen($data)));
        return self::bytesOut($out, 32);
    }

    /** SHA-256: 32 raw bytes. */
    public function sha256(string $data): string
    {
        $out = $this->ffi->new('uint8_t[32]');
        $this->check($this->ffi->tronpay_sha256($out, $this->bytesIn($data, 'data'), strlen($data)));
        return self::bytesOut($out, 32);
    }

    /** A fresh 32-byte private key from the OS CSPRNG. */
    public function generatePrivateKey(): string
    {
        $out = $this->ffi->new('uint8_t[32]');
        try {
            $this->check($this->ffi->tronpay_privkey_generate($out));
            return self::bytesOut($out, self::PRIVKEY);
        } finally {
            $this->wipe($out);
        }
    }

    /** true iff 1 ≤ key < n; another length than 32 throws (E_ARG). */
    public function isValidPrivateKey(string $key): bool
    {
        $buf = $this->bytesIn($key, 'private key', self::PRIVKEY);
        try {
            $status = $this->ffi->tronpay_privkey_verify($buf);
        } finally {
            $this->wipe($buf);
        }
        if ($status === self::E_KEY) {
            return false;
        }
        $this->check($status);
        return true;
    }

    /** The uncompressed public key 04‖X‖Y, 65 raw bytes. */
    public function publicKeyFromPrivateKey(string $key): string
    {
        $buf = $this->bytesIn($key, 'private key', self::PRIVKEY);
        $out = $this->ffi->new('uint8_t[65]');
        try {
            $this->check($this->ffi->tronpay_pubkey_from_privkey($out, $buf));
        } finally {
            $this->wipe($buf);
        }
        return self::bytesOut($out, self::PUBKEY);
    }

    /** The address "T…" of a 33- or 65-byte public key. */
    public function addressFromPublicKey(string $publicKey): string
    {
        $out = $this->ffi->new('uint8_t[21]');
        $pub = $this->bytesIn($publicKey, 'public key');
        $this->check($this->ffi->tronpay_address_from_pubkey($out, $pub, strlen($publicKey)));
        return $this->addressToBase58(self::bytesOut($out, self::ADDRESS));
    }

    /** The address "T…" of a 32-byte private key. */
    public function addressFromPrivateKey(string $key): string
    {
        $buf = $this->bytesIn($key, 'private key', self::PRIVKEY);
        $out = $this->ffi->new('uint8_t[21]');
        try {
            $this->check($this->ffi->tronpay_address_from_privkey($out, $buf));
        } finally {
            $this->wipe($buf);
        }
        return $this->addressToBase58(self::bytesOut($out, self::ADDRESS));
    }

    /** The 21 raw bytes of a base58check, "41…" hex or "0x…" address; nothing is repaired. */
    public function parseAddress(string $text): string
    {
        $out = $this->ffi->new('uint8_t[21]');
        $this->check($this->ffi->tronpay_address_parse($out, self::textIn($text, 'address')));
        return self::bytesOut($out, self::ADDRESS);
    }

    /** "T…" text of an address given as 21 raw bytes or any text form. */
    public function addressToBase58(string $address): string
    {
        $out = $this->ffi->new('char[' . self::ADDRESS_TEXT . ']');
        $this->check($this->ffi->tronpay_address_to_base58($out, $this->addressIn($address)));
        return \FFI::string($out);
    }

    /** "41…" lower-case hex of an address given as 21 raw bytes or any text form. */
    public function addressToHex(string $address): string
    {
        $out = $this->ffi->new('char[' . self::ADDRESS_HEX . ']');
        $this->check($this->ffi->tronpay_address_to_hex($out, $this->addressIn($address)));
        return \FFI::string($out);
    }

    // ---- HD wallets -----------------------------------------------------------------------

    /** A fresh mnemonic of 12/15/18/21/24 words; $language null is English. */
    public function generateMnemonic(int $wordCount = 24, ?string $language = null): string
    {
        $lang = $language === null ? null : self::textIn($language, 'language');
        return $this->allocText('tronpay_mnemonic_generate', self::u32($wordCount, 'word count'), $lang);
    }

    /** true iff every word is in one BIP39 list and the checksum holds. */
    public function isValidMnemonic(string $mnemonic): bool
    {
        $status = $this->ffi->tronpay_mnemonic_validate(self::textIn($mnemonic, 'mnemonic'));
        if ($status === self::E_MNEMONIC) {
            return false;
        }
        $this->check($status);
        return true;
    }

    /** The 64-byte BIP39 seed (the mnemonic is validated first: E_MNEMONIC). */
    public function mnemonicToSeed(string $mnemonic, ?string $passphrase = null): string
    {
        $out = $this->ffi->new('uint8_t[64]');
        try {
            $this->check($this->ffi->tronpay_mnemonic_to_seed($out, self::textIn($mnemonic, 'mnemonic'),
                $passphrase === null ? null : self::textIn($passphrase, 'passphrase')));
            return self::bytesOut($out, 64);
        } finally {
            $this->wipe($out);
        }
    }

    /** The 32-byte private key at a path such as "m/44'/195'/0'/0/7". */
    public function hdPrivateKey(string $seed, string $path): string
    {
        $buf = $this->bytesIn($seed, 'seed');
        $out = $this->ffi->new('uint8_t[32]');
        try {
            $this->check($this->ffi->tronpay_hd_privkey($out, $buf, strlen($seed), self::textIn($path, 'path')));
            return self::bytesOut($out, self::PRIVKEY);
        } finally {
            $this->wipe($out);
            $this->wipe($buf);
        }
    }

    /** The extended public key "xpub…" at a path (a shop keeps the account's, "m/44'/195'/0'"). */
    public function hdXpub(string $seed, string $path): string
    {
        return $this->xkey('tronpay_hd_xpub', $seed, $path);
    }

    /** The extended private key "xprv…" at a path. A secret. */
    public function hdXprv(string $seed, string $path): string
    {
        return $this->xkey('tronpay_hd_xprv', $seed, $path);
    }

    private function xkey(string $fn, string $seed, string $path): string
    {
        $buf = $this->bytesIn($seed, 'seed');
        $out = $this->ffi->new('char[112]');
        try {
            $this->check($this->ffi->$fn($out, $buf, strlen($seed), self::textIn($path, 'path')));
            return \FFI::string($out);
        } finally {
            $this->wipe($out);
            $this->wipe($buf);
        }
    }

    /** Watch-only: the addresses "T…" at xpub/change/i for i in [firstIndex, firstIndex + count). */
    public function xpubDeriveAddresses(string $xpub, int $change = 0, int $firstIndex = 0, int $count = 1): array
    {
        if ($count > self::MAX_DERIVE) { // the library refuses it too; checked before allocating
            throw self::argError("count $count is above " . self::MAX_DERIVE);
        }
        $count = self::u32($count, 'count');
        $out = $count > 0 ? $this->ffi->new('uint8_t[' . $count * self::ADDRESS . ']') : null;
        $this->check($this->ffi->tronpay_xpub_derive_addresses($out, self::textIn($xpub, 'xpub'),
            self::u32($change, 'change'), self::u32($firstIndex, 'first index'), $count));
        $raw = $count > 0 ? self::bytesOut($out, $count * self::ADDRESS) : '';
        return array_map(fn ($a) => $this->addressToBase58($a), $raw === '' ? [] : str_split($raw, self::ADDRESS));
    }

    // ---- Transactions ---------------------------------------------------------------------

    /**
     * tronpay_tx_options from ['ref_block_id' => 32 bytes, 'expiration_ms' => int,
     * 'timestamp_ms' => int, 'fee_limit_sun' => int|string, 'memo' => string,
     * 'permission_id' => int]; the C buffers are returned too, to stay alive for the call.
     * @return array{0: \FFI\CData, 1: list<?\FFI\CData>}
     */
    private function txOptions(array $options): array
    {
        $known = ['ref_block_id', 'expiration_ms', 'timestamp_ms', 'fee_limit_sun', 'memo', 'permission_id'];
        foreach (array_keys($options) as $key) {
            if (!in_array($key, $known, true)) {
                throw self::argError("unknown transaction option '$key'");
            }
        }
        $opt = $this->ffi->new('tronpay_tx_options');
        $opt->struct_size = \FFI::sizeof($opt);
        $ref = $this->bytesIn((string) ($options['ref_block_id'] ?? ''), 'ref_block_id', 32);
        $memo = $this->bytesIn((string) ($options['memo'] ?? ''), 'memo');
        // The struct borrows the arrays' memory ($keep holds them for the call's duration).
        $opt->ref_block_id = $this->ffi->cast('uint8_t *', $ref);
        $opt->timestamp_ms = self::int64($options['timestamp_ms'] ?? 0, 'timestamp_ms');
        $opt->expiration_ms = self::int64($options['expiration_ms'] ?? 0, 'expiration_ms');
        $opt->fee_limit_sun = self::int64($options['fee_limit_sun'] ?? 0, 'fee_limit_sun');
        $opt->memo = $memo === null ? null : $this->ffi->cast('uint8_t *', $memo);
        $opt->memo_len = strlen((string) ($options['memo'] ?? ''));
        $permission = self::int64($options['permission_id'] ?? 0, 'permission_id');
        if ($permission < -2147483648 || $permission > 2147483647) {
            throw self::argError('permission_id does not fit in int32');
        }
        $opt->permission_id = $permission;
        return [$opt, [$ref, $memo]];
    }

    /** An int64 from an int or a string of digits; never a float. */
    private static function int64(mixed $value, string $what): int
    {
        if (is_int($value)) {
            return $value;
        }
        if (is_string($value) && preg_match('/^-?[0-9]+$/', $value) === 1) {
            $int = filter_var($value, FILTER_VALIDATE_INT);
            if ($int === false) {
                throw self::argError("$what $value does not fit in int64");
            }
            return $int;
        }
        throw new \TypeError("$what must be an int or a string of digits, not " . get_debug_type($value));
    }

    /** Calls a builder (uint8_t **out, size_t *len, ...) and returns the raw bytes. */
    private function built(string $fn, mixed ...$args): string
    {
        $out = $this->ffi->new('uint8_t *');
        $len = $this->ffi->new('size_t');
        $this->check($this->ffi->$fn(\FFI::addr($out), \FFI::addr($len), ...$args));
        return $this->takeBytes($out, $len->cdata);
    }

    private function takeBytes(\FFI\CData $ptr, int $len): string
    {
        try {
            return \FFI::isNull($ptr) || $len === 0 ? '' : \FFI::string($ptr, $len);
        } finally {
            $this->ffi->tronpay_free($ptr);
        }
    }

    /** raw_data bytes of a TRX TransferContract; amount in sun (int or digits), > 0. */
    public function buildTransfer(string $owner, string $to, int|string $amountSun, array $options): string
    {
        [$opt, $keep] = $this->txOptions($options);
        return $this->built('tronpay_tx_build_transfer', $this->addressIn($owner), $this->addressIn($to),
            self::int64($amountSun, 'amount'), \FFI::addr($opt));
    }

    /** raw_data bytes of token.transfer(to, amount); amount in base units (string or int). */
    public function buildTrc20Transfer(string $owner, string $token, string $to, mixed $amount, array $options): string
    {
        [$opt, $keep] = $this->txOptions($options);
        return $this->built('tronpay_tx_build_trc20_transfer', $this->addressIn($owner), $this->addressIn($token),
            $this->addressIn($to), self::amountText($amount, 'amount'), \FFI::addr($opt));
    }

    /** raw_data bytes of any contract call with your call data. */
    public function buildTrigger(string $owner, string $contract, int|string $callValueSun, string $data,
        array $options): string
    {
        [$opt, $keep] = $this->txOptions($options);
        return $this->built('tronpay_tx_build_trigger', $this->addressIn($owner), $this->addressIn($contract),
            self::int64($callValueSun, 'call value'), $this->bytesIn($data, 'data'), strlen($data), \FFI::addr($opt));
    }

    /** The 32-byte txID of raw_data bytes (E_TX if they do not decode). */
    public function transactionId(string $raw): string
    {
        $out = $this->ffi->new('uint8_t[32]');
        $this->check($this->ffi->tronpay_tx_id($out, $this->bytesIn($raw, 'raw'), strlen($raw)));
        return self::bytesOut($out, 32);
    }

    /** The 65-byte signature of raw_data's txID (RFC 6979, low-s, v 0/1). */
    public function signTransaction(string $raw, string $privateKey): string
    {
        $key = $this->bytesIn($privateKey, 'private key', self::PRIVKEY);
        $out = $this->ffi->new('uint8_t[65]');
        try {
            $this->check($this->ffi->tronpay_tx_sign($out, $this->bytesIn($raw, 'raw'), strlen($raw), $key));
        } finally {
            $this->wipe($key);
        }
        return self::bytesOut($out, 65);
    }

    /** The node's JSON text, ready for /wallet/broadcasttransaction as it is. */
    public function transactionToJson(string $raw, array $signatures = []): string
    {
        foreach ($signatures as $sig) {
            if (!is_string($sig) || strlen($sig) !== 65) {
                throw self::argError('signatures must be 65-byte strings');
            }
        }
        $sigs = implode('', $signatures);
        return $this->allocText('tronpay_tx_to_json', $this->bytesIn($raw, 'raw'), strlen($raw),
            $this->bytesIn($sigs, 'signatures'), count($signatures));
    }

    /** The Transaction protobuf (raw_data and signatures) that /wallet/broadcasthex takes as hex. */
    public function serializeTransaction(string $raw, array $signatures = []): string
    {
        foreach ($signatures as $sig) {
            if (!is_string($sig) || strlen($sig) !== 65) {
                throw self::argError('signatures must be 65-byte strings');
            }
        }
        $sigs = implode('', $signatures);
        return $this->built('tronpay_tx_serialize', $this->bytesIn($raw, 'raw'), strlen($raw),
            $this->bytesIn($sigs, 'signatures'), count($signatures));
    }

    /** ['raw' => bytes, 'signatures' => list of 65-byte strings] of a node's transaction JSON. */
    public function transactionFromJson(string|array $json): array
    {
        $text = self::jsonIn($json);
        $raw = $this->ffi->new('uint8_t *');
        $len = $this->ffi->new('size_t');
        $sigs = $this->ffi->new('uint8_t *');
        $count = $this->ffi->new('size_t');
        $this->check($this->ffi->tronpay_tx_from_json(\FFI::addr($raw), \FFI::addr($len), \FFI::addr($sigs),
            \FFI::addr($count), $text, strlen($text)));
        $rawBytes = $this->takeBytes($raw, $len->cdata);
        $all = $this->takeBytes($sigs, $count->cdata * 65);
        return ['raw' => $rawBytes, 'signatures' => $all === '' ? [] : str_split($all, 65)];
    }

    /** The verification report (array); ['valid'] is false for a well-formed bad transaction. */
    public function verifyTransaction(string|array $json, int $nowMs = 0): array
    {
        $text = self::jsonIn($json);
        $out = $this->ffi->new('char *');
        $status = $this->ffi->tronpay_tx_verify(\FFI::addr($out), $text, strlen($text), $nowMs);
        if ($status !== self::E_VERIFY) { // E_VERIFY still writes the report: it says why
            $this->check($status);
        }
        try {
            return self::jsonOut(\FFI::string($out));
        } finally {
            $this->ffi->tronpay_free($out);
        }
    }

    // ---- Messages and digests -------------------------------------------------------------

    /** TIP-104 v2 signature (65 bytes, v 27/28) of a message (a string's bytes as they are). */
    public function signMessage(string $message, string $privateKey): string
    {
        $key = $this->bytesIn($privateKey, 'private key', self::PRIVKEY);
        $out = $this->ffi->new('uint8_t[65]');
        try {
            $this->check($this->ffi->tronpay_message_sign($out, $this->bytesIn($message, 'message'),
                strlen($message), $key));
        } finally {
            $this->wipe($key);
        }
        return self::bytesOut($out, 65);
    }

    /** The address "T…" that signed a message (v2). */
    public function recoverMessageSigner(string $message, string $signature): string
    {
        return $this->recovered('tronpay_message_recover', $message, $signature);
    }

    /** The address "T…" that signed the hex-DECODED message bytes, legacy v1. */
    public function recoverMessageSignerV1(string $message, string $signature): string
    {
        return $this->recovered('tronpay_message_recover_v1', $message, $signature);
    }

    private function recovered(string $fn, string $message, string $signature): string
    {
        $out = $this->ffi->new('uint8_t[21]');
        $this->check($this->ffi->$fn($out, $this->bytesIn($message, 'message'), strlen($message),
            $this->bytesIn($signature, 'signature', 65)));
        return $this->addressToBase58(self::bytesOut($out, self::ADDRESS));
    }

    /** true iff $address signed the message (v2); false if another key did. */
    public function verifyMessage(string $message, string $signature, string $address): bool
    {
        return $this->verified('tronpay_message_verify', $message, $signature, $address);
    }

    /** Legacy v1 verification of the hex-DECODED message bytes. */
    public function verifyMessageV1(string $message, string $signature, string $address): bool
    {
        return $this->verified('tronpay_message_verify_v1', $message, $signature, $address);
    }

    private function verified(string $fn, string $message, string $signature, string $address): bool
    {
        $status = $this->ffi->$fn($this->bytesIn($message, 'message'), strlen($message),
            $this->bytesIn($signature, 'signature', 65), $this->addressIn($address));
        if ($status === self::E_VERIFY) {
            return false;
        }
        $this->check($status);
        return true;
    }

    /** Signs a raw 32-byte digest (v 0/1). */
    public function signDigest(string $digest, string $privateKey): string
    {
        $key = $this->bytesIn($privateKey, 'private key', self::PRIVKEY);
        $out = $this->ffi->new('uint8_t[65]');
        try {
            $this->check($this->ffi->tronpay_digest_sign($out, $this->bytesIn($digest, 'digest', 32), $key));
        } finally {
            $this->wipe($key);
        }
        return self::bytesOut($out, 65);
    }

    /** The address "T…" whose key signed a 32-byte digest. */
    public function recoverDigestSigner(string $digest, string $signature): string
    {
        $out = $this->ffi->new('uint8_t[21]');
        $this->check($this->ffi->tronpay_digest_recover($out, $this->bytesIn($digest, 'digest', 32),
            $this->bytesIn($signature, 'signature', 65)));
        return $this->addressToBase58(self::bytesOut($out, self::ADDRESS));
    }

    // ---- Engine ---------------------------------------------------------------------------

    /**
     * Opens (or creates) an engine store (tronpay_engine_open); see Engine.php. $config is
     * ENGINE.md's config as an array or JSON text.
     */
    public function engine(string|array|object $config, ?int $nowMs = null): Engine
    {
        return new Engine($this->ffi, $config, $nowMs);
    }

    // ---- Transfers and payment checks (and the JSON conversions) ---------------------------

    /** JSON text for the library: a string is passed as it is, an array is encoded. */
    private static function jsonIn(string|array $json): string
    {
        return is_string($json) ? $json
            : json_encode($json, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
    }

    /** The library's JSON as arrays; big integers stay strings, never floats. */
    private static function jsonOut(string $text): array
    {
        return json_decode($text, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    }

    /**
     * Every transfer node, TronGrid or JSON-RPC JSON shows, as arrays ['txid', 'log_index',
     * 'block', 'timestamp_ms', 'token', 'from', 'to', 'amount' (decimal string), 'success',
     * 'source']; what was unusable goes to $skipped with a reason.
     */
    public function parseTransfers(string|array $json, ?array &$skipped = null): array
    {
        $text = self::jsonIn($json);
        $result = self::jsonOut($this->allocText('tronpay_transfers_parse', $text, strlen($text)));
        $skipped = $result['skipped'];
        return $result['transfers'];
    }

    /**
     * The verdict on invoices from evidence (see tronpay_payment_check). Evidence items may be
     * arrays or the JSON text a node returned (inserted unchanged).
     */
    public function checkPayments(string|array $request): array
    {
        $text = is_array($request) && isset($request['evidence']) && is_array($request['evidence'])
            ? self::requestText($request) : self::jsonIn($request);
        return self::jsonOut($this->allocText('tronpay_payment_check', $text, strlen($text)));
    }

    private static function requestText(array $request): string
    {
        $evidence = $request['evidence'];
        unset($request['evidence']);
        $items = implode(',', array_map(fn ($item) => self::jsonIn($item), $evidence));
        $head = $request === [] ? '{}' : self::jsonIn($request);
        return substr($head, 0, -1) . ($head === '{}' ? '' : ',') . '"evidence":[' . $items . ']}';
    }

    // ---- Amounts --------------------------------------------------------------------------

    /** "12.5", 6 → "12500000" (exact; the grammar is the library's). */
    public function toBaseUnits(mixed $amount, int $decimals): string
    {
        if (!is_string($amount)) {
            throw new \TypeError('a human amount must be a string, not ' . get_debug_type($amount));
        }
        return $this->allocText('tronpay_amount_to_base_units', self::textIn($amount, 'amount'),
            self::u32($decimals, 'decimals'));
    }

    /** "12500000" (or int), 6 → "12.5". */
    public function fromBaseUnits(mixed $baseUnits, int $decimals): string
    {
        return $this->allocText('tronpay_amount_from_base_units',
            self::amountText($baseUnits, 'base units'), self::u32($decimals, 'decimals'));
    }

    // ---- Webhooks -------------------------------------------------------------------------

    /** The webhook-signature value "v1,<base64>" of a message (Standard Webhooks v1). */
    public function signWebhook(string $secret, string $msgId, int $timestamp, string $body): string
    {
        return $this->allocText('tronpay_webhook_sign', self::textIn($secret, 'secret'),
            self::textIn($msgId, 'msgId'), $timestamp, $this->bytesIn($body, 'body'), strlen($body));
    }

    /** The headers (and content-type) of a delivery signed now, or at $timestamp. */
    public function signWebhookHeaders(string $secret, string $msgId, string $body, ?int $timestamp = null): array
    {
        $timestamp ??= time();
        return [
            'webhook-id' => $msgId,
            'webhook-timestamp' => (string) $timestamp,
            'webhook-signature' => $this->signWebhook($secret, $msgId, $timestamp, $body),
            'content-type' => 'application/json',
        ];
    }

    /**
     * Checks a Standard Webhooks delivery: returns if it is authentic and its timestamp within
     * $tolerance seconds of $now (default: the clock); throws WebhookVerificationException
     * otherwise, TronPayException (E_ARG) for a bad secret. $body is the raw body as received
     * (file_get_contents('php://input')). $headers: getallheaders(), $_SERVER (HTTP_WEBHOOK_ID…)
     * or a PSR-7 getHeaders() array; names are compared case-insensitively.
     */
    public function verifyWebhook(iterable $headers, string $body, string $secret,
        int $tolerance = self::WEBHOOK_TOLERANCE, ?int $now = null): void
    {
        [$id, $timestamp, $signature] = self::webhookHeaders($headers);
        $status = $this->ffi->tronpay_webhook_verify(self::textIn($secret, 'secret'), $id, $timestamp,
            $signature, $this->bytesIn($body, 'body'), strlen($body), $now ?? time(), $tolerance);
        $this->checkVerified($status);
    }

    /** @return array{string, string, string} webhook-id, -timestamp, -signature */
    private static function webhookHeaders(iterable $headers): array
    {
        $found = [];
        foreach ($headers as $name => $value) {
            $key = strtolower(str_replace('_', '-', trim((string) $name)));
            if (str_starts_with($key, 'http-')) {
                $key = substr($key, 5); // $_SERVER['HTTP_WEBHOOK_ID']
            }
            if (!in_array($key, self::WEBHOOK_HEADERS, true)) {
                continue;
            }
            if (is_array($value)) { // PSR-7: a list of values
                if (count($value) !== 1) {
                    throw new WebhookVerificationException("$key header appears more than once");
                }
                $value = reset($value);
            }
            if (!is_string($value)) {
                throw new \TypeError("$key header must be a string, not " . get_debug_type($value));
            }
            if (isset($found[$key])) {
                throw new WebhookVerificationException("$key header appears more than once");
            }
            $found[$key] = $value;
        }
        $values = [];
        foreach (self::WEBHOOK_HEADERS as $key) {
            if (!isset($found[$key])) {
                throw new WebhookVerificationException("missing $key header");
            }
            if (str_contains($found[$key], "\0")) {
                throw new WebhookVerificationException("$key header contains a NUL byte");
            }
            $values[] = $found[$key];
        }
        return $values;
    }

    /** OK returns; E_VERIFY is a WebhookVerificationException; anything else TronPayException. */
    private function checkVerified(int $status): void
    {
        if ($status === self::E_VERIFY) {
            throw new WebhookVerificationException($this->ffi->tronpay_last_error());
        }
        $this->check($status);
    }

    /** epusdt params: JSON text passed unchanged, or an array encoded. */
    private static function paramsIn(string|array $params): string
    {
        if (is_string($params)) {
            return $params;
        }
        if ($params !== [] && array_is_list($params)) {
            throw new \TypeError('epusdt params must be an object (a string-keyed array), not a list');
        }
        return json_encode((object) $params, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    }

    /**
     * LEGACY (no replay protection): the epusdt MD5 signature, 32 lower-case hex digits, of a
     * params object (JSON text or an array; a "signature" member is ignored).
     */
    public function signEpusdt(string|array $params, string $apiToken): string
    {
        $text = self::paramsIn($params);
        $out = $this->ffi->new('char[' . $this->ffi->tronpay_size_epusdt_signature() . ']');
        $this->check($this->ffi->tronpay_epusdt_sign($out, $text, strlen($text),
            self::textIn($apiToken, 'api token')));
        return \FFI::string($out);
    }

    /**
     * LEGACY (no replay protection): checks an epusdt callback's own "signature" member; throws
     * WebhookVerificationException if it is missing or differs. Pass the raw body.
     */
    public function verifyEpusdt(string|array $params, string $apiToken): void
    {
        $text = self::paramsIn($params);
        $this->checkVerified($this->ffi->tronpay_epusdt_verify($text, strlen($text),
            self::textIn($apiToken, 'api token')));
    }
}
