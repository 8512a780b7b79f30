<?php
// TIP-104 messages and raw digests against Tests/vectors/messages.json.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $m = load_json('Tests/vectors/messages.json');
    $sig = fn (string $h) => hex2bin(str_starts_with($h, '0x') ? substr($h, 2) : $h);
    $msg = fn (array $c) => $c['message_kind'] === 'utf8' ? $c['message'] : hex2bin($c['message_bytes_hex']);

    $t->run('v2 sign, recover, verify', function (Harness $t) use ($tp, $m, $sig, $msg) {
        foreach ($m['v2'] as $c) {
            $t->same($sig($c['signature']), $tp->signMessage($msg($c), hex2bin($c['private_key'])), $c['name']);
            $t->same($c['address'], $tp->recoverMessageSigner($msg($c), $sig($c['signature'])), 'recover');
            $t->same(true, $tp->verifyMessage($msg($c), $sig($c['signature']), $c['address']), 'verify');
        }
        [$a, , , $b] = $m['v2'];
        $t->same(false, $tp->verifyMessage($msg($a), $sig($a['signature']), $b['address']), 'other signer');
        $bad = $sig($a['signature']);
        $bad[64] = chr(29);
        $t->throws(TronPayException::class, fn () => $tp->verifyMessage($a['message'], $bad, $a['address']),
            TronPay::E_SIGNATURE, 'v 29');
        $t->throws(TronPayException::class, fn () => $tp->recoverMessageSigner('x', str_repeat("\0", 64)),
            TronPay::E_ARG, '64 bytes');
    });

    $t->run('v1 legacy and raw digests', function (Harness $t) use ($tp, $m, $sig) {
        foreach ($m['v1_legacy'] as $c) {
            $t->same($c['address'], $tp->recoverMessageSignerV1(hex2bin($c['message_hex']), $sig($c['signature'])),
                'v1 recover');
            $t->same(true, $tp->verifyMessageV1(hex2bin($c['message_hex']), $sig($c['signature']), $c['address']),
                'v1 verify');
        }
        foreach ($m['v2'] as $c) {
            $digest = hex2bin($c['digest_keccak256']);
            $raw = $tp->signDigest($digest, hex2bin($c['private_key']));
            $tron = $sig($c['signature']);
            $t->same(substr($tron, 0, 64), substr($raw, 0, 64), 'same r, s');
            $t->same(ord($tron[64]) - 27, ord($raw[64]), 'v without 27');
            $t->same($c['address'], $tp->recoverDigestSigner($digest, $raw), 'digest recover');
        }
    });
};
