<?php
/**
 * The server side of a checkout page on libtronpay: the customer pastes the txid of their USDT
 * payment; the shop fetches that transaction's receipt (node /wallet/gettransactioninfobyid),
 * asks checkPayments() for the verdict on the order, and explains it in words.
 *
 * The receipts are real mainnet records (examples/data/mainnet/receipts/). The chain state
 * shown for each paste is what a node would answer a minute and a half after that block; every
 * decision (is it USDT, did it succeed, is it final, is it enough, is it for this order) is the
 * library's. Run from a checkout after `make`: php examples/php/checkout.php
 */

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/TronPay.php';

use TronPay\TronPay;
use TronPay\TronPayException;

const RECEIPTS = __DIR__ . '/../data/mainnet/receipts';
const USDT_DECIMALS = 6;

/** Orders as the shop's database holds them: deposit address, price, when they were opened. */
const ORDERS = [
    'A-1001' => ['address' => 'TXVj38D1XR3TPgSHTCZGC8wkLDAGqF1oqx', 'price' => '41.677389',
        'opened_ms' => 1738601400000],
    'A-1002' => ['address' => 'TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB', 'price' => '0.01',
        'opened_ms' => 1687521000000],
    'A-1003' => ['address' => 'TCB8H6cKtfLZJyt3tXkbN1a8Nxrh2x14RB', 'price' => '0.01',
        'opened_ms' => 1722862200000],
    'A-1004' => ['address' => 'TPecqY13cLPBbG855V9q7tbMgQhRkwLDVr', 'price' => '0.1',
        'opened_ms' => 1708612700000],
];

/** What a node answers for a txid: the receipt JSON text, or null if it knows none. */
function fetch_receipt(string $txid): ?string
{
    $file = RECEIPTS . "/$txid.json";
    return is_file($file) ? file_get_contents($file) : null;
}

/** Handles one paste: returns the sentence the checkout page shows. */
function check_paste(TronPay $tp, string $orderId, string $pasted): string
{
    $order = ORDERS[$orderId];
    $txid = strtolower(trim($pasted));
    if (preg_match('/^[0-9a-f]{64}$/', $txid) !== 1) {
        return 'That is not a transaction id (64 hex digits). Copy it from your wallet\'s history.';
    }
    $receipt = fetch_receipt($txid);
    if ($receipt === null) {
        return 'No receipt for that transaction yet: it is not on chain, or not yet indexed. '
            . 'Try again in a minute.';
    }
    // Only to pick the chain state shown for this paste (see above) and to word the answer.
    $fields = json_decode($receipt, true, 512, JSON_BIGINT_AS_STRING);
    $block = (int) ($fields['blockNumber'] ?? 0);
    $stamp = (int) ($fields['blockTimeStamp'] ?? 0);
    $due = $tp->toBaseUnits($order['price'], USDT_DECIMALS);
    $verdict = $tp->checkPayments([
        'chain' => ['head_block' => $block + 30, 'solidified_block' => $block + 11,
            'now_ms' => $stamp + 90000],
        'invoices' => [['id' => $orderId, 'address' => $order['address'], 'token' => 'USDT',
            'amount_due' => $due, 'created_at_ms' => $order['opened_ms'],
            'expires_at_ms' => $order['opened_ms'] + 3600000]],
        'evidence' => [$receipt], // the node's JSON text, passed on unchanged
    ]);
    return explain($tp, $verdict, $order, $txid, $fields['receipt']['result'] ?? null);
}

function usdt(TronPay $tp, string $baseUnits): string
{
    return $tp->fromBaseUnits($baseUnits, USDT_DECIMALS) . ' USDT';
}

