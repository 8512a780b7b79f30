<?php
/**
 * The words the checkout shows a customer: an order's state, the payment instruction, and the
 * answer to "I paid, here is my txid" built from the engine's dispute lookup
 * (tronpay_dispute_lookup, ENGINE.md "Disputes and refunds").
 *
 * Pure functions of the engine's answers (no I/O, no HTML): index.php escapes what it prints, and
 * test_checkout.py asserts these exact sentences. Amounts arrive in base units; $human turns
 * base units and decimals into text (TronPay::fromBaseUnits: the library's arithmetic, not PHP's
 * floats).
 */

declare(strict_types=1);

namespace Checkout;

final class Answers
{
    /** A txid as wallets and explorers show it; index.php lower-cases and trims first. */
    public const TXID_PATTERN = '/^[0-9a-f]{64}$/';

    /** Invoice states (ENGINE.md "Invoice states") in a customer's words. */
    private const STATE_TEXT = [
        'new' => 'Waiting for your payment.',
        'detected' => 'We see your payment on chain; it is not final yet.',
        'partial' => 'Partly paid: %received% of %due% %token% received so far.',
        'paid' => 'Paid. Thank you!',
        'overpaid' => 'Paid, with more than the amount due (%received% %token%); contact us about the difference.',
        'expired' => 'Expired: no payment arrived in time. Please do not pay to this address any more.',
        'paid_late' => 'Paid after the order expired; we received %received% %token%.',
        'cancelled' => 'Cancelled.',
        'marked_paid' => 'Paid (confirmed by our staff).',
        'invalid' => 'Closed by our staff; please contact us.',
    ];

    /** The state a claim reports once money is credited ("The order is now …"). */
    private const STATE_WORD = [
        'paid' => 'paid', 'overpaid' => 'overpaid', 'partial' => 'partly paid',
        'paid_late' => 'paid (after it expired)', 'marked_paid' => 'paid', 'detected' => 'awaiting finality',
    ];

    /** Why a transfer was not credited (the dispute answer's reasons) as the end of a sentence. */
    private const REASON_TEXT = [
        'below_minimum' => 'the amount is below the minimum we accept',
        'late' => 'it arrived after the order had expired',
        'early' => 'it was made before the order was created',
        'already_settled' => 'the order had already been settled',
        'ambiguous' => 'it could not be matched to a single order',
        'reverted' => 'its block was dropped from the chain, so the payment no longer exists',
        'duplicate' => 'it was already counted',
    ];

    /** @param callable(string $baseUnits, int $decimals): string $human */
    public function __construct(private readonly \Closure $human)
    {
    }

    /** "87e438886a…": enough to recognise a txid in a sentence without a wall of hex. */
    public static function shortTxid(string $txid): string
    {
        return substr($txid, 0, 10) . '…';
    }

    /** "USDT (TRC-20)" for a token contract, "TRX" for TRX: what a wallet's send screen calls it. */
    private static function tokenLabel(array $invoice): string
    {
        return $invoice['token_contract'] === null ? $invoice['token'] : $invoice['token'] . ' (TRC-20)';
    }

    /** The order's state in one or two sentences. */
    public function state(array $invoice): string
    {
        $text = self::STATE_TEXT[$invoice['state']] ?? 'Unknown state; please contact us.';
        return strtr($text, [
            '%received%' => ($this->human)($invoice['received'], $invoice['decimals']),
            '%due%' => $invoice['amount_due_text'],
            '%token%' => $invoice['token'],
        ]);
    }

    /** What to send, where and by when; the network comes from the engine's config. */
    public function instruction(array $invoice, string $network): string
    {
        return sprintf('Send exactly %s %s on TRON %s to %s before %s UTC. '
            . 'Payments in other tokens or on other networks cannot be credited.',
            $invoice['amount_due_text'], self::tokenLabel($invoice), $network, $invoice['address'],
            gmdate('Y-m-d H:i', intdiv($invoice['expires_at_ms'], 1000)));
    }

