<?php
// examples/php/checkout.php runs and explains each paste as its real receipt calls for;
// examples/php/webhook_receiver.php accepts one delivery once and rejects the forgeries.

declare(strict_types=1);

use TronPay\TronPay;

return function (Harness $t, TronPay $tp): void {
    $t->run('checkout example', function (Harness $t) {
        exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(repo_root() . '/examples/php/checkout.php')
            . ' 2>&1', $out, $code);
        $t->same(0, $code, 'exit code');
        preg_match_all('/checkout says:\s+(.*)$/m', implode("\n", $out), $m);
        $says = $m[1];
        $t->same(7, count($says), 'seven pastes');
        $t->ok(str_starts_with($says[0] ?? '', 'Paid: 41.677389 USDT in block 69316562, final'), 'real payment');
        $t->ok(str_contains($says[1] ?? '', 'failed on chain (OUT_OF_ENERGY)'), 'failed transaction');
        $t->ok(str_starts_with($says[2] ?? '', 'Partly paid: 0.001 USDT of 0.01 USDT'), 'partial');
        $t->ok(str_contains($says[3] ?? '', 'paid 41.677389 USDT to TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx, not to'),
            'someone else\'s payment');
        $t->ok(str_starts_with($says[4] ?? '', 'Paid: 0.1 USDT in block 59325846'), 'pasted with spaces, upper case');
        $t->ok(str_starts_with($says[5] ?? '', 'That is not a transaction id'), 'an address pasted');
        $t->ok(str_starts_with($says[6] ?? '', 'No receipt for that transaction yet'), 'unknown txid');
    });

    $t->run('webhook receiver example', function (Harness $t) {
        exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(repo_root() . '/examples/php/webhook_receiver.php')
            . ' 2>&1', $out, $code);
        $t->same(0, $code, 'exit code');
        preg_match_all('/^  (.+?)\s+-> (\d+) /m', implode("\n", $out), $m);
        $t->same(['delivery', 'retry of the same delivery', 'tampered body', 'replay signed in 2021',
            'signed with another secret'], $m[1], 'exchanges');
        $t->same(['200', '200', '400', '400', '400'], $m[2], 'statuses');
        $t->ok(str_contains(implode("\n", $out), 'duplicate, nothing changed'), 'dedup');
        $t->ok(str_contains(implode("\n", $out), 'journal: 1 delivery processed'), 'once');
    });
};
