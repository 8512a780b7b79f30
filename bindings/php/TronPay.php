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
 * this file, else the checkout's build/, else the system loader path. The declarations: the
 * argument, else $TRONPAY_FFI_HEADER, else tronpay_ffi.h beside this file, else the checkout's
 * build/tronpay_ffi.h (made by `make`). The ABI version is checked on construction.
 * Under PHP-FPM see README.md (ffi.enable, preloading with TronPay::fromScope()).
 */

declare(strict_types=1);

namespace TronPay;

/** A failed libtronpay call. getCode() and ->status are the negative status code. */
final class TronPayException extends \RuntimeException
{
    public function __construct(
        public readonly int $status,
        public readonly string $statusName,
        public readonly string $detail,
    ) {
        parent::__construct($detail !== '' ? "$statusName: $detail" : $statusName, $status);
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
        'tronpay_amount_to_base_units' => 'toBaseUnits',
        'tronpay_amount_from_base_units' => 'fromBaseUnits',
    ];

    private const PRIVKEY = 32;
    private const PUBKEY = 65;
    private const ADDRESS = 21;
    private const ADDRESS_TEXT = 35;
    private const ADDRESS_HEX = 43;

    public readonly string $libraryPath;

    private function __construct(private readonly \FFI $ffi, string $libraryPath)
    {
        $this->libraryPath = $libraryPath;
        $abi = $ffi->tronpay_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new \RuntimeException(
                "libtronpay at $libraryPath has ABI $abi, this binding needs " . self::ABI_VERSION
            );
        }
    }

    /** Loads the library with FFI::cdef (see the search order above). */
    public static function load(?string $library = null, ?string $header = null): self
    {
        $root = dirname(__DIR__, 2);
        $library ??= self::firstOf([
            getenv('TRONPAY_LIBRARY') ?: null,
            __DIR__ . '/libtronpay.so.1',
            "$root/build/libtronpay.so.1",
        ], getenv('TRONPAY_LIBRARY') !== false) ?? 'libtronpay.so.1';
        $header ??= self::firstOf([
            getenv('TRONPAY_FFI_HEADER') ?: null,
            __DIR__ . '/tronpay_ffi.h',
            "$root/build/tronpay_ffi.h",
        ], getenv('TRONPAY_FFI_HEADER') !== false);
        if ($header === null || !is_readable($header)) {
            throw new \RuntimeException('tronpay_ffi.h not found: run make, or set TRONPAY_FFI_HEADER');
        }
        $declarations = file_get_contents($header);
        try {
            $ffi = \FFI::cdef($declarations, $library);
        } catch (\FFI\Exception $e) {
            throw new \RuntimeException("cannot load libtronpay from $library: " . $e->getMessage(), 0, $e);
        }
        return new self($ffi, $library);
    }

    /** Uses declarations preloaded with FFI::load() under FFI_SCOPE (see preload.php). */
    public static function fromScope(string $scope = 'tronpay'): self
    {
        return new self(\FFI::scope($scope), "(preloaded scope $scope)");
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
}
