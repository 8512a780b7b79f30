<?php
// The request script of the PHP-FPM test (test-fpm.sh): uses the binding the way the README's
// "Enabling FFI under PHP-FPM" tells a shop to, and prints what it saw as JSON.
declare(strict_types=1);

header('Content-Type: application/json');
$mode = $_GET['mode'] ?? 'scope';
$out = ['sapi' => PHP_SAPI, 'ffi.enable' => ini_get('ffi.enable'),
    'preloaded_class' => class_exists('TronPay\TronPay', false)];
try {
    if (!$out['preloaded_class'] || isset($_GET['require_once'])) {
        require_once dirname(__DIR__, 2) . '/TronPay.php';  // code that runs either way
    }
    if ($mode === 'raw') {  // the request script's own FFI use, not the preloaded class's
        $out['abs'] = \FFI::cdef('int abs(int);')->abs(-5);
        echo json_encode($out, JSON_UNESCAPED_SLASHES), "\n";
        return;
    }
    $tp = $mode === 'scope' ? TronPay\TronPay::fromScope() : TronPay\TronPay::load();
    $key = str_repeat("\0", 31) . "\1";
    $out['version'] = $tp->version();
    $out['address'] = $tp->addressFromPrivateKey($key);
    $out['amount'] = $tp->toBaseUnits('12.5', 6);
} catch (\Throwable $e) {
    $out['error'] = get_class($e) . ': ' . $e->getMessage();
}
echo json_encode($out, JSON_UNESCAPED_SLASHES), "\n";
