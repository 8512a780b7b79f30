<?php
// The PHP binding's tests: php bindings/php/tests/run.php (make test-php).

declare(strict_types=1);

require __DIR__ . '/harness.php';
require dirname(__DIR__) . '/TronPay.php';
require dirname(__DIR__) . '/Engine.php';

use TronPay\TronPay;
use TronPay\TronPayException;

$t = new Harness();
$tp = TronPay::load();

foreach (glob(__DIR__ . '/test_*.php') as $file) {
    (require $file)($t, $tp);
}

$t->finish();
