<?php
// The Engine class against a real SQLite store in a temporary directory (ENGINE.md's shapes).

declare(strict_types=1);

use TronPay\Engine;
use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $now = 1767225600000; // 2026-01-01T00:00:00Z
    $secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    $xpub = $tp->hdXpub(str_repeat("\x42", 64), "m/44'/195'/0'");
    $otherXpub = $tp->hdXpub(str_repeat("\x43", 64), "m/44'/195'/0'");
    $tempStore = function (): string {
        $dir = sys_get_temp_dir() . '/tronpay-php-' . bin2hex(random_bytes(6));
        mkdir($dir);
        return "$dir/tronpay.db";
    };
    $config = fn (string $file, string $network = 'mainnet', ?string $x = null, array $extra = []) => [
        'store' => "sqlite:$file", 'network' => $network,
        'wallets' => [['id' => 'main', 'xpub' => $x ?? $xpub]],
        'webhooks' => [['id' => 'shop', 'url' => 'https://shop.example/hook', 'secret' => $secret,
            'scheme' => 'standard', 'events' => ['invoice.*']]],
    ] + $extra;

    $t->run('engine: create answers the INVOICE shape', function (Harness $t) use ($tp, $config, $tempStore, $now, $xpub) {
        $engine = $tp->engine($config($tempStore()), $now);
        $r = $engine->invoiceCreate(['order_id' => 'A-1001', 'amount' => '12.5'], $now);
        $t->same(true, $r['created'] ?? null, 'created');
        $inv = $r['invoice'] ?? [];
        $t->ok(str_starts_with((string) ($inv['id'] ?? ''), 'inv_'), 'inv_ id');
        $t->same('A-1001', $inv['order_id'] ?? null, 'order_id');
        $t->same('USDT', $inv['token'] ?? null, 'token');
        $t->same(6, $inv['decimals'] ?? null, 'decimals');
        $t->same($tp->xpubDeriveAddresses($xpub, 0, 0, 1)[0], $inv['address'] ?? null, 'address');
        $t->same(0, $inv['derivation_index'] ?? null, 'index');
        $t->same('12500000', $inv['amount_due'] ?? null, 'amount_due');
        $t->same('12.5', $inv['amount_due_text'] ?? null, 'amount_due_text');
        $t->same('new', $inv['state'] ?? null, 'state');
        $t->same($now + 900000, $inv['expires_at_ms'] ?? null, 'expiry');
        $t->same([], $inv['credits'] ?? null, 'credits');
        $again = $engine->invoiceCreate('{"order_id":"A-1001","amount":"12.5"}', $now + 60000);
        $t->same(false, $again['created'] ?? null, 'idempotent');
        $t->same($inv['id'] ?? null, $again['invoice']['id'] ?? null, 'same id');
        $t->same($inv['expires_at_ms'] ?? null, $again['invoice']['expires_at_ms'] ?? null, 'expiry kept');
        $t->throws(TronPayException::class, fn () => $engine->invoiceCreate(['order_id' => 'A-1001',
            'amount' => '13'], $now), TronPay::E_CONFLICT, 'conflict');
        $t->throws(TronPayException::class, fn () => $engine->invoiceCreate(['order_id' => 'X',
            'amount' => '1', 'expiry' => 5], $now), TronPay::E_JSON, 'unknown member');
        $t->throws(TronPayException::class, fn () => $engine->invoiceGet('nope', $now),
            TronPay::E_NOT_FOUND, 'not found');
        $t->same('expired', $engine->invoiceGet('A-1001', $now + 900001)['state'] ?? null, 'expired as of now');
        $engine->close();
    });

    $t->run('engine: lists, events, deliveries, health, cancel, audit', function (Harness $t) use ($tp, $config, $tempStore, $now, $secret) {
        $engine = $tp->engine($config($tempStore()), $now);
        $a = $engine->invoiceCreate(['order_id' => 'A', 'amount' => '1'], $now)['invoice'] ?? [];
        $b = $engine->invoiceCreate(['order_id' => 'B', 'amount_base_units' => '5'], $now)['invoice'] ?? [];
        $t->same(1, $b['derivation_index'] ?? null, 'second index');
        $page = $engine->invoiceList([], $now);
        $t->same(2, count($page['invoices'] ?? []), 'two invoices');
        $t->ok(array_key_exists('next', $page) && $page['next'] === null, 'last page');
        $one = $engine->invoiceList(['limit' => 1], $now);
        $t->same(1, count($one['invoices'] ?? []), 'a page of one');
        $events = $engine->eventsList(0, 10);
        $t->same(['invoice.created', 'invoice.created'], array_column($events['events'] ?? [], 'type'), 'events');
        $t->same([], $engine->eventsList((int) ($events['last_seq'] ?? 0))['events'] ?? null, 'nothing after');
        $due = $engine->outboxNext(10, $now + 5000)['deliveries'] ?? [];
        $t->same(2, count($due), 'two deliveries');
        foreach ($due as $d) {
            $t->same('shop', $d['webhook'], 'webhook');
            $tp->verifyWebhook($d['headers'], $d['body'], $secret, TronPay::WEBHOOK_TOLERANCE,
                intdiv($now + 5000, 1000));
            $engine->outboxAck($d['id'], 200, '', 0, null, $now + 5000);
        }
        $t->same([], $engine->outboxNext(10, $now + 6000)['deliveries'] ?? null, 'all acked');
        $t->throws(TronPayException::class, fn () => $engine->outboxAck('dlv_nope', 0, '', 'timeout'),
            TronPay::E_NOT_FOUND, 'unknown delivery');
        $t->throws(TronPayException::class, fn () => $engine->outboxAck('dlv_nope', 503, 'busy', 0, '30'),
            TronPay::E_NOT_FOUND, 'unknown delivery, with a body and Retry-After');
        $t->throws(TronPayException::class, fn () => $engine->outboxAck('dlv_nope', 0, '', 'pigeon'),
            TronPay::E_ARG, 'unknown transport error');
        $health = $engine->health($now);
        $t->same('sqlite', $health['store'] ?? null, 'store');
        $t->same(2, $health['open_invoices'] ?? null, 'open invoices');
        $t->same('cancelled', $engine->invoiceCancel('B', 'alice', 'asked', $now + 1)['state'] ?? null, 'cancel');
        $audit = $engine->auditList();
        $t->same(1, count($audit['records'] ?? []), 'one audit record');
        $t->same('alice', $audit['records'][0]['actor'] ?? null, 'actor');
        $engine->close();
    });

    $t->run('engine: disputes and refunds without payments', function (Harness $t) use ($tp, $config, $tempStore, $now) {
        $engine = $tp->engine($config($tempStore()), $now);
        $txid = str_repeat('ab', 32);
        $answer = $engine->disputeLookup($txid, $now);
        $t->same($txid, $answer['txid'] ?? null, 'txid');
        $t->ok(in_array($answer['status'] ?? null, ['unknown', 'lookup_scheduled'], true), 'unknown txid');
        $t->throws(TronPayException::class, fn () => $engine->disputeLookup('zz'), TronPay::E_HEX, 'bad txid');
        $t->throws(TronPayException::class, fn () => $engine->refundGet('R-none'), TronPay::E_NOT_FOUND, 'no refund');
        $t->throws(TronPayException::class, fn () => $engine->refundSubmit('R-none', []), TronPay::E_ARG,
            'no signatures');
        $t->throws(TronPayException::class, fn () => $engine->refundSubmit('R-none', ['short']), TronPay::E_ARG,
            'short signature');
        $engine->close();
    });

    $t->run('engine: close, reopen, recorded network and wallet, bad stores', function (Harness $t) use ($tp, $config, $tempStore, $now, $otherXpub) {
        $file = $tempStore();
        $engine = $tp->engine($config($file), $now);
        $inv = $engine->invoiceCreate(['order_id' => 'K-1', 'amount' => '1'], $now)['invoice'] ?? [];
        $engine->close();
        $t->same(true, $engine->isClosed(), 'closed');
        try {
            $engine->invoiceGet('K-1');
            $t->ok(false, 'a closed engine answered');
        } catch (TronPayException $e) {
            $t->same(TronPay::E_ARG, $e->status, 'closed handle');
            $t->ok(str_contains($e->detail, 'closed'), 'detail says closed');
        }
        $engine->close(); // a no-op
        $again = $tp->engine($config($file), $now);
        $t->same($inv['id'] ?? null, $again->invoiceGet('K-1', $now)['id'] ?? null, 'persisted');
        $t->same(1, $again->invoiceCreate(['order_id' => 'K-2', 'amount' => '1'], $now)['invoice']['derivation_index'] ?? null,
            'next index');
        $again->close();
        $t->throws(TronPayException::class, fn () => $tp->engine($config($file, 'nile'), $now),
            TronPay::E_CONFLICT, 'other network');
        $t->throws(TronPayException::class, fn () => $tp->engine($config($file, 'mainnet', $otherXpub), $now),
            TronPay::E_CONFLICT, 'other xpub');
        $t->throws(TronPayException::class, fn () => $tp->engine($config($tempStore(), 'mainnet', null,
            ['polcy' => []]), $now), TronPay::E_JSON, 'typo in the config');
        $garbage = dirname($file) . '/garbage.db';
        file_put_contents($garbage, str_repeat("\x5a", 8192));
        $t->throws(TronPayException::class, fn () => $tp->engine($config($garbage), $now), TronPay::E_STORE,
            'not a store');
        $t->throws(TronPayException::class, fn () => $tp->engine("{\"store\":\"x\0\"}"), null, 'NUL in JSON');
    });

    $t->run('engine: planner mode', function (Harness $t) use ($tp, $config, $tempStore, $now) {
        $engine = $tp->engine($config($tempStore(), 'mainnet', null,
            ['providers' => [['id' => 'tg', 'kind' => 'fullnode', 'base_url' => 'http://127.0.0.1:1']]]), $now);
        $t->same(['kind' => 'idle', 'reason' => 'nothing_to_watch'], $engine->syncNext($now), 'idle');
        $engine->invoiceCreate(['order_id' => 'S-1', 'amount' => '1'], $now);
        $plan = $engine->syncNext($now);
        $t->same('http', $plan['kind'] ?? null, 'a request');
        $fed = $engine->syncFeed((string) ($plan['id'] ?? ''), 503, "Retry-After: 30\r\n", 'busy', 0, $now + 1);
        $t->same('rate_limited', $fed['class'] ?? null, 'class');
        $t->throws(TronPayException::class, fn () => $engine->syncFeed('r_nope', 0, null, '', 'timeout', $now),
            TronPay::E_NOT_FOUND, 'unknown request');
        $engine->close();
        $pushOnly = $tp->engine($config($tempStore()), $now);
        $t->throws(TronPayException::class, fn () => $pushOnly->syncNext($now), TronPay::E_STATE, 'push only');
        $pushOnly->close();
    });
};
