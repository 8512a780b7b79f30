<?php
// Webhooks against Tests/vectors/webhooks.json, cross-checked with PHP's hash_hmac and
// base64 (sign with the library, verify with PHP, and back), header shapes ($_SERVER,
// getallheaders(), PSR-7), and epusdt against a PHP reimplementation of epusdt's Go rules.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;
use TronPay\WebhookVerificationException;

const WH_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const WH_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const WH_TS = 1614265330;
const WH_BODY = '{"test": 2432232314}';
const WH_PUBLISHED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

function php_webhook_sign(string $secret, string $id, string $ts, string $body): string
{
    $key = base64_decode(str_starts_with($secret, 'whsec_') ? substr($secret, 6) : $secret, true);
    return 'v1,' . base64_encode(hash_hmac('sha256', "$id.$ts.$body", $key, true));
}

function wh_headers(string $id = WH_ID, string $ts = '1614265330', string $sig = WH_PUBLISHED): array
{
    return ['webhook-id' => $id, 'webhook-timestamp' => $ts, 'webhook-signature' => $sig];
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64) from PHP's shortest round-trip text (json_encode). */
function go_format_float(float $v): string
{
    $text = json_encode(abs($v), JSON_PRESERVE_ZERO_FRACTION);
    $sign = ($v < 0 || ($v == 0 && fdiv(1, $v) < 0)) ? '-' : '';
    [$mantissa, $exp] = array_pad(explode('e', strtolower($text)), 2, '0');
    [$int, $frac] = array_pad(explode('.', $mantissa), 2, '');
    $digits = $int . $frac;
    $point = strlen($int) + (int) $exp;
    $stripped = ltrim($digits, '0');
    $point -= strlen($digits) - strlen($stripped);
    $digits = rtrim($stripped, '0');
    if ($digits === '') {
        return $sign . '0';
    }
    if ($point <= 0) {
        return $sign . '0.' . str_repeat('0', -$point) . $digits;
    }
    if ($point >= strlen($digits)) {
        return $sign . $digits . str_repeat('0', $point - strlen($digits));
    }
    return $sign . substr($digits, 0, $point) . '.' . substr($digits, $point);
}

/** epusdt's sign.go: numbers as float64, signature and nulls skipped, empty texts dropped. */
function go_epusdt_sign(string $json, string $token): string
{
    $pairs = [];
    foreach (json_decode($json, true, 512, JSON_THROW_ON_ERROR) as $key => $value) {
        if ($key === 'signature' || $value === null) {
            continue;
        }
        $text = is_string($value) ? $value : go_format_float((float) $value);
        if ($text !== '') {
            $pairs[] = "$key=$text";
        }
    }
    sort($pairs, SORT_STRING);
    return md5(implode('&', $pairs) . $token);
}

