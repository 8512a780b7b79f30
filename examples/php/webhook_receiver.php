<?php
/**
 * A shop's webhook endpoint in PHP on libtronpay: Standard Webhooks deliveries of payment events.
 *
 * Served by a web server (here PHP's built-in one), each request verifies the raw body
 * (file_get_contents('php://input')) with the three headers (verifyWebhook), dedups on
 * webhook-id under an exclusive lock in the shop's journal, writes the order's new state and
 * fsyncs it, and only then answers 2xx: a delivery whose answer is lost is retried by the sender
 * and changes nothing the second time. Forged, tampered and replayed deliveries get 400.
 *
 * Run from the command line, the same file plays the engine: it starts `php -S 127.0.0.1:PORT`
 * on this file (an ephemeral port, FFI enabled for that server), signs deliveries as the engine's
 * outbox will (signWebhookHeaders), posts them, prints what happened, stops the server and exits.
 * Run from a checkout after `make`: php examples/php/webhook_receiver.php
 */

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/TronPay.php';

use TronPay\TronPay;
use TronPay\WebhookVerificationException;

if (PHP_SAPI === 'cli-server') {
    receive(getenv('SHOP_WEBHOOK_SECRET') ?: '', getenv('SHOP_JOURNAL') ?: '');
    return;
}
exit(drive());

/** The endpoint: one request. */
function receive(string $secret, string $journal): void
{
    $body = file_get_contents('php://input'); // the raw bytes, verified before json_decode
    $headers = array_change_key_case(getallheaders());
    try {
        TronPay::load()->verifyWebhook($headers, $body, $secret);
    } catch (WebhookVerificationException $e) {
        http_response_code(400);
        echo "rejected: {$e->detail}";
        return;
    }
    $id = $headers['webhook-id'];
    $event = json_decode($body, true, 64, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    $file = fopen($journal, 'c+');
    flock($file, LOCK_EX); // one delivery at a time decides "seen before?"
    try {
        $seen = [];
        while (($line = fgets($file)) !== false) {
            $seen[json_decode($line, true)['webhook_id']] = true;
        }
        if (isset($seen[$id])) {
            echo 'duplicate, nothing changed';
            return;
        }
        $invoice = $event['data']['invoice'];
        fwrite($file, json_encode(['webhook_id' => $id, 'type' => $event['type'],
            'order_id' => $invoice['order_id'], 'state' => $invoice['state']]) . "\n");
        fflush($file);
        fsync($file); // committed: only now may the 2xx go out
        echo "order {$invoice['order_id']} -> {$invoice['state']}";
    } finally {
        flock($file, LOCK_UN);
        fclose($file);
    }
}

/** The command line: start the endpoint, post deliveries to it, report. */
function drive(): int
{
    $tp = TronPay::load();
    $secret = 'whsec_' . base64_encode(random_bytes(32));
    $journal = tempnam(sys_get_temp_dir(), 'tronpay-journal-');
    $probe = stream_socket_server('tcp://127.0.0.1:0'); // an ephemeral port for the server
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe);
    $env = ['SHOP_WEBHOOK_SECRET' => $secret, 'SHOP_JOURNAL' => $journal] + getenv();
    $server = proc_open([PHP_BINARY, '-d', 'ffi.enable=1', '-S', "127.0.0.1:$port", __FILE__],
        [['file', '/dev/null', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes,
        null, $env);
    $url = "http://127.0.0.1:$port/hooks/tronpay";
    for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) {
        usleep(50000);
    }
    echo "receiver listening on $url\n";

    // What the engine's outbox sends for an invoice.paid event (include/tronpay.h, Webhooks).
    $body = json_encode(['type' => 'invoice.paid', 'timestamp' => '2026-01-27T10:15:00Z',
        'data' => ['invoice' => ['id' => 'inv_51d0', 'order_id' => 'A-1001', 'state' => 'paid',
            'token' => 'USDT', 'amount_due' => '41677389']]], JSON_UNESCAPED_SLASHES);
    $headers = $tp->signWebhookHeaders($secret, 'evt_0001', $body);
    $other = 'whsec_' . base64_encode(random_bytes(32));
    $results = [
        'delivery' => post($url, $headers, $body),
        'retry of the same delivery' => post($url, $headers, $body),
        'tampered body' => post($url, $headers, str_replace('41677389', '99999999', $body)),
        'replay signed in 2021' => post($url, $tp->signWebhookHeaders($secret, 'evt_0002', $body, 1614265330),
            $body),
        'signed with another secret' => post($url, $tp->signWebhookHeaders($other, 'evt_0003', $body), $body),
    ];
    proc_terminate($server);
    proc_close($server);
    foreach ($results as $what => [$status, $text]) {
        printf("  %-28s -> %d %s\n", $what, $status, $text);
    }
    $lines = array_filter(explode("\n", (string) file_get_contents($journal)));
    unlink($journal);
    printf("journal: %d delivery processed\n", count($lines));
    $ok = array_column($results, 0) === [200, 200, 400, 400, 400] && count($lines) === 1;
    if (!$ok) {
        fwrite(STDERR, "unexpected outcome\n");
    }
    return $ok ? 0 : 1;
}

/** @return array{int, string} status and body */
function post(string $url, array $headers, string $body): array
{
    $lines = [];
    foreach ($headers as $name => $value) {
        $lines[] = "$name: $value";
    }
    $context = stream_context_create(['http' => ['method' => 'POST', 'header' => $lines,
        'content' => $body, 'ignore_errors' => true, 'timeout' => 10]]);
    $answer = file_get_contents($url, false, $context);
    preg_match('{^HTTP/\S+ (\d+)}', $http_response_header[0] ?? '', $m);
    return [(int) ($m[1] ?? 0), (string) $answer];
}
