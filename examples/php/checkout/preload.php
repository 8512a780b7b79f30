<?php
/**
 * opcache.preload script of the checkout pool (checkout.ini): compiles the PHP binding into
 * every FPM worker at start. Under ffi.enable=preload only preloaded code may use the FFI API,
 * and both classes use it (TronPay::fromScope(), and Engine's FFI::addr/FFI::string), so both
 * files are preloaded; the request code (index.php, Answers.php) is not and needs no FFI.
 * With Composer, require vendor/tronpay/tronpay/{TronPay,Engine}.php instead.
 */

declare(strict_types=1);

$binding = getenv('TRONPAY_PHP_BINDING') ?: dirname(__DIR__, 3) . '/bindings/php';
require_once $binding . '/TronPay.php';
require_once $binding . '/Engine.php';
