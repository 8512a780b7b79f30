<?php
/**
 * A USDT checkout on PHP-FPM over libtronpay's engine: the front controller (README.md).
 *
 * Routes (the path is PATH_INFO, as a web server's front-controller rule passes it, or the
 * `route` query parameter where PATH_INFO is not set; bodies are form-encoded):
 *
 *   GET  /                          a form to open an order
 *   POST /orders                    amount=1.5 [&order_id=A-1]  → 201 (200 if it existed): invoice
 *   GET  /orders/{order_id}         the order's state
 *   POST /orders/{order_id}/claim   txid=…  → what the engine knows about that payment, in words
 *
 * JSON instead of HTML with `Accept: application/json` or `format=json` in the query. Errors:
 * 400 {"error","field"} for invalid input, 404, 405, 409 (order id reused with other terms),
 * 503 (store busy; retry), 500 (detail in the FPM log only).
 *
 * The engine is opened per request on the config at $TRONPAY_CONFIG (the pool's env): PHP
 * resets every variable between requests, and ENGINE.md allows several processes on one store.
 * This process never talks to the chain: `tronpay watch` (the same config) scans it, delivers
 * webhooks and fetches the receipts that claims ask about.
 */

declare(strict_types=1);

namespace Checkout;

use TronPay\Engine;
use TronPay\TronPay;
use TronPay\TronPayException;

require_once __DIR__ . '/Answers.php';

/** Input the customer got wrong: answered 400 naming the field, never a 500. */
final class BadInput extends \RuntimeException
{
    public function __construct(public readonly string $field, string $message)
    {
        parent::__construct($message);
    }
}

/** A status and a message for the customer; the details stay in the log. */
final class HttpError extends \RuntimeException
{
    public function __construct(public readonly int $status, string $message)
    {
        parent::__construct($message);
    }
}

