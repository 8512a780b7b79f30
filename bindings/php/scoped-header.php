<?php
/**
 * Prints tronpay_ffi.h with FFI_SCOPE "tronpay" and FFI_LIB set, for php.ini's ffi.preload:
 *
 *   php bindings/php/scoped-header.php /usr/local/lib/libtronpay.so.1 > /etc/php/8.2/tronpay.h
 *
 * Then, in the FPM pool's php.ini: ffi.enable=preload, ffi.preload=/etc/php/8.2/tronpay.h and
 * opcache.preload=/path/to/TronPay.php (without it, fromScope() is refused: "FFI API is restricted
 * by ffi.enable"); request code uses TronPay\TronPay::fromScope(). See README.md.
 * Arguments: [library [ffi header]].
 */

declare(strict_types=1);

$library = $argv[1] ?? (getenv('TRONPAY_LIBRARY') ?: 'libtronpay.so.1');
$header = $argv[2] ?? (getenv('TRONPAY_FFI_HEADER') ?: null);
if ($header === null) {  // the checkout's build/, else what `make install` wrote
    foreach ([dirname(__DIR__, 2) . '/build/tronpay_ffi.h', '/usr/local/share/tronpay/tronpay_ffi.h',
        '/usr/share/tronpay/tronpay_ffi.h'] as $candidate) {
        if (is_readable($candidate)) {
            $header = $candidate;
            break;
        }
    }
    $header ??= dirname(__DIR__, 2) . '/build/tronpay_ffi.h';
}
$declarations = @file_get_contents($header);
if ($declarations === false) {
    fwrite(STDERR, "cannot read $header (run make, or pass the header's path)\n");
    exit(1);
}
printf("#define FFI_SCOPE \"tronpay\"\n#define FFI_LIB \"%s\"\n%s", addcslashes($library, "\"\\"),
    $declarations);