/** The verdict in words: the state of the order, and why this transaction counted or not. */
function explain(TronPay $tp, array $verdict, array $order, string $txid, ?string $result): string
{
    $inv = $verdict['invoices'][0];
    foreach ($verdict['rejected'] as $r) {
        if ($r['txid'] === $txid) {
            $why = [
                'failed' => 'the transaction failed on chain (for example it ran out of energy), '
                    . 'so no USDT moved. Your wallet may show it, but nothing arrived: please pay '
                    . 'again',
                'foreign_token' => 'it moved a token that is not USDT (another contract can copy '
                    . 'USDT\'s name and symbol)',
                'not_final' => 'it is not final yet',
                'late' => 'it arrived after the order had been paid and closed: it will be '
                    . 'refunded',
                'early' => 'it was sent before this order was opened',
                'below_minimum' => 'the amount is below what the shop accepts',
                'duplicate' => 'it was already counted',
            ][$r['reason']] ?? "it was rejected ({$r['reason']})";
            return "Order not paid: $why.";
        }
    }
    foreach ($verdict['unmatched'] as $t) {
        if ($t['txid'] === $txid) {
            return 'That transaction paid ' . usdt($tp, $t['amount']) . " to {$t['to']}, not to "
                . "this order's address {$order['address']}. Check the address you sent to.";
        }
    }
    $credit = null;
    foreach ($inv['credits'] as $c) {
        $credit = $c['txid'] === $txid ? $c : $credit;
    }
    if ($credit === null && !in_array($inv['state'], ['partial', 'paid', 'overpaid'], true)) {
        return 'That transaction moved no USDT to anyone'
            . ($result !== null && $result !== 'SUCCESS'
                ? ": it failed on chain ($result), so nothing arrived although your wallet lists "
                    . 'it. Please pay again.'
                : '.');
    }
    $where = $credit === null ? '' : " in block {$credit['block']}";
    return match ($inv['state']) {
        'paid' => 'Paid: ' . usdt($tp, $inv['received_final']) . "$where, final. Thank you!",
        'overpaid' => 'Paid: ' . usdt($tp, $inv['received_final']) . ' received, '
            . usdt($tp, $inv['due']) . ' due. We will refund the difference.',
        'paid_late' => 'Paid, but after the order expired: we will confirm the price and ship.',
        'detected' => 'Payment seen' . $where
            . ': waiting for the block to become final (about a minute).',
        'partial' => 'Partly paid: ' . usdt($tp, $inv['received_final']) . ' of '
            . usdt($tp, $inv['due']) . ' received. Please send the rest to the same address.',
        'expired' => 'This order expired before any payment arrived.',
        default => 'No payment for this order in that transaction.',
    };
}

$tp = TronPay::load();
echo "libtronpay {$tp->version()} (PHP binding, {$tp->libraryPath})\n";
$pastes = [
    ['A-1001', '0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99'],
    ['A-1002', '13df06d50a1ff1f4a164e25afc946dd7b05df044894b1073b1e92eef41d8a98a'],
    ['A-1003', '46710419b68bd4a87ad3227011874f34602d986a61c264676dfb70a06b5d24ed'],
    ['A-1004', '0130dfde9281a48378109039ef512229d5359fbee2a8adbb17ad73aebc67ea99'],
    ['A-1004', "  4B845FB536E8022E804506855EAEB8CD7CBB698BF1BFB9E7BBAC361BF5541AB9\n"],
    ['A-1004', 'TPecqY13cLPBbG855V9q7tbMgQhRkwLDVr'],
    ['A-1004', str_repeat('ab', 32)],
];
foreach ($pastes as [$orderId, $pasted]) {
    $order = ORDERS[$orderId];
    printf("\norder %s (%s USDT to %s)\n  customer pastes: %s\n", $orderId, $order['price'],
        $order['address'], trim($pasted));
    try {
        echo '  checkout says:   ', check_paste($tp, $orderId, $pasted), "\n";
    } catch (TronPayException $e) {
        echo "  checkout says:   we could not read that receipt ({$e->statusName}: {$e->detail})\n";
    }
}
