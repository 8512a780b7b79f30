<?php
// Amounts: exact, never float, the library's grammar.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $max = '115792089237316195423570985008687907853269984665640564039457584007913129639935'; // 2^256-1

    $t->run('toBaseUnits and fromBaseUnits are exact', function (Harness $t) use ($tp, $max) {
        foreach ([['12.5', 6, '12500000'], ['0', 6, '0'], ['0.000001', 6, '1'], ['1', 0, '1'],
            ['41.677389', 6, '41677389'], [$max, 0, $max], ['1', 18, '1' . str_repeat('0', 18)],
            ['0.1', 77, '1' . str_repeat('0', 76)]] as [$text, $decimals, $units]) {
            $t->same($units, $tp->toBaseUnits($text, $decimals), "$text/$decimals");
            $t->same($text, $tp->fromBaseUnits($units, $decimals), "back $units/$decimals");
        }
        $t->same('12.5', $tp->fromBaseUnits(12500000, 6), 'int input');
        $t->same('1', $tp->fromBaseUnits('000100', 2), 'leading zeros');
        $t->same(substr($max, 0, -6) . '.' . substr($max, -6), $tp->fromBaseUnits($max, 6), 'max/6');
    });

    $t->run('malformed amounts throw E_AMOUNT', function (Harness $t) use ($tp, $max) {
        $over = '115792089237316195423570985008687907853269984665640564039457584007913129639936';
        foreach (['-1', '+1', '1e6', ' 1', '1 ', '.5', '5.', '', '1,000', '1.0000001', $over, '0x10'] as $text) {
            $t->throws(TronPayException::class, fn () => $tp->toBaseUnits($text, 6), TronPay::E_AMOUNT,
                var_export($text, true));
        }
        $t->throws(TronPayException::class, fn () => $tp->toBaseUnits('1', 78), TronPay::E_AMOUNT, '10^78');
        foreach ([-1, '1.5', '', 'abc', $over] as $units) {
            $t->throws(TronPayException::class, fn () => $tp->fromBaseUnits($units, 6), TronPay::E_AMOUNT,
                var_export($units, true));
        }
    });

    $t->run('floats are refused; decimals must be in range', function (Harness $t) use ($tp) {
        $t->throws(TypeError::class, fn () => $tp->toBaseUnits(12.5, 6), null, 'float human amount');
        $t->throws(TypeError::class, fn () => $tp->fromBaseUnits(1.0, 6), null, 'float base units');
        $t->throws(TronPayException::class, fn () => $tp->toBaseUnits('1', 256), TronPay::E_ARG, '256');
        $t->throws(TronPayException::class, fn () => $tp->toBaseUnits('1', -1), TronPay::E_ARG, '-1');
        $t->throws(TronPayException::class, fn () => $tp->toBaseUnits('1', 2 ** 32), TronPay::E_ARG, '2^32');
        $t->throws(TronPayException::class, fn () => $tp->toBaseUnits("1\0", 6), TronPay::E_ARG, 'NUL');
    });
};
