<?php
// Hashes, keys and addresses against the shared vectors.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $addresses = load_json('Tests/vectors/addresses.json');
    $keccak = load_json('Tests/vectors/keccak.json');
    $n = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';

    $t->run('private key → public key → address', function (Harness $t) use ($tp, $addresses) {
        $t->ok(count($addresses['private_key_to_address']) >= 10, 'enough vectors');
        foreach ($addresses['private_key_to_address'] as $c) {
            $key = hex2bin($c['private_key']);
            $t->same(true, $tp->isValidPrivateKey($key), 'valid');
            $pub = $tp->publicKeyFromPrivateKey($key);
            $t->same(strtolower($c['public_key_uncompressed']), bin2hex($pub), 'pubkey');
            $t->same($c['address_base58'], $tp->addressFromPrivateKey($key), 'from private');
            $t->same($c['address_base58'], $tp->addressFromPublicKey($pub), 'from public');
            $t->same($c['address_base58'], $tp->addressFromPublicKey(hex2bin($c['public_key_compressed'])),
                'from compressed');
            $t->same($c['address_hex'], $tp->addressToHex($c['address_base58']), 'hex');
        }
        foreach ($addresses['public_key_to_address'] as $c) {
            $t->same($c['address_base58'], $tp->addressFromPublicKey(hex2bin('04' . $c['public_key_xy'])), 'xy');
        }
    });

    $t->run('the three address forms parse to the same bytes', function (Harness $t) use ($tp, $addresses) {
        foreach (array_merge($addresses['hex_base58_pairs'], $addresses['testnet_tokens']) as $c) {
            $raw = hex2bin($c['address_hex']);
            foreach ([$c['address_base58'], $c['address_hex'], strtoupper($c['address_hex']),
                $c['address_evm_0x']] as $form) {
                $t->same($raw, $tp->parseAddress($form), $form);
            }
            $t->same($c['address_base58'], $tp->addressToBase58($raw), 'to base58');
            $t->same($c['address_hex'], $tp->addressToHex($raw), 'to hex');
            $t->same($c['address_base58'], $tp->addressToBase58($c['address_evm_0x']), 'evm to base58');
        }
    });

    $t->run('invalid addresses throw E_ADDRESS', function (Harness $t) use ($tp, $addresses) {
        $good = $addresses['hex_base58_pairs'][0]['address_base58'];
        $refused = array_filter(array_column($addresses['invalid_addresses'], 'input'),
            fn ($s) => !str_starts_with($s, '0x')); // "0x" + 40 hex digits is the accepted EVM form
        array_push($refused, " $good", "$good\n", substr($good, 0, -1), strtolower($good), '',
            '41' . str_repeat('00', 19));
        $t->ok(count($refused) >= 12, 'enough cases');
        foreach ($refused as $text) {
            $t->throws(TronPayException::class, fn () => $tp->parseAddress($text), TronPay::E_ADDRESS,
                var_export($text, true));
        }
        $t->throws(TronPayException::class, fn () => $tp->parseAddress("$good\0junk"), TronPay::E_ARG,
            'embedded NUL');
        $wrong = hex2bin($addresses['hex_base58_pairs'][0]['address_hex']);
        $wrong[0] = "\xa0";
        $t->throws(TronPayException::class, fn () => $tp->addressToBase58($wrong), TronPay::E_ADDRESS,
            'version byte');
    });

    $t->run('out-of-range private keys', function (Harness $t) use ($tp, $n) {
        $nPlus1 = substr($n, 0, -1) . '2';
        foreach ([str_repeat('00', 32), $n, $nPlus1, str_repeat('ff', 32)] as $hex) {
            $key = hex2bin($hex);
            $t->same(false, $tp->isValidPrivateKey($key), "invalid $hex");
            $t->throws(TronPayException::class, fn () => $tp->addressFromPrivateKey($key),
                TronPay::E_KEY, "address of $hex");
            $t->throws(TronPayException::class, fn () => $tp->publicKeyFromPrivateKey($key),
                TronPay::E_KEY, "pubkey of $hex");
        }
        $nMinus1 = substr($n, 0, -1) . '0';
        $t->same(true, $tp->isValidPrivateKey(hex2bin($nMinus1)), 'n-1 valid');
        $t->same(true, $tp->isValidPrivateKey(hex2bin(str_repeat('00', 31) . '01')), '1 valid');
    });

    $t->run('wrong lengths are refused', function (Harness $t) use ($tp) {
        foreach ([0, 31, 33] as $len) {
            $t->throws(TronPayException::class, fn () => $tp->addressFromPrivateKey(str_repeat("\1", $len)),
                TronPay::E_ARG, "length $len");
        }
        $t->throws(TronPayException::class, fn () => $tp->addressFromPublicKey(str_repeat("\4", 64)),
            TronPay::E_KEY, '64-byte public key');
        $t->throws(TronPayException::class,
            fn () => $tp->addressFromPublicKey("\2" . str_repeat("\xff", 32)), TronPay::E_KEY, 'off curve');
    });

    $t->run('keccak256 and sha256 known answers', function (Harness $t) use ($tp, $keccak) {
        foreach (array_merge($keccak['keccak256'], $keccak['keccak256_padding_boundaries']) as $c) {
            $data = isset($c['input_utf8']) ? $c['input_utf8'] : hex2bin($c['input_hex']);
            $t->same($c['input_length'], strlen($data), 'length');
            $t->same($c['keccak256'], bin2hex($tp->keccak256($data)), 'keccak');
        }
        foreach ($keccak['trc20_abi'] as $c) {
            $t->same($c['keccak256'], bin2hex($tp->keccak256($c['signature'])), $c['signature']);
        }
        foreach ($keccak['sha3_256_contrast'] as $c) {
            $t->ok(bin2hex($tp->keccak256($c['input_utf8'])) !== $c['sha3_256'], 'not SHA3');
        }
        foreach ($keccak['sha256_examples'] as $c) {
            $t->same($c['sha256'], bin2hex($tp->sha256($c['input_utf8'])), 'sha256');
        }
        foreach (['', "\0", str_repeat(implode('', array_map('chr', range(0, 255))), 5)] as $data) {
            $t->same(hash('sha256', $data, true), $tp->sha256($data), 'sha256 vs hash()');
        }
    });

    $t->run('generated keys are valid and distinct', function (Harness $t) use ($tp) {
        $seen = [];
        for ($i = 0; $i < 8; $i++) {
            $key = $tp->generatePrivateKey();
            $t->same(32, strlen($key), 'length');
            $t->same(true, $tp->isValidPrivateKey($key), 'valid');
            $t->ok(preg_match('/^T[1-9A-HJ-NP-Za-km-z]{33}$/', $tp->addressFromPrivateKey($key)) === 1, 'address');
            $seen[bin2hex($key)] = true;
        }
        $t->same(8, count($seen), 'distinct');
    });
};
