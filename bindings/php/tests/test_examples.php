<?php
// examples/php/checkout/Answers.php: the claim answers the end-to-end test (make
// test-example-php, a real chain) cannot reach there: a store without providers ("unknown"),
// a reverted credit, money no open order takes, a failed transfer reported on the transfer, and
// a partly paid order. Dispute answers shaped as ENGINE.md "Disputes and refunds" gives them.

declare(strict_types=1);

use Checkout\Answers;
use TronPay\TronPay;

return function (Harness $t, TronPay $tp): void {
    require_once repo_root() . '/examples/php/checkout/Answers.php';
    $words = new Answers(static fn (string $units, int $decimals): string => $tp->fromBaseUnits($units, $decimals));
    $txid = str_repeat('5e', 32);
    $invoice = ['id' => 'inv_1', 'order_id' => 'A-7', 'token' => 'USDT', 'decimals' => 6,
        'token_contract' => 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'address' => 'TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH',
        'amount_due_text' => '1.5', 'state' => 'new', 'received' => '0', 'expires_at_ms' => 1_738_600_000_000];
    $transfer = ['token' => 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'from' => 'TFYUi23h9n2ZwjecDMkJk1sZaAuTyNSyw8',
        'to' => $invoice['address'], 'amount' => '1500000', 'ordinal' => 0, 'block' => 70_000_030,
        'final' => true, 'invoice_id' => null];
    $answer = fn (string $status, array $transfers = [], ?string $result = null): array => ['txid' => $txid,
        'status' => $status, 'transfers' => $transfers, 'invoices' => [], 'result' => $result, 'summary' => ''];

    $t->run('checkout example: claim answers', function (Harness $t) use ($words, $invoice, $transfer, $answer) {
        $says = fn (array $a): array => $words->claim($a, $invoice);
        $t->same(['kind' => 'unknown', 'message' => 'We do not know transaction 5e5e5e5e5e…: please '
            . 'check that you copied the whole transaction id from your wallet.'], $says($answer('unknown')),
            'no provider to ask');
        $t->same('not_credited', $says($answer('rejected', [$transfer + ['outcome' => 'rejected',
            'reason' => 'reverted']]))['kind'], 'reverted: kind');
        $t->same('Transaction 5e5e5e5e5e… was not credited to order A-7: its block was dropped from the '
            . 'chain, so the payment no longer exists. Please contact us with your order number and this '
            . 'transaction id.', $says($answer('rejected', [$transfer + ['outcome' => 'rejected',
            'reason' => 'reverted']]))['message'], 'reverted');
        $t->same('Transaction 5e5e5e5e5e… was not credited to order A-7: it reached one of our addresses, '
            . 'but no open order takes it. Please contact us with your order number and this transaction id.',
            $says($answer('rejected', [$transfer + ['outcome' => 'unmatched', 'reason' => null]]))['message'],
            'unmatched');
        $t->same('Transaction 5e5e5e5e5e… failed on chain (REVERT), so no USDT moved and nothing was '
            . 'credited. Please send the payment again.', $says($answer('rejected', [$transfer
            + ['outcome' => 'rejected', 'reason' => 'failed', 'result' => 'REVERT']]))['message'],
            'failed, reported on the transfer');
        $t->same('failed', $says($answer('rejected', [], 'OUT_OF_ENERGY'))['kind'], 'failed, no transfer');
        $t->same('not_final', $says($answer('pending', [['final' => false, 'outcome' => 'credited',
            'invoice_id' => 'inv_1', 'reason' => null] + $transfer]))['kind'], 'pending');
    });

    $t->run('checkout example: order states', function (Harness $t) use ($words, $invoice) {
        $t->same('Partly paid: 0.5 of 1.5 USDT received so far.',
            $words->state(['state' => 'partial', 'received' => '500000'] + $invoice), 'partial');
        $t->same('Waiting for your payment.', $words->state($invoice), 'new');
        $t->same('Send exactly 1.5 USDT (TRC-20) on TRON nile to TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH before '
            . '2025-02-03 16:26 UTC. Payments in other tokens or on other networks cannot be credited.',
            $words->instruction($invoice, 'nile'), 'instruction');
    });
};
