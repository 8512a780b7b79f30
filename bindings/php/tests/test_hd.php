<?php
// HD wallets against Tests/vectors/hd.json.

declare(strict_types=1);

use TronPay\TronPay;
use TronPay\TronPayException;

return function (Harness $t, TronPay $tp): void {
    $hd = load_json('Tests/vectors/hd.json');
    $ab = $hd['abandon_about'];

    $t->run('abandon … about: seed, keys, xpub, watch-only addresses', function (Harness $t) use ($tp, $ab) {
        $t->same(true, $tp->isValidMnemonic($ab['mnemonic']), 'valid');
        $seed = $tp->mnemonicToSeed($ab['mnemonic']);
        $t->same($ab['seed'], bin2hex($seed), 'seed');
        $byIndex = [];
        foreach ($ab['addresses'] as $c) {
            $key = $tp->hdPrivateKey($seed, $c['path']);
            $t->same($c['private_key'], bin2hex($key), $c['path']);
            $t->same($c['address_base58'], $tp->addressFromPrivateKey($key), $c['path']);
            $byIndex[(int) substr($c['path'], strrpos($c['path'], '/') + 1)] = $c['address_base58'];
        }
        $node = $ab['account_node'];
        $t->same($node['ext_pub'], $tp->hdXpub($seed, $node['path']), 'xpub');
        $t->same($node['ext_prv'], $tp->hdXprv($seed, $node['path']), 'xprv');
        $t->same(array_map(fn ($i) => $byIndex[$i], range(0, 5)), $tp->xpubDeriveAddresses($node['ext_pub'], 0, 0, 6),
            'first six');
        $t->same([$byIndex[42]], $tp->xpubDeriveAddresses($node['ext_pub'], 0, 42, 1), 'index 42');
        $t->same([], $tp->xpubDeriveAddresses($node['ext_pub'], 0, 3, 0), 'none');
    });

    $t->run('passphrase and the BIP39 / BIP32 reference vectors', function (Harness $t) use ($tp, $hd) {
        $p = $hd['abandon_about_with_passphrase'];
        $seed = $tp->mnemonicToSeed($p['mnemonic'], $p['passphrase']);
        $t->same($p['seed'], bin2hex($seed), 'TREZOR seed');
        $t->same($p['address_base58'], $tp->addressFromPrivateKey($tp->hdPrivateKey($seed, $p['path'])), 'address');
        foreach ($hd['bip39_english_vectors']['vectors'] as $v) {
            $s = $tp->mnemonicToSeed($v['mnemonic'], $v['passphrase']);
            $t->same($v['seed'], bin2hex($s), 'bip39 seed');
            $t->same($v['master_xprv'], $tp->hdXprv($s, 'm'), 'master xprv');
        }
        foreach ($hd['bip32_vectors']['vectors'] as $v) {
            foreach ($v['chains'] as $c) {
                $t->same($c['ext_pub'], $tp->hdXpub(hex2bin($v['seed']), $c['path']), $c['path']);
                $t->same($c['ext_prv'], $tp->hdXprv(hex2bin($v['seed']), $c['path']), $c['path']);
            }
        }
    });

    $t->run('mnemonics: generated ones are valid, bad ones refused', function (Harness $t) use ($tp, $ab) {
        foreach ([12, 15, 18, 21, 24] as $n) {
            $words = $tp->generateMnemonic($n);
            $t->same($n, count(explode(' ', $words)), "$n words");
            $t->same(true, $tp->isValidMnemonic($words), "$n valid");
        }
        $t->same(12, count(explode("\u{3000}", $tp->generateMnemonic(12, 'japanese'))), 'japanese');
        $t->throws(TronPayException::class, fn () => $tp->generateMnemonic(13), TronPay::E_ARG, '13 words');
        $words = explode(' ', $ab['mnemonic']);
        foreach ([implode(' ', [...array_slice($words, 0, -1), 'abandon']), implode(' ', array_slice($words, 0, -1)),
            strtoupper($ab['mnemonic']), ''] as $bad) {
            $t->same(false, $tp->isValidMnemonic($bad), "invalid: $bad");
            $t->throws(TronPayException::class, fn () => $tp->mnemonicToSeed($bad), TronPay::E_MNEMONIC, 'seed');
        }
    });

    $t->run('paths and extended keys are checked', function (Harness $t) use ($tp, $ab) {
        $seed = hex2bin($ab['seed']);
        foreach (['', 'm/', 'm//0', 'm/01', 'm/2147483648', 'm/1H'] as $path) {
            $t->throws(TronPayException::class, fn () => $tp->hdPrivateKey($seed, $path), TronPay::E_PATH, $path);
        }
        $t->throws(TronPayException::class, fn () => $tp->hdXpub(substr($seed, 0, 15), 'm'), TronPay::E_ARG, 'short');
        $node = $ab['account_node'];
        $t->throws(TronPayException::class, fn () => $tp->xpubDeriveAddresses($node['ext_prv']), TronPay::E_XKEY,
            'xprv');
        $t->throws(TronPayException::class, fn () => $tp->xpubDeriveAddresses($node['ext_pub'], 0, 2 ** 31 - 1, 2),
            TronPay::E_PATH, 'index');
        $t->throws(TronPayException::class, fn () => $tp->xpubDeriveAddresses($node['ext_pub'], 0, 0, 1000001),
            TronPay::E_ARG, 'count');
    });
};
