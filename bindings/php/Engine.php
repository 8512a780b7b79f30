<?php
/**
 * The stateful payment engine (ENGINE.md) for PHP: an open store behind one handle.
 *
 *   $engine = TronPay::load()->engine(['store' => 'sqlite:/var/lib/shop/tronpay.db',
 *       'wallets' => [['id' => 'main', 'xpub' => $xpub]]]);
 *   $invoice = $engine->invoiceCreate(['order_id' => 'A-1001', 'amount' => '12.5'])['invoice'];
 *   $engine->close();
 *
 * Each method calls one C function of the header's engine sections and returns its JSON answer
 * as arrays (amounts stay decimal strings; big integers are kept as strings). Every failure
 * throws TronPayException with the library's status (TronPay::E_NOT_FOUND, E_CONFLICT, E_STATE,
 * E_BUSY, E_STORE, …). $nowMs is the current time in Unix milliseconds and defaults to the
 * clock. JSON inputs are arrays (encoded; pass an empty object as new \stdClass or '{}') or JSON
 * text as a string (passed as it is: a node's answer keeps its exact numbers). Several PHP
 * workers may open the same store; one Engine per worker, closed at the end of the request or
 * kept for the worker's life.
 */

declare(strict_types=1);

namespace TronPay;

final class Engine
{
    /** tronpay_outbox_ack's transport_error codes, by name. */
    public const TRANSPORT_ERRORS = [
        'none' => 0, 'timeout' => 1, 'connect' => 2, 'dns' => 3, 'tls' => 4, 'reset' => 5,
        'other' => 6,
    ];

    private \FFI\CData $handle;
    private bool $closed = false;

    /** Opens (or creates) the store a config names (tronpay_engine_open); see TronPay::engine(). */
    public function __construct(private readonly \FFI $ffi, string|array|object $config, ?int $nowMs = null)
    {
        $handle = $this->ffi->new('tronpay_engine *');
        $text = self::jsonIn($config);
        $this->check($this->ffi->tronpay_engine_open(\FFI::addr($handle), $text, strlen($text),
            self::now($nowMs)));
        $this->handle = $handle;
    }

    /** Closes the store connection; later calls throw TronPayException E_ARG ("closed"). */
    public function close(): void
    {
        if (!$this->closed) {
            $this->closed = true;
            $this->ffi->tronpay_engine_close($this->handle);
        }
    }

    public function isClosed(): bool
    {
        return $this->closed;
    }

    public function __destruct()
    {
        $this->close();
    }

    // ---- conversions ----------------------------------------------------------------------

    private function check(int $status): void
    {
        if ($status !== TronPay::OK) {
            $detail = $this->ffi->tronpay_last_error(); // read before any other call
            throw new TronPayException($status, $this->ffi->tronpay_status_str($status), $detail);
        }
    }

    private static function argError(string $detail): TronPayException
    {
        return new TronPayException(TronPay::E_ARG, 'TRONPAY_E_ARG', $detail);
    }

    private static function now(?int $nowMs): int
    {
        return $nowMs ?? (int) floor(microtime(true) * 1000);
    }