return function (Harness $t, TronPay $tp): void {
    $v = load_json('Tests/vectors/webhooks.json');
    $isVerify = fn (\Throwable $e) => $e instanceof WebhookVerificationException && $e->status === TronPay::E_VERIFY;

    $t->run('the published Standard Webhooks vector', function (Harness $t) use ($tp) {
        $t->same(WH_PUBLISHED, $tp->signWebhook(WH_SECRET, WH_ID, WH_TS, WH_BODY), 'sign');
        $t->same(WH_PUBLISHED, $tp->signWebhook(substr(WH_SECRET, 6), WH_ID, WH_TS, WH_BODY), 'bare');
        $tp->verifyWebhook(wh_headers(), WH_BODY, WH_SECRET, 300, WH_TS);
        $t->ok(is_subclass_of(WebhookVerificationException::class, TronPayException::class), 'subclass');
    });

    $t->run('sign vectors', function (Harness $t) use ($tp, $v) {
        foreach ($v['standard_webhooks']['sign'] as $c) {
            $t->same($c['signature'], $tp->signWebhook($c['secret'], $c['msg_id'], (int) $c['timestamp_text'],
                $c['body']), $c['name']);
            $t->same($c['signature'], php_webhook_sign($c['secret'], $c['msg_id'], $c['timestamp_text'],
                $c['body']), "$c[name] (PHP)");
        }
    });

    $t->run('the verify table', function (Harness $t) use ($tp, $v, $isVerify) {
        $t->ok(count($v['standard_webhooks']['verify']) >= 30, 'rows');
        foreach ($v['standard_webhooks']['verify'] as $c) {
            $call = fn () => $tp->verifyWebhook(wh_headers($c['msg_id'], $c['timestamp'], $c['signature_header']),
                $c['body'], $c['secret'], (int) $c['tolerance'], (int) $c['now']);
            if ($c['status'] === 'OK') {
                $call();
                $t->ok(true);
            } elseif ($c['status'] === 'TRONPAY_E_VERIFY') {
                $t->throws(WebhookVerificationException::class, $call, TronPay::E_VERIFY, $c['name']);
            } else {
                try {
                    $call();
                    $t->ok(false, "$c[name]: nothing thrown");
                } catch (TronPayException $e) {
                    $t->ok(!($e instanceof WebhookVerificationException) && $e->status === TronPay::E_ARG
                        && !str_contains($e->getMessage(), 'MfKQ9r8G'), $c['name']);
                }
            }
        }
    });

    $t->run('library signs, PHP verifies, and back', function (Harness $t) use ($tp, $isVerify) {
        for ($i = 0; $i < 150; $i++) {
            $secret = ($i % 2 ? 'whsec_' : '') . base64_encode(random_bytes([24, 32, 64][$i % 3]));
            $body = $i > 0 ? random_bytes($i * 17) : "";
            $id = 'evt_' . bin2hex(random_bytes(8));
            $ts = 1700000000 + $i;
            $ours = $tp->signWebhook($secret, $id, $ts, $body);
            $t->same(php_webhook_sign($secret, $id, (string) $ts, $body), $ours, 'same signature');
            $tp->verifyWebhook(wh_headers($id, (string) $ts, 'v2,x ' . php_webhook_sign($secret, $id, (string) $ts,
                $body)), $body, $secret, 300, $ts);
            if ($body !== '') {
                $tampered = $body;
                $tampered[0] = chr(ord($tampered[0]) ^ 1);
                $t->throws(WebhookVerificationException::class,
                    fn () => $tp->verifyWebhook(wh_headers($id, (string) $ts, $ours), $tampered, $secret, 300, $ts),
                    TronPay::E_VERIFY, 'tampered');
            }
        }
    });

    $t->run('header shapes', function (Harness $t) use ($tp) {
        $tp->verifyWebhook(['Webhook-Id' => WH_ID, 'WEBHOOK-TIMESTAMP' => (string) WH_TS,
            'webhook-Signature' => WH_PUBLISHED, 'Content-Type' => 'application/json'], WH_BODY, WH_SECRET, 300, WH_TS);
        $tp->verifyWebhook(['HTTP_WEBHOOK_ID' => WH_ID, 'HTTP_WEBHOOK_TIMESTAMP' => (string) WH_TS,
            'HTTP_WEBHOOK_SIGNATURE' => WH_PUBLISHED, 'REQUEST_TIME' => 1], WH_BODY, WH_SECRET, 300, WH_TS);
        $tp->verifyWebhook(['webhook-id' => [WH_ID], 'webhook-timestamp' => [(string) WH_TS],
            'webhook-signature' => [WH_PUBLISHED]], WH_BODY, WH_SECRET, 300, WH_TS);
        $tp->verifyWebhook(new ArrayIterator(wh_headers()), WH_BODY, WH_SECRET, 300, WH_TS);
        $t->ok(true);
        foreach (TronPay::WEBHOOK_HEADERS as $name) {
            $partial = wh_headers();
            unset($partial[$name]);
            $t->throws(WebhookVerificationException::class,
                fn () => $tp->verifyWebhook($partial, WH_BODY, WH_SECRET, 300, WH_TS), TronPay::E_VERIFY, "missing $name");
        }
        $t->throws(WebhookVerificationException::class, fn () => $tp->verifyWebhook(wh_headers() +
            ['Webhook-Id' => 'x'], WH_BODY, WH_SECRET, 300, WH_TS), TronPay::E_VERIFY, 'repeated');
        $t->throws(WebhookVerificationException::class, fn () => $tp->verifyWebhook(['webhook-id' => ['a', 'b']]
            + wh_headers(), WH_BODY, WH_SECRET, 300, WH_TS), TronPay::E_VERIFY, 'PSR-7 list of two');
        $t->throws(WebhookVerificationException::class, fn () => $tp->verifyWebhook(wh_headers("a\0b"), WH_BODY,
            WH_SECRET, 300, WH_TS), TronPay::E_VERIFY, 'NUL');
    });

    $t->run('the clock, signed headers, argument errors', function (Harness $t) use ($tp) {
        $h = $tp->signWebhookHeaders(WH_SECRET, 'evt_now', '{}');
        $t->same('application/json', $h['content-type'], 'content-type');
        $tp->verifyWebhook($h, '{}', WH_SECRET);
        $t->throws(WebhookVerificationException::class, fn () => $tp->verifyWebhook(wh_headers(), WH_BODY, WH_SECRET),
            TronPay::E_VERIFY, '2021 is too old');
        $t->throws(TronPayException::class, fn () => $tp->signWebhook('whsec_not base64', WH_ID, WH_TS, WH_BODY),
            TronPay::E_ARG, 'bad secret');
        $t->throws(TronPayException::class, fn () => $tp->signWebhook(WH_SECRET, WH_ID, -1, WH_BODY),
            TronPay::E_ARG, 'negative timestamp');
        $t->throws(TronPayException::class, fn () => $tp->verifyWebhook(wh_headers(), WH_BODY, WH_SECRET, -1, WH_TS),
            TronPay::E_ARG, 'negative tolerance');
        $t->throws(TronPayException::class, fn () => $tp->signWebhook("whsec_\0", WH_ID, WH_TS, WH_BODY),
            TronPay::E_ARG, 'NUL in the secret');
    });

    $t->run('epusdt vectors: wiki, derived callback, numeric zero, rule edges', function (Harness $t) use ($tp, $v) {
        foreach ($v['epusdt']['sign'] as $c) {
            $t->same($c['signature'], $tp->signEpusdt($c['params'], $c['api_token']), $c['name']);
        }
        $token = 'epusdt_password_xasddawqe';
        $t->same('1cd4b52df5587cfb1968b0c0c6e156cd', $tp->signEpusdt(['order_id' => '20220201030210321',
            'amount' => 42, 'notify_url' => 'http://example.com/notify',
            'redirect_url' => 'http://example.com/redirect'], $token), 'wiki as an array');
        $callback = ['trade_id' => '202203251648208648961728', 'order_id' => '2022123321312321321',
            'amount' => 100, 'actual_amount' => 15.625, 'token' => 'TNEns8t9jbWENbStkQdVQtHMGpbsYsQjZK',
            'block_transaction_id' => '123333333321232132131', 'status' => 2];
        $t->same('a9a2530ea673dbf920e50ff6a9ce4789', $tp->signEpusdt($callback, $token), 'callback');
        $tp->verifyEpusdt($callback + ['signature' => 'a9a2530ea673dbf920e50ff6a9ce4789'], $token);
        $expired = ['actual_amount' => 0, 'block_transaction_id' => '', 'status' => 3] + $callback;
        $json = json_encode($expired);
        $t->same(go_epusdt_sign($json, $token), $tp->signEpusdt($expired, $token), 'zero, PHP Go rules');
        $t->same('ad6105c15068f8359f6a35b0041453bd', $tp->signEpusdt($expired, $token), 'zero vector');
        // PHP 7's loose $val == '' dropped the numeric zero; epusdt's Go keeps it.
        $t->ok($tp->signEpusdt($expired, $token) !== $tp->signEpusdt(array_diff_key($expired,
            ['actual_amount' => 1]), $token), 'zero is signed');
    });

    $t->run('epusdt against the Go rules on random numbers', function (Harness $t) use ($tp) {
        for ($i = 0; $i < 1000; $i++) {
            $params = [];
            for ($k = 0; $k < 6; $k++) {
                $f = unpack('E', random_bytes(8))[1];
                $params["k$k"] = is_finite($f) ? $f : 1.5;
            }
            $params['small'] = round(mt_rand() / mt_getrandmax(), mt_rand(0, 8));
            $json = json_encode($params, JSON_PRESERVE_ZERO_FRACTION);
            $t->same(go_epusdt_sign($json, 'tok'), $tp->signEpusdt($json, 'tok'), $json);
        }
    });

    $t->run('epusdt refuses hostile params', function (Harness $t) use ($tp, $v) {
        foreach ($v['epusdt']['refused'] as $c) {
            $params = isset($c['params']) ? $c['params'] : hex2bin($c['params_hex']);
            foreach (['signEpusdt', 'verifyEpusdt'] as $fn) {
                try {
                    $tp->$fn($params, 'token');
                    $t->ok(false, "$c[name]: nothing thrown");
                } catch (TronPayException $e) {
                    $t->ok(!($e instanceof WebhookVerificationException) && $e->status === TronPay::E_JSON,
                        "$c[name]: " . $e->getMessage());
                }
            }
        }
        $t->throws(\TypeError::class, fn () => $tp->signEpusdt([1, 2], 'token'), null, 'a list');
        $t->throws(TronPayException::class, fn () => $tp->signEpusdt(['a' => 1], ''), TronPay::E_ARG, 'empty token');
    });

    $t->run('epusdt verification failures', function (Harness $t) use ($tp) {
        $token = 'epusdt_password_xasddawqe';
        $signed = ['amount' => 42, 'signature' => $tp->signEpusdt(['amount' => 42], $token)];
        $tp->verifyEpusdt($signed, $token);
        $tp->verifyEpusdt(json_encode($signed), $token);
        foreach ([['amount' => 42], ['amount' => 43] + $signed, ['signature' => null] + $signed,
            ['signature' => strtoupper($signed['signature'])] + $signed] as $bad) {
            $t->throws(WebhookVerificationException::class, fn () => $tp->verifyEpusdt($bad, $token),
                TronPay::E_VERIFY, json_encode($bad));
        }
        $t->throws(WebhookVerificationException::class, fn () => $tp->verifyEpusdt($signed, $token . 'x'),
            TronPay::E_VERIFY, 'other token');
        $t->same(33, $tp->sizes()['epusdt_signature'], 'size');
    });
};