    /**
     * The answer to a customer who says they paid $invoice's order with $txid: ['kind' => …,
     * 'message' => one plain sentence or two]. $answer is the engine's dispute answer for the
     * txid. kind is one of credited, credited_other_order, not_final, failed, wrong_token,
     * not_our_address, lookup_scheduled, unknown, not_credited.
     *
     * @return array{kind: string, message: string}
     */
    public function claim(array $answer, array $invoice): array
    {
        $tx = self::shortTxid($answer['txid']);
        $order = $invoice['order_id'];
        $token = $invoice['token'];
        $say = static fn (string $kind, string $message): array => ['kind' => $kind, 'message' => $message];

        switch ($answer['status']) {
            case 'lookup_scheduled': // the engine asks a node for the receipt (tronpay watch does)
                return $say('lookup_scheduled', "We have not seen transaction $tx yet. We are looking "
                    . 'it up on the blockchain now; please check again in a minute.');
            case 'unknown': // no provider to ask: nothing more will be learnt by waiting here
                return $say('unknown', "We do not know transaction $tx: please check that you copied "
                    . 'the whole transaction id from your wallet.');
        }

        // A failed transaction (OUT_OF_ENERGY, REVERT, …) usually left no transfer at all: the
        // engine reports the receipt's result on the answer. Checked before the transfers, since
        // a failed TRC-20 call moved no tokens whatever its call data said.
        $result = $answer['result'] ?? null;
        if (is_string($result) && $result !== '' && $result !== 'SUCCESS') {
            return $say('failed', "Transaction $tx failed on chain ($result), so no $token moved and "
                . 'nothing was credited. Please send the payment again.');
        }

        $transfer = self::pick($answer['transfers'] ?? [], $invoice['id']);
        if ($transfer === null) {
            return $say('unknown', "We do not know transaction $tx: please check that you copied "
                . 'the whole transaction id from your wallet.');
        }
        if ($transfer['outcome'] === 'credited') {
            if ($transfer['invoice_id'] !== $invoice['id']) {
                // Never name the other order: it may belong to someone else.
                return $say('credited_other_order', "Transaction $tx was credited to another order, "
                    . "not to order $order. If you paid the wrong order, please contact us with both "
                    . 'order numbers.');
            }
            if (!$transfer['final'] || $answer['status'] === 'pending') {
                return $say('not_final', "Transaction $tx is on chain for order $order but not final "
                    . 'yet. This takes about a minute; please check again shortly.');
            }
            $amount = ($this->human)($transfer['amount'], $invoice['decimals']);
            $now = self::invoiceIn($answer, $invoice['id']) ?? $invoice;
            $state = self::STATE_WORD[$now['state']] ?? $now['state'];
            return $say('credited', "Thank you: transaction $tx paid $amount $token to order $order, "
                . "and it is final. The order is now $state.");
        }

        switch ($transfer['reason']) {
            case 'failed':
                $result = is_string($transfer['result'] ?? null) ? $transfer['result'] : 'FAILED';
                return $say('failed', "Transaction $tx failed on chain ($result), so no $token moved "
                    . 'and nothing was credited. Please send the payment again.');
            case 'foreign_token':
                return $say('wrong_token', "Transaction $tx sent a different token (contract "
                    . "{$transfer['token']}), not $token, so it was not credited. Please pay in "
                    . "$token, and contact us about the token you sent.");
            case 'not_our_address':
                return $say('not_our_address', "Transaction $tx sent the money to {$transfer['to']}, "
                    . "which is not one of our addresses, so we cannot credit it. Order $order's "
                    . "deposit address is {$invoice['address']}.");
            case 'not_final':
                return $say('not_final', "Transaction $tx is on chain for order $order but not final "
                    . 'yet. This takes about a minute; please check again shortly.');
        }
        $why = $transfer['outcome'] === 'unmatched'
            ? 'it reached one of our addresses, but no open order takes it'
            : (self::REASON_TEXT[$transfer['reason'] ?? ''] ?? 'it does not meet the order\'s terms');
        return $say('not_credited', "Transaction $tx was not credited to order $order: $why. Please "
            . 'contact us with your order number and this transaction id.');
    }

    /**
     * The transfer a claim is about: one credited to this order, else one credited elsewhere,
     * else the first one not credited (a transaction can move several tokens).
     */
    private static function pick(array $transfers, string $invoiceId): ?array
    {
        foreach ($transfers as $t) {
            if ($t['outcome'] === 'credited' && $t['invoice_id'] === $invoiceId) {
                return $t;
            }
        }
        foreach ($transfers as $t) {
            if ($t['outcome'] === 'credited') {
                return $t;
            }
        }
        return $transfers[0] ?? null;
    }

    /** The invoice as the answer reports it (its state after the credit), if it is there. */
    private static function invoiceIn(array $answer, string $invoiceId): ?array
    {
        foreach ($answer['invoices'] ?? [] as $inv) {
            if ($inv['id'] === $invoiceId) {
                return $inv;
            }
        }
        return null;
    }
}