    private static function jsonIn(string|array|object $json): string
    {
        if (is_string($json)) {
            return $json;
        }
        if ($json === []) {
            return '{}'; // every engine input is an object
        }
        return json_encode($json, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
    }

    private static function textIn(string $text, string $what): string
    {
        if (str_contains($text, "\0")) {
            throw self::argError("$what contains a NUL byte");
        }
        return $text;
    }

    private static function range(int $value, int $low, int $high, string $what): int
    {
        if ($value < $low || $value > $high) {
            throw self::argError("$what $value is outside $low … $high");
        }
        return $value;
    }

    /** Calls fn(handle, char **out, ...$args) and returns the decoded JSON answer. */
    private function call(string $fn, mixed ...$args): array
    {
        $out = $this->ffi->new('char *');
        $this->check($this->ffi->$fn($this->handle, \FFI::addr($out), ...$args));
        try {
            $text = \FFI::isNull($out) ? '{}' : \FFI::string($out);
        } finally {
            $this->ffi->tronpay_free($out);
        }
        return json_decode($text, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    }

    /** The same with one JSON input (text and length) before the rest. */
    private function callJson(string $fn, string|array|object $json, mixed ...$rest): array
    {
        $text = self::jsonIn($json);
        return $this->call($fn, $text, strlen($text), ...$rest);
    }

    // ---- Engine ---------------------------------------------------------------------------

    /** tronpay_engine_health: chain position, open invoices, outbox, providers, lease. */
    public function health(?int $nowMs = null): array
    {
        return $this->call('tronpay_engine_health', self::now($nowMs));
    }

    // ---- Invoices -------------------------------------------------------------------------

    /** tronpay_invoice_create: ['created' => bool, 'invoice' => INVOICE]; idempotent by order_id. */
    public function invoiceCreate(string|array|object $request, ?int $nowMs = null): array
    {
        return $this->callJson('tronpay_invoice_create', $request, self::now($nowMs));
    }

    /** tronpay_invoice_get: INVOICE by id or order_id (E_NOT_FOUND). */
    public function invoiceGet(string $idOrOrderId, ?int $nowMs = null): array
    {
        return $this->call('tronpay_invoice_get', self::textIn($idOrOrderId, 'id'), self::now($nowMs));
    }

    /** tronpay_invoice_list: ['invoices' => [...], 'next' => cursor|null]. */
    public function invoiceList(string|array|object $filter = [], ?int $nowMs = null): array
    {
        return $this->callJson('tronpay_invoice_list', $filter, self::now($nowMs));
    }

    /** tronpay_invoice_cancel: INVOICE in "cancelled" (E_STATE once a final credit arrived); actor and reason are audited. */
    public function invoiceCancel(string $id, string $actor, string $reason, ?int $nowMs = null): array
    {
        return $this->call('tronpay_invoice_cancel', self::textIn($id, 'id'), self::textIn($actor, 'actor'),
            self::textIn($reason, 'reason'), self::now($nowMs));
    }

    /** tronpay_invoice_resolve: mark_paid, mark_invalid or attach, audited → INVOICE. */
    public function invoiceResolve(string|array|object $request, ?int $nowMs = null): array
    {
        return $this->callJson('tronpay_invoice_resolve', $request, self::now($nowMs));
    }

    /** tronpay_audit_list: ['records' => [...], 'next' => cursor|null]. */
    public function auditList(string|array|object $filter = []): array
    {
        return $this->callJson('tronpay_audit_list', $filter);
    }

    // ---- Chain input ----------------------------------------------------------------------

    /** tronpay_chain_tip: ['head' => ['number' => n], 'solidified' => ['number' => n]]. */
    public function chainTip(string|array|object $tip, ?int $nowMs = null): array
    {
        return $this->callJson('tronpay_chain_tip', $tip, self::now($nowMs));
    }

    /** tronpay_chain_block: a getblockbynum answer and its gettransactioninfobyblocknum array. */
    public function chainBlock(string|array|object $block, string|array $infos, ?int $nowMs = null): array
    {
        $blockText = self::jsonIn($block);
        $infosText = is_array($infos) && $infos === [] ? '[]' : self::jsonIn($infos);
        return $this->call('tronpay_chain_block', $blockText, strlen($blockText), $infosText,
            strlen($infosText), self::now($nowMs));
    }

    /** tronpay_chain_disconnect: revokes the newest applied block. */
    public function chainDisconnect(int $number, string $blockId, ?int $nowMs = null): array
    {
        return $this->call('tronpay_chain_disconnect', $number, self::textIn($blockId, 'block id'),
            self::now($nowMs));
    }

    /** tronpay_chain_evidence: any JSON parseTransfers() accepts. */
    public function chainEvidence(string|array|object $evidence, ?int $nowMs = null): array
    {
        return $this->callJson('tronpay_chain_evidence', $evidence, self::now($nowMs));
    }

    // ---- Chain input: planner mode --------------------------------------------------------

    /** tronpay_sync_next: ['kind' => 'http'|'wait'|'idle', …]: what to fetch, or when to ask again. */
    public function syncNext(?int $nowMs = null): array
    {
        return $this->call('tronpay_sync_next', self::now($nowMs));
    }

    /**
     * tronpay_sync_feed: the answer to a planned request. $headers is "Name: value\r\n" lines
     * or null; $transportError 0 … 6 or a name of TRANSPORT_ERRORS.
     */
    public function syncFeed(string $requestId, int $httpStatus, ?string $headers = null, string $body = '',
                             int|string $transportError = 0, ?int $nowMs = null): array
    {
        if (is_string($transportError)) {
            $transportError = self::TRANSPORT_ERRORS[$transportError]
                ?? throw self::argError("unknown transport error '$transportError'");
        }
        $bodyBytes = null; // (NULL, 0) for an empty body
        if ($body !== '') {
            $bodyBytes = $this->ffi->new('uint8_t[' . strlen($body) . ']');
            \FFI::memcpy($bodyBytes, $body, strlen($body));
        }
        return $this->call('tronpay_sync_feed', self::textIn($requestId, 'request id'),
            self::range($httpStatus, -2147483648, 2147483647, 'http status'),
            $headers === null ? null : self::textIn($headers, 'headers'), $bodyBytes, strlen($body),
            self::range($transportError, -2147483648, 2147483647, 'transport error'), self::now($nowMs));
    }

    // ---- Events and webhooks --------------------------------------------------------------

    /** tronpay_events_list: ['events' => [...], 'last_seq' => n], events after $afterSeq. */
    public function eventsList(int $afterSeq = 0, int $limit = 100): array
    {
        return $this->call('tronpay_events_list', $afterSeq, self::range($limit, 0, 0xFFFFFFFF, 'limit'));
    }

    /** tronpay_outbox_next: ['deliveries' => [...]] due now, signed; POST each as given. */
    public function outboxNext(int $max = 100, ?int $nowMs = null): array
    {
        return $this->call('tronpay_outbox_next', self::range($max, 0, 0xFFFFFFFF, 'max'), self::now($nowMs));
    }

    /**
     * tronpay_outbox_ack: the outcome of one attempt. $transportError is 0 … 6 or a name of
     * TRANSPORT_ERRORS; $retryAfter the Retry-After header, or null.
     */
    public function outboxAck(string $deliveryId, int $httpStatus, string $body = '', int|string $transportError = 0,
                              ?string $retryAfter = null, ?int $nowMs = null): void
    {
        if (is_string($transportError)) {
            $transportError = self::TRANSPORT_ERRORS[$transportError]
                ?? throw self::argError("unknown transport error '$transportError'");
        }
        $bodyBytes = null; // (NULL, 0) for an empty body
        if ($body !== '') {
            $bodyBytes = $this->ffi->new('uint8_t[' . strlen($body) . ']');
            \FFI::memcpy($bodyBytes, $body, strlen($body));
        }
        $this->check($this->ffi->tronpay_outbox_ack($this->handle, self::textIn($deliveryId, 'delivery id'),
            self::range($httpStatus, -2147483648, 2147483647, 'http status'), $bodyBytes, strlen($body),
            self::range($transportError, -2147483648, 2147483647, 'transport error'),
            $retryAfter === null ? null : self::textIn($retryAfter, 'retry after'), self::now($nowMs)));
    }

    /** tronpay_outbox_redeliver: queues one more delivery of an event to a webhook. */
    public function outboxRedeliver(string $eventId, string $webhookId, ?int $nowMs = null): void
    {
        $this->check($this->ffi->tronpay_outbox_redeliver($this->handle, self::textIn($eventId, 'event id'),
            self::textIn($webhookId, 'webhook id'), self::now($nowMs)));
    }

    // ---- Disputes and refunds -------------------------------------------------------------

    /** tronpay_dispute_lookup: what the engine knows about a txid (64 hex digits). */
    public function disputeLookup(string $txid, ?int $nowMs = null): array
    {
        return $this->call('tronpay_dispute_lookup', self::textIn($txid, 'txid'), self::now($nowMs));
    }

    /** tronpay_refund_create: an unsigned refund, recorded; idempotent by refund_id. */
    public function refundCreate(string|array|object $request, ?int $nowMs = null): array
    {
        return $this->callJson('tronpay_refund_create', $request, self::now($nowMs));
    }

    /** tronpay_refund_submit: the refund's signatures, 65 raw bytes each. @param list<string> $signatures */
    public function refundSubmit(string $refundId, array $signatures, ?int $nowMs = null): array
    {
        foreach ($signatures as $s) {
            if (!is_string($s) || strlen($s) !== 65) {
                throw self::argError('each signature must be 65 bytes');
            }
        }
        $count = count($signatures);
        $joined = implode('', $signatures);
        $buf = null;
        if ($count > 0) {
            $buf = $this->ffi->new('uint8_t[' . strlen($joined) . ']');
            \FFI::memcpy($buf, $joined, strlen($joined));
        }
        return $this->call('tronpay_refund_submit', self::textIn($refundId, 'refund id'), $buf, $count,
            self::now($nowMs));
    }

    /** tronpay_refund_get: one refund (E_NOT_FOUND). */
    public function refundGet(string $refundId): array
    {
        return $this->call('tronpay_refund_get', self::textIn($refundId, 'refund id'));
    }
}