function h(string $text): string
{
    // ENT_SUBSTITUTE: a pasted invalid UTF-8 sequence becomes U+FFFD instead of an empty string.
    return htmlspecialchars($text, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

function wants_json(): bool
{
    return ($_GET['format'] ?? '') === 'json'
        || str_contains(strtolower($_SERVER['HTTP_ACCEPT'] ?? ''), 'application/json');
}

/**
 * JSON_HEX_*: even a JSON answer shown by a careless client cannot open a <script>; invalid
 * UTF-8 in an echoed input becomes U+FFFD instead of an encoding failure.
 */
function send_json(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    echo json_encode($body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
}

/** $bodyHtml is already escaped by its builder; only the title is escaped here. */
function send_html(int $status, string $title, string $bodyHtml): void
{
    http_response_code($status);
    header('Content-Type: text/html; charset=utf-8');
    // The pages carry no script of their own, so a policy that forbids all script costs nothing
    // and is a second wall behind the escaping.
    header("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    echo "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>", h($title),
        "</title></head>\n<body>\n<h1>", h($title), "</h1>\n", $bodyHtml, "\n</body></html>\n";
}

/** The route path: PATH_INFO from the web server, else ?route= (documented above). */
function route_path(): string
{
    $path = $_SERVER['PATH_INFO'] ?? '';
    if ($path === '' || $path === '/') { // "/index.php?route=…" and "/?route=…" alike
        $path = is_string($_GET['route'] ?? null) ? $_GET['route'] : '/';
    }
    return '/' . trim($path, '/');
}

function form_field(string $name): ?string
{
    $value = $_POST[$name] ?? null;
    return is_string($value) ? $value : null; // name[]=… arrays are not a value
}

/** The engine on $TRONPAY_CONFIG, and the network it runs on (for the instruction). */
function open_engine(TronPay $tp): array
{
    $path = getenv('TRONPAY_CONFIG');
    if ($path === false || $path === '') {
        throw new \RuntimeException('TRONPAY_CONFIG is not set in the FPM pool (env[TRONPAY_CONFIG])');
    }
    $text = @file_get_contents($path);
    if ($text === false) {
        throw new \RuntimeException("cannot read the tronpay config $path");
    }
    $network = json_decode($text, true, 64, JSON_THROW_ON_ERROR)['network'] ?? 'mainnet';
    return [$tp->engine($text), $network]; // the text as it is: the engine reads it strictly
}

/**
 * The binding: the FFI scope preloaded at FPM start (php-fpm.conf, checkout.ini) is the fast,
 * locked-down way; a pool run with ffi.enable=1 instead may load the library per request
 * (honouring $TRONPAY_LIBRARY).
 */
function binding(): TronPay
{
    if (!class_exists(TronPay::class, false)) { // not preloaded: only works with ffi.enable=1
        require_once __DIR__ . '/../../../bindings/php/TronPay.php';
        require_once __DIR__ . '/../../../bindings/php/Engine.php';
    }
    return ini_get('ffi.enable') === '1' ? TronPay::load() : TronPay::fromScope();
}

// ---- Pages ------------------------------------------------------------------------------------

function order_view(Answers $words, array $invoice, string $network): array
{
    return [
        'order_id' => $invoice['order_id'],
        'invoice_id' => $invoice['id'],
        'state' => $invoice['state'],
        'state_text' => $words->state($invoice),
        'token' => $invoice['token'],
        'amount' => $invoice['amount_due_text'],
        'address' => $invoice['address'],
        'created_at_ms' => $invoice['created_at_ms'],
        'expires_at_ms' => $invoice['expires_at_ms'],
        'instruction' => $words->instruction($invoice, $network),
        'payments' => array_map(static fn (array $c): array => [
            'txid' => $c['txid'], 'amount_base_units' => $c['amount'], 'final' => $c['final'],
        ], $invoice['credits']),
    ];
}

function order_html(array $view, ?string $notice = null): string
{
    $id = rawurlencode($view['order_id']);
    $html = $notice === null ? '' : '<p><strong>' . h($notice) . "</strong></p>\n";
    $html .= '<p>' . h($view['state_text']) . "</p>\n";
    if (in_array($view['state'], ['new', 'detected', 'partial'], true)) {
        $html .= '<p>' . h($view['instruction']) . "</p>\n<p>Deposit address: <code>"
            . h($view['address']) . "</code></p>\n";
    }
    foreach ($view['payments'] as $p) {
        $html .= '<p>Payment <code>' . h($p['txid']) . '</code>' . ($p['final'] ? ', final' : ', not final yet')
            . "</p>\n";
    }
    return $html . "<form method=\"post\" action=\"/orders/$id/claim\">\n"
        . "<label>I paid: transaction id <input name=\"txid\" size=\"70\" maxlength=\"200\" required></label>\n"
        . "<button>Check my payment</button>\n</form>\n";
}

function create_order(Engine $engine, Answers $words, string $network): void
{
    $amount = trim(form_field('amount') ?? '');
    // Digits and at most 6 decimals (USDT's); the engine converts the text exactly.
    if (preg_match('/^[0-9]{1,12}(\.[0-9]{1,6})?$/', $amount) !== 1 || preg_match('/[1-9]/', $amount) !== 1) {
        throw new BadInput('amount', 'amount must be a positive number with at most 6 decimals, e.g. 12.5');
    }
    $orderId = form_field('order_id');
    if ($orderId === null || $orderId === '') {
        $orderId = 'A-' . bin2hex(random_bytes(6)); // the shop's own order number
    } elseif (preg_match('/^[A-Za-z0-9_-]{1,64}$/', $orderId) !== 1) {
        throw new BadInput('order_id', 'order_id must be 1 to 64 letters, digits, "-" or "_"');
    }
    // Idempotent by order_id: a retried POST gets the same invoice, never a second address.
    $created = $engine->invoiceCreate(['order_id' => $orderId, 'amount' => $amount]);
    $view = order_view($words, $created['invoice'], $network);
    $status = $created['created'] ? 201 : 200;
    if (wants_json()) {
        send_json($status, $view + ['created' => $created['created']]);
    } else {
        send_html($status, 'Order ' . $view['order_id'], order_html($view));
    }
}

function find_order(Engine $engine, string $orderId): array
{
    try {
        // invoice_get also takes an invoice id ("inv_…"); a customer's URL names an order only.
        $invoice = $engine->invoiceGet($orderId);
    } catch (TronPayException $e) {
        if ($e->status === TronPay::E_NOT_FOUND) {
            throw new HttpError(404, 'There is no such order.');
        }
        throw $e;
    }
    if ($invoice['order_id'] !== $orderId) {
        throw new HttpError(404, 'There is no such order.');
    }
    return $invoice;
}

function show_order(Engine $engine, Answers $words, string $network, string $orderId): void
{
    $view = order_view($words, find_order($engine, $orderId), $network);
    if (wants_json()) {
        send_json(200, $view);
    } else {
        send_html(200, 'Order ' . $view['order_id'], order_html($view));
    }
}

function claim(Engine $engine, Answers $words, string $network, string $orderId): void
{
    $invoice = find_order($engine, $orderId);
    $raw = form_field('txid') ?? '';
    $txid = strtolower(trim($raw)); // wallets show either case, copies drag whitespace along
    if (preg_match(Answers::TXID_PATTERN, $txid) !== 1) {
        // Cut to 80 bytes (a UTF-8 sequence cut in two is replaced when escaped: ENT_SUBSTITUTE).
        $shown = strlen($raw) > 80 ? substr($raw, 0, 80) . '…' : $raw;
        throw new BadInput('txid', 'txid must be 64 hexadecimal digits (0-9, a-f); you sent "'
            . $shown . '"');
    }
    // Writes when the txid is new to the store: the lookup is queued for `tronpay watch`.
    $answer = $engine->disputeLookup($txid);
    $said = $words->claim($answer, $invoice);
    if (wants_json()) {
        send_json(200, ['order_id' => $orderId, 'txid' => $txid, 'status' => $answer['status']] + $said);
        return;
    }
    $view = order_view($words, $invoice, $network);
    send_html(200, 'Order ' . $orderId, '<p class="claim"><strong>' . h($said['message'])
        . "</strong></p>\n" . order_html($view));
}

function home(): void
{
    send_html(200, 'Checkout', "<form method=\"post\" action=\"/orders\">\n"
        . "<label>Amount (USDT) <input name=\"amount\" value=\"1.5\" required></label>\n"
        . "<button>Pay with USDT on TRON</button>\n</form>\n");
}

// ---- Dispatch ---------------------------------------------------------------------------------

function dispatch(): void
{
    $method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
    $path = route_path();
    // Order ids are [A-Za-z0-9_-] (create_order), so this pattern is also the validation.
    $routes = [
        '#^/$#' => ['GET' => 'home'],
        '#^/orders$#' => ['POST' => 'create'],
        '#^/orders/([A-Za-z0-9_-]{1,64})$#' => ['GET' => 'show'],
        '#^/orders/([A-Za-z0-9_-]{1,64})/claim$#' => ['POST' => 'claim'],
    ];
    foreach ($routes as $pattern => $methods) {
        if (preg_match($pattern, $path, $m) !== 1) {
            continue;
        }
        $action = $methods[$method] ?? null;
        if ($action === null) {
            header('Allow: ' . implode(', ', array_keys($methods)));
            throw new HttpError(405, 'This page does not take that method.');
        }
        if ($action === 'home') {
            home();
            return;
        }
        $tp = binding();
        [$engine, $network] = open_engine($tp);
        try {
            $words = new Answers(static fn (string $units, int $decimals): string
                => $tp->fromBaseUnits($units, $decimals));
            match ($action) {
                'create' => create_order($engine, $words, $network),
                'show' => show_order($engine, $words, $network, $m[1]),
                'claim' => claim($engine, $words, $network, $m[1]),
            };
        } finally {
            $engine->close(); // release the SQLite connection before the worker waits again
        }
        return;
    }
    throw new HttpError(404, 'There is no such page.');
}

function fail(int $status, string $message, ?string $field = null): void
{
    if (wants_json()) {
        send_json($status, ['error' => $message] + ($field === null ? [] : ['field' => $field]));
    } else {
        send_html($status, 'Sorry', '<p>' . h($message) . '</p>');
    }
}

try {
    dispatch();
} catch (BadInput $e) {
    fail(400, $e->getMessage(), $e->field);
} catch (HttpError $e) {
    fail($e->status, $e->getMessage());
} catch (TronPayException $e) {
    error_log('checkout: ' . $e->getMessage());
    if ($e->status === TronPay::E_CONFLICT) { // the same order_id, other terms
        fail(409, 'That order number is already used for another amount.');
    } elseif ($e->status === TronPay::E_BUSY) { // the store stayed locked past its busy timeout
        header('Retry-After: 1');
        fail(503, 'We are busy; please try again in a moment.');
    } else {
        fail(500, 'Something went wrong on our side; please try again later.');
    }
} catch (\Throwable $e) {
    error_log('checkout: ' . get_class($e) . ': ' . $e->getMessage());
    fail(500, 'Something went wrong on our side; please try again later.');
}
